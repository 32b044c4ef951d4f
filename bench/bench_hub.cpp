// bianmin-bench hub [--engine sqlite|postgresql] [--terminals N] [--rounds R] [--concurrency C] [--events E]
//
// A county hub under its terminals' routine traffic: a real bianmin-hub (this build's, its
// store in a temporary directory: SQLite, or with --engine postgresql a private PostgreSQL
// server started there, pg_scratch.hpp) on 127.0.0.1, N simulated terminals (default 2,000) enrolled
// over the wire protocol, then R rounds (default 3) in which every terminal sends a heartbeat
// and uploads an outbox batch of E events (default 5: views, a search, a rating), from C client
// threads (default 6, under the hub's per-address connection limit). Bounded: N x R x 2
// requests, loopback only. Figures: requests/s, p50 and p99 latency per request, and the hub's
// resident size (VmRSS) at the end (with PostgreSQL, its server and backends apart, by PSS).
//
// --push P (default 500; 0 = skip): the push channel. P simulated terminals (each from its own
// loopback address 127.0.0.x, a few per address) hold a long-poll (GET /api/wait/<channel>) on
// a signed channel at version 1; a new signed version is pushed (files, then the manifest);
// figures: from the manifest's PUT until every terminal heard "version 2" (push_notified_s)
// and until every terminal has fetched the new manifest (push_all_current_s; target < 10 s).
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "hub_fixture.hpp"
#include "pg_scratch.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"
#include "bianmin/sync/wire.hpp"

namespace {
namespace fs = std::filesystem;
using namespace bianmin;
using Clock = std::chrono::steady_clock;

// PostgreSQL's server and its backends together, by proportional set size (shared buffers
// counted once, not once per backend).
double server_pss_mb(pid_t server) {
  double kb = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    std::getline(stat, line);
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (std::atoi(name.c_str()) != server && ppid != server) continue;
    std::ifstream roll(e.path() / "smaps_rollup");
    while (std::getline(roll, line))
      if (line.rfind("Pss:", 0) == 0) kb += std::atof(line.c_str() + 4);
  }
  return kb / 1024.0;
}

struct PushFigures {
  bool ok = false;
  std::string error;
  double put_s = 0, notified_s = 0, all_current_s = 0;
  int waiting = 0, current = 0;
};

PushFigures push_round(const fs::path& dir, int port, const sync::KeyPair& key, int n, int threads) {
  PushFigures f;
  const fs::path channel = dir / "channel";
  auto version = [&](const std::string& label) { return bench::add_bench_version(dir, key, label); };
  httplib::Client c("127.0.0.1", port);
  c.set_tcp_nodelay(true);
  auto m1 = version("push-1");
  if (!m1 || !bench::push_version(c, channel, *m1, nullptr, f.error)) {
    if (f.error.empty()) f.error = "cannot build version 1";
    return f;
  }
  // Every terminal opens its long-poll one after the other (as terminals do over minutes).
  std::vector<int> socks;
  for (int i = 0; i < n; ++i) {
    int s = bench::open_wait(port, i, m1->version);
    if (s >= 0) socks.push_back(s);
  }
  f.waiting = static_cast<int>(socks.size());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the last requests parked
  auto m2 = version("push-2");
  if (!m2) {
    f.error = "cannot build version 2";
    return f;
  }
  // The timed part: the manifest's PUT, every terminal told, every terminal fetching it.
  std::atomic<int> current{0};
  std::mutex mu;
  std::vector<int> heard;  // terminals told "version 2", waiting to fetch the manifest
  std::condition_variable cv;
  bool done_telling = false;
  const auto t0 = Clock::now();
  std::vector<std::thread> fetchers;
  for (int t = 0; t < threads; ++t)
    fetchers.emplace_back([&] {
      httplib::Client fc("127.0.0.1", port);
      fc.set_keep_alive(true);
      fc.set_tcp_nodelay(true);
      for (;;) {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return !heard.empty() || done_telling; });
        if (heard.empty()) return;
        heard.pop_back();
        lock.unlock();
        auto r = fc.Get("/channels/bench/manifest.json");
        auto m = r && r->status == 200 ? sync::parse_manifest(r->body) : Result<sync::BundleManifest>::fail("");
        if (m && m->version == m2->version) ++current;
      }
    });
  std::string push_error;
  bool pushed = bench::push_version(c, channel, *m2, &f.put_s, push_error);
  // Read every answer: {"channel":"bench","version":2}.
  std::vector<pollfd> fds;
  for (int s : socks) fds.push_back({s, POLLIN, 0});
  std::vector<std::string> got(fds.size());
  size_t told = 0, closed = 0;
  const auto give_up = t0 + std::chrono::seconds(30);
  while (pushed && closed < fds.size() && Clock::now() < give_up) {
    if (::poll(fds.data(), fds.size(), 200) <= 0) continue;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !fds[i].revents) continue;
      char buf[1024];
      ssize_t k = ::recv(fds[i].fd, buf, sizeof buf, 0);
      if (k > 0) {
        got[i].append(buf, static_cast<size_t>(k));
        continue;
      }
      ::close(fds[i].fd);
      fds[i].fd = -1;
      ++closed;
      if (got[i].find("\"version\":" + std::to_string(m2->version)) != std::string::npos) {
        ++told;
        std::lock_guard lock(mu);
        heard.push_back(static_cast<int>(i));
        cv.notify_one();
      }
    }
  }
  f.notified_s = std::chrono::duration<double>(Clock::now() - t0).count();
  {
    std::lock_guard lock(mu);
    done_telling = true;
  }
  cv.notify_all();
  for (auto& t : fetchers) t.join();
  f.all_current_s = std::chrono::duration<double>(Clock::now() - t0).count();
  for (auto& p : fds)
    if (p.fd >= 0) ::close(p.fd);
  f.current = current.load();
  if (!pushed)
    f.error = push_error;
  else if (f.waiting != n || f.current != n)
    f.error = std::to_string(f.waiting) + " of " + std::to_string(n) + " terminals waited, " + std::to_string(told) +
              " were told, " + std::to_string(f.current) + " fetched the new manifest";
  else
    f.ok = true;
  return f;
}

