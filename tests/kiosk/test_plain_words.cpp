// Words villagers understand (issue 14): a benefit card says 能领多少（补助标准）, not 花多少钱;
// 明白卡 is a label beside a card's title, not its last three characters; guides show their
// 温馨提示, the materials before the QR panel and what they cost without opening anything; dates
// read 2026年12月1日; a finished publication says 公示已结束; the fund header's total in plain words;
// no version hash on home; tab labels a villager reads.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"
#include "screens/screen.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

// The kiosk in this process on a page tall enough that every section of a screen is drawn.
std::unique_ptr<kiosk::App> open_tall_app(const TempDir& dir, const std::string& route) {
  kiosk::KioskOptions o;
  o.headless = true;
  o.content = dir / "content.db";
  o.state_dir = dir.path() / "state";
  o.today = kFixtureToday;
  o.now_time = "10:30";
  o.width = 1080;
  o.height = 9000;
  auto app = kiosk::App::create(o);
  REQUIRE_MESSAGE(app.ok(), app.error().to_string());
  REQUIRE((*app)->navigate(route));
  (*app)->settle();
  return std::move(*app);
}

// Where the first drawn text containing `s` comes in the frame's drawing order (texts are drawn
// top to bottom on a page); -1 when not drawn.
long order_of(const kiosk::App& app, const std::string& s) {
  const auto& t = app.ui().texts;
  auto it = std::find_if(t.begin(), t.end(), [&](const std::string& x) { return x.find(s) != std::string::npos; });
  return it == t.end() ? -1 : static_cast<long>(it - t.begin());
}

std::string all_texts(const kiosk::App& app) {
  std::string out;
  for (const auto& s : app.ui().texts) out += s + " | ";
  return out;
}

}  // namespace

TEST_CASE("a benefit card says 能领多少（补助标准）; a card that costs money says 要花多少钱") {
  TempDir dir("kiosk-card-money");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "route card/dibao\n"
                      "expect \"能领多少（补助标准）\"\n"
                      "expect-not \"花多少钱\"\n"
                      "route card/yibao-jiaofei\n"
                      "expect \"要花多少钱\"\n"
                      "expect-not \"能领多少\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("明白卡 is a label beside the card's title, not a suffix of it") {
  TempDir dir("kiosk-card-title");
  write_kiosk_cache(dir / "content.db");
  auto app = open_tall_app(dir, "card/dibao");
  INFO(all_texts(*app));
  const auto& t = app->ui().texts;
  CHECK(std::find(t.begin(), t.end(), "农村低保申请") != t.end());  // the heading and the title bar
  CHECK(std::find(t.begin(), t.end(), "明白卡") != t.end());        // the label
  CHECK(order_of(*app, "农村低保申请明白卡") == -1);
  // the list and search say it the same way
  REQUIRE(app->navigate("cards"));
  app->settle();
  CHECK(order_of(*app, "农村低保申请明白卡") == -1);
  CHECK(order_of(*app, "农村低保申请") >= 0);
}

TEST_CASE("a guide shows its 温馨提示, the materials before the QR panel, and its cost at the top") {
  TempDir dir("kiosk-guide-order");
  write_kiosk_cache(dir / "content.db");
  // Guide 1 of the fixture has tips and an online URL; it costs nothing.
  auto app = open_tall_app(dir, "guide/62052400SB-GG-0001");  // one App (ImGui context) at a time
  INFO(all_texts(*app));
  const long tips = order_of(*app, "温馨提示");
  const long tip = order_of(*app, "请带原件，复印件窗口可免费代印");
  const long materials = order_of(*app, "申请材料");
  const long qr = order_of(*app, "手机扫码");
  const long cost = order_of(*app, "费用：不收费");
  const long process = order_of(*app, "办理流程");
  REQUIRE(tips >= 0);
  CHECK(tip > tips);
  REQUIRE(materials >= 0);
  REQUIRE(qr >= 0);
  CHECK(materials < qr);
  // the cost is in the summary, above everything a person scrolls to
  REQUIRE(cost >= 0);
  CHECK(cost < materials);
  CHECK(cost < process);
  // A guide with a fee says what it is at the top too.
  REQUIRE(app->navigate("guide/62052400SB-JF-0002"));
  app->settle();
  INFO(all_texts(*app));
  CHECK(order_of(*app, "费用：工本费每证10元") >= 0);
  CHECK(order_of(*app, "费用：工本费每证10元") < order_of(*app, "申请材料"));
}

TEST_CASE("plain_date writes a date as villagers do and leaves anything else alone") {
  CHECK(kiosk::plain_date("2026-12-01") == "2026年12月1日");
  CHECK(kiosk::plain_date("2026-11-10T08:00:00+08:00") == "2026年11月10日");
  CHECK(kiosk::plain_date("2025-01-31") == "2025年1月31日");
  CHECK(kiosk::plain_date("") == "");
  CHECK(kiosk::plain_date("2026年") == "2026年");
  CHECK(kiosk::plain_date("26-12-01") == "26-12-01");
}

TEST_CASE("plain_date_range names the year once when both dates share it") {
  CHECK(kiosk::plain_date_range("2026-11-16", "2026-11-24") == "2026年11月16日至11月24日");
  CHECK(kiosk::plain_date_range("2026-12-20", "2027-01-05") == "2026年12月20日至2027年1月5日");
  CHECK(kiosk::plain_date_range("2026-12-20", "") == "2026年12月20日至");
  CHECK(kiosk::plain_date_range("", "2026-01-05") == "至2026年1月5日");
}

TEST_CASE("words on screens: 公示已结束, the header total in plain words, plain dates, no hash on home, plain tabs") {
  TempDir dir("kiosk-words");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "expect \"内容发布于 \"\n"
                      "expect-not \"内容版本\"\n"
                      "route funds/qingshi\n"
                      "expect \"公示已结束\"\n"
                      "expect-not \"已归档\"\n"
                      "expect \"公示期 2025年\"\n"
                      "expect-not \"公示期 2025-\"\n"
                      "route funds/qingshi/dibao-2025\n"
                      "expect \"公示合计 3 户，8,100.00 元，与下表逐户相加一致\"\n"
                      "expect-not \"公示表头\"\n"
                      "expect \"公示期 2025年\"\n"
                      "route guides\n"
                      "expect \"一件事一次办\"\n"
                      "expect \"公开的事项\"\n"
                      "expect-not \"公开目录\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
