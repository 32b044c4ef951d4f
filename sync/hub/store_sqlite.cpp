// The hub's store on SQLite (store_engine.hpp): hub.db in the data directory. One connection
// behind a mutex, prepared statements reused, and no fsync under that mutex: WAL with
// synchronous=NORMAL, and what must survive a power cut is made durable by one fsync of the WAL
// shared by every caller waiting at that moment (group commit, make_durable).
#include "store_engine.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "bianmin/base/sqlite.hpp"
#include "store_rows.hpp"

namespace bianmin::hub {
using sql::Stmt;

namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS terminals(
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', token_sha256 TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL, last_seen INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL DEFAULT '', content_version INTEGER NOT NULL DEFAULT 0,
  content_label TEXT NOT NULL DEFAULT '', last_sync TEXT NOT NULL DEFAULT '',
  printer_state TEXT NOT NULL DEFAULT '', disk_free_mb INTEGER NOT NULL DEFAULT 0,
  uptime_s INTEGER NOT NULL DEFAULT 0, app_version TEXT NOT NULL DEFAULT '',
  freshness TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX IF NOT EXISTS terminals_token ON terminals(token_sha256);
CREATE TABLE IF NOT EXISTS batches(
  terminal_id TEXT NOT NULL, batch_id TEXT NOT NULL, received_at INTEGER NOT NULL,
  events INTEGER NOT NULL, PRIMARY KEY(terminal_id, batch_id));
CREATE TABLE IF NOT EXISTS events(
  terminal_id TEXT NOT NULL, batch_id TEXT NOT NULL, seq INTEGER NOT NULL,
  kind TEXT NOT NULL, at INTEGER NOT NULL, item TEXT NOT NULL, text TEXT NOT NULL,
  value INTEGER NOT NULL, PRIMARY KEY(terminal_id, batch_id, seq));
CREATE TABLE IF NOT EXISTS channel_versions(
  channel TEXT NOT NULL, version INTEGER NOT NULL, published_at INTEGER NOT NULL,
  PRIMARY KEY(channel, version));
CREATE TABLE IF NOT EXISTS enroll_codes(
  code_sha256 TEXT PRIMARY KEY, terminal_id TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, used_at INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS followups(
  id INTEGER PRIMARY KEY, terminal_id TEXT NOT NULL, batch_id TEXT NOT NULL, seq INTEGER NOT NULL,
  deadline TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '',
  done INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL DEFAULT 0, updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE(terminal_id, batch_id, seq));
CREATE INDEX IF NOT EXISTS events_kind_at ON events(kind, at);
CREATE TABLE IF NOT EXISTS screenshots(
  terminal_id TEXT PRIMARY KEY, request_id INTEGER NOT NULL DEFAULT 0, requested_at INTEGER NOT NULL DEFAULT 0,
  requested_by TEXT NOT NULL DEFAULT '', answer_id INTEGER NOT NULL DEFAULT 0, answered_at INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '', message TEXT NOT NULL DEFAULT '', image_at INTEGER NOT NULL DEFAULT 0, png BLOB);
)sql";

class SqliteEngine final : public StoreEngine {
 public:
  SqliteEngine(sqlite3* db, std::filesystem::path wal) : db_(db), stmts_(db), wal_path_(std::move(wal)) {}
  ~SqliteEngine() override {
    if (wal_fd_ >= 0) ::close(wal_fd_);
    sqlite3_close_v2(db_);  // closes once stmts_ (destroyed after this body) has finalized its statements
  }

  Result<bool> enroll(const std::string& id, const std::string& name, const std::string& token_sha256, int64_t at,
                      bool replace) override;
  Status add_enroll_code(const std::string& code_sha256, const std::string& terminal_id, int64_t at,
                         int64_t expires_at) override;
  std::optional<std::string> enroll_code(const std::string& code_sha256, int64_t now) override;
  bool use_enroll_code(const std::string& code_sha256, int64_t now) override;
  Result<int64_t> prune_reports(int64_t cutoff, int64_t now) override;
  std::optional<std::string> terminal_for_token(const std::string& token_sha256) override;
  Status heartbeat(const std::string& id, const Heartbeat& hb, int64_t at) override;
  Result<bool> add_batch(const std::string& id, const std::string& batch_id, int64_t at,
                         const std::vector<sync::StoredEvent>& events,
                         const std::vector<std::pair<int64_t, std::string>>& followups) override;
  std::vector<TerminalRow> terminals() override;
  int64_t event_count() override;
  void record_version(const std::string& channel, int64_t version, int64_t at) override;
  int64_t version_published_at(const std::string& channel, int64_t version) override;
  Result<int64_t> request_screenshot(const std::string& id, const std::string& by, int64_t at) override;
  std::vector<std::pair<std::string, int64_t>> pending_screenshots() override;
  Result<bool> store_screenshot(const std::string& id, int64_t rid, const std::string& outcome,
                                const std::string& message, int64_t at, int64_t taken_at,
                                const std::string* png) override;
  std::optional<ScreenshotRow> screenshot(const std::string& id) override;
  std::optional<std::string> screenshot_png(const std::string& id) override;
  std::vector<ratings::Rating> ratings(int64_t from, int64_t to) override;
  std::vector<ratings::Suggestion> suggestions(int64_t from, int64_t to) override;
  std::vector<ratings::FollowUp> followups(int64_t from, int64_t to) override;
  std::optional<ratings::FollowUp> followup(int64_t id) override;
  Result<bool> update_followup(int64_t id, const std::string& owner, const std::string& deadline,
                               const std::string& outcome, bool done, const std::string& by, int64_t at) override;

 private:
  // Makes every commit up to number `seq` durable: one fsync of the WAL serves every caller
  // waiting at that moment. Called without mu_ held.
  Status make_durable(uint64_t seq);
  // add_batch() under mu_, without the fsync.
  Result<bool> store_batch(const std::string& id, const std::string& batch_id, int64_t at,
                           const std::vector<sync::StoredEvent>& events,
                           const std::vector<std::pair<int64_t, std::string>>& followups);
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
};

}  // namespace

Result<std::unique_ptr<StoreEngine>> open_sqlite_engine(const std::filesystem::path& path) {
  using R = Result<std::unique_ptr<StoreEngine>>;
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  sql::Connection g(raw);
  if (rc != SQLITE_OK) return R::fail("cannot open hub store", path.string());
  sqlite3_busy_timeout(raw, 5000);
  // WAL with synchronous=NORMAL: a commit is written but not fsynced; make_durable() fsyncs
  // the WAL for what must survive a power cut (see hub_store.hpp). Should WAL be refused
  // (a file system without shared memory), every commit is synced instead.
  bool wal = false;
  {
    Stmt jm(raw, "PRAGMA journal_mode=WAL");
    wal = jm.step() && jm.text(0) == "wal";
  }
  for (const char* sql : {wal ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL", kSchema})
    if (auto st = sql::exec(raw, sql); !st)
      return R::fail("cannot prepare hub store: " + st.error().message, path.string());
  // A store from before the freshness column: add it (fails harmlessly when it is there).
  (void)sql::exec(raw, "ALTER TABLE terminals ADD COLUMN freshness TEXT NOT NULL DEFAULT ''");
  // Issue 18's columns: the agent's explicit sync status, its interval, its village.
  for (const char* col : {"sync_run_at INTEGER NOT NULL DEFAULT 0", "sync_outcome TEXT NOT NULL DEFAULT ''",
                          "sync_message TEXT NOT NULL DEFAULT ''", "sync_success_at INTEGER NOT NULL DEFAULT 0",
                          "interval_s INTEGER NOT NULL DEFAULT 0", "village TEXT NOT NULL DEFAULT ''",
                          "kiosk_state TEXT NOT NULL DEFAULT ''", "kiosk_up_s INTEGER NOT NULL DEFAULT 0",
                          "kiosk_restarts INTEGER NOT NULL DEFAULT 0"})
    (void)sql::exec(raw, ("ALTER TABLE terminals ADD COLUMN " + std::string(col)).c_str());
  return std::unique_ptr<StoreEngine>(new SqliteEngine(g.release(), wal ? path.string() + "-wal" : std::string()));
}

std::vector<std::pair<std::string, int64_t>> SqliteEngine::pending_screenshots() {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, int64_t>> out;
  Stmt p(db_, "SELECT terminal_id, request_id FROM screenshots WHERE answer_id < request_id");
  while (p.step()) out.emplace_back(p.text(0), p.i64(1));
  return out;
}

// The WAL holds every commit not yet checkpointed. A checkpoint (SQLite's, at synchronous=
// NORMAL) syncs the WAL before copying it into the database and the database before the WAL
// is reused, so once our fsync of the WAL returns, commits up to `target` are on disk: either
// still in the WAL, or already in a synced database file.
Status SqliteEngine::make_durable(uint64_t seq) {
  if (wal_path_.empty()) return Status::success();  // synchronous=FULL: synced at commit
  std::unique_lock lock(sync_mu_);
  while (synced_ < seq) {
    if (syncing_) {  // another caller's fsync is running: it may or may not cover us
      sync_cv_.wait(lock);
      continue;
    }
    syncing_ = true;
    const uint64_t target = written_.load();
    lock.unlock();
    int err = 0;
    struct stat sb {};
    // Reopened if the WAL was replaced (never while our connection is open, but cheap to check).
    if (wal_fd_ >= 0 && (::fstat(wal_fd_, &sb) != 0 || sb.st_nlink == 0)) {
      ::close(wal_fd_);
      wal_fd_ = -1;
    }
    if (wal_fd_ < 0) wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0 || ::fsync(wal_fd_) != 0) err = errno;
    lock.lock();
    syncing_ = false;
    if (!err) synced_ = std::max(synced_, target);
    sync_cv_.notify_all();
    if (err) return Status::fail(std::string("cannot sync the hub store: ") + std::strerror(err), wal_path_.string());
  }
  return Status::success();
}

Result<bool> SqliteEngine::enroll(const std::string& id, const std::string& name, const std::string& token_sha256,
                                  int64_t at, bool replace) {
  std::unique_lock lock(mu_);
  Stmt st(db_, replace ? "INSERT INTO terminals(id, name, token_sha256, enrolled_at) VALUES(?,?,?,?) "
                         "ON CONFLICT(id) DO UPDATE SET name=excluded.name, token_sha256=excluded.token_sha256, "
                         "enrolled_at=excluded.enrolled_at"
                       : "INSERT INTO terminals(id, name, token_sha256, enrolled_at) VALUES(?,?,?,?)");
  st.bind_all(std::string_view(id), std::string_view(name), std::string_view(token_sha256), at);
  st.step();
  if (st.rc() == SQLITE_CONSTRAINT) return false;
  if (st.rc() != SQLITE_DONE) return Result<bool>::fail(std::string("cannot enroll: ") + sqlite3_errmsg(db_));
  uint64_t seq = committed();
  lock.unlock();
  if (auto d = make_durable(seq); !d) return d.error();
  return true;
}

Status SqliteEngine::add_enroll_code(const std::string& code_sha256, const std::string& id, int64_t at,
                                     int64_t expires_at) {
  std::unique_lock lock(mu_);
  Stmt st(db_, "INSERT INTO enroll_codes(code_sha256, terminal_id, created_at, expires_at) VALUES(?,?,?,?)");
  st.bind_all(std::string_view(code_sha256), std::string_view(id), at, expires_at);
  if (!st.step_done()) return Status::fail(std::string("cannot store the code: ") + sqlite3_errmsg(db_));
  uint64_t seq = committed();
  lock.unlock();
  return make_durable(seq);
}

std::optional<std::string> SqliteEngine::enroll_code(const std::string& code_sha256, int64_t now) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT terminal_id FROM enroll_codes WHERE code_sha256=? AND used_at=0 AND expires_at>?");
  st.bind_all(std::string_view(code_sha256), now);
  if (st.step()) return st.text(0);
  return std::nullopt;
}

bool SqliteEngine::use_enroll_code(const std::string& code_sha256, int64_t now) {
  std::unique_lock lock(mu_);
  Stmt st(db_, "UPDATE enroll_codes SET used_at=? WHERE code_sha256=? AND used_at=0 AND expires_at>?");
  st.bind_all(now, std::string_view(code_sha256), now);
  if (!st.step_done() || sqlite3_changes(db_) != 1) return false;
  uint64_t seq = committed();
  lock.unlock();
  return static_cast<bool>(make_durable(seq));  // a used code must stay used after a power cut
}

Result<int64_t> SqliteEngine::prune_reports(int64_t cutoff, int64_t now) {
  std::lock_guard lock(mu_);
  using R = Result<int64_t>;
  if (auto st = sql::exec(db_, "BEGIN IMMEDIATE"); !st) return st.error();
  Stmt e(db_,
         "DELETE FROM events WHERE (terminal_id, batch_id) IN "
         "(SELECT terminal_id, batch_id FROM batches WHERE received_at < ?)");
  e.bind(1, cutoff);
  if (!e.step_done()) {
    (void)sql::exec(db_, "ROLLBACK");  // best effort: the failure being reported matters more
    return R::fail(std::string("cannot prune reports: ") + sqlite3_errmsg(db_));
  }
  int64_t deleted = sqlite3_changes(db_);
  Stmt b(db_, "DELETE FROM batches WHERE received_at < ?");
  b.bind(1, cutoff);
  if (!b.step_done()) {
    (void)sql::exec(db_, "ROLLBACK");  // best effort: the failure being reported matters more
    return R::fail(std::string("cannot prune reports: ") + sqlite3_errmsg(db_));
  }
  Stmt c(db_, "DELETE FROM enroll_codes WHERE expires_at < ?");
  c.bind(1, now);
  c.step();
  if (auto st = sql::exec(db_, "COMMIT"); !st) return st.error();
  return deleted;
}

std::optional<std::string> SqliteEngine::terminal_for_token(const std::string& token_sha256) {
  std::lock_guard lock(mu_);
  auto st = stmts_.get("SELECT id FROM terminals WHERE token_sha256=?");
  st->bind(1, std::string_view(token_sha256));
  if (!st->step()) return std::nullopt;
  return st->text(0);
}

Status SqliteEngine::heartbeat(const std::string& id, const Heartbeat& hb, int64_t at) {
  std::lock_guard lock(mu_);  // not synced: see hub_store.hpp
  auto use = stmts_.get(
      "UPDATE terminals SET last_seen=?, channel=?, content_version=?, content_label=?, last_sync=?, "
      "printer_state=?, disk_free_mb=?, uptime_s=?, app_version=?, freshness=?, sync_run_at=?, sync_outcome=?, "
      "sync_message=?, sync_success_at=?, interval_s=?, village=?, kiosk_state=?, kiosk_up_s=?, kiosk_restarts=? "
      "WHERE id=?");
  Stmt& st = *use;
  st.bind(1, at)
      .bind(2, std::string_view(hb.channel))
      .bind(3, hb.content_version)
      .bind(4, std::string_view(hb.content_label))
      .bind(5, std::string_view(hb.last_sync))
      .bind(6, std::string_view(hb.printer_state))
      .bind(7, hb.disk_free_mb)
      .bind(8, hb.uptime_s)
      .bind(9, std::string_view(hb.app_version))
      .bind(10, std::string_view(hb.freshness))
      .bind(11, hb.sync_run_at)
      .bind(12, std::string_view(hb.sync_outcome))
      .bind(13, std::string_view(hb.sync_message))
      .bind(14, hb.sync_success_at)
      .bind(15, hb.interval_s)
      .bind(16, std::string_view(hb.village))
      .bind(17, std::string_view(hb.kiosk_state))
      .bind(18, hb.kiosk_up_s)
      .bind(19, hb.kiosk_restarts)
      .bind(20, std::string_view(id));
  if (!st.step_done()) return Status::fail(std::string("cannot store heartbeat: ") + sqlite3_errmsg(db_));
  return Status::success();
}

Result<bool> SqliteEngine::add_batch(const std::string& id, const std::string& batch_id, int64_t at,
                                     const std::vector<sync::StoredEvent>& events,
                                     const std::vector<std::pair<int64_t, std::string>>& followups) {
  auto added = store_batch(id, batch_id, at, events, followups);
  if (!added) return added;
  // Durable before the terminal is told (it then deletes the batch): a retried batch that
  // was stored already answers duplicate, so it is synced as well.
  if (auto d = make_durable(written_.load()); !d) return d.error();
  return added;
}

Result<bool> SqliteEngine::store_batch(const std::string& id, const std::string& batch_id, int64_t at,
                                       const std::vector<sync::StoredEvent>& events,
                                       const std::vector<std::pair<int64_t, std::string>>& followups) {
  std::lock_guard lock(mu_);
  using R = Result<bool>;
  if (auto st = sql::exec(db_, "BEGIN IMMEDIATE"); !st) return st.error();
  auto fail = [&](const char* what) {
    std::string msg = std::string(what) + ": " + sqlite3_errmsg(db_);
    (void)sql::exec(db_, "ROLLBACK");  // best effort: the failure being reported matters more
    return R::fail(msg);
  };
  auto bu = stmts_.get("INSERT OR IGNORE INTO batches(terminal_id, batch_id, received_at, events) VALUES(?,?,?,?)");
  Stmt& b = *bu;
  b.bind(1, std::string_view(id))
      .bind(2, std::string_view(batch_id))
      .bind(3, at)
      .bind(4, static_cast<int64_t>(events.size()));
  if (!b.step_done()) return fail("cannot store batch");
  if (sqlite3_changes(db_) == 0) {
    (void)sql::exec(db_, "ROLLBACK");  // best effort: the failure being reported matters more
    return false;
  }
  auto eu = stmts_.get(
      "INSERT OR IGNORE INTO events(terminal_id, batch_id, seq, kind, at, item, text, value) VALUES(?,?,?,?,?,?,?,?)");
  Stmt& e = *eu;
  for (const auto& se : events) {
    e.reset();
    e.bind(1, std::string_view(id))
        .bind(2, std::string_view(batch_id))
        .bind(3, se.seq)
        .bind(4, std::string_view(sync::event_kind_name(se.event.kind)))
        .bind(5, se.event.at)
        .bind(6, std::string_view(se.event.item))
        .bind(7, std::string_view(se.event.text))
        .bind(8, se.event.value);
    if (!e.step_done()) return fail("cannot store event");
  }
  for (const auto& [seq, deadline] : followups) {
    Stmt f(db_, "INSERT OR IGNORE INTO followups(terminal_id, batch_id, seq, deadline) VALUES(?,?,?,?)");
    f.bind_all(std::string_view(id), std::string_view(batch_id), seq, std::string_view(deadline));
    if (!f.step_done()) return fail("cannot open follow-up");
  }
  if (auto st = sql::exec(db_, "COMMIT"); !st) return fail("cannot commit batch");
  committed();
  return true;
}

std::vector<TerminalRow> SqliteEngine::terminals() {
  std::lock_guard lock(mu_);
  std::vector<TerminalRow> out;
  Stmt st(db_, std::string(rows::kTerminalSelect) + "ORDER BY id");
  while (st.step()) out.push_back(rows::terminal(st));
  return out;
}

void SqliteEngine::record_version(const std::string& channel, int64_t version, int64_t at) {
  std::unique_lock lock(mu_);
  Stmt st(db_, "INSERT OR IGNORE INTO channel_versions(channel, version, published_at) VALUES(?,?,?)");
  st.bind(1, std::string_view(channel)).bind(2, version).bind(3, at);
  st.step();
  uint64_t seq = committed();
  lock.unlock();
  (void)make_durable(seq);  // best effort: only the lag alert's clock
}

int64_t SqliteEngine::version_published_at(const std::string& channel, int64_t version) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT published_at FROM channel_versions WHERE channel=? AND version=?");
  st.bind(1, std::string_view(channel)).bind(2, version);
  return st.step() ? st.i64(0) : 0;
}

