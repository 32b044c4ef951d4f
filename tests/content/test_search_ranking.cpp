// How search ranks and what it leaves out (issue 13): colloquial names (site.yaml) found as
// typed, in initials and in full pinyin and listed first; services before policies and
// notices; current before abolished; expired notices out; the newest fund publication
// first. Through Store::search, as the kiosk calls it.
#include <doctest/doctest.h>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "support/test_support.hpp"
#include "test_search_fixture.hpp"

using namespace bianmin;
using namespace bianmin::content;
using bianmin::test::has;
using bianmin::test::position;

namespace {

ContentSet ranked_fixture() {
  ContentSet set = test::search_fixture();
  set.colloquial_names = {
      ColloquialName{{"医保卡", "社保卡"}, {"社会保障卡"}},
      ColloquialName{{"种粮补贴", "粮补"}, {"耕地地力保护补贴"}},
      ColloquialName{{"农保"}, {"城乡居民养老保险", "城乡居民基本养老保险"}},
  };
  // An older publication of the same fund, and a guide for the same subsidy.
  FundPublication old = set.funds.front();
  old.id = "gengdi-2024";
  old.title = "2024年耕地地力保护补贴发放公示";
  old.year = 2024;
  old.publicity_start = "2024-11-01";
  set.funds.front().publicity_start = "2026-11-01";
  set.funds.push_back(old);
  set.guides.push_back(
      test::search_guide("530129000NY-JF-0009", "耕地地力保护补贴申报", "shebao", "承包耕地的农户到村里申报。"));
  // A current notice and a policy in force whose titles share a word with a guide.
  set.notices.push_back(
      Notice{"yanglao-jiaofei", "城乡居民养老保险缴费提醒", "请在年底前缴费。", "2026-11-01", "2026-12-31"});
  return set;
}

struct Ranked {
  test::TempDir dir{"ranking"};
  std::unique_ptr<Store> store;
  Ranked() {
    REQUIRE(write_cache(ranked_fixture(), dir / "content.db").ok());
    auto s = Store::open_readonly(dir / "content.db");
    REQUIRE(s.ok());
    store = std::move(*s);
  }
  std::vector<SearchHit> find(std::string_view q, std::string_view today = "2026-11-23") {
    return store->search(q, 50, today);
  }
};

}  // namespace

TEST_CASE_FIXTURE(Ranked, "a colloquial name finds the items whose titles hold what it means") {
  for (const char* q : {"医保卡", "社保卡", "YBK", "SBK", "yibaoka", "shebaoka", "醫保卡"}) {
    INFO("query ", q);
    CHECK(position(find(q), "530129000SB-GG-0004") == 0);
  }
  CHECK(position(find("农保"), "530129000SB-GG-0001") == 0);
  CHECK(has(find("种粮补贴"), "gengdi-2026"));
  // inside a longer query too (title words of the alias column)
  CHECK(has(find("社保卡激活"), "530129000SB-GG-0004"));
}

TEST_CASE_FIXTURE(Ranked, "an exact title or colloquial name comes before title words") {
  // 耕地地力保护补贴申报 is the guide, the fund publications hold the same words: the guide
  // (a service) comes first, and an exact name beats a longer title.
  auto hits = find("种粮补贴");
  REQUIRE(hits.size() >= 3);
  CHECK(hits[0].id == "530129000NY-JF-0009");
  CHECK(position(find("社会保障卡银行账户激活"), "530129000SB-GG-0004") == 0);
}

TEST_CASE_FIXTURE(Ranked, "services come before policies and notices that share their words") {
  auto hits = find("养老保险");
  REQUIRE(!hits.empty());
  CHECK(hits[0].kind == HitKind::Guide);
  CHECK(position(hits, "530129000SB-GG-0001") < position(hits, "yanglao-banfa"));
  CHECK(position(hits, "530129000SB-GG-0001") < position(hits, "yanglao-jiaofei"));
}

TEST_CASE_FIXTURE(Ranked, "title matches come before body matches, whatever their kind") {
  auto hits = find("养老");
  // 老年人优待证办理 only says 养老 in its body: below every title match, the policy's too
  CHECK(position(hits, "yanglao-banfa") < position(hits, "530129000SB-GG-0007"));
}

TEST_CASE_FIXTURE(Ranked, "expired and future notices are left out, current ones found") {
  CHECK(has(find("缴费提醒"), "yanglao-jiaofei"));
  CHECK(!has(find("长辈关爱"), "zhangbei"));                       // ended 2026-10-31
  CHECK(has(find("长辈关爱", "2026-10-15"), "zhangbei"));          // current that day
  CHECK(!has(find("缴费提醒", "2026-10-15"), "yanglao-jiaofei"));  // not yet begun
  CHECK(!has(find("长辈关爱活动通知"), "zhangbei"));               // not even by its exact title
  CHECK(has(find("长辈关爱", ""), "zhangbei"));                    // no day given: every notice
}

TEST_CASE_FIXTURE(Ranked, "abolished policies come after the ones in force") {
  auto hits = find("办法");
  CHECK(position(hits, "kuaiji") >= 0);
  auto abolished = find("通知");
  int in_force_notice = position(abolished, "yanglao-jiaofei");
  int gone = position(abolished, "gaoling-jintie");
  REQUIRE(gone >= 0);
  CHECK(in_force_notice < gone);
}

TEST_CASE_FIXTURE(Ranked, "the newest fund publication comes first") {
  for (const char* q : {"耕地地力保护补贴发放公示", "耕地", "gengdi", "粮补"}) {
    INFO("query ", q);
    auto hits = find(q);
    int newer = position(hits, "gengdi-2026"), older = position(hits, "gengdi-2024");
    REQUIRE(older >= 0);
    CHECK(newer >= 0);
    CHECK(newer < older);
  }
}

TEST_CASE_FIXTURE(Ranked, "with no item holding the whole phrase, those holding more of its words come first") {
  // 耕地补贴公示: the publications hold 耕地, 补贴 and 公示; the guide only 耕地 and 补贴
  auto hits = find("耕地补贴公示");
  REQUIRE(hits.size() >= 2);
  CHECK(hits[0].id == "gengdi-2026");
  CHECK(position(hits, "gengdi-2026") < position(hits, "530129000NY-JF-0009"));
}
