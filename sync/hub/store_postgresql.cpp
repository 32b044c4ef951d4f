// The hub's store on PostgreSQL (store_engine.hpp), through libpq: a county hub whose
// terminals outgrow one SQLite file, or whose data the county keeps on its database server.
//
// [SECTION] connections: a small pool (kPoolSize, opened as needed), each connection with its
//           own prepared statements; a broken connection is reset at its next use.
// [SECTION] schema: created when missing, under an advisory lock (two hubs may start at once).
// [SECTION] the engine: the same tables and answers as store_sqlite.cpp.
//
// Durability is PostgreSQL's commit (synchronous_commit=on, the server default): every write
// that returns has been flushed to the server's WAL, and concurrent commits share a flush. A
// heartbeat commits with synchronous_commit=off, as SQLite's is not synced (hub_store.hpp).
// Integers go as text parameters, a PNG as a binary one; text never holds a NUL byte
// (libpq's text parameters end at one), which the wire's JSON strings may carry: such text is
// cut there.
#include <libpq-fe.h>

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "store_engine.hpp"

namespace bianmin::hub {

namespace {

// [SECTION] connections

constexpr int kPoolSize = 8;  // the hub has 64 workers; most of a request is not the store

struct PgResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultFree>;

// One parameter: text (integers as decimal) or, for bytea, binary.
struct Param {
  std::string value;
  bool binary = false;
  Param(std::string v, bool bin = false) : value(std::move(v)), binary(bin) {}
  Param(const char* v) : value(v) {}
  Param(int64_t v) : value(std::to_string(v)) {}
  Param(int v) : value(std::to_string(v)) {}
  Param(bool v) : value(v ? "1" : "0") {}
};

int64_t i64(const PGresult* r, int row, int col) { return std::strtoll(PQgetvalue(r, row, col), nullptr, 10); }
std::string text(const PGresult* r, int row, int col) {
  return std::string(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
}
int64_t changed(const PGresult* r) { return std::strtoll(PQcmdTuples(const_cast<PGresult*>(r)), nullptr, 10); }
bool ok(const PGresult* r) {
  auto st = PQresultStatus(r);
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}
std::string sqlstate(const PGresult* r) {
  const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  return s ? s : "";
}
// libpq's messages end with a newline.
std::string trimmed(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// An array parameter in PostgreSQL's text form: {"a","b"}, each element quoted, with its
// backslashes and double quotes escaped.
std::string pg_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : item) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

class Conn {
 public:
  explicit Conn(PGconn* c) : c_(c) {}
  ~Conn() { PQfinish(c_); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  PGconn* get() const { return c_; }
  std::string error() const { return trimmed(PQerrorMessage(c_)); }

  // A connection the server dropped (restart, failover) is reset once before use.
  void heal() {
    if (PQstatus(c_) == CONNECTION_OK && !broken_) return;
    PQreset(c_);
    prepared_.clear();
    broken_ = false;
  }

  // Runs `sql` ($1, $2… parameters) as a statement prepared once per connection. Results in
  // text, or in binary when `binary_result`.
  PgResult run(const std::string& sql, const std::vector<Param>& params = {}, bool binary_result = false) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PgResult p(PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr));
      note(p);
      if (!p || PQresultStatus(p.get()) != PGRES_COMMAND_OK) return p;
      it = prepared_.emplace(sql, std::move(name)).first;
    }
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (const auto& p : params) {
      values.push_back(p.value.c_str());
      lengths.push_back(static_cast<int>(p.value.size()));
      formats.push_back(p.binary ? 1 : 0);
    }
    PgResult r(PQexecPrepared(c_, it->second.c_str(), static_cast<int>(params.size()), values.data(), lengths.data(),
                              formats.data(), binary_result ? 1 : 0));
    note(r);
    return r;
  }
  // A command without parameters (BEGIN, ROLLBACK, the schema).
  bool exec(const char* sql) {
    PgResult r(PQexec(c_, sql));
    return r && ok(r.get());
  }
  // COMMIT, true only when it committed (a failed transaction's COMMIT answers ROLLBACK).
  bool commit() {
    PgResult r(PQexec(c_, "COMMIT"));
    return r && ok(r.get()) && std::string_view(PQcmdStatus(r.get())) == "COMMIT";
  }

