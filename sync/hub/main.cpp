// bianmin-hub: one hall's server. Serves channel directories (manifest with ETag, files with
// Range), takes signed pushes from staff, enrolls terminals, stores their heartbeats and
// outbox batches, lists the fleet.
//
//   bianmin-hub serve [--config hub.toml] [--data DIR] [--channels DIR] [--trust KEYS.json]
//                     [--staff-token-file F] [--enroll-token-file F] [--listen HOST:PORT]
//                     [--port-file F] [--lagging-after-hours N] [--delay-ms N]
//                     [--store-engine sqlite|postgresql] [--store-connection LIBPQ_CONNINFO]
//   bianmin-hub terminals [--config hub.toml] [--data DIR] [--json]
//   bianmin-hub add-staff USER --role 经办|审核 [--name N] [--password-file F] [--replace]
//   bianmin-hub seal-key publisher.key [--data DIR] [--publish-key OUT] [--password-file F]
//   bianmin-hub --check-config [hub.toml]
//
// The hall console (sync/console, pages under /console/) is served by `serve`.
//
// --config reads hub.toml (bianmin_config): server.listen_address/port, paths.data_dir and
// channel_dir, store.engine and connection (hub.db in data_dir, or PostgreSQL), staff[].token_hash,
// terminals.enroll_token_hash and lagging_after_hours, limits.max_upload_mb. Options after it override it. Token files
// hold the token itself; the config holds only hashes ("sha256:<hex>", bianmin-config new-token).
//
// HTTP (all JSON bodies UTF-8):
//   GET  /channels/<ch>/manifest.json   ETag + If-None-Match → 304; X-Bianmin-Signature: hex
//   GET  /channels/<ch>/manifest.sig    raw 64 bytes
//   GET  /channels/<ch>/files/<name>    Range → 206; immutable caching headers
//   PUT  /api/channels/<ch>/files/<name>   staff token; a bundle file
//   PUT  /api/channels/<ch>/manifest       staff token; {"manifest": text, "signature": hex}
//   POST /api/enroll      enroll token; {"terminal_id", "name"} → {"token"}
//   POST /api/heartbeat   terminal token; Heartbeat fields
//   POST /api/outbox      terminal token; {"batch_id", "events": [...]} → {"ack", "duplicate"}
//   GET  /api/terminals   staff token; the fleet
#include <httplib.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <condition_variable>
#include <atomic>
#include <sstream>
#include <string_view>
#include <nlohmann/json.hpp>
#include <thread>

#include "bianmin/config/check.hpp"
#include "bianmin/config/hub_config.hpp"
#include "bianmin/config/secrets.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"
#include "hub_service.hpp"
#include "store_migrate.hpp"
#include "sealed_key.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace bianmin;