int64_t SqliteEngine::event_count() {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT count(*) FROM events");
  return st.step() ? st.i64(0) : 0;
}

std::vector<ratings::Rating> SqliteEngine::ratings(int64_t from, int64_t to) {
  std::lock_guard lock(mu_);
  std::vector<ratings::Rating> out;
  Stmt st(db_, std::string("SELECT ") + rows::kRatingColumns +
                   " FROM events e LEFT JOIN terminals t ON t.id=e.terminal_id "
                   "WHERE e.kind='rating' AND e.at>=? AND e.at<? ORDER BY e.at, e.terminal_id, e.seq");
  st.bind_all(from, to);
  while (st.step()) out.push_back(rows::rating(st));
  return out;
}

std::vector<ratings::Suggestion> SqliteEngine::suggestions(int64_t from, int64_t to) {
  std::lock_guard lock(mu_);
  std::vector<ratings::Suggestion> out;
  Stmt st(db_, std::string(rows::kSuggestionSelect) + "AND e.at>=? AND e.at<? ORDER BY e.at, e.terminal_id, e.seq");
  st.bind_all(from, to);
  while (st.step()) out.push_back(rows::suggestion(st));
  return out;
}

std::vector<ratings::FollowUp> SqliteEngine::followups(int64_t from, int64_t to) {
  std::lock_guard lock(mu_);
  std::vector<ratings::FollowUp> out;
  Stmt st(db_, std::string(rows::kFollowUpSelect) + "WHERE e.at>=? AND e.at<? ORDER BY e.at, f.id");
  st.bind_all(from, to);
  while (st.step()) out.push_back(rows::followup(st));
  return out;
}

