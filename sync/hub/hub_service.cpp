// The hub's HTTP service: see hub_service.hpp.
#include "hub_service.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <mutex>
#include <thread>

#include "bianmin/config/secrets.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"
#include "bianmin/sync/screen_request.hpp"
#include "bianmin/sync/wire.hpp"
#include "console_web.hpp"
#include "ratings.hpp"

#ifndef BIANMIN_CONSOLE_DIR
#define BIANMIN_CONSOLE_DIR "/usr/share/bianmin/console"
#endif

namespace bianmin::hub {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
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
// 200 with a body written by the wire protocol (bianmin/sync/wire.hpp).
void reply_wire(httplib::Response& res, std::string body) {
  res.status = 200;
  res.set_content(std::move(body), "application/json; charset=utf-8");
}
void reply_error(httplib::Response& res, int status, const std::string& msg) {
  reply_json(res, status, json{{"error", msg}});
}

}  // namespace

bool read_token(const fs::path& p, std::string& out) {
  auto t = sync::read_whole_file(p);
  if (!t) return false;
  out = trim(*t);
  return !out.empty();
}

bool is_loopback(const std::string& a) {
  return a.rfind("127.", 0) == 0 || a == "::1" || a.rfind("::ffff:127.", 0) == 0;
}

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

class Hub::Impl {
 public:
  Impl(Options o, std::unique_ptr<HubStore> store) : o_(std::move(o)), store_(std::move(store)), waiters_(o_.push) {
    store_->set_followup_days(o_.followup_days);
    if (!o_.console) return;
    auto staff = console::StaffStore::open(o_.console_place(), o_.console_policy);
    if (!staff) {
      console_problem_ = staff.error().to_string();
      std::fprintf(stderr, "bianmin-hub: the console is off: %s\n", console_problem_.c_str());
      return;
    }
    staff_ = std::move(*staff);
    console::WebOptions w;
    w.www_dir = o_.console_dir.empty() ? fs::path(BIANMIN_CONSOLE_DIR) : o_.console_dir;
    if (!fs::exists(w.www_dir / "terminals.html"))
      std::fprintf(stderr, "bianmin-hub: the console's pages are not in %s (--console-dir)\n", w.www_dir.c_str());
    w.terminals = [this] { return fleet_with_alerts(); };
    w.ratings = [this](const std::string& month) { return ratings_report(month); };
    w.followup = [this](int64_t id) -> std::optional<json> {
      auto f = store_->followup(id);
      if (!f) return std::nullopt;
      return followup_json(*f);
    };
    w.ratings_csv = [this](const std::string& month) -> std::optional<std::string> {
      auto r = build_ratings(month);
      if (!r) return std::nullopt;
      return ratings::report_csv(*r);
    };
    w.update_followup = [this](int64_t id, const json& in, const std::string& by, int64_t at) {
      return store_->update_followup(id, in.value("owner", std::string()), in.value("deadline", std::string()),
                                     in.value("outcome", std::string()), in.value("done", false), by, at);
    };
    w.request_screenshot = [this](const std::string& id, const std::string& by, int64_t at) -> Status {
      auto r = request_screenshot(id, by, at);
      if (!r) return Status{r.error()};
      return Status::success();
    };
    w.screenshot = [this](const std::string& id) -> std::optional<json> {
      auto s = store_->screenshot(id);
      if (!s) return std::nullopt;
      return screenshot_json(*s);
    };
    w.screenshot_png = [this](const std::string& id) { return store_->screenshot_png(id); };
    console_ = std::make_unique<console::Console>(*staff_, std::move(w));
    console::FlowOptions f;
    f.source = o_.source.empty() ? o_.data / "source" : o_.source;
    f.changes_dir = o_.data / "changes";
    f.db = o_.console_place();
    f.channel = o_.publish_channel;
    f.sealed_key = o_.publish_key.empty() ? o_.data / "publisher.key.sealed" : o_.publish_key;
    f.kiosk = o_.preview_kiosk;
    f.village_config = o_.preview_village_config;
    f.publish = [this](const std::string& ch, const fs::path& db, const sync::KeyPair& key) {
      return publish_version(ch, db, key);
    };
    if (auto flow = console::PublishFlow::open(*console_, *staff_, std::move(f)); flow)
      flow_ = std::move(*flow);
    else
      std::fprintf(stderr, "bianmin-hub: publishing from the console is off: %s\n", flow.error().to_string().c_str());
  }