namespace {

using hub::Hub;
using hub::Options;
using hub::read_token;
using hub::valid_channel_name;

httplib::Server* g_server = nullptr;
std::mutex g_stop_mu;
std::condition_variable g_stop_cv;
bool g_stopping = false;
void on_signal(int) {
  if (g_server) g_server->stop();
}

// The store hub.toml [store] (or --store-engine) names: <data>/hub.db, or PostgreSQL.
Result<std::unique_ptr<hub::HubStore>> open_store(const Options& o) {
  hub::StoreChoice choice = o.store;
  choice.sqlite_path = o.data / "hub.db";
  return hub::HubStore::open(choice);
}

int usage() {
  std::fprintf(
      stderr,
      "usage: bianmin-hub serve [--config hub.toml] [--data DIR] [--channels DIR] [--trust KEYS.json]\n"
      "                         [--staff-token-file F] [--enroll-token-file F] [--listen HOST:PORT]\n"
      "                         [--port-file F] [--lagging-after-hours N] [--console-dir DIR] [--console-network]\n"
      "                         [--source DIR] [--publish-channel CH] [--publish-key SEALED]\n"
      "                         [--preview-kiosk BIANMIN_KIOSK] [--preview-village-config KIOSK.toml]\n"
      "                         [--session-idle-s N] [--session-max-s N] [--login-max-failures N]\n"
      "                         [--login-lock-s N] [--alert-check-s N] [--followup-days N]\n"
      "                         [--screenshot-fund-names] [--store-engine sqlite|postgresql]\n"
      "                         [--store-connection LIBPQ_CONNINFO]\n"
      "       bianmin-hub terminals [--config hub.toml] [--data DIR] [--json]\n"
      "       bianmin-hub enroll-code [--config hub.toml] [--data DIR] [--terminal ID] [--valid-hours N]\n"
      "       bianmin-hub add-staff USER --role 经办|审核 [--name 姓名] [--password-file F] [--replace]\n"
      "                             [--config hub.toml] [--data DIR]   (password: the file, else stdin)\n"
      "       bianmin-hub seal-key publisher.key [--data DIR] [--publish-key OUT] [--password-file F]\n"
      "       bianmin-hub reset-channel CHANNEL [--config hub.toml] [--data DIR] [--channels DIR]\n"
      "       bianmin-hub migrate-store [--config hub.toml] [--data DIR] [--store-connection LIBPQ_CONNINFO]\n"
      "                             (copies <data>/hub.db into the empty PostgreSQL store hub.toml names)\n"
      "       bianmin-hub --check-config [hub.toml]\n");
  return 2;
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--config") {
      auto loaded = config::load_hub_config(next());
      if (!loaded) {
        std::fprintf(stderr, "%s", config::format_problems(loaded.problems).c_str());
        return false;
      }
      const auto& c = loaded.config;
      o.data = c.data_dir;
      o.channels = c.channel_dir;  // "" = <data>/channels, also when --data overrides data_dir
      o.listen = c.listen_address + ":" + std::to_string(c.port);
      if (c.listen_address.find(':') != std::string::npos)
        o.listen = "[" + c.listen_address + "]:" + std::to_string(c.port);
      o.staff_hashes.clear();
      for (const auto& t : c.staff_tokens) o.staff_hashes.push_back(t.token_hash);
      o.enroll_hash = c.enroll_token_hash;
      o.lagging_after_s = int64_t{c.lagging_after_hours} * 3600;
      o.max_upload_bytes = int64_t{c.max_upload_mb} << 20;
      o.report_retention_days = c.report_retention_days;
      o.followup_days = c.followup_working_days;
      o.screenshot_fund_names = c.screenshot_fund_names;
      o.trust = c.trusted_keys;
      o.limits.header_timeout_s = c.header_timeout_s;
      o.limits.body_timeout_s = c.body_timeout_s;
      o.limits.max_per_address = c.max_connections_per_address;
      o.publish_channel = c.publish_channel;
      o.source = c.source_dir;
      o.publish_key = c.sealed_key;
      o.preview_kiosk = c.preview_kiosk;
      o.preview_village_config = c.preview_village_config;
      o.store.engine = c.store_engine == config::HubConfig::StoreEngine::Postgresql
                           ? hub::StoreChoice::Engine::Postgresql
                           : hub::StoreChoice::Engine::Sqlite;
      o.store.connection = c.store_connection;
    } else if (a == "--data")
      o.data = next();
    else if (a == "--channels")
      o.channels = next();
    else if (a == "--store-engine") {
      std::string e = next();
      if (e != "sqlite" && e != "postgresql") {
        std::fprintf(stderr, "bianmin-hub: --store-engine: sqlite or postgresql, not \"%s\"\n", e.c_str());
        return false;
      }
      o.store.engine = e == "postgresql" ? hub::StoreChoice::Engine::Postgresql : hub::StoreChoice::Engine::Sqlite;
    } else if (a == "--store-connection") {
      o.store.connection = next();
      if (auto why = config::store_connection_problem(o.store.connection); !why.empty()) {
        std::fprintf(stderr, "bianmin-hub: --store-connection: %s\n", why.c_str());  // never the value itself
        return false;
      }
    } else if (a == "--lagging-after-hours")
      o.lagging_after_s = std::atoll(next().c_str()) * 3600;
    else if (a == "--trust")
      o.trust = next();
    else if (a == "--listen")
      o.listen = next();
    else if (a == "--port-file")
      o.port_file = next();
    else if (a == "--staff-token-file") {
      std::string t;
      if (!read_token(next(), t)) return false;
      o.staff_hashes.push_back(config::hash_token(t));
    } else if (a == "--enroll-token-file") {
      std::string t;
      if (!read_token(next(), t)) return false;
      o.enroll_hash = config::hash_token(t);
    } else if (a == "--delay-ms")
      o.delay_ms = std::atoi(next().c_str());
    else if (a == "--report-retention-days")
      o.report_retention_days = std::atoi(next().c_str());
    else if (a == "--followup-days")
      o.followup_days = std::clamp(std::atoi(next().c_str()), 1, 60);
    else if (a == "--screenshot-fund-names")
      o.screenshot_fund_names = true;
    else if (a == "--header-timeout")
      o.limits.header_timeout_s = std::atoi(next().c_str());
    else if (a == "--body-timeout")
      o.limits.body_timeout_s = std::atoi(next().c_str());
    else if (a == "--max-connections-per-address")
      o.limits.max_per_address = std::atoi(next().c_str());
    else if (a == "--max-upload-mb")
      o.max_upload_bytes = std::atoll(next().c_str()) << 20;
    else if (a == "--offline-after")
      o.offline_after_s = std::atoll(next().c_str());
    else if (a == "--json")
      o.json_out = true;
    else if (a == "--console-dir")
      o.console_dir = next();
    else if (a == "--console-network")
      o.console_network = true;
    else if (a == "--session-idle-s")
      o.console_policy.idle_s = std::atoll(next().c_str());
    else if (a == "--session-max-s")
      o.console_policy.max_s = std::atoll(next().c_str());
    else if (a == "--login-max-failures")
      o.console_policy.max_failures = std::atoi(next().c_str());
    else if (a == "--login-lock-s")
      o.console_policy.lock_s = std::atoll(next().c_str());
    else if (a == "--alert-check-s")
      o.alert_check_s = std::max<int64_t>(1, std::atoll(next().c_str()));
    else if (a == "--source")
      o.source = next();
    else if (a == "--publish-channel")
      o.publish_channel = next();
    else if (a == "--publish-key")
      o.publish_key = next();
    else if (a == "--preview-kiosk")
      o.preview_kiosk = next();
    else if (a == "--preview-village-config")
      o.preview_village_config = next();
    else if (a == "--role")
      o.role = next();
    else if (a == "--name")
      o.display_name = next();
    else if (a == "--password-file")
      o.password_file = next();
    else if (a == "--replace")
      o.replace = true;
    else if (a == "--terminal")
      o.terminal_id = next();
    else if (a == "--valid-hours")
      o.valid_hours = std::atoll(next().c_str());
    else if (!a.empty() && a[0] != '-' && o.positional.empty())
      o.positional = a;
    else {
      std::fprintf(stderr, "bianmin-hub: unknown option %s\n", a.c_str());
      return false;
    }
  }
  return !o.data.empty();
}

