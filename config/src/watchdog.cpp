// sd_notify through libsystemd. Without NOTIFY_SOCKET (not under systemd) these do nothing.
#include "bianmin/config/watchdog.hpp"

#include <systemd/sd-daemon.h>

#include <string>

namespace bianmin::config {

void notify_ready() { sd_notify(0, "READY=1"); }
void notify_stopping() { sd_notify(0, "STOPPING=1"); }
void notify_status(std::string_view text) { sd_notify(0, ("STATUS=" + std::string(text)).c_str()); }

Watchdog::Watchdog() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec);
}

void Watchdog::tick() {
  if (!enabled()) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ >= interval_ / 2) {
    sd_notify(0, "WATCHDOG=1");
    last_ = now;
  }
}

int Watchdog::max_sleep_ms() const {
  if (!enabled()) return 60'000;
  // Wake at a quarter of the interval so a ping is never late even on a busy machine.
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(interval_ / 4).count();
  return ms < 10 ? 10 : static_cast<int>(ms);
}

}  // namespace bianmin::config
