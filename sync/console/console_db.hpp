// Where the console keeps its tables (staff accounts, sessions, the audit log, changes and
// fund-sheet mappings): beside the hub's own data, on the same engine (hub.toml [store]) —
// hub.db in the data directory, or the county's PostgreSQL. StaffStore and ChangeStore speak
// to it through one small interface, so each writes its SQL once for both engines.
//
// Promises:
//  - SQL is written with `?` parameters and the subset both engines share (ON CONFLICT …
//    DO UPDATE, RETURNING, quoted "user"); each store writes its schema once, in SQLite's words,
//    and PostgreSQL gets it translated (postgresql_schema).
//  - Every write that returns is durable (SQLite: WAL with synchronous=FULL; PostgreSQL: its
//    commit).
//  - Text goes into either engine as well-formed UTF-8 without NUL bytes: anything else becomes
//    U+FFFD, the same on both (PostgreSQL's text cannot hold it).
//  - run() may be called from any thread; nothing throws.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::console {

// The engine and its address: hub.db (SQLite) unless a PostgreSQL connection is given.
struct DbPlace {
  std::filesystem::path sqlite_path;
  std::string connection;  // a libpq connection string: PostgreSQL
  DbPlace() = default;
  DbPlace(std::filesystem::path p) : sqlite_path(std::move(p)) {}  // NOLINT: a path is a place
  static DbPlace postgresql(std::string connection) {
    DbPlace d;
    d.connection = std::move(connection);
    return d;
  }
  bool is_postgresql() const { return !connection.empty(); }
};

struct DbParam {
  enum class Kind { Null, Integer, Text } kind;
  int64_t integer = 0;
  std::string text;
  DbParam(std::nullptr_t) : kind(Kind::Null) {}                     // NOLINT: implicit, as the values they stand for
  DbParam(int64_t v) : kind(Kind::Integer), integer(v) {}           // NOLINT
  DbParam(int v) : kind(Kind::Integer), integer(v) {}               // NOLINT
  DbParam(std::string v) : kind(Kind::Text), text(std::move(v)) {}  // NOLINT
  DbParam(const char* v) : kind(Kind::Text), text(v) {}             // NOLINT
};

// A statement's outcome: its rows as text (NULL as ""), or why it failed.
struct DbRows {
  bool ok = false;
  bool duplicate = false;  // failed because a unique key is taken
  std::string error;
  std::vector<std::vector<std::string>> rows;
  int64_t changed = 0;  // rows a command changed

  bool empty() const { return rows.empty(); }
  const std::string& text(size_t row, size_t col) const { return rows[row][col]; }
  int64_t i64(size_t row, size_t col) const;
  Status status() const { return ok ? Status::success() : Status::fail(error); }
};

class ConsoleDb {
 public:
  // Opens the place and creates the tables of `schema` (SQLite's words) when missing. Fails with
  // the engine's words (field "store.connection" for PostgreSQL, the file for SQLite).
  static Result<std::unique_ptr<ConsoleDb>> open(const DbPlace& place, const std::string& schema);
  virtual ~ConsoleDb() = default;
  // One statement; `?` marks each parameter in order.
  virtual DbRows run(const std::string& sql, const std::vector<DbParam>& params = {}) = 0;
};

// A schema in SQLite's words as PostgreSQL says it: INTEGER columns are BIGINT (SQLite's are 64
// bits) and "INTEGER PRIMARY KEY AUTOINCREMENT" is a BIGINT identity.
std::string postgresql_schema(const std::string& sqlite_schema);
// `sql` with each `?` outside quotes numbered for PostgreSQL ($1, $2, …).
std::string numbered_parameters(const std::string& sql);

}  // namespace bianmin::console
