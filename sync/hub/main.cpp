// bianmin-hub: one hall's server. Serves channel directories (manifest with ETag, files with
// Range), takes signed pushes from staff, enrolls terminals, stores their heartbeats and
// outbox batches, lists the fleet.
//
//   bianmin-hub serve [--config hub.toml] [--data DIR] [--channels DIR] [--trust KEYS.json]
//                     [--staff-token-file F] [--enroll-token-file F] [--listen HOST:PORT]
//                     [--port-file F] [--lagging-after-hours N] [--delay-ms N]
//   bianmin-hub terminals [--config hub.toml] [--data DIR] [--json]
//   bianmin-hub --check-config [hub.toml]
//
// --config reads hub.toml (bianmin_config): server.listen_address/port, paths.data_dir and
// channel_dir, staff[].token_hash, terminals.enroll_token_hash and lagging_after_hours,
// limits.max_upload_mb. Options after it override it. Token files hold the token itself; the
// config holds only hashes ("sha256:<hex>", bianmin-config new-token).
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

#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "bianmin/config/check.hpp"
#include "bianmin/config/hub_config.hpp"
#include "bianmin/config/secrets.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"
#include "hub_store.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace bianmin;

namespace {

struct Options {
  fs::path data;
  fs::path channels;            // empty = <data>/channels
  fs::path trust;               // empty = pushed manifests are checked for form and files only
  std::string listen = "127.0.0.1:8470";
  fs::path port_file;
  std::vector<std::string> staff_hashes;  // "sha256:<hex>" (config::hash_token)
  std::string enroll_hash;
  int delay_ms = 0;             // test aid: every answer waits this long (a slow link)
  int64_t offline_after_s = 7200;
  int64_t lagging_after_s = 0;  // behind the newest version for longer than this = lagging
  int64_t max_upload_bytes = int64_t{1024} << 20;
  bool json_out = false;
  fs::path channel_root() const { return channels.empty() ? data / "channels" : channels; }
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

bool read_token(const fs::path& p, std::string& out) {
  auto t = sync::read_whole_file(p);
  if (!t) return false;
  out = trim(*t);
  return !out.empty();
}

std::string bearer(const httplib::Request& req) {
  auto h = req.get_header_value("Authorization");
  if (h.rfind("Bearer ", 0) == 0) return h.substr(7);
  return {};
}

bool token_ok(const std::string& token, const std::string& stored_hash) {
  return !token.empty() && !stored_hash.empty() && config::verify_token(token, stored_hash);
}
bool staff_ok(const httplib::Request& req, const Options& o) {
  std::string t = bearer(req);
  for (const auto& h : o.staff_hashes)
    if (token_ok(t, h)) return true;
  return false;
}

void reply_json(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_content(j.dump(), "application/json; charset=utf-8");
}
void reply_error(httplib::Response& res, int status, const std::string& msg) {
  reply_json(res, status, json{{"error", msg}});
}

struct ChannelState {
  std::string manifest;
  std::string signature;
};

class Hub {
public:
  Hub(Options o, std::unique_ptr<hub::HubStore> store, sync::TrustStore trust)
      : o_(std::move(o)), store_(std::move(store)), trust_(std::move(trust)) {}

  fs::path channel_dir(const std::string& ch) const { return o_.channel_root() / ch; }

  bool read_channel(const std::string& ch, ChannelState& out) {
    std::lock_guard lock(channel_mu_);
    auto m = sync::read_whole_file(channel_dir(ch) / "manifest.json");
    auto s = sync::read_whole_file(channel_dir(ch) / "manifest.sig");
    if (!m || !s) return false;
    out.manifest = *m;
    out.signature = *s;
    return true;
  }

  int64_t latest_version(const std::string& ch) {
    ChannelState cs;
    if (!read_channel(ch, cs)) return 0;
    auto m = sync::parse_manifest(cs.manifest);
    return m ? m->version : 0;
  }
  // When the hub got its newest version of `ch` (the manifest file's time), unix seconds.
  int64_t latest_since(const std::string& ch) const {
    struct stat sb {};
    if (stat((channel_dir(ch) / "manifest.json").c_str(), &sb) != 0) return 0;
    return static_cast<int64_t>(sb.st_mtime);
  }

