// What the hub benchmarks share (bench_hub.cpp, bench_push.cpp): this build's bianmin-hub started
// on loopback in a scratch directory, a signed channel "bench" pushed to it over the staff API,
// and terminals' long-polls on that channel. Loopback only; the caller owns and removes the
// directory.
#pragma once
#include <sys/types.h>

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"

namespace bianmin::bench {

// The tokens the scratch hub accepts.
inline constexpr const char* kStaffToken = "bench-staff-token";
inline constexpr const char* kEnrollToken = "bench-enroll-token";

// A process's resident size (VmRSS) in MB; 0 when it is gone.
double rss_mb(pid_t pid);

// A running bianmin-hub of this build: its data in dir/data, listening on 127.0.0.1 (an ephemeral
// port), trusting `key` for pushed manifests, its output in dir/hub.log. Stopped (SIGTERM, reaped)
// by the destructor.
class ScratchHub {
 public:
  // `extra` is appended to `bianmin-hub serve` (store engine, connection limits).
  static Result<std::unique_ptr<ScratchHub>> start(const std::filesystem::path& dir, const sync::KeyPair& key,
                                                   const std::vector<std::string>& extra = {});
  ~ScratchHub();
  ScratchHub(const ScratchHub&) = delete;
  ScratchHub& operator=(const ScratchHub&) = delete;
  pid_t pid() const { return pid_; }
  int port() const { return port_; }

 private:
  ScratchHub(pid_t pid, int port) : pid_(pid), port_(port) {}
  pid_t pid_;
  int port_;
};

// Builds version `label` of the signed channel "bench" in dir/channel (an empty content cache).
std::optional<sync::BundleManifest> add_bench_version(const std::filesystem::path& dir, const sync::KeyPair& key,
                                                      const std::string& label);

// Uploads every file of the channel's newest version, then (timed into *manifest_s) its manifest:
// the push. False with `error` when the hub refuses.
bool push_version(httplib::Client& c, const std::filesystem::path& channel, const sync::BundleManifest& m,
                  double* manifest_s, std::string& error);

// Opens terminal i's long-poll (GET /api/wait/bench?version=known) from 127.0.0.<2 + i % 200>, as
// a village's terminals come from a few addresses: the socket, or -1.
int open_wait(int port, int i, int64_t known);

}  // namespace bianmin::bench
