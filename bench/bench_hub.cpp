// bianmin-bench hub [--terminals N] [--rounds R] [--concurrency C] [--events E]
//
// A county hub under its terminals' routine traffic: a real bianmin-hub (this build's, SQLite
// store in a temporary directory) on 127.0.0.1, N simulated terminals (default 2,000) enrolled
// over the wire protocol, then R rounds (default 3) in which every terminal sends a heartbeat
// and uploads an outbox batch of E events (default 5: views, a search, a rating), from C client
// threads (default 6, under the hub's per-address connection limit). Bounded: N x R x 2
// requests, loopback only. Figures: requests/s, p50 and p99 latency per request, and the hub's
// resident size (VmRSS) at the end. PostgreSQL and nginx (issue 18 §county scale) are not here.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "bianmin/sync/wire.hpp"

namespace {
namespace fs = std::filesystem;
using namespace bianmin;
using Clock = std::chrono::steady_clock;

std::string arg(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return fallback;
}

double rss_mb(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

int run(const std::vector<std::string>& args) {
  const int n = std::max(1, std::atoi(arg(args, "--terminals", "2000").c_str()));
  const int rounds = std::max(1, std::atoi(arg(args, "--rounds", "3").c_str()));
  const int threads = std::clamp(std::atoi(arg(args, "--concurrency", "6").c_str()), 1, 64);
  const int events = std::clamp(std::atoi(arg(args, "--events", "5").c_str()), 1, 500);
  const fs::path hub = fs::canonical("/proc/self/exe").parent_path().parent_path() / "sync/hub/bianmin-hub";
  if (!fs::exists(hub)) {
    std::fprintf(stderr, "bianmin-bench hub: %s not built\n", hub.c_str());
    return 1;
  }
  char tmpl[] = "/tmp/bianmin-bench-hub-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl;
  std::ofstream(dir / "enroll.token") << "bench-enroll-token\n";
  const fs::path port_file = dir / "port";
  pid_t pid = fork();
  if (pid == 0) {
    std::string limit = std::to_string(threads + 2);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    execl(hub.c_str(), hub.c_str(), "serve", "--data", (dir / "data").c_str(), "--listen", "127.0.0.1:0", "--port-file",
          port_file.c_str(), "--enroll-token-file", (dir / "enroll.token").c_str(), "--max-connections-per-address",
          limit.c_str(), "--alert-check-s", "3600", static_cast<char*>(nullptr));
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream f(port_file);
    f >> port;
  }
  auto stop = [&] {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    fs::remove_all(dir);
  };
  if (port == 0) {
    std::fprintf(stderr, "bianmin-bench hub: the hub did not start\n");
    stop();
    return 1;
  }

  std::vector<std::string> tokens(static_cast<size_t>(n));
  std::atomic<int> failures{0};
  auto parallel = [&](auto&& fn) {
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; ++t)
      ts.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", port);
        c.set_keep_alive(true);
        c.set_read_timeout(30, 0);
        for (int i = t; i < n; i += threads) fn(c, i);
      });
    for (auto& t : ts) t.join();
  };
  auto term_id = [](int i) { return "cun-" + std::to_string(100000 + i); };
  const httplib::Headers enroll_h{{"Authorization", "Bearer bench-enroll-token"}};
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
  std::vector<double> lat;
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
    });
  }
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  const double rss = rss_mb(pid);
  stop();
  std::printf("hub_store: sqlite\n");
  bench::figure("hub_terminals", n, "terminals");
  bench::figure("hub_requests", static_cast<double>(lat.size()), "requests");
  bench::figure("hub_failed_requests", failures.load(), "requests");
  bench::figure("hub_requests_per_s", static_cast<double>(lat.size()) / secs, "req/s");
  bench::figure("hub_p50_ms", bench::percentile(lat, 50), "ms");
  bench::figure("hub_p99_ms", bench::percentile(lat, 99), "ms");
  bench::figure("hub_rss_mb", rss, "MB");
  return failures.load() == 0 ? 0 : 1;
}

BIANMIN_BENCH("hub", "a county hub: N simulated terminals heartbeating and uploading outbox batches (SQLite)", run);
}  // namespace
