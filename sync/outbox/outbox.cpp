// The terminal's outbox (see outbox.hpp for what it promises).
#include "bianmin/sync/outbox.hpp"

#include <sqlite3.h>

#include <ctime>

#include "bianmin/base/sqlite.hpp"
#include "bianmin/base/utf8.hpp"

namespace bianmin::sync {
namespace {
using sql::Stmt;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS events(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  item TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  value INTEGER NOT NULL DEFAULT 0,
  batch_id TEXT
);
CREATE INDEX IF NOT EXISTS events_batch ON events(batch_id);
)sql";

constexpr size_t kMaxText = 512;

bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Length in bytes of the digit at text[i] (1 for ASCII, 3 for full-width ０-９), or 0.
size_t digit_len(std::string_view t, size_t i) {
  if (is_ascii_digit(static_cast<unsigned char>(t[i]))) return 1;
  // U+FF10..U+FF19 is EF BC 90..99 in UTF-8.
  if (i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xEF && static_cast<unsigned char>(t[i + 1]) == 0xBC) {
    auto c = static_cast<unsigned char>(t[i + 2]);
    if (c >= 0x90 && c <= 0x99) return 3;
  }
  return 0;
}

Status fail_db(sqlite3* db, const std::string& what) {
  return Status::fail(what + ": " + sqlite3_errmsg(db), "outbox");
}

}  // namespace

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::View:
      return "view";
    case EventKind::Search:
      return "search";
    case EventKind::Print:
      return "print";
    case EventKind::Rating:
      return "rating";
    case EventKind::Feedback:
      return "feedback";
  }
  return "view";
}

std::optional<EventKind> event_kind_from_name(std::string_view name) {
  for (auto k : {EventKind::View, EventKind::Search, EventKind::Print, EventKind::Rating, EventKind::Feedback})
    if (name == event_kind_name(k)) return k;
  return std::nullopt;
}

std::string redact_digit_runs(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t n = digit_len(text, i);
    if (n == 0) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    size_t j = i, digits = 0;
    while (j < text.size()) {
      size_t m = digit_len(text, j);
      if (m == 0) break;
      j += m;
      ++digits;
    }
    if (digits >= 6) {
      if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
      out += "***";
    } else {
      out.append(text.substr(i, j - i));
    }
    i = j;
  }
  return std::string(utf8::cut(out, kMaxText));
}

Result<std::unique_ptr<Outbox>> Outbox::open(const std::filesystem::path& path, const OutboxOptions& options) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  sql::Connection db(raw);
  if (rc != SQLITE_OK)
    return Result<std::unique_ptr<Outbox>>::fail(
        std::string("cannot open outbox: ") + (raw ? sqlite3_errmsg(raw) : "out of memory"), path.string());
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", kSchema}) {
    auto st = sql::exec(raw, sql);
    if (!st)
      return Result<std::unique_ptr<Outbox>>::fail("cannot prepare outbox: " + st.error().message, path.string());
  }
  return std::unique_ptr<Outbox>(new Outbox(db.release(), path, options));
}

Outbox::~Outbox() { sqlite3_close_v2(db_); }

Status Outbox::append(const Event& e) {
  Stmt st(db_, "INSERT INTO events(kind, at, item, text, value) VALUES(?,?,?,?,?)");
  if (!st.ok()) return fail_db(db_, "cannot append");
  int64_t at = e.at != 0 ? e.at : static_cast<int64_t>(std::time(nullptr));
  // Item ids come from published content (they carry item codes, which are not personal),
  // but a caller could pass anything: cap the length, keep the digits.
  st.bind(1, std::string_view(event_kind_name(e.kind)))
      .bind(2, at)
      .bind(3, utf8::cut(e.item, 200))
      .bind(4, std::string_view(redact_digit_runs(e.text)))
      .bind(5, e.value);
  if (!st.step_done()) return fail_db(db_, "cannot append");
  if (++appends_since_trim_ >= 1000) {
    appends_since_trim_ = 0;
    return trim_if_needed();
  }
  return Status::success();
}

