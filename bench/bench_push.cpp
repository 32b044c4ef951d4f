// bianmin-bench push [--terminals N] [--rounds R] [--timeout-s S] [--mosquitto PATH]
//
// The push channel both ways issue 18 named, measured in one run on this machine with the real
// parts ("long-poll on the hub, or Debian's mosquitto broker: choose and measure"):
//  - long-poll: this build's bianmin-hub on 127.0.0.1 (hub_fixture.hpp); N simulated terminals
//    (default 500) each hold GET /api/wait/bench?version=V, from 127.0.0.2-201 as village NATs;
//    a new signed version is pushed (its files, then the manifest PUT: the push).
//  - MQTT: Debian's mosquitto, started here in a private temporary directory with its own config
//    (listener 127.0.0.1:PORT, anonymous, no persistence, its log in that directory); N
//    libmosquitto subscribers (clean session, QoS 1) on bianmin/bench/version, one publisher
//    sending "version V" (QoS 1, not retained): the notice only, as the hub's long-poll answer is.
// Each terminal's time from the push (the manifest PUT's start; the publish call) until it has
// the notice, over R rounds (default 3): p50, p99, max; each server's resident size idle and
// with the N terminals waiting. Both sides are driven alike: one thread polls all N sockets.
// Fails (exit 1) when any terminal does not hear a push within S seconds (default 10).
// Bounded: N x R notices, loopback only; the hub and the broker are stopped and the directory
// removed at the end, also on failure.
#include <arpa/inet.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "hub_fixture.hpp"
#include "bianmin/base/process.hpp"

namespace {
namespace fs = std::filesystem;
using namespace bianmin;
using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// One side's figures.
struct Side {
  std::vector<double> heard_ms;   // each terminal's time from the push to the notice, every round
  std::vector<double> spread_ms;  // the same from the round's first notice: the fan-out alone
  int missed = 0;                 // notices not heard within the timeout
  double rss_idle_mb = 0;         // the server before any terminal waits
  double rss_waiting_mb = 0;      // the server with the N terminals waiting (largest over the rounds)
  double push_ms = 0;             // long-poll: the manifest PUT's answer (the hub's checks), mean
  std::string error;              // what stopped the side early
};

// Reads the long-poll answers on `socks` until every one holds "version":V or the deadline
// passes; the time each was complete, or Clock::time_point{} for none.
std::vector<Clock::time_point> read_answers(const std::vector<int>& socks, int64_t version,
                                            Clock::time_point deadline) {
  std::vector<pollfd> fds;
  for (int s : socks) fds.push_back({s, POLLIN, 0});
  std::vector<std::string> got(fds.size());
  std::vector<Clock::time_point> at(fds.size());
  const std::string want = "\"version\":" + std::to_string(version);
  size_t open = fds.size();
  while (open > 0 && Clock::now() < deadline) {
    if (::poll(fds.data(), fds.size(), 50) <= 0) continue;
    const auto now = Clock::now();
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !fds[i].revents) continue;
      char buf[1024];
      ssize_t k = ::recv(fds[i].fd, buf, sizeof buf, 0);
      if (k > 0) got[i].append(buf, static_cast<size_t>(k));
      if (at[i] == Clock::time_point{} && got[i].find(want) != std::string::npos) at[i] = now;
      if (k <= 0 || at[i] != Clock::time_point{}) {
        fds[i].fd = -1;  // heard, or hung up without it
        --open;
      }
    }
  }
  return at;
}

// Each notice's time after the round's first (the server's fan-out to N terminals, whatever it
// did before sending the first).
void add_spread(Side& side, const std::vector<Clock::time_point>& at) {
  Clock::time_point first = Clock::time_point::max();
  for (auto t : at)
    if (t != Clock::time_point{}) first = std::min(first, t);
  for (auto t : at)
    if (t != Clock::time_point{}) side.spread_ms.push_back(ms_between(first, t));
}

