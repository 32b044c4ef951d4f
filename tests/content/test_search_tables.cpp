// The build-time generator of the search tables (content/tools/gen_search_tables.cpp): its
// output is deterministic and is what the library was built with.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace bianmin;

namespace {
const char* kUnihan = "/usr/share/unicode/Unihan_Readings.txt.bz2";
const char* kT2s = "/usr/share/opencc/t2s.json";
std::string generator() { return (test::binary_dir() / "content" / "bianmin-gen-search-tables").string(); }
}  // namespace

TEST_CASE("the generator writes the same tables twice, and the library was built from them") {
  test::TempDir dir("search-tables");
  auto a = test::run({generator(), kUnihan, kT2s, (dir / "a.cpp").string()});
  auto b = test::run({generator(), kUnihan, kT2s, (dir / "b.cpp").string()});
  INFO(a.output);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  std::string tables = test::read_file(dir / "a.cpp");
  CHECK(tables == test::read_file(dir / "b.cpp"));
  CHECK(tables == test::read_file(test::binary_dir() / "content" / "search_tables.cpp"));
  CHECK(tables.find("Unihan_Readings.txt") != std::string::npos);
  CHECK(a.output.find("characters with pinyin") != std::string::npos);
}

TEST_CASE("the generator refuses inputs it cannot read and writes nothing") {
  test::TempDir dir("search-tables");
  auto r = test::run({generator(), (dir / "missing.bz2").string(), kT2s, (dir / "out.cpp").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("cannot read") != std::string::npos);
  CHECK(!std::filesystem::exists(dir / "out.cpp"));
  CHECK(test::run({generator()}).exit_code == 2);
}
