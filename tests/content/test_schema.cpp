// The schema and its migrations (content/src/schema.hpp).
// The session extension's declarations (Debian's libsqlite3 is built with it).
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <map>

#include "bianmin/base/sqlite.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "content/fixture_content.hpp"
#include "schema.hpp"
#include "store_internal.hpp"
#include "support/test_support.hpp"

using namespace bianmin::content;
using bianmin::Status;
namespace sql = bianmin::sql;
using bianmin::test::TempDir;

namespace {

// An open read-write connection, closed at the end of the scope.
struct Db {
  sqlite3* db = nullptr;
  explicit Db(const std::filesystem::path& p) { REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK); }
  ~Db() { sqlite3_close(db); }
  int64_t value(const char* sql) { return sql::query_int(db, sql, -1); }
};

// name -> CREATE statement of every table and index.
std::map<std::string, std::string> schema_of(sqlite3* db) {
  std::map<std::string, std::string> out;
  sql::Stmt s(db, "SELECT name, coalesce(sql, '') FROM sqlite_master ORDER BY name");
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

}  // namespace

TEST_CASE("migrations are numbered 1..N without gaps and N is the schema version") {
  const auto& steps = schema::migrations();
  REQUIRE_FALSE(steps.empty());
  for (size_t i = 0; i < steps.size(); ++i) {
    CHECK(steps[i].version == static_cast<int>(i + 1));
    CHECK(std::string(steps[i].what).size() > 0);
  }
  CHECK(schema::latest_version() == steps.back().version);
  CHECK(schema_version() == schema::latest_version());
}

TEST_CASE("every table has a declared primary key (the session extension needs one)") {
  TempDir dir;
  Db d(dir / "c.db");
  REQUIRE(schema::migrate(d.db));
  sql::Stmt tables(d.db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  int count = 0;
  while (tables.step()) {
    std::string name = tables.text(0);
    CAPTURE(name);
    sql::Stmt pk(d.db, ("SELECT count(*) FROM pragma_table_info('" + name + "') WHERE pk > 0").c_str());
    REQUIRE(pk.step());
    CHECK(pk.i64(0) > 0);
    ++count;
  }
  CHECK(count >= 25);
}

TEST_CASE("a fresh database gets the application id and the latest version") {
  TempDir dir;
  Db d(dir / "c.db");
  REQUIRE(schema::migrate(d.db));
  CHECK(d.value("PRAGMA application_id") == schema::kApplicationId);
  CHECK(d.value("PRAGMA user_version") == schema::latest_version());
  CHECK(schema::check_cache(d.db, "c.db").ok());
}

TEST_CASE("migrating step by step gives the same schema as migrating at once") {
  TempDir dir;
  Db once(dir / "once.db");
  REQUIRE(schema::migrate(once.db));
  Db steps(dir / "steps.db");
  for (int v = 1; v <= schema::latest_version(); ++v) {
    CAPTURE(v);
    REQUIRE(schema::migrate(steps.db, v));
    CHECK(steps.value("PRAGMA user_version") == v);
  }
  CHECK(schema_of(steps.db) == schema_of(once.db));
  // Migrating a current file again changes nothing.
  REQUIRE(schema::migrate(steps.db));
  CHECK(schema_of(steps.db) == schema_of(once.db));
}

TEST_CASE("an older file checks as too old and upgrades in place, data derived") {
  TempDir dir;
  auto file = dir / "c.db";
  REQUIRE(write_cache(bianmin::test::fixture_content(), file));
  {
    Db d(file);
    REQUIRE(sql::exec(
        d.db,
        "DROP TABLE fund_total; DROP TABLE glyph_set; DROP TABLE colloquial_name; DROP TABLE most_used_guide; "
        "ALTER TABLE department DROP COLUMN sort_order; DROP TABLE guide_tip; DROP TABLE notice_urgent; "
        "ALTER TABLE card DROP COLUMN money; PRAGMA user_version = 1;"));
    Status st = schema::check_cache(d.db, "c.db");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("过旧") != std::string::npos);
  }
  REQUIRE(upgrade_cache(file));
  Db d(file);
  CHECK(d.value("PRAGMA user_version") == schema::latest_version());
  CHECK(d.value("SELECT sum(row_count) FROM fund_total WHERE fund_id = 'gengdi-2026'") == 12);
  CHECK(d.value("SELECT count(*) FROM glyph_set") == 3);  // faces heading, text, findable
  CHECK(schema::check_cache(d.db, "c.db").ok());
}

TEST_CASE("migrate refuses a newer file and a foreign SQLite file") {
  TempDir dir;
  {
    Db d(dir / "newer.db");
    REQUIRE(schema::migrate(d.db));
    REQUIRE(sql::exec(d.db, "PRAGMA user_version = 99"));
    Status st = schema::migrate(d.db);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("99") != std::string::npos);
  }
  {
    Db d(dir / "foreign.db");
    REQUIRE(sql::exec(d.db, "CREATE TABLE t (x PRIMARY KEY)"));
    Status st = schema::migrate(d.db);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("不是便民内容缓存") != std::string::npos);
    CHECK(upgrade_cache(dir / "foreign.db").ok() == false);
  }
  CHECK_FALSE(upgrade_cache(dir / "missing.db").ok());
  CHECK_FALSE(schema::migrate(nullptr, schema::latest_version() + 1).ok());
}