 private:
  // A failure without an SQLSTATE came from the connection, not from the statement (the
  // server went away): reset it before its next use even if libpq still calls it OK.
  void note(const PgResult& r) {
    if (!r || (PQresultStatus(r.get()) == PGRES_FATAL_ERROR && sqlstate(r.get()).empty())) broken_ = true;
  }

  PGconn* c_;
  bool broken_ = false;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

// A failed command's message, for the hub's log and the 500 answer's body.
std::string failure(const char* what, const Conn& c, const PgResult& r) {
  std::string m = r ? trimmed(PQresultErrorMessage(r.get())) : std::string();
  return std::string(what) + ": " + (m.empty() ? c.error() : m);
}

class Pool {
 public:
  explicit Pool(std::string conninfo) : conninfo_(std::move(conninfo)) {}

  // Opens one connection (the pool's first); "" or libpq's reason.
  std::string connect(std::unique_ptr<Conn>& out) {
    PGconn* c = PQconnectdb(conninfo_.c_str());
    out = std::make_unique<Conn>(c);
    if (c == nullptr) return "out of memory";
    if (PQstatus(c) != CONNECTION_OK) return out->error();
    // Every hub's text is UTF-8; the session's time zone plays no part (times are integers).
    PQsetClientEncoding(c, "UTF8");
    return {};
  }

  // A connection for one caller; back to the pool when the lease ends.
  class Lease {
   public:
    Lease(Pool& p, std::unique_ptr<Conn> c) : pool_(p), conn_(std::move(c)) {}
    ~Lease() { pool_.give_back(std::move(conn_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }
    explicit operator bool() const { return conn_ != nullptr; }

   private:
    Pool& pool_;
    std::unique_ptr<Conn> conn_;
  };

  // Waits for an idle connection or opens a new one while fewer than kPoolSize exist. An
  // empty lease when a new connection cannot be made.
  Lease take() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < kPoolSize; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      c->heal();
      return Lease(*this, std::move(c));
    }
    ++open_;
    lock.unlock();
    std::unique_ptr<Conn> c;
    if (!connect(c).empty()) {
      c.reset();
      std::lock_guard relock(mu_);
      --open_;
      cv_.notify_one();
    }
    return Lease(*this, std::move(c));
  }

  void add(std::unique_ptr<Conn> c) {
    std::lock_guard lock(mu_);
    ++open_;
    idle_.push_back(std::move(c));
  }

 private:
  void give_back(std::unique_ptr<Conn> c) {
    if (!c) return;
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
    cv_.notify_one();
  }