std::optional<ratings::FollowUp> SqliteEngine::followup(int64_t id) {
  std::lock_guard lock(mu_);
  Stmt st(db_, std::string(rows::kFollowUpSelect) + "WHERE f.id=?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return rows::followup(st);
}

Result<bool> SqliteEngine::update_followup(int64_t id, const std::string& owner, const std::string& deadline,
                                           const std::string& outcome, bool done, const std::string& by, int64_t at) {
  std::unique_lock lock(mu_);
  Stmt st(db_, "UPDATE followups SET owner=?, deadline=?, outcome=?, done=?, updated_at=?, updated_by=? WHERE id=?");
  st.bind_all(std::string_view(owner), std::string_view(deadline), std::string_view(outcome), done, at,
              std::string_view(by), id);
  if (!st.step_done()) return Result<bool>::fail(std::string("cannot store follow-up: ") + sqlite3_errmsg(db_));
  if (sqlite3_changes(db_) == 0) return false;
  uint64_t seq = committed();
  lock.unlock();
  if (auto d = make_durable(seq); !d) return d.error();
  return true;
}

Result<int64_t> SqliteEngine::request_screenshot(const std::string& id, const std::string& by, int64_t at) {
  using R = Result<int64_t>;
  std::unique_lock lock(mu_);
  {
    Stmt t(db_, "SELECT 1 FROM terminals WHERE id=?");
    t.bind(1, std::string_view(id));
    if (!t.step()) return int64_t{0};
  }
  Stmt st(db_,
          "INSERT INTO screenshots(terminal_id, request_id, requested_at, requested_by) "
          "VALUES(?1, (SELECT coalesce(max(request_id),0)+1 FROM screenshots), ?2, ?3) "
          "ON CONFLICT(terminal_id) DO UPDATE SET request_id=(SELECT coalesce(max(request_id),0)+1 FROM screenshots), "
          "requested_at=excluded.requested_at, requested_by=excluded.requested_by RETURNING request_id");
  st.bind_all(std::string_view(id), at, std::string_view(by));
  if (!st.step()) return R::fail(std::string("cannot store the screenshot request: ") + sqlite3_errmsg(db_));
  int64_t rid = st.i64(0);
  st.reset();
  uint64_t seq = committed();
  lock.unlock();
  if (auto d = make_durable(seq); !d) return d.error();
  return rid;
}

Result<bool> SqliteEngine::store_screenshot(const std::string& id, int64_t rid, const std::string& outcome,
                                            const std::string& message, int64_t at, int64_t taken_at,
                                            const std::string* png) {
  std::unique_lock lock(mu_);
  Stmt st(db_,
          png != nullptr
              ? "UPDATE screenshots SET answer_id=request_id, answered_at=?, outcome=?, message=?, image_at=?, png=? "
                "WHERE terminal_id=? AND request_id=? AND answer_id<request_id"
              : "UPDATE screenshots SET answer_id=request_id, answered_at=?, outcome=?, message=? "
                "WHERE terminal_id=? AND request_id=? AND answer_id<request_id");
  st.bind_all(at, std::string_view(outcome), std::string_view(message));
  int i = 4;
  if (png != nullptr) {
    st.bind(i++, taken_at);
    sqlite3_bind_blob(st.get(), i++, png->data(), static_cast<int>(png->size()), SQLITE_TRANSIENT);
  }
  st.bind(i, std::string_view(id));
  st.bind(i + 1, rid);
  if (!st.step_done()) return Result<bool>::fail(std::string("cannot store the screenshot: ") + sqlite3_errmsg(db_));
  if (sqlite3_changes(db_) != 1) return false;
  uint64_t seq = committed();
  lock.unlock();
  if (auto d = make_durable(seq); !d) return d.error();
  return true;
}

std::optional<ScreenshotRow> SqliteEngine::screenshot(const std::string& id) {
  std::lock_guard lock(mu_);
  Stmt st(db_, std::string(rows::kScreenshotSelect) + "WHERE terminal_id=?");
  st.bind(1, std::string_view(id));
  if (!st.step()) return std::nullopt;
  return rows::screenshot(st);
}

std::optional<std::string> SqliteEngine::screenshot_png(const std::string& id) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT png FROM screenshots WHERE terminal_id=? AND png IS NOT NULL");
  st.bind(1, std::string_view(id));
  if (!st.step()) return std::nullopt;
  const void* p = sqlite3_column_blob(st.get(), 0);
  int n = sqlite3_column_bytes(st.get(), 0);
  if (p == nullptr || n <= 0) return std::nullopt;
  return std::string(static_cast<const char*>(p), static_cast<size_t>(n));
}

}  // namespace bianmin::hub