  void delay() const {
    if (o_.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(o_.delay_ms));
  }

  std::optional<std::string> terminal(const httplib::Request& req) {
    auto t = bearer(req);
    if (t.empty()) return std::nullopt;
    return store_->terminal_for_token(t);
  }

  json fleet_json() {
    json arr = json::array();
    int64_t now = static_cast<int64_t>(std::time(nullptr));
    std::map<std::string, int64_t> latest;
    for (const auto& t : store_->terminals()) {
      if (!latest.count(t.hb.channel)) latest[t.hb.channel] = t.hb.channel.empty() ? 0 : latest_version(t.hb.channel);
      bool offline = t.last_seen == 0 || now - t.last_seen > o_.offline_after_s;
      bool behind = t.hb.content_version < latest[t.hb.channel];
      // Lagging: behind the newest version for longer than lagging_after (a terminal that is
      // just downloading it is not).
      bool lagging = behind && now - latest_since(t.hb.channel) >= o_.lagging_after_s;
      arr.push_back({{"id", t.id},
                     {"name", t.name},
                     {"last_seen", t.last_seen},
                     {"channel", t.hb.channel},
                     {"content_version", t.hb.content_version},
                     {"content_label", t.hb.content_label},
                     {"latest_version", latest[t.hb.channel]},
                     {"behind", behind},
                     {"lagging", lagging},
                     {"offline", offline},
                     {"last_sync", t.hb.last_sync},
                     {"printer_state", t.hb.printer_state},
                     {"disk_free_mb", t.hb.disk_free_mb},
                     {"uptime_s", t.hb.uptime_s},
                     {"app_version", t.hb.app_version},
                     {"batches", t.batches},
                     {"events", t.events}});
    }
    return arr;
  }

