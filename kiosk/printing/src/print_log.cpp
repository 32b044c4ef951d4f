#include "bianmin/printing/print_log.hpp"

#include <mutex>

namespace bianmin::printing {

sync::Event print_event(const PrintRecord& r) {
  sync::Event e;
  e.kind = sync::EventKind::Print;
  e.item = r.item.empty() ? r.title : r.item;
  e.value = 1;
  e.text = (r.ok ? std::string("ok") : "failed: " + (r.reason.empty() ? std::string("未知") : r.reason)) +
           "; pages=" + std::to_string(r.pages);
  e.at = r.unix_time;
  return e;
}

struct OutboxLogger::State {
  std::filesystem::path path;
  std::mutex mu;
  std::unique_ptr<sync::Outbox> outbox;
  std::string error;
};

OutboxLogger::OutboxLogger(std::filesystem::path path) : state_(std::make_shared<State>()) {
  state_->path = std::move(path);
}
OutboxLogger::~OutboxLogger() = default;

void OutboxLogger::operator()(const PrintRecord& record) {
  std::lock_guard<std::mutex> lk(state_->mu);
  if (!state_->outbox) {
    auto o = sync::Outbox::open(state_->path);
    if (!o) {
      state_->error = o.error().message;
      return;
    }
    state_->outbox = std::move(*o);
  }
  Status s = state_->outbox->append(print_event(record));
  state_->error = s ? std::string() : s.error().message;
}

std::string OutboxLogger::last_error() const {
  std::lock_guard<std::mutex> lk(state_->mu);
  return state_->error;
}

std::function<void(const PrintRecord&)> outbox_logger(const std::filesystem::path& path) {
  OutboxLogger logger(path);
  return [logger](const PrintRecord& r) mutable { logger(r); };
}

}  // namespace bianmin::printing
