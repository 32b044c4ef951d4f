// The sd_notify helper: outside systemd it is disabled and harmless; under a watchdog it
// pings a real notify socket at half the interval.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "bianmin/config/watchdog.hpp"
#include "support/test_support.hpp"

using namespace bianmin::config;

TEST_CASE("without systemd the watchdog is off and the loop may sleep long") {
  unsetenv("WATCHDOG_USEC");
  unsetenv("NOTIFY_SOCKET");
  Watchdog w;
  CHECK_FALSE(w.enabled());
  CHECK(w.max_sleep_ms() >= 1000);
  w.tick();
  notify_ready();
}

TEST_CASE("under a watchdog, tick sends WATCHDOG=1 to the notify socket") {
  bianmin::test::TempDir dir;
  std::string path = (dir / "notify").string();
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  setenv("WATCHDOG_USEC", "20000000", 1);
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);

  Watchdog w;
  CHECK(w.enabled());
  CHECK(w.max_sleep_ms() == 5000);
  w.tick();
  char buf[64] = {};
  ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
  CHECK(std::string(buf, n > 0 ? n : 0) == "WATCHDOG=1");
  notify_ready();
  n = recv(fd, buf, sizeof buf - 1, 0);
  CHECK(std::string(buf, n > 0 ? n : 0) == "READY=1");
  close(fd);
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
}