int serve(Options o) {
  if (o.trust.empty())
    std::fprintf(stderr, "bianmin-hub: no trust list (paths.trusted_keys, --trust): pushes are refused\n");
  else if (auto t = sync::TrustStore::read(o.trust); !t)
    std::fprintf(stderr, "bianmin-hub: %s: pushes are refused until it can be read\n", t.error().to_string().c_str());
  if (o.staff_hashes.empty()) std::fprintf(stderr, "bianmin-hub: no staff token: pushing is disabled\n");
  std::error_code ec;
  fs::create_directories(o.data, ec);
  fs::create_directories(o.channel_root(), ec);
  auto store = open_store(o);
  if (!store) {
    std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str());
    return 1;
  }
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) return usage();
  int port = std::atoi(o.listen.substr(colon + 1).c_str());

  std::string host = o.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  o.console = true;
  // Every terminal holding a long-poll (/api/wait) is an open socket: allow as many files as
  // the system lets us (systemd's default soft limit of 1,024 would cap a county hub).
  if (rlimit rl{}; ::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &rl);
  }
  Hub hub(o, std::move(*store));
  if (!hub.console_problem().empty()) return 1;  // said above; systemd starts the hub again
  hub.prune_reports();
  auto server = hub::make_server(hub, o);
  hub::GuardedServer& srv = *server;
  if (port == 0)
    port = srv.bind_to_any_port(host);
  else if (!srv.bind_to_port(host, port))
    port = -1;
  if (port <= 0) {
    std::fprintf(stderr, "bianmin-hub: cannot listen on %s\n", o.listen.c_str());
    return 1;
  }
  srv.set_backlog(1024);
  if (!o.port_file.empty()) {
    if (auto st = sync::write_file_atomic(o.port_file, std::to_string(port) + "\n"); !st) return 1;
  }
  std::fprintf(stderr, "bianmin-hub: serving %s on %s:%d\n", o.data.c_str(), host.c_str(), port);
  g_server = &srv;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  // Reports older than terminals.report_retention_days go at start and then every hour; the
  // log hears of terminals' alerts (silent, printer, behind) every --alert-check-s.
  std::thread pruner([&hub, &o] {
    std::unique_lock lock(g_stop_mu);
    auto next_prune = std::chrono::steady_clock::now() + std::chrono::hours(1);
    do {
      lock.unlock();
      hub.log_alerts();
      if (std::chrono::steady_clock::now() >= next_prune) {
        hub.prune_reports();
        next_prune += std::chrono::hours(1);
      }
      lock.lock();
    } while (!g_stop_cv.wait_for(lock, std::chrono::seconds(o.alert_check_s), [] { return g_stopping; }));
  });
  srv.listen_after_bind();
  {
    std::lock_guard lock(g_stop_mu);
    g_stopping = true;
  }
  g_stop_cv.notify_all();
  pruner.join();
  g_server = nullptr;
  return 0;
}

