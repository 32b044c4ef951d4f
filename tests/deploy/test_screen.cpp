// bianmin-screen, the nightly screen-off: decides from kiosk.toml's [power] times and switches
// every backlight (here a fake sysfs tree) off and on again.
#include <doctest/doctest.h>

#include <cstdlib>

#include "support/test_support.hpp"

using namespace bianmin::test;
namespace fs = std::filesystem;

namespace {

struct Screen {
  TempDir dir{"screen"};
  Screen(const std::string& power) {
    std::string sample = read_file(source_dir() / "config/samples/kiosk-hall.toml");
    auto at = sample.find("[power]");
    auto end = sample.find("[idle]");
    write_file(dir / "kiosk.toml", sample.substr(0, at) + power + "\n" + sample.substr(end));
    write_file(dir / "sys/class/backlight/panel0/bl_power", "0\n");
  }
  RunResult run_at(const std::string& now, const std::string& cmd = "apply") {
    std::string env = "BIANMIN_CONFIG=" + (dir / "kiosk.toml").string() + " BIANMIN_SYSFS=" + (dir / "sys").string() +
                      " BIANMIN_NOW=" + now +
                      " BIANMIN_CONFIG_TOOL=" + (binary_dir() / "config/bianmin-config").string();
    return run({"/usr/bin/env", "sh", "-c",
                env + " sh " + (source_dir() / "deploy/scripts/bianmin-screen").string() + " " + cmd});
  }
  std::string bl() { return read_file(dir / "sys/class/backlight/panel0/bl_power"); }
};

}  // namespace

TEST_CASE("the screen goes off at night and on in the morning (off hours across midnight)") {
  Screen s("[power]\nscreen_off_at = \"21:00\"\nscreen_on_at = \"07:30\"\n");
  auto r = s.run_at("22:15");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(s.bl() == "4\n");
  CHECK(s.run_at("03:00", "status").output == "off\n");
  s.run_at("07:30");
  CHECK(s.bl() == "0\n");
  CHECK(s.run_at("20:59", "status").output == "on\n");
}

TEST_CASE("off hours within one day (a lunch break)") {
  Screen s("[power]\nscreen_off_at = \"12:00\"\nscreen_on_at = \"14:00\"\n");
  CHECK(s.run_at("13:00", "status").output == "off\n");
  CHECK(s.run_at("14:01", "status").output == "on\n");
  CHECK(s.run_at("11:59", "status").output == "on\n");
}

TEST_CASE("without [power] times the screen stays on") {
  Screen s("[power]\n");
  s.run_at("23:00");
  CHECK(s.bl() == "0\n");
}

TEST_CASE("a broken config keeps the screen on (a kiosk must never go dark by mistake)") {
  Screen s("[power]\nscreen_off_at = \"21:00\"\nscreen_on_at = \"07:30\"\nbogus = 1\n");
  CHECK(s.run_at("23:00", "status").output == "on\n");
}
