// The fund table's layouts: on a landscape screen wide enough the publication and its rows sit
// side by side, totals and first rows without scrolling; on a smaller landscape screen (a
// tablet, elder mode) one page whose totals, phones and text fold behind one tap, the group
// filter and the rows in sight; a publication is marked 公示中 / 即将公示 / 公示已结束 by its
// publicity period.
#include <doctest/doctest.h>

#include "bianmin/content/cache_writer.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

TEST_CASE("landscape fund table: totals, print, column header and rows on the first screen") {
  TempDir dir("kiosk-fund-layout");
  write_kiosk_cache(dir / "content.db", true);
  // 1280x800 at the guessed 120 dpi (a 12.6" screen) in normal mode, 1920x1080 in both: side by
  // side (the tablet in elder mode folds: next case)
  for (const char* size : {"1280x800", "1920x1080"}) {
    for (bool elder : {false, true}) {
      if (std::string(size) == "1280x800" && elder) continue;
      // A printer queue (never used here): 打印 shows only where a printer is configured.
      std::vector<std::string> args = {
          "--size", size, "--printer", "slip", "--cups-server", (dir / "no-cupsd.sock").string()};
      if (elder) args.push_back("--elder");
      auto r = run_script(dir, dir / "content.db",
                          std::string("route funds/qingshi/") + kBigFundId +
                              "\n"
                              "expect \"共 5000 户\"\n"  // the totals band
                              "expect \"公示合计 5000 户\"\n"
                              "expect \"打印本村名单摘要\"\n"
                              "expect \"金额（元）\"\n"    // the column header
                              "expect \"第一村民小组\"\n"  // a row's group (a column, or under the name)
                              "expect \"张*\"\n"           // the first row's masked name
                              "expect \"李*华\"\n",
                          args);
      const std::string where = std::string(size) + (elder ? " elder: " : ": ");
      INFO(where << r.output);
      CHECK(r.exit_code == 0);
    }
  }
}

