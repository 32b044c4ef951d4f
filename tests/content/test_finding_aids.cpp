// site.yaml's finding aids (issue 13): colloquial names (俗称), the most-used services and
// the departments' order; and the catalogue's items. Read by the importer with problems a
// hall worker can act on, kept in the cache, read back by the Store.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

namespace {

const std::string kAids =
    "most_used: [530129000MZ-JF-0001]\n"
    "colloquial_names:\n"
    "  - {names: [吃低保, 低保户], means: [最低生活保障]}\n"
    "  - {names: [种粮补贴], means: [耕地地力保护补贴]}\n";

}  // namespace

TEST_CASE("colloquial names, most-used services and department order are read from site.yaml") {
  SourceFixture fx;
  fx.replace("site.yaml", "window: 5号窗口}", "window: 5号窗口, order: 1}");
  fx.append("site.yaml", kAids);
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  const auto& c = r.content;
  CHECK(c.site.most_used_guides == std::vector<std::string>{"530129000MZ-JF-0001"});
  REQUIRE(c.colloquial_names.size() == 2);
  CHECK(c.colloquial_names[0].names == std::vector<std::string>{"吃低保", "低保户"});
  CHECK(c.colloquial_names[1].means == std::vector<std::string>{"耕地地力保护补贴"});
  CHECK(c.departments[1].sort_order == 1);

  // ... kept in the cache and read back, and searched
  test::TempDir dir("finding-aids");
  REQUIRE(content::write_cache(c, dir / "content.db").ok());
  auto store = content::Store::open_readonly(dir / "content.db");
  REQUIRE(store.ok());
  CHECK((*store)->colloquial_names() == c.colloquial_names);
  CHECK((*store)->site().most_used_guides == c.site.most_used_guides);
  auto depts = (*store)->departments();
  REQUIRE(depts.size() == 2);
  CHECK(depts[0].id == "nongye");  // order: 1 first, whatever its name
  auto hits = (*store)->search("低保户", 10, "2026-11-23");
  REQUIRE(!hits.empty());
  CHECK(hits[0].id == "530129000MZ-JF-0001");
  CHECK(!(*store)->search("zhongliangbutie", 10, "2026-11-23").empty());
}

TEST_CASE("a colloquial name's word that is in no title is reported where it is written") {
  SourceFixture fx;
  fx.append("site.yaml", kAids + "  - {names: [新农合], means: [城乡居民医疗保险]}\n");
  auto r = fx.import();
  const Problem* p = test::find_problem(r.problems, "site.yaml", 0, "colloquial_names[3].means[1]", "城乡居民医疗保险");
  REQUIRE_MESSAGE(p != nullptr, test::dump(r.problems));
  CHECK(p->line > 30);
}

TEST_CASE("a most-used service that is not a guide is reported") {
  SourceFixture fx;
  fx.append("site.yaml", "most_used: [530129000MZ-JF-0099]\n");
  auto r = fx.import();
  CHECK(test::find_problem(r.problems, "site.yaml", 0, "most_used[1]", "530129000MZ-JF-0099") != nullptr);
}

TEST_CASE("without an order, departments with more services come first") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  test::TempDir dir("dept-order");
  REQUIRE(content::write_cache(r.content, dir / "content.db").ok());
  auto store = content::Store::open_readonly(dir / "content.db");
  REQUIRE(store.ok());
  auto depts = (*store)->departments();
  REQUIRE(depts.size() == 2);
  CHECK(depts[0].id == "minzheng");  // 民政办 has the only guide (by name 农业农村办 sorts first)
}

TEST_CASE("a catalogue node lists what is filed under it and under the nodes below it") {
  const char* demo = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE_MESSAGE(demo != nullptr, "BIANMIN_DEMO_DB is not set: run through ctest");
  auto store = content::Store::open_readonly(demo);
  REQUIRE(store.ok());
  auto has = [](const std::vector<content::CatalogueItem>& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.id == id; });
  };
  // 农业补贴 holds fund publications only (no guide is filed there)
  auto nybt = (*store)->catalogue_items("czzj/hmzj/nybt", "2026-11-23");
  CHECK(has(nybt, "gengdi-2026-tongxi"));
  CHECK(has(nybt, "gongyilin-2025"));
  // newest first, current ones before archived ones
  auto pos = [&](const std::string& id) {
    return std::find_if(nybt.begin(), nybt.end(), [&](const auto& i) { return i.id == id; }) - nybt.begin();
  };
  CHECK(pos("gengdi-2026-tongxi") < pos("gengdi-2024-tongxi"));
  // the parent holds its children's items
  auto czzj = (*store)->catalogue_items("czzj", "2026-11-23");
  CHECK(has(czzj, "gengdi-2026-tongxi"));
  CHECK(has(czzj, "yishiyiyi-2026"));
  CHECK(czzj.size() > nybt.size());
  // policies are items too
  CHECK(has((*store)->catalogue_items("zcwj", "2026-11-23"), "ql-dibao-2025"));
  CHECK((*store)->catalogue_items("no-such-node", "2026-11-23").empty());
}