  void routes(httplib::Server& srv) {
    srv.Get(R"(/channels/([A-Za-z0-9_-]+)/manifest\.json)", [this](const httplib::Request& req, httplib::Response& res) {
      delay();
      ChannelState cs;
      if (!read_channel(req.matches[1], cs)) return reply_error(res, 404, "no such channel");
      std::string etag = "\"" + sync::sha256_hex(cs.manifest).substr(0, 32) + "\"";
      res.set_header("ETag", etag);
      res.set_header("Cache-Control", "no-cache");
      res.set_header("X-Bianmin-Signature", sync::to_hex(cs.signature));
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      res.set_content(cs.manifest, "application/json; charset=utf-8");
    });
    srv.Get(R"(/channels/([A-Za-z0-9_-]+)/manifest\.sig)", [this](const httplib::Request& req, httplib::Response& res) {
      delay();
      ChannelState cs;
      if (!read_channel(req.matches[1], cs)) return reply_error(res, 404, "no such channel");
      res.set_header("Cache-Control", "no-cache");
      res.set_content(cs.signature, "application/octet-stream");
    });
    srv.Get(R"(/channels/([A-Za-z0-9_-]+)/files/([A-Za-z0-9._-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      delay();
      std::string name = req.matches[2];
      if (!sync::is_plain_file_name(name)) return reply_error(res, 404, "no such file");
      fs::path p = channel_dir(req.matches[1]) / "files" / name;
      std::error_code ec;
      auto size = fs::file_size(p, ec);
      if (ec) return reply_error(res, 404, "no such file");
      auto file = std::make_shared<std::ifstream>(p, std::ios::binary);
      // Files are named by version and never change once written: cache them for good.
      res.set_header("Cache-Control", "public, max-age=31536000, immutable");
      res.set_header("Accept-Ranges", "bytes");
      res.set_content_provider(size, "application/octet-stream",
                               [file](size_t offset, size_t length, httplib::DataSink& sink) {
                                 std::vector<char> buf(std::min<size_t>(length, 1 << 16));
                                 file->clear();
                                 file->seekg(static_cast<std::streamoff>(offset));
                                 file->read(buf.data(), static_cast<std::streamsize>(buf.size()));
                                 auto n = file->gcount();
                                 if (n <= 0) return false;
                                 return sink.write(buf.data(), static_cast<size_t>(n));
                               });
    });
    srv.Put(R"(/api/channels/([A-Za-z0-9_-]+)/files/([A-Za-z0-9._-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      if (!staff_ok(req, o_)) return reply_error(res, 401, "staff token required");
      std::string name = req.matches[2];
      if (!sync::is_plain_file_name(name)) return reply_error(res, 400, "bad file name");
      fs::path dir = channel_dir(req.matches[1]) / "files";
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (auto st = sync::write_file_atomic(dir / name, req.body); !st) return reply_error(res, 500, st.error().to_string());
      reply_json(res, 200, json{{"stored", name}, {"size", req.body.size()}});
    });
    srv.Put(R"(/api/channels/([A-Za-z0-9_-]+)/manifest)", [this](const httplib::Request& req, httplib::Response& res) {
      if (!staff_ok(req, o_)) return reply_error(res, 401, "staff token required");
      std::string ch = req.matches[1];
      json j = json::parse(req.body, nullptr, false);
      if (j.is_discarded() || !j.is_object()) return reply_error(res, 400, "JSON expected");
      std::string manifest = j.value("manifest", ""), sig;
      if (!sync::from_hex(j.value("signature", ""), sig)) return reply_error(res, 400, "signature must be hex");
      // With a trust list the hub refuses what terminals would refuse; without one it only
      // checks the form (terminals verify every manifest themselves).
      if (!trust_.keys.empty()) {
        auto who = sync::verify_signed(manifest, sig, trust_);
        if (!who) return reply_error(res, 403, who.error().message);
      } else if (sig.size() != 64) {
        return reply_error(res, 400, "manifest is not signed");
      }
      auto m = sync::parse_manifest(manifest);
      if (!m) return reply_error(res, 400, m.error().message);
      if (m->channel != ch) return reply_error(res, 400, "manifest is for channel " + m->channel);
      fs::path dir = channel_dir(ch);
      if (auto st = sync::check_file(dir / "files" / m->full_file, m->full_size, m->full_sha256); !st)
        return reply_error(res, 409, "upload the files first: " + st.error().to_string());
      for (const auto& d : m->deltas)
        if (auto st = sync::check_file(dir / "files" / d.file, d.size, d.sha256); !st)
          return reply_error(res, 409, "upload the files first: " + st.error().to_string());
      std::lock_guard lock(channel_mu_);
      if (auto cur = sync::read_whole_file(dir / "manifest.json")) {
        auto cm = sync::parse_manifest(*cur);
        if (cm && cm->version >= m->version)
          return reply_error(res, 409, "the hub already has version " + std::to_string(cm->version));
      }
      if (auto st = sync::write_file_atomic(dir / "manifest.sig", sig); !st) return reply_error(res, 500, st.error().to_string());
      if (auto st = sync::write_file_atomic(dir / "manifest.json", manifest); !st) return reply_error(res, 500, st.error().to_string());
      std::fprintf(stderr, "bianmin-hub: channel %s now at version %lld\n", ch.c_str(), static_cast<long long>(m->version));
      reply_json(res, 200, json{{"channel", ch}, {"version", m->version}});
    });
    srv.Post("/api/enroll", [this](const httplib::Request& req, httplib::Response& res) {
      if (!token_ok(bearer(req), o_.enroll_hash)) return reply_error(res, 401, "enrollment token required");
      json j = json::parse(req.body, nullptr, false);
      std::string id = j.is_object() ? j.value("terminal_id", "") : "";
      if (id.empty() || id.size() > 100) return reply_error(res, 400, "terminal_id required");
      auto token = store_->enroll(id, j.value("name", ""));
      if (!token) return reply_error(res, 500, token.error().message);
      reply_json(res, 200, json{{"terminal_id", id}, {"token", *token}});
    });
    srv.Post("/api/heartbeat", [this](const httplib::Request& req, httplib::Response& res) {
      delay();
      auto id = terminal(req);
      if (!id) return reply_error(res, 401, "terminal token required");
      json j = json::parse(req.body, nullptr, false);
      if (!j.is_object()) return reply_error(res, 400, "JSON expected");
      hub::Heartbeat hb;
      hb.channel = j.value("channel", "");
      hb.content_version = j.value("content_version", int64_t{0});
      hb.content_label = j.value("content_label", "");
      hb.last_sync = j.value("last_sync", "");
      hb.printer_state = j.value("printer_state", "");
      hb.disk_free_mb = j.value("disk_free_mb", int64_t{0});
      hb.uptime_s = j.value("uptime_s", int64_t{0});
      hb.app_version = j.value("app_version", "");
      if (auto st = store_->heartbeat(*id, hb); !st) return reply_error(res, 500, st.error().message);
      reply_json(res, 200, json{{"ok", true}});
    });
    srv.Post("/api/outbox", [this](const httplib::Request& req, httplib::Response& res) {
      delay();
      auto id = terminal(req);
      if (!id) return reply_error(res, 401, "terminal token required");
      json j = json::parse(req.body, nullptr, false);
      if (!j.is_object() || !j.contains("events") || !j["events"].is_array()) return reply_error(res, 400, "JSON expected");
      std::string batch = j.value("batch_id", "");
      if (batch.empty() || batch.size() > 64) return reply_error(res, 400, "batch_id required");
      std::vector<sync::StoredEvent> events;
      for (const auto& e : j["events"]) {
        if (!e.is_object()) return reply_error(res, 400, "event must be an object");
        sync::StoredEvent se;
        se.seq = e.value("seq", int64_t{0});
        auto kind = sync::event_kind_from_name(e.value("kind", ""));
        if (!kind) return reply_error(res, 400, "unknown event kind");
        se.event.kind = *kind;
        se.event.at = e.value("at", int64_t{0});
        se.event.item = e.value("item", "");
        se.event.text = e.value("text", "");
        se.event.value = e.value("value", int64_t{0});
        events.push_back(std::move(se));
      }
      auto added = store_->add_batch(*id, batch, events);
      if (!added) return reply_error(res, 500, added.error().message);
      reply_json(res, 200, json{{"ack", batch}, {"duplicate", !*added}});
    });
    srv.Get("/api/terminals", [this](const httplib::Request& req, httplib::Response& res) {
      if (!staff_ok(req, o_)) return reply_error(res, 401, "staff token required");
      reply_json(res, 200, json{{"terminals", fleet_json()}});
    });
  }

private:
  Options o_;
  std::unique_ptr<hub::HubStore> store_;
  sync::TrustStore trust_;
  std::mutex channel_mu_;
};