  const std::string& console_problem() const { return console_problem_; }

  // An approved change from the console: the next version of `ch`, built in the served channel
  // directory (so its numbering follows pushes from bianmin-publish too), signed with the key
  // the approver unsealed, announced to every waiting terminal.
  Result<int64_t> publish_version(const std::string& ch, const fs::path& db, const sync::KeyPair& key) {
    using R = Result<int64_t>;
    if (!valid_channel_name(ch)) return R::fail("bad channel name " + ch);
    auto trust = load_trust();
    if (!trust) return trust.error();
    bool trusted = false;
    for (const auto& k : trust->keys) trusted = trusted || (k.key_id == key.key_id && !k.retired);
    if (!trusted) return R::fail("签名密钥 " + key.key_id + " 不在本中心的信任列表里（或已停用），终端会拒收");
    std::lock_guard lock(channel_mu_);
    sync::BuildOptions bo;
    bo.channel = ch;
    if (auto store = content::Store::open_readonly(db)) bo.version_label = (*store)->info().content_version;
    auto m = sync::add_version(channel_dir(ch), db, bo, &key);
    if (!m) return m.error();
    waiters_.publish(ch, m->version);
    store_->record_version(ch, m->version, static_cast<int64_t>(std::time(nullptr)));
    std::fprintf(stderr, "bianmin-hub: channel %s now at version %lld (approved in the console)\n", ch.c_str(),
                 static_cast<long long>(m->version));
    return m->version;
  }

  fs::path channel_dir(const std::string& ch) const { return o_.channel_root() / ch; }

  Result<int64_t> request_screenshot(const std::string& id, const std::string& by, int64_t at) {
    auto r = store_->request_screenshot(id, by, at);
    if (r) waiters_.ask_screenshot(id, *r);  // its agent, holding the push channel, hears it now
    return r;
  }

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
    if (o_.trust.empty())
      return R::fail("the hub has no trust list (paths.trusted_keys in hub.toml): pushes are refused");
    auto t = sync::TrustStore::read(o_.trust);
    if (!t)
      return R::fail("cannot read the trust list " + o_.trust.string() + ": pushes are refused (" + t.error().message +
                     ")");
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
      std::fprintf(
          stderr,
          "bianmin-hub: channel %s: the manifest served now is not signed by a trusted key; it does not block pushes\n",
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
    if (!n)
      std::fprintf(stderr, "bianmin-hub: %s\n", n.error().to_string().c_str());
    else if (*n > 0)
      std::fprintf(stderr, "bianmin-hub: deleted %lld report events older than %d days\n", static_cast<long long>(*n),
                   o_.report_retention_days);
  }

