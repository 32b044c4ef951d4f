// Every systemd unit we ship passes `systemd-analyze verify` (no warnings at all), checked in a
// private root that holds the system's own units plus ours, with each program the units start
// present at its path. The package test repeats this on the units as installed by the .deb.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace bianmin::test;

namespace {

std::vector<fs::path> our_units() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(source_dir() / "deploy/systemd")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Builds <root> with /lib/systemd/system copied from this machine, then `units` on top, and an
// executable stub at every absolute path an Exec*= line names.
void make_root(const fs::path& root, const std::vector<fs::path>& units) {
  fs::create_directories(root / "lib/systemd");
  fs::copy("/lib/systemd/system", root / "lib/systemd/system",
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  fs::create_directories(root / "etc");
  std::regex exec(R"(^Exec[A-Za-z]*=[-+@!:]*(/[^ ]+))");
  for (const auto& u : units) {
    fs::copy_file(u, root / "lib/systemd/system" / u.filename(), fs::copy_options::overwrite_existing);
    std::ifstream in(u);
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_search(line, m, exec)) {
        fs::path stub = root / m[1].str().substr(1);
        fs::create_directories(stub.parent_path());
        write_file(stub, "#!/bin/sh\n");
        fs::permissions(stub, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
      }
    }
  }
}

RunResult verify(const fs::path& root, const std::vector<fs::path>& units) {
  std::vector<std::string> argv = {"/usr/bin/systemd-analyze", "verify", "--root=" + root.string()};
  for (const auto& u : units) argv.push_back((root / "lib/systemd/system" / u.filename()).string());
  return run(argv);
}

}  // namespace

TEST_CASE("every unit in deploy/systemd verifies without a single warning") {
  REQUIRE(fs::exists("/usr/bin/systemd-analyze"));
  auto units = our_units();
  REQUIRE(units.size() >= 6);
  TempDir root("units");
  make_root(root.path(), units);
  auto r = verify(root.path(), units);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.empty());
}

TEST_CASE("the verify check does catch a broken unit") {
  TempDir dir("units");
  write_file(dir / "src/bianmin-broken.service", "[Service]\nExecStart=/usr/bin/bianmin-hub\nWatchdogSecs=30\n");
  TempDir root("units");
  make_root(root.path(), {dir / "src/bianmin-broken.service"});
  auto r = verify(root.path(), {dir / "src/bianmin-broken.service"});
  CHECK(r.output.find("WatchdogSecs") != std::string::npos);
}

TEST_CASE("the kiosk runs hardened, as bianmin, under a watchdog, restarting always") {
  std::string unit = read_file(source_dir() / "deploy/systemd/bianmin-kiosk.service");
  for (const char* line :
       {"User=bianmin", "Restart=always", "WatchdogSec=", "Type=notify", "PAMName=bianmin-kiosk",
        "ProtectSystem=strict", "ProtectHome=yes", "NoNewPrivileges=yes", "ReadWritePaths=/var/lib/bianmin\n",
        "RuntimeDirectory=bianmin-kiosk\n", "ExecStart=/usr/lib/bianmin/bianmin-kiosk-session\n",
        "SystemCallFilter=@system-service\n"}) {
    CHECK_MESSAGE(unit.find(line) != std::string::npos, line);
  }
  for (const char* name : {"bianmin-sync.service", "bianmin-hub.service", "bianmin-screen.service"}) {
    std::string u = read_file(source_dir() / "deploy/systemd" / name);
    CHECK_MESSAGE(u.find("ProtectSystem=strict") != std::string::npos, name);
    CHECK_MESSAGE(u.find("NoNewPrivileges=yes") != std::string::npos, name);
    CHECK_MESSAGE(u.find("User=bianmin\n") != std::string::npos, name);  // the screen unit too: not root
    CHECK_MESSAGE(u.find("CapabilityBoundingSet=\n") != std::string::npos, name);
  }
}

TEST_CASE("systemd hears the kiosk only through its main process, the supervisor") {
  // pam_systemd moves the service's processes into the login session's scope; systemd then
  // takes notifications only from the main PID. The supervisor is that PID and relays the
  // kiosk's READY=1/WATCHDOG=1 (see deploy/supervisor/). NotifyAccess=all would not help.
  std::string unit = read_file(source_dir() / "deploy/systemd/bianmin-kiosk.service");
  CHECK(unit.find("NotifyAccess=main\n") != std::string::npos);
  CHECK(unit.find("NotifyAccess=all") == std::string::npos);
  // No TTYPath=: logind would then demand a VT even where there is none (containers); the PAM
  // file picks seat0/VT 1 where the machine has VTs.
  CHECK(unit.find("TTYPath=") == std::string::npos);
  std::string pam = read_file(source_dir() / "deploy/pam/bianmin-kiosk");
  CHECK(pam.find("pam_systemd.so") != std::string::npos);
  CHECK(pam.find("/usr/share/bianmin/pam-seat0-vt1.conf") != std::string::npos);
  std::string script = read_file(source_dir() / "deploy/scripts/bianmin-kiosk-session");
  CHECK(script.find("exec \"$SUPERVISOR\"") != std::string::npos);
  // The reason a run ended reaches `journalctl -u`: printed from the service's own cgroup.
  CHECK(unit.find("ExecStopPost=+/usr/bin/setpriv --reuid=bianmin") != std::string::npos);
}

TEST_CASE("the hub does not restart in a loop on a config it refuses") {
  std::string unit = read_file(source_dir() / "deploy/systemd/bianmin-hub.service");
  CHECK(unit.find("RestartPreventExitStatus=2 78") != std::string::npos);
  CHECK(unit.find("ExecStartPre=") == std::string::npos);  // a failing ExecStartPre would loop
}

TEST_CASE("every unit file is installed by the packaging") {
  std::string cmake = read_file(source_dir() / "deploy/CMakeLists.txt");
  for (const auto& u : our_units())
    CHECK_MESSAGE(cmake.find("systemd/" + u.filename().string()) != std::string::npos, u);
}
