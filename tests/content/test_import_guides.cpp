// guides/*.yaml: service guides, their references and their text (content/FORMAT.md).
#include <doctest/doctest.h>

#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

static const char* kGuide = "guides/dibao.yaml";

TEST_CASE("a guide is read with every element and defaults from department and hall") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  const auto& g = r.content.guides.at(0);
  CHECK(g.code == "530129000MZ-JF-0001");
  CHECK(g.item_type == "行政给付");
  CHECK(g.serves == std::vector<std::string>{"自然人"});
  REQUIRE(g.materials.size() == 2);
  CHECK(g.materials[0].copies == 1);
  CHECK(g.materials[0].required);
  CHECK(g.process.size() == 2);
  CHECK(g.process[1].time_limit == "即时");
  CHECK(g.statutory_days == 30);
  CHECK(g.promised_days == 20);
  CHECK(g.free_of_charge);
  CHECK(g.online_url == "https://zwfw.yunxi.gov.cn/item/530129000MZ-JF-0001");
  CHECK(g.window == "1号窗口");                  // from the department
  CHECK(g.consult_phone == "0871-6000003");      // from the department
  CHECK(g.address == "云溪县青石镇青石街18号");  // from the hall
  CHECK(g.complaint_phone == "0871-6000002");
  CHECK(g.updated_date == "2026-10-15");
}

TEST_CASE("a missing required guide field is reported") {
  SourceFixture fx;
  fx.replace(kGuide, "summary: 带户口簿和身份证到镇民政办1号窗口申请。\n", "");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 0, "summary", "缺少必填项（简版指南）");
}

TEST_CASE("copies that are not a positive integer are reported in plain words") {
  SourceFixture fx;
  fx.replace(kGuide, "    form: 原件\n    copies: 1\nprocess", "    form: 原件\n    copies: 两份\nprocess");
  auto r = fx.import();
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].to_string() == "guides/dibao.yaml:20: materials[2].copies: 份数必须是正整数，现在是“两份”");
}

TEST_CASE("unknown department, topic, life event and catalogue references are reported") {
  SourceFixture fx;
  fx.replace(kGuide, "department: minzheng", "department: minzhen");
  fx.replace(kGuide, "topics: [minzhengjiuzhu]", "topics: [minzhengjiuzhu, shebao]\nlife_events: [laonian]");
  fx.replace(kGuide, "catalogue: zwfw/bszn", "catalogue: zwfw/bsz");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 5, "department", "部门“minzhen”在 site.yaml 里没有");
  CHECK_PROBLEM(r, kGuide, 6, "topics", "主题“shebao”");
  CHECK_PROBLEM(r, kGuide, 7, "life_events", "一件事“laonian”");
  CHECK_PROBLEM(r, kGuide, 8, "catalogue", "公开目录“zwfw/bsz”");
}

TEST_CASE("a duplicate item code is reported on the second file") {
  SourceFixture fx;
  fx.write("guides/zz-copy.yaml", test::read_file(fx.root() / kGuide));
  auto r = fx.import();
  CHECK_PROBLEM(r, "guides/zz-copy.yaml", 1, "code", "和 guides/dibao.yaml 重复");
}

TEST_CASE("malformed dates are reported") {
  SourceFixture fx;
  fx.replace(kGuide, "effective: 2026-01-01", "effective: 2026/01/01");
  fx.replace(kGuide, "updated: 2026-10-15", "updated: 2026-02-30");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 0, "effective", "年-月-日");
  CHECK_PROBLEM(r, kGuide, 0, "updated", "“2026-02-30”");
}

TEST_CASE("an online URL must be https") {
  SourceFixture fx;
  fx.replace(kGuide, "url: https://zwfw", "url: http://zwfw");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 30, "online.url", "https://");
}

TEST_CASE("an online URL must be on an allowed host") {
  SourceFixture fx;
  fx.replace(kGuide, "url: https://zwfw.yunxi.gov.cn/", "url: https://zwfw.yunxi.gov.cn.evil.example/");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 30, "online.url", "allowed_url_hosts");
}

TEST_CASE("unknown fields in nested lists are reported with their path") {
  SourceFixture fx;
  fx.replace(kGuide, "    source: 申请人自备\n    form: 原件\n    copies: 1\n    medium",
             "    sorce: 申请人自备\n    form: 原件\n    copies: 1\n    medium");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 13, "materials[1].sorce", "是不是想写“source”");
}

TEST_CASE("raw ID-card, bank card and mobile numbers in guide text are refused") {
  SourceFixture fx;
  fx.replace(kGuide, "summary: 带户口簿", "summary: 如张三（432625196209050308）带户口簿");
  fx.replace(kGuide, "  - 持有本地户籍的城乡居民", "  - 持有本地户籍的城乡居民，打卡号6222021234567890128");
  fx.replace(kGuide, "description: 到窗口提交材料", "description: 联系村干部13812345678提交材料");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 8, "summary", "身份证号（432625196209050308）");
  CHECK_PROBLEM(r, kGuide, 10, "conditions[1]", "银行卡号");
  CHECK_PROBLEM(r, kGuide, 22, "process[1].description", "手机号");
}

TEST_CASE("landline phones and item codes in guide text are fine") {
  SourceFixture fx;
  fx.replace(kGuide, "summary: 带户口簿", "summary: 咨询0871-6000003，事项编码530129000MZ-JF-0001，带户口簿");
  auto r = fx.import();
  CHECK_MESSAGE(r.problems.empty(), test::dump(r.problems));
}

TEST_CASE("a conditional material must say when it is needed") {
  SourceFixture fx;
  fx.replace(kGuide, "    form: 原件\n    copies: 1\nprocess",
             "    form: 原件\n    copies: 1\n    required: false\nprocess");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 0, "materials[2].condition", "condition");
}

TEST_CASE("a promised time limit longer than the statutory one is reported") {
  SourceFixture fx;
  fx.replace(kGuide, "promised_days: 20", "promised_days: 40");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 0, "time_limit.promised_days", "不能比法定办结时限");
}

TEST_CASE("enumerated fields accept only their values") {
  SourceFixture fx;
  fx.replace(kGuide, "type: 行政给付", "type: 行政服务");
  fx.replace(kGuide, "visits: 1", "visits: 1\nvillage_handling: daiban");
  auto r = fx.import();
  CHECK_PROBLEM(r, kGuide, 3, "type", "行政许可");
  CHECK_PROBLEM(r, kGuide, 0, "village_handling", "proxy");
}
