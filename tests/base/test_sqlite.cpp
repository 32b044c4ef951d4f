// The one SQLite statement wrapper (base/include/bianmin/base/sqlite.hpp).
#include <doctest/doctest.h>

#include "bianmin/base/sqlite.hpp"

using namespace bianmin;

namespace {
sqlite3* memory_db() {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  return db;
}
}  // namespace

TEST_CASE("a statement binds, steps and reads typed values") {
  sql::Connection db(memory_db());
  REQUIRE(sql::exec(db.get(), "CREATE TABLE t(a TEXT NOT NULL, b INTEGER, c REAL)").ok());
  sql::Stmt ins(db.get(), "INSERT INTO t VALUES(?,?,?)");
  REQUIRE(ins.ok());
  CHECK(ins.bind_all(std::string("桐溪"), int64_t{42}, 1.5).step_done());
  ins.reset();
  CHECK(ins.bind(1, "").bind_null(2).bind(3, 0.0).run().ok());
  sql::Stmt sel(db.get(), "SELECT a, b, c FROM t ORDER BY rowid");
  REQUIRE(sel.step());
  CHECK(sel.text(0) == "桐溪");
  CHECK(sel.i64(1) == 42);
  CHECK(sel.real(2) == 1.5);
  REQUIRE(sel.step());
  CHECK(sel.text(0).empty());  // an empty string is '' (the column is NOT NULL), not NULL
  CHECK(sel.is_null(1));
  CHECK_FALSE(sel.step());
  CHECK(sel.rc() == SQLITE_DONE);
}

TEST_CASE("a failure is a value that carries SQLite's message") {
  sql::Connection db(memory_db());
  sql::Stmt bad(db.get(), "SELECT * FROM nowhere");
  CHECK_FALSE(bad.ok());
  CHECK_FALSE(bad.step());
  CHECK(bad.error().find("no such table") != std::string::npos);
  auto st = sql::exec(db.get(), "INSERT INTO nowhere VALUES(1)");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("no such table: nowhere") != std::string::npos);
}

TEST_CASE("a transaction rolls back unless committed") {
  sql::Connection db(memory_db());
  REQUIRE(sql::exec(db.get(), "CREATE TABLE t(a INTEGER)").ok());
  {
    sql::Transaction tx(db.get());
    REQUIRE(tx.begun().ok());
    REQUIRE(sql::exec(db.get(), "INSERT INTO t VALUES(1)").ok());
  }
  CHECK(sql::query_int(db.get(), "SELECT count(*) FROM t", -1) == 0);
  {
    sql::Transaction tx(db.get());
    REQUIRE(sql::exec(db.get(), "INSERT INTO t VALUES(1)").ok());
    CHECK(tx.commit().ok());
  }
  CHECK(sql::query_int(db.get(), "SELECT count(*) FROM t", -1) == 1);
}

TEST_CASE("a statement cache prepares once and resets after each use") {
  sql::Connection db(memory_db());
  sql::StatementCache cache(db.get());
  for (int i = 0; i < 3; ++i) {
    auto use = cache.get("SELECT ?1 + 1");
    CHECK(use->bind(1, i).step());
    CHECK(use->i64(0) == i + 1);
  }
}

TEST_CASE("a connection closes unless released") {
  sqlite3* raw = memory_db();
  {
    sql::Connection c(raw);
    CHECK(c.release() == raw);
  }
  CHECK(sqlite3_close(raw) == SQLITE_OK);  // still open: release() kept it
}
