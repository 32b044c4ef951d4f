// systemd readiness and watchdog notifications (sd_notify), for programs run by our units.
//
// bianmin-kiosk.service has Type=notify and WatchdogSec=; the kiosk calls notify_ready() once
// its first frame is on screen and Watchdog::tick() from its frame loop. A kiosk that redraws
// only on change must still wake up: sleep at most Watchdog::max_sleep_ms() between frames.
// Outside systemd (tests, desktop) every call is a cheap no-op.
#pragma once
#include <chrono>
#include <string_view>

namespace bianmin::config {

void notify_ready();                        // READY=1
void notify_status(std::string_view text);  // STATUS=<text>, shown by `systemctl status`
void notify_stopping();                     // STOPPING=1

class Watchdog {
 public:
  Watchdog();  // reads WATCHDOG_USEC/WATCHDOG_PID via libsystemd
  bool enabled() const { return interval_.count() > 0; }
  // Sends WATCHDOG=1 when half the interval has passed since the last ping. Call every frame.
  void tick();
  // How long the frame loop may sleep without missing a ping (a large value when disabled).
  int max_sleep_ms() const;

 private:
  std::chrono::microseconds interval_{0};
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace bianmin::config