httplib::Server* g_server = nullptr;
void on_signal(int) {
  if (g_server) g_server->stop();
}

int usage() {
  std::fprintf(stderr,
               "usage: bianmin-hub serve [--config hub.toml] [--data DIR] [--channels DIR] [--trust KEYS.json]\n"
               "                         [--staff-token-file F] [--enroll-token-file F] [--listen HOST:PORT]\n"
               "                         [--port-file F] [--lagging-after-hours N]\n"
               "       bianmin-hub terminals [--config hub.toml] [--data DIR] [--json]\n"
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
      o.channels = c.channels();
      o.listen = c.listen_address + ":" + std::to_string(c.port);
      if (c.listen_address.find(':') != std::string::npos) o.listen = "[" + c.listen_address + "]:" + std::to_string(c.port);
      o.staff_hashes.clear();
      for (const auto& t : c.staff_tokens) o.staff_hashes.push_back(t.token_hash);
      o.enroll_hash = c.enroll_token_hash;
      o.lagging_after_s = int64_t{c.lagging_after_hours} * 3600;
      o.max_upload_bytes = int64_t{c.max_upload_mb} << 20;
    }
    else if (a == "--data") o.data = next();
    else if (a == "--channels") o.channels = next();
    else if (a == "--lagging-after-hours") o.lagging_after_s = std::atoll(next().c_str()) * 3600;
    else if (a == "--trust") o.trust = next();
    else if (a == "--listen") o.listen = next();
    else if (a == "--port-file") o.port_file = next();
    else if (a == "--staff-token-file") {
      std::string t;
      if (!read_token(next(), t)) return false;
      o.staff_hashes.push_back(config::hash_token(t));
    }
    else if (a == "--enroll-token-file") {
      std::string t;
      if (!read_token(next(), t)) return false;
      o.enroll_hash = config::hash_token(t);
    }
    else if (a == "--delay-ms") o.delay_ms = std::atoi(next().c_str());
    else if (a == "--offline-after") o.offline_after_s = std::atoll(next().c_str());
    else if (a == "--json") o.json_out = true;
    else { std::fprintf(stderr, "bianmin-hub: unknown option %s\n", a.c_str()); return false; }
  }
  return !o.data.empty();
}

