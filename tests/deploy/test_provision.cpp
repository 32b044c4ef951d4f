// provision-terminal.sh --dry-run: shows the config diff and every command it would run, and
// changes nothing. (Real runs, and running twice, are exercised in the package test's chroot.)
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace bianmin::test;

namespace {

RunResult provision(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/env",
                                   "BIANMIN_CONFIG_TOOL=" + (binary_dir() / "config/bianmin-config").string(), "bash",
                                   (source_dir() / "deploy/provision-terminal.sh").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

const std::string kKey = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

}  // namespace

TEST_CASE("a dry run shows the config change and the commands, and changes nothing") {
  TempDir dir("provision");
  std::string sample = read_file(source_dir() / "config/samples/kiosk-hall.toml");
  write_file(dir / "kiosk.toml", sample);
  write_file(dir / "enroll.token", "secret\n");
  auto r =
      provision({"--dry-run", "--config", (dir / "kiosk.toml").string(), "--id", "hall-07", "--hub",
                 "http://10.0.0.5:8080", "--key-id", "qingshi-2027", "--key", kKey, "--printer",
                 "socket://10.0.0.9:9100", "--paper", "58mm", "--enroll-token-file", (dir / "enroll.token").string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("+id = \"hall-07\"") != std::string::npos);
  CHECK(r.output.find("+hub_url = \"http://10.0.0.5:8080\"") != std::string::npos);
  CHECK(r.output.find("+key = \"" + kKey + "\"") != std::string::npos);
  CHECK(r.output.find("-key = \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"") !=
        std::string::npos);  // placeholder dropped
  CHECK(r.output.find("+paper = \"58mm\"") != std::string::npos);
  CHECK(r.output.find("[dry-run] lpadmin -p receipt -E -v socket://10.0.0.9:9100") != std::string::npos);
  CHECK(r.output.find("[dry-run] runuser -u bianmin -- bianmin-sync enroll") != std::string::npos);
  CHECK(r.output.find("[dry-run] lp -d receipt -o raw") != std::string::npos);  // an ESC/POS test page
  CHECK(read_file(dir / "kiosk.toml") == sample);
}

TEST_CASE("a network IPP printer gets a driverless queue and PDF") {
  TempDir dir("provision");
  write_file(dir / "kiosk.toml", read_file(source_dir() / "config/samples/kiosk-hall.toml"));
  auto r = provision({"--dry-run", "--config", (dir / "kiosk.toml").string(), "--id", "hall-01", "--printer",
                      "ipp://10.0.0.9/ipp/print", "--no-test-print", "--no-sync"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("-v ipp://10.0.0.9/ipp/print -m everywhere") != std::string::npos);
  // The sample's receipt printer speaks ESC/POS; a printer with a driver takes PDF.
  CHECK(r.output.find("-language = \"escpos\"") != std::string::npos);
  CHECK(r.output.find("+language = \"pdf\"") != std::string::npos);
}

TEST_CASE("options that would make an invalid config are refused before anything changes") {
  TempDir dir("provision");
  write_file(dir / "kiosk.toml", read_file(source_dir() / "config/samples/kiosk-hall.toml"));
  auto r = provision({"--dry-run", "--config", (dir / "kiosk.toml").string(), "--id", "Hall 7", "--paper", "76mm"});
  INFO(r.output);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("terminal.id") != std::string::npos);
  CHECK(r.output.find("printer.paper") != std::string::npos);
  CHECK(r.output.find("nothing was changed") != std::string::npos);
}

TEST_CASE("missing --id and unknown options are plain errors") {
  CHECK(provision({"--dry-run"}).output.find("--id is required") != std::string::npos);
  CHECK(provision({"--dry-run", "--id", "x", "--frobnicate"}).output.find("unknown option --frobnicate") !=
        std::string::npos);
}

TEST_CASE("every bad input is named at once, in Chinese and English, before anything changes") {
  TempDir dir("provision");
  std::string sample = read_file(source_dir() / "config/samples/kiosk-hall.toml");
  write_file(dir / "kiosk.toml", sample);
  auto r =
      provision({"--dry-run", "--config", (dir / "kiosk.toml").string(), "--id", "hall-07", "--hub", "192.168.1.10",
                 "--key-id", "k", "--key", "not-a-key", "--enroll-token-file", (dir / "missing.token").string()});
  INFO(r.output);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("does not exist") != std::string::npos);  // the token file
  CHECK(r.output.find("不存在") != std::string::npos);
  CHECK(r.output.find("not a base64 ed25519 public key") != std::string::npos);
  CHECK(r.output.find("--hub must be a URL") != std::string::npos);
  CHECK(r.output.find("nothing was changed") != std::string::npos);
  CHECK(r.output.find("==> 1/7") == std::string::npos);  // no step was started
  CHECK(read_file(dir / "kiosk.toml") == sample);
}
