// Finding things on the demo township (issue 13): search results in rank order and never a
// bare dead end; a town-wide fund publication opened from search asks for the village; the
// fund table shows each row's paid date and remark and the publication's text and phones; a
// village terminal's home leads with its own village's publications; 公开目录 nodes list
// their items. Headless, through scripts, as a villager would tap.
#include <doctest/doctest.h>

#include <cstdlib>

#include "kiosk_test_support.hpp"

using namespace bianmin::test;

namespace {

std::filesystem::path demo() {
  const char* d = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE_MESSAGE(d != nullptr, "BIANMIN_DEMO_DB is not set: run through ctest");
  return d;
}

// The demo's notices and publicity periods are written around this day.
const std::vector<std::string> kDemoDay = {"--today", "2026-11-23"};

RunResult run_demo(const TempDir& dir, const std::string& script, std::vector<std::string> args = {}) {
  args.insert(args.end(), kDemoDay.begin(), kDemoDay.end());
  return run_script(dir, demo(), script, args);
}

}  // namespace

TEST_CASE("a colloquial name finds the service, and the row opens it") {
  TempDir dir("kiosk-find-colloquial");
  auto r = run_demo(dir,
                    "route search/五保户\n"
                    "expect \"特困人员救助供养申请\"\n"
                    "expect \"办事指南 · 民政办\"\n"
                    "tap \"特困人员救助供养申请\"\n"
                    "expect \"受理条件\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("expired notices are not among the results") {
  TempDir dir("kiosk-find-expired");
  // 国庆中秋假期便民服务中心办公安排 ended 2026-10-08; 元旦 is current from December
  auto r = run_demo(dir, "route search/办公安排\nexpect-not \"国庆中秋假期\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("nothing found: kind words, the most-used services and the hall's phone") {
  TempDir dir("kiosk-find-nothing");
  auto r = run_demo(dir,
                    "route search/QQQZZX\n"
                    "expect \"没有找到“QQQZZX”\"\n"
                    "expect \"换个说法试试\"\n"
                    "expect \"0739-4826100\"\n"
                    "expect \"大家常办的事\"\n"
                    "expect \"城乡居民基本医疗保险参保登记与缴费\"\n"
                    "tap \"社会保障卡申领\"\n"
                    "expect \"申请材料\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a town-wide fund publication opened from search asks for the village") {
  TempDir dir("kiosk-find-fund-village");
  auto r = run_demo(dir,
                    "route search/高龄津贴公示\n"
                    "tap \"桐溪镇2026年下半年高龄津贴发放公示\"\n"
                    "expect \"请选择您所在的村\"\n"
                    "expect \"龙潭村\"\n"
                    "tap \"上坝村\"\n"
                    "expect \"上坝村：共 \"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  // a one-village publication opens its rows directly
  auto one = run_demo(dir,
                      "route search/耕地地力保护补贴发放公示（桐溪村）\n"
                      "tap \"2026年耕地地力保护补贴发放公示（桐溪村）\"\n"
                      "expect-not \"请选择您所在的村\"\n"
                      "expect \"桐溪村：共 324 户\"\n");
  INFO(one.output);
  CHECK(one.exit_code == 0);
}

TEST_CASE("the fund table shows each row's paid date and remark, the publication's text and phones") {
  TempDir dir("kiosk-find-fund-rows");
  for (const char* size : {"1080x1920", "1920x1080", "1280x800"}) {
    for (bool elder : {false, true}) {
      std::vector<std::string> args = {"--size", size};
      if (elder) args.push_back("--elder");
      std::string script =
          "route funds/tongxi/gengdi-2026-tongxi\n"
          "expect \"11-11 发放\"\n"   // the first row's paid date (the publication's year)
          "expect \"代领人为户\"\n";  // and its remark
      // (a 1280x800 tablet shows the rows first; the publication's pane scrolls to its phones)
      if (std::string(size) != "1280x800")
        script +=
            "expect \"咨询电话\"\n"
            "expect \"0739-4826115\"\n"  // the paying department's phone
            "expect \"监督电话：0739-4826123\"\n";
      if (std::string(size) == "1080x1920")
        script +=
            "expect \"所属期 2026年度\"\n"  // whole, never wrapped as "2026年" / "度"
            "tap \"公示说明\"\n"            // the publication's own text, one tap away
            "expect \"补贴对象：拥有耕地承包权\"\n"
            // its end, below the fold in elder mode (the standard is a wrapped line now)
            "drag 540 1500 540 900 600\n"
            "wait 2000\n"
            "expect \"有异议的\"\n";
      auto r = run_demo(dir, script, args);
      const std::string where = std::string(size) + (elder ? " elder: " : ": ");
      INFO(where << r.output);
      CHECK(r.exit_code == 0);
    }
  }
}

TEST_CASE("a village terminal's home leads with its own village's current publications") {
  TempDir dir("kiosk-find-village-home");
  auto village = run_demo(dir,
                          "expect \"上坝村资金公示\"\n"
                          "expect \"桐溪镇2026年下半年高龄津贴发放公示\"\n"
                          "tap \"桐溪镇2026年下半年高龄津贴发放公示\"\n"
                          "expect \"上坝村：共 \"\n",
                          {"--village", "shangba"});
  INFO(village.output);
  CHECK(village.exit_code == 0);
  auto hall = run_demo(dir, "expect-not \"村资金公示\"\nexpect \"通知公告\"\n");
  INFO(hall.output);
  CHECK(hall.exit_code == 0);
}

TEST_CASE("公开目录: a node lists its publications, a parent its children's") {
  TempDir dir("kiosk-find-catalogue");
  auto r = run_demo(dir,
                    "route guides/cat\n"
                    "expect \"农业补贴\"\n"
                    "route guides/cat/czzj/hmzj/nybt\n"
                    "expect \"2026年耕地地力保护补贴发放公示（桐溪村）\"\n"
                    "expect \"资金公开 · 2026年\"\n"
                    "route guides/cat/czzj\n"
                    "expect \"2026年耕地地力保护补贴发放公示（桐溪村）\"\n"
                    "tap \"2026年耕地地力保护补贴发放公示（桐溪村）\"\n"
                    "expect \"桐溪村：共 324 户\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
