// The hall console's HTTP side (see console_web.hpp).
#include "console_web.hpp"

#include <ctime>
#include <fstream>
#include <sstream>

namespace bianmin::console {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {
constexpr const char* kCookie = "bm_session";

void reply(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(), "application/json; charset=utf-8");
}

std::string cookie(const httplib::Request& req, const std::string& name) {
  std::string h = req.get_header_value("Cookie");
  size_t i = 0;
  while (i < h.size()) {
    size_t end = h.find(';', i);
    if (end == std::string::npos) end = h.size();
    std::string part = h.substr(i, end - i);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    i = end + 1;
  }
  return {};
}

bool state_changing(const httplib::Request& req) { return req.method != "GET" && req.method != "HEAD"; }

void security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                 "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
}

std::string content_type(const std::string& name) {
  auto ext = fs::path(name).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}

json session_json(const Session& s, int64_t now) {
  return {{"user", s.staff.user},
          {"display_name", s.staff.display_name},
          {"role", role_word(s.staff.role)},
          {"role_label", role_label(s.staff.role)},
          {"csrf", s.csrf},
          {"expires_in", s.expires_at - now}};
}

// At most `n` bytes of `s`, not cutting a UTF-8 character.
std::string cut_utf8(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "…";
}

// The host part of an Origin ("http://hub:8470" → "hub:8470").
std::string origin_host(const std::string& origin) {
  auto p = origin.find("://");
  return p == std::string::npos ? origin : origin.substr(p + 3);
}
}  // namespace

Console::Console(StaffStore& store, WebOptions o) : store_(store), o_(std::move(o)) {}

int64_t Console::now() const { return o_.clock ? o_.clock() : static_cast<int64_t>(std::time(nullptr)); }

std::string Console::address(const httplib::Request& req) {
  std::string a = req.remote_addr;
  // Behind the hall's nginx (deploy/nginx) every peer is loopback: the real one is forwarded.
  if ((a == "127.0.0.1" || a == "::1") && req.has_header("X-Real-IP")) a = req.get_header_value("X-Real-IP");
  return a.substr(0, 64);
}

std::optional<Session> Console::require(const httplib::Request& req, httplib::Response& res) {
  security_headers(res);
  std::string token = cookie(req, kCookie);
  auto s = store_.session(token, now());
  if (!s) {
    reply(res, 401,
          json{{"error", token.empty() ? "请先登录" : "登录已过期，请重新登录"}, {"expired", !token.empty()}});
    return std::nullopt;
  }
  if (state_changing(req) && !same_token(req.get_header_value("X-CSRF-Token"), s->csrf)) {
    store_.audit(s->staff.user, "拒绝请求",
                 "缺少或错误的防伪令牌（CSRF）：" + req.method + " " + req.path.substr(0, 100), address(req), now());
    reply(res, 403, json{{"error", "页面已过期，请刷新页面后再试"}});
    return std::nullopt;
  }
  return s;
}

