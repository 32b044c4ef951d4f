// Characters a screen or a printer cannot be trusted with (issue 14): invisible zero-width and
// bidirectional controls are removed with a warning naming file, line and field; emoji in names
// and titles are refused; CJK Extension B+ characters (above U+FFFF) are kept whole through
// import, the cache and search.
#include <doctest/doctest.h>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

namespace {

const Problem* find_warning(const content::ImportResult& r, const std::string& file, int line,
                            const std::string& field) {
  return test::find_problem(r.warnings, file, line, field, "看不见的字符");
}

}  // namespace

TEST_CASE("a warning is a problem that says so, and to_string marks it") {
  Problem e{"cards/a.yaml", 3, "title", "标题不能为空"};
  CHECK_FALSE(e.is_warning());
  Problem w{"cards/a.yaml", 3, "title", "删掉了1个看不见的字符", Severity::Warning};
  CHECK(w.is_warning());
  CHECK(w.to_string() == "cards/a.yaml:3: title: 提醒：删掉了1个看不见的字符");
  CHECK(e.to_string() == "cards/a.yaml:3: title: 标题不能为空");
  // An error and a warning with the same words on nearby lines are never merged.
  auto lines = grouped_problem_lines({e, Problem{"cards/a.yaml", 4, "title", "标题不能为空", Severity::Warning}});
  CHECK(lines.size() == 2);
}

TEST_CASE("zero-width and bidirectional controls are removed from YAML text with a warning") {
  SourceFixture fx;
  // U+200B inside the title (line 2), U+202E and U+2066/U+2069 in `who` (line 4), U+FEFF and
  // U+200D in a list item (line 5), U+2060 in `where` (line 6).
  fx.replace("cards/dibao.yaml", "title: 低保申请明白卡", "title: 低保\u200b申请明白卡");
  fx.replace("cards/dibao.yaml", "who: 家庭", "who: \u2066家庭\u202e人均\u2069");
  fx.replace("cards/dibao.yaml", "bring: [居民身份证, 户口簿]", "bring: [居民\ufeff身份\u200d证, 户口簿]");
  fx.replace("cards/dibao.yaml", "where: 镇便民", "where: 镇\u2060便民");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));  // warnings never block
  CHECK_MESSAGE(find_warning(r, "cards/dibao.yaml", 2, "title"), test::dump(r.warnings));
  CHECK_MESSAGE(find_warning(r, "cards/dibao.yaml", 4, "who"), test::dump(r.warnings));
  CHECK_MESSAGE(find_warning(r, "cards/dibao.yaml", 5, "bring[1]"), test::dump(r.warnings));
  CHECK_MESSAGE(find_warning(r, "cards/dibao.yaml", 6, "where"), test::dump(r.warnings));
  const Problem* who = find_warning(r, "cards/dibao.yaml", 4, "who");
  REQUIRE(who);
  CHECK(who->is_warning());
  CHECK(who->message.find("删掉了3个") != std::string::npos);
  CHECK(r.warnings.size() == 4);
  REQUIRE(r.content.cards.size() == 1);
  const auto& c = r.content.cards[0];
  CHECK(c.title == "低保申请明白卡");
  CHECK(c.who.rfind("家庭人均", 0) == 0);
  CHECK(c.bring[0] == "居民身份证");
  CHECK(c.where.rfind("镇便民", 0) == 0);
}

TEST_CASE("clean text gives no warning") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  CHECK_MESSAGE(r.warnings.empty(), test::dump(r.warnings));
}

TEST_CASE("invisible characters in a fund CSV cell are removed with a warning naming the column") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "青石村,第一村民小组,张三丰", "青石村,第一\u200b村民小组,张\u200e三丰");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  CHECK_MESSAGE(find_warning(r, "funds/gengdi.csv", 2, "组"), test::dump(r.warnings));
  CHECK_MESSAGE(find_warning(r, "funds/gengdi.csv", 2, "姓名"), test::dump(r.warnings));
  for (const auto& f : r.content.funds)
    if (f.id == "gengdi-2026") {
      CHECK(f.rows[0].group_id == "g01");  // the group is still recognised
      CHECK(f.rows[0].beneficiary == "张*丰");
    }
}

