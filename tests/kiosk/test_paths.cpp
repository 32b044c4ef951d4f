// Scripted paths through the real binary, as a villager walks them: tap, scroll, read.
#include <doctest/doctest.h>

#include "bianmin/config/secrets.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/sync/outbox.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

bool has_event(const std::vector<sync::Event>& evs, sync::EventKind k, const std::string& item_prefix) {
  for (const auto& e : evs)
    if (e.kind == k && e.item.rfind(item_prefix, 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("home → 办事指南 → a guide → 打印 asks to print that guide and logs it") {
  TempDir dir("kiosk-print");
  write_kiosk_cache(dir / "content.db");
  // A queue on a print server that is not there: the job fails plainly (the real printing
  // paths are in tests/print); wait-print lets the print worker log it before the kiosk exits.
  auto r = run_script(dir, dir / "content.db",
                      "tap \"办事指南\"\n"
                      "expect \"按部门\"\n"
                      "tap \"按主题\"\n"
                      "tap \"社会保障\"\n"
                      "tap \"城乡居民基本养老保险参保登记\"\n"
                      "expect \"受理条件\"\n"
                      "expect \"申请材料\"\n"
                      "expect \"扫码在线办理\"\n"
                      "tap \"打印\"\n"
                      "wait-print 60000\n"
                      "expect \"打印机\"\n",
                      {"--printer", "slip", "--cups-server", (dir / "no-cupsd.sock").string()});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("print guide/62052400SB-GG-0001") != std::string::npos);
  auto evs = outbox_events(dir);
  CHECK(has_event(evs, sync::EventKind::View, "guide/62052400SB-GG-0001"));
  CHECK(has_event(evs, sync::EventKind::Print, "guide/62052400SB-GG-0001"));
}

TEST_CASE("materials tick as a checklist and the count follows") {
  TempDir dir("kiosk-ticks");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "route guide/62052400SB-GG-0001\n"
                      "expect \"已备好 0 / 2\"\n"
                      "tap \"居民身份证\"\n"
                      "expect \"已备好 1 / 2\"\n"
                      "tap \"居民身份证\"\n"
                      "expect \"已备好 0 / 2\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("search: typing the initials YLBX on the pinyin keyboard finds the pension guide") {
  TempDir dir("kiosk-search");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "tap \"搜索\"\n"
                      "tap \"Y\"\ntap \"L\"\ntap \"B\"\ntap \"X\"\n"
                      "expect \"ylbx\"\n"
                      "expect \"城乡居民基本养老保险参保登记\"\n"
                      "tap \"城乡居民基本养老保险参保登记\"\n"
                      "expect \"受理条件\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("funds → village → publication: the totals shown equal the header") {
  TempDir dir("kiosk-funds");
  write_kiosk_cache(dir / "content.db");
  // dibao-2025: 3 rows in 青石村 only, 8,100.00 yuan in the header
  auto r = run_script(dir, dir / "content.db",
                      "tap \"资金公开\"\n"
                      "tap \"青石村\"\n"
                      "expect \"公示已结束\"\n"
                      "tap \"2025年第四季度农村低保金发放公示\"\n"
                      "expect \"共 3 户，合计 8,100.00 元\"\n"
                      "expect \"公示合计 3 户，8,100.00 元，与下表逐户相加一致\"\n"
                      "expect \"监督电话\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a big fund table scrolls by dragging and the group filter changes the totals") {
  TempDir dir("kiosk-bigfund");
  write_kiosk_cache(dir / "content.db", true);
  auto r = run_script(dir, dir / "content.db",
                      std::string("route funds/qingshi/") + kBigFundId +
                          "\n"
                          "expect \"共 5000 户\"\n"
                          "tap \"第一村民小组\"\n"
                          "expect \"共 2500 户\"\n"
                          "tap \"全部\"\n"
                          "drag 540 1600 540 300 200\n"
                          "drag 540 1600 540 300 200\n"
                          "wait 2000\n"
                          "expect \"金额（元）\"\n"    // the column header sticks to the top
                          "expect-not \"公示期\"\n");  // the header card scrolled away
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a drag that starts on a tile scrolls and never opens it") {
  TempDir dir("kiosk-drag");
  write_kiosk_cache(dir / "content.db");
  // find where 办事指南 is, then drag from it: still on home
  auto r = run_script(dir, dir / "content.db",
                      "drag 270 560 270 420 300\n"
                      "wait 1000\n"
                      "expect \"欢迎使用\"\n"
                      "expect-not \"按部门\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("idle: the countdown offers 继续使用, then the kiosk goes home and forgets") {
  TempDir dir("kiosk-idle");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "tap \"搜索\"\n"
                      "tap \"Y\"\ntap \"L\"\n"
                      "wait 91000\n"
                      "expect \"您还在使用吗\"\n"
                      "tap \"继续使用\"\n"
                      "expect-not \"您还在使用吗\"\n"
                      "expect \"yl\"\n"
                      "wait 91000\n"
                      "expect \"您还在使用吗\"\n"
                      "wait 16000\n"
                      "expect \"欢迎使用\"\n"
                      "tap \"搜索\"\n"
                      "expect \"手写或拼音输入\"\n"  // the query box is empty again
                      "expect-not \"yl\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("after a long idle the attract loop shows notices and a touch only wakes it") {
  TempDir dir("kiosk-attract");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "wait 301000\n"
                      "expect \"轻触屏幕开始使用\"\n"
                      "expect \"11月流感疫苗接种日\"\n"
                      "tap 540 960\n"
                      "expect \"欢迎使用\"\n",
                      {"--attract-seconds", "300"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("live reload: a new cache swapped in by rename is shown without a restart") {
  TempDir dir("kiosk-reload");
  write_kiosk_cache(dir / "content.db");
  // v2: same guide, new summary; v3: the guide is gone
  auto v2 = kiosk_content();
  v2.content_version = "2026.11.12-2";
  for (auto& g : v2.guides)
    if (g.code == "62052400SB-GG-0001") g.summary = "新版指南：请带身份证到一号窗口";
  REQUIRE(content::write_cache(v2, dir / "v2.db").ok());
  auto v3 = v2;
  v3.content_version = "2026.11.12-3";
  v3.published_at = "2026-11-13T08:00:00+08:00";
  std::erase_if(v3.guides, [](const content::ServiceGuide& g) { return g.code == "62052400SB-GG-0001"; });
  for (auto& e : v3.life_events) std::erase(e.guide_codes, std::string("62052400SB-GG-0001"));
  for (auto& c : v3.cards)
    if (c.guide_code == "62052400SB-GG-0001") c.guide_code.clear();
  REQUIRE(content::write_cache(v3, dir / "v3.db").ok());
  auto r = run_script(dir, dir / "content.db",
                      "route guide/62052400SB-GG-0001\n"
                      "expect \"受理条件\"\n"
                      "swap-content " +
                          (dir / "v2.db").string() +
                          "\n"
                          "wait 3000\n"
                          "expect \"新版指南\"\n"
                          "expect \"受理条件\"\n"
                          "swap-content " +
                          (dir / "v3.db").string() +
                          "\n"
                          "wait 3000\n"
                          "expect \"欢迎使用\"\n"
                          // home says how fresh the new content is; its version is for staff
                          "expect \"内容发布于 2026年11月13日\"\n"
                          "expect-not \"2026.11.12-3\"\n"
                          "route staff\n"
                          "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"确定\"\n"
                          "expect \"2026.11.12-3\"\n",
                      {"--staff-pin-hash", config::hash_pin("2468")});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("elder mode toggles from the bottom bar and stays reachable on every screen") {
  TempDir dir("kiosk-elder");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "tap \"长辈模式\"\n"
                      "expect \"长辈模式：开\"\n"
                      "tap \"政策文件\"\n"
                      "expect \"长辈模式：开\"\n"
                      "expect \"已废止\"\n"
                      "tap \"长辈模式：开\"\n"
                      "expect-not \"长辈模式：开\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("评价建议: a rating with reasons goes to the outbox") {
  TempDir dir("kiosk-rate");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "tap \"评价建议\"\n"
                      "tap \"满意\"\n"
                      "tap \"办理快捷\"\n"
                      "tap \"提交评价\"\n"
                      "expect \"感谢您的评价\"\n");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  bool found = false;
  for (const auto& e : outbox_events(dir))
    if (e.kind == sync::EventKind::Rating && e.item == "hall" && e.value == 4 && e.text == "办理快捷") found = true;
  CHECK(found);
}

TEST_CASE("staff mode: a 5-second corner press and the right PIN open diagnostics") {
  TempDir dir("kiosk-staff");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "hold 10 10 2000\n"
                      "expect-not \"请输入管理员密码\"\n"
                      "hold 10 10 5500\n"
                      "expect \"请输入管理员密码\"\n"
                      "tap \"1\"\ntap \"2\"\ntap \"确定\"\n"
                      "expect \"密码错误\"\n"
                      "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"确定\"\n"
                      "expect \"终端状态\"\n"
                      "expect \"kiosk-test-01\"\n"
                      "tap \"重新载入内容\"\n"
                      "expect \"内容已重新载入\"\n"
                      "tap \"退出管理模式\"\n"
                      "expect \"欢迎使用\"\n",
                      {"--terminal-id", "kiosk-test-01", "--staff-pin-hash", config::hash_pin("2468")});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