// What the admin's terminal prints: no control characters (ESC, C1 CSI and the like), so a
// terminal's self-reported name or version cannot move the cursor or rewrite the screen.
std::string printable(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      out += '?';
      continue;
    }
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9f) {  // U+0080..U+009F (C1 controls)
      out += '?';
      ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

// Staff: a single-use enrollment code (optionally for re-enrolling one terminal id).
int enroll_code(const Options& o) {
  auto store = open_store(o);
  if (!store) {
    std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str());
    return 1;
  }
  if (o.valid_hours < 1 || o.valid_hours > 24 * 30) {
    std::fprintf(stderr, "bianmin-hub: --valid-hours must be 1..720\n");
    return 2;
  }
  auto code = (*store)->new_enroll_code(o.terminal_id, o.valid_hours * 3600);
  if (!code) {
    std::fprintf(stderr, "bianmin-hub: %s\n", code.error().to_string().c_str());
    return 1;
  }
  std::printf("%s\n", code->c_str());
  std::fflush(stdout);
  std::fprintf(stderr,
               "一次性登记码，%lld 小时内有效%s。终端上：bianmin-sync enroll --id %s --token-file <存有此码的文件>\n",
               static_cast<long long>(o.valid_hours),
               o.terminal_id.empty() ? "（仅限新终端）" : ("，用于替换终端 " + o.terminal_id).c_str(),
               o.terminal_id.empty() ? "<终端编号>" : o.terminal_id.c_str());
  return 0;
}

// Staff repair: withdraw the manifest a channel serves now (moved aside, files kept), so the
// next genuine push is accepted whatever version the withdrawn one claimed.
int reset_channel(const Options& o) {
  const std::string& ch = o.positional;
  if (!valid_channel_name(ch)) {
    std::fprintf(stderr, "bianmin-hub: reset-channel needs a channel name\n");
    return 2;
  }
  fs::path dir = o.channel_root() / ch;
  if (!fs::exists(dir / "manifest.json")) {
    std::fprintf(stderr, "bianmin-hub: channel %s serves no manifest\n", ch.c_str());
    return 1;
  }
  fs::path aside = dir / ("withdrawn-" + std::to_string(std::time(nullptr)));
  std::error_code ec;
  fs::create_directories(aside, ec);
  // Manifest first: a reader never sees a manifest without its signature.
  fs::rename(dir / "manifest.json", aside / "manifest.json", ec);
  if (ec) {
    std::fprintf(stderr, "bianmin-hub: %s\n", ec.message().c_str());
    return 1;
  }
  fs::rename(dir / "manifest.sig", aside / "manifest.sig", ec);
  // The renames are done either way; without the fsync a power cut could undo them.
  if (auto st = sync::fsync_dir(dir); !st)
    std::fprintf(stderr, "bianmin-hub: warning: %s\n", st.error().to_string().c_str());
  std::printf("channel %s: manifest withdrawn to %s; the next push is accepted\n", ch.c_str(), aside.c_str());
  return 0;
}

// Staff: adds a console account (or, with --replace, sets its password, name and role).
// The password comes from --password-file or the first line of standard input, never the
// command line (which other users of the machine can read in ps).
int add_staff(const Options& o) {
  auto role = console::parse_role(o.role);
  if (o.positional.empty() || !role) {
    std::fprintf(stderr,
                 "usage: bianmin-hub add-staff USER --role 经办|审核 [--name 姓名] [--password-file F] [--replace]\n");
    return 2;
  }
  std::string password;
  if (!o.password_file.empty()) {
    auto t = sync::read_whole_file(o.password_file);
    if (!t) {
      std::fprintf(stderr, "bianmin-hub: cannot read %s\n", o.password_file.c_str());
      return 1;
    }
    password = *t;
  } else {
    if (isatty(0)) std::fprintf(stderr, "密码（至少 8 位）：");
    std::getline(std::cin, password);
  }
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  std::error_code ec;
  fs::create_directories(o.data, ec);
  auto store = console::StaffStore::open(o.console_place());
  if (!store) {
    std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str());
    return 1;
  }
  if (auto st = (*store)->add_staff(o.positional, o.display_name, *role, password, o.replace, std::time(nullptr));
      !st) {
    std::fprintf(stderr, "bianmin-hub: %s\n", st.error().to_string().c_str());
    return 1;
  }
  std::printf("工作人员 %s（%s）已%s，可在 /console/ 登录\n", o.positional.c_str(), console::role_label(*role),
              o.replace ? "更新" : "添加");
  return 0;
}

