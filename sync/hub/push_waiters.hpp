// The hub's push channel (long-poll): a terminal asks `GET /api/wait/<channel>?version=N`
// and hears back as soon as the channel has a version above N ("version M is there", no
// content: the terminal then fetches and verifies the signed manifest as always), or after
// `wait` seconds with the version it already has.
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
  // now when `channel` is above `known`, else when it is or after `wait_s` seconds. Always
  // takes ownership of the socket (answers 503 and closes it when there is no room).
  void park(int sock, const std::string& address, const std::string& channel, int64_t known, int wait_s);
  // A new version is served: answers every waiter of `channel` below it.
  void publish(const std::string& channel, int64_t version);
  size_t waiting();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The answer a waiter gets: {"channel": ch, "version": v} as a complete HTTP/1.1 response.
std::string push_answer(const std::string& channel, int64_t version);

}  // namespace bianmin::hub
