// bianmin-kiosk-supervisor, the kiosk unit's main process: relays the kiosk's READY=1 and
// WATCHDOG=1 to systemd's notify socket (here a socket of the test's), ends cage and the kiosk
// on stop (exit 0) and on systemd's watchdog signal, and leaves the reason for ExecStopPost.
// cage and the kiosk are stand-in shell scripts; the kiosk speaks through systemd-notify.
// (The real thing, under a booted systemd with cage, is deploy.boot.)
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "support/test_support.hpp"

using namespace bianmin::test;
namespace fs = std::filesystem;

namespace {

struct Rig {
  TempDir dir{"supervisor"};
  int sd = -1;  // plays systemd's notify socket
  pid_t pid = -1;
  std::string received;

  Rig() {
    fs::create_directories(dir / "rt");
    sd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::string p = (dir / "sd.sock").string();
    std::memcpy(a.sun_path, p.c_str(), p.size() + 1);
    REQUIRE(::bind(sd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    // The stand-in kiosk: READY=1 once, then WATCHDOG=1 until stopped; notes its pid and env.
    write_file(
        dir / "kiosk",
        "#!/bin/sh\necho $$ > \"$1/kiosk.pid\"\necho \"WATCHDOG_PID=${WATCHDOG_PID:-unset}\" > \"$1/kiosk.env\"\n"
        "systemd-notify --ready\nwhile :; do systemd-notify WATCHDOG=1; sleep 0.2; done\n");
    // The stand-in cage: runs its client, says so, exits with the client's status.
    write_file(dir / "cage", "#!/bin/sh\necho \"cage: $*\"\n\"$@\" &\nwait $!\n");
    write_file(dir / "broken-cage", "#!/bin/sh\necho '[wlr] Cannot create XWayland server'\nexit 1\n");
    for (const char* f : {"kiosk", "cage", "broken-cage"}) fs::permissions(dir / f, fs::perms::owner_all);
  }
  ~Rig() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    ::close(sd);
  }

  void start(const std::string& cage) {
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      std::string notify = "NOTIFY_SOCKET=" + (dir / "sd.sock").string(),
                  rt = "RUNTIME_DIRECTORY=" + (dir / "rt").string();
      std::string pidenv = "WATCHDOG_PID=" + std::to_string(::getpid());
      std::string sup = (binary_dir() / "deploy/bianmin-kiosk-supervisor").string();
      std::string c = (dir / cage).string(), k = (dir / "kiosk").string(), d = dir.path().string();
      const char* env[] = {notify.c_str(),          rt.c_str(),           pidenv.c_str(),
                           "WATCHDOG_USEC=4000000", "PATH=/usr/bin:/bin", nullptr};
      ::execle(sup.c_str(), sup.c_str(), "--grace", "1", "--", c.c_str(), k.c_str(), d.c_str(), nullptr, env);
      _exit(127);
    }
  }

  // Collects what reached "systemd" until `want` is among it or the time is up.
  bool wait_for(const std::string& want, int ms = 8000) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (received.find(want) == std::string::npos && std::chrono::steady_clock::now() < end) {
      pollfd p{sd, POLLIN, 0};
      if (::poll(&p, 1, 100) > 0) {
        char buf[4096];
        ssize_t n = ::recv(sd, buf, sizeof buf, 0);
        if (n > 0) received.append(buf, static_cast<size_t>(n)).append("\n");
      }
    }
    return received.find(want) != std::string::npos;
  }

  int wait_exit(int ms = 10000) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    int status = 0;
    while (std::chrono::steady_clock::now() < end) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

  pid_t kiosk_pid() { return std::atoi(read_file(dir / "kiosk.pid").c_str()); }
};

}  // namespace

TEST_CASE("the kiosk's READY=1 and WATCHDOG=1 reach systemd through the supervisor; the kiosk owns the watchdog") {
  Rig rig;
  rig.start("cage");
  CHECK(rig.wait_for("READY=1"));
  CHECK(rig.wait_for("WATCHDOG=1"));
  CHECK(read_file(rig.dir / "kiosk.env") == "WATCHDOG_PID=unset\n");  // cage's pid would disable it
  ::kill(rig.pid, SIGTERM);
}

TEST_CASE("a requested stop ends the kiosk and cage and exits 0, whatever cage did") {
  Rig rig;
  rig.start("cage");
  REQUIRE(rig.wait_for("READY=1"));
  pid_t kiosk = rig.kiosk_pid();
  ::kill(rig.pid, SIGTERM);
  CHECK(rig.wait_exit() == 0);
  CHECK(rig.wait_for("STOPPING=1", 1000));
  CHECK(::kill(kiosk, 0) != 0);                       // nothing left behind
  CHECK_FALSE(fs::exists(rig.dir / "rt/last-exit"));  // nothing to report
}

TEST_CASE("systemd's watchdog signal kills a frozen kiosk at once and leaves the reason for ExecStopPost") {
  Rig rig;
  rig.start("cage");
  REQUIRE(rig.wait_for("READY=1"));
  pid_t kiosk = rig.kiosk_pid();
  ::kill(kiosk, SIGSTOP);
  ::kill(rig.pid, SIGABRT);  // WatchdogSignal=
  CHECK(rig.wait_exit() == 70);
  CHECK(::kill(kiosk, 0) != 0);
  auto report = run(
      {(binary_dir() / "deploy/bianmin-kiosk-supervisor").string(), "--report", (rig.dir / "rt/last-exit").string()});
  CHECK(report.output.find("the watchdog fired") != std::string::npos);
  CHECK_FALSE(fs::exists(rig.dir / "rt/last-exit"));  // printed once
}

TEST_CASE("cage failing at start: its status, and its last lines in the report") {
  Rig rig;
  rig.start("broken-cage");
  CHECK(rig.wait_exit() == 1);
  std::string report = read_file(rig.dir / "rt/last-exit");
  CHECK(report.find("cage exited with status 1 before the kiosk was up") != std::string::npos);
  CHECK(report.find("Cannot create XWayland server") != std::string::npos);
}
