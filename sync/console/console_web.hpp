// The hall console's HTTP side, served by bianmin-hub under /console/ (issues 17 and 18):
// the pages (plain HTML, CSS and a little JavaScript from `www_dir`, shipped in the package:
// nothing from a CDN), login and logout, the session cookie, CSRF, and the JSON the pages read.
//
//   GET  /console/                   the terminals page (login page when not logged in)
//   GET  /console/<page>.html|.css|.js   files of www_dir
//   POST /console/api/login          {"user","password"} → session cookie + {"csrf",...}; 401, 423 locked
//   POST /console/api/logout         (CSRF)
//   GET  /console/api/session        who is logged in, the CSRF token
//   GET  /console/api/terminals      the fleet with its alerts (issue 18)
//   GET  /console/api/audit          the audit log, newest first
//   GET  /console/api/ratings?month=YYYY-MM      好差评 month report (default: this month)
//   GET  /console/api/ratings.csv?month=YYYY-MM  the same as CSV (UTF-8 with BOM, for Excel/WPS)
//   POST /console/api/followups/<id>  {"owner","deadline","outcome","done"} (CSRF, audited)
//   POST /console/api/terminals/<id>/screenshot      ask for the terminal's current screen (CSRF, audited)
//   GET  /console/api/terminals/<id>/screenshot      the request's state; .../screenshot.png the picture
//
// Promises:
//  - The session cookie is HttpOnly, SameSite=Strict, Path=/console (Secure behind TLS, i.e.
//    when nginx says X-Forwarded-Proto: https).
//  - Every state-changing request under /console/api/ (any method but GET/HEAD), login
//    excepted, is refused with 403 unless it carries the session's token in X-CSRF-Token;
//    login is refused when its Origin names another host. Routes added later through
//    require() get the same checks.
//  - Pages other than login.html are not sent without a valid session (303 to the login page).
//  - Answers carry a Content-Security-Policy that allows only the hub's own files.
#pragma once
#include <httplib.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "staff_store.hpp"

namespace bianmin::console {

struct WebOptions {
  std::filesystem::path www_dir;              // the console's files
  std::function<nlohmann::json()> terminals;  // {"terminals": [...], "alerts": [...]}
  std::function<int64_t()> clock;             // unix seconds; default time(nullptr)
  // 好差评 (issue 18, sync/hub/ratings.hpp): the month's report as JSON ({"error"} for a
  // malformed month), as CSV (nullopt for a malformed month), one follow-up, and a change to
  // one by staff (owner, deadline, outcome, done).
  std::function<nlohmann::json(const std::string& month)> ratings;
  std::function<std::optional<std::string>(const std::string& month)> ratings_csv;
  std::function<std::optional<nlohmann::json>(int64_t id)> followup;
  std::function<Status(int64_t id, const nlohmann::json& change, const std::string& by, int64_t at)> update_followup;
  // Screenshots on request (issue 18, sync/hub/hub_store.hpp): ask for one (fails, field
  // "terminal_id", for an unknown terminal), its state as JSON (nullopt = never asked), the PNG.
  std::function<Status(const std::string& terminal, const std::string& by, int64_t at)> request_screenshot;
  std::function<std::optional<nlohmann::json>(const std::string& terminal)> screenshot;
  std::function<std::optional<std::string>(const std::string& terminal)> screenshot_png;
};

class Console {
 public:
  Console(StaffStore& store, WebOptions o);
  // Installs the /console routes on `srv` (before the hub's own, which never start with /console).
  void routes(httplib::Server& srv);
  // The logged-in session for `req`, or nullopt after answering 401 (no or expired session)
  // or 403 (a state-changing request without the session's CSRF token).
  std::optional<Session> require(const httplib::Request& req, httplib::Response& res);
  // Who asked (the address nginx forwards for, else the peer's).
  static std::string address(const httplib::Request& req);

 private:
  int64_t now() const;
  StaffStore& store_;
  WebOptions o_;
};

}  // namespace bianmin::console