TEST_CASE("small landscape screen: the totals fold behind one tap, the filter and the rows show") {
  TempDir dir("kiosk-fund-fold");
  write_kiosk_cache(dir / "content.db", true);
  // the village tablet as shipped (10.1", 150 dpi) in both modes and a 15.6" screen in elder
  // mode: one page, the details folded
  const std::vector<std::vector<std::string>> small = {{"--size", "1280x800", "--dpi", "150"},
                                                       {"--size", "1280x800", "--dpi", "150", "--elder"},
                                                       {"--size", "1366x768", "--dpi", "100.4", "--elder"}};
  for (auto args : small) {
    args.insert(args.end(), {"--printer", "slip", "--cups-server", (dir / "no-cupsd.sock").string()});
    auto r = run_script(dir, dir / "content.db",
                        std::string("route funds/qingshi/") + kBigFundId +
                            "\n"
                            "expect-not \"共 5000 户\"\n"  // folded: no totals...
                            "expect-not \"打印本村名单摘要\"\n"
                            "expect \"上湾组\"\n"      // ...the group filter...
                            "expect \"金额（元）\"\n"  // ...and the rows
                            "expect \"张*\"\n"
                            "tap \"合计和公示说明\"\n"  // one tap opens them
                            "expect \"共 5000 户\"\n"
                            "tap \"合计和公示说明\"\n"  // and folds them again
                            "expect-not \"共 5000 户\"\n",
                        args);
    INFO(args[1] << " at " << args[3] << " dpi" << (args.size() > 4 && args[4] == "--elder" ? " elder" : "") << ": "
                 << r.output);
    CHECK(r.exit_code == 0);
  }
  // a 43" screen in elder mode keeps the side pane: the totals show, nothing to unfold
  auto r = run_script(dir, dir / "content.db",
                      std::string("route funds/qingshi/") + kBigFundId +
                          "\nexpect \"共 5000 户\"\nexpect-not \"合计和公示说明\"\nexpect \"张*\"\n",
                      {"--size", "1920x1080", "--dpi", "51.2", "--elder"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("landscape fund table: the rows scroll on their own, the publication stays") {
  TempDir dir("kiosk-fund-panes");
  write_kiosk_cache(dir / "content.db", true);
  // 1920x1080: the rows pane is the right part of the screen; drag it up a long way
  const auto before = dir / "before.png", after = dir / "after.png";
  auto r = run_script(dir, dir / "content.db",
                      std::string("route funds/qingshi/") + kBigFundId +
                          "\n"
                          "shot " +
                          before.string() +
                          "\n"
                          "drag 1300 950 1300 200 200\n"
                          "drag 1300 950 1300 200 200\n"
                          "wait 3000\n"
                          "expect \"共 5000 户\"\n"  // the left pane did not move...
                          "expect \"公示期\"\n"
                          "expect \"金额（元）\"\n"  // ...the column header stuck to the top of the rows
                          "shot " +
                          after.string() + "\n",
                      {"--size", "1920x1080"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const Image a = load_png(before), b = load_png(after);
  REQUIRE(a.w == 1920);
  REQUIRE(b.w == 1920);
  auto differs = [&](int x0, int x1, int y0, int y1) {
    size_t n = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        const size_t i = (static_cast<size_t>(y) * 1920 + static_cast<size_t>(x)) * 4;
        if (a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2]) ++n;
      }
    return n;
  };
  CHECK(differs(0, 600, 150, 950) == 0);       // the publication's pane: not a pixel moved
  CHECK(differs(760, 1900, 300, 950) > 1000);  // the rows: other rows now
}

TEST_CASE("a publication before its publicity period says 即将公示, after it 公示已结束") {
  TempDir dir("kiosk-fund-status");
  write_kiosk_cache(dir / "content.db");
  // gengdi-2026 is published from 2026-11-10; dibao-2025's period ended in 2025
  auto before = run_script(dir, dir / "content.db",
                           "route funds/qingshi/gengdi-2026\nexpect \"即将公示\"\nexpect-not \"公示中\"\n",
                           {"--today", "2026-11-05"});
  INFO(before.output);
  CHECK(before.exit_code == 0);
  auto during = run_script(dir, dir / "content.db", "route funds/qingshi/gengdi-2026\nexpect \"公示中\"\n");
  INFO(during.output);
  CHECK(during.exit_code == 0);
  auto after = run_script(dir, dir / "content.db", "route funds/qingshi/dibao-2025\nexpect \"公示已结束\"\n");
  INFO(after.output);
  CHECK(after.exit_code == 0);
}

TEST_CASE("small landscape screen: a filter of many groups folds behind 组别, one tap opens it") {
  TempDir dir("kiosk-fund-groups");
  // the fixture's village with eight groups more (the rows stay in its first two)
  content::ContentSet set = kiosk_content(true);
  content::Village* village = nullptr;
  for (auto& v : set.site.villages)
    if (v.id == "qingshi") village = &v;
  REQUIRE(village != nullptr);
  const char* names[] = {"三", "四", "五", "六", "七", "八", "九", "十"};
  for (int i = 0; i < 8; ++i)
    village->groups.push_back(content::VillageGroup{"x" + std::to_string(i), std::string("第") + names[i] + "组"});
  Status st = content::write_cache(set, dir / "content.db");
  REQUIRE_MESSAGE(static_cast<bool>(st), "write_cache failed");
  const std::string route = std::string("route funds/qingshi/") + kBigFundId + "\n";
  // the tablet in elder mode: the chips would take most of the page
  auto r = run_script(dir, dir / "content.db",
                      route +
                          "expect \"组别：全部\"\n"
                          "expect-not \"第三组\"\n"  // folded
                          "expect \"张*\"\n"         // the rows show
                          "tap \"组别：全部\"\n"
                          "expect \"第三组\"\n"  // open: the groups
                          "tap \"上湾组\"\n"
                          "expect \"组别：上湾组\"\n"  // chosen: it folds again, naming it
                          "expect-not \"第三组\"\n"
                          "expect \"李*华\"\n",  // and the rows are the group's
                      {"--size", "1280x800", "--dpi", "150", "--elder"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  // a 43" screen: the side pane holds the chips as they are, nothing folds
  r = run_script(dir, dir / "content.db", route + "expect-not \"组别：全部\"\nexpect \"共 5000 户\"\n",
                 {"--size", "1920x1080", "--dpi", "51.2", "--elder"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
