// Search through the query API: a cache written by write_cache and opened read-only by
// Store, as the kiosk does (include/bianmin/content/store.hpp, Store::search).
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "support/test_support.hpp"
#include "test_search_fixture.hpp"

using namespace bianmin;
using namespace bianmin::content;
using bianmin::test::has;

namespace {

struct Cache {
  test::TempDir dir{"search-store"};
  std::unique_ptr<Store> store;
  Cache() {
    Status st = write_cache(test::search_fixture(), dir / "content.db");
    std::string problem = st.ok() ? std::string() : st.error().to_string();
    INFO(problem);
    REQUIRE(st.ok());
    auto opened = Store::open_readonly(dir / "content.db");
    std::string open_problem = opened.ok() ? std::string() : opened.error().to_string();
    INFO(open_problem);
    REQUIRE(opened.ok());
    store = std::move(opened.value());
  }
};

}  // namespace

TEST_CASE_FIXTURE(Cache, "the read-only Store searches short Chinese queries") {
  CHECK(has(store->search("碑"), "530129000TY-GG-0006"));
  CHECK(has(store->search("残"), "530129000CL-JF-0003"));
  CHECK(has(store->search("低保"), "530129000MZ-JF-0002"));
  CHECK(has(store->search("银行"), "530129000SB-GG-0004"));
}

TEST_CASE_FIXTURE(Cache, "the read-only Store searches pinyin initials, traditional text and doc numbers") {
  CHECK(has(store->search("YLBX"), "530129000SB-GG-0001"));
  CHECK(has(store->search("YH"), "530129000SB-GG-0004"));
  CHECK(has(store->search("養老"), "530129000SB-GG-0001"));
  CHECK(has(store->search("2024〕12"), "yanglao-banfa"));
  CHECK(has(store->search("社保所"), "shebao"));
}

TEST_CASE_FIXTURE(Cache, "the Store ranks titles first and never finds a beneficiary") {
  auto hits = store->search("养老");
  REQUIRE(hits.size() >= 2);
  CHECK(test::position(hits, "530129000SB-GG-0001") < test::position(hits, "530129000SB-GG-0007"));
  for (size_t k = 1; k < hits.size(); ++k) CHECK(hits[k - 1].score >= hits[k].score);
  CHECK(store->search("王建国").empty());
  CHECK(store->search("赵铁柱").empty());
  CHECK(has(store->search("上湾组"), "gengdi-2026"));
}

TEST_CASE_FIXTURE(Cache, "the Store survives FTS5 syntax and empty queries") {
  for (const char* q : {"\"", "*", "AND", "(", "NEAR(", "养老\"*", ""}) CHECK_NOTHROW(store->search(q));
  CHECK(store->search("").empty());
  CHECK(store->search("  ").empty());
  CHECK(has(store->search("(养老)"), "530129000SB-GG-0001"));
  CHECK(store->search("养老", 1).size() == 1);
}

TEST_CASE_FIXTURE(Cache, "two Stores on one cache both search (each connection registers the rank)") {
  auto second = Store::open_readonly(dir / "content.db");
  REQUIRE(second.ok());
  CHECK(has((*second)->search("碑"), "530129000TY-GG-0006"));
  CHECK(has(store->search("碑"), "530129000TY-GG-0006"));
}

TEST_CASE("the demo township's cache answers the searches CONTENT.md promises") {
  // The build always makes the demo cache (CMake passes its path); missing is a failure.
  const char* demo = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE_MESSAGE(demo != nullptr, "BIANMIN_DEMO_DB is not set: run through ctest");
  REQUIRE_MESSAGE(std::filesystem::exists(demo), "the demo cache was not built: ", demo);
  auto opened = Store::open_readonly(demo);
  REQUIRE(opened.ok());
  Store& store = **opened;
  CHECK(!store.search("养老").empty());
  CHECK(!store.search("YLBX").empty());
  CHECK(!store.search("養老").empty());
  CHECK(!store.search("低保").empty());
  CHECK(store.search("养老").size() == store.search("養老").size());
}
