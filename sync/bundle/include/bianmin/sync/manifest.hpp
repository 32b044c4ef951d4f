// The bundle manifest (manifest.json): what a publisher signs and a terminal checks before it
// downloads anything. The signature (manifest.sig) is ed25519 over the exact bytes of
// manifest.json, so the bytes served are the bytes verified; parse only after verifying.
//
// A channel directory (what bianmin-publish writes, the hub serves, nginx can serve):
//   manifest.json, manifest.sig
//   files/content-<version>.db.zst        the full database, zstd
//   files/delta-<from>-<version>.zst      changeset from an earlier version, zstd
//   history/<version>.db                  publisher side only: earlier databases kept to
//                                         make deltas; never pushed or served
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::sync {

inline constexpr int kManifestFormat = 1;
// A manifest with a few deltas is about 1 KB; terminals refuse to read more than this.
inline constexpr int64_t kMaxManifestBytes = int64_t{1} << 20;
// The highest version a manifest may carry. Versions grow by one per publication, so this is
// never reached honestly; a signed 2^63-1 would make every later version "older".
inline constexpr int64_t kMaxManifestVersion = int64_t{1} << 40;
// How long a signature vouches that a manifest is the newest (TUF's freeze-attack defence):
// past expires_at a terminal keeps its content but cannot confirm it is current.
// `bianmin-publish sign` renews it; publishers re-sign well before it runs out.
inline constexpr int kDefaultValidDays = 30;

struct DeltaEntry {
  int64_t from_version = 0;  // applies to exactly this version's database
  std::string file;          // name under files/
  int64_t size = 0;          // bytes of the (compressed) file
  std::string sha256;        // of the (compressed) file
};

struct BundleManifest {
  int format = kManifestFormat;
  std::string channel;        // e.g. "qingshi": one township's content
  int64_t version = 0;        // increases by one per publication; terminals refuse older
  std::string version_label;  // the content's own version string, shown to people
  std::string created_at;     // ISO timestamp (UTC)
  // ISO timestamp (UTC) after which this manifest no longer vouches that it is the newest;
  // "" = never (manifests written before expiry existed).
  std::string expires_at;
  std::string key_id;      // publisher key that signs this manifest
  int schema_version = 0;  // content schema (PRAGMA user_version) of the database
  int64_t db_size = 0;     // the full database, uncompressed
  std::string db_sha256;   // of the full database file as built
  // Hash over the rows of every content table (content_hash() in delta.hpp): the same for
  // the full file and for an older version with the delta applied, so a terminal checks
  // either path against the signed value.
  std::string content_hash;
  std::string full_file;  // name under files/
  int64_t full_size = 0;  // compressed bytes
  std::string full_sha256;
  std::vector<DeltaEntry> deltas;

  const DeltaEntry* delta_from(int64_t version) const;
  // True when expires_at is set and earlier than `now` (unix seconds).
  bool expired(int64_t now) const;
};

// "2026-11-20T08:00:00Z" ↔ unix seconds; -1 for text that is not such a time.
int64_t iso_utc_to_unix(std::string_view iso);
std::string unix_to_iso_utc(int64_t t);

std::string manifest_to_json(const BundleManifest& m);
// Refuses unknown formats, missing fields, duplicate keys (two readers could see two different
// manifests in the same signed bytes), versions above kMaxManifestVersion, and file names that
// are not plain names.
Result<BundleManifest> parse_manifest(std::string_view json_text);
// A plain file name: [A-Za-z0-9._-]+, not starting with a dot.
bool is_plain_file_name(std::string_view name);

}  // namespace bianmin::sync
