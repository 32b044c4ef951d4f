// Under systemd the kiosk says READY=1 once its first frame is up and keeps feeding the
// watchdog from its frame loop even when nothing on screen changes (deploy's unit has
// Type=notify and WatchdogSec=). A real kiosk process, a real notification socket.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "kiosk_test_support.hpp"

using namespace bianmin::test;

TEST_CASE("the interactive kiosk notifies READY=1 and pings the watchdog while idle") {
  TempDir dir("bianmin-watchdog");
  auto cache = dir.path() / "content.db";
  write_kiosk_cache(cache);
  const std::string sock_path = (dir.path() / "notify.sock").string();

  int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(sock >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(sock_path.size() < sizeof(addr.sun_path));
  std::strcpy(addr.sun_path, sock_path.c_str());
  REQUIRE(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  timeval tv{1, 0};
  setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

  const std::string binary = kiosk_binary().string();
  const std::string state = (dir.path() / "state").string();
  const std::string cache_s = cache.string();
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    setenv("NOTIFY_SOCKET", sock_path.c_str(), 1);
    setenv("WATCHDOG_USEC", "400000", 1);  // ping at least every 200 ms
    unsetenv("WATCHDOG_PID");
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    execl(binary.c_str(), binary.c_str(), "--content", cache_s.c_str(), "--state-dir", state.c_str(), "--size",
          "1280x800", static_cast<char*>(nullptr));
    _exit(127);
  }

  bool ready = false;
  int pings_after_ready = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && pings_after_ready < 5) {
    char buf[256];
    ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    if (n <= 0) continue;
    std::string msg(buf, static_cast<size_t>(n));
    if (msg.find("READY=1") != std::string::npos) ready = true;
    if (ready && msg.find("WATCHDOG=1") != std::string::npos) ++pings_after_ready;
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(sock);
  CHECK(ready);
  // Five pings while the home screen sits unchanged: the loop wakes up for the watchdog.
  CHECK(pings_after_ready >= 5);
}