  std::string conninfo_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
};

// [SECTION] schema

constexpr const char* kSchema = R"sql(
SET LOCAL client_min_messages = warning;
SELECT pg_advisory_xact_lock(7346016);
CREATE TABLE IF NOT EXISTS terminals(
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', token_sha256 TEXT NOT NULL UNIQUE,
  enrolled_at BIGINT NOT NULL, last_seen BIGINT NOT NULL DEFAULT 0,
  channel TEXT NOT NULL DEFAULT '', content_version BIGINT NOT NULL DEFAULT 0,
  content_label TEXT NOT NULL DEFAULT '', last_sync TEXT NOT NULL DEFAULT '',
  printer_state TEXT NOT NULL DEFAULT '', disk_free_mb BIGINT NOT NULL DEFAULT 0,
  uptime_s BIGINT NOT NULL DEFAULT 0, app_version TEXT NOT NULL DEFAULT '',
  freshness TEXT NOT NULL DEFAULT '', sync_run_at BIGINT NOT NULL DEFAULT 0,
  sync_outcome TEXT NOT NULL DEFAULT '', sync_message TEXT NOT NULL DEFAULT '',
  sync_success_at BIGINT NOT NULL DEFAULT 0, interval_s BIGINT NOT NULL DEFAULT 0,
  village TEXT NOT NULL DEFAULT '', kiosk_state TEXT NOT NULL DEFAULT '',
  kiosk_up_s BIGINT NOT NULL DEFAULT 0, kiosk_restarts BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS batches(
  terminal_id TEXT NOT NULL, batch_id TEXT NOT NULL, received_at BIGINT NOT NULL,
  events BIGINT NOT NULL, PRIMARY KEY(terminal_id, batch_id));
CREATE TABLE IF NOT EXISTS events(
  terminal_id TEXT NOT NULL, batch_id TEXT NOT NULL, seq BIGINT NOT NULL,
  kind TEXT NOT NULL, at BIGINT NOT NULL, item TEXT NOT NULL, text TEXT NOT NULL,
  value BIGINT NOT NULL, PRIMARY KEY(terminal_id, batch_id, seq));
CREATE INDEX IF NOT EXISTS events_kind_at ON events(kind, at);
CREATE TABLE IF NOT EXISTS channel_versions(
  channel TEXT NOT NULL, version BIGINT NOT NULL, published_at BIGINT NOT NULL,
  PRIMARY KEY(channel, version));
CREATE TABLE IF NOT EXISTS enroll_codes(
  code_sha256 TEXT PRIMARY KEY, terminal_id TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL, used_at BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS followups(
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, terminal_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  seq BIGINT NOT NULL, deadline TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '',
  done BIGINT NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL DEFAULT 0, updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE(terminal_id, batch_id, seq));
CREATE TABLE IF NOT EXISTS screenshots(
  terminal_id TEXT PRIMARY KEY, request_id BIGINT NOT NULL DEFAULT 0, requested_at BIGINT NOT NULL DEFAULT 0,
  requested_by TEXT NOT NULL DEFAULT '', answer_id BIGINT NOT NULL DEFAULT 0, answered_at BIGINT NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '', message TEXT NOT NULL DEFAULT '', image_at BIGINT NOT NULL DEFAULT 0, png BYTEA);
CREATE SEQUENCE IF NOT EXISTS screenshot_requests;
)sql";

// [SECTION] the engine

constexpr const char* kRatingCols = "e.terminal_id, coalesce(t.name,''), e.item, e.text, e.value, e.at";
constexpr const char* kFollowUpSelect =
    "SELECT f.id, f.owner, f.deadline, f.outcome, f.done, f.updated_at, f.updated_by, "
    "e.terminal_id, coalesce(t.name,''), e.item, e.text, e.value, e.at "
    "FROM followups f JOIN events e ON e.terminal_id=f.terminal_id AND e.batch_id=f.batch_id AND e.seq=f.seq "
    "LEFT JOIN terminals t ON t.id=e.terminal_id ";

ratings::Rating rating_from(const PGresult* r, int row, int c) {
  ratings::Rating out;
  out.terminal_id = text(r, row, c);
  out.terminal_name = text(r, row, c + 1);
  out.item = text(r, row, c + 2);
  out.reasons = text(r, row, c + 3);
  out.value = i64(r, row, c + 4);
  out.at = i64(r, row, c + 5);
  return out;
}

ratings::FollowUp followup_from(const PGresult* r, int row) {
  ratings::FollowUp f;
  f.id = i64(r, row, 0);
  f.owner = text(r, row, 1);
  f.deadline = text(r, row, 2);
  f.outcome = text(r, row, 3);
  f.done = i64(r, row, 4) != 0;
  f.updated_at = i64(r, row, 5);
  f.updated_by = text(r, row, 6);
  f.rating = rating_from(r, row, 7);
  return f;
}

class PostgresqlEngine final : public StoreEngine {
 public:
  explicit PostgresqlEngine(std::string conninfo) : pool_(std::move(conninfo)) {}
  Pool& pool() { return pool_; }

  Result<bool> enroll(const std::string& id, const std::string& name, const std::string& token_sha256, int64_t at,
                      bool replace) override {
    auto c = pool_.take();
    if (!c) return Result<bool>::fail("cannot enroll: the database cannot be reached");
    auto r = c->run(replace ? "INSERT INTO terminals(id, name, token_sha256, enrolled_at) VALUES($1,$2,$3,$4) "
                              "ON CONFLICT(id) DO UPDATE SET name=excluded.name, token_sha256=excluded.token_sha256, "
                              "enrolled_at=excluded.enrolled_at"
                            : "INSERT INTO terminals(id, name, token_sha256, enrolled_at) VALUES($1,$2,$3,$4)",
                    {id, name, token_sha256, at});
    if (r && sqlstate(r.get()) == "23505") return false;  // unique_violation: the id is enrolled
    if (!r || !ok(r.get())) return Result<bool>::fail(failure("cannot enroll", *c, r));
    return true;
  }

  Status add_enroll_code(const std::string& code_sha256, const std::string& id, int64_t at,
                         int64_t expires_at) override {
    return command("cannot store the code",
                   "INSERT INTO enroll_codes(code_sha256, terminal_id, created_at, expires_at) VALUES($1,$2,$3,$4)",
                   {code_sha256, id, at, expires_at});
  }

  std::optional<std::string> enroll_code(const std::string& code_sha256, int64_t now) override {
    auto r = query("SELECT terminal_id FROM enroll_codes WHERE code_sha256=$1 AND used_at=0 AND expires_at>$2",
                   {code_sha256, now});
    if (!r || PQntuples(r.get()) == 0) return std::nullopt;
    return text(r.get(), 0, 0);
  }

  bool use_enroll_code(const std::string& code_sha256, int64_t now) override {
    auto c = pool_.take();
    if (!c) return false;
    auto r = c->run("UPDATE enroll_codes SET used_at=$1 WHERE code_sha256=$2 AND used_at=0 AND expires_at>$1",
                    {now, code_sha256});
    return r && ok(r.get()) && changed(r.get()) == 1;
  }

  Result<int64_t> prune_reports(int64_t cutoff, int64_t now) override {
    using R = Result<int64_t>;
    auto c = pool_.take();
    if (!c) return R::fail("cannot prune reports: the database cannot be reached");
    if (!c->exec("BEGIN")) return R::fail("cannot prune reports: " + c->error());
    auto e = c->run(
        "DELETE FROM events WHERE (terminal_id, batch_id) IN "
        "(SELECT terminal_id, batch_id FROM batches WHERE received_at < $1)",
        {cutoff});
    auto b = c->run("DELETE FROM batches WHERE received_at < $1", {cutoff});
    auto x = c->run("DELETE FROM enroll_codes WHERE expires_at < $1", {now});
    for (const auto* r : {&e, &b, &x})
      if (!*r || !ok(r->get())) {
        std::string msg = failure("cannot prune reports", *c, *r);
        (void)c->exec("ROLLBACK");  // best effort: the failure being reported matters more
        return R::fail(msg);
      }
    if (!c->commit()) return R::fail("cannot prune reports: " + c->error());
    return changed(e.get());
  }

  std::optional<std::string> terminal_for_token(const std::string& token_sha256) override {
    auto r = query("SELECT id FROM terminals WHERE token_sha256=$1", {token_sha256});
    if (!r || PQntuples(r.get()) == 0) return std::nullopt;
    return text(r.get(), 0, 0);
  }

  Status heartbeat(const std::string& id, const Heartbeat& hb, int64_t at) override {
    // set_config(…, true) lasts for this statement's own transaction: its commit does not wait
    // for the disk (hub_store.hpp: a heartbeat is not synced by itself).
    return command("cannot store heartbeat",
                   "UPDATE terminals SET last_seen=$1, channel=$2, content_version=$3, content_label=$4, "
                   "last_sync=$5, printer_state=$6, disk_free_mb=$7, uptime_s=$8, app_version=$9, freshness=$10, "
                   "sync_run_at=$11, sync_outcome=$12, sync_message=$13, sync_success_at=$14, interval_s=$15, "
                   "village=$16, kiosk_state=$17, kiosk_up_s=$18, kiosk_restarts=$19 "
                   "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async WHERE id=$20",
                   {at,
                    hb.channel,
                    hb.content_version,
                    hb.content_label,
                    hb.last_sync,
                    hb.printer_state,
                    hb.disk_free_mb,
                    hb.uptime_s,
                    hb.app_version,
                    hb.freshness,
                    hb.sync_run_at,
                    hb.sync_outcome,
                    hb.sync_message,
                    hb.sync_success_at,
                    hb.interval_s,
                    hb.village,
                    hb.kiosk_state,
                    hb.kiosk_up_s,
                    hb.kiosk_restarts,
                    id});
  }

  Result<bool> add_batch(const std::string& id, const std::string& batch_id, int64_t at,
                         const std::vector<sync::StoredEvent>& events,
                         const std::vector<std::pair<int64_t, std::string>>& followups) override {
    std::vector<std::string> seq, kind, when, item, txt, value, f_seq, f_deadline;
    for (const auto& se : events) {
      seq.push_back(std::to_string(se.seq));
      kind.emplace_back(sync::event_kind_name(se.event.kind));
      when.push_back(std::to_string(se.event.at));
      item.push_back(se.event.item);
      txt.push_back(se.event.text);
      value.push_back(std::to_string(se.event.value));
    }
    for (const auto& [s, deadline] : followups) {
      f_seq.push_back(std::to_string(s));
      f_deadline.push_back(deadline);
    }
    // One statement, so one round trip and one transaction: the batch row, then (only when it
    // was new) its events and follow-ups. A retried batch waits at the batch row for the first
    // one's commit, then finds it and adds nothing. Durable when it returns (synchronous_commit
    // =on): before the terminal's acknowledgement.
    auto c = pool_.take();
    if (!c) return Result<bool>::fail("cannot store batch: the database cannot be reached");
    auto r = c->run(
        "WITH b AS (INSERT INTO batches(terminal_id, batch_id, received_at, events) VALUES($1,$2,$3,$4) "
        "  ON CONFLICT DO NOTHING RETURNING 1), "
        "e AS (INSERT INTO events(terminal_id, batch_id, seq, kind, at, item, text, value) "
        "  SELECT $1, $2, u.seq, u.kind, u.at, u.item, u.text, u.value "
        "  FROM unnest($5::bigint[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::bigint[]) "
        "  AS u(seq, kind, at, item, text, value) WHERE EXISTS (SELECT 1 FROM b) ON CONFLICT DO NOTHING), "
        "f AS (INSERT INTO followups(terminal_id, batch_id, seq, deadline) "
        "  SELECT $1, $2, u.seq, u.deadline FROM unnest($11::bigint[], $12::text[]) AS u(seq, deadline) "
        "  WHERE EXISTS (SELECT 1 FROM b) ON CONFLICT DO NOTHING) "
        "SELECT count(*) FROM b",
        {id, batch_id, at, static_cast<int64_t>(events.size()), pg_array(seq), pg_array(kind), pg_array(when),
         pg_array(item), pg_array(txt), pg_array(value), pg_array(f_seq), pg_array(f_deadline)});
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1)
      return Result<bool>::fail(failure("cannot store batch", *c, r));
    return i64(r.get(), 0, 0) == 1;
  }

  std::vector<TerminalRow> terminals() override {
    std::vector<TerminalRow> out;
    // COLLATE "C": ordered by bytes, as SQLite orders them, whatever the database's locale.
    auto r = query(
        "SELECT id, name, last_seen, channel, content_version, content_label, last_sync, printer_state, "
        "disk_free_mb, uptime_s, app_version, freshness, sync_run_at, sync_outcome, sync_message, "
        "sync_success_at, interval_s, village, kiosk_state, kiosk_up_s, kiosk_restarts, "
        "(SELECT count(*) FROM batches b WHERE b.terminal_id=t.id), "
        "(SELECT coalesce(sum(events),0) FROM batches b WHERE b.terminal_id=t.id) "
        "FROM terminals t ORDER BY id COLLATE \"C\"");
    if (!r) return out;
    const PGresult* p = r.get();
    for (int i = 0; i < PQntuples(p); ++i) {
      TerminalRow t;
      t.id = text(p, i, 0);
      t.name = text(p, i, 1);
      t.last_seen = i64(p, i, 2);
      t.hb.channel = text(p, i, 3);
      t.hb.content_version = i64(p, i, 4);
      t.hb.content_label = text(p, i, 5);
      t.hb.last_sync = text(p, i, 6);
      t.hb.printer_state = text(p, i, 7);
      t.hb.disk_free_mb = i64(p, i, 8);
      t.hb.uptime_s = i64(p, i, 9);
      t.hb.app_version = text(p, i, 10);
      t.hb.freshness = text(p, i, 11);
      t.hb.sync_run_at = i64(p, i, 12);
      t.hb.sync_outcome = text(p, i, 13);
      t.hb.sync_message = text(p, i, 14);
      t.hb.sync_success_at = i64(p, i, 15);
      t.hb.interval_s = i64(p, i, 16);
      t.hb.village = text(p, i, 17);
      t.hb.kiosk_state = text(p, i, 18);
      t.hb.kiosk_up_s = i64(p, i, 19);
      t.hb.kiosk_restarts = i64(p, i, 20);
      t.batches = i64(p, i, 21);
      t.events = i64(p, i, 22);
      out.push_back(std::move(t));
    }
    return out;
  }

  int64_t event_count() override {
    auto r = query("SELECT count(*) FROM events");
    return r && PQntuples(r.get()) == 1 ? i64(r.get(), 0, 0) : 0;
  }

  void record_version(const std::string& channel, int64_t version, int64_t at) override {
    // best effort: only the lag alert's clock
    (void)command("cannot record the version",
                  "INSERT INTO channel_versions(channel, version, published_at) VALUES($1,$2,$3) "
                  "ON CONFLICT DO NOTHING",
                  {channel, version, at});
  }

  int64_t version_published_at(const std::string& channel, int64_t version) override {
    auto r = query("SELECT published_at FROM channel_versions WHERE channel=$1 AND version=$2", {channel, version});
    return r && PQntuples(r.get()) == 1 ? i64(r.get(), 0, 0) : 0;
  }

  Result<int64_t> request_screenshot(const std::string& id, const std::string& by, int64_t at) override {
    auto c = pool_.take();
    if (!c) return Result<int64_t>::fail("cannot store the screenshot request: the database cannot be reached");
    // No row when the terminal is unknown; request ids come from one sequence, so they grow
    // across the hub even when two staff ask at once.
    auto r = c->run(
        "INSERT INTO screenshots(terminal_id, request_id, requested_at, requested_by) "
        "SELECT $1, nextval('screenshot_requests'), $2, $3 WHERE EXISTS (SELECT 1 FROM terminals WHERE id=$1) "
        "ON CONFLICT(terminal_id) DO UPDATE SET request_id=excluded.request_id, "
        "requested_at=excluded.requested_at, requested_by=excluded.requested_by RETURNING request_id",
        {id, at, by});
    if (!r || !ok(r.get())) return Result<int64_t>::fail(failure("cannot store the screenshot request", *c, r));
    return PQntuples(r.get()) == 1 ? i64(r.get(), 0, 0) : 0;
  }

  std::vector<std::pair<std::string, int64_t>> pending_screenshots() override {
    std::vector<std::pair<std::string, int64_t>> out;
    auto r = query("SELECT terminal_id, request_id FROM screenshots WHERE answer_id < request_id");
    if (r)
      for (int i = 0; i < PQntuples(r.get()); ++i) out.emplace_back(text(r.get(), i, 0), i64(r.get(), i, 1));
    return out;
  }

  Result<bool> store_screenshot(const std::string& id, int64_t rid, const std::string& outcome,
                                const std::string& message, int64_t at, int64_t taken_at,
                                const std::string* png) override {
    auto c = pool_.take();
    if (!c) return Result<bool>::fail("cannot store the screenshot: the database cannot be reached");
    PgResult r = png != nullptr
                     ? c->run(
                           "UPDATE screenshots SET answer_id=request_id, answered_at=$1, outcome=$2, message=$3, "
                           "image_at=$4, png=$5 WHERE terminal_id=$6 AND request_id=$7 AND answer_id<request_id",
                           {at, outcome, message, taken_at, Param(*png, true), id, rid})
                     : c->run(
                           "UPDATE screenshots SET answer_id=request_id, answered_at=$1, outcome=$2, message=$3 "
                           "WHERE terminal_id=$4 AND request_id=$5 AND answer_id<request_id",
                           {at, outcome, message, id, rid});
    if (!r || !ok(r.get())) return Result<bool>::fail(failure("cannot store the screenshot", *c, r));
    return changed(r.get()) == 1;
  }

  std::optional<ScreenshotRow> screenshot(const std::string& id) override {
    auto r = query(
        "SELECT request_id, requested_at, requested_by, answer_id, answered_at, outcome, message, image_at "
        "FROM screenshots WHERE terminal_id=$1",
        {id});
    if (!r || PQntuples(r.get()) == 0) return std::nullopt;
    const PGresult* p = r.get();
    return ScreenshotRow{i64(p, 0, 0), i64(p, 0, 1),  text(p, 0, 2), i64(p, 0, 3),
                         i64(p, 0, 4), text(p, 0, 5), text(p, 0, 6), i64(p, 0, 7)};
  }

  std::optional<std::string> screenshot_png(const std::string& id) override {
    auto r = query("SELECT png FROM screenshots WHERE terminal_id=$1 AND png IS NOT NULL", {id}, true);
    if (!r || PQntuples(r.get()) == 0 || PQgetlength(r.get(), 0, 0) <= 0) return std::nullopt;
    return text(r.get(), 0, 0);  // binary result: the bytes themselves
  }

  std::vector<ratings::Rating> ratings(int64_t from, int64_t to) override {
    std::vector<ratings::Rating> out;
    auto r =
        query(std::string("SELECT ") + kRatingCols +
                  " FROM events e LEFT JOIN terminals t ON t.id=e.terminal_id "
                  "WHERE e.kind='rating' AND e.at>=$1 AND e.at<$2 ORDER BY e.at, e.terminal_id COLLATE \"C\", e.seq",
              {from, to});
    if (r)
      for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(rating_from(r.get(), i, 0));
    return out;
  }

  std::vector<ratings::Suggestion> suggestions(int64_t from, int64_t to) override {
    std::vector<ratings::Suggestion> out;
    auto r = query(
        "SELECT e.terminal_id, coalesce(t.name,''), e.item, e.text, e.at FROM events e "
        "LEFT JOIN terminals t ON t.id=e.terminal_id WHERE e.kind='feedback' AND e.text<>'' AND e.at>=$1 AND e.at<$2 "
        "ORDER BY e.at, e.terminal_id COLLATE \"C\", e.seq",
        {from, to});
    if (r)
      for (int i = 0; i < PQntuples(r.get()); ++i) {
        const PGresult* p = r.get();
        out.push_back({text(p, i, 0), text(p, i, 1), text(p, i, 2), text(p, i, 3), i64(p, i, 4)});
      }
    return out;
  }

  std::vector<ratings::FollowUp> followups(int64_t from, int64_t to) override {
    std::vector<ratings::FollowUp> out;
    auto r = query(std::string(kFollowUpSelect) + "WHERE e.at>=$1 AND e.at<$2 ORDER BY e.at, f.id", {from, to});
    if (r)
      for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(followup_from(r.get(), i));
    return out;
  }

  std::optional<ratings::FollowUp> followup(int64_t id) override {
    auto r = query(std::string(kFollowUpSelect) + "WHERE f.id=$1", {id});
    if (!r || PQntuples(r.get()) == 0) return std::nullopt;
    return followup_from(r.get(), 0);
  }

  Result<bool> update_followup(int64_t id, const std::string& owner, const std::string& deadline,
                               const std::string& outcome, bool done, const std::string& by, int64_t at) override {
    auto c = pool_.take();
    if (!c) return Result<bool>::fail("cannot store follow-up: the database cannot be reached");
    auto r = c->run(
        "UPDATE followups SET owner=$1, deadline=$2, outcome=$3, done=$4, updated_at=$5, updated_by=$6 WHERE id=$7",
        {owner, deadline, outcome, done, at, by, id});
    if (!r || !ok(r.get())) return Result<bool>::fail(failure("cannot store follow-up", *c, r));
    return changed(r.get()) == 1;
  }

 private:
  // A read: its rows, or null when the database cannot answer (the caller shows nothing).
  PgResult query(const std::string& sql, const std::vector<Param>& params = {}, bool binary_result = false) {
    auto c = pool_.take();
    if (!c) return nullptr;
    auto r = c->run(sql, params, binary_result);
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) return nullptr;
    return r;
  }
  // A write in its own transaction; durable when it returns (but see heartbeat()).
  Status command(const char* what, const std::string& sql, const std::vector<Param>& params) {
    auto c = pool_.take();
    if (!c) return Status::fail(std::string(what) + ": the database cannot be reached");
    auto r = c->run(sql, params);
    if (!r || !ok(r.get())) return Status::fail(failure(what, *c, r));
    return Status::success();
  }

