// bianmin-hub and bianmin-sync configured as deployed: hub.toml and kiosk.toml read through
// bianmin_config (--config), `bianmin-hub --check-config`, and a terminal that reaches the hub
// only through the HTTP proxy its kiosk.toml names (a small real forward proxy on 127.0.0.1).
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "bianmin/config/secrets.hpp"
#include "sync_fixture.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

bool contains(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

int listen_socket(int& port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(listen(fd, 16) == 0);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  port = ntohs(a.sin_port);
  return fd;
}

int free_port() {
  int port = 0;
  int fd = listen_socket(port);
  close(fd);
  return port;
}

// A forward HTTP proxy for plain http: one request per connection ("Connection: close"),
// absolute-form request line rewritten to origin-form, everything else passed through.
// Counts the requests it forwarded.
class Proxy {
 public:
  Proxy() {
    fd_ = listen_socket(port_);
    thread_ = std::thread([this] { loop(); });
  }
  ~Proxy() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int forwarded() const { return forwarded_; }

 private:
  void loop() {
    while (!stop_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      handle(c);
      close(c);
    }
  }
  void handle(int c) {
    std::string in;
    char buf[65536];
    std::size_t head_end;
    while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<std::size_t>(n));
    }
    std::size_t body_len = 0;
    std::string lower = in.substr(0, head_end);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (auto at = lower.find("content-length:"); at != std::string::npos) body_len = std::stoul(lower.substr(at + 15));
    while (in.size() < head_end + 4 + body_len) {
      ssize_t n = recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<std::size_t>(n));
    }
    // "GET http://127.0.0.1:PORT/path HTTP/1.1" → connect to host:port, send "GET /path".
    auto sp1 = in.find(' ');
    auto sp2 = in.find(' ', sp1 + 1);
    std::string target = in.substr(sp1 + 1, sp2 - sp1 - 1);
    if (target.rfind("http://", 0) != 0) return;
    auto slash = target.find('/', 7);
    std::string hostport = target.substr(7, slash - 7);
    int port = std::stoi(hostport.substr(hostport.find(':') + 1));
    std::string head = in.substr(0, sp1 + 1) + target.substr(slash) + in.substr(sp2, head_end - sp2);
    std::string out = head + "\r\nConnection: close\r\n\r\n" + in.substr(head_end + 4);
    // Drop the client's own Connection/Proxy-Connection headers (the last one above wins in
    // practice; the upstream only needs to close after answering).
    int u = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (connect(u, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      close(u);
      return;
    }
    send(u, out.data(), out.size(), MSG_NOSIGNAL);
    ++forwarded_;
    for (;;) {
      ssize_t n = recv(u, buf, sizeof buf, 0);
      if (n <= 0) break;
      if (send(c, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) < 0) break;
    }
    close(u);
  }
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> forwarded_{0};
  std::thread thread_;
};

std::string pub_base64_line(const std::string& keygen_output) {
  auto at = keygen_output.find("key = \"");
  REQUIRE(at != std::string::npos);
  return keygen_output.substr(at, keygen_output.find('\n', at) - at);
}

}  // namespace