// Maintainers moving a hall's hub to the county's PostgreSQL: with the hub stopped and
// hub.toml's [store] naming the database, copies everything in <data>/hub.db into it
// (store_migrate.hpp). hub.db is kept as it was.
int migrate_store(const Options& o) {
  if (o.store.engine != hub::StoreChoice::Engine::Postgresql || o.store.connection.empty()) {
    std::fprintf(stderr,
                 "bianmin-hub: migrate-store copies hub.db into PostgreSQL: set [store] engine = \"postgresql\" and "
                 "its connection in hub.toml (or --store-engine postgresql --store-connection CONNINFO) first\n");
    return 2;
  }
  auto report = hub::migrate_to_postgresql(o.data / "hub.db", o.store.connection, o.data / "changes");
  if (!report) {
    std::fprintf(stderr, "bianmin-hub: nothing was copied: %s\n", report.error().to_string().c_str());
    return 1;
  }
  for (const auto& [table, rows] : report->tables) std::printf("%-18s %lld 行\n", table.c_str(), (long long)rows);
  std::printf("已把 %s 的 %lld 行复制到 PostgreSQL。启动 bianmin-hub 后即使用 PostgreSQL；%s 原样保留。\n",
              (o.data / "hub.db").c_str(), (long long)report->rows(), (o.data / "hub.db").c_str());
  return 0;
}

// Staff: seals the publisher key (bianmin-publish keygen) with a passphrase into the hub's
// state, for approval in the console (sync/console/sealed_key.hpp). The passphrase comes from
// --password-file or standard input. Delete the plain key file from this machine afterwards.
int seal_key(const Options& o) {
  if (o.positional.empty()) {
    std::fprintf(stderr,
                 "usage: bianmin-hub seal-key publisher.key [--data DIR] [--publish-key OUT] [--password-file F]\n");
    return 2;
  }
  auto key = sync::read_secret_key(o.positional);
  if (!key) {
    std::fprintf(stderr, "bianmin-hub: %s\n", key.error().to_string().c_str());
    return 1;
  }
  std::string pass;
  if (!o.password_file.empty()) {
    auto t = sync::read_whole_file(o.password_file);
    if (t) pass = *t;
  } else {
    if (isatty(0)) std::fprintf(stderr, "签名口令（至少 10 个字符，审核人员批准时输入）：");
    std::getline(std::cin, pass);
  }
  while (!pass.empty() && (pass.back() == '\n' || pass.back() == '\r')) pass.pop_back();
  fs::path out = o.publish_key.empty() ? o.data / "publisher.key.sealed" : o.publish_key;
  std::error_code ec;
  fs::create_directories(out.parent_path(), ec);
  auto st = console::seal_key(out, *key, pass);
  console::wipe(*key);
  if (!st) {
    std::fprintf(stderr, "bianmin-hub: %s\n", st.error().to_string().c_str());
    return 1;
  }
  std::printf("签名密钥 %s 已用口令加密存入 %s；请删除这台机器上的明文密钥文件 %s\n", key->key_id.c_str(), out.c_str(),
              o.positional.c_str());
  return 0;
}

