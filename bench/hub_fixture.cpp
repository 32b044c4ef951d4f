#include "hub_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "bianmin/base/process.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/sync/bundle.hpp"

namespace bianmin::bench {
namespace fs = std::filesystem;

double rss_mb(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

Result<std::unique_ptr<ScratchHub>> ScratchHub::start(const fs::path& dir, const sync::KeyPair& key,
                                                      const std::vector<std::string>& extra) {
  const fs::path hub = fs::canonical("/proc/self/exe").parent_path().parent_path() / "sync/hub/bianmin-hub";
  if (!fs::exists(hub)) return Result<std::unique_ptr<ScratchHub>>::fail(hub.string() + " not built");
  std::ofstream(dir / "enroll.token") << kEnrollToken << "\n";
  std::ofstream(dir / "staff.token") << kStaffToken << "\n";
  sync::TrustStore trust;
  trust.keys.push_back({key.key_id, key.public_key, false});
  if (!trust.write(dir / "trust.json")) return Result<std::unique_ptr<ScratchHub>>::fail("cannot write trust.json");
  const fs::path port_file = dir / "port";
  std::vector<std::string> argv{hub.string(),
                                "serve",
                                "--data",
                                (dir / "data").string(),
                                "--listen",
                                "127.0.0.1:0",
                                "--port-file",
                                port_file.string(),
                                "--enroll-token-file",
                                (dir / "enroll.token").string(),
                                "--staff-token-file",
                                (dir / "staff.token").string(),
                                "--trust",
                                (dir / "trust.json").string(),
                                "--alert-check-s",
                                "3600"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto pid = process::spawn(argv, dir / "hub.log");
  if (!pid) return Result<std::unique_ptr<ScratchHub>>::fail(pid.error().message);
  std::unique_ptr<ScratchHub> h(new ScratchHub(*pid, 0));
  for (int i = 0; i < 200 && h->port_ == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream f(port_file);
    f >> h->port_;
  }
  if (h->port_ == 0) return Result<std::unique_ptr<ScratchHub>>::fail("the hub did not start (see hub.log)");
  return h;
}

ScratchHub::~ScratchHub() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  process::wait(pid_);
}

std::optional<sync::BundleManifest> add_bench_version(const fs::path& dir, const sync::KeyPair& key,
                                                      const std::string& label) {
  content::ContentSet set;
  set.content_version = label;
  const fs::path db = dir / (label + ".db");
  if (!content::write_cache(set, db)) return std::nullopt;
  sync::BuildOptions bo;
  bo.channel = "bench";
  bo.version_label = label;
  auto m = sync::add_version(dir / "channel", db, bo, &key);
  if (!m) return std::nullopt;
  return *m;
}

bool push_version(httplib::Client& c, const fs::path& channel, const sync::BundleManifest& m, double* manifest_s,
                  std::string& error) {
  const httplib::Headers h{{"Authorization", std::string("Bearer ") + kStaffToken}};
  std::vector<std::string> files{m.full_file};
  for (const auto& d : m.deltas) files.push_back(d.file);
  for (const auto& f : files) {
    std::ifstream in(channel / "files" / f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = c.Put(("/api/channels/bench/files/" + f).c_str(), h, ss.str(), "application/octet-stream");
    if (!r || r->status != 200) {
      error = "upload of " + f + " refused";
      return false;
    }
  }
  auto text = sync::read_whole_file(channel / "manifest.json");
  auto sig = sync::read_whole_file(channel / "manifest.sig");
  if (!text || !sig) {
    error = "no manifest";
    return false;
  }
  nlohmann::json body{{"manifest", *text}, {"signature", sync::to_hex(*sig)}};
  auto a = std::chrono::steady_clock::now();
  auto r = c.Put("/api/channels/bench/manifest", h, body.dump(), "application/json");
  if (manifest_s) *manifest_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
  if (!r || r->status != 200) {
    error = "manifest refused: " + (r ? r->body : std::string("no answer"));
    return false;
  }
  return true;
}

int open_wait(int port, int i, int64_t known) {
  int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) return -1;
  sockaddr_in self{};
  self.sin_family = AF_INET;
  self.sin_addr.s_addr = htonl(0x7f000000u + 2u + static_cast<unsigned>(i % 200));
  sockaddr_in hub{};
  hub.sin_family = AF_INET;
  hub.sin_port = htons(static_cast<uint16_t>(port));
  hub.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string req = "GET /api/wait/bench?version=" + std::to_string(known) +
                    "&wait=60 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (::bind(s, reinterpret_cast<sockaddr*>(&self), sizeof self) != 0 ||
      ::connect(s, reinterpret_cast<sockaddr*>(&hub), sizeof hub) != 0 ||
      ::send(s, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    ::close(s);
    return -1;
  }
  return s;
}

}  // namespace bianmin::bench
