// Small RAII helpers over the SQLite C API for sync/ internals (outbox, bundle deltas, hub
// store). Not a public API: other parts read content through content/.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "bianmin/content/result.hpp"

namespace bianmin::sync::detail {

// A prepared statement, finalized on destruction. Bind indexes are 1-based.
class Stmt {
public:
  Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return rc_ == SQLITE_OK && st_ != nullptr; }
  std::string error() const { return sqlite3_errmsg(db_); }
  Stmt& bind(int i, int64_t v) { sqlite3_bind_int64(st_, i, v); return *this; }
  Stmt& bind(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_null(int i) { sqlite3_bind_null(st_, i); return *this; }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return st_ ? sqlite3_step(st_) : rc_; }
  void reset() { sqlite3_reset(st_); sqlite3_clear_bindings(st_); }
  int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
  }
  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  sqlite3_stmt* raw() { return st_; }

private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

// Runs one or more statements without results.
inline Status exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    return Status::fail(msg);
  }
  return Status::success();
}

// Closes a connection on destruction unless released.
class DbGuard {
public:
  explicit DbGuard(sqlite3* db) : db_(db) {}
  ~DbGuard() { if (db_) sqlite3_close_v2(db_); }
  DbGuard(const DbGuard&) = delete;
  DbGuard& operator=(const DbGuard&) = delete;
  sqlite3* get() const { return db_; }
  sqlite3* release() { auto* d = db_; db_ = nullptr; return d; }

private:
  sqlite3* db_;
};

}  // namespace bianmin::sync::detail
