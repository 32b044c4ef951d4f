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
#include "guarded_server.hpp"
#include "hub_store.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace bianmin;

namespace {

struct Options {
  fs::path data;
  fs::path channels;            // empty = <data>/channels
  fs::path trust;               // the hall's trust list; pushes are refused without one
  std::string listen = "127.0.0.1:8470";
  fs::path port_file;
  std::vector<std::string> staff_hashes;  // "sha256:<hex>" (config::hash_token)
  std::string enroll_hash;
  int delay_ms = 0;             // test aid: every answer waits this long (a slow link)
  int64_t offline_after_s = 7200;
  int64_t lagging_after_s = 0;  // behind the newest version for longer than this = lagging
  int64_t max_upload_bytes = int64_t{1024} << 20;
  int report_retention_days = 400;
  hub::ConnectionLimits limits;
  bool json_out = false;
  std::string positional;   // reset-channel's channel
  std::string terminal_id;  // enroll-code --terminal
  int64_t valid_hours = 24; // enroll-code --valid-hours
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

// Any request body but a bundle file upload is a small JSON document.
constexpr int64_t kMaxJsonBody = int64_t{4} << 20;

// A channel name as the routes accept it; anything else (e.g. a heartbeat's free-text
// channel field) is never used as a path.
bool valid_channel_name(const std::string& ch) {
  if (ch.empty() || ch.size() > 64) return false;
  for (char c : ch)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

struct ChannelState {
  std::string manifest;
  std::string signature;
};

class Hub {
public:
  Hub(Options o, std::unique_ptr<hub::HubStore> store) : o_(std::move(o)), store_(std::move(store)) {}

  fs::path channel_dir(const std::string& ch) const { return o_.channel_root() / ch; }

  bool read_channel(const std::string& ch, ChannelState& out) {
    if (!valid_channel_name(ch)) return false;
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

  // The hall's trust list, read at every push (so retiring a key takes effect at once).
  Result<sync::TrustStore> load_trust() const {
    using R = Result<sync::TrustStore>;
    if (o_.trust.empty()) return R::fail("the hub has no trust list (paths.trusted_keys in hub.toml): pushes are refused");
    auto t = sync::TrustStore::read(o_.trust);
    if (!t) return R::fail("cannot read the trust list " + o_.trust.string() + ": pushes are refused (" + t.error().message + ")");
    return t;
  }
  // The channel's current manifest, when the trust list verifies it (caller holds channel_mu_).
  // One it does not verify (e.g. pushed before the hub checked signatures) does not count:
  // it cannot block a genuine push.
  std::optional<sync::BundleManifest> current_manifest(const std::string& ch, const sync::TrustStore& trust) const {
    auto text = sync::read_whole_file(channel_dir(ch) / "manifest.json");
    auto sig = sync::read_whole_file(channel_dir(ch) / "manifest.sig");
    if (!text || !sig) return std::nullopt;
    if (!sync::verify_signed(*text, *sig, trust)) {
      std::fprintf(stderr, "bianmin-hub: channel %s: the manifest served now is not signed by a trusted key; it does not block pushes\n",
                   ch.c_str());
      return std::nullopt;
    }
    auto m = sync::parse_manifest(*text);
    if (!m) return std::nullopt;
    return *m;
  }

  // Who presents an enrollment credential: the shared token (new ids only) or a staff code.
  struct EnrollAuth {
    bool is_code = false;
    std::string code, terminal_id;  // the code's terminal ("" = any new id)
  };
  std::optional<EnrollAuth> enroll_auth(const std::string& token) {
    if (token.empty()) return std::nullopt;
    if (token_ok(token, o_.enroll_hash)) return EnrollAuth{};
    if (auto id = store_->enroll_code(token)) return EnrollAuth{true, token, *id};
    return std::nullopt;
  }

  void prune_reports() {
    auto n = store_->prune_reports(o_.report_retention_days);
    if (!n) std::fprintf(stderr, "bianmin-hub: %s\n", n.error().to_string().c_str());
    else if (*n > 0)
      std::fprintf(stderr, "bianmin-hub: deleted %lld report events older than %d days\n", static_cast<long long>(*n),
                   o_.report_retention_days);
  }

  // Who may send what, decided from the request line and headers alone, before any body
  // byte is read (GuardedServer). Handlers check their token again.
  bool guard(const httplib::Request& req, httplib::Response& res) {
    const std::string& path = req.path;
    bool chunked = req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
    int64_t length = 0;
    if (req.has_header("Content-Length")) length = std::atoll(req.get_header_value("Content-Length").c_str());
    bool upload = req.method == "PUT" && path.rfind("/api/channels/", 0) == 0 && path.find("/files/") != std::string::npos;
    if (path.rfind("/api/", 0) == 0) {
      bool ok = false;
      if (path.rfind("/api/channels/", 0) == 0 || path == "/api/terminals") ok = staff_ok(req, o_);
      else if (path == "/api/enroll") ok = enroll_auth(bearer(req)).has_value();
      else if (path == "/api/heartbeat" || path == "/api/outbox") ok = terminal(req).has_value();
      else {
        reply_error(res, 404, "no such API");
        return false;
      }
      if (!ok) {
        reply_error(res, 401, "token required");
        return false;
      }
    }
    if (upload) {
      if (length > o_.max_upload_bytes) {
        reply_error(res, 413, "file larger than limits.max_upload_mb");
        return false;
      }
      return true;
    }
    if (chunked) {
      reply_error(res, 411, "Content-Length required");
      return false;
    }
    if (length > kMaxJsonBody) {
      reply_error(res, 413, "request too large");
      return false;
    }
    return true;
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
      // latest_version() refuses a channel name that is not one (a heartbeat's field is free text).
      if (!latest.count(t.hb.channel)) latest[t.hb.channel] = latest_version(t.hb.channel);
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
                     {"freshness", t.hb.freshness},
                     // The terminal cannot confirm its content is current (its manifest expired).
                     {"unconfirmed", t.hb.freshness == "unconfirmed"},
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
    // Uploads stream to <channel>/incoming/ (never served); a push's files reach files/ only
    // when its manifest passes every check (see the manifest route).
    srv.Put(R"(/api/channels/([A-Za-z0-9_-]+)/files/([A-Za-z0-9._-]+))",
            [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read_body) {
              if (!staff_ok(req, o_)) return reply_error(res, 401, "staff token required");
              std::string name = req.matches[2];
              if (!sync::is_plain_file_name(name)) return reply_error(res, 400, "bad file name");
              fs::path dir = channel_dir(req.matches[1]) / "incoming";
              std::error_code ec;
              fs::create_directories(dir, ec);
              fs::path tmp = dir / ("." + name + "." + std::to_string(::getpid()) + "-" +
                                    std::to_string(upload_seq_.fetch_add(1)) + ".part");
              std::FILE* f = std::fopen(tmp.c_str(), "wb");
              if (!f) return reply_error(res, 500, "cannot store the upload");
              int64_t total = 0;
              bool too_big = false, write_failed = false;
              bool complete = read_body([&](const char* data, size_t n) {
                total += static_cast<int64_t>(n);
                if (total > o_.max_upload_bytes) return !(too_big = true);
                if (std::fwrite(data, 1, n, f) != n) return !(write_failed = true);
                return true;
              });
              bool flushed = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
              std::fclose(f);
              auto drop = [&](int status, const std::string& msg) {
                fs::remove(tmp, ec);
                hub::GuardedServer::close_after_response(res);
                reply_error(res, status, msg);
              };
              if (too_big) return drop(413, "file larger than limits.max_upload_mb");
              if (write_failed || !flushed) return drop(500, "cannot store the upload");
              if (!complete) return drop(400, "upload incomplete");
              fs::rename(tmp, dir / name, ec);
              if (ec) return drop(500, "cannot store the upload");
              reply_json(res, 200, json{{"stored", name}, {"size", total}});
            });
    srv.Put(R"(/api/channels/([A-Za-z0-9_-]+)/manifest)", [this](const httplib::Request& req, httplib::Response& res) {
      if (!staff_ok(req, o_)) return reply_error(res, 401, "staff token required");
      std::string ch = req.matches[1];
      json j = json::parse(req.body, nullptr, false);
      if (j.is_discarded() || !j.is_object()) return reply_error(res, 400, "JSON expected");
      const json& mj = j.contains("manifest") ? j["manifest"] : json();
      const json& sj = j.contains("signature") ? j["signature"] : json();
      if (!mj.is_string() || !sj.is_string()) return reply_error(res, 400, "manifest and signature expected");
      std::string manifest = mj.get<std::string>(), sig;
      if (!sync::from_hex(sj.get<std::string>(), sig)) return reply_error(res, 400, "signature must be hex");
      // The hub refuses what terminals would refuse: a manifest the hall's trust list does not
      // verify never reaches them, and never blocks a genuine push by its version.
      auto trust = load_trust();
      if (!trust) return reply_error(res, 503, trust.error().message);
      auto who = sync::verify_signed(manifest, sig, *trust);
      if (!who) return reply_error(res, 403, who.error().message);
      auto m = sync::parse_manifest(manifest);
      if (!m) return reply_error(res, 400, m.error().message);
      if (m->key_id != *who) return reply_error(res, 403, "manifest names key " + m->key_id + ", signed by " + *who);
      if (m->channel != ch) return reply_error(res, 400, "manifest is for channel " + m->channel);
      fs::path dir = channel_dir(ch);
      // Every file checked first (outside the lock: a large file takes a while to hash, and
      // terminals keep reading the current manifest meanwhile). A file already served must
      // have exactly the bytes named; a new one comes from incoming/.
      std::vector<std::string> to_move;
      std::vector<std::tuple<std::string, int64_t, std::string>> files = {{m->full_file, m->full_size, m->full_sha256}};
      for (const auto& d : m->deltas) files.emplace_back(d.file, d.size, d.sha256);
      for (const auto& [name, size, sha] : files) {
        std::error_code ec;
        if (fs::exists(dir / "files" / name, ec)) {
          if (auto st = sync::check_file(dir / "files" / name, size, sha); !st)
            return reply_error(res, 409, "files/" + name + " is already published with other bytes (published files never change): " +
                                             st.error().message);
          continue;
        }
        if (auto st = sync::check_file(dir / "incoming" / name, size, sha); !st)
          return reply_error(res, 409, "upload the files first: " + st.error().to_string());
        to_move.push_back(name);
      }
      std::lock_guard lock(channel_mu_);
      if (auto cur = current_manifest(ch, *trust); cur && cur->version >= m->version) {
        // The same version re-signed with a later expiry (bianmin-publish sign): a renewal.
        bool renewal = cur->version == m->version && cur->content_hash == m->content_hash &&
                       cur->db_sha256 == m->db_sha256 && cur->full_sha256 == m->full_sha256 &&
                       sync::iso_utc_to_unix(m->expires_at) > sync::iso_utc_to_unix(cur->expires_at);
        if (!renewal) return reply_error(res, 409, "the hub already has version " + std::to_string(cur->version));
      }
      std::error_code ec;
      fs::create_directories(dir / "files", ec);
      for (const auto& name : to_move) {
        fs::rename(dir / "incoming" / name, dir / "files" / name, ec);
        if (ec) return reply_error(res, 500, "cannot publish " + name + ": " + ec.message());
      }
      if (auto st = sync::fsync_dir(dir / "files"); !st) return reply_error(res, 500, st.error().to_string());
      if (auto st = sync::write_file_atomic(dir / "manifest.sig", sig); !st) return reply_error(res, 500, st.error().to_string());
      if (auto st = sync::write_file_atomic(dir / "manifest.json", manifest); !st) return reply_error(res, 500, st.error().to_string());
      for (const auto& f : files) fs::remove(dir / "incoming" / std::get<0>(f), ec);  // re-uploads of published files
      std::fprintf(stderr, "bianmin-hub: channel %s now at version %lld\n", ch.c_str(), static_cast<long long>(m->version));
      reply_json(res, 200, json{{"channel", ch}, {"version", m->version}});
    });
    srv.Post("/api/enroll", [this](const httplib::Request& req, httplib::Response& res) {
      auto who = enroll_auth(bearer(req));
      if (!who) return reply_error(res, 401, "enrollment token or code required");
      json j = json::parse(req.body, nullptr, false);
      std::string id = j.is_object() ? j.value("terminal_id", "") : "";
      if (id.empty() || id.size() > 100) return reply_error(res, 400, "terminal_id required");
      // A code made for one terminal re-enrolls that terminal only; the shared token and
      // unbound codes enroll new ids only (an enrolled terminal is never cut off by them).
      if (who->is_code && !who->terminal_id.empty() && who->terminal_id != id)
        return reply_error(res, 403, "this code is for terminal " + who->terminal_id);
      bool replace = who->is_code && who->terminal_id == id;
      if (who->is_code && !store_->use_enroll_code(who->code)) return reply_error(res, 401, "this code was used already or expired");
      auto token = store_->enroll(id, j.value("name", ""), replace);
      if (!token) return reply_error(res, token.error().field == "terminal_id" ? 409 : 500, token.error().message);
      std::fprintf(stderr, "bianmin-hub: terminal %s enrolled%s\n", id.c_str(), replace ? " again (staff code)" : "");
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
      hb.freshness = j.value("freshness", "");
      if (hb.freshness != "ok" && hb.freshness != "unconfirmed") hb.freshness.clear();
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
  std::mutex channel_mu_;
  std::atomic<uint64_t> upload_seq_{0};
};

httplib::Server* g_server = nullptr;
std::mutex g_stop_mu;
std::condition_variable g_stop_cv;
bool g_stopping = false;
void on_signal(int) {
  if (g_server) g_server->stop();
}

int usage() {
  std::fprintf(stderr,
               "usage: bianmin-hub serve [--config hub.toml] [--data DIR] [--channels DIR] [--trust KEYS.json]\n"
               "                         [--staff-token-file F] [--enroll-token-file F] [--listen HOST:PORT]\n"
               "                         [--port-file F] [--lagging-after-hours N]\n"
               "       bianmin-hub terminals [--config hub.toml] [--data DIR] [--json]\n"
               "       bianmin-hub enroll-code [--config hub.toml] [--data DIR] [--terminal ID] [--valid-hours N]\n"
               "       bianmin-hub reset-channel CHANNEL [--config hub.toml] [--data DIR] [--channels DIR]\n"
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
      if (c.listen_address.find(':') != std::string::npos) o.listen = "[" + c.listen_address + "]:" + std::to_string(c.port);
      o.staff_hashes.clear();
      for (const auto& t : c.staff_tokens) o.staff_hashes.push_back(t.token_hash);
      o.enroll_hash = c.enroll_token_hash;
      o.lagging_after_s = int64_t{c.lagging_after_hours} * 3600;
      o.max_upload_bytes = int64_t{c.max_upload_mb} << 20;
      o.report_retention_days = c.report_retention_days;
      o.trust = c.trusted_keys;
      o.limits.header_timeout_s = c.header_timeout_s;
      o.limits.body_timeout_s = c.body_timeout_s;
      o.limits.max_per_address = c.max_connections_per_address;
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
    else if (a == "--report-retention-days") o.report_retention_days = std::atoi(next().c_str());
    else if (a == "--header-timeout") o.limits.header_timeout_s = std::atoi(next().c_str());
    else if (a == "--body-timeout") o.limits.body_timeout_s = std::atoi(next().c_str());
    else if (a == "--max-connections-per-address") o.limits.max_per_address = std::atoi(next().c_str());
    else if (a == "--max-upload-mb") o.max_upload_bytes = std::atoll(next().c_str()) << 20;
    else if (a == "--offline-after") o.offline_after_s = std::atoll(next().c_str());
    else if (a == "--json") o.json_out = true;
    else if (a == "--terminal") o.terminal_id = next();
    else if (a == "--valid-hours") o.valid_hours = std::atoll(next().c_str());
    else if (!a.empty() && a[0] != '-' && o.positional.empty()) o.positional = a;
    else { std::fprintf(stderr, "bianmin-hub: unknown option %s\n", a.c_str()); return false; }
  }
  return !o.data.empty();
}

int serve(Options o) {
  if (o.trust.empty()) std::fprintf(stderr, "bianmin-hub: no trust list (paths.trusted_keys, --trust): pushes are refused\n");
  else if (auto t = sync::TrustStore::read(o.trust); !t)
    std::fprintf(stderr, "bianmin-hub: %s: pushes are refused until it can be read\n", t.error().to_string().c_str());
  if (o.staff_hashes.empty()) std::fprintf(stderr, "bianmin-hub: no staff token: pushing is disabled\n");
  std::error_code ec;
  fs::create_directories(o.data, ec);
  fs::create_directories(o.channel_root(), ec);
  auto store = hub::HubStore::open(o.data / "hub.db");
  if (!store) { std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str()); return 1; }
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) return usage();
  int port = std::atoi(o.listen.substr(colon + 1).c_str());

  std::string host = o.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  Hub hub(o, std::move(*store));
  hub.prune_reports();
  hub::GuardedServer srv(o.limits, [&hub](const httplib::Request& req, httplib::Response& res) { return hub.guard(req, res); });
  srv.set_payload_max_length(static_cast<size_t>(std::max(o.max_upload_bytes, kMaxJsonBody)));
  // Never the exception's text (it names our internals); a malformed body is the client's fault.
  srv.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    int status = 500;
    try {
      std::rethrow_exception(ep);
    } catch (const json::exception&) {
      status = 400;
    } catch (...) {
    }
    reply_error(res, status, status == 400 ? "malformed request" : "internal error");
  });
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
  std::signal(SIGPIPE, SIG_IGN);
  // Reports older than terminals.report_retention_days go at start and then every hour.
  std::thread pruner([&hub] {
    std::unique_lock lock(g_stop_mu);
    while (!g_stop_cv.wait_for(lock, std::chrono::hours(1), [] { return g_stopping; })) hub.prune_reports();
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
    if (c < 0x20 || c == 0x7f) { out += '?'; continue; }
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
  auto store = hub::HubStore::open(o.data / "hub.db");
  if (!store) { std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str()); return 1; }
  if (o.valid_hours < 1 || o.valid_hours > 24 * 30) { std::fprintf(stderr, "bianmin-hub: --valid-hours must be 1..720\n"); return 2; }
  auto code = (*store)->new_enroll_code(o.terminal_id, o.valid_hours * 3600);
  if (!code) { std::fprintf(stderr, "bianmin-hub: %s\n", code.error().to_string().c_str()); return 1; }
  std::printf("%s\n", code->c_str());
  std::fflush(stdout);
  std::fprintf(stderr, "一次性登记码，%lld 小时内有效%s。终端上：bianmin-sync enroll --id %s --token-file <存有此码的文件>\n",
               static_cast<long long>(o.valid_hours),
               o.terminal_id.empty() ? "（仅限新终端）" : ("，用于替换终端 " + o.terminal_id).c_str(),
               o.terminal_id.empty() ? "<终端编号>" : o.terminal_id.c_str());
  return 0;
}

// Staff repair: withdraw the manifest a channel serves now (moved aside, files kept), so the
// next genuine push is accepted whatever version the withdrawn one claimed.
int reset_channel(const Options& o) {
  const std::string& ch = o.positional;
  if (!valid_channel_name(ch)) { std::fprintf(stderr, "bianmin-hub: reset-channel needs a channel name\n"); return 2; }
  fs::path dir = o.channel_root() / ch;
  if (!fs::exists(dir / "manifest.json")) { std::fprintf(stderr, "bianmin-hub: channel %s serves no manifest\n", ch.c_str()); return 1; }
  fs::path aside = dir / ("withdrawn-" + std::to_string(std::time(nullptr)));
  std::error_code ec;
  fs::create_directories(aside, ec);
  // Manifest first: a reader never sees a manifest without its signature.
  fs::rename(dir / "manifest.json", aside / "manifest.json", ec);
  if (ec) { std::fprintf(stderr, "bianmin-hub: %s\n", ec.message().c_str()); return 1; }
  fs::rename(dir / "manifest.sig", aside / "manifest.sig", ec);
  sync::fsync_dir(dir);
  std::printf("channel %s: manifest withdrawn to %s; the next push is accepted\n", ch.c_str(), aside.c_str());
  return 0;
}

int terminals(const Options& o) {
  auto store = hub::HubStore::open(o.data / "hub.db");
  if (!store) { std::fprintf(stderr, "bianmin-hub: %s\n", store.error().to_string().c_str()); return 1; }
  Options copy = o;
  Hub hub(copy, std::move(*store));
  json fleet = hub.fleet_json();
  if (o.json_out) { std::cout << fleet.dump(2) << "\n"; return 0; }
  std::printf("%-16s %-8s %-8s %-10s %-8s %-12s %-8s %s\n", "终端", "版本", "最新", "状态", "打印机", "最后在线", "事件", "app");
  for (const auto& t : fleet) {
    std::string state = t["offline"].get<bool>()       ? "离线"
                        : t["unconfirmed"].get<bool>() ? "未确认"
                        : t["lagging"].get<bool>()     ? "落后"
                                                       : "正常";
    std::time_t seen = t["last_seen"].get<int64_t>();
    char buf[32] = "-";
    if (seen) { std::tm tm{}; localtime_r(&seen, &tm); std::strftime(buf, sizeof buf, "%m-%d %H:%M", &tm); }
    std::printf("%-16s %-8lld %-8lld %-10s %-8s %-12s %-8lld %s\n", printable(t["id"].get<std::string>()).c_str(),
                static_cast<long long>(t["content_version"].get<int64_t>()), static_cast<long long>(t["latest_version"].get<int64_t>()),
                state.c_str(), printable(t["printer_state"].get<std::string>()).c_str(), buf,
                static_cast<long long>(t["events"].get<int64_t>()), printable(t["app_version"].get<std::string>()).c_str());
  }
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
  if (cmd == "reset-channel") return reset_channel(o);
  return usage();
}
