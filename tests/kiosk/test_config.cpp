// The kiosk reads the terminal's kiosk.toml through bianmin_config: --check-config for the
// installer and hall IT, --config for the service, and a plain error screen when it is broken.
#include <doctest/doctest.h>

#include <cstdlib>

#include "bianmin/config/kiosk_config.hpp"
#include "bianmin/config/secrets.hpp"
#include "bianmin/content/store.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

// A valid kiosk.toml for this test's private cache and state dir.
std::string kiosk_toml(const TempDir& dir, const std::string& extra_ui = "", const std::string& pin_hash = "",
                       const std::string& screen = "width = 1280\nheight = 800\ndpi = 150\n") {
  return "[terminal]\nid = \"cfg-hall-07\"\nrole = \"hall\"\n\n"
         "[screen]\n" +
         screen +
         "orientation = \"landscape\"\n\n"
         "[idle]\nwarn_seconds = 60\ncountdown_seconds = 10\nattract_seconds = 0\n\n"
         "[ui]\n" +
         extra_ui +
         "\n"
         "[sync]\nhub_url = \"\"\n[[sync.trusted_keys]]\nid = \"k\"\nkey = "
         "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"\n\n"
         "[staff]\npin_hash = \"" +
         pin_hash +
         "\"\n\n"
         "[paths]\nstate_dir = \"" +
         (dir.path() / "state").string() + "\"\ncontent = \"" + (dir.path() / "content.db").string() + "\"\n";
}

