// policies/*.yaml and notices/*.yaml (content/FORMAT.md).
#include <doctest/doctest.h>

#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

static const char* kPolicy = "policies/dibao.yaml";
static const char* kNotice = "notices/jiezhong.yaml";

TEST_CASE("a policy is read with its body paragraphs and Q&A") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  const auto& p = r.content.policies.at(0);
  CHECK(p.doc_number == "云政办发〔2024〕12号");
  CHECK(p.status == content::PolicyStatus::InForce);
  CHECK(p.body == "第一段。\n\n第二段。");
  REQUIRE(p.qa.size() == 1);
  CHECK(p.qa[0].question == "谁可以申请低保？");
}

TEST_CASE("a policy status must be one of in_force, abolished, amended") {
  SourceFixture fx;
  fx.replace(kPolicy, "status: in_force", "status: 有效");
  auto r = fx.import();
  CHECK_PROBLEM(r, kPolicy, 6, "status", "in_force / abolished / amended");
}

TEST_CASE("a policy with a malformed date, unknown topic and raw ID number is reported") {
  SourceFixture fx;
  fx.replace(kPolicy, "date: 2024-03-15", "date: 2024年3月15日");
  fx.replace(kPolicy, "topics: [minzhengjiuzhu]", "topics: [minzheng]");
  fx.replace(kPolicy, "第二段。", "第二段，举例：身份证号 11010519491231002X。");
  auto r = fx.import();
  CHECK_PROBLEM(r, kPolicy, 5, "date", "年-月-日");
  CHECK_PROBLEM(r, kPolicy, 7, "topics", "主题“minzheng”");
  CHECK_PROBLEM(r, kPolicy, 0, "body", "身份证号");
}

TEST_CASE("duplicate policy ids are reported") {
  SourceFixture fx;
  fx.write("policies/zz.yaml", test::read_file(fx.root() / kPolicy));
  auto r = fx.import();
  CHECK_PROBLEM(r, "policies/zz.yaml", 1, "id", "重复");
}

TEST_CASE("a notice is read") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  CHECK(r.content.notices.at(0).start_date == "2026-11-20");
  CHECK(r.content.notices.at(0).end_date == "2026-12-05");
}

TEST_CASE("a notice ending before it starts is reported") {
  SourceFixture fx;
  fx.replace(kNotice, "end: 2026-12-05", "end: 2026-11-05");
  auto r = fx.import();
  CHECK_PROBLEM(r, kNotice, 5, "end", "早于开始日期");
}

TEST_CASE("a notice missing its dates is reported") {
  SourceFixture fx;
  fx.replace(kNotice, "start: 2026-11-20\n", "");
  auto r = fx.import();
  CHECK_PROBLEM(r, kNotice, 0, "start", "缺少必填项");
}

TEST_CASE("an urgent notice (紧急) is read with until when it shows; without a time, to the end of its last day") {
  SourceFixture fx;
  fx.replace(kNotice, "end: 2026-12-05", "end: 2026-12-05\nurgent: true\nurgent_until: 2026-11-21 18:00");
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  CHECK(r.content.notices.at(0).urgent);
  CHECK(r.content.notices.at(0).urgent_until == "2026-11-21 18:00");

  SourceFixture whole;
  whole.replace(kNotice, "end: 2026-12-05", "end: 2026-12-05\nurgent: true");
  r = whole.import();
  REQUIRE(r.problems.empty());
  CHECK(r.content.notices.at(0).urgent_until == "2026-12-05 23:59");

  SourceFixture plain;
  r = plain.import();
  REQUIRE(r.problems.empty());
  CHECK_FALSE(r.content.notices.at(0).urgent);
  CHECK(r.content.notices.at(0).urgent_until.empty());
}

TEST_CASE("urgent_until must be a date and time inside the notice's dates, and only on an urgent notice") {
  struct Case {
    const char* extra;
    const char* message;
  };
  for (const Case& c : {Case{"urgent: true\nurgent_until: 明天下午六点", "日期和时间"},
                        Case{"urgent: true\nurgent_until: 2026-11-21 25:00", "日期和时间"},
                        Case{"urgent: true\nurgent_until: 2026-12-06 09:00", "晚于结束日期"},
                        Case{"urgent: true\nurgent_until: 2026-11-19 09:00", "早于开始日期"},
                        Case{"urgent_until: 2026-11-21 18:00", "只有紧急公告"}}) {
    SourceFixture fx;
    fx.replace(kNotice, "end: 2026-12-05", std::string("end: 2026-12-05\n") + c.extra);
    auto r = fx.import();
    INFO(c.extra);
    const int line = std::string(c.extra).rfind("urgent: true", 0) == 0 ? 7 : 6;
    CHECK_PROBLEM(r, kNotice, line, "urgent_until", c.message);
  }
}
