// Shared by the sync tests: content databases from the content fixture, publisher keys, a
// real bianmin-hub process on 127.0.0.1 with an ephemeral port, and running the real tools.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bianmin/content/model.hpp"
#include "support/test_support.hpp"

namespace bianmin::test {

namespace fs = std::filesystem;

fs::path tool(const std::string& name);  // build-tree path of bianmin-publish/-sync/-hub

// Writes the content fixture (after `edit`) to `path` with content_version = label.
void make_db(const fs::path& path, const std::string& label,
             const std::function<void(content::ContentSet&)>& edit = {});
// Adds `n` household rows as a new fund publication.
void add_fund(content::ContentSet& set, const std::string& id, int n);

struct Keys {
  fs::path key, pub, trust;
};
// keygen into dir/<name>.key, and a trust file dir/trusted_keys.json listing it.
Keys make_keys(const fs::path& dir, const std::string& name = "publisher");

// Starts a process (no shell); output to `log` (or /dev/null); extra environment entries.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log = {},
            const std::map<std::string, std::string>& env = {});
// waitpid; returns the exit code, or -signal when killed.
int wait_exit(pid_t pid);

// `extra` options follow the fixture's own; a "--config hub.toml" pair among them goes first,
// so the hub takes the file's limits and the fixture's paths, tokens and port.
class HubProcess {
 public:
  HubProcess(const fs::path& trust, const std::vector<std::string>& extra = {});
  ~HubProcess();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  fs::path log() const { return dir_ / "hub.log"; }
  // Stops the hub and starts it again on the same data (with other extra options).
  void restart(const std::vector<std::string>& extra = {});
  std::string channel_url(const std::string& ch) const { return url() + "/channels/" + ch; }
  const fs::path& data() const { return data_; }
  const fs::path& token_file() const { return token_; }
  void stop();

 private:
  void start(const std::vector<std::string>& extra);
  TempDir dir_{"hub"};
  fs::path data_, token_, trust_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A terminal: its own state directory and the arguments bianmin-sync needs.
struct Terminal {
  fs::path state;
  std::vector<std::string> args(const std::string& cmd, const std::string& channel_url, const fs::path& trust,
                                const std::string& hub = {}) const;
};

}  // namespace bianmin::test
