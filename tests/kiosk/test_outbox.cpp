// What the kiosk leaves in the terminal's outbox for the hall's statistics: views, searches
// (never a query with digits: it could be part of an ID number), ratings and prints.
#include <doctest/doctest.h>

#include <algorithm>

#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

TEST_CASE("a search that leads somewhere is counted with its query, one with digits without it") {
  TempDir dir("kiosk-outbox-search");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "tap \"搜索\"\n"
                      "tap \"Y\"\ntap \"L\"\ntap \"B\"\ntap \"X\"\n"
                      "tap \"城乡居民基本养老保险参保登记\"\n"
                      "expect \"受理条件\"\n"
                      "tap \"返回\"\n"
                      "tap \"清空\"\n"
                      "tap \"数字\"\n"
                      "tap \"2\"\ntap \"0\"\ntap \"2\"\ntap \"4\"\n"
                      "tap \"云溪县城乡居民基本养老保险实施办法\"\n"
                      "expect \"云政办发\"\n");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  int searches = 0;
  bool ylbx = false;
  for (const auto& e : outbox_events(dir)) {
    if (e.kind != sync::EventKind::Search) continue;
    ++searches;
    if (e.text == "ylbx") ylbx = true;  // initials, searched as typed
    CHECK_MESSAGE(std::none_of(e.text.begin(), e.text.end(), [](char c) { return c >= '0' && c <= '9'; }), e.text);
  }
  CHECK(searches == 2);
  CHECK(ylbx);
}

TEST_CASE("opening a card and a policy is counted as a view") {
  TempDir dir("kiosk-outbox-views");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "tap \"明白卡\"\n"
                      "tap \"低保\"\n"
                      "tap \"首页\"\n"
                      "tap \"政策文件\"\n"
                      "tap \"云溪县耕地地力保护补贴管理办法\"\n");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  bool card = false, policy = false;
  for (const auto& e : outbox_events(dir)) {
    if (e.kind == sync::EventKind::View && e.item.rfind("card/", 0) == 0) card = true;
    if (e.kind == sync::EventKind::View && e.item == "policy/gengdi-2017") policy = true;
  }
  CHECK(card);
  CHECK(policy);
}
