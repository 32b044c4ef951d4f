// The hub's long-poll waiters: see push_waiters.hpp.
#include "push_waiters.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace bianmin::hub {

namespace {
using Clock = std::chrono::steady_clock;

void send_and_close(int sock, const std::string& answer) {
  // The answer is a few hundred bytes into an idle socket's buffer: it does not block.
  if (!answer.empty()) [[maybe_unused]]
    auto n = ::send(sock, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}
}  // namespace

std::string push_answer(const std::string& channel, int64_t version, int64_t screenshot) {
  std::string body = "{\"channel\":\"" + channel + "\",\"version\":" + std::to_string(version) +
                     (screenshot > 0 ? ",\"screenshot\":" + std::to_string(screenshot) : std::string()) + "}";
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

class PushWaiters::Impl {
 public:
  explicit Impl(PushLimits l) : limits_(l) {
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
    thread_ = std::thread([this] { loop(); });
  }
  ~Impl() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake();
    thread_.join();
    for (auto& w : waiters_) send_and_close(w.sock, {});
    for (int fd : wake_)
      if (fd >= 0) ::close(fd);
  }

  void note(const std::string& ch, int64_t v) {
    std::lock_guard lock(mu_);
    int64_t& l = latest_[ch];
    l = std::max(l, v);
  }
  int64_t latest(const std::string& ch) {
    std::lock_guard lock(mu_);
    auto it = latest_.find(ch);
    return it == latest_.end() ? 0 : it->second;
  }
  bool has_room(const std::string& address) {
    std::lock_guard lock(mu_);
    return room(address);
  }
  void park(int sock, const std::string& address, const std::string& ch, int64_t known, int wait_s,
            const std::string& terminal, int64_t known_shot) {
    std::unique_lock lock(mu_);
    int64_t v = latest_[ch];
    const int64_t shot = new_shot(terminal, known_shot);
    if (v > known || shot > 0) {
      lock.unlock();
      return send_and_close(sock, push_answer(ch, v, shot));
    }
    if (!room(address)) {
      lock.unlock();
      return send_and_close(
          sock,
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 30\r\nConnection: close\r\n\r\n");
    }
    waiters_.push_back(
        {++next_id_, sock, address, ch, known, terminal, known_shot, Clock::now() + std::chrono::seconds(wait_s)});
    ++per_address_[address];
    lock.unlock();
    wake();  // the loop watches the new socket for a hang-up
  }
  void publish(const std::string& ch, int64_t version) {
    std::vector<std::pair<int, std::string>> due;
    {
      std::lock_guard lock(mu_);
      int64_t& l = latest_[ch];
      l = std::max(l, version);
      for (auto it = waiters_.begin(); it != waiters_.end();) {
        if (it->channel == ch && it->known < version) {
          due.emplace_back(it->sock, push_answer(ch, version, new_shot(it->terminal, it->known_shot)));
          drop(it);
        } else {
          ++it;
        }
      }
    }
    if (!due.empty()) wake();
    for (auto& [s, a] : due) send_and_close(s, a);
  }
  void ask_screenshot(const std::string& terminal, int64_t request) {
    if (terminal.empty()) return;
    std::vector<std::pair<int, std::string>> due;
    {
      std::lock_guard lock(mu_);
      int64_t& s = shots_[terminal];
      s = std::max(s, request);
      for (auto it = waiters_.begin(); it != waiters_.end();) {
        if (it->terminal == terminal && it->known_shot < s) {
          due.emplace_back(it->sock, push_answer(it->channel, latest_[it->channel], s));
          drop(it);
        } else {
          ++it;
        }
      }
    }
    if (!due.empty()) wake();
    for (auto& [s, a] : due) send_and_close(s, a);
  }
  void screenshot_answered(const std::string& terminal, int64_t request) {
    std::lock_guard lock(mu_);
    auto it = shots_.find(terminal);
    if (it != shots_.end() && it->second <= request) shots_.erase(it);
  }
  size_t waiting() {
    std::lock_guard lock(mu_);
    return waiters_.size();
  }

 private:
  struct Waiter {
    uint64_t id;  // a socket number is reused once closed: the loop names waiters by id
    int sock;
    std::string address, channel;
    int64_t known;
    std::string terminal;  // who waits, when it said (its token); "" = anonymous
    int64_t known_shot;    // the newest screenshot request it has heard of
    Clock::time_point deadline;
  };

  // The screenshot request to tell `terminal` of: one newer than it knows, else 0 (caller
  // holds mu_).
  int64_t new_shot(const std::string& terminal, int64_t known_shot) const {
    if (terminal.empty()) return 0;
    auto it = shots_.find(terminal);
    return it != shots_.end() && it->second > known_shot ? it->second : 0;
  }

  bool room(const std::string& address) const {
    if (static_cast<int>(waiters_.size()) >= limits_.max_waiting) return false;
    auto it = per_address_.find(address);
    return it == per_address_.end() || it->second < limits_.max_waiting_per_address;
  }
  // Removes *it (caller holds mu_ and owns the socket from now on); `it` moves to the next.
  void drop(std::vector<Waiter>::iterator& it) {
    if (--per_address_[it->address] <= 0) per_address_.erase(it->address);
    if (&*it != &waiters_.back()) *it = std::move(waiters_.back());
    waiters_.pop_back();
  }
  void wake() {
    if (wake_[1] >= 0) [[maybe_unused]]
      auto n = ::write(wake_[1], "x", 1);
  }

  // Watches every parked socket: a peer that hangs up (or sends anything: it is not waiting
  // for an answer any more) is closed; a waiter past its deadline hears the version it has.
  void loop() {
    std::vector<pollfd> fds;
    std::vector<uint64_t> ids;  // ids[i] is the waiter fds[i] watches (fds[0]: the wake pipe)
    for (;;) {
      std::vector<std::pair<int, std::string>> answers;
      {
        std::lock_guard lock(mu_);
        if (stop_) return;
        auto now = Clock::now();
        for (auto it = waiters_.begin(); it != waiters_.end();) {
          if (it->deadline <= now) {
            answers.emplace_back(
                it->sock, push_answer(it->channel, latest_[it->channel], new_shot(it->terminal, it->known_shot)));
            drop(it);
          } else {
            ++it;
          }
        }
        fds.clear();
        ids.clear();
        fds.push_back({wake_[0], POLLIN, 0});
        ids.push_back(0);
        for (const auto& w : waiters_) {
          fds.push_back({w.sock, POLLIN | POLLRDHUP, 0});
          ids.push_back(w.id);
        }
      }
      for (auto& [s, a] : answers) send_and_close(s, a);
      int rc = ::poll(fds.data(), fds.size(), 250);
      if (rc <= 0) continue;
      if (fds[0].revents) {
        char buf[256];
        while (::read(wake_[0], buf, sizeof buf) > 0) {
        }
      }
      std::vector<int> gone;
      {
        std::lock_guard lock(mu_);
        for (size_t i = 1; i < fds.size(); ++i) {
          if (!fds[i].revents) continue;
          for (auto it = waiters_.begin(); it != waiters_.end(); ++it)
            if (it->id == ids[i]) {
              gone.push_back(it->sock);
              drop(it);
              break;
            }
        }
      }
      for (int s : gone) send_and_close(s, {});
    }
  }

  PushLimits limits_;
  std::mutex mu_;
  bool stop_ = false;
  std::vector<Waiter> waiters_;
  uint64_t next_id_ = 0;
  std::map<std::string, int> per_address_;
  std::map<std::string, int64_t> latest_;
  std::map<std::string, int64_t> shots_;  // terminal → its newest screenshot request (one per terminal)
  int wake_[2] = {-1, -1};
  std::thread thread_;
};

PushWaiters::PushWaiters(PushLimits limits) : impl_(std::make_unique<Impl>(limits)) {}
PushWaiters::~PushWaiters() = default;
void PushWaiters::note(const std::string& ch, int64_t v) { impl_->note(ch, v); }
int64_t PushWaiters::latest(const std::string& ch) { return impl_->latest(ch); }
bool PushWaiters::has_room(const std::string& address) { return impl_->has_room(address); }
void PushWaiters::park(int sock, const std::string& address, const std::string& ch, int64_t known, int wait_s,
                       const std::string& terminal, int64_t known_shot) {
  impl_->park(sock, address, ch, known, wait_s, terminal, known_shot);
}
void PushWaiters::ask_screenshot(const std::string& terminal, int64_t request) {
  impl_->ask_screenshot(terminal, request);
}
void PushWaiters::screenshot_answered(const std::string& terminal, int64_t request) {
  impl_->screenshot_answered(terminal, request);
}
void PushWaiters::publish(const std::string& ch, int64_t version) { impl_->publish(ch, version); }
size_t PushWaiters::waiting() { return impl_->waiting(); }

}  // namespace bianmin::hub
