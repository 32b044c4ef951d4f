// The one wrapper over libpq (bianmin_postgresql): the hub's store (sync/hub/store_postgresql.cpp),
// the console's tables (sync/console/console_db.cpp) and the store migration use it.
// Not a public API of any part: no public header of sync/ exposes it.
//
// Promises:
//  - Conn owns one connection; each SQL text is prepared once per connection. A connection the
//    server dropped (restart, failover) is reset before its next use, even when libpq still
//    calls it OK.
//  - Pool lends up to `size` connections, opening them as needed; a lease gives its connection
//    back when it ends.
//  - Parameters go as text (integers in decimal), bytea as binary, NULL as NULL. PostgreSQL's
//    text holds well-formed UTF-8 without NUL bytes only (libpq's text parameters end at a NUL,
//    the server refuses the rest): a NUL or an ill-formed byte in a text parameter becomes
//    U+FFFD, so the text is stored whole instead of cut short or refused.
//  - Nothing here throws; failures are null results, empty strings or libpq's own words.
#pragma once
#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace bianmin::pg {

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultFree>;

// `s` with every NUL byte and every byte that is not well-formed UTF-8 replaced by U+FFFD.
std::string storable_text(std::string s);

// One parameter: text (integers as decimal), binary (bytea) or NULL.
struct Param {
  std::string value;
  bool binary = false;
  bool null = false;
  Param(std::string v, bool bin = false) : value(bin ? std::move(v) : storable_text(std::move(v))), binary(bin) {}
  Param(const char* v) : value(v) {}
  Param(int64_t v) : value(std::to_string(v)) {}
  Param(int v) : value(std::to_string(v)) {}
  Param(bool v) : value(v ? "1" : "0") {}
  Param(std::nullptr_t) : null(true) {}
};

inline int64_t i64(const PGresult* r, int row, int col) { return std::strtoll(PQgetvalue(r, row, col), nullptr, 10); }
inline std::string text(const PGresult* r, int row, int col) {
  return std::string(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
}
// Rows a command changed (INSERT/UPDATE/DELETE).
inline int64_t changed(const PGresult* r) { return std::strtoll(PQcmdTuples(const_cast<PGresult*>(r)), nullptr, 10); }
inline bool ok(const PGresult* r) {
  auto st = PQresultStatus(r);
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}
std::string sqlstate(const PGresult* r);
constexpr const char* kUniqueViolation = "23505";
// libpq's messages end with a newline: without it.
std::string trimmed(const char* m);

// An array parameter in PostgreSQL's text form: {"a","b"}, each element quoted, with its
// backslashes and double quotes escaped.
std::string array(const std::vector<std::string>& items);

// "" when `conninfo` is a libpq connection string, else libpq's reason. Never repeats the
// string itself (it may hold a password).
std::string check_conninfo(const std::string& conninfo);

class Conn {
 public:
  explicit Conn(PGconn* c) : c_(c) {}
  ~Conn() { PQfinish(c_); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  PGconn* get() const { return c_; }
  std::string error() const { return trimmed(PQerrorMessage(c_)); }

  // Opens a connection (UTF-8); `out` is null only when out of memory. "" or libpq's reason.
  static std::string connect(const std::string& conninfo, std::unique_ptr<Conn>& out);

  // A connection the server dropped is reset once before use.
  void heal();

  // Runs `sql` ($1, $2… parameters) as a statement prepared once per connection. Results in
  // text, or in binary when `binary_result`.
  PgResult run(const std::string& sql, const std::vector<Param>& params = {}, bool binary_result = false);
  // A command without parameters (BEGIN, ROLLBACK, a schema).
  bool exec(const char* sql);
  // COMMIT, true only when it committed (a failed transaction's COMMIT answers ROLLBACK).
  bool commit();

 private:
  // A failure without an SQLSTATE came from the connection, not from the statement (the
  // server went away): reset it before its next use even if libpq still calls it OK.
  void note(const PgResult& r);

  PGconn* c_;
  bool broken_ = false;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

// A failed command's message: "what: the server's words".
std::string failure(const char* what, const Conn& c, const PgResult& r);

class Pool {
 public:
  Pool(std::string conninfo, int size) : conninfo_(std::move(conninfo)), size_(size) {}

  // Opens one connection (the pool's first); "" or libpq's reason.
  std::string connect(std::unique_ptr<Conn>& out) { return Conn::connect(conninfo_, out); }

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

  // Waits for an idle connection or opens a new one while fewer than `size` exist. An empty
  // lease when a new connection cannot be made.
  Lease take();
  // Adds an open connection (the first, made by connect()).
  void add(std::unique_ptr<Conn> c);

 private:
  void give_back(std::unique_ptr<Conn> c);

  std::string conninfo_;
  int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
};

}  // namespace bianmin::pg