Status Outbox::trim_if_needed() {
  Stmt count(db_, "SELECT count(*) FROM events");
  if (!count.ok() || !count.step()) return fail_db(db_, "cannot count");
  int64_t excess = count.i64(0) - options_.max_events;
  if (excess <= 0) return Status::success();
  Stmt del(db_,
           "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE batch_id IS NULL "
           "ORDER BY seq LIMIT ?)");
  del.bind(1, excess);
  if (!del.ok() || !del.step_done()) return fail_db(db_, "cannot trim");
  return Status::success();
}

Result<OutboxBatch> Outbox::take_batch(int max_events) {
  using R = Result<OutboxBatch>;
  if (max_events < 1) max_events = 1;
  // IMMEDIATE: two agents racing must not both tag the same events with different ids.
  if (auto st = sql::exec(db_, "BEGIN IMMEDIATE"); !st) return R::fail(st.error().message, "outbox");
  auto rollback = [&](const std::string& what) {
    std::string msg = what + ": " + sqlite3_errmsg(db_);
    (void)sql::exec(db_, "ROLLBACK");  // best effort: the failure being reported matters more
    return R::fail(msg, "outbox");
  };
  OutboxBatch batch;
  {
    Stmt open(db_, "SELECT batch_id FROM events WHERE batch_id IS NOT NULL ORDER BY seq LIMIT 1");
    if (!open.ok()) return rollback("cannot read batch");
    if (open.step())
      batch.id = open.text(0);
    else if (open.rc() != SQLITE_DONE)
      return rollback("cannot read batch");
  }
  if (batch.id.empty()) {
    Stmt id(db_, "SELECT lower(hex(randomblob(16)))");
    if (!id.ok() || !id.step()) return rollback("cannot make batch id");
    batch.id = id.text(0);
    Stmt tag(db_,
             "UPDATE events SET batch_id=? WHERE seq IN (SELECT seq FROM events WHERE "
             "batch_id IS NULL ORDER BY seq LIMIT ?)");
    tag.bind(1, std::string_view(batch.id)).bind(2, static_cast<int64_t>(max_events));
    if (!tag.ok() || !tag.step_done()) return rollback("cannot tag batch");
  }
  Stmt rows(db_, "SELECT seq, kind, at, item, text, value FROM events WHERE batch_id=? ORDER BY seq");
  rows.bind(1, std::string_view(batch.id));
  if (!rows.ok()) return rollback("cannot read batch");
  while (rows.step()) {
    StoredEvent se;
    se.seq = rows.i64(0);
    se.event.kind = event_kind_from_name(rows.text(1)).value_or(EventKind::View);
    se.event.at = rows.i64(2);
    se.event.item = rows.text(3);
    se.event.text = rows.text(4);
    se.event.value = rows.i64(5);
    batch.events.push_back(std::move(se));
  }
  if (rows.rc() != SQLITE_DONE) return rollback("cannot read batch");
  if (auto st = sql::exec(db_, "COMMIT"); !st) return rollback("cannot commit batch");
  if (batch.events.empty()) batch.id.clear();
  return batch;
}

Result<int64_t> Outbox::acknowledge(std::string_view batch_id) {
  Stmt del(db_, "DELETE FROM events WHERE batch_id=?");
  del.bind(1, batch_id);
  if (!del.ok() || !del.step_done())
    return Result<int64_t>::fail(std::string("cannot acknowledge: ") + sqlite3_errmsg(db_), "outbox");
  return static_cast<int64_t>(sqlite3_changes(db_));
}

Result<int64_t> Outbox::pending_count() {
  Stmt count(db_, "SELECT count(*) FROM events");
  if (!count.ok() || !count.step())
    return Result<int64_t>::fail(std::string("cannot count: ") + sqlite3_errmsg(db_), "outbox");
  return count.i64(0);
}

}  // namespace bianmin::sync
