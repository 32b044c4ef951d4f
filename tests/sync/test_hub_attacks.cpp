// Issue 15, the hub: what someone on the hall network (or a careless clerk) tries against a
// real bianmin-hub on loopback, while a real terminal syncs. Attacks come from 127.0.0.2 and
// 127.0.0.3 (still loopback) so the per-address cap they meet is not the terminal's; each is
// bounded in count, bytes and time.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "bianmin/config/secrets.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/http.hpp"
#include "sync_scene.hpp"

using namespace bianmin;
using namespace bianmin::test;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// A raw TCP connection to the hub from `source` (any 127.x address).
int connect_from(const std::string& source, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in src{};
  src.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &src.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
    close(fd);
    return -1;
  }
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Whatever the hub has answered so far; `closed` when it closed the connection.
std::string read_answer(int fd, bool& closed) {
  std::string got;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n <= 0) {
      closed = true;
      break;
    }
    got.append(buf, static_cast<size_t>(n));
  }
  return got;
}

long rss_kb(pid_t pid) {
  std::string status = read_file("/proc/" + std::to_string(pid) + "/status");
  auto at = status.find("VmRSS:");
  return at == std::string::npos ? 0 : std::atol(status.c_str() + at + 6);
}

// A slow client: sends a request's headers one byte per `gap`, for at most `limit`. Returns
// how long the hub kept the connection open (the whole `limit` when it never closed it).
double slow_headers(int port, const std::string& source, std::chrono::milliseconds gap, double limit) {
  auto t0 = Clock::now();
  int fd = connect_from(source, port);
  if (fd < 0) return 0;
  std::string req = "GET /channels/tongxi/manifest.json HTTP/1.1\r\nHost: hub\r\nX-Slow: " + std::string(200, 'a');
  bool closed = false;
  for (size_t i = 0; i < req.size() && seconds_since(t0) < limit && !closed; ++i) {
    if (send(fd, &req[i], 1, MSG_NOSIGNAL) != 1) closed = true;
    std::this_thread::sleep_for(gap);
    read_answer(fd, closed);
  }
  close(fd);
  return seconds_since(t0);
}

struct UploadOutcome {
  int64_t sent = 0;    // body bytes the hub let us send before it answered
  std::string answer;  // the status line and whatever followed
};

// A chunked PUT of up to `max_bytes`, stopping as soon as the hub answers or closes, or
// after `limit` seconds.
UploadOutcome chunked_upload(int port, const std::string& source, const std::string& path, const std::string& token,
                             int64_t max_bytes, double limit) {
  UploadOutcome out;
  auto t0 = Clock::now();
  int fd = connect_from(source, port);
  if (fd < 0) return out;
  std::string head = "PUT " + path + " HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n";
  if (!token.empty()) head += "Authorization: Bearer " + token + "\r\n";
  head += "\r\n";
  send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  bool closed = false;
  while (out.sent < max_bytes && seconds_since(t0) < limit && !closed) {
    out.answer += read_answer(fd, closed);
    if (!out.answer.empty()) break;
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(chunk.size())) break;
    out.sent += 0x10000;
  }
  // Give the answer a moment to arrive when the hub closed on us.
  for (int i = 0; i < 20 && out.answer.empty() && !closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    out.answer += read_answer(fd, closed);
  }
  close(fd);
  return out;
}

sync::HttpOptions with_token(const std::string& token) {
  sync::HttpOptions h;
  h.connect_timeout_s = 3;
  h.total_timeout_s = 10;
  h.bearer_token = token;
  return h;
}

std::string staff_token(const HubProcess& hub) {
  std::string t = read_file(hub.token_file());
  while (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}

// Enrolls `id` with `token` (the shared enrollment token or a staff code); the HTTP status and
// the terminal token it got.
std::pair<long, std::string> enroll(const HubProcess& hub, const std::string& id, const std::string& token) {
  auto r = sync::http_send("POST", hub.url() + "/api/enroll", json{{"terminal_id", id}, {"name", id}}.dump(),
                           "application/json", with_token(token));
  REQUIRE(r.ok());
  json j = json::parse(r->body, nullptr, false);
  return {r->status, j.is_object() ? j.value("token", "") : ""};
}

long heartbeat(const HubProcess& hub, const std::string& token, const json& body) {
  auto r = sync::http_send("POST", hub.url() + "/api/heartbeat", body.dump(), "application/json", with_token(token));
  REQUIRE(r.ok());
  return r->status;
}

}  // namespace

// A hub.toml with only `body` in it, for HubProcess's --config.
fs::path hub_toml(const TempDir& dir, const std::string& body) {
  write_file(dir / "hub.toml", body);
  return dir / "hub.toml";
}

