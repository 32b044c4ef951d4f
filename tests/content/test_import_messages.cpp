// What staff read when a source is wrong (issue 15 point 13): plain Chinese at the right line,
// no yaml-cpp English, no knock-on problems elsewhere, characters counted as characters, and
// the values a careless copy brings in (NUL bytes, names of spaces, year 2099) refused.
#include <doctest/doctest.h>

#include "bianmin/content/deidentify.hpp"
#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

namespace {

// True when `s` holds a run of 3+ ASCII letters (English words) outside quoted values.
bool has_english(const std::string& s) {
  int run = 0;
  for (char c : s) {
    run = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? run + 1 : 0;
    if (run >= 5) return true;
  }
  return false;
}

// The only problems are in `file`, and there is at least one.
void only_in(const content::ImportResult& r, const std::string& file) {
  CHECK_FALSE(r.problems.empty());
  for (const auto& p : r.problems) CHECK_MESSAGE(p.file == file, p.to_string());
}

std::string fullwidth_digits(const std::string& ascii) {
  std::string out;
  for (char c : ascii) out += "\xEF\xBC" + std::string(1, static_cast<char>(0x90 + (c - '0')));
  return out;
}

}  // namespace

TEST_CASE("a TAB in the indentation is named at its line, in Chinese") {
  SourceFixture fx;
  fx.replace("guides/dibao.yaml", "    source: 申请人自备\n    form: 原件\n    copies: 1\n    medium",
             "    source: 申请人自备\n\tform: 原件\n    copies: 1\n    medium");
  auto r = fx.import();
  CHECK_PROBLEM(r, "guides/dibao.yaml", 14, "", "TAB");
  only_in(r, "guides/dibao.yaml");
}

TEST_CASE("a Chinese colon after a field name is named at its line") {
  SourceFixture fx;
  fx.replace("guides/dibao.yaml", "visits: 1", "visits：1");
  auto r = fx.import();
  CHECK_PROBLEM(r, "guides/dibao.yaml", 31, "", "中文冒号");
  only_in(r, "guides/dibao.yaml");  // not "一件事里的事项编码…没有对应的办事指南" in site.yaml
}

TEST_CASE("a value starting with * or [ is explained, without yaml-cpp's English") {
  for (const std::string& bad : {std::string("summary: *带户口簿"), std::string("summary: [带户口簿")}) {
    CAPTURE(bad);
    SourceFixture fx;
    fx.replace("guides/dibao.yaml", "summary: 带户口簿", bad);
    auto r = fx.import();
    CHECK_PROBLEM(r, "guides/dibao.yaml", 8, "", "引号");
    only_in(r, "guides/dibao.yaml");
    for (const auto& p : r.problems) CHECK_MESSAGE(!has_english(p.message), p.message);
  }
}

TEST_CASE("any YAML syntax error is reported in Chinese") {
  SourceFixture fx;
  fx.replace("cards/dibao.yaml", "cost: 不收费", "cost: \"不收费");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.size() == 1, test::dump(r.problems));
  CHECK(r.problems[0].file == "cards/dibao.yaml");
  CHECK_MESSAGE(!has_english(r.problems[0].message), r.problems[0].message);
}

TEST_CASE("a fullwidth ID of the wrong length is counted in characters") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "530129196209050308", fullwidth_digits("53012919620905030"));
  CHECK_PROBLEM(fx.import(), "funds/gengdi.csv", 2, "身份证号", "现在是17位");
}

TEST_CASE("a fullwidth ID and account are masked as the numbers they are") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "530129196209050308,6222021234567890128",
             fullwidth_digits("530129196209050308") + "," + fullwidth_digits("6222021234567890128"));
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  const auto& row = r.content.funds[0].rows[0];
  CHECK(row.id_masked == "5301**********0308");
  CHECK(row.account_masked == "***************0128");
}

TEST_CASE("compound surnames keep the surname when masked") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "欧阳娜娜", "欧阳明珠");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  CHECK(r.content.funds[0].rows[2].beneficiary == "欧阳*珠");
}

TEST_CASE("a business registration number in a project's contractor is accepted") {
  SourceFixture fx;
  fx.replace("funds/gongyi.csv", "云溪县通达路桥工程有限公司", "云溪县通达路桥工程有限公司（注册号530100000012346）");
  auto r = fx.import();
  CHECK_MESSAGE(r.problems.empty(), test::dump(r.problems));
}

TEST_CASE("NUL bytes are refused in YAML and CSV files, with their line") {
  SourceFixture fx;
  fx.replace("cards/dibao.yaml", "cost: 不收费", std::string("cost: 不收费") + '\0');
  fx.replace("funds/gengdi.csv", "含复垦耕地", std::string("含复垦") + '\0' + "耕地");
  fx.replace("notices/jiezhong.yaml", "title:", "title: \"\\0\"\nx_title:");
  auto r = fx.import();
  CHECK_PROBLEM(r, "cards/dibao.yaml", 9, "", "空字符");
  CHECK_PROBLEM(r, "funds/gengdi.csv", 4, "", "空字符");
  CHECK_PROBLEM(r, "notices/jiezhong.yaml", 0, "title", "空字符");
}

TEST_CASE("a name of nothing but spaces (ideographic ones too) is refused") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "李四", "\u3000\u3000");
  CHECK_PROBLEM(fx.import(), "funds/gengdi.csv", 3, "姓名", "姓名不能为空");
  SourceFixture fy;
  fy.replace("guides/dibao.yaml", "name: 最低生活保障申请", "name: \"\u3000 \"");
  CHECK_PROBLEM(fy.import(), "guides/dibao.yaml", 2, "name", "不能为空");
}

TEST_CASE("dates and years far in the future are refused as typos") {
  SourceFixture fx;
  fx.replace("guides/dibao.yaml", "updated: 2026-10-15", "updated: 2099-10-15");
  fx.replace("funds/gengdi.csv", "2026-11-12", "2099-11-12");
  fx.replace("funds/gengdi.yaml", "year: 2026", "year: 2099");
  auto r = fx.import();
  CHECK_PROBLEM(r, "guides/dibao.yaml", 34, "updated", "2099-10-15 太远了");
  CHECK_PROBLEM(r, "funds/gengdi.csv", 4, "发放日期", "太远了");
  CHECK_PROBLEM(r, "funds/gengdi.yaml", 5, "year", "太远了");
}
