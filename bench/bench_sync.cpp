// bianmin-bench sync [--demo SRC] [--county-rows N] [--terminals N] [--skip-county]
//
// What the sync costs, measured on real files, a real bianmin-hub on 127.0.0.1 and real
// agents (the bianmin-sync library, one thread per terminal):
//  - delta_one_guide_bytes / _apply_ms: the demo township's content with one guide's text
//    changed; bytes of the zstd changeset a terminal downloads, and the time a terminal takes
//    to apply it (copy the current file, apply the changeset, rebuild the search index,
//    integrity_check, content hash: everything sync_once does between download and rename).
//  - delta_fund5000_bytes / _apply_ms: the same for a new 5,000-row fund publication.
//  - full_demo_bytes (zstd) and demo_db_bytes (uncompressed): the whole demo bundle.
//  - full_county_bytes / county_db_bytes / county_build_s: a county cache with N fund rows
//    (default 1,000,000; 4 publications x 50 villages x 10 groups), zstd level 12.
//  - push_s: bianmin-publish push of a one-guide change to the hub over HTTP;
//    push_to_all_current_s: from the start of that push until every one of the N simulated
//    terminals (default 50, all on the previous version, each polling every 0.5 s with
//    jitter) serves the new version, verified and switched.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "bianmin/base/process.hpp"
#include "bianmin/content/synthetic.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/importer.hpp"
#include "bianmin/content/search_rebuild.hpp"
#include "bianmin/sync/agent.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/delta.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bianmin;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

bool flag(const std::vector<std::string>& args, const std::string& name) {
  for (const auto& a : args)
    if (a == name) return true;
  return false;
}

fs::path self_dir() { return fs::read_symlink("/proc/self/exe").parent_path(); }

// The demo township's source: --demo, else found from the build tree.
fs::path demo_source(const std::vector<std::string>& args) {
  std::string given = bench::option(args, "--demo", "");
  if (!given.empty()) return given;
  for (fs::path p : {fs::path("content/demo"), fs::path("../content/demo"), self_dir() / "../../content/demo"})
    if (fs::exists(p / "site.yaml")) return p;
  // The build tree's CMakeCache names the source directory.
  std::ifstream cache(self_dir() / "../CMakeCache.txt");
  for (std::string line; std::getline(cache, line);)
    if (line.rfind("CMAKE_HOME_DIRECTORY:INTERNAL=", 0) == 0) return fs::path(line.substr(30)) / "content/demo";
  return "content/demo";
}

bool write(const content::ContentSet& set, const fs::path& path) {
  auto st = content::write_cache(set, path);
  if (!st) std::fprintf(stderr, "bench sync: write_cache: %s\n", st.error().to_string().c_str());
  return st.ok();
}

// Everything a terminal does with a delta between download and rename; returns ms or -1.
double apply_ms(const fs::path& base_db, const fs::path& channel, const sync::BundleManifest& m, int64_t from,
                const fs::path& scratch) {
  const sync::DeltaEntry* d = m.delta_from(from);
  if (!d) return -1;
  auto t0 = Clock::now();
  auto z = sync::read_whole_file(channel / "files" / d->file);
  if (!z) return -1;
  auto cs = sync::zstd_decompress(*z, 4 * m.db_size + (1 << 20));
  if (!cs) return -1;
  fs::copy_file(base_db, scratch, fs::copy_options::overwrite_existing);
  auto st = sync::apply_changeset(scratch, *cs, [](sqlite3* db) { return content::rebuild_search_index(db); });
  if (!st) {
    std::fprintf(stderr, "bench sync: apply: %s\n", st.error().to_string().c_str());
    return -1;
  }
  if (!sync::integrity_check(scratch)) return -1;
  auto h = sync::content_hash_file(scratch);
  if (!h || *h != m.content_hash) {
    std::fprintf(stderr, "bench sync: the applied delta does not give the signed content\n");
    return -1;
  }
  if (!sync::fsync_file(scratch)) return -1;
  return seconds_since(t0) * 1000;
}

