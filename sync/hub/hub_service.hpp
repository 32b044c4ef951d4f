// The hub's HTTP service (see main.cpp for the routes): who may send what (the guard, run
// before any body byte is read), the route handlers, and the server that runs them. Kept apart
// from the command line so that tests and the fuzz targets (fuzz/) drive the very handlers
// bianmin-hub serves.
#pragma once
#include <httplib.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"
#include "fleet_alerts.hpp"
#include "guarded_server.hpp"
#include "hub_store.hpp"
#include "publish_flow.hpp"
#include "push_waiters.hpp"
#include "staff_store.hpp"

namespace bianmin::hub {

struct Options {
  std::filesystem::path data;
  std::filesystem::path channels;  // empty = <data>/channels
  StoreChoice store;               // hub.toml [store]; sqlite_path is <data>/hub.db
  std::filesystem::path trust;     // the hall's trust list; pushes are refused without one
  std::string listen = "127.0.0.1:8470";
  std::filesystem::path port_file;
  std::vector<std::string> staff_hashes;  // "sha256:<hex>" (config::hash_token)
  std::string enroll_hash;
  int delay_ms = 0;  // test aid: every answer waits this long (a slow link)
  int64_t offline_after_s = 7200;
  int64_t lagging_after_s = 0;  // behind the newest version for longer than this = lagging
  int64_t max_upload_bytes = int64_t{1024} << 20;
  int report_retention_days = 400;
  int followup_days = 5;               // a 差评's follow-up is due this many working days later
  bool screenshot_fund_names = false;  // terminals may send a screenshot with a fund table on screen
  ConnectionLimits limits;
  PushLimits push;  // long-poll waiters (GET /api/wait/<channel>)
  bool json_out = false;
  std::string positional;    // reset-channel's channel
  std::string terminal_id;   // enroll-code --terminal
  int64_t valid_hours = 24;  // enroll-code --valid-hours
  // The hall console (/console/, sync/console): on in `serve`; its pages come from console_dir.
  bool console = false;
  std::filesystem::path console_dir;  // empty = the packaged /usr/share/bianmin/console
  bool console_network = false;       // also serve it to other machines, in plain HTTP (no TLS)
  console::Policy console_policy;
  // Publishing from the console (issue 17, sync/console/publish_flow.hpp).
  std::filesystem::path source;                  // the hall's source folder; empty = <data>/source
  std::string publish_channel;                   // what approval publishes to ("" = approval refuses)
  std::filesystem::path publish_key;             // the sealed publisher key; empty = <data>/publisher.key.sealed
  std::filesystem::path preview_kiosk;           // bianmin-kiosk for preview pictures
  std::filesystem::path preview_village_config;  // the village tablet's kiosk.toml as shipped
  int64_t alert_check_s = 60;                    // how often the hub's log is told of new alerts
  AlertRules alert_rules;
  // add-staff
  std::string role, display_name;
  std::filesystem::path password_file;  // empty = the first line of standard input
  bool replace = false;
  std::filesystem::path channel_root() const { return channels.empty() ? data / "channels" : channels; }
  // Where the console's tables live: beside the hub's own, on the same engine (hub.db or the
  // [store] connection).
  console::DbPlace console_place() const {
    if (store.engine == StoreChoice::Engine::Postgresql) return console::DbPlace::postgresql(store.connection);
    return data / "hub.db";
  }
};

// Any request body but a bundle file upload is a small JSON document.
constexpr int64_t kMaxJsonBody = int64_t{4} << 20;

// Reads a token file (the token itself, surrounding whitespace dropped); false when unreadable
// or empty.
bool read_token(const std::filesystem::path& p, std::string& out);
// 127.0.0.0/8, ::1 and IPv4-mapped 127.x: a peer on this machine (e.g. nginx).
bool is_loopback(const std::string& address);
// A channel name as the routes accept it ([A-Za-z0-9_-], 1-64 characters).
bool valid_channel_name(const std::string& ch);

class Hub {
 public:
  Hub(Options o, std::unique_ptr<HubStore> store);
  ~Hub();
  // GuardedServer's guard: decides from the request line and headers alone.
  bool guard(const httplib::Request& req, httplib::Response& res);
  // Installs every route on `srv`.
  void routes(httplib::Server& srv);
  // Deletes reports older than report_retention_days (logs what it did).
  void prune_reports();
  // The fleet as `bianmin-hub terminals --json` prints it.
  nlohmann::json fleet_json();
  // The fleet with every alert: {"terminals": [...], "alerts": [{terminal_id, kind, text}]}.
  nlohmann::json fleet_with_alerts();
  // Says in the log (stderr, the journal) every alert raised or cleared since the last call.
  void log_alerts();
  // Staff (`by`) ask for terminal `id`'s current screen (the console's terminals page): the
  // request's id; the terminal's agent, when it holds the push channel, hears of it at once.
  Result<int64_t> request_screenshot(const std::string& id, const std::string& by, int64_t at);
  // Why the console (Options::console) could not open its tables ("" = it did, or is off):
  // serve ends on it (systemd starts it again) rather than run without its console.
  const std::string& console_problem() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The server bianmin-hub serves with: guard, payload limit, an exception handler that never
// sends an exception's text, and every route of `hub` (which must outlive it).
std::unique_ptr<GuardedServer> make_server(Hub& hub, const Options& o);

}  // namespace bianmin::hub
