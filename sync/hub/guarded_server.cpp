// GuardedServer (see guarded_server.hpp): httplib's per-connection loop with deadlines and a
// per-address cap.
#include "guarded_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace bianmin::hub {

namespace {

using Clock = std::chrono::steady_clock;

std::string address_of(const sockaddr_storage& ss, int* port) {
  char buf[INET6_ADDRSTRLEN] = "";
  if (ss.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    if (port) *port = ntohs(a->sin_port);
  } else if (ss.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    if (port) *port = ntohs(a->sin6_port);
  }
  return buf;
}

std::string peer_address(int sock, int* port = nullptr) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return {};
  return address_of(ss, port);
}

// One connection's socket for httplib: buffered reads that give up at a deadline, writes
// that give up after io_timeout without progress. Every wait is sliced so a stopping server
// frees its threads within a fraction of a second.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int sock, int io_timeout_s, const std::atomic<int>& server_sock)
      : sock_(sock), io_timeout_(std::chrono::seconds(io_timeout_s)), server_sock_(server_sock) {}

  void set_deadline(Clock::time_point d) { deadline_ = d; }
  bool buffered() const { return pos_ < len_; }
  // The request line and headers may take this many bytes (httplib itself limits each line,
  // not how many there are); the body is limited by its handler.
  void begin_headers(Clock::time_point deadline) {
    deadline_ = deadline;
    header_budget_ = 64 << 10;
  }
  void begin_body(Clock::time_point deadline) {
    deadline_ = deadline;
    header_budget_ = -1;
  }

  // Waits for `events`; reads also stop at the deadline.
  bool wait(short events, bool reading) const {
    auto until = Clock::now() + io_timeout_;
    if (reading) until = std::min(until, deadline_);
    for (;;) {
      if (server_sock_.load() == -1) return false;  // the server is stopping
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{sock_, events, 0};
      int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 250)));
      if (rc > 0) return true;
      if (rc < 0 && errno != EINTR) return false;
    }
  }

  bool is_readable() const override { return buffered() || wait(POLLIN, true); }
  bool is_writable() const override { return wait(POLLOUT, false); }

  ssize_t read(char* ptr, size_t size) override {
    if (size == 0) return 0;
    if (header_budget_ == 0) return -1;
    if (header_budget_ > 0) size = std::min(size, static_cast<size_t>(header_budget_));
    if (!buffered()) {
      pos_ = len_ = 0;
      for (;;) {
        if (!wait(POLLIN, true)) return -1;
        ssize_t n = ::recv(sock_, buf_, sizeof buf_, MSG_DONTWAIT);
        if (n > 0) {
          len_ = static_cast<size_t>(n);
          break;
        }
        if (n == 0) return 0;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
      }
    }
    size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buf_ + pos_, n);
    pos_ += n;
    if (header_budget_ > 0) header_budget_ -= static_cast<long>(n);
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (muted_) return static_cast<ssize_t>(size);  // detached: the new owner answers
    size_t done = 0;
    while (done < size) {
      if (!wait(POLLOUT, false)) return -1;
      ssize_t n = ::send(sock_, ptr + done, size - done, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0)
        done += static_cast<size_t>(n);
      else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        return -1;
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = peer_address(sock_, &port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&ss), &len) == 0) ip = address_of(ss, &port);
  }
  socket_t socket() const override { return sock_; }
  void mute() { muted_ = true; }

 private:
  bool muted_ = false;
  int sock_;
  Clock::duration io_timeout_;
  const std::atomic<int>& server_sock_;
  Clock::time_point deadline_ = Clock::now();
  char buf_[4096];
  size_t pos_ = 0, len_ = 0;
  long header_budget_ = -1;  // bytes the headers may still take; -1 = reading a body
};

// The connection the current worker thread serves (handlers run on it).
struct Connection {
  DeadlineStream* stream = nullptr;
  bool must_close = false;
  bool detached = false;  // the socket belongs to someone else now
};
thread_local Connection* t_conn = nullptr;

}  // namespace