// A new publication of `rows` rows like the last one of `base` that has rows.
content::FundPublication fund_of(const content::ContentSet& base, int rows) {
  content::FundPublication like;
  for (const auto& existing : base.funds)
    if (!existing.rows.empty()) like = existing;
  return content::synthetic::grown_fund(like, "bench-new-fund", "2026年新增惠民补贴发放公示（基准）", rows);
}

// A bianmin-hub process on 127.0.0.1 with an ephemeral port.
struct Hub {
  pid_t pid = -1;
  int port = 0;
  ~Hub() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

bool start_hub(Hub& hub, const fs::path& dir, const fs::path& trust, const fs::path& token) {
  fs::path exe = self_dir() / "../sync/hub/bianmin-hub";
  fs::path port_file = dir / "port";
  std::vector<std::string> argv = {exe.string(), "serve", "--data", (dir / "data").string(), "--trust", trust.string(),
                                   "--staff-token-file", token.string(), "--listen", "127.0.0.1:0", "--port-file",
                                   port_file.string(),
                                   // 50 simulated terminals share 127.0.0.1 (real ones have an address each)
                                   "--max-connections-per-address", "64"};
  auto pid = process::spawn(argv, dir / "hub.log");
  if (!pid) return false;
  hub.pid = *pid;
  for (int i = 0; i < 400 && !fs::exists(port_file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  auto p = sync::read_whole_file(port_file);
  if (!p) return false;
  hub.port = std::atoi(p->c_str());
  return hub.port > 0;
}

int run_tool(const std::vector<std::string>& argv) {
  auto out = process::run(argv);
  return out ? out->exit_code : -1;
}

int bench_sync(const std::vector<std::string>& args) {
  const int county_rows = std::atoi(bench::option(args, "--county-rows", "1000000").c_str());
  const int terminals = std::atoi(bench::option(args, "--terminals", "50").c_str());
  char tmpl[] = "/tmp/bianmin-bench-sync-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  fs::path dir = tmpl;
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } cleanup{dir};

  auto imported = content::import_source(demo_source(args));
  if (!imported.problems.empty()) {
    std::fprintf(stderr, "bench sync: the demo source has problems (or was not found: use --demo SRC)\n");
    return 1;
  }
  content::ContentSet v1 = imported.content;
  v1.content_version = "bench-1";
  content::ContentSet v2 = v1;
  v2.content_version = "bench-2";
  if (v2.guides.empty()) return 1;
  v2.guides[0].summary += "（本周六照常办理）";
  content::ContentSet v3 = v2;
  v3.content_version = "bench-3";
  v3.funds.push_back(fund_of(v2, 5000));

  auto key = sync::generate_keypair();
  sync::TrustStore trust;
  trust.keys.push_back({key.key_id, key.public_key, false});
  if (!trust.write(dir / "trust.json")) return 1;
  sync::BuildOptions bo;
  bo.channel = "bench";
  fs::path channel = dir / "channel";
  sync::BundleManifest m1, m2, m3;
  for (auto [set, m] : {std::pair{&v1, &m1}, std::pair{&v2, &m2}, std::pair{&v3, &m3}}) {
    fs::path db = dir / (set->content_version + ".db");
    if (!write(*set, db)) return 1;
    bo.version_label = set->content_version;
    auto r = sync::add_version(channel, db, bo, &key);
    if (!r) {
      std::fprintf(stderr, "bench sync: %s\n", r.error().to_string().c_str());
      return 1;
    }
    *m = *r;
  }
  const sync::DeltaEntry* d12 = m2.delta_from(1);
  const sync::DeltaEntry* d23 = m3.delta_from(2);
  if (!d12 || !d23) return 1;
  bianmin::bench::figure("delta_one_guide_bytes", static_cast<double>(d12->size), "bytes");
  bianmin::bench::figure("delta_one_guide_apply_ms", apply_ms(dir / "bench-1.db", channel, m2, 1, dir / "scratch.db"),
                         "ms");
  bianmin::bench::figure("delta_fund5000_bytes", static_cast<double>(d23->size), "bytes");
  bianmin::bench::figure("delta_fund5000_apply_ms", apply_ms(dir / "bench-2.db", channel, m3, 2, dir / "scratch.db"),
                         "ms");
  bianmin::bench::figure("full_demo_bytes", static_cast<double>(m1.full_size), "bytes");
  bianmin::bench::figure("demo_db_bytes", static_cast<double>(m1.db_size), "bytes");

  if (!flag(args, "--skip-county")) {
    auto t0 = Clock::now();
    fs::path cdb = dir / "county.db";
    if (!write(content::synthetic::county_funds(county_rows), cdb)) return 1;
    sync::BuildOptions co;
    co.channel = "county";
    auto cm = sync::add_version(dir / "county", cdb, co, &key);
    if (!cm) return 1;
    bianmin::bench::figure("county_rows", county_rows, "rows");
    bianmin::bench::figure("full_county_bytes", static_cast<double>(cm->full_size), "bytes");
    bianmin::bench::figure("county_db_bytes", static_cast<double>(cm->db_size), "bytes");
    bianmin::bench::figure("county_build_s", seconds_since(t0), "s");
    fs::remove_all(dir / "county");
    fs::remove(cdb);
  }

  // Push → N terminals current, on loopback. The terminals start on version 1 of a fresh
  // channel on the hub; the push brings version 2 (a one-guide change: a delta).
  fs::path token = dir / "staff.token";
  if (!sync::write_file_atomic(token, "bench-staff-token\n")) return 1;
  Hub hub;
  if (!start_hub(hub, dir, dir / "trust.json", token)) {
    std::fprintf(stderr, "bench sync: bianmin-hub did not start (is it built next to bianmin-bench?)\n");
    return 1;
  }
  const std::string hub_url = "http://127.0.0.1:" + std::to_string(hub.port);
  fs::path publish = self_dir() / "../sync/publish/bianmin-publish";
  fs::path pch = dir / "push-channel";
  bo.version_label = "bench-1";
  if (!sync::add_version(pch, dir / "bench-1.db", bo, &key)) return 1;
  auto push = [&] {
    return run_tool({publish.string(), "push", pch.string(), "--to", hub_url, "--token-file", token.string(), "--trust",
                     (dir / "trust.json").string()});
  };
  if (push() != 0) return 1;
  std::vector<std::unique_ptr<sync::Agent>> agents;
  for (int i = 0; i < terminals; ++i) {
    sync::AgentOptions o;
    o.state_dir = dir / "terminals" / std::to_string(i);
    o.trust_file = dir / "trust.json";
    o.channel_url = hub_url + "/channels/bench";
    o.min_free_bytes = 1 << 20;
    o.rebuild_index = [](sqlite3* db) { return content::rebuild_search_index(db); };
    agents.push_back(std::make_unique<sync::Agent>(o));
    if (agents.back()->sync_once().outcome != sync::SyncOutcome::Updated) {
      std::fprintf(stderr, "bench sync: terminal %d did not take version 1\n", i);
      return 1;
    }
  }
  bo.version_label = "bench-2";
  auto pm = sync::add_version(pch, dir / "bench-2.db", bo, &key);
  if (!pm) return 1;
  std::atomic<bool> pushed{false};
  std::atomic<int> current{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < terminals; ++i) {
    threads.emplace_back([&, i] {
      std::mt19937 rng(static_cast<unsigned>(i));
      // Timers that fire every 0.5 s, not in step (the jitter every terminal uses).
      std::uniform_int_distribution<int> jitter(250, 500);
      for (int round = 0; round < 2000; ++round) {
        if (pushed) {
          auto r = agents[static_cast<size_t>(i)]->sync_once();
          if (r.version == pm->version) {
            ++current;
            return;
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      }
    });
  }
  auto push_start = Clock::now();
  int rc = push();
  double push_s = seconds_since(push_start);
  pushed = true;
  for (auto& t : threads) t.join();
  double all_s = seconds_since(push_start);
  if (rc != 0 || current != terminals) {
    std::fprintf(stderr, "bench sync: only %d of %d terminals became current\n", current.load(), terminals);
    return 1;
  }
  bianmin::bench::figure("push_s", push_s, "s");
  bianmin::bench::figure("terminals", terminals, "terminals");
  bianmin::bench::figure("push_to_all_current_s", all_s, "s");
  return 0;
}

}  // namespace

BIANMIN_BENCH("sync", "bundles: delta sizes and apply times, full bundle sizes, push to N terminals current",
              bench_sync);
