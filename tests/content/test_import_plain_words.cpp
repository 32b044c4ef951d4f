// Words villagers understand, content side (issue 14): a card says whether the money in
// `cost` is paid or received (`money: pay | receive`), guides carry 温馨提示 (`tips`), both
// through import → cache → Store; the demo township fills them in.
#include <doctest/doctest.h>

#include <algorithm>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/enums.hpp"
#include "bianmin/content/store.hpp"
#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

namespace {

std::unique_ptr<content::Store> cache_of(const content::ImportResult& r, const test::TempDir& dir) {
  Status st = content::write_cache(r.content, dir / "content.db");
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().to_string()));
  auto opened = content::Store::open_readonly(dir / "content.db");
  REQUIRE(opened.ok());
  return std::move(*opened);
}

}  // namespace

TEST_CASE("a card without `money` pays; `money: receive` marks a benefit card through to the Store") {
  SourceFixture fx;
  {
    auto r = fx.import();
    REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
    CHECK(r.content.cards.at(0).money == content::CardMoney::Pay);
  }
  fx.replace("cards/dibao.yaml", "cost: 不收费", "cost: 按差额每月补足，申请不收费\nmoney: receive");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  REQUIRE(r.content.cards.size() == 1);
  CHECK(r.content.cards[0].money == content::CardMoney::Receive);
  test::TempDir dir("bianmin-words");
  auto store = cache_of(r, dir);
  auto card = store->card("dibao");
  REQUIRE(card.has_value());
  CHECK(card->money == content::CardMoney::Receive);
  CHECK(card->cost == "按差额每月补足，申请不收费");
  CHECK(std::string(content::label(card->money)) == "能领多少");
  CHECK(std::string(content::label(content::CardMoney::Pay)) == "要花多少钱");
}

TEST_CASE("an unknown `money` word is refused with its line, naming the words there are") {
  SourceFixture fx;
  fx.replace("cards/dibao.yaml", "cost: 不收费", "cost: 不收费\nmoney: 领钱");
  auto r = fx.import();
  CHECK_PROBLEM(r, "cards/dibao.yaml", 10, "money", "receive");
}

TEST_CASE("a guide's tips are read in order, stored and read back") {
  SourceFixture fx;
  fx.append("guides/dibao.yaml", "tips:\n  - 请带原件\n  - 可委托家人代办，需带委托书\n");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  REQUIRE(r.content.guides.size() == 1);
  const std::vector<std::string> want = {"请带原件", "可委托家人代办，需带委托书"};
  CHECK(r.content.guides[0].tips == want);
  test::TempDir dir("bianmin-words");
  auto store = cache_of(r, dir);
  auto g = store->guide(r.content.guides[0].code);
  REQUIRE(g.has_value());
  CHECK(g->tips == want);
}

TEST_CASE("an empty tip and a tip with an invisible character are reported at their line") {
  SourceFixture fx;
  const std::string text = test::read_file(fx.root() / "guides/dibao.yaml");
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  fx.append("guides/dibao.yaml", "tips:\n  - 请带\u200b原件\n  - \"\"\n");
  auto r = fx.import();
  CHECK_PROBLEM(r, "guides/dibao.yaml", lines + 3, "tips[2]", "空的一项");
  CHECK_MESSAGE(test::find_problem(r.warnings, "guides/dibao.yaml", lines + 2, "tips[1]", "看不见的字符"),
                test::dump(r.warnings));
}

TEST_CASE("the demo township: benefit cards say 能领多少, every guide has tips") {
  auto r = content::import_source(test::source_dir() / "content/demo");
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  CHECK_MESSAGE(r.warnings.empty(), test::dump(r.warnings));
  int receive = 0;
  for (const auto& c : r.content.cards) receive += c.money == content::CardMoney::Receive;
  CHECK(receive >= 10);
  for (const auto& c : r.content.cards)
    if (c.id == "gaoling" || c.id == "dibao" || c.id == "gengdi-butie") {
      CAPTURE(c.id);
      CHECK(c.money == content::CardMoney::Receive);
    }
  for (const auto& g : r.content.guides) {
    CAPTURE(g.code);
    CHECK(!g.tips.empty());
  }
}