RunResult run_with_config(const TempDir& dir, const std::string& script, std::vector<std::string> extra = {}) {
  write_file(dir / "steps.txt", script);
  std::vector<std::string> argv = {kiosk_binary().string(),
                                   "--headless",
                                   "--config",
                                   (dir / "kiosk.toml").string(),
                                   "--today",
                                   kFixtureToday,
                                   "--time",
                                   "10:30",
                                   "--script",
                                   (dir / "steps.txt").string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

}  // namespace

TEST_CASE("--check-config accepts the sample hall terminal config") {
  auto r = run({kiosk_binary().string(), "--check-config", (source_dir() / "config/samples/kiosk-hall.toml").string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("配置正确") != std::string::npos);
}

TEST_CASE("--check-config names the file, line and key of every problem and exits 1") {
  TempDir dir("kiosk-checkcfg");
  std::string toml = kiosk_toml(dir);
  toml.replace(toml.find("width = 1280"), 12, "width = \"wide\"");
  write_file(dir / "kiosk.toml", toml);
  auto r = run({kiosk_binary().string(), "--check-config", (dir / "kiosk.toml").string()});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("kiosk.toml:6: screen.width") != std::string::npos);
}

TEST_CASE("--config: terminal id, screen size, DPI, idle times and the staff PIN come from kiosk.toml") {
  TempDir dir("kiosk-config");
  write_kiosk_cache(dir / "content.db");
  write_file(dir / "kiosk.toml", kiosk_toml(dir, "", config::hash_pin("1357")));
  auto r = run_with_config(dir,
                           "expect \"咨询电话\"\n"
                           "shot " +
                               (dir / "home.png").string() +
                               "\n"
                               "hold 10 10 5500\n"
                               "tap \"1\"\ntap \"3\"\ntap \"5\"\ntap \"7\"\ntap \"确定\"\n"
                               "expect \"终端状态\"\n"
                               "expect \"cfg-hall-07\"\n"
                               "tap \"退出管理模式\"\n"
                               "tap \"办事指南\"\n"
                               "wait 61000\n"  // warn_seconds = 60 in the file (default 90)
                               "expect \"您还在使用吗\"\n"
                               "wait 10000\n"
                               "expect \"咨询电话\"\n");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto img = load_png(dir / "home.png");
  CHECK(img.w == 1280);
  CHECK(img.h == 800);
}

TEST_CASE("a flag on the command line overrides the file") {
  TempDir dir("kiosk-config-override");
  write_kiosk_cache(dir / "content.db");
  write_file(dir / "kiosk.toml", kiosk_toml(dir));
  auto r = run_with_config(dir, "shot " + (dir / "home.png").string() + "\n", {"--size", "1080x1920"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(load_png(dir / "home.png").h == 1920);
}

TEST_CASE("a broken kiosk.toml shows a plain screen with the phone; the problem goes to the log, not the screen") {
  TempDir dir("kiosk-config-broken");
  write_kiosk_cache(dir / "content.db");
  std::string toml = kiosk_toml(dir);
  toml.replace(toml.find("warn_seconds = 60"), 17, "warn_seconds = \"soon\"");
  write_file(dir / "kiosk.toml", toml);
  const auto png = dir / "broken.png";
  auto r = run_with_config(dir,
                           "expect \"本机暂时不能使用\"\n"
                           "expect \"咨询电话 0938-5550100\"\n"
                           "expect-not \"idle.warn_seconds\"\n"
                           "expect-not \"办事指南\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("idle.warn_seconds") != std::string::npos);
  // the deploy helper's smoke test: --screenshot still renders (the error screen) and exits 0
  auto s = run(
      {kiosk_binary().string(), "--headless", "--config", (dir / "kiosk.toml").string(), "--screenshot", png.string()});
  INFO(s.output);
  CHECK(s.exit_code == 0);
  CHECK(load_png(png).w == 1280);
}

TEST_CASE("elder_mode_default: the kiosk starts in 长辈模式 and the idle reset returns to it") {
  TempDir dir("kiosk-config-elder");
  write_kiosk_cache(dir / "content.db");
  write_file(dir / "kiosk.toml", kiosk_toml(dir, "elder_mode_default = true\n"));
  auto r = run_with_config(dir,
                           "expect \"长辈模式：开\"\n"
                           "tap \"长辈模式：开\"\n"
                           "expect-not \"长辈模式：开\"\n"
                           "wait 61000\n"
                           "expect \"您还在使用吗\"\n"
                           "wait 10000\n"
                           "expect \"长辈模式：开\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("terminal.village: a village terminal's home leads with its village's current publications") {
  TempDir dir("kiosk-config-village");
  write_kiosk_cache(dir / "content.db");
  std::string toml = kiosk_toml(dir);
  toml.replace(toml.find("role = \"hall\""), 13, "role = \"village\"\nvillage = \"qingshi\"");
  write_file(dir / "kiosk.toml", toml);
  auto r = run_with_config(dir,
                           "expect \"青石村资金公示\"\n"
                           "expect \"补贴发放公示\"\n"  // gengdi-2026, current on the fixture's day
                           "tap \"补贴发放公示\"\n"
                           // the tablet (1280x800, 150 dpi) folds the totals behind one tap
                           "tap \"合计和公示说明\"\n"
                           "expect \"青石村：共 \"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

// The village tablet's kiosk.toml as shipped, on the built-in demo township: the village it names
// is one the demo has, so a newcomer trying the sample sees a village point's home.
TEST_CASE("the shipped village sample names a demo village, and its home leads with that village") {
  const char* demo = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE(demo != nullptr);
  const auto sample = source_dir() / "config/samples/kiosk-village.toml";
  auto loaded = config::load_kiosk_config(sample);
  REQUIRE(loaded.ok());
  auto store = content::Store::open_readonly(demo);
  REQUIRE(store);
  std::string name;
  for (const auto& v : (*store)->site().villages)
    if (v.id == loaded.config.village_id) name = v.name;
  INFO("terminal.village = " << loaded.config.village_id);
  REQUIRE_FALSE(name.empty());
  TempDir dir("kiosk-config-village-sample");
  // (the tablet in elder mode shows the tiles first: the village's section is a swipe below)
  auto r = run_script(dir, demo, "drag 640 600 640 100 600\nexpect \"" + name + "资金公示\"\nexpect \"公示期至\"\n",
                      {"--config", sample.string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("is not a village of this content") == std::string::npos);
}

TEST_CASE("terminal.village naming a village the content lacks is said in the log, with the ids it has") {
  TempDir dir("kiosk-config-village-unknown");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db", "expect-not \"查看本村全部资金公示\"\n", {"--village", "nosuch"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("terminal.village = \"nosuch\" is not a village of this content") != std::string::npos);
  CHECK(r.output.find("qingshi") != std::string::npos);  // the fixture's village, named for the maintainer
}

TEST_CASE("after 5 wrong staff PINs the staff entry locks for 5 minutes and says so in the log") {
  TempDir dir("kiosk-pin-lock");
  write_kiosk_cache(dir / "content.db");
  write_file(dir / "kiosk.toml", kiosk_toml(dir, "", config::hash_pin("1357")));
  std::string wrong;
  for (int i = 0; i < 5; ++i) wrong += "tap \"2\"\ntap \"4\"\ntap \"确定\"\n";
  const std::string right = "tap \"1\"\ntap \"3\"\ntap \"5\"\ntap \"7\"\ntap \"确定\"\n";
  auto r = run_with_config(dir, "hold 10 10 5500\n" + wrong +
                                    "expect \"已锁定\"\n"
                                    "expect-not \"确定\"\n"  // no pad while locked
                                    "tap \"首页\"\n"
                                    "wait 240000\n"  // 4 minutes, the idle reset included: still locked
                                    "hold 10 10 5500\n"
                                    "expect \"已锁定\"\n"
                                    "expect-not \"确定\"\n"
                                    "tap \"首页\"\n"
                                    "wait 61000\n"  // past 5 minutes: the pad is back and the PIN works
                                    "hold 10 10 5500\n" +
                                    right + "expect \"终端状态\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("staff entry locked for 5 minutes") != std::string::npos);
}

TEST_CASE("a wrong staff PIN says how many tries are left; a right one starts the count again") {
  TempDir dir("kiosk-pin-count");
  write_kiosk_cache(dir / "content.db");
  write_file(dir / "kiosk.toml", kiosk_toml(dir, "", config::hash_pin("1357")));
  std::string four;
  for (int i = 0; i < 4; ++i) four += "tap \"2\"\ntap \"确定\"\n";
  auto r = run_with_config(dir,
                           "hold 10 10 5500\n"
                           "tap \"2\"\ntap \"确定\"\n"
                           "expect \"还可再试 4 次\"\n" +
                               four + "expect \"已锁定\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  auto ok = run_with_config(dir, "hold 10 10 5500\n" + four +
                                     "tap \"1\"\ntap \"3\"\ntap \"5\"\ntap \"7\"\ntap \"确定\"\n"
                                     "tap \"退出管理模式\"\n"
                                     "hold 10 10 5500\n"
                                     "tap \"2\"\ntap \"确定\"\n"
                                     "expect \"还可再试 4 次\"\n");
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
}

TEST_CASE("on a terminal with no staff PIN the corner hold shows nothing") {
  TempDir dir("kiosk-pin-none");
  write_kiosk_cache(dir / "content.db");
  write_file(dir / "kiosk.toml", kiosk_toml(dir));
  auto r = run_with_config(dir,
                           "hold 10 10 6000\n"
                           "expect-not \"请输入管理员密码\"\n"
                           "expect-not \"管理模式\"\n"
                           "expect \"办事指南\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