Side measure_longpoll(const fs::path& dir, int n, int rounds, int timeout_s) {
  Side side;
  const auto key = sync::generate_keypair();
  auto started = bench::ScratchHub::start(dir, key);
  if (!started) {
    side.error = started.error().message;
    return side;
  }
  const auto hub = std::move(*started);
  httplib::Client c("127.0.0.1", hub->port());
  c.set_tcp_nodelay(true);
  const fs::path channel = dir / "channel";
  auto current = bench::add_bench_version(dir, key, "v1");
  if (!current || !bench::push_version(c, channel, *current, nullptr, side.error)) {
    if (side.error.empty()) side.error = "cannot build version 1";
    return side;
  }
  side.rss_idle_mb = bench::rss_mb(hub->pid());
  for (int round = 0; round < rounds && side.error.empty(); ++round) {
    auto next = bench::add_bench_version(dir, key, "v" + std::to_string(round + 2));
    if (!next) {
      side.error = "cannot build a version";
      break;
    }
    std::vector<int> socks;
    for (int i = 0; i < n; ++i) {
      int s = bench::open_wait(hub->port(), i, current->version);
      if (s < 0) break;
      socks.push_back(s);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the last requests parked
    // A terminal answered already was not parked (the hub full): it would not hear a push.
    std::vector<pollfd> early;
    for (int s : socks) early.push_back({s, POLLIN, 0});
    const int answered = early.empty() ? 0 : ::poll(early.data(), early.size(), 0);
    if (static_cast<int>(socks.size()) != n || answered != 0)
      side.error = std::to_string(socks.size()) + " of " + std::to_string(n) + " terminals connected, " +
                   std::to_string(answered) + " answered before the push";
    side.rss_waiting_mb = std::max(side.rss_waiting_mb, bench::rss_mb(hub->pid()));
    if (side.error.empty()) {
      // The push runs beside the reading, as the staff's upload and the terminals are apart.
      double put_s = 0;
      Clock::time_point put_end;
      bool pushed = false;
      std::string push_error;
      const auto deadline = Clock::now() + std::chrono::seconds(timeout_s);
      std::thread pusher([&] {
        pushed = bench::push_version(c, channel, *next, &put_s, push_error);
        put_end = Clock::now();
      });
      auto at = read_answers(socks, next->version, deadline);
      pusher.join();
      const auto t0 = put_end - std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(put_s));
      if (!pushed) side.error = push_error;
      side.push_ms += put_s * 1000.0 / rounds;
      for (auto t : at)
        if (t == Clock::time_point{})
          ++side.missed;
        else
          side.heard_ms.push_back(ms_between(t0, t));
      add_spread(side, at);
    }
    for (int s : socks) ::close(s);
    current = next;
  }
  return side;
}

// [SECTION] MQTT: Debian's mosquitto and libmosquitto clients

// Debian's broker, running in `dir` on a loopback port; stopped (SIGTERM, reaped) by the
// destructor.
class Broker {
 public:
  static Result<std::unique_ptr<Broker>> start(const fs::path& dir, const std::string& binary);
  // SIGTERM (and SIGCONT, should it be stopped), SIGKILL after 5 s; reaped.
  ~Broker() {
    if (pid_ <= 0) return;  // never kill(-1): that is every process we may signal
    kill(pid_, SIGTERM);
    kill(pid_, SIGCONT);
    for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid_, SIGKILL);
    process::wait(pid_);
  }
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;
  pid_t pid() const { return pid_; }
  int port() const { return port_; }

 private:
  Broker(pid_t pid, int port) : pid_(pid), port_(port) {}
  pid_t pid_;
  int port_;
};

// A loopback port free now (the broker cannot take an ephemeral one and tell us).
int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

