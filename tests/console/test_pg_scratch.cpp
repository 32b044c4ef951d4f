// The private PostgreSQL server of the tests and the bench (pg_scratch.hpp) never outlives its
// owner: a test that aborts, is killed, or stops on a sanitizer's report leaves no postmaster
// running and no /tmp/bianmin-pg-* directory. The owner here is a real child process, killed
// with SIGKILL (no destructor, no atexit, nothing of ours runs).
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "bianmin/base/process.hpp"
#include "pg_scratch.hpp"

using namespace bianmin;
using namespace bianmin::hub;
namespace fs = std::filesystem;

namespace {

// Processes whose command line mentions `text` (zombies have none and so do not count).
int processes_mentioning(const std::string& text) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream f(e.path() / "cmdline", std::ios::binary);
    std::string cmdline((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (cmdline.find(text) != std::string::npos) ++n;
  }
  return n;
}

// Whether process `pid` still runs (a zombie has finished running).
bool running(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

// Polls `done` every 100 ms for up to `seconds`.
template <class F>
bool within(int seconds, F done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

// What the child that owns the server reports: its directory, the server's pid and the pid
// of a program it started that outlives it, or why it failed.
struct Owner {
  pid_t pid = -1;
  std::string report;
};

Owner start_owner() {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  Owner owner;
  owner.pid = ::fork();
  REQUIRE(owner.pid >= 0);
  if (owner.pid == 0) {
    ::close(fds[0]);
    std::string out;
    auto pg = ScratchPostgres::start(false);
    if (!pg) {
      out = "failed: " + pg.error().message + "\n";
    } else {
      // A long-running program the owner started: it must not keep the watchdog from firing.
      auto sleeper = process::spawn({"/bin/sleep", "600"});
      out = (*pg)->dir().string() + " " + std::to_string((*pg)->server_pid()) + " " +
            std::to_string(sleeper ? *sleeper : -1) + "\n";
    }
    (void)!::write(fds[1], out.data(), out.size());
    for (;;) ::pause();  // until the parent's SIGKILL
  }
  ::close(fds[1]);
  pollfd p{fds[0], POLLIN, 0};
  char buf[4096];
  while (owner.report.find('\n') == std::string::npos && ::poll(&p, 1, 60000) > 0) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    owner.report.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  return owner;
}

}  // namespace

TEST_CASE("a scratch server whose owner is killed with SIGKILL stops and its directory goes") {
  Owner owner = start_owner();
  std::string dir;
  int server = 0, sleeper = 0;
  {
    std::istringstream in(owner.report);
    in >> dir >> server >> sleeper;
  }
  INFO("owner reported: " << owner.report);
  if (dir.rfind("/tmp/bianmin-pg-", 0) != 0) {
    ::kill(owner.pid, SIGKILL);
    process::wait(owner.pid);
    FAIL("the owner did not start a scratch server");
  }
  REQUIRE(server > 0);
  CHECK(sleeper > 0);
  CHECK(running(server));
  CHECK(processes_mentioning(dir + "/data") >= 1);  // the postmaster: postgres -D <dir>/data

  REQUIRE(::kill(owner.pid, SIGKILL) == 0);
  CHECK(process::wait(owner.pid) == -SIGKILL);

  const bool server_gone = within(30, [&] { return !running(server) && processes_mentioning(dir + "/data") == 0; });
  CHECK_MESSAGE(server_gone, "the postmaster of " << dir << " still runs 30 s after its owner died");
  CHECK_MESSAGE(within(10, [&] { return !fs::exists(dir); }), dir << " is still there after its owner died");
  // The owner's other program outlived it, and did not keep the server alive.
  if (sleeper > 0) {
    CHECK(running(sleeper));
    ::kill(sleeper, SIGKILL);
  }
  if (!server_gone && server > 0) ::kill(server, SIGQUIT);  // leave nothing behind even on failure
}

TEST_CASE("a scratch server's destructor stops it and removes its directory; its watchdog then leaves") {
  std::string dir;
  int server = 0;
  {
    auto pg = ScratchPostgres::start(false);
    REQUIRE_MESSAGE(pg.ok(), (pg.ok() ? std::string() : pg.error().message));
    dir = (*pg)->dir().string();
    server = (*pg)->server_pid();
    CHECK(running(server));
    CHECK(processes_mentioning("bianmin-pg-watchdog") >= 1);
  }
  CHECK_FALSE(fs::exists(dir));
  CHECK_FALSE(running(server));
  CHECK_MESSAGE(within(10, [&] { return processes_mentioning(dir) == 0; }),
                "a process for " << dir << " (the watchdog?) is still running after the destructor");
}
