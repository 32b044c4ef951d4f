// Channel directories: build, sign, check (see bundle.hpp).
#include "bianmin/sync/bundle.hpp"

#include <ctime>
#include <set>

#include "bianmin/sync/delta.hpp"
#include "bianmin/base/sqlite.hpp"

namespace bianmin::sync {
namespace fs = std::filesystem;

std::string utc_now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {
int read_user_version(const fs::path& db_path) {
  sqlite3* db = nullptr;
  int v = 0;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sql::Stmt st(db, "PRAGMA user_version");
    if (st.step()) v = static_cast<int>(st.i64(0));
  }
  sqlite3_close_v2(db);
  return v;
}

Status copy_file_synced(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  auto tmp = fs::path(to.string() + ".tmp");
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status::fail("cannot copy: " + ec.message(), from.string());
  if (auto st = fsync_file(tmp); !st) return st;
  fs::rename(tmp, to, ec);
  if (ec) return Status::fail("cannot rename: " + ec.message(), to.string());
  return fsync_dir(to.parent_path());
}
}  // namespace

Status check_file(const fs::path& path, int64_t size, const std::string& sha256) {
  std::error_code ec;
  auto actual = fs::file_size(path, ec);
  if (ec) return Status::fail("file missing", path.string());
  if (static_cast<int64_t>(actual) != size)
    return Status::fail("size " + std::to_string(actual) + " differs from the manifest's " + std::to_string(size),
                        path.string());
  auto h = sha256_file(path);
  if (!h) return Status{h.error()};
  if (*h != sha256) return Status::fail("sha256 differs from the manifest", path.string());
  return Status::success();
}

Result<BundleManifest> add_version(const fs::path& dir, const fs::path& db, const BuildOptions& o, const KeyPair* key) {
  using R = Result<BundleManifest>;
  std::error_code ec;
  fs::create_directories(dir / "files", ec);
  fs::create_directories(dir / "history", ec);
  if (ec) return R::fail("cannot create channel directory: " + ec.message(), dir.string());
  if (auto st = integrity_check(db); !st) return st.error();

  BundleManifest prev;
  bool has_prev = false;
  if (fs::exists(dir / "manifest.json")) {
    auto text = read_whole_file(dir / "manifest.json");
    if (!text) return text.error();
    auto parsed = parse_manifest(*text);
    if (!parsed) return parsed.error();
    prev = *parsed;
    has_prev = true;
    if (prev.channel != o.channel)
      return R::fail("this directory holds channel '" + prev.channel + "', not '" + o.channel + "'", dir.string());
  }

  BundleManifest m;
  m.channel = o.channel;
  m.version = has_prev ? prev.version + 1 : 1;
  m.version_label = o.version_label;
  m.created_at = o.created_at.empty() ? utc_now_iso() : o.created_at;
  m.expires_at = unix_to_iso_utc(static_cast<int64_t>(std::time(nullptr)) + int64_t{o.valid_days} * 86400);
  m.key_id = key ? key->key_id : "";
  m.schema_version = read_user_version(db);
  m.db_size = static_cast<int64_t>(fs::file_size(db, ec));
  auto sha = sha256_file(db);
  if (!sha) return sha.error();
  m.db_sha256 = *sha;
  auto ch = content_hash_file(db);
  if (!ch) return ch.error();
  m.content_hash = *ch;

  const auto v = std::to_string(m.version);
  fs::path hist = dir / "history" / (v + ".db");
  if (auto st = copy_file_synced(db, hist); !st) return st.error();

  m.full_file = "content-" + v + ".db.zst";
  fs::path full = dir / "files" / m.full_file;
  fs::path full_tmp = full.string() + ".tmp";
  if (auto st = zstd_compress_file(hist, full_tmp, o.zstd_level); !st) return st.error();
  if (auto st = fsync_file(full_tmp); !st) return st.error();
  fs::rename(full_tmp, full, ec);
  m.full_size = static_cast<int64_t>(fs::file_size(full, ec));
  auto fsha = sha256_file(full);
  if (!fsha) return fsha.error();
  m.full_sha256 = *fsha;

  for (int64_t from = m.version - 1; from >= 1 && from > m.version - o.keep_versions; --from) {
    fs::path old = dir / "history" / (std::to_string(from) + ".db");
    if (!fs::exists(old)) continue;
    auto cs = make_changeset(old, hist);
    if (!cs) continue;  // e.g. a schema change: terminals on `from` take the full file
    auto z = zstd_compress(*cs, 19);
    if (!z || static_cast<int64_t>(z->size()) >= m.full_size) continue;
    DeltaEntry d;
    d.from_version = from;
    d.file = "delta-" + std::to_string(from) + "-" + v + ".zst";
    d.size = static_cast<int64_t>(z->size());
    d.sha256 = sha256_hex(*z);
    if (auto st = write_file_atomic(dir / "files" / d.file, *z); !st) return st.error();
    m.deltas.push_back(d);
  }

  std::string bytes = manifest_to_json(m);
  if (key) {
    if (auto st = write_file_atomic(dir / "manifest.sig", sign_detached(bytes, *key)); !st) return st.error();
  } else {
    fs::remove(dir / "manifest.sig", ec);
  }
  if (auto st = write_file_atomic(dir / "manifest.json", bytes); !st) return st.error();

  // Prune: history beyond keep_versions, and files named by neither this manifest nor the
  // previous one.
  std::set<std::string> keep = {m.full_file};
  for (const auto& d : m.deltas) keep.insert(d.file);
  if (has_prev) {
    keep.insert(prev.full_file);
    for (const auto& d : prev.deltas) keep.insert(d.file);
  }
  for (const auto& e : fs::directory_iterator(dir / "files", ec))
    if (!keep.count(e.path().filename().string())) fs::remove(e.path(), ec);
  for (const auto& e : fs::directory_iterator(dir / "history", ec)) {
    auto stem = e.path().stem().string();
    char* end = nullptr;
    long long hv = std::strtoll(stem.c_str(), &end, 10);
    if (end && *end == 0 && hv <= m.version - o.keep_versions) fs::remove(e.path(), ec);
  }
  return m;
}