int run(const std::vector<std::string>& args) {
  const int n = std::max(1, std::atoi(bench::option(args, "--terminals", "2000").c_str()));
  const int rounds = std::max(1, std::atoi(bench::option(args, "--rounds", "3").c_str()));
  const int threads = std::clamp(std::atoi(bench::option(args, "--concurrency", "6").c_str()), 1, 64);
  const int events = std::clamp(std::atoi(bench::option(args, "--events", "5").c_str()), 1, 500);
  const std::string engine = bench::option(args, "--engine", "sqlite");
  if (engine != "sqlite" && engine != "postgresql") {
    std::fprintf(stderr, "bianmin-bench hub: --engine sqlite|postgresql\n");
    return 2;
  }
  char tmpl[] = "/tmp/bianmin-bench-hub-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl;
  const int push_terminals = std::clamp(std::atoi(bench::option(args, "--push", "500").c_str()), 0, 3000);
  // A signed channel for the push figures: an empty content cache, version 1 now, 2 later.
  auto key = sync::generate_keypair();
  std::unique_ptr<hub::ScratchPostgres> pg;
  std::vector<std::string> extra{"--max-connections-per-address", std::to_string(threads + 2), "--store-engine",
                                 engine};
  if (engine == "postgresql") {
    auto started = hub::ScratchPostgres::start();
    auto conn = started ? (*started)->create_database("bench") : Result<std::string>::fail(started.error().message);
    if (!conn) {
      std::fprintf(stderr, "bianmin-bench hub: %s\n", conn.error().message.c_str());
      fs::remove_all(dir);
      return 1;
    }
    pg = std::move(*started);
    extra.push_back("--store-connection");
    extra.push_back(*conn);
  }
  auto started = bench::ScratchHub::start(dir, key, extra);
  if (!started) {
    std::fprintf(stderr, "bianmin-bench hub: %s\n", started.error().message.c_str());
    fs::remove_all(dir);
    return 1;
  }
  std::unique_ptr<bench::ScratchHub> hub = std::move(*started);
  const pid_t pid = hub->pid();
  const int port = hub->port();
  auto stop = [&] {
    hub.reset();
    fs::remove_all(dir);
  };

  std::vector<std::string> tokens(static_cast<size_t>(n));
  std::atomic<int> failures{0};
  auto parallel = [&](auto&& fn) {
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; ++t)
      ts.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", port);
        c.set_keep_alive(true);
        c.set_tcp_nodelay(true);  // as libcurl (the terminals' client) does by default
        c.set_read_timeout(30, 0);
        for (int i = t; i < n; i += threads) fn(c, i);
      });
    for (auto& t : ts) t.join();
  };
  auto term_id = [](int i) { return "cun-" + std::to_string(100000 + i); };
  const httplib::Headers enroll_h{{"Authorization", std::string("Bearer ") + bench::kEnrollToken}};
  parallel([&](httplib::Client& c, int i) {
    auto r = c.Post("/api/enroll", enroll_h, sync::wire::to_json(sync::wire::EnrollRequest{term_id(i), "模拟终端"}),
                    "application/json");
    auto rep =
        r && r->status == 200 ? sync::wire::parse_enroll_reply(r->body) : Result<sync::wire::EnrollReply>::fail("");
    if (!rep)
      ++failures;
    else
      tokens[static_cast<size_t>(i)] = rep->token;
  });
  if (failures) {
    std::fprintf(stderr, "bianmin-bench hub: %d terminals could not enroll\n", failures.load());
    stop();
    return 1;
  }

  std::mutex mu;
  std::vector<double> lat, lat_hb, lat_ob;
  lat.reserve(static_cast<size_t>(n) * rounds * 2);
  const auto t0 = Clock::now();
  for (int round = 0; round < rounds; ++round) {
    parallel([&](httplib::Client& c, int i) {
      const httplib::Headers h{{"Authorization", "Bearer " + tokens[static_cast<size_t>(i)]}};
      sync::wire::Heartbeat hb;
      hb.channel = "county";
      hb.content_version = 7;
      hb.printer_state = "ok";
      hb.disk_free_mb = 20000;
      hb.uptime_s = 3600 + round;
      hb.interval_s = 600;
      hb.sync_outcome = "up_to_date";
      sync::wire::OutboxUpload up;
      up.batch_id = std::to_string(round) + "-" + term_id(i);
      const int64_t now = static_cast<int64_t>(std::time(nullptr));
      for (int e = 0; e < events; ++e) {
        sync::Event ev;
        ev.kind = e == events - 1 ? sync::EventKind::Rating
                  : e % 3 == 2    ? sync::EventKind::Search
                                  : sync::EventKind::View;
        ev.item = ev.kind == sync::EventKind::Rating ? "hall" : "guide/g" + std::to_string(e);
        ev.text = ev.kind == sync::EventKind::Rating ? "等候时间长" : ev.kind == sync::EventKind::Search ? "低保" : "";
        ev.value = ev.kind == sync::EventKind::Rating ? 1 + (i + round) % 5 : 0;
        ev.at = now;
        up.events.push_back({e + 1, ev});
      }
      double local[2];
      auto a = Clock::now();
      auto r1 = c.Post("/api/heartbeat", h, sync::wire::to_json(hb), "application/json");
      auto b = Clock::now();
      auto r2 = c.Post("/api/outbox", h, sync::wire::to_json(up), "application/json");
      auto d = Clock::now();
      local[0] = std::chrono::duration<double, std::milli>(b - a).count();
      local[1] = std::chrono::duration<double, std::milli>(d - b).count();
      if (!r1 || r1->status != 200 || !r2 || r2->status != 200) ++failures;
      std::lock_guard lock(mu);
      lat.push_back(local[0]);
      lat.push_back(local[1]);
      lat_hb.push_back(local[0]);
      lat_ob.push_back(local[1]);
    });
  }
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  const double rss = bench::rss_mb(pid);
  const double pg_pss = pg ? server_pss_mb(pg->server_pid()) : 0;
  PushFigures pf;
  if (push_terminals > 0) pf = push_round(dir, port, key, push_terminals, threads);
  const double rss_push = bench::rss_mb(pid);
  stop();
  std::printf("hub_store: %s\n", engine.c_str());
  bench::figure("hub_terminals", n, "terminals");
  bench::figure("hub_requests", static_cast<double>(lat.size()), "requests");
  bench::figure("hub_failed_requests", failures.load(), "requests");
  bench::figure("hub_requests_per_s", static_cast<double>(lat.size()) / secs, "req/s");
  bench::figure("hub_p50_ms", bench::percentile(lat, 50), "ms");
  bench::figure("hub_p99_ms", bench::percentile(lat, 99), "ms");
  bench::figure("hub_heartbeat_p99_ms", bench::percentile(lat_hb, 99), "ms");
  bench::figure("hub_outbox_p99_ms", bench::percentile(lat_ob, 99), "ms");  // synced before the ack
  bench::figure("hub_rss_mb", rss, "MB");
  if (pg) bench::figure("postgresql_pss_mb", pg_pss, "MB");  // the server and its backends
  if (push_terminals > 0) {
    bench::figure("push_terminals", push_terminals, "terminals");
    bench::figure("push_waiting", pf.waiting, "terminals");
    bench::figure("push_put_s", pf.put_s, "s");
    bench::figure("push_notified_s", pf.notified_s, "s");
    bench::figure("push_all_current_s", pf.all_current_s, "s");
    bench::figure("push_current", pf.current, "terminals");
    bench::figure("hub_rss_push_mb", rss_push, "MB");
    if (!pf.ok) std::fprintf(stderr, "bianmin-bench hub: push: %s\n", pf.error.c_str());
  }
  return failures.load() == 0 && (push_terminals == 0 || pf.ok) ? 0 : 1;
}

BIANMIN_BENCH("hub",
              "a county hub: N simulated terminals heartbeating and uploading outbox batches (SQLite or PostgreSQL)",
              run);
}  // namespace