TEST_CASE("emoji in names and titles are refused, naming the file, line and field") {
  SourceFixture fx;
  fx.replace("cards/dibao.yaml", "title: 低保申请明白卡", "title: 低保申请明白卡👍");
  fx.replace("site.yaml", "name: 第一村民小组", "name: 第一村民小组🌾");
  fx.replace("funds/gengdi.csv", "欧阳娜娜", "欧阳娜娜❤️");
  auto r = fx.import();
  CHECK_PROBLEM(r, "cards/dibao.yaml", 2, "title", "表情符号");
  CHECK_PROBLEM(r, "site.yaml", 16, "villages[1].groups[1].name", "表情符号");
  CHECK_PROBLEM(r, "funds/gengdi.csv", 4, "姓名", "表情符号");
}

TEST_CASE("emoji in a guide name and a policy title are refused") {
  SourceFixture fx;
  fx.replace("guides/dibao.yaml", "name: ", "name: 🏠");
  fx.replace("policies/dibao.yaml", "title: ", "title: 📄");
  auto r = fx.import();
  CHECK_PROBLEM(r, "guides/dibao.yaml", 0, "name", "表情符号");
  CHECK_PROBLEM(r, "policies/dibao.yaml", 0, "title", "表情符号");
}

TEST_CASE("emoji in running text (not a name) are left alone") {
  SourceFixture fx;
  fx.replace("cards/dibao.yaml", "when: 工作日随时可以申请", "when: 工作日随时可以申请☀");
  auto r = fx.import();
  CHECK_MESSAGE(r.problems.empty(), test::dump(r.problems));
}

TEST_CASE("a beneficiary with a CJK Extension B character survives import, the cache and search") {
  SourceFixture fx;
  // 𠮷 is U+20BB7 (four UTF-8 bytes). A full-names fund keeps the name whole; the masked fund
  // keeps the character whole as the surname. A group named with it is found by search.
  fx.replace("funds/gengdi.csv", "张三丰", "𠮷田");
  fx.replace("site.yaml", "name: 坝头组", "name: 𠮷田组");
  fx.replace("funds/gengdi.csv", "上坝村,坝头组", "上坝村,𠮷田组");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  CHECK_MESSAGE(r.warnings.empty(), test::dump(r.warnings));
  const content::FundPublication* fund = nullptr;
  for (const auto& f : r.content.funds)
    if (f.id == "gengdi-2026") fund = &f;
  REQUIRE(fund);
  CHECK(fund->rows[0].beneficiary == "𠮷*");

  test::TempDir dir("bianmin-astral");
  REQUIRE(content::write_cache(r.content, dir / "content.db").ok());
  auto opened = content::Store::open_readonly(dir / "content.db");
  REQUIRE(opened.ok());
  auto& store = **opened;
  auto rows = store.fund_rows("gengdi-2026", "qingshi", "", 0, -1);
  REQUIRE(!rows.empty());
  CHECK(rows[0].beneficiary == "𠮷*");
  auto groups = store.site().villages;
  bool found_group = false;
  for (const auto& v : groups)
    for (const auto& g : v.groups) found_group = found_group || g.name == "𠮷田组";
  CHECK(found_group);
  auto hits = store.search("𠮷田", 10);
  bool found = false;
  for (const auto& h : hits) found = found || h.id == "gengdi-2026";
  CHECK_MESSAGE(found, "search for 𠮷田 found " << hits.size() << " hits");
}

TEST_CASE("a full-names fund stores a CJK Extension B name whole") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "张三丰", "𠮷田");
  fx.replace("funds/gengdi.yaml", "full_names: false", "full_names: true");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  test::TempDir dir("bianmin-astral");
  REQUIRE(content::write_cache(r.content, dir / "content.db").ok());
  auto opened = content::Store::open_readonly(dir / "content.db");
  REQUIRE(opened.ok());
  auto rows = (*opened)->fund_rows("gengdi-2026", "qingshi", "g01", 0, -1);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].beneficiary == "𠮷田");
}
