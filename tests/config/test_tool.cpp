// bianmin-config, the maintainers' tool, and the defaults table in config/README.md.
#include <doctest/doctest.h>

#include "bianmin/config/check.hpp"
#include "bianmin/config/schema_doc.hpp"
#include "bianmin/config/secrets.hpp"
#include "support/test_support.hpp"

#include <sstream>

using namespace bianmin::config;
using namespace bianmin::test;

static std::string tool() { return (binary_dir() / "config/bianmin-config").string(); }

TEST_CASE("check exits 0 on a sample and 1 with file:line on a broken file") {
  auto ok = run({tool(), "check", (source_dir() / "config/samples/kiosk-hall.toml").string()});
  CHECK(ok.exit_code == 0);
  CHECK(ok.output.find("配置正确") != std::string::npos);
  CHECK(run({tool(), "check", "--hub", (source_dir() / "config/samples/hub.toml").string()}).exit_code == 0);

  TempDir dir;
  write_file(dir / "kiosk.toml", "[terminal]\nid = \"hall-01\"\nrole = \"hal\"\n");
  auto bad = run({tool(), "check", (dir / "kiosk.toml").string()});
  CHECK(bad.exit_code == 1);
  CHECK(bad.output.find("kiosk.toml:3: terminal.role") != std::string::npos);
}

TEST_CASE("check_kiosk_config_main is the one-line --check-config") {
  std::ostringstream out;
  CHECK(check_kiosk_config_main(source_dir() / "config/samples/kiosk-village.toml", out) == 0);
  std::ostringstream bad;
  CHECK(check_hub_config_main("/nonexistent/hub.toml", bad) == 1);
  CHECK(bad.str().find("/nonexistent/hub.toml") != std::string::npos);
}

TEST_CASE("hash-pin prints a hash that verifies, and refuses a non-numeric PIN") {
  auto r = run({tool(), "hash-pin", "2468"});
  REQUIRE(r.exit_code == 0);
  std::string h = r.output.substr(0, r.output.find('\n'));
  CHECK(verify_pin("2468", h));
  CHECK(run({tool(), "hash-pin", "abcd"}).exit_code != 0);
}

TEST_CASE("get prints one effective value, for shell scripts") {
  auto sample = (source_dir() / "config/samples/kiosk-hall.toml").string();
  CHECK(run({tool(), "get", sample, "power.screen_off_at"}).output == "21:00\n");
  CHECK(run({tool(), "get", sample, "idle.countdown_seconds"}).output == "20\n");
  CHECK(run({tool(), "get", sample, "nope.nope"}).exit_code == 2);
}

TEST_CASE("config/README.md carries the current defaults tables") {
  // Regenerate with: build/config/bianmin-config defaults kiosk|hub (see the README).
  std::string readme = read_file(source_dir() / "config/README.md");
  CHECK_MESSAGE(readme.find(kiosk_defaults_markdown()) != std::string::npos,
                "config/README.md: kiosk table is stale; run bianmin-config defaults kiosk");
  CHECK_MESSAGE(readme.find(hub_defaults_markdown()) != std::string::npos,
                "config/README.md: hub table is stale; run bianmin-config defaults hub");
}