int terminals(const Options& o) {
  auto store = open_store(o);
  if (!store) {
    std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str());
    return 1;
  }
  Options copy = o;
  Hub hub(copy, std::move(*store));
  json fleet = hub.fleet_json();
  if (o.json_out) {
    std::cout << fleet.dump(2) << "\n";
    return 0;
  }
  std::printf("%-16s %-8s %-8s %-10s %-8s %-12s %-10s %-8s %s\n", "终端", "版本", "最新", "状态", "打印机", "最后在线",
              "上次同步", "事件", "app");
  for (const auto& t : fleet) {
    std::string state = t["offline"].get<bool>()       ? "离线"
                        : t["unconfirmed"].get<bool>() ? "未确认"
                        : t["lagging"].get<bool>()     ? "落后"
                                                       : "正常";
    std::time_t seen = t["last_seen"].get<int64_t>();
    char buf[32] = "-";
    if (seen) {
      std::tm tm{};
      localtime_r(&seen, &tm);
      std::strftime(buf, sizeof buf, "%m-%d %H:%M", &tm);
    }
    const std::string outcome = t["sync_outcome"].get<std::string>();
    const char* sync_word = outcome == "up_to_date" ? "最新"
                            : outcome == "updated"  ? "已更新"
                            : outcome == "failed"   ? "失败"
                                                    : "-";
    std::printf("%-16s %-8lld %-8lld %-10s %-8s %-12s %-10s %-8lld %s\n", printable(t["id"].get<std::string>()).c_str(),
                static_cast<long long>(t["content_version"].get<int64_t>()),
                static_cast<long long>(t["latest_version"].get<int64_t>()), state.c_str(),
                printable(t["printer_state"].get<std::string>()).c_str(), buf, sync_word,
                static_cast<long long>(t["events"].get<int64_t>()),
                printable(t["app_version"].get<std::string>()).c_str());
  }
  // The alerts the console's terminals page shows (its texts are the hub's own words).
  for (const auto& t : fleet)
    for (const auto& a : t["alerts"]) std::printf("告警：%s\n", printable(a["text"].get<std::string>()).c_str());
  return 0;
}

// The token hashes of config/samples/hub.toml, which every copy of the source publishes: a hub
// that still holds them lets anyone push content or enroll. Exit status 78 (EX_CONFIG) so the
// unit does not restart it (RestartPreventExitStatus=) until hub.toml is fixed.
constexpr int kExitConfig = 78;
constexpr std::string_view kSampleTokenHashes[] = {
    "sha256:b3e26114b3fef37f8ad1a7675484f9c028deebeb07cedcdb9d3aa0da7090736f",
};

bool refuses_sample_tokens(const std::vector<std::string>& staff, const std::string& enroll, const std::string& file) {
  bool sample = false;
  for (auto h : kSampleTokenHashes) {
    if (enroll == h) sample = true;
    for (const auto& s : staff) sample = sample || s == h;
  }
  if (!sample) return false;
  std::fprintf(stderr,
               "bianmin-hub: %s 仍使用示例令牌，拒绝启动。\n"
               "bianmin-hub: %s still holds the sample token hashes; refusing to start.\n"
               "  每位工作人员一个令牌，终端登记一个令牌 (one token per staff member, one for enrollment):\n"
               "    bianmin-config new-token\n"
               "  把打印的 hash 写入 [[staff]] token_hash 和 [terminals] enroll_token_hash，令牌本身交给使用人\n"
               "  (put each printed hash into hub.toml, give the token itself to its user), then:\n"
               "    bianmin-hub --check-config %s && systemctl restart bianmin-hub\n",
               file.c_str(), file.c_str(), file.c_str());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  if (cmd == "--check-config") {
    std::string file = argc > 2 ? argv[2] : config::kDefaultHubConfigPath;
    std::ostringstream report;  // "配置正确" only when the tokens are real ones too
    int rc = config::check_hub_config_main(file, report);
    if (rc == 0) {
      auto loaded = config::load_hub_config(file);
      std::vector<std::string> staff;
      for (const auto& t : loaded.config.staff_tokens) staff.push_back(t.token_hash);
      if (refuses_sample_tokens(staff, loaded.config.enroll_token_hash, file)) return kExitConfig;
    }
    std::cout << report.str();
    return rc;
  }
  Options o;
  if (!parse(argc, argv, o)) return usage();
  if (cmd == "serve") {
    std::string file = "hub.toml";
    for (int i = 2; i + 1 < argc; ++i)
      if (std::string_view(argv[i]) == "--config") file = argv[i + 1];
    if (refuses_sample_tokens(o.staff_hashes, o.enroll_hash, file)) return kExitConfig;
    return serve(o);
  }
  if (cmd == "terminals") return terminals(o);
  if (cmd == "enroll-code") return enroll_code(o);
  if (cmd == "add-staff") return add_staff(o);
  if (cmd == "seal-key") return seal_key(o);
  if (cmd == "reset-channel") return reset_channel(o);
  if (cmd == "migrate-store") return migrate_store(o);
  return usage();
}