Status sign_channel(const fs::path& dir, const KeyPair& key, int valid_days) {
  auto text = read_whole_file(dir / "manifest.json");
  if (!text) return Status{text.error()};
  auto m = parse_manifest(*text);
  if (!m) return Status{m.error()};
  m->key_id = key.key_id;
  m->expires_at = unix_to_iso_utc(static_cast<int64_t>(std::time(nullptr)) + int64_t{valid_days} * 86400);
  std::string bytes = manifest_to_json(*m);
  if (auto st = write_file_atomic(dir / "manifest.sig", sign_detached(bytes, key)); !st) return st;
  return write_file_atomic(dir / "manifest.json", bytes);
}

Result<ChannelView> check_channel(const fs::path& dir, const TrustStore& trust, bool check_files) {
  using R = Result<ChannelView>;
  ChannelView cv;
  auto text = read_whole_file(dir / "manifest.json");
  if (!text) return text.error();
  auto sig = read_whole_file(dir / "manifest.sig");
  if (!sig) return R::fail("manifest is not signed (run bianmin-publish sign)", (dir / "manifest.sig").string());
  auto who = verify_signed(*text, *sig, trust);
  if (!who) return who.error();
  auto m = parse_manifest(*text);
  if (!m) return m.error();
  if (m->key_id != *who)
    return R::fail("manifest names key " + m->key_id + " but was signed by " + *who, "manifest.json");
  if (check_files) {
    if (auto st = check_file(dir / "files" / m->full_file, m->full_size, m->full_sha256); !st) return st.error();
    for (const auto& d : m->deltas)
      if (auto st = check_file(dir / "files" / d.file, d.size, d.sha256); !st) return st.error();
  }
  cv.manifest_bytes = *text;
  cv.signature = *sig;
  cv.manifest = *m;
  return cv;
}

}  // namespace bianmin::sync