TEST_CASE("the store's fund row pages use the matching index and sort at most a page") {
  TempDir dir;
  Db d(dir / "c.db");
  REQUIRE(schema::migrate(d.db));
  auto plan = [&](const std::string& q) {
    std::string out;
    sql::Stmt s(d.db, "EXPLAIN QUERY PLAN " + q);
    REQUIRE_MESSAGE(s.get() != nullptr, s.error());
    while (s.step()) out += s.text(3) + "\n";
    return out;
  };
  std::string all = plan(fund_rows_sql(false, false));
  std::string village = plan(fund_rows_sql(true, false));
  std::string group = plan(fund_rows_sql(true, true));
  std::string group_only = plan(fund_rows_sql(false, true));
  CAPTURE(all);
  CAPTURE(village);
  CAPTURE(group);
  CAPTURE(group_only);
  // A group: one range of the key, already in row order.
  CHECK(group.find("USING PRIMARY KEY (fund_id=? AND village_id=? AND group_id=? AND row_no>?)") != std::string::npos);
  CHECK(group.find("TEMP B-TREE") == std::string::npos);
  // A village or the whole publication: the page's keys from a covering index, then the rows.
  CHECK(village.find("COVERING INDEX fund_row_by_village (fund_id=? AND village_id=? AND row_no>?)") !=
        std::string::npos);
  CHECK(all.find("COVERING INDEX fund_row_by_no (fund_id=? AND row_no>?)") != std::string::npos);
  for (const std::string& p : {all, village}) {
    CHECK(p.find("USING PRIMARY KEY (fund_id=? AND village_id=? AND group_id=? AND row_no=?)") != std::string::npos);
  }
  CHECK(group_only.find("INDEX fund_row_by_no (fund_id=? AND row_no>?)") != std::string::npos);
  CHECK(group_only.find("TEMP B-TREE") == std::string::npos);
}

namespace {

// The tables the migrations create (other parts, e.g. search, may add their own).
std::vector<std::string> content_tables() {
  sqlite3* mem = nullptr;
  sqlite3_open(":memory:", &mem);
  REQUIRE(schema::migrate(mem));
  std::vector<std::string> out;
  sql::Stmt s(mem, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (s.step()) out.push_back(s.text(0));
  s = sql::Stmt();
  sqlite3_close(mem);
  return out;
}

// A changeset that turns cache `from` into cache `to` (as the sync's publisher makes one).
std::string diff(const std::filesystem::path& from, const std::filesystem::path& to) {
  Db d(to);
  REQUIRE(sql::exec(d.db, ("ATTACH '" + from.string() + "' AS old").c_str()));
  sqlite3_session* session = nullptr;
  REQUIRE(sqlite3session_create(d.db, "main", &session) == SQLITE_OK);
  for (const std::string& t : content_tables()) {
    CAPTURE(t);
    REQUIRE(sqlite3session_attach(session, t.c_str()) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3session_diff(session, "old", t.c_str(), &err);
    CHECK_MESSAGE(rc == SQLITE_OK, (err ? err : ""));
    sqlite3_free(err);
  }
  int n = 0;
  void* p = nullptr;
  REQUIRE(sqlite3session_changeset(session, &n, &p) == SQLITE_OK);
  std::string out(static_cast<const char*>(p), static_cast<size_t>(n));
  sqlite3_free(p);
  sqlite3session_delete(session);
  return out;
}

}  // namespace

TEST_CASE("a changeset between two caches, keyed by source ids, turns one into the other") {
  TempDir dir;
  ContentSet before = bianmin::test::fixture_content();
  ContentSet after = before;
  after.guides[0].materials[1].notes = "新的填报须知";
  after.guides[2].faq.push_back(QA{"新问题？", "新回答。"});
  after.funds[0].rows[4].amount_fen += 100;
  after.funds[0].total_fen += 100;
  after.funds[0].rows.pop_back();
  after.funds[0].count -= 1;
  after.funds[0].total_fen -= before.funds[0].rows.back().amount_fen;
  after.notices.erase(after.notices.begin());
  after.content_version = "2026.11.12-2";
  REQUIRE(write_cache(before, dir / "before.db"));
  REQUIRE(write_cache(after, dir / "after.db"));

  std::string changeset = diff(dir / "before.db", dir / "after.db");
  CHECK(changeset.size() > 0);
  CHECK(changeset.size() < 4096);  // a few rows, not a rewrite of the tables

  std::filesystem::copy_file(dir / "before.db", dir / "patched.db");
  {
    Db d(dir / "patched.db");
    int rc = sqlite3changeset_apply(
        d.db, static_cast<int>(changeset.size()), changeset.data(), nullptr,
        [](void*, int, sqlite3_changeset_iter*) { return SQLITE_CHANGESET_ABORT; }, nullptr);
    REQUIRE(rc == SQLITE_OK);
  }
  // Same rows in every content table.
  Db d(dir / "patched.db");
  REQUIRE(sql::exec(d.db, ("ATTACH '" + (dir / "after.db").string() + "' AS want").c_str()));
  for (const std::string& t : content_tables()) {
    CAPTURE(t);
    std::string q = "SELECT (SELECT count(*) FROM (SELECT * FROM main." + t + " EXCEPT SELECT * FROM want." + t +
                    ")) + (SELECT count(*) FROM (SELECT * FROM want." + t + " EXCEPT SELECT * FROM main." + t + "))";
    CHECK(d.value(q.c_str()) == 0);
  }
}