bool accepts(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

Result<std::unique_ptr<Broker>> Broker::start(const fs::path& dir, const std::string& binary) {
  if (!fs::exists(binary))
    return Result<std::unique_ptr<Broker>>::fail(binary + " not installed (deploy/install-deps.sh: mosquitto)");
  std::string last = "no free port";
  for (int attempt = 0; attempt < 3; ++attempt) {  // another process may take the port first
    const int port = free_port();
    if (port == 0) continue;
    const fs::path conf = dir / "mosquitto.conf";
    {
      std::ofstream f(conf);
      f << "# bianmin-bench push: a private broker on loopback; nothing kept, nothing to syslog\n"
        << "listener " << port << " 127.0.0.1\n"
        << "allow_anonymous true\n"
        << "persistence false\n"
        << "log_dest file " << (dir / "mosquitto.log").string() << "\n"
        << "log_type error\nlog_type warning\nconnection_messages false\n";
      // As root mosquitto switches to the user "mosquitto", who may not enter this directory.
      if (geteuid() == 0)
        if (const passwd* pw = getpwuid(0)) f << "user " << pw->pw_name << "\n";
    }
    auto pid = process::spawn({binary, "-c", conf.string()}, dir / "mosquitto.out");
    if (!pid) return Result<std::unique_ptr<Broker>>::fail(pid.error().message);
    std::unique_ptr<Broker> b(new Broker(*pid, port));
    for (int i = 0; i < 100; ++i) {
      if (accepts(port)) return b;
      int status = 0;
      if (::waitpid(*pid, &status, WNOHANG) == *pid) {
        b->pid_ = -1;  // gone already: nothing to stop
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream out(dir / "mosquitto.out");
    std::getline(out, last);
    last = "mosquitto did not start: " + last;
  }
  return Result<std::unique_ptr<Broker>>::fail(last);
}

// One libmosquitto client and what it heard; the callbacks' userdata.
struct Client {
  struct Swarm* swarm = nullptr;
  mosquitto* mosq = nullptr;
  bool publisher = false;
  bool connected = false, subscribed = false, lost = false;
  int64_t heard_version = 0;
  Clock::time_point heard_at{};
};

constexpr const char* kTopic = "bianmin/bench/version";

// N subscribers and a publisher, driven from this thread: one poll() over their sockets,
// mosquitto_loop_read/_write on the ready ones, mosquitto_loop_misc (keepalive) each second.
struct Swarm {
  std::vector<std::unique_ptr<Client>> clients;  // subscribers, then the publisher
  std::string expected;                          // the payload of the current push
  int64_t expected_version = 0;
  std::vector<pollfd> fds;
  Clock::time_point last_misc = Clock::now();

  ~Swarm() {
    for (auto& c : clients)
      if (c->mosq) mosquitto_destroy(c->mosq);
  }

  static void on_connect(mosquitto* m, void* obj, int rc) {
    auto* c = static_cast<Client*>(obj);
    c->connected = rc == 0;
    if (c->connected && !c->publisher && mosquitto_subscribe(m, nullptr, kTopic, 1) != MOSQ_ERR_SUCCESS) c->lost = true;
  }
  static void on_subscribe(mosquitto*, void* obj, int, int count, const int* granted) {
    static_cast<Client*>(obj)->subscribed = count == 1 && granted[0] == 1;
  }
  static void on_message(mosquitto*, void* obj, const mosquitto_message* msg) {
    auto* c = static_cast<Client*>(obj);
    const std::string payload(static_cast<const char*>(msg->payload), static_cast<size_t>(msg->payloadlen));
    if (payload == c->swarm->expected && c->heard_version != c->swarm->expected_version) {
      c->heard_version = c->swarm->expected_version;
      c->heard_at = Clock::now();
    }
  }
  static void on_disconnect(mosquitto*, void* obj, int) { static_cast<Client*>(obj)->lost = true; }

  // Client i (the publisher when `publisher`), connected from 127.0.0.<2 + i % 200> as the
  // long-poll's terminals are; false when it cannot connect.
  bool add(int port, int i, bool publisher) {
    auto c = std::make_unique<Client>();
    c->swarm = this;
    c->publisher = publisher;
    const std::string id = publisher ? "bench-publisher" : "bench-terminal-" + std::to_string(i);
    c->mosq = mosquitto_new(id.c_str(), true, c.get());
    if (!c->mosq) return false;
    mosquitto_connect_callback_set(c->mosq, on_connect);
    mosquitto_subscribe_callback_set(c->mosq, on_subscribe);
    mosquitto_message_callback_set(c->mosq, on_message);
    mosquitto_disconnect_callback_set(c->mosq, on_disconnect);
    const std::string self = "127.0.0." + std::to_string(2 + i % 200);
    const bool ok = mosquitto_connect_bind(c->mosq, "127.0.0.1", port, 60, self.c_str()) == MOSQ_ERR_SUCCESS;
    clients.push_back(std::move(c));
    return ok;
  }

  // Waits up to timeout_ms for any socket, then serves the ready ones.
  void pump(int timeout_ms) {
    fds.clear();
    for (auto& c : clients) {
      const int fd = mosquitto_socket(c->mosq);
      fds.push_back({fd, static_cast<short>(POLLIN | (mosquitto_want_write(c->mosq) ? POLLOUT : 0)), 0});
    }
    if (::poll(fds.data(), fds.size(), timeout_ms) > 0)
      for (size_t i = 0; i < fds.size(); ++i) {
        if (fds[i].fd < 0 || !fds[i].revents) continue;
        if (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) mosquitto_loop_read(clients[i]->mosq, 1);
        if (fds[i].revents & POLLOUT) mosquitto_loop_write(clients[i]->mosq, 1);
      }
    if (Clock::now() - last_misc > std::chrono::seconds(1)) {
      for (auto& c : clients) mosquitto_loop_misc(c->mosq);
      last_misc = Clock::now();
    }
  }

  // Pumps until `done` or the deadline; whether `done`.
  template <typename Done>
  bool pump_until(Done done, Clock::time_point deadline) {
    while (!done()) {
      if (Clock::now() >= deadline) return false;
      pump(20);
    }
    return true;
  }

  size_t count(bool Client::*flag) const {
    return static_cast<size_t>(std::count_if(clients.begin(), clients.end(), [&](auto& c) { return (*c).*flag; }));
  }
};

Side measure_mqtt(const fs::path& dir, const std::string& binary, int n, int rounds, int timeout_s) {
  Side side;
  auto started = Broker::start(dir, binary);
  if (!started) {
    side.error = started.error().message;
    return side;
  }
  const auto broker = std::move(*started);
  side.rss_idle_mb = bench::rss_mb(broker->pid());
  Swarm swarm;
  // Terminals subscribe one after the other, as they come up; the broker's listen backlog is
  // small, so its answers are taken in between.
  const auto setup_deadline = Clock::now() + std::chrono::seconds(30 + n / 50);
  for (int i = 0; i < n && side.error.empty(); ++i) {
    if (!swarm.add(broker->port(), i, false)) side.error = "terminal " + std::to_string(i) + " cannot connect";
    if (i % 20 == 19) swarm.pump(0);
  }
  const bool subscribed =
      side.error.empty() &&
      swarm.pump_until([&] { return swarm.count(&Client::subscribed) == swarm.clients.size(); }, setup_deadline);
  if (side.error.empty() && !subscribed)
    side.error =
        std::to_string(swarm.count(&Client::subscribed)) + " of " + std::to_string(n) + " terminals subscribed";
  if (side.error.empty() && !swarm.add(broker->port(), 0, true)) side.error = "the publisher cannot connect";
  Client* pub = side.error.empty() ? swarm.clients.back().get() : nullptr;
  if (pub && !swarm.pump_until([&] { return pub->connected; }, setup_deadline))
    side.error = "the publisher never connected";
  for (int round = 0; round < rounds && side.error.empty(); ++round) {
    swarm.pump_until([] { return false; }, Clock::now() + std::chrono::milliseconds(500));  // settled, as long-poll's
    side.rss_waiting_mb = std::max(side.rss_waiting_mb, bench::rss_mb(broker->pid()));
    swarm.expected_version = round + 2;
    swarm.expected = "version " + std::to_string(swarm.expected_version);
    const auto t0 = Clock::now();
    if (mosquitto_publish(pub->mosq, nullptr, kTopic, static_cast<int>(swarm.expected.size()), swarm.expected.data(), 1,
                          false) != MOSQ_ERR_SUCCESS) {
      side.error = "publish refused";
      break;
    }
    auto heard_all = [&] {
      for (size_t i = 0; i + 1 < swarm.clients.size(); ++i)
        if (swarm.clients[i]->heard_version != swarm.expected_version) return false;
      return true;
    };
    swarm.pump_until(heard_all, t0 + std::chrono::seconds(timeout_s));
    std::vector<Clock::time_point> at;
    for (size_t i = 0; i + 1 < swarm.clients.size(); ++i)
      if (swarm.clients[i]->heard_version == swarm.expected_version) {
        at.push_back(swarm.clients[i]->heard_at);
        side.heard_ms.push_back(ms_between(t0, at.back()));
      } else
        ++side.missed;
    add_spread(side, at);
  }
  if (side.error.empty() && swarm.count(&Client::lost) > 0)
    side.error = std::to_string(swarm.count(&Client::lost)) + " MQTT clients lost their connection";
  for (auto& c : swarm.clients)
    if (c->connected) mosquitto_disconnect(c->mosq);
  return side;
}

std::string broker_version(const std::string& binary) {
  auto out = process::run({binary, "-h"});
  if (!out) return "?";
  const auto at = out->text.find("version ");
  return at == std::string::npos ? "?" : out->text.substr(at + 8, out->text.find_first_of(" \n", at + 8) - at - 8);
}

int run(const std::vector<std::string>& args) {
  const int n = std::clamp(std::atoi(bench::option(args, "--terminals", "500").c_str()), 1, 4000);
  const int rounds = std::clamp(std::atoi(bench::option(args, "--rounds", "3").c_str()), 1, 100);
  const int timeout_s = std::clamp(std::atoi(bench::option(args, "--timeout-s", "10").c_str()), 1, 120);
  const std::string binary = bench::option(args, "--mosquitto", "/usr/sbin/mosquitto");
  // N sockets here at a time: take the hard limit (the broker, started from here, inherits it).
  rlimit nofile{};
  if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);
  }
  char tmpl[] = "/tmp/bianmin-bench-push-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  struct RemoveDir {
    fs::path dir;
    ~RemoveDir() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } scratch{tmpl};  // after the hub and the broker are stopped (they live inside the measure_*)
  fs::create_directories(scratch.dir / "hub");
  fs::create_directories(scratch.dir / "mqtt");
  mosquitto_lib_init();
  const Side lp = measure_longpoll(scratch.dir / "hub", n, rounds, timeout_s);
  const Side mq = measure_mqtt(scratch.dir / "mqtt", binary, n, rounds, timeout_s);
  mosquitto_lib_cleanup();

  int lib_major = 0, lib_minor = 0, lib_rev = 0;
  mosquitto_lib_version(&lib_major, &lib_minor, &lib_rev);
  std::printf("push_compare: %d terminals, %d rounds, timeout %d s; mosquitto %s, libmosquitto %d.%d.%d\n", n, rounds,
              timeout_s, broker_version(binary).c_str(), lib_major, lib_minor, lib_rev);
  const std::pair<const char*, const Side*> sides[] = {{"longpoll", &lp}, {"mqtt", &mq}};
  for (const auto& [name, s] : sides) {
    const std::string p = name;
    bench::figure(p + "_heard", static_cast<double>(s->heard_ms.size()), "notices");
    bench::figure(p + "_missed", s->missed, "notices");
    bench::figure(p + "_p50_ms", bench::percentile(s->heard_ms, 50), "ms");
    bench::figure(p + "_p99_ms", bench::percentile(s->heard_ms, 99), "ms");
    bench::figure(p + "_max_ms", bench::percentile(s->heard_ms, 100), "ms");
    bench::figure(p + "_fanout_p99_ms", bench::percentile(s->spread_ms, 99), "ms");
    bench::figure(p + "_fanout_max_ms", bench::percentile(s->spread_ms, 100), "ms");
    bench::figure(p + "_server_rss_idle_mb", s->rss_idle_mb, "MB");
    bench::figure(p + "_server_rss_waiting_mb", s->rss_waiting_mb, "MB");
  }
  // The hub accepting the manifest (signature, files synced to disk) is inside long-poll's times;
  // a hub publishing to MQTT would publish after the same acceptance.
  bench::figure("longpoll_manifest_put_ms", lp.push_ms, "ms");
  const int expected = n * rounds;
  auto row = [](const char* label, double a, double b) { std::printf("  %-30s %18.1f %18.1f\n", label, a, b); };
  std::printf("  %-30s %18s %18s\n", "", "long-poll (hub)", "MQTT (mosquitto)");
  std::printf("  %-30s %12zu / %-5d %12zu / %-5d\n", "heard within the timeout", lp.heard_ms.size(), expected,
              mq.heard_ms.size(), expected);
  row("p50 ms from the push", bench::percentile(lp.heard_ms, 50), bench::percentile(mq.heard_ms, 50));
  row("p99 ms", bench::percentile(lp.heard_ms, 99), bench::percentile(mq.heard_ms, 99));
  row("max ms", bench::percentile(lp.heard_ms, 100), bench::percentile(mq.heard_ms, 100));
  std::printf("  %-30s %18.1f\n", "  the hub's manifest PUT, ms", lp.push_ms);
  row("fan-out p99 ms (after 1st)", bench::percentile(lp.spread_ms, 99), bench::percentile(mq.spread_ms, 99));
  row("fan-out max ms", bench::percentile(lp.spread_ms, 100), bench::percentile(mq.spread_ms, 100));
  row("server RSS idle MB", lp.rss_idle_mb, mq.rss_idle_mb);
  row(("server RSS, " + std::to_string(n) + " waiting MB").c_str(), lp.rss_waiting_mb, mq.rss_waiting_mb);
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  std::printf(
      "ratio long-poll / MQTT: p50 %.2fx, p99 %.2fx, max %.2fx (fan-out p99 %.2fx), server RSS with %d "
      "waiting %.2fx\n",
      ratio(bench::percentile(lp.heard_ms, 50), bench::percentile(mq.heard_ms, 50)),
      ratio(bench::percentile(lp.heard_ms, 99), bench::percentile(mq.heard_ms, 99)),
      ratio(bench::percentile(lp.heard_ms, 100), bench::percentile(mq.heard_ms, 100)),
      ratio(bench::percentile(lp.spread_ms, 99), bench::percentile(mq.spread_ms, 99)), n,
      ratio(lp.rss_waiting_mb, mq.rss_waiting_mb));
  bool ok = true;
  for (const auto& [name, s] : sides) {
    if (!s->error.empty()) std::fprintf(stderr, "bianmin-bench push: %s: %s\n", name, s->error.c_str());
    if (s->missed > 0)
      std::fprintf(stderr, "bianmin-bench push: %s: %d notices not heard within %d s\n", name, s->missed, timeout_s);
    ok = ok && s->error.empty() && s->missed == 0 && static_cast<int>(s->heard_ms.size()) == expected;
  }
  return ok ? 0 : 1;
}

BIANMIN_BENCH("push", "the push channel: the hub's long-poll against Debian's mosquitto (MQTT), N terminals", run);
}  // namespace