TEST_CASE("hub.toml and kiosk.toml: publish, push with a staff token, sync through the configured proxy") {
  TempDir work("config");
  // The publisher's key, and its kiosk.toml block as keygen prints it.
  auto kg = run({tool("bianmin-publish"), "keygen", "-o", work / "pub.key"});
  REQUIRE_MESSAGE(kg.exit_code == 0, kg.output);
  CHECK(contains(kg.output, "[[sync.trusted_keys]]"));
  std::string key_line = pub_base64_line(kg.output);
  auto id_at = kg.output.find("id = \"");
  std::string id_line = kg.output.substr(id_at, kg.output.find('\n', id_at) - id_at);

  const std::string staff = "staff-token-for-config-test", enroll = "enroll-token-for-config-test";
  // The hall's trust list, which the hub checks every push against.
  REQUIRE(run({tool("bianmin-publish"), "trust", "add", work / "pub.pub.json", "--trust", work / "trusted_keys.json"})
              .exit_code == 0);
  int port = free_port();
  write_file(work / "hub.toml", "[server]\nlisten_address = \"127.0.0.1\"\nport = " + std::to_string(port) +
                                    "\n[paths]\ndata_dir = \"" + (work / "hub").string() + "\"\ntrusted_keys = \"" +
                                    (work / "trusted_keys.json").string() +
                                    "\"\n[[staff]]\nname = \"wangli\"\n"
                                    "token_hash = \"" +
                                    config::hash_token(staff) + "\"\n[terminals]\nenroll_token_hash = \"" +
                                    config::hash_token(enroll) + "\"\n");
  auto check = run({tool("bianmin-hub"), "--check-config", work / "hub.toml"});
  CHECK_MESSAGE(check.exit_code == 0, check.output);
  write_file(work / "bad.toml", "[server]\nport = 99999\n");
  check = run({tool("bianmin-hub"), "--check-config", work / "bad.toml"});
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output, "server.port"));

  pid_t hub = spawn({tool("bianmin-hub"), "serve", "--config", work / "hub.toml"}, work / "hub.log");
  std::string hub_url = "http://127.0.0.1:" + std::to_string(port);
  auto hub_log = [&] { return fs::exists(work / "hub.log") ? read_file(work / "hub.log") : std::string(); };
  for (int i = 0; i < 400 && !contains(hub_log(), "serving"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE_MESSAGE(contains(hub_log(), "serving"), hub_log());

  make_db(work / "in.db", "2026.11-1");
  REQUIRE(run({tool("bianmin-publish"), "bundle", work / "in.db", "-o", work / "channel", "--channel", "stable",
               "--key", work / "pub.key"})
              .exit_code == 0);
  write_file(work / "staff.token", staff + "\n");
  write_file(work / "wrong.token", enroll + "\n");
  auto push = [&](const fs::path& token) {
    return run({tool("bianmin-publish"), "push", work / "channel", "--to", hub_url, "--token-file", token, "--pub",
                work / "pub.pub.json"});
  };
  CHECK(push(work / "wrong.token").exit_code == 1);  // the enroll token is not a staff token
  auto r = push(work / "staff.token");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);

  Proxy proxy;
  fs::path state = work / "terminal";
  write_file(work / "kiosk.toml", "[terminal]\nid = \"hall-01\"\nrole = \"hall\"\n[sync]\nhub_url = \"" + hub_url +
                                      "\"\nchannel = \"stable\"\nproxy = \"" + proxy.url() +
                                      "\"\n[[sync.trusted_keys]]\n" + id_line + "\n" + key_line +
                                      "\n[paths]\nstate_dir = \"" + state.string() + "\"\n");
  write_file(work / "enroll.token", enroll + "\n");
  r = run({tool("bianmin-sync"), "enroll", "--config", work / "kiosk.toml", "--id", "hall-01", "--token-file",
           work / "enroll.token"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  write_file(state / "printer-state", "paper-out\n");  // what the kiosk's printing reports
  r = run({tool("bianmin-sync"), "once", "--config", work / "kiosk.toml", "--min-free-mb", "1"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(contains(r.output, "updated to version 1"));
  CHECK(fs::is_symlink(state / "content.db"));  // paths.content defaults to <state_dir>/content.db
  CHECK(run({tool("bianmin-sync"), "verify", "--config", work / "kiosk.toml"}).exit_code == 0);
  // enroll, manifest, signature or not, the full file, heartbeat: all through the proxy.
  CHECK(proxy.forwarded() >= 4);

  auto fleet = run({tool("bianmin-hub"), "terminals", "--config", work / "hub.toml", "--json"});
  CHECK_MESSAGE(contains(fleet.output, "\"hall-01\""), fleet.output);
  // The heartbeat carried what the fleet list shows.
  CHECK(contains(fleet.output, "\"content_version\": 1"));
  CHECK(contains(fleet.output, "\"channel\": \"stable\""));
  CHECK(contains(fleet.output, "\"app_version\": \"" BIANMIN_VERSION "\""));  // the packages' version
  CHECK(contains(fleet.output, "\"printer_state\": \"paper-out\""));
  CHECK_FALSE(contains(fleet.output, "\"disk_free_mb\": 0,"));

  // `bianmin-sync run` (the loop) reads the printer's word at every heartbeat, not once at start:
  // after its first round has reported paper-out, the printer jams and the hub hears of it.
  pid_t loop =
      spawn({tool("bianmin-sync"), "run", "--config", work / "kiosk.toml", "--min-free-mb", "1", "--interval", "0.3"},
            work / "loop.log");
  auto loop_log = [&] { return fs::exists(work / "loop.log") ? read_file(work / "loop.log") : std::string(); };
  for (int i = 0; i < 400 && loop_log().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  write_file(state / "printer-state", "jam\n");
  bool jam_seen = false;
  for (int i = 0; i < 100 && !jam_seen; ++i) {
    auto f = run({tool("bianmin-hub"), "terminals", "--config", work / "hub.toml", "--json"});
    jam_seen = contains(f.output, "\"printer_state\": \"jam\"");
    if (!jam_seen) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  kill(loop, SIGTERM);
  wait_exit(loop);
  CHECK_MESSAGE(jam_seen, loop_log());

  // A proxy that is down: the sync fails, the content stays.
  write_file(work / "kiosk.toml",
             read_file(work / "kiosk.toml")
                 .replace(read_file(work / "kiosk.toml").find(proxy.url()), proxy.url().size(), "http://127.0.0.1:9"));
  make_db(work / "in.db", "2026.11-2", [](content::ContentSet& s) { s.guides.at(0).name += "（新）"; });
  REQUIRE(run({tool("bianmin-publish"), "bundle", work / "in.db", "-o", work / "channel", "--key", work / "pub.key"})
              .exit_code == 0);
  REQUIRE(push(work / "staff.token").exit_code == 0);
  r = run({tool("bianmin-sync"), "once", "--config", work / "kiosk.toml", "--min-free-mb", "1"});
  CHECK(r.exit_code == 1);
  CHECK(run({tool("bianmin-sync"), "verify", "--config", work / "kiosk.toml"}).exit_code == 0);

  kill(hub, SIGTERM);
  CHECK(wait_exit(hub) == 0);
}
