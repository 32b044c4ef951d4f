// The hub's store (SQLite, hub.db in the data directory): enrolled terminals, their last
// heartbeat, and the outbox batches they uploaded. One connection behind a mutex, prepared
// statements reused, and no fsync under that mutex (a county moves this to PostgreSQL: see
// sync/README.md).
//
// What survives a power cut (WAL, synchronous=NORMAL, plus our own fsync of the WAL):
//  - an outbox batch is on disk before add_batch() returns, i.e. before the terminal hears its
//    acknowledgement and deletes it from its own outbox. Concurrent batches share one fsync
//    (group commit), done outside the store's mutex so heartbeats never wait for the disk;
//  - enrollments, enroll codes and follow-up edits are durable the same way;
//  - a heartbeat is not synced by itself: a power cut may lose the last few seconds of them,
//    which is harmless (the terminal sends the next one within its interval), and the next
//    synced write carries them to disk anyway.
//  The database itself is never corrupted by a power cut in WAL mode, whatever is lost.
//
// Promises:
//  - Terminal tokens are stored as sha256 hashes only.
//  - add_batch() is idempotent per (terminal, batch id): a retried batch is acknowledged
//    again and its events are not stored twice.
//  - An enrolled terminal id is never taken over by the shared enrollment token: replacing it
//    needs a single-use, expiring code that staff made for that id (new_enroll_code).
#pragma once
#include <cstdint>
#include <filesystem>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/base/sqlite.hpp"
#include "bianmin/sync/outbox.hpp"
#include "bianmin/sync/wire.hpp"
#include "ratings.hpp"

struct sqlite3;

namespace bianmin::hub {

// What a terminal reports (the wire protocol's heartbeat, stored as it came).
using Heartbeat = sync::wire::Heartbeat;

// A terminal's screenshot on request (issue 18): the last request staff made and the last
// answer the terminal sent. Request ids grow across the hub; one is pending while
// answer_id < request_id.
struct ScreenshotRow {
  int64_t request_id = 0, requested_at = 0;
  std::string requested_by;
  int64_t answer_id = 0, answered_at = 0;
  std::string outcome;   // of the last answer: "ok" or "refused" ("" = none yet)
  std::string message;   // why refused, in the terminal's words (sync::kRefusedNames…)
  int64_t image_at = 0;  // when the kept picture was taken (0 = none): a refusal keeps the last one
  bool pending() const { return answer_id < request_id; }
};

struct TerminalRow {
  std::string id;
  std::string name;
  int64_t last_seen = 0;  // unix seconds, 0 = never
  Heartbeat hb;
  int64_t batches = 0;
  int64_t events = 0;
};

class HubStore {
 public:
  static Result<std::unique_ptr<HubStore>> open(const std::filesystem::path& path);
  ~HubStore();

  // Enrolls a terminal and returns its new token. An id already enrolled is refused (field
  // "terminal_id") unless `replace` (a staff code for that id): then its old token stops working.
  Result<std::string> enroll(const std::string& terminal_id, const std::string& name, bool replace = false);
  // Staff: a single-use enrollment code valid for `valid_s` seconds. With a terminal id it
  // re-enrolls (replaces) that id only; without one it enrolls any new id.
  Result<std::string> new_enroll_code(const std::string& terminal_id, int64_t valid_s);
  // The id an unused, unexpired code is for ("" = any new id); nullopt = not a valid code.
  std::optional<std::string> enroll_code(const std::string& code);
  // Marks a code used; false when it is not (or no longer) valid.
  bool use_enroll_code(const std::string& code);
  // Deletes outbox batches (and their events) received more than `days` days ago; returns
  // the number of events deleted.
  Result<int64_t> prune_reports(int days);
  // The terminal a token belongs to.
  std::optional<std::string> terminal_for_token(const std::string& token);
  Status heartbeat(const std::string& terminal_id, const Heartbeat& hb);
  // Returns true when the batch was new, false when it had been stored before. Every 差评 in a
  // new batch (a rating of 1 or 2) opens a follow-up due followup_days working days later.
  Result<bool> add_batch(const std::string& terminal_id, const std::string& batch_id,
                         const std::vector<sync::StoredEvent>& events);
  std::vector<TerminalRow> terminals();
  int64_t event_count();
  // When this hub first served `version` of `channel` (unix seconds; 0 = not recorded, e.g.
  // published before the hub kept this).
  void record_version(const std::string& channel, int64_t version, int64_t at);
  int64_t version_published_at(const std::string& channel, int64_t version);

  // Screenshots on request (bianmin/sync/screen_request.hpp). A new request from staff (fails,
  // field "terminal_id", for an unknown terminal) returns its id; the terminal hears of it in its
  // heartbeat answer while pending_screenshot() names it.
  Result<int64_t> request_screenshot(const std::string& terminal_id, const std::string& by, int64_t at);
  int64_t pending_screenshot(const std::string& terminal_id);  // 0 = none
  // The terminal's answer to request `id`: "ok" with the PNG, or "refused" with why. Refused
  // (field "id") unless `id` is the pending request.
  Status store_screenshot(const std::string& terminal_id, int64_t id, const std::string& outcome,
                          const std::string& message, int64_t taken_at, const std::string& png);
  std::optional<ScreenshotRow> screenshot(const std::string& terminal_id);
  std::optional<std::string> screenshot_png(const std::string& terminal_id);

  // 好差评 (ratings.hpp): the ratings, the suggestions (feedback events) and the follow-ups of
  // ratings left in [from, to), oldest first.
  void set_followup_days(int days) { followup_days_ = days; }
  std::vector<ratings::Rating> ratings(int64_t from, int64_t to);
  std::vector<ratings::Suggestion> suggestions(int64_t from, int64_t to);
  std::vector<ratings::FollowUp> followups(int64_t from, int64_t to);
  std::optional<ratings::FollowUp> followup(int64_t id);
  // Staff records who follows a 差评 up, by when, and what came of it. Fails (field named)
  // for an unknown id or a deadline that is not a date.
  Status update_followup(int64_t id, const std::string& owner, const std::string& deadline, const std::string& outcome,
                         bool done, const std::string& by, int64_t at);

 private:
  HubStore(sqlite3* db, std::filesystem::path wal) : db_(db), stmts_(db), wal_path_(std::move(wal)) {}
  // Makes every commit up to number `seq` durable: one fsync of the WAL serves every caller
  // waiting at that moment. Called without mu_ held.
  Status make_durable(uint64_t seq);
  // add_batch() under mu_, without the fsync.
  Result<bool> store_batch(const std::string& terminal_id, const std::string& batch_id,
                           const std::vector<sync::StoredEvent>& events);
  // Counts a commit that must survive a power cut; returns its number for make_durable().
  uint64_t committed() { return written_.fetch_add(1) + 1; }

  sqlite3* db_;
  std::mutex mu_;  // the connection and stmts_
  sql::StatementCache stmts_;
  std::filesystem::path wal_path_;  // empty = synchronous=FULL at every commit (no WAL)
  // Group commit: commits written so far, made durable so far, whether an fsync is running.
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;
  std::atomic<uint64_t> written_{0};
  uint64_t synced_ = 0;
  bool syncing_ = false;
  int wal_fd_ = -1;
  // Terminal tokens seen (sha256 → id): the guard and the handler ask for every request.
  std::mutex token_mu_;
  std::unordered_map<std::string, std::string> token_ids_;
  int followup_days_ = 5;
  // Pending screenshot requests (terminal → id), so a heartbeat asks no query for them.
  std::mutex shot_mu_;
  std::unordered_map<std::string, int64_t> pending_shots_;
};

}  // namespace bianmin::hub
