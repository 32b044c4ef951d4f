#include "bianmin/base/sqlite.hpp"

#include <utility>

namespace bianmin::sql {

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  rc_ = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc_ != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), rc_(other.rc_) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    rc_ = other.rc_;
  }
  return *this;
}

std::string Stmt::error() const {
  if (db_ == nullptr) return "no database";
  return std::string(sqlite3_errmsg(db_)) + " (" + sqlite3_errstr(rc_) + ")";
}

Stmt& Stmt::bound(int rc) {
  if (rc != SQLITE_OK) rc_ = rc;
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view v) {
  if (stmt_ == nullptr) return *this;
  // An empty string binds as '' (not NULL): every text column is NOT NULL.
  return bound(sqlite3_bind_text(stmt_, i, v.empty() ? "" : v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
}

Stmt& Stmt::bind(int i, int64_t v) { return stmt_ ? bound(sqlite3_bind_int64(stmt_, i, v)) : *this; }
Stmt& Stmt::bind(int i, double v) { return stmt_ ? bound(sqlite3_bind_double(stmt_, i, v)) : *this; }
Stmt& Stmt::bind_null(int i) { return stmt_ ? bound(sqlite3_bind_null(stmt_, i)) : *this; }

bool Stmt::step() {
  if (stmt_ == nullptr) return false;
  if (rc_ != SQLITE_OK && rc_ != SQLITE_ROW && rc_ != SQLITE_DONE) return false;  // a bind failed
  rc_ = sqlite3_step(stmt_);
  return rc_ == SQLITE_ROW;
}

Status Stmt::run() {
  if (stmt_ == nullptr) return Status::fail("SQL 语句无法准备: " + error());
  while (step()) {
  }
  if (rc_ != SQLITE_DONE) {
    Status st = Status::fail("SQL 执行失败: " + error());
    reset();
    return st;
  }
  reset();
  return Status::success();
}

void Stmt::reset() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  rc_ = SQLITE_OK;
}

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

StatementCache::Use StatementCache::get(std::string_view sql) {
  auto it = stmts_.find(std::string(sql));
  if (it == stmts_.end()) it = stmts_.emplace(std::string(sql), Stmt(db_, sql)).first;
  it->second.reset();
  return Use(it->second);
}

Status exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return Status::fail("SQL 执行失败: " + msg);
  }
  return Status::success();
}

int64_t query_int(sqlite3* db, const char* sql, int64_t fallback) {
  Stmt s(db, sql);
  if (s.step()) return s.i64(0);
  return fallback;
}

Transaction::Transaction(sqlite3* db) : db_(db) {
  begun_ = exec(db, "BEGIN IMMEDIATE");
  open_ = begun_.ok();
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::commit() {
  if (!open_) return begun_.ok() ? Status::fail("事务已结束") : begun_;
  Status st = exec(db_, "COMMIT");
  if (st.ok()) open_ = false;
  return st;
}

std::string uri_escape_path(std::string_view path) {
  // RFC 3986-style: keep unreserved characters and '/', percent-encode the rest (including
  // '?', '#', '%' and every byte of a UTF-8 sequence, which SQLite decodes back).
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                c == '.' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace bianmin::sql
