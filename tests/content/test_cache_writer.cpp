// write_cache: deterministic bytes, atomic replacement, refusal of duplicate ids.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <random>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "content/fixture_content.hpp"
#include "support/test_support.hpp"

using namespace bianmin::content;
using bianmin::Status;
using bianmin::test::fixture_content;
using bianmin::test::read_file;
using bianmin::test::TempDir;

namespace {

// The same content with every top-level list (and the fund rows) in another order.
ContentSet shuffled(ContentSet c, unsigned seed) {
  std::mt19937 rng(seed);
  auto mix = [&](auto& v) {
    std::shuffle(v.begin(), v.end(), rng);
    if (v.size() > 1 && seed % 2 == 0) std::reverse(v.begin(), v.end());
  };
  mix(c.departments);
  mix(c.topics);
  mix(c.life_events);
  mix(c.catalogue);
  mix(c.guides);
  mix(c.cards);
  mix(c.funds);
  mix(c.policies);
  mix(c.notices);
  for (FundPublication& f : c.funds) {
    mix(f.rows);
    mix(f.projects);
  }
  return c;
}

int64_t pragma(const std::filesystem::path& file, const char* name) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, (std::string("PRAGMA ") + name).c_str(), -1, &s, nullptr);
  int64_t v = -1;
  if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

}  // namespace

TEST_CASE("the same content written twice gives byte-identical files") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "a.db"));
  REQUIRE(write_cache(fixture_content(), dir / "b.db"));
  std::string a = read_file(dir / "a.db");
  CHECK(a.size() > 0);
  CHECK(a == read_file(dir / "b.db"));
}

TEST_CASE("the order of items in the content set does not change the bytes") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "a.db"));
  std::string a = read_file(dir / "a.db");
  for (unsigned seed : {1u, 2u, 7u}) {
    CAPTURE(seed);
    REQUIRE(write_cache(shuffled(fixture_content(), seed), dir / "b.db"));
    CHECK(a == read_file(dir / "b.db"));
  }
}

TEST_CASE("different content gives different bytes") {
  TempDir dir;
  ContentSet c = fixture_content();
  REQUIRE(write_cache(c, dir / "a.db"));
  c.guides[0].updated_date = "2026-12-01";
  REQUIRE(write_cache(c, dir / "b.db"));
  CHECK(read_file(dir / "a.db") != read_file(dir / "b.db"));
}

TEST_CASE("the cache is a SQLite file with fixed page size, rollback journal and our ids") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "c.db"));
  CHECK(pragma(dir / "c.db", "page_size") == 4096);
  CHECK(pragma(dir / "c.db", "user_version") == schema_version());
  CHECK(pragma(dir / "c.db", "application_id") == 0x424D4E43);
  CHECK(pragma(dir / "c.db", "freelist_count") == 0);  // vacuumed
  std::string bytes = read_file(dir / "c.db");
  REQUIRE(bytes.size() > 100);
  CHECK(bytes.compare(0, 16, std::string("SQLite format 3\0", 16)) == 0);
  CHECK(bytes[18] == 1);  // file format write version 1: rollback journal, not WAL
  CHECK(bytes[19] == 1);
}

TEST_CASE("writing leaves no temporary or journal file behind") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "c.db"));
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) names.push_back(e.path().filename());
  CHECK(names == std::vector<std::string>{"c.db"});
}

TEST_CASE("writing replaces an existing cache and removes a stale temporary file") {
  TempDir dir;
  bianmin::test::write_file(dir / "c.db", "old content, not even SQLite");
  bianmin::test::write_file(dir / "c.db.tmp", "left over from a crash");
  REQUIRE(write_cache(fixture_content(), dir / "c.db"));
  CHECK_FALSE(std::filesystem::exists(dir / "c.db.tmp"));
  auto store = Store::open_readonly(dir / "c.db");
  REQUIRE(store.ok());
  CHECK((*store)->info().content_version == "2026.11.12-1");
}

TEST_CASE("a duplicate id fails, names the item, and leaves the existing cache untouched") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "c.db"));
  std::string before = read_file(dir / "c.db");

  ContentSet c = fixture_content();
  c.guides.push_back(c.guides[1]);
  Status st = write_cache(c, dir / "c.db");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find(c.guides[1].code) != std::string::npos);
  CHECK(st.error().message.find("重复") != std::string::npos);
  CHECK(st.error().file == (dir / "c.db").string());
  CHECK(read_file(dir / "c.db") == before);
  CHECK_FALSE(std::filesystem::exists(dir / "c.db.tmp"));
}

TEST_CASE("a duplicate fund row number is refused") {
  TempDir dir;
  ContentSet c = fixture_content();
  c.funds[0].rows.push_back(c.funds[0].rows[0]);
  Status st = write_cache(c, dir / "c.db");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find(c.funds[0].id + "#1") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "c.db"));
}

TEST_CASE("an empty content set makes a valid, empty cache") {
  TempDir dir;
  REQUIRE(write_cache(ContentSet{}, dir / "empty.db"));
  auto store = Store::open_readonly(dir / "empty.db");
  REQUIRE(store.ok());
  CHECK((*store)->guides_all().empty());
  CHECK((*store)->funds_all("2026-01-01").empty());
  CHECK((*store)->fund_totals("nothing", "", "").rows == 0);
}

TEST_CASE("writing into a directory that does not exist fails with a message") {
  TempDir dir;
  Status st = write_cache(fixture_content(), dir / "missing" / "c.db");
  REQUIRE_FALSE(st.ok());
  CHECK_FALSE(st.error().message.empty());
  CHECK(st.error().file.find("c.db") != std::string::npos);
}