GuardedServer::GuardedServer(ConnectionLimits limits, Guard guard) : limits_(limits), guard_(std::move(guard)) {
  int threads = std::max(2, limits_.max_connections);
  new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  set_read_timeout(limits_.io_timeout_s, 0);
  set_write_timeout(limits_.io_timeout_s, 0);
  set_keep_alive_timeout(limits_.idle_timeout_s);
  auto body_starts = [this] {
    if (t_conn && t_conn->stream)
      t_conn->stream->begin_body(Clock::now() + std::chrono::seconds(limits_.body_timeout_s));
  };
  set_pre_routing_handler([this, body_starts](const httplib::Request& req, httplib::Response& res) {
    body_starts();
    if (!guard_ || guard_(req, res)) return HandlerResponse::Unhandled;
    close_after_response(res);
    return HandlerResponse::Handled;
  });
  // curl asks before sending a large body: answer it from the guard, before any body byte.
  set_expect_100_continue_handler([this, body_starts](const httplib::Request& req, httplib::Response& res) {
    body_starts();
    if (!guard_ || guard_(req, res)) return 100;
    close_after_response(res);
    return res.status;
  });
}

void GuardedServer::close_after_response(httplib::Response& res) {
  if (t_conn) t_conn->must_close = true;
  if (!res.has_header("Connection")) res.set_header("Connection", "close");
}

void GuardedServer::set_backlog(int backlog) {
  int s = svr_sock_.load();
  if (s >= 0) ::listen(s, backlog);  // on a listening socket: changes its backlog only
}

int GuardedServer::detach() {
  if (!t_conn || !t_conn->stream || t_conn->detached) return -1;
  t_conn->detached = true;
  t_conn->stream->mute();
  return t_conn->stream->socket();
}

int GuardedServer::connections_from(const std::string& address) {
  std::lock_guard lock(mu_);
  auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

bool GuardedServer::admit(const std::string& address) {
  std::lock_guard lock(mu_);
  int& n = per_address_[address];
  if (n >= limits_.max_per_address) return false;
  ++n;
  return true;
}

void GuardedServer::leave(const std::string& address) {
  std::lock_guard lock(mu_);
  if (--per_address_[address] <= 0) per_address_.erase(address);
}

bool GuardedServer::process_and_close_socket(int sock) {
  std::string address = peer_address(sock);
  auto close_socket = [sock](bool linger) {
    if (linger) {
      // Let the answer reach a client that is still sending: stop writing, drain a little.
      ::shutdown(sock, SHUT_WR);
      char sink[4096];
      auto until = Clock::now() + std::chrono::milliseconds(200);
      size_t drained = 0;
      while (drained < (256u << 10) && Clock::now() < until) {
        pollfd p{sock, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        ssize_t n = ::recv(sock, sink, sizeof sink, MSG_DONTWAIT);
        if (n <= 0) break;
        drained += static_cast<size_t>(n);
      }
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  };
  if (!admit(address)) {
    static const char busy[] =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 5\r\nConnection: close\r\n\r\n";
    [[maybe_unused]] auto n = ::send(sock, busy, sizeof busy - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
    close_socket(false);
    return false;
  }
  DeadlineStream stream(sock, limits_.io_timeout_s, svr_sock_);
  Connection conn;
  conn.stream = &stream;
  t_conn = &conn;
  bool ok = true;
  auto header_deadline = [this] { return Clock::now() + std::chrono::seconds(limits_.header_timeout_s); };
  stream.begin_headers(header_deadline());
  size_t left = std::max<size_t>(1, keep_alive_max_count_);
  for (bool first = true; left > 0 && svr_sock_.load() != -1; first = false) {
    if (!first) {
      // Keep-alive: wait for the next request, then give it its own header deadline.
      stream.set_deadline(Clock::now() + std::chrono::seconds(limits_.idle_timeout_s));
      if (!stream.is_readable()) break;
      stream.begin_headers(header_deadline());
    }
    --left;
    bool closed = false;
    ok = process_request(stream, left == 0, closed, std::function<void(httplib::Request&)>());
    if (!ok || closed || conn.must_close || conn.detached) break;
  }
  t_conn = nullptr;
  if (!conn.detached) close_socket(conn.must_close);
  leave(address);
  return ok;
}

}  // namespace bianmin::hub