int serve(Options o) {
  sync::TrustStore trust;
  if (!o.trust.empty()) {
    auto t = sync::TrustStore::read(o.trust);
    if (!t) { std::fprintf(stderr, "bianmin-hub: %s\n", t.error().to_string().c_str()); return 1; }
    trust = *t;
  }
  if (o.staff_hashes.empty()) std::fprintf(stderr, "bianmin-hub: no staff token: pushing is disabled\n");
  std::error_code ec;
  fs::create_directories(o.channel_root(), ec);
  auto store = hub::HubStore::open(o.data / "hub.db");
  if (!store) { std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str()); return 1; }
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) return usage();
  int port = std::atoi(o.listen.substr(colon + 1).c_str());

  std::string host = o.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  Hub hub(o, std::move(*store), std::move(trust));
  httplib::Server srv;
  srv.set_payload_max_length(static_cast<size_t>(o.max_upload_bytes));
  srv.set_read_timeout(30, 0);
  srv.set_write_timeout(30, 0);
  hub.routes(srv);
  if (port == 0) port = srv.bind_to_any_port(host);
  else if (!srv.bind_to_port(host, port)) port = -1;
  if (port <= 0) { std::fprintf(stderr, "bianmin-hub: cannot listen on %s\n", o.listen.c_str()); return 1; }
  if (!o.port_file.empty()) {
    if (auto st = sync::write_file_atomic(o.port_file, std::to_string(port) + "\n"); !st) return 1;
  }
  std::fprintf(stderr, "bianmin-hub: serving %s on %s:%d\n", o.data.c_str(), host.c_str(), port);
  g_server = &srv;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  srv.listen_after_bind();
  return 0;
}

int terminals(const Options& o) {
  auto store = hub::HubStore::open(o.data / "hub.db");
  if (!store) { std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str()); return 1; }
  Options copy = o;
  Hub hub(copy, std::move(*store), {});
  json fleet = hub.fleet_json();
  if (o.json_out) { std::cout << fleet.dump(2) << "\n"; return 0; }
  std::printf("%-16s %-8s %-8s %-10s %-8s %-12s %-8s %s\n", "终端", "版本", "最新", "状态", "打印机", "最后在线", "事件", "app");
  for (const auto& t : fleet) {
    std::string state = t["offline"].get<bool>() ? "离线" : t["lagging"].get<bool>() ? "落后" : "正常";
    std::time_t seen = t["last_seen"].get<int64_t>();
    char buf[32] = "-";
    if (seen) { std::tm tm{}; localtime_r(&seen, &tm); std::strftime(buf, sizeof buf, "%m-%d %H:%M", &tm); }
    std::printf("%-16s %-8lld %-8lld %-10s %-8s %-12s %-8lld %s\n", t["id"].get<std::string>().c_str(),
                static_cast<long long>(t["content_version"].get<int64_t>()), static_cast<long long>(t["latest_version"].get<int64_t>()),
                state.c_str(), t["printer_state"].get<std::string>().c_str(), buf,
                static_cast<long long>(t["events"].get<int64_t>()), t["app_version"].get<std::string>().c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  if (cmd == "--check-config")
    return config::check_hub_config_main(argc > 2 ? argv[2] : config::kDefaultHubConfigPath, std::cout);
  Options o;
  if (!parse(argc, argv, o)) return usage();
  if (cmd == "serve") return serve(o);
  if (cmd == "terminals") return terminals(o);
  return usage();
}