TEST_CASE("slow clients neither block a syncing terminal nor keep their connections past the header timeout") {
  // As shipped: headers within 10 s, 8 connections per address.
  Scene s;
  s.publish(1);
  // 12 connections from one address, each sending a header byte every 500 ms, for 13 s at most.
  std::vector<std::future<double>> slow;
  for (int i = 0; i < 12; ++i)
    slow.push_back(std::async(std::launch::async, [&] {
      return slow_headers(s.hub->port(), "127.0.0.2", std::chrono::milliseconds(500), 13.0);
    }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto t0 = Clock::now();
  auto r = s.sync();
  double took = seconds_since(t0);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(took < 6.0, "the terminal's sync took " << took << " s under the attack");
  int cut_at_once = 0;
  for (auto& f : slow) {
    double held = f.get();
    CHECK_MESSAGE(held < 12.0, "a slow connection was kept " << held << " s (header timeout 10 s)");
    if (held < 2.0) ++cut_at_once;
  }
  CHECK_MESSAGE(cut_at_once >= 4, "connections over the per-address cap of 8 answered at once: " << cut_at_once);
  s.serves(1);
}

TEST_CASE(
    "uploads: no body is read before the token is checked, max_upload_mb holds for chunked bodies, terminals sync "
    "meanwhile") {
  TempDir conf("hub-conf");
  Scene s({"--config", hub_toml(conf, "[limits]\nmax_upload_mb = 2\n")});
  s.publish(1);
  long rss_before = rss_kb(s.hub->pid());
  const int64_t huge = int64_t{96} << 20;
  // Three unauthenticated chunked uploads of up to 96 MiB each, and one by staff over the limit.
  std::vector<std::future<UploadOutcome>> anon;
  for (int i = 0; i < 3; ++i)
    anon.push_back(std::async(std::launch::async, [&] {
      return chunked_upload(s.hub->port(), "127.0.0.2", "/api/channels/tongxi/files/content-1.db.zst", "", huge, 8.0);
    }));
  auto staff = std::async(std::launch::async, [&] {
    return chunked_upload(s.hub->port(), "127.0.0.3", "/api/channels/tongxi/files/big.zst", staff_token(*s.hub), huge,
                          8.0);
  });
  auto t0 = Clock::now();
  auto r = s.sync();
  double took = seconds_since(t0);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(took < 6.0, "the terminal's sync took " << took << " s under the attack");
  for (auto& f : anon) {
    auto o = f.get();
    CHECK_MESSAGE(contains(o.answer, " 401 "), o.answer.substr(0, 200));
    CHECK_MESSAGE(o.sent < (int64_t{16} << 20), "the hub took " << (o.sent >> 20) << " MiB before refusing");
  }
  auto o = staff.get();
  CHECK_MESSAGE(contains(o.answer, " 413 "), o.answer.substr(0, 200));
  CHECK_MESSAGE(o.sent < (int64_t{16} << 20), "the hub took " << (o.sent >> 20) << " MiB of a 2 MB-limited upload");
  CHECK_FALSE(fs::exists(s.hub_channel() / "files/big.zst"));
  CHECK_FALSE(fs::exists(s.hub_channel() / "incoming/big.zst"));
  long rss_after = rss_kb(s.hub->pid());
  CHECK_MESSAGE(rss_after - rss_before < 48 * 1024,
                "hub memory grew from " << rss_before << " kB to " << rss_after << " kB");
  s.serves(1);
}

TEST_CASE("a refused push leaves every file the hub serves untouched") {
  Scene s;
  s.publish(1);
  auto m1 = s.manifest();
  std::string served = read_file(s.hub_channel() / "files" / m1.full_file);
  // A clerk rebuilds version 1 elsewhere (other bytes, the same file names) and pushes it:
  // the hub already has version 1, so it refuses the manifest.
  make_db(s.work / "other.db", "2026.11-1b", [](content::ContentSet& c) { c.guides.at(0).name += "（另一版）"; });
  auto b =
      publish_tool({"bundle", s.work / "other.db", "-o", s.work / "other", "--channel", "tongxi", "--key", s.k.key});
  REQUIRE_MESSAGE(b.exit_code == 0, b.output);
  auto again = publish_tool(
      {"push", s.work / "other", "--to", s.hub->url(), "--token-file", s.hub->token_file(), "--trust", s.k.trust});
  CHECK(again.exit_code != 0);
  CHECK(read_file(s.hub_channel() / "files" / m1.full_file) == served);
  s.syncs_to(1);
  // The next genuine version still goes through.
  s.publish(2);
  s.syncs_to(2);
  CHECK(read_file(s.hub_channel() / "files" / m1.full_file) == served);
}

TEST_CASE(
    "pushes are checked against the trust list in hub.toml; an untrusted manifest never blocks them; reset-channel "
    "withdraws one") {
  TempDir work("hub-trust");
  Keys k = make_keys(work.path());
  int port = 0;
  {
    // The port: bind 0, read it, release it.
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    close(fd);
  }
  const std::string staff = "staff-token-for-trust-test";
  write_file(work / "hub.toml", "[server]\nlisten_address = \"127.0.0.1\"\nport = " + std::to_string(port) +
                                    "\n[paths]\ndata_dir = \"" + (work / "hub").string() + "\"\ntrusted_keys = \"" +
                                    k.trust.string() + "\"\n[[staff]]\nname = \"wangli\"\ntoken_hash = \"" +
                                    config::hash_token(staff) + "\"\n");
  auto check = run({tool("bianmin-hub"), "--check-config", work / "hub.toml"});
  REQUIRE_MESSAGE(check.exit_code == 0, check.output);
  pid_t hub = spawn({tool("bianmin-hub"), "serve", "--config", work / "hub.toml"}, work / "hub.log");
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  for (int i = 0; i < 400 && !contains(fs::exists(work / "hub.log") ? read_file(work / "hub.log") : "", "serving"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  write_file(work / "staff.token", staff + "\n");
  fs::path channel = work / "hub/channels/tongxi";

  // A manifest signed by a key the hall does not trust, claiming version 999999999.
  make_db(work / "in.db", "2026.11-1");
  TempDir other("hub-trust-mallory");
  Keys mallory = make_keys(other.path(), "mallory");
  REQUIRE(publish_tool({"bundle", work / "in.db", "-o", work / "evil", "--channel", "tongxi", "--key", mallory.key})
              .exit_code == 0);
  std::string text = read_file(work / "evil/manifest.json");
  REQUIRE(contains(text, "  \"version\": 1,"));
  write_file(work / "evil/manifest.json",
             text.replace(text.find("  \"version\": 1,"), 15, "  \"version\": 999999999,"));
  REQUIRE(publish_tool({"sign", work / "evil", "--key", mallory.key}).exit_code == 0);
  auto evil = publish_tool(
      {"push", work / "evil", "--to", url, "--token-file", work / "staff.token", "--trust", mallory.trust});
  CHECK(evil.exit_code != 0);  // the hub checks against its own list, not the pusher's
  CHECK_FALSE(fs::exists(channel / "manifest.json"));

  // One that got there before the hub checked signatures does not block a genuine push.
  fs::create_directories(channel);
  fs::copy_file(work / "evil/manifest.json", channel / "manifest.json");
  fs::copy_file(work / "evil/manifest.sig", channel / "manifest.sig");
  REQUIRE(publish_tool({"bundle", work / "in.db", "-o", work / "channel", "--channel", "tongxi", "--key", k.key})
              .exit_code == 0);
  auto push = [&] {
    return publish_tool(
        {"push", work / "channel", "--to", url, "--token-file", work / "staff.token", "--trust", k.trust});
  };
  auto r = push();
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  auto served = sync::parse_manifest(read_file(channel / "manifest.json"));
  REQUIRE(served.ok());
  CHECK(served->version == 1);

  // The staff repair: withdraw what the channel serves; the next push is accepted.
  auto reset = run({tool("bianmin-hub"), "reset-channel", "tongxi", "--config", work / "hub.toml"});
  CHECK_MESSAGE(reset.exit_code == 0, reset.output);
  CHECK_FALSE(fs::exists(channel / "manifest.json"));
  make_db(work / "in.db", "2026.11-2");
  REQUIRE(publish_tool({"bundle", work / "in.db", "-o", work / "channel", "--channel", "tongxi", "--key", k.key})
              .exit_code == 0);
  r = push();
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  kill(hub, SIGTERM);
  wait_exit(hub);
}

TEST_CASE("the shared enrollment token cannot take over an enrolled terminal; a staff code replaces it once") {
  Scene s;
  const std::string shared = staff_token(*s.hub);  // the fixture's enrollment token
  auto [st1, first] = enroll(*s.hub, "hall-01", shared);
  REQUIRE(st1 == 200);
  CHECK(heartbeat(*s.hub, first, {{"channel", "tongxi"}}) == 200);
  auto [st2, taken] = enroll(*s.hub, "hall-01", shared);
  CHECK(st2 == 409);
  CHECK(taken.empty());
  CHECK(heartbeat(*s.hub, first, {{"channel", "tongxi"}}) == 200);  // the real terminal is not cut off

  // Staff replace the terminal (new hardware): a single-use code for that id.
  auto code = run({tool("bianmin-hub"), "enroll-code", "--data", s.hub->data(), "--terminal", "hall-01"});
  REQUIRE_MESSAGE(code.exit_code == 0, code.output);
  std::string c = code.output.substr(0, code.output.find('\n'));  // the code is the first line
  REQUIRE_MESSAGE(c.size() == 20, code.output);
  CHECK(enroll(*s.hub, "hall-02", c).first == 403);  // bound to hall-01
  auto [st3, second] = enroll(*s.hub, "hall-01", c);
  CHECK(st3 == 200);
  CHECK(heartbeat(*s.hub, second, {{"channel", "tongxi"}}) == 200);
  CHECK(heartbeat(*s.hub, first, {{"channel", "tongxi"}}) == 401);
  CHECK(enroll(*s.hub, "hall-01", c).first == 401);  // used up
}

TEST_CASE(
    "heartbeats: the channel is never a path, control characters never reach the admin's screen, bad JSON is a 400") {
  Scene s;
  // Something outside the channel directory that looks like a channel at version 77.
  s.build(1);
  fs::create_directories(s.hub->data() / "secret");
  std::string text = read_file(s.work / "channel/manifest.json");
  REQUIRE(contains(text, "  \"version\": 1,"));
  write_file(s.hub->data() / "secret/manifest.json",
             text.replace(text.find("  \"version\": 1,"), 15, "  \"version\": 77,"));
  fs::copy_file(s.work / "channel/manifest.sig", s.hub->data() / "secret/manifest.sig");
  auto [st, token] = enroll(*s.hub, "hall-01", staff_token(*s.hub));
  REQUIRE(st == 200);
  CHECK(heartbeat(*s.hub, token,
                  {{"channel", "../secret"},
                   {"content_version", 1},
                   {"printer_state", "ok\x1b[2J\x1b]0;pwned\x07"},
                   {"app_version",
                    "1.0\xc2\x9b"
                    "31m"}}) == 200);
  auto fleet = run({tool("bianmin-hub"), "terminals", "--data", s.hub->data(), "--json"});
  REQUIRE(fleet.exit_code == 0);
  json f = json::parse(fleet.output.substr(fleet.output.find('[')), nullptr, false);
  REQUIRE(f.is_array());
  CHECK(f.at(0).value("latest_version", int64_t{-1}) == 0);
  auto table = run({tool("bianmin-hub"), "terminals", "--data", s.hub->data()});
  REQUIRE(table.exit_code == 0);
  CHECK(contains(table.output, "hall-01"));
  CHECK_FALSE(contains(table.output, "\x1b"));
  CHECK_FALSE(contains(table.output, "\xc2\x9b"));
  CHECK_FALSE(contains(table.output, "\x07"));

  // A field of the wrong type: 400, and no exception text in the answer.
  for (const std::string body : {R"({"content_version": "abc"})", R"({"channel": 5})", R"({"disk_free_mb": {"a": 1}})",
                                 // a float too large for an integer (undefined behaviour to convert)
                                 R"({"content_version": 1e300})"}) {
    auto r = sync::http_send("POST", s.hub->url() + "/api/heartbeat", body, "application/json", with_token(token));
    REQUIRE(r.ok());
    CHECK_MESSAGE(r->status == 400, body << " → " << r->status);
    for (const auto& header : r->headers)
      CHECK_MESSAGE(!contains(header.first, "exception"), header.first << ": " << header.second);
    CHECK_FALSE(contains(r->body, "type_error"));
    CHECK_FALSE(contains(r->body, "json"));
  }
}

TEST_CASE("reports older than report_retention_days are deleted") {
  Scene s;
  auto [st, token] = enroll(*s.hub, "hall-01", staff_token(*s.hub));
  REQUIRE(st == 200);
  for (const char* batch : {"old-batch", "new-batch"}) {
    json body = {
        {"batch_id", batch},
        {"events",
         json::array(
             {{{"seq", 1}, {"kind", "view"}, {"at", 1700000000}, {"item", "g1"}, {"text", ""}, {"value", 0}}})}};
    auto r = sync::http_send("POST", s.hub->url() + "/api/outbox", body.dump(), "application/json", with_token(token));
    REQUIRE(r.ok());
    REQUIRE_MESSAGE(r->status == 200, r->body);
  }
  s.hub->stop();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((s.hub->data() / "hub.db").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "UPDATE batches SET received_at = received_at - 40*86400 WHERE batch_id='old-batch'",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  TempDir conf("hub-conf");
  s.hub->restart({"--config", hub_toml(conf, "[terminals]\nreport_retention_days = 30\n")});
  auto fleet = run({tool("bianmin-hub"), "terminals", "--data", s.hub->data(), "--json"});
  REQUIRE(fleet.exit_code == 0);
  json f = json::parse(fleet.output.substr(fleet.output.find('[')), nullptr, false);
  REQUIRE(f.is_array());
  CHECK(f.at(0).value("batches", int64_t{-1}) == 1);
  CHECK(f.at(0).value("events", int64_t{-1}) == 1);
}
