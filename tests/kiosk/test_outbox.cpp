// What the kiosk leaves in the terminal's outbox for the hall's statistics: views, searches
// (never a query with digits: it could be part of an ID number), ratings, suggestions and prints.
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

// 评价建议: after a poor rating the hall's complaint line shows; the person may write a few words
// (pinyin here; the same input as search) and they reach the outbox as feedback beside the
// rating, with a typed phone or ID number redacted.
TEST_CASE(
    "a suggestion written on 评价建议 is kept with the rating, digits redacted, and a poor rating shows 监督电话") {
  TempDir dir("kiosk-outbox-suggestion");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "route feedback\n"
                      "expect-not \"0938-5550199\"\n"
                      "tap \"不满意\"\n"
                      "expect \"0938-5550199\"\n"  // the fixture hall's complaint phone
                      "tap \"写建议\"\n"
                      "tap \"D\"\ntap \"E\"\ntap \"N\"\ntap \"G\"\ntap \"D\"\ntap \"A\"\ntap \"I\"\n"
                      "tap \"等待\"\n"
                      "tap \"数字\"\n"
                      "tap \"1\"\ntap \"3\"\ntap \"8\"\ntap \"0\"\ntap \"0\"\ntap \"1\"\ntap \"3\"\ntap \"8\"\n"
                      "tap \"写好了\"\n"
                      "expect \"等待13800138\"\n"  // shown back on the form before it is sent
                      "tap \"提交评价\"\n"
                      "expect \"感谢您的评价！\"\n"
                      "expect \"0938-5550199\"\n");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  bool rated = false, suggested = false;
  for (const auto& e : outbox_events(dir)) {
    if (e.kind == sync::EventKind::Rating && e.item == "hall" && e.value == 2) rated = true;
    if (e.kind == sync::EventKind::Feedback && e.item == "hall") {
      suggested = true;
      CHECK(e.text.find("等待") != std::string::npos);
      CHECK_MESSAGE(e.text.find("13800138") == std::string::npos, e.text);
    }
  }
  CHECK(rated);
  CHECK(suggested);
}

TEST_CASE("a good rating sends no suggestion when none was written, and shows no complaint phone") {
  TempDir dir("kiosk-outbox-rating-only");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "route feedback\n"
                      "tap \"满意\"\n"
                      "expect \"写建议\"\n"
                      "expect-not \"0938-5550199\"\n"
                      "tap \"提交评价\"\n"
                      "expect \"感谢您的评价！\"\n"
                      "expect-not \"0938-5550199\"\n");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  int ratings = 0, feedback = 0;
  for (const auto& e : outbox_events(dir)) {
    if (e.kind == sync::EventKind::Rating) ++ratings;
    if (e.kind == sync::EventKind::Feedback) ++feedback;
  }
  CHECK(ratings == 1);
  CHECK(feedback == 0);
}