  // Who may send what, decided from the request line and headers alone, before any body
  // byte is read (GuardedServer). Handlers check their token again.
  bool guard(const httplib::Request& req, httplib::Response& res) {
    const std::string& path = req.path;
    // The console carries staff passwords and session cookies: by default only from this
    // machine, i.e. through the hall's nginx with TLS (deploy/nginx/bianmin-console.conf).
    if ((path == "/console" || path.rfind("/console/", 0) == 0) && !o_.console_network &&
        !is_loopback(req.remote_addr)) {
      res.status = 403;
      res.set_content(
          "管理台请通过本中心的 https 地址打开（由 nginx 提供），不能直接访问。请联系管理员。\n"
          "The console is served through the hall's nginx with TLS only (bianmin-hub --console-network allows plain "
          "HTTP).\n",
          "text/plain; charset=utf-8");
      return false;
    }
    bool chunked = req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
    int64_t length = 0;
    if (req.has_header("Content-Length")) length = std::atoll(req.get_header_value("Content-Length").c_str());
    bool upload =
        req.method == "PUT" && path.rfind("/api/channels/", 0) == 0 && path.find("/files/") != std::string::npos;
    if (path.rfind("/api/", 0) == 0) {
      bool ok = false;
      if (path.rfind("/api/wait/", 0) == 0)
        ok = true;  // what version a channel is at is public (its manifest is)
      else if (path.rfind("/api/channels/", 0) == 0 || path == "/api/terminals")
        ok = staff_ok(req, o_);
      else if (path == "/api/enroll")
        ok = enroll_auth(bearer(req)).has_value();
      else if (path == "/api/heartbeat" || path == "/api/outbox" || path == "/api/screenshot")
        ok = terminal(req).has_value();
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

  // 好差评 (ratings.hpp): the month's report; nullopt for a malformed month.
  std::optional<ratings::Report> build_ratings(const std::string& month) {
    auto b = ratings::month_bounds(month);
    if (!b) return std::nullopt;
    return ratings::build_report(month, store_->ratings(b->first, b->second), store_->suggestions(b->first, b->second),
                                 store_->followups(b->first, b->second));
  }

  static json screenshot_json(const ScreenshotRow& s) {
    return {{"request_id", s.request_id},     {"requested_at", s.requested_at},
            {"requested_by", s.requested_by}, {"pending", s.pending()},
            {"answered_at", s.answered_at},   {"outcome", s.outcome},
            {"message", s.message},           {"refused_names", s.message == sync::kRefusedNames},
            {"image_at", s.image_at}};
  }

  static json counts_json(const ratings::Counts& c) {
    json ind = json::array();
    for (int i = 0; i < ratings::kIndicators; ++i) {
      json levels = json::array();
      for (int l = 0; l < ratings::kLevels; ++l) levels.push_back(c.n[i][l]);
      ind.push_back({{"indicator", ratings::indicator_label(static_cast<ratings::Indicator>(i))}, {"levels", levels}});
    }
    return {{"ratings", c.ratings}, {"poor", c.poor}, {"indicators", ind}};
  }

  static json followup_json(const ratings::FollowUp& f) {
    return {{"id", f.id},
            {"terminal_id", f.rating.terminal_id},
            {"terminal_name", f.rating.terminal_name},
            {"item", f.rating.item},
            {"service", ratings::service_label(f.rating.item)},
            {"value", f.rating.value},
            {"level", ratings::level_label(f.rating.value)},
            {"reasons", f.rating.reasons},
            {"at", f.rating.at},
            {"owner", f.owner},
            {"deadline", f.deadline},
            {"outcome", f.outcome},
            {"done", f.done},
            {"updated_at", f.updated_at},
            {"updated_by", f.updated_by}};
  }

  json ratings_report(const std::string& month) {
    auto r = build_ratings(month);
    if (!r) return json{{"error", "月份应写成 2026-12 这样，现在是“" + month.substr(0, 20) + "”"}};
    json levels = json::array();
    for (int v = 5; v >= 1; --v) levels.push_back(ratings::level_label(v));
    json services = json::array(), terminals = json::array(), suggestions = json::array(), followups = json::array();
    for (const auto& [item, c] : r->by_service) {
      json j = counts_json(c);
      j["item"] = item;
      j["name"] = ratings::service_label(item);
      services.push_back(j);
    }
    for (const auto& [id, c] : r->by_terminal) {
      json j = counts_json(c);
      j["id"] = id;
      j["name"] = r->terminal_names[id];
      terminals.push_back(j);
    }
    for (const auto& s : r->suggestions)
      suggestions.push_back({{"terminal_id", s.terminal_id},
                             {"terminal_name", s.terminal_name},
                             {"item", s.item},
                             {"service", ratings::service_label(s.item)},
                             {"text", s.text},
                             {"at", s.at}});
    for (const auto& f : r->followups) followups.push_back(followup_json(f));
    return json{{"month", month},
                {"levels", levels},
                {"all", counts_json(r->all)},
                {"services", services},
                {"terminals", terminals},
                {"suggestions", suggestions},
                {"followups", followups},
                {"followup_days", o_.followup_days}};
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
                     {"events", t.events},
                     {"village", t.hb.village},
                     {"behind_by", std::max<int64_t>(0, latest[t.hb.channel] - t.hb.content_version)},
                     {"printer_words", printer_words(t.hb.printer_state)},
                     {"sync_run_at", t.hb.sync_run_at},
                     {"sync_outcome", t.hb.sync_outcome},
                     {"sync_message", t.hb.sync_message},
                     {"sync_success_at", t.hb.sync_success_at},
                     {"interval_s", t.hb.interval_s},
                     {"kiosk_state", t.hb.kiosk_state},
                     {"kiosk_up_s", t.hb.kiosk_up_s},
                     {"kiosk_restarts", t.hb.kiosk_restarts},
                     {"alerts", alerts_json(t, latest[t.hb.channel], now)}});
      if (auto shot = store_->screenshot(t.id)) arr.back()["screenshot"] = screenshot_json(*shot);
    }
    return arr;
  }

  std::vector<Alert> alerts_of(const TerminalRow& t, int64_t latest, int64_t now) {
    AlertInput in;
    in.terminal_id = t.id;
    in.name = t.name;
    in.last_seen = t.last_seen;
    in.interval_s = t.hb.interval_s;
    in.printer_state = t.hb.printer_state;
    in.content_version = t.hb.content_version;
    in.latest_version = latest;
    in.freshness = t.hb.freshness;
    if (latest - t.hb.content_version > 1) {
      // Two or more behind since version content_version + 2 came out; for versions from
      // before the hub recorded publications, since the newest one arrived (later, so never
      // an alert too early).
      in.behind_since = store_->version_published_at(t.hb.channel, t.hb.content_version + 2);
      if (in.behind_since == 0 && valid_channel_name(t.hb.channel)) in.behind_since = latest_since(t.hb.channel);
    }
    return alerts_for(in, now, o_.alert_rules);
  }
  json alerts_json(const TerminalRow& t, int64_t latest, int64_t now) {
    json arr = json::array();
    for (const auto& a : alerts_of(t, latest, now))
      arr.push_back({{"terminal_id", a.terminal_id}, {"kind", a.kind}, {"text", a.text}});
    return arr;
  }

  json fleet_with_alerts() {
    json terminals = fleet_json();
    json alerts = json::array();
    for (const auto& t : terminals)
      for (const auto& a : t["alerts"]) alerts.push_back(a);
    return json{{"terminals", terminals}, {"alerts", alerts}};
  }

  void log_alerts() {
    std::set<std::string> now_raised;
    std::map<std::string, std::string> text;
    json fleet = fleet_with_alerts();  // kept: a range-for over a temporary's member dangles
    for (const auto& a : fleet["alerts"]) {
      std::string key = a["terminal_id"].get<std::string>() + "/" + a["kind"].get<std::string>();
      now_raised.insert(key);
      text[key] = a["text"].get<std::string>();
    }
    std::lock_guard lock(alert_mu_);
    for (const auto& k : now_raised)
      if (!raised_.count(k)) std::fprintf(stderr, "bianmin-hub: 告警 alert %s: %s\n", k.c_str(), text[k].c_str());
    for (const auto& k : raised_)
      if (!now_raised.count(k)) std::fprintf(stderr, "bianmin-hub: 告警解除 alert cleared %s\n", k.c_str());
    raised_ = std::move(now_raised);
  }

  void routes(httplib::Server& srv) {
    if (flow_) flow_->routes(srv);  // before the console's catch-all
    if (console_) console_->routes(srv);
    srv.Get(R"(/channels/([A-Za-z0-9_-]+)/manifest\.json)",
            [this](const httplib::Request& req, httplib::Response& res) {
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
    srv.Get(R"(/channels/([A-Za-z0-9_-]+)/files/([A-Za-z0-9._-]+))",
            [this](const httplib::Request& req, httplib::Response& res) {
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
            return reply_error(
                res, 409,
                "files/" + name +
                    " is already published with other bytes (published files never change): " + st.error().message);
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
      if (auto st = sync::write_file_atomic(dir / "manifest.sig", sig); !st)
        return reply_error(res, 500, st.error().to_string());
      if (auto st = sync::write_file_atomic(dir / "manifest.json", manifest); !st)
        return reply_error(res, 500, st.error().to_string());
      for (const auto& f : files) fs::remove(dir / "incoming" / std::get<0>(f), ec);  // re-uploads of published files
      waiters_.publish(ch, m->version);  // every terminal holding a long-poll hears it now
      store_->record_version(ch, m->version, static_cast<int64_t>(std::time(nullptr)));
      std::fprintf(stderr, "bianmin-hub: channel %s now at version %lld\n", ch.c_str(),
                   static_cast<long long>(m->version));
      reply_json(res, 200, json{{"channel", ch}, {"version", m->version}});
    });
    // The push channel (push_waiters.hpp): answers {"channel","version"} once the channel is
    // above `version`, or after `wait` seconds (1–120, default 25) with the version it is at.
    // A terminal's token (optional) and `shot` (the last screenshot request it heard of) add
    // "screenshot": id as soon as staff ask for its screen.
    srv.Get(R"(/api/wait/([A-Za-z0-9_-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      std::string ch = req.matches[1];
      const std::string kv = req.get_param_value("version"), ws = req.get_param_value("wait");
      const std::string ks = req.get_param_value("shot");
      auto number = [](const std::string& t, int64_t& out) {
        if (t.empty() || t.size() > 15 || t.find_first_not_of("0123456789") != std::string::npos) return false;
        out = std::stoll(t);
        return true;
      };
      int64_t known = 0, wait_s = 25, known_shot = 0;
      if (!number(kv, known)) return reply_error(res, 400, "version: a number expected");
      if (!ws.empty() && !number(ws, wait_s)) return reply_error(res, 400, "wait: seconds expected");
      if (!ks.empty() && !number(ks, known_shot)) return reply_error(res, 400, "shot: a number expected");
      wait_s = std::clamp<int64_t>(wait_s, 1, 120);
      // An unknown token is no error here: what version a channel is at is public.
      const std::string who = bearer(req).empty() ? std::string() : terminal(req).value_or("");
      int64_t v = latest_version(ch);
      // The console's channel before its first approval, and any channel for an enrolled
      // terminal (staff may ask for its screen before a first version): wait for version 1.
      if (v == 0 && ch != o_.publish_channel && who.empty()) return reply_error(res, 404, "no such channel");
      waiters_.note(ch, v);
      const int64_t pending = who.empty() ? 0 : store_->pending_screenshot(who);
      json now{{"channel", ch}, {"version", v}};
      if (pending > known_shot) now["screenshot"] = pending;
      if (v > known || pending > known_shot || !waiters_.has_room(req.remote_addr)) {
        res.set_header("Cache-Control", "no-store");
        return reply_json(res, 200, now);
      }
      int sock = GuardedServer::detach();
      if (sock < 0) return reply_json(res, 200, now);  // not served by us: no parking
      waiters_.park(sock, req.remote_addr, ch, known, static_cast<int>(wait_s), who, known_shot);
    });
    srv.Post("/api/enroll", [this](const httplib::Request& req, httplib::Response& res) {
      auto who = enroll_auth(bearer(req));
      if (!who) return reply_error(res, 401, "enrollment token or code required");
      auto in = sync::wire::parse_enroll_request(req.body);
      if (!in) return reply_error(res, 400, in.error().to_string());
      const std::string& id = in->terminal_id;
      // A code made for one terminal re-enrolls that terminal only; the shared token and
      // unbound codes enroll new ids only (an enrolled terminal is never cut off by them).
      if (who->is_code && !who->terminal_id.empty() && who->terminal_id != id)
        return reply_error(res, 403, "this code is for terminal " + who->terminal_id);
      bool replace = who->is_code && who->terminal_id == id;
      if (who->is_code && !store_->use_enroll_code(who->code))
        return reply_error(res, 401, "this code was used already or expired");
      auto token = store_->enroll(id, in->name, replace);
      if (!token) return reply_error(res, token.error().field == "terminal_id" ? 409 : 500, token.error().message);
      std::fprintf(stderr, "bianmin-hub: terminal %s enrolled%s\n", id.c_str(), replace ? " again (staff code)" : "");
      reply_wire(res, sync::wire::to_json(sync::wire::EnrollReply{id, *token}));
    });
    srv.Post("/api/heartbeat", [this](const httplib::Request& req, httplib::Response& res) {
      delay();
      auto id = terminal(req);
      if (!id) return reply_error(res, 401, "terminal token required");
      auto hb = sync::wire::parse_heartbeat(req.body);
      if (!hb) return reply_error(res, 400, hb.error().to_string());
      if (auto st = store_->heartbeat(*id, *hb); !st) return reply_error(res, 500, st.error().message);
      json answer{{"ok", true}};
      // Staff asked for this terminal's screen (bianmin/sync/screen_request.hpp).
      if (int64_t shot = store_->pending_screenshot(*id))
        answer["screenshot"] = {{"id", shot}, {"allow_names", o_.screenshot_fund_names}};
      reply_json(res, 200, answer);
    });
    // A terminal's answer to a screenshot request: the PNG (outcome=ok) or why it refused (text).
    srv.Post("/api/screenshot", [this](const httplib::Request& req, httplib::Response& res) {
      auto id = terminal(req);
      if (!id) return reply_error(res, 401, "terminal token required");
      const std::string outcome = req.get_param_value("outcome");
      int64_t rid = std::atoll(req.get_param_value("id").c_str());
      int64_t taken = std::atoll(req.get_param_value("taken_at").c_str());
      static constexpr char kPng[] = "\x89PNG\r\n\x1a\n";
      if (outcome == "ok" && req.body.compare(0, 8, kPng, 8) != 0) return reply_error(res, 400, "png: not a PNG");
      if (outcome != "ok" && req.body.size() > 1000) return reply_error(res, 400, "message: too long");
      auto st = store_->store_screenshot(*id, rid, outcome, outcome == "ok" ? std::string() : req.body, taken,
                                         outcome == "ok" ? req.body : std::string());
      if (!st) return reply_error(res, st.error().field == "id" ? 409 : 400, st.error().to_string());
      waiters_.screenshot_answered(*id, rid);
      std::fprintf(stderr, "bianmin-hub: terminal %s: screenshot %lld %s\n", id->c_str(), static_cast<long long>(rid),
                   outcome == "ok" ? "received" : ("refused: " + req.body.substr(0, 100)).c_str());
      reply_json(res, 200, json{{"ok", true}});
    });
    srv.Post("/api/outbox", [this](const httplib::Request& req, httplib::Response& res) {
      delay();
      auto id = terminal(req);
      if (!id) return reply_error(res, 401, "terminal token required");
      // Out-of-range values are refused whole, naming the field: a terminal never sends them.
      auto up = sync::wire::parse_outbox_upload(req.body);
      if (!up) return reply_error(res, 400, up.error().to_string());
      auto added = store_->add_batch(*id, up->batch_id, up->events);
      if (!added) return reply_error(res, 500, added.error().message);
      reply_wire(res, sync::wire::to_json(sync::wire::OutboxAck{up->batch_id, !*added}));
    });
    srv.Get("/api/terminals", [this](const httplib::Request& req, httplib::Response& res) {
      if (!staff_ok(req, o_)) return reply_error(res, 401, "staff token required");
      reply_json(res, 200, json{{"terminals", fleet_json()}});
    });
  }

 private:
  Options o_;
  std::unique_ptr<hub::HubStore> store_;
  std::string console_problem_;
  std::unique_ptr<console::StaffStore> staff_;
  std::unique_ptr<console::Console> console_;
  std::unique_ptr<console::PublishFlow> flow_;
  std::mutex alert_mu_;
  std::set<std::string> raised_;  // "terminal/kind" of the alerts the log was last told of
  std::mutex channel_mu_;
  std::atomic<uint64_t> upload_seq_{0};
  PushWaiters waiters_;  // last: destroyed (parked sockets closed) first
};

