// A cpp-httplib server that a slow or greedy client on the hall network cannot take over.
//
// cpp-httplib (0.11, Debian bookworm) gives each connection a worker thread and waits up to
// its read timeout for every byte: a client sending one header byte every few seconds holds
// a thread forever, and eight of them block every terminal. GuardedServer replaces the
// per-connection loop (httplib's own process_and_close_socket) with one that promises:
//  - the request line and headers arrive within `header_timeout_s` in total;
//  - a body arrives within `body_timeout_s` in total, counted from the end of the headers;
//  - no single read or write waits longer than `io_timeout_s`;
//  - at most `max_per_address` connections from one IP address are served at once; more are
//    answered 503 and closed at once, without reading anything;
//  - `max_connections` worker threads (the rest queue until a thread is free; every thread is
//    freed within the timeouts above).
// The guard handler runs after the headers and before any body byte is read (also before
// "100 Continue" is sent): it checks who is asking and how much they send, and may answer at
// once; a request answered there has its connection closed, its body never read.
#pragma once
#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace bianmin::hub {

struct ConnectionLimits {
  int header_timeout_s = 10;  // request line + headers, in total
  int body_timeout_s = 600;   // one request's body, in total
  int io_timeout_s = 30;      // any single wait for the network
  int idle_timeout_s = 5;     // keep-alive: wait this long for the next request
  int max_per_address = 8;    // connections served at once from one IP address
  int max_connections = 64;   // worker threads
};

class GuardedServer : public httplib::Server {
 public:
  // Returns true to let the request through; false when it answered `res` itself.
  using Guard = std::function<bool(const httplib::Request&, httplib::Response&)>;

  GuardedServer(ConnectionLimits limits, Guard guard);

  // From a handler: close the connection after this response (e.g. a body left unread).
  static void close_after_response(httplib::Response& res);
  // From a handler: takes this connection's socket away from the server (a long-poll parks
  // it, push_waiters.hpp) and frees the worker thread. Whatever response the handler leaves
  // is not sent; the caller answers and closes the socket. -1 outside a served connection.
  static int detach();
  // After binding: lets the kernel queue up to `backlog` connections not yet accepted
  // (cpp-httplib listens with 5: hundreds of terminals reconnecting at once after a restart,
  // or opening long-polls, would see their SYNs dropped and retried a second later).
  void set_backlog(int backlog);
  // Connections open now from `address` (tests, logs).
  int connections_from(const std::string& address);
  // Serves one connected socket to its end, then closes it: the loop every connection gets,
  // without the listening socket (the fuzz targets feed requests through a socketpair). The
  // server must be bound (bind_to_any_port) or it treats itself as stopping.
  bool serve_connection(int sock) { return process_and_close_socket(sock); }

 private:
  bool process_and_close_socket(int sock) override;
  bool admit(const std::string& address);
  void leave(const std::string& address);

  ConnectionLimits limits_;
  Guard guard_;
  std::mutex mu_;
  std::map<std::string, int> per_address_;
};

}  // namespace bianmin::hub
