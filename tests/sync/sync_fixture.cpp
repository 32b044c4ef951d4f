#include "sync_fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "bianmin/base/process.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/synthetic.hpp"
#include "content/fixture_content.hpp"

namespace bianmin::test {

fs::path tool(const std::string& name) {
  if (name == "bianmin-publish") return binary_dir() / "sync/publish/bianmin-publish";
  if (name == "bianmin-sync") return binary_dir() / "sync/agent/bianmin-sync";
  return binary_dir() / "sync/hub/bianmin-hub";
}

void add_fund(content::ContentSet& set, const std::string& id, int n) {
  set.funds.push_back(content::synthetic::grown_fund(set.funds.at(0), id, "2027年新增补贴发放公示 " + id, n));
}

void make_db(const fs::path& path, const std::string& label, const std::function<void(content::ContentSet&)>& edit) {
  auto set = fixture_content();
  set.content_version = label;
  if (edit) edit(set);
  auto st = content::write_cache(set, path);
  if (!st) throw std::runtime_error("write_cache: " + st.error().to_string());
}

Keys make_keys(const fs::path& dir, const std::string& name) {
  Keys k;
  k.key = dir / (name + ".key");
  k.pub = dir / (name + ".pub.json");
  k.trust = dir / "trusted_keys.json";
  auto r = run({tool("bianmin-publish"), "keygen", "-o", k.key, "--pub", k.pub});
  if (r.exit_code != 0) throw std::runtime_error("keygen: " + r.output);
  r = run({tool("bianmin-publish"), "trust", "add", k.pub, "--trust", k.trust});
  if (r.exit_code != 0) throw std::runtime_error("trust: " + r.output);
  return k;
}

pid_t spawn(const std::vector<std::string>& argv, const fs::path& log, const std::map<std::string, std::string>& env) {
  auto pid = process::spawn(argv, log, process::Env(env.begin(), env.end()));
  if (!pid) throw std::runtime_error(pid.error().message);
  return *pid;
}

int wait_exit(pid_t pid) { return process::wait(pid); }

HubProcess::HubProcess(const fs::path& trust, const std::vector<std::string>& extra) {
  data_ = dir_ / "data";
  token_ = dir_ / "staff.token";
  trust_ = trust;
  fs::create_directories(data_);
  write_file(token_, "staff-secret-token\n");
  start(extra);
}

void HubProcess::restart(const std::vector<std::string>& extra) {
  stop();
  start(extra);
}

void HubProcess::start(const std::vector<std::string>& extra) {
  fs::path port_file = dir_ / "port";
  fs::remove(port_file);
  std::vector<std::string> argv = {tool("bianmin-hub"), "serve"};
  // A hub.toml goes first: the options below override what it says about paths and tokens.
  std::vector<std::string> rest;
  for (size_t i = 0; i < extra.size(); ++i) {
    if (extra[i] == "--config" && i + 1 < extra.size()) {
      argv.insert(argv.end(), {extra[i], extra[i + 1]});
      ++i;
    } else {
      rest.push_back(extra[i]);
    }
  }
  argv.insert(argv.end(), {"--data", data_, "--trust", trust_, "--staff-token-file", token_, "--enroll-token-file",
                           token_, "--listen", "127.0.0.1:0", "--port-file", port_file});
  argv.insert(argv.end(), rest.begin(), rest.end());
  pid_ = spawn(argv, dir_ / "hub.log");
  for (int i = 0; i < 400 && !fs::exists(port_file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  if (!fs::exists(port_file)) throw std::runtime_error("hub did not start");
  port_ = std::stoi(read_file(port_file));
}

void HubProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    wait_exit(pid_);
    pid_ = -1;
  }
}

HubProcess::~HubProcess() { stop(); }

std::vector<std::string> Terminal::args(const std::string& cmd, const std::string& channel_url, const fs::path& trust,
                                        const std::string& hub) const {
  std::vector<std::string> a = {
      tool("bianmin-sync"), cmd, "--state",           state, "--url",           channel_url, "--trust", trust,
      "--min-free-mb",      "1", "--connect-timeout", "3",   "--stall-timeout", "5"};
  if (!hub.empty()) {
    a.push_back("--hub");
    a.push_back(hub);
  }
  return a;
}

}  // namespace bianmin::test