Hub::Hub(Options o, std::unique_ptr<HubStore> store) : impl_(std::make_unique<Impl>(std::move(o), std::move(store))) {}
Hub::~Hub() = default;
bool Hub::guard(const httplib::Request& req, httplib::Response& res) { return impl_->guard(req, res); }
void Hub::routes(httplib::Server& srv) { impl_->routes(srv); }
void Hub::prune_reports() { impl_->prune_reports(); }
json Hub::fleet_json() { return impl_->fleet_json(); }
json Hub::fleet_with_alerts() { return impl_->fleet_with_alerts(); }
void Hub::log_alerts() { impl_->log_alerts(); }
Result<int64_t> Hub::request_screenshot(const std::string& id, const std::string& by, int64_t at) {
  return impl_->request_screenshot(id, by, at);
}

const std::string& Hub::console_problem() const { return impl_->console_problem(); }

std::unique_ptr<GuardedServer> make_server(Hub& hub, const Options& o) {
  auto srv = std::make_unique<GuardedServer>(
      o.limits, [&hub](const httplib::Request& req, httplib::Response& res) { return hub.guard(req, res); });
  srv->set_payload_max_length(static_cast<size_t>(std::max(o.max_upload_bytes, kMaxJsonBody)));
  // An answer is written as headers then body: without TCP_NODELAY the body waits for the
  // client's delayed ACK (40 ms on Linux) behind Nagle's algorithm, on every request.
  srv->set_tcp_nodelay(true);
  // Never the exception's text (it names our internals); a malformed body is the client's fault.
  srv->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    int status = 500;
    try {
      std::rethrow_exception(ep);
    } catch (const json::exception&) {
      status = 400;
    } catch (...) {
    }
    reply_error(res, status, status == 400 ? "malformed request" : "internal error");
  });
  hub.routes(*srv);
  return srv;
}

}  // namespace bianmin::hub
