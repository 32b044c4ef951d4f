// Building, signing and checking a channel directory (layout in manifest.hpp).
//
// Promises:
//  - add_version() never breaks what is being served: files are written first, the manifest
//    last (atomically), and the files of the previous manifest are kept so a terminal in the
//    middle of a download can finish it.
//  - Versions increase by one per add_version(); deltas are offered from each of the
//    previous keep_versions-1 versions whose changeset is smaller than the full file.
//  - check_channel() verifies a channel's signature against a trust list and every file it
//    names (size and sha256): what push and the hub run before serving anything.
#pragma once
#include <filesystem>
#include <string>

#include "bianmin/base/result.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"

namespace bianmin::sync {

struct BuildOptions {
  std::string channel = "default";
  std::string version_label;           // the content's own version string
  std::string created_at;              // empty = now (UTC)
  int valid_days = kDefaultValidDays;  // the manifest expires this many days from now
  int keep_versions = 5;               // databases kept in history/ (so deltas from up to 4 versions back)
  int zstd_level = 12;                 // 19 packs ~10% smaller but is slow on a county-sized cache
};

// Adds `db` as the next version of the channel in `dir` (created if needed). With a key the
// manifest is signed at once; without one it is written unsigned for sign_channel().
Result<BundleManifest> add_version(const std::filesystem::path& dir, const std::filesystem::path& db,
                                   const BuildOptions& options, const KeyPair* key);

// Sets key_id, renews expires_at to `valid_days` from now, and writes manifest.json +
// manifest.sig for the channel in `dir`. Re-signing the same version before it expires is how
// a publisher keeps terminals confirming that they are current.
Status sign_channel(const std::filesystem::path& dir, const KeyPair& key, int valid_days = kDefaultValidDays);

struct ChannelView {
  std::string manifest_bytes;
  std::string signature;  // raw 64 bytes
  BundleManifest manifest;
};

// Reads manifest.json + manifest.sig and checks the signature (and, unless `check_files` is
// false, every named file under files/).
Result<ChannelView> check_channel(const std::filesystem::path& dir, const TrustStore& trust, bool check_files = true);

// Checks one file under `dir`/files against a size and sha256.
Status check_file(const std::filesystem::path& path, int64_t size, const std::string& sha256);

std::string utc_now_iso();

}  // namespace bianmin::sync