void Console::routes(httplib::Server& srv) {
  auto page = [this](const std::string& name, const httplib::Request& req, httplib::Response& res) {
    security_headers(res);
    if (name != "login.html" && fs::path(name).extension() == ".html") {
      std::string token = cookie(req, kCookie);
      if (!store_.session(token, now())) {
        res.status = 303;
        res.set_header("Location", token.empty() ? "/console/login.html" : "/console/login.html?expired=1");
        res.set_header("Cache-Control", "no-store");
        return;
      }
    }
    std::ifstream f(o_.www_dir / name, std::ios::binary);
    if (!f) {
      res.status = 404;
      res.set_content("没有这个页面", "text/plain; charset=utf-8");
      return;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    res.set_header("Cache-Control", "no-cache");
    res.set_content(ss.str(), content_type(name));
  };
  srv.Get("/console", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/console/", 301); });
  srv.Get("/console/",
          [page](const httplib::Request& req, httplib::Response& res) { page("terminals.html", req, res); });
  srv.Get(R"(/console/([a-z0-9_-]+\.(html|css|js|svg|png)))",
          [page](const httplib::Request& req, httplib::Response& res) { page(req.matches[1], req, res); });

  srv.Post("/console/api/login", [this](const httplib::Request& req, httplib::Response& res) {
    security_headers(res);
    // Login CSRF: a page of another site cannot log this browser in as someone else.
    if (req.has_header("Origin") && origin_host(req.get_header_value("Origin")) != req.get_header_value("Host"))
      return reply(res, 403, json{{"error", "请从本中心的管理台页面登录"}});
    json in = json::parse(req.body, nullptr, false);
    if (in.is_discarded() || !in.is_object() || !in.contains("user") || !in["user"].is_string() ||
        !in.contains("password") || !in["password"].is_string())
      return reply(res, 400, json{{"error", "请填写用户名和密码"}});
    auto r = store_.login(in["user"].get<std::string>(), in["password"].get<std::string>(), address(req), now());
    if (r.outcome == LoginResult::Locked) {
      int64_t minutes = std::max<int64_t>(1, (r.locked_until - now() + 59) / 60);
      return reply(
          res, 423,
          json{{"error", "密码错误次数过多，账户已锁定，请 " + std::to_string(minutes) + " 分钟后再试，或请管理员处理"},
               {"locked_until", r.locked_until}});
    }
    if (r.outcome != LoginResult::Ok) return reply(res, 401, json{{"error", "用户名或密码不对"}});
    bool tls = req.get_header_value("X-Forwarded-Proto") == "https";
    res.set_header("Set-Cookie", std::string(kCookie) + "=" + r.token + "; Path=/console; HttpOnly; SameSite=Strict" +
                                     (tls ? "; Secure" : ""));
    reply(res, 200, session_json(r.session, now()));
  });
  srv.Post("/console/api/logout", [this](const httplib::Request& req, httplib::Response& res) {
    if (!require(req, res)) return;
    store_.logout(cookie(req, kCookie), address(req), now());
    res.set_header("Set-Cookie", std::string(kCookie) + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0");
    reply(res, 200, json{{"ok", true}});
  });
  srv.Get("/console/api/session", [this](const httplib::Request& req, httplib::Response& res) {
    auto s = require(req, res);
    if (!s) return;
    reply(res, 200, session_json(*s, now()));
  });
  srv.Get("/console/api/terminals", [this](const httplib::Request& req, httplib::Response& res) {
    if (!require(req, res)) return;
    json j = o_.terminals ? o_.terminals() : json{{"terminals", json::array()}, {"alerts", json::array()}};
    j["now"] = now();
    reply(res, 200, j);
  });
  srv.Get("/console/api/audit", [this](const httplib::Request& req, httplib::Response& res) {
    if (!require(req, res)) return;
    json arr = json::array();
    for (const auto& e : store_.audit_log(500))
      arr.push_back(
          {{"at", e.at}, {"user", e.user}, {"action", e.action}, {"detail", e.detail}, {"address", e.address}});
    reply(res, 200, json{{"entries", arr}});
  });
  // 好差评: the month as the hall counts it (UTC+8) when none is asked for.
  auto month_of = [this](const httplib::Request& req) {
    if (req.has_param("month")) return req.get_param_value("month");
    int64_t t = now() + 8 * 3600;
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m", &tm);
    return std::string(buf);
  };
  srv.Get("/console/api/ratings", [this, month_of](const httplib::Request& req, httplib::Response& res) {
    if (!require(req, res)) return;
    if (!o_.ratings) return reply(res, 404, json{{"error", "本中心没有好差评数据"}});
    json j = o_.ratings(month_of(req));
    reply(res, j.contains("error") ? 400 : 200, j);
  });
  srv.Get("/console/api/ratings.csv", [this, month_of](const httplib::Request& req, httplib::Response& res) {
    auto s = require(req, res);
    if (!s) return;
    std::string month = month_of(req);
    auto csv = o_.ratings_csv ? o_.ratings_csv(month) : std::nullopt;
    if (!csv) return reply(res, 400, json{{"error", "月份应写成 2026-12 这样"}});
    store_.audit(s->staff.user, "导出好差评", month + " 月报（CSV）", address(req), now());
    res.set_header("Cache-Control", "no-store");
    // ASCII file name for every browser, the Chinese one for those that read RFC 5987
    res.set_header("Content-Disposition", "attachment; filename=\"ratings-" + month +
                                              ".csv\"; filename*=UTF-8''%E5%A5%BD%E5%B7%AE%E8%AF%84-" + month + ".csv");
    res.set_content(*csv, "text/csv; charset=utf-8");
  });
  srv.Post(R"(/console/api/followups/(\d{1,15}))", [this](const httplib::Request& req, httplib::Response& res) {
    auto s = require(req, res);
    if (!s) return;
    if (!o_.update_followup || !o_.followup) return reply(res, 404, json{{"error", "没有这个操作"}});
    int64_t id = std::stoll(req.matches[1]);
    json in = json::parse(req.body, nullptr, false);
    if (in.is_discarded() || !in.is_object()) return reply(res, 400, json{{"error", "请求格式不对"}});
    for (const char* k : {"owner", "deadline", "outcome"})
      if (in.contains(k) && !in[k].is_string()) return reply(res, 400, json{{"error", std::string(k) + " 应为文字"}});
    if (in.contains("done") && !in["done"].is_boolean())
      return reply(res, 400, json{{"error", "done 应为 true 或 false"}});
    auto before = o_.followup(id);
    if (!before) return reply(res, 404, json{{"error", "没有这条差评跟进（编号 " + std::to_string(id) + "）"}});
    auto st = o_.update_followup(id, in, s->staff.user, now());
    if (!st) return reply(res, 400, json{{"error", st.error().message}, {"field", st.error().field}});
    auto after = o_.followup(id);
    store_.audit(s->staff.user, "跟进差评",
                 "编号 " + std::to_string(id) + "：负责人 " + (*after)["owner"].get<std::string>() + "，期限 " +
                     (*after)["deadline"].get<std::string>() + "，" +
                     ((*after)["done"].get<bool>() ? "已办结" : "跟进中") + "，结果：" +
                     cut_utf8((*after)["outcome"].get<std::string>(), 200),
                 address(req), now());
    reply(res, 200, *after);
  });
  // A terminal's current screen (issue 18): the terminal sends it with its next contact.
  const char* kShot = R"(/console/api/terminals/([A-Za-z0-9._-]{1,64})/screenshot)";
  srv.Post(kShot, [this](const httplib::Request& req, httplib::Response& res) {
    auto s = require(req, res);
    if (!s) return;
    if (!o_.request_screenshot) return reply(res, 404, json{{"error", "没有这个操作"}});
    const std::string id = req.matches[1];
    if (auto st = o_.request_screenshot(id, s->staff.user, now()); !st)
      return reply(res, st.error().field == "terminal_id" ? 404 : 500, json{{"error", st.error().message}});
    store_.audit(s->staff.user, "请求终端截屏", "终端 " + id, address(req), now());
    reply(res, 200, o_.screenshot ? o_.screenshot(id).value_or(json::object()) : json::object());
  });
  srv.Get(kShot, [this](const httplib::Request& req, httplib::Response& res) {
    if (!require(req, res)) return;
    auto j = o_.screenshot ? o_.screenshot(req.matches[1]) : std::nullopt;
    if (!j) return reply(res, 404, json{{"error", "这台终端还没有截屏"}});
    reply(res, 200, *j);
  });
  srv.Get(std::string(kShot) + R"(\.png)", [this](const httplib::Request& req, httplib::Response& res) {
    if (!require(req, res)) return;
    auto png = o_.screenshot_png ? o_.screenshot_png(req.matches[1]) : std::nullopt;
    if (!png) return reply(res, 404, json{{"error", "这台终端还没有截屏"}});
    res.set_header("Cache-Control", "no-store");
    res.set_content(*png, "image/png");
  });
  // Any other state-changing request under /console/api/ meets the same checks first, then 404.
  auto other = [this](const httplib::Request& req, httplib::Response& res) {
    if (!require(req, res)) return;
    reply(res, 404, json{{"error", "没有这个操作"}});
  };
  srv.Post(R"(/console/api/.*)", other);
  srv.Put(R"(/console/api/.*)", other);
  srv.Delete(R"(/console/api/.*)", other);
}

}  // namespace bianmin::console
