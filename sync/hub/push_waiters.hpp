// The hub's push channel (long-poll): a terminal asks `GET /api/wait/<channel>?version=N`
// and hears back as soon as the channel has a version above N ("version M is there", no
// content: the terminal then fetches and verifies the signed manifest as always), or after
// `wait` seconds with the version it already has. A terminal that names itself (its token) and
// the last screenshot request it heard of (`shot=K`) also hears at once of a newer request for
// its screen ("screenshot": id): staff asking on the console's terminals page need not wait for
// the agent's timer.
//
// A waiting terminal holds no worker thread: its socket is taken from the server
// (GuardedServer::detach) and parked here, where one thread watches every parked socket for
// its deadline and for the terminal hanging up. Parked sockets are bounded in total and per
// address; beyond that the request is answered at once (the terminal falls back to polling).
//
// Promises:
//  - publish(ch, v) answers every waiter of ch that knows less than v before it returns.
//  - A waiter parked after publish(ch, v) but knowing less than v is answered at once (the
//    newest version is noted under the same lock as the parking).
//  - ask_screenshot(t, id) answers every waiter of terminal t that knows of no request as new,
//    and a waiter of t parked afterwards knowing less is answered at once (same lock), until
//    screenshot_answered(t, id).
//  - Every parked socket is answered or closed by its deadline, when its peer hangs up, and
//    when the hub stops (terminals reconnect).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace bianmin::hub {

struct PushLimits {
  int max_waiting = 4096;             // parked sockets in all (each one file descriptor)
  int max_waiting_per_address = 512;  // from one IP address (a village NAT hides many terminals)
};

class PushWaiters {
 public:
  explicit PushWaiters(PushLimits limits = {});
  ~PushWaiters();  // closes every parked socket
  PushWaiters(const PushWaiters&) = delete;
  PushWaiters& operator=(const PushWaiters&) = delete;

  // Notes that `channel` is at `version` at least (e.g. read from its manifest).
  void note(const std::string& channel, int64_t version);
  // The newest version noted or published for `channel` (0 = none).
  int64_t latest(const std::string& channel);
  // Whether one more socket from `address` may be parked now.
  bool has_room(const std::string& address);
  // Takes `sock` (a connection whose request has been read and not answered): answers it
  // now when `channel` is above `known` (or `terminal`, when named, has a screenshot request
  // above `known_shot`), else when that comes or after `wait_s` seconds. Always takes
  // ownership of the socket (answers 503 and closes it when there is no room).
  void park(int sock, const std::string& address, const std::string& channel, int64_t known, int wait_s,
            const std::string& terminal = {}, int64_t known_shot = 0);
  // A new version is served: answers every waiter of `channel` below it.
  void publish(const std::string& channel, int64_t version);
  // Staff asked `terminal` for its screen (`request`: the hub's request id, increasing): answers
  // its waiters that know of no request as new.
  void ask_screenshot(const std::string& terminal, int64_t request);
  // The terminal answered `request`: no waiter of it hears of it any more (an agent restarted
  // since knows of no request, and must not be woken for one that is done).
  void screenshot_answered(const std::string& terminal, int64_t request);
  size_t waiting();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The answer a waiter gets: {"channel": ch, "version": v} (and "screenshot": id when a request
// for the terminal's screen is new to it) as a complete HTTP/1.1 response.
std::string push_answer(const std::string& channel, int64_t version, int64_t screenshot = 0);

}  // namespace bianmin::hub
