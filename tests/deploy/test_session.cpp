// bianmin-kiosk-session: the command the kiosk unit runs under cage, built from kiosk.toml
// (rotation from screen.orientation; --config when the kiosk has it, else the same settings
// as options). Runs the real script with a stand-in kiosk that only prints its --help.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace bianmin::test;
namespace fs = std::filesystem;

namespace {

RunResult session(const TempDir& dir, const std::string& help, const std::string& orientation) {
  std::string sample = read_file(source_dir() / "config/samples/kiosk-hall.toml");
  auto at = sample.find("orientation = ");
  REQUIRE(at != std::string::npos);
  sample.replace(at, sample.find('\n', at) - at, "orientation = \"" + orientation + "\"");
  write_file(dir / "kiosk.toml", sample);
  write_file(dir / "kiosk", "#!/bin/sh\necho 'usage: bianmin-kiosk [options]\n" + help + "'\n");
  fs::permissions(dir / "kiosk", fs::perms::owner_all);
  return run({"/usr/bin/env", "BIANMIN_SESSION_DRY_RUN=1", "BIANMIN_CONFIG=" + (dir / "kiosk.toml").string(),
              "BIANMIN_KIOSK=" + (dir / "kiosk").string(),
              "BIANMIN_CONFIG_TOOL=" + (binary_dir() / "config/bianmin-config").string(), "sh",
              (source_dir() / "deploy/scripts/bianmin-kiosk-session").string()});
}

}  // namespace

TEST_CASE("a kiosk with --config gets the config file, rotated for a portrait screen") {
  TempDir dir("session");
  auto r = session(dir, "  --config FILE   kiosk.toml", "portrait");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output ==
        "cage -d -r -- " + (dir / "kiosk").string() + " --fullscreen --config " + (dir / "kiosk.toml").string() + "\n");
}

TEST_CASE("a kiosk without --config gets the same settings as options") {
  TempDir dir("session");
  auto r = session(dir, "  --content PATH", "landscape");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("cage -d -- ") == 0);  // landscape: no rotation
  CHECK(r.output.find("--state-dir /var/lib/bianmin --content /var/lib/bianmin/content.db") != std::string::npos);
  CHECK(r.output.find("--terminal-id hall-01") != std::string::npos);
  CHECK(r.output.find("--idle-seconds ") != std::string::npos);
  CHECK(r.output.find("--config") == std::string::npos);
}

TEST_CASE("portrait-flipped rotates three times") {
  TempDir dir("session");
  auto r = session(dir, "  --config FILE", "portrait-flipped");
  CHECK(r.output.find("cage -d -r -r -r -- ") == 0);
}
