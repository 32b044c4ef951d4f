// Urgent notices (紧急, kiosk/screens/urgent.cpp): over any screen until they expire or the
// villager taps 知道了 for their session; the idle reset brings a current one back.
#include <doctest/doctest.h>

#include "bianmin/content/cache_writer.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {
void write_with_urgent(const std::filesystem::path& path, const std::string& until) {
  auto set = kiosk_content();
  content::Notice n;
  n.id = "tingshui";
  n.title = "今天下午镇区停水";
  n.body = "因主管道抢修，今天13:00至18:00镇区停水，请提前储水。便民服务中心照常办公。";
  n.start_date = kFixtureToday;
  n.end_date = kFixtureToday;
  n.urgent = true;
  n.urgent_until = until;
  set.notices.push_back(n);
  REQUIRE(content::write_cache(set, path).ok());
}
}  // namespace

TEST_CASE("an urgent notice covers every screen until 知道了; the idle reset brings it back while current") {
  TempDir dir("kiosk-urgent");
  write_with_urgent(dir / "content.db", std::string(kFixtureToday) + " 18:00");
  auto r = run_script(dir, dir / "content.db",
                      "expect \"紧急通知\"\n"
                      "expect \"今天下午镇区停水\"\n"
                      "expect \"有效至 11月12日 18:00\"\n"
                      // the screen below takes no touch while the notice covers it
                      "tap 540 1500\n"
                      "expect \"紧急通知\"\n"
                      "tap \"知道了\"\n"
                      "expect-not \"紧急通知\"\n"
                      "tap \"办事指南\"\n"
                      "expect \"按部门\"\n"
                      "expect-not \"紧急通知\"\n"
                      "route home\n"
                      "expect-not \"紧急通知\"\n"
                      // nobody touches it: countdown, then the reset for the next person
                      "wait 110000\n"
                      "expect \"紧急通知\"\n"
                      "expect \"今天下午镇区停水\"\n",
                      {"--time", "10:30", "--idle-seconds", "90", "--countdown-seconds", "15"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("urgent notice shown: tingshui") != std::string::npos);
}

TEST_CASE("an urgent notice past its time is not shown, nor one not yet started") {
  TempDir dir("kiosk-urgent-expired");
  write_with_urgent(dir / "content.db", std::string(kFixtureToday) + " 18:00");
  auto r = run_script(dir, dir / "content.db", "expect \"欢迎使用\"\nexpect-not \"紧急通知\"\n", {"--time", "18:00"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  r = run_script(dir, dir / "content.db", "expect-not \"紧急通知\"\n", {"--today", "2026-11-11", "--time", "10:00"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  r = run_script(dir, dir / "content.db", "expect \"紧急通知\"\n", {"--time", "17:59"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
