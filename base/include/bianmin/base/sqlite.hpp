// The one statement wrapper over the SQLite C API (bianmin_sqlite): content/'s cache writer,
// store, schema and search, and sync/'s outbox, bundle deltas and hub store all use it.
// Not a public API of any part: no public header of content/ or sync/ exposes it.
//
// Promises:
//  - Stmt owns one prepared statement and finalizes it; binding and reading are typed and
//    never hand out pointers into SQLite memory (text comes back as std::string).
//  - StatementCache prepares each SQL text once per connection and hands it back ready to
//    bind; it is reset (bindings cleared) when the caller's use ends.
//  - Transaction rolls back unless commit() succeeded; Connection closes unless released.
//  - Nothing here throws; failures are return codes or Status values.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bianmin/base/result.hpp"

namespace bianmin::sql {

// One prepared statement. Bind indexes are 1-based, column indexes 0-based (as in SQLite).
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, std::string_view sql);  // prepares; check ok()
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return stmt_ != nullptr && (rc_ == SQLITE_OK || rc_ == SQLITE_ROW || rc_ == SQLITE_DONE); }
  int rc() const { return rc_; }
  std::string error() const;  // SQLite's message for the last failure
  sqlite3_stmt* get() const { return stmt_; }

  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, bool v) { return bind(i, static_cast<int64_t>(v ? 1 : 0)); }
  Stmt& bind(int i, double v);
  Stmt& bind_null(int i);

  // Binds every argument in order from index 1.
  template <typename... Args>
  Stmt& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Steps once: true when a row is available; false when done or failed (see rc()).
  bool step();
  // Steps a statement that returns no rows once: true when it completed (SQLITE_DONE).
  // Unlike run() it does not reset, so error() still describes a failure.
  bool step_done() { return !step() && rc_ == SQLITE_DONE; }
  // Runs a statement that returns no rows to completion; Status carries SQLite's message.
  Status run();
  // Resets for another execution and clears bindings.
  void reset();

  std::string text(int col) const;
  int64_t i64(int col) const { return sqlite3_column_int64(stmt_, col); }
  int i32(int col) const { return sqlite3_column_int(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool boolean(int col) const { return sqlite3_column_int(stmt_, col) != 0; }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  Stmt& bound(int rc);  // keeps a bind's failure for step() to refuse
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

// Prepared statements reused across calls on one connection.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // Resets the statement (and clears bindings) when the use ends, so no read transaction
  // stays open between calls.
  class Use {
   public:
    explicit Use(Stmt& s) : s_(&s) {}
    ~Use() { s_->reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Stmt& operator*() const { return *s_; }
    Stmt* operator->() const { return s_; }

   private:
    Stmt* s_;
  };

  // The statement for `sql`, ready to bind. A statement that fails to prepare is returned
  // with ok() false (and steps to nothing).
  Use get(std::string_view sql);

 private:
  sqlite3* db_;
  std::unordered_map<std::string, Stmt> stmts_;
};

// Runs one or more statements without results (sqlite3_exec); a failure carries SQLite's message.
Status exec(sqlite3* db, const char* sql);

// One integer from a query returning a single row (e.g. a PRAGMA); `fallback` on failure.
int64_t query_int(sqlite3* db, const char* sql, int64_t fallback = 0);

// BEGIN IMMEDIATE … COMMIT; rolls back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  const Status& begun() const { return begun_; }
  Status commit();

 private:
  sqlite3* db_;
  Status begun_;
  bool open_ = false;
};

// Closes a connection on destruction unless released.
class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  sqlite3* get() const { return db_; }
  sqlite3* release() {
    sqlite3* d = db_;
    db_ = nullptr;
    return d;
  }

 private:
  sqlite3* db_;
};

// Escapes a file path for an SQLite URI ("file:" + escaped + "?mode=ro").
std::string uri_escape_path(std::string_view path);

}  // namespace bianmin::sql
