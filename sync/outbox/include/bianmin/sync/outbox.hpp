// The terminal's outbox: what the kiosk and printing report (views, searches, prints, ratings,
// feedback), kept in a small SQLite file in the state directory until the sync agent has
// uploaded it and the hub has acknowledged it.
//
// Promises:
//  - Durable: WAL journal with synchronous=FULL, so an append that returned ok survives a
//    power cut. Several processes may hold it open at once (the kiosk appends, printing
//    appends, bianmin-sync reads and deletes); writers wait up to a few seconds for a lock.
//  - No personal data: every free text (search queries, feedback, print outcomes) passes
//    through redact_digit_runs() before it is stored, so nothing that could be an ID-card,
//    bank-card or phone number (a run of 6 or more digits) is ever written.
//  - Exactly once upstream: take_batch() tags pending events with a batch id and returns the
//    same batch (same id, same events) until acknowledge() deletes it, so a retried upload
//    carries the same id and the hub can drop the duplicate. Only acknowledged events are
//    deleted.
//  - Bounded: when more than OutboxOptions::max_events are pending (a terminal offline for
//    months), the oldest events not yet in a batch are dropped first.
//  - Errors come back as values; nothing throws.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/result.hpp"

struct sqlite3;

namespace bianmin::sync {

enum class EventKind { View, Search, Print, Rating, Feedback };

// "view", "search", "print", "rating", "feedback"
const char* event_kind_name(EventKind kind);
std::optional<EventKind> event_kind_from_name(std::string_view name);

// One thing that happened at the kiosk. Which fields mean what, per kind:
//   View     item = what was opened ("guide/<code>", "card/<id>", "fund/<id>", "policy/<id>",
//              "screen/<name>"), value unused
//   Search   text = the query (redacted), value = number of hits, item = hit opened if any
//   Print    item = what was printed, value = copies, text = outcome ("ok", "failed: …")
//   Rating   item = what was rated, value = 1..5
//   Feedback item = what it is about (may be empty), text = the words left (redacted)
struct Event {
  EventKind kind = EventKind::View;
  std::string item;
  std::string text;
  int64_t value = 0;
  int64_t at = 0;  // unix seconds (UTC); 0 = now
};

// An event as stored, with its place in the outbox.
struct StoredEvent {
  int64_t seq = 0;  // increasing, unique within this outbox file
  Event event;
};

struct OutboxBatch {
  std::string id;  // 32 hex chars, random; the same until the batch is acknowledged
  std::vector<StoredEvent> events;
  bool empty() const { return events.empty(); }
};

struct OutboxOptions {
  int64_t max_events = 200000;  // pending events kept at most; the oldest unbatched go first
  int busy_timeout_ms = 5000;   // how long a writer waits for another process's lock
};

// Replaces every run of 6 or more digits (ASCII 0-9 or full-width ０-９, with a trailing
// X/x as in ID-card numbers) by "***", and cuts the text to at most 512 bytes on a UTF-8
// character boundary.
std::string redact_digit_runs(std::string_view text);

class Outbox {
 public:
  // Opens (creating if needed, with its parent directory) the outbox at `path`,
  // e.g. /var/lib/bianmin/outbox.db.
  static Result<std::unique_ptr<Outbox>> open(const std::filesystem::path& path, const OutboxOptions& options = {});
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Stores one event durably (free text redacted first).
  Status append(const Event& event);

  // The batch to upload next: the open (unacknowledged) batch if there is one, else up to
  // `max_events` of the oldest pending events tagged with a new id. Empty when nothing is
  // pending.
  Result<OutboxBatch> take_batch(int max_events = 500);

  // Deletes the events of an acknowledged batch. Unknown ids are fine (already deleted):
  // returns how many events went.
  Result<int64_t> acknowledge(std::string_view batch_id);

  // Events stored and not yet acknowledged (in a batch or not).
  Result<int64_t> pending_count();

  const std::filesystem::path& path() const { return path_; }

 private:
  Outbox(sqlite3* db, std::filesystem::path path, OutboxOptions options)
      : db_(db), path_(std::move(path)), options_(options) {}
  Status trim_if_needed();
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  OutboxOptions options_;
  int appends_since_trim_ = 0;
};

}  // namespace bianmin::sync
