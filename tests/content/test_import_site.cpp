// site.yaml and the rules every source file shares (content/FORMAT.md): the importer reads
// the minimal fixture completely and reports what a hall worker can get wrong.
#include <doctest/doctest.h>

#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

TEST_CASE("the minimal fixture imports without problems") {
  SourceFixture fx;
  auto r = fx.import();
  CHECK_MESSAGE(r.problems.empty(), test::dump(r.problems));
  const auto& c = r.content;
  CHECK(c.site.township == "青石镇");
  CHECK(c.site.region_code == "530129");
  CHECK(c.site.hall.phone == "0871-6000001");
  REQUIRE(c.site.villages.size() == 2);
  CHECK(c.site.villages[0].agent_point_address == "青石村村委会一楼");
  CHECK(c.site.villages[0].groups.size() == 2);
  CHECK(c.departments.size() == 2);
  CHECK(c.topics.at(0).sort_order == 1);
  REQUIRE(c.catalogue.size() == 3);
  CHECK(c.catalogue[1].parent_id == "zwfw");
  CHECK(c.guides.size() == 1);
  CHECK(c.cards.size() == 1);
  CHECK(c.policies.size() == 1);
  CHECK(c.notices.size() == 1);
  CHECK(c.funds.size() == 2);
  CHECK(r.latest_date == "2026-11-20");  // the notice's start
  CHECK(r.source_digest.size() == 16);
}

TEST_CASE("the source digest changes with any byte of the source") {
  SourceFixture fx;
  auto before = fx.import().source_digest;
  CHECK(fx.import().source_digest == before);
  fx.replace("notices/jiezhong.yaml", "疫苗", "疫苖");
  CHECK(fx.import().source_digest != before);
}

TEST_CASE("a missing required field is reported with its parent's line") {
  SourceFixture fx;
  fx.replace("site.yaml", "township: 青石镇\n", "");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 0, "township", "缺少必填项");
}

TEST_CASE("a YAML syntax error is reported with its line") {
  SourceFixture fx;
  fx.replace("site.yaml", "county: 云溪县", "county: [云溪县");
  auto r = fx.import();
  REQUIRE(r.problems.size() >= 1);
  CHECK(r.problems[0].file == "site.yaml");
  // Named at the line of the mistake, in plain words (not yaml-cpp's "end of sequence flow").
  CHECK_MESSAGE(r.problems[0].message.find("值以“[”开头") != std::string::npos, r.problems[0].message);
  CHECK(r.problems[0].line == 3);
}

TEST_CASE("a YAML file that is not UTF-8 is refused with the line of the bad bytes") {
  SourceFixture fx;
  fx.replace("site.yaml", "county: 云溪县", "county: \xd4\xc6\xcf\xaa\xcf\xd8");  // GBK 云溪县
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 3, "", "不是 UTF-8");
}

TEST_CASE("a byte-order mark at the start of a YAML file is fine") {
  SourceFixture fx;
  fx.write("site.yaml", "\xef\xbb\xbf" + test::read_file(fx.root() / "site.yaml"));
  auto r = fx.import();
  CHECK_MESSAGE(r.problems.empty(), test::dump(r.problems));
}

TEST_CASE("unknown fields are reported, with the likely intended name") {
  SourceFixture fx;
  fx.replace("site.yaml", "county: 云溪县", "countty: 云溪县");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 3, "countty", "是不是想写“county”");
  CHECK_PROBLEM(r, "site.yaml", 0, "county", "缺少必填项");
}

TEST_CASE("a field written twice is reported") {
  SourceFixture fx;
  fx.replace("site.yaml", "county: 云溪县", "county: 云溪县\ncounty: 云溪");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 4, "county", "写了两次");
}

TEST_CASE("duplicate ids in reference data are reported") {
  SourceFixture fx;
  fx.replace("site.yaml", "{id: nongye,", "{id: minzheng,");
  fx.replace("site.yaml", "  - id: shangba", "  - id: qingshi");
  fx.replace("site.yaml", "[{id: g01, name: 第一村民小组}, {id: g02,", "[{id: g01, name: 第一村民小组}, {id: g01,");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 22, "departments[2].id", "重复");
  CHECK_PROBLEM(r, "site.yaml", 17, "villages[2].id", "重复");
  CHECK_PROBLEM(r, "site.yaml", 16, "villages[1].groups[2].id", "重复");
}

TEST_CASE("ids must be slugs") {
  SourceFixture fx;
  fx.replace("site.yaml", "{id: minzheng,", "{id: MinZheng,");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 21, "departments[1].id", "小写字母");
}

TEST_CASE("an unknown catalogue parent is reported") {
  SourceFixture fx;
  fx.replace("site.yaml", "parent: zwfw,", "parent: zwf,");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 34, "catalogue[2].parent", "zwf");
}

TEST_CASE("a life event listing an item code with no guide is reported") {
  SourceFixture fx;
  fx.replace("site.yaml", "guides: [530129000MZ-JF-0001]", "guides: [530129000MZ-JF-0001, 530129000MZ-JF-0009]");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 30, "life_events[1].guides[2]", "530129000MZ-JF-0009");
}

TEST_CASE("life events and guides are linked both ways") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  CHECK(r.content.guides[0].life_event_ids == std::vector<std::string>{"kunnanjiuzhu"});
  CHECK(r.content.life_events[0].guide_codes == std::vector<std::string>{"530129000MZ-JF-0001"});
}

TEST_CASE("a missing site.yaml is reported and other files still read") {
  SourceFixture fx;
  fx.remove("site.yaml");
  auto r = fx.import();
  CHECK_PROBLEM(r, "site.yaml", 0, "", "缺少 site.yaml");
  CHECK(r.content.guides.size() == 1);
}

TEST_CASE("problems are ordered by file kind, file and line") {
  SourceFixture fx;
  fx.replace("funds/gengdi.yaml", "year: 2026", "year: 二〇二六");
  fx.replace("guides/dibao.yaml", "updated: 2026-10-15", "updated: 2026-10-32");
  fx.replace("guides/dibao.yaml", "visits: 1", "visits: -1");
  fx.replace("site.yaml", "county: 云溪县", "county: ");
  auto r = fx.import();
  REQUIRE(r.problems.size() == 4);
  CHECK(r.problems[0].file == "site.yaml");
  CHECK(r.problems[1].field == "visits");
  CHECK(r.problems[2].field == "updated");
  CHECK(r.problems[3].file == "funds/gengdi.yaml");
}
