// The print log: every ended print job becomes one outbox event for the hall's statistics.
//
// Promises:
//  - print_event() maps a PrintRecord to a sync::Event of kind Print: item = what was printed,
//    value = copies (always 1), text = outcome as the outbox documents it ("ok" or
//    "failed: <reason>") followed by "; pages=N", at = when the job ended.
//  - outbox_logger(path) returns a callback for PrintService that appends those events to
//    the outbox file at `path`, through its own connection opened on first use (the outbox
//    allows several writers), so the kiosk's own Outbox object is never touched from the
//    print worker. Errors are kept, not thrown: last_error() says what went wrong, if anything.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "bianmin/printing/print_service.hpp"
#include "bianmin/sync/outbox.hpp"

namespace bianmin::printing {

sync::Event print_event(const PrintRecord& record);

class OutboxLogger {
 public:
  explicit OutboxLogger(std::filesystem::path path);
  ~OutboxLogger();
  void operator()(const PrintRecord& record);  // worker thread
  std::string last_error() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// A PrintService on_record callback writing to the outbox at `path`.
std::function<void(const PrintRecord&)> outbox_logger(const std::filesystem::path& path);

}  // namespace bianmin::printing
