// Issue 18, county scale: the bundles are plain files served by Debian's nginx, with the
// example configuration as shipped (deploy/nginx/bianmin-bundles.conf; only the paths, the
// port and the hub's address a test must change), and bianmin-hub handles only the dynamic
// paths (/api/: pushes, heartbeats, outbox, the push channel) behind it. A real bianmin-sync
// installs a version through nginx, and its next poll is a 304 from nginx.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "bianmin/sync/http.hpp"
#include "bianmin/sync/sync_status.hpp"
#include "sync_fixture.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {
const fs::path kNginx = "/usr/sbin/nginx";

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t n = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(s);
  return ntohs(a.sin_port);
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  const std::string missing = "the shipped example no longer has: " + from;
  REQUIRE_MESSAGE(at != std::string::npos, missing);
  return text.replace(at, from.size(), to);
}

// nginx in the foreground on 127.0.0.1:<port>, everything it writes under `dir`.
struct Nginx {
  fs::path dir;
  int port = 0;
  pid_t pid = -1;
  Nginx(const fs::path& d, const fs::path& root, const std::string& hub) : dir(d) {
    fs::create_directories(dir / "temp");
    port = free_port();
    // The example as shipped; what a test must change, and nothing else.
    std::string site = read_file(source_dir() / "deploy/nginx/bianmin-bundles.conf");
    site = replace_once(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(port) + ";");
    site = replace_once(site, "listen [::]:80;", "");
    site = replace_once(site, "root /srv/bianmin;", "root " + root.string() + ";");
    site = replace_once(site, "proxy_pass http://127.0.0.1:8080;", "proxy_pass " + hub + ";");
    site = replace_once(site, "access_log /var/log/nginx/bianmin-bundles.access.log;",
                        "access_log " + (dir / "access.log").string() + ";");
    write_file(dir / "bianmin-bundles.conf", site);
    const std::string t = (dir / "temp").string();
    // Debian's /etc/nginx/nginx.conf would start the distribution's sites too: a minimal main
    // file instead, with Debian's mime types, private temp paths and the site above.
    write_file(dir / "nginx.conf", std::string(geteuid() == 0 ? "user root;\n" : "") +
                                       "daemon off;\nworker_processes 1;\npid " + (dir / "nginx.pid").string() +
                                       ";\nerror_log " + (dir / "error.log").string() +
                                       ";\nevents { worker_connections 256; }\nhttp {\n"
                                       "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
                                       "  client_body_temp_path " +
                                       t + "/body;\n  proxy_temp_path " + t +
                                       "/proxy;\n"
                                       "  fastcgi_temp_path " +
                                       t + "/fastcgi;\n  uwsgi_temp_path " + t +
                                       "/uwsgi;\n"
                                       "  scgi_temp_path " +
                                       t + "/scgi;\n  include " + (dir / "bianmin-bundles.conf").string() + ";\n}\n");
    auto check = run({kNginx.string(), "-t", "-p", dir.string(), "-c", (dir / "nginx.conf").string()});
    REQUIRE_MESSAGE(check.exit_code == 0, check.output);
    pid = spawn({kNginx.string(), "-p", dir.string(), "-c", (dir / "nginx.conf").string()}, dir / "nginx.out");
    for (int i = 0; i < 200; ++i) {
      sync::HttpOptions o;
      o.connect_timeout_s = 1;
      if (sync::http_get(url() + "/", o)) return;  // any answer: it listens
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    FAIL("nginx did not start: " << read_file(dir / "error.log"));
  }
  ~Nginx() {
    if (pid > 0) {
      ::kill(pid, SIGQUIT);  // graceful: workers finish and exit
      wait_exit(pid);
    }
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  std::string access_log() const { return read_file(dir / "access.log"); }
};

size_t count(const std::string& log, const std::string& pattern) {
  std::regex re(pattern);
  return static_cast<size_t>(std::distance(std::sregex_iterator(log.begin(), log.end(), re), std::sregex_iterator()));
}
}  // namespace

TEST_CASE("nginx serves the bundles as shipped, the hub only the dynamic paths: install, then a 304") {
  REQUIRE_MESSAGE(fs::exists(kNginx), "Debian's nginx is missing: run deploy/install-deps.sh");
  TempDir work("nginx");
  Keys k = make_keys(work.path());
  const fs::path root = work.path() / "srv";  // what /srv/bianmin is in the example
  fs::create_directories(root / "channels");
  // The hub writes pushed bundles where nginx serves them from.
  HubProcess hub(k.trust, {"--channels", (root / "channels").string()});
  Nginx nginx(work.path() / "nginx", root, hub.url());
  const std::string ch = nginx.url() + "/channels/tongxi";

  // Staff push through nginx's /api/ (proxied to the hub), as a county does.
  make_db(work.path() / "in.db", "2026.12-1");
  auto r = run({tool("bianmin-publish"), "bundle", work.path() / "in.db", "-o", work.path() / "channel", "--channel",
                "tongxi", "--key", k.key});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = run({tool("bianmin-publish"), "push", work.path() / "channel", "--to", nginx.url(), "--token-file",
           hub.token_file(), "--trust", k.trust});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  REQUIRE(fs::exists(root / "channels/tongxi/manifest.json"));

  // A terminal enrolled and reporting through nginx; content from nginx's files.
  Terminal t{work.path() / "terminal"};
  r = run({tool("bianmin-sync"), "enroll", "--state", t.state, "--hub", nginx.url(), "--id", "cun-01", "--token-file",
           hub.token_file()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = run(t.args("once", ch, k.trust, nginx.url()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("full database") != std::string::npos);
  CHECK(run(t.args("verify", ch, k.trust)).exit_code == 0);
  auto status = sync::read_sync_status(t.state);
  REQUIRE(status);
  CHECK(status->outcome == "updated");
  CHECK(status->version == 1);

  // The next poll: nginx answers 304 (its ETag), nothing is downloaded.
  r = run(t.args("once", ch, k.trust, nginx.url()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("up to date") != std::string::npos);
  const std::string log = nginx.access_log();
  INFO(log);
  CHECK(count(log, R"("GET /channels/tongxi/manifest\.json HTTP/1\.1" 200)") == 1);
  CHECK(count(log, R"("GET /channels/tongxi/manifest\.json HTTP/1\.1" 304)") == 1);
  CHECK(count(log, R"("GET /channels/tongxi/manifest\.sig HTTP/1\.1" 200)") >= 1);  // nginx sends no signature header
  CHECK(count(log, R"("GET /channels/tongxi/files/content-1\.db\.zst HTTP/1\.1" 200)") == 1);
  CHECK(count(log, R"("POST /api/heartbeat HTTP/1\.1" 200)") == 2);  // the hub's part, proxied

  // The caching the example promises: manifests revalidated, files immutable.
  sync::HttpOptions o;
  auto m = sync::http_get(ch + "/manifest.json", o);
  REQUIRE(m);
  CHECK(m->header("cache-control").find("must-revalidate") != std::string::npos);
  CHECK_FALSE(m->header("etag").empty());
  auto f = sync::http_get(ch + "/files/content-1.db.zst", o, {{"Range", "bytes=0-9"}});
  REQUIRE(f);
  CHECK(f->status == 206);
  CHECK(f->body.size() == 10);
  CHECK(f->header("cache-control").find("immutable") != std::string::npos);
  // Only /channels/ and /api/ exist; the hub's own channel routes are not reachable through it.
  auto other = sync::http_get(nginx.url() + "/console/", o);
  REQUIRE(other);
  CHECK(other->status == 404);

  // The fleet, as the hub sees it through nginx: current.
  auto fl = run({tool("bianmin-hub"), "terminals", "--data", hub.data(), "--json"});
  REQUIRE_MESSAGE(fl.exit_code == 0, fl.output);
  auto fleet = nlohmann::json::parse(fl.output);
  REQUIRE(fleet.size() == 1);
  CHECK(fleet[0]["content_version"] == 1);
  CHECK(fleet[0]["sync_outcome"] == "up_to_date");
}