  Pool pool_;
};

}  // namespace

Result<std::unique_ptr<StoreEngine>> open_postgresql_engine(const std::string& connection) {
  using R = Result<std::unique_ptr<StoreEngine>>;
  // Checked first so a typo is named as such, not as a server that cannot be reached.
  char* why = nullptr;
  PQconninfoOption* opts = PQconninfoParse(connection.c_str(), &why);
  if (opts == nullptr) {
    std::string msg = trimmed(why);
    PQfreemem(why);
    return R::fail("not a libpq connection string: " + msg, {}, 0, "store.connection");
  }
  PQconninfoFree(opts);
  auto engine = std::make_unique<PostgresqlEngine>(connection);
  std::unique_ptr<Conn> first;
  if (std::string err = engine->pool().connect(first); !err.empty())
    return R::fail("cannot reach the PostgreSQL store: " + err, {}, 0, "store.connection");
  // One transaction: the advisory lock keeps two hubs starting at once from racing to create.
  if (!first->exec("BEGIN") || !first->exec(kSchema) || !first->commit())
    return R::fail("cannot prepare the PostgreSQL store: " + first->error(), {}, 0, "store.connection");
  engine->pool().add(std::move(first));
  return std::unique_ptr<StoreEngine>(std::move(engine));
}

}  // namespace bianmin::hub
