// The hub's store: enrolled terminals, their last heartbeat, the outbox batches they
// uploaded, screenshots on request, 好差评 follow-ups, when each version came out. One class,
// two engines behind it (store_engine.hpp): SQLite (hub.db in the data directory, one hall) or
// PostgreSQL (a county: hub.toml [store], see sync/README.md). This class makes tokens and
// codes, hashes them, redacts text, decides follow-ups and keeps the caches, so both engines
// keep the same promises; the engines only store and find.
//
// What survives a power cut:
//  - an outbox batch is on disk before add_batch() returns, i.e. before the terminal hears its
//    acknowledgement and deletes it from its own outbox (SQLite: WAL, synchronous=NORMAL plus
//    our own group-committed fsync of the WAL outside the store's mutex; PostgreSQL: the
//    commit, synchronous_commit=on);
//  - enrollments, enroll codes, screenshot requests and follow-up edits are durable the same way;
//  - a heartbeat is not synced by itself: a power cut may lose the last few seconds of them,
//    which is harmless (the terminal sends the next one within its interval), and the next
//    synced write carries them to disk anyway (PostgreSQL: synchronous_commit=off for it).
//
// Promises:
//  - Terminal tokens and enrollment codes are stored as sha256 hashes only.
//  - add_batch() is idempotent per (terminal, batch id): a retried batch is acknowledged
//    again and its events are not stored twice.
//  - An enrolled terminal id is never taken over by the shared enrollment token: replacing it
//    needs a single-use, expiring code that staff made for that id (new_enroll_code).
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/sync/outbox.hpp"
#include "bianmin/sync/wire.hpp"
#include "ratings.hpp"

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

class StoreEngine;

// Where the store lives (hub.toml [store]).
struct StoreChoice {
  enum class Engine { Sqlite, Postgresql };
  Engine engine = Engine::Sqlite;
  std::filesystem::path sqlite_path;  // Sqlite: <data_dir>/hub.db
  std::string connection;             // Postgresql: a libpq connection string
};

class HubStore {
 public:
  // SQLite at `path` (created when missing).
  static Result<std::unique_ptr<HubStore>> open(const std::filesystem::path& path);
  // The engine `choice` names; PostgreSQL's tables are created when missing. Fails (field
  // "store.connection") when the server cannot be reached or refuses.
  static Result<std::unique_ptr<HubStore>> open(const StoreChoice& choice);
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
  explicit HubStore(std::unique_ptr<StoreEngine> engine);
  static Result<std::unique_ptr<HubStore>> with(Result<std::unique_ptr<StoreEngine>> engine);

  std::unique_ptr<StoreEngine> engine_;
  // Terminal tokens seen (sha256 → id): the guard and the handler ask for every request.
  std::mutex token_mu_;
  std::unordered_map<std::string, std::string> token_ids_;
  int followup_days_ = 5;
  // Pending screenshot requests (terminal → id), so a heartbeat asks no query for them.
  std::mutex shot_mu_;
  std::unordered_map<std::string, int64_t> pending_shots_;
};

}  // namespace bianmin::hub
