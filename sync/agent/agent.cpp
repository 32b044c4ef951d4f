// The terminal's sync agent (see agent.hpp for the state directory and the promises).
#include "bianmin/sync/agent.hpp"

#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <csignal>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "bianmin/base/process.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"
#include "bianmin/sync/outbox.hpp"
#include "bianmin/sync/screen_request.hpp"
#include "bianmin/sync/sync_status.hpp"
#include "bianmin/sync/wire.hpp"

namespace bianmin::sync {
namespace fs = std::filesystem;
using json = nlohmann::json;

void checkpoint(const char* where) {
  static const long crash_at = [] {
    const char* e = std::getenv("BIANMIN_SYNC_CRASH_AT");
    return e ? std::atol(e) : 0L;
  }();
  static const long delay_ms = [] {
    const char* e = std::getenv("BIANMIN_SYNC_STEP_DELAY_MS");
    return e ? std::atol(e) : 0L;
  }();
  static const bool trace = std::getenv("BIANMIN_SYNC_TRACE") != nullptr;
  static long count = 0;
  ++count;
  if (trace) std::fprintf(stderr, "checkpoint %ld %s\n", count, where);
  if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  if (crash_at > 0 && count == crash_at) {
    std::fprintf(stderr, "bianmin-sync: test crash at checkpoint %ld (%s)\n", count, where);
    std::raise(SIGKILL);
  }
}

double backoff_seconds(int attempt, double base_s, double max_s) {
  double d = base_s;
  for (int i = 1; i < attempt && d < max_s; ++i) d *= 2;
  if (d > max_s) d = max_s;
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(d / 2, d)(rng);
}

namespace {

struct AgentState {
  int64_t highest = 0;
  std::string etag;
  std::string last_sync;
};

AgentState load_state(const fs::path& dir) {
  AgentState s;
  auto text = read_whole_file(dir / "agent.json");
  if (!text) return s;
  json j = json::parse(*text, nullptr, false);
  if (!j.is_object()) return s;
  s.highest = j.value("highest_version", int64_t{0});
  s.etag = j.value("etag", "");
  s.last_sync = j.value("last_sync", "");
  return s;
}

Status save_state(const fs::path& dir, const AgentState& s) {
  json j = {{"highest_version", s.highest}, {"etag", s.etag}, {"last_sync", s.last_sync}};
  return write_file_atomic(dir / "agent.json", j.dump(2) + "\n");
}

int64_t version_from_name(const fs::path& p) {
  auto stem = p.stem().string();
  if (stem.empty()) return 0;
  char* end = nullptr;
  long long v = std::strtoll(stem.c_str(), &end, 10);
  return (end && *end == 0 && v > 0) ? v : 0;
}

int64_t free_bytes(const fs::path& dir) {
  struct statvfs sv {};
  if (statvfs(dir.c_str(), &sv) != 0) return 0;
  return static_cast<int64_t>(sv.f_bavail) * static_cast<int64_t>(sv.f_frsize);
}

// Now, unix seconds. BIANMIN_SYNC_NOW (an ISO UTC time) moves the agent's clock for tests of
// manifest expiry, like BIANMIN_SYNC_CRASH_AT for crashes.
int64_t agent_now() {
  if (const char* e = std::getenv("BIANMIN_SYNC_NOW"))
    if (int64_t t = iso_utc_to_unix(e); t >= 0) return t;
  return static_cast<int64_t>(std::time(nullptr));
}

int64_t file_size_or0(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

SyncReport failed(std::string msg, int64_t version) {
  SyncReport r;
  r.outcome = SyncOutcome::Failed;
  r.version = version;
  r.message = std::move(msg);
  return r;
}

std::string channel_of(const AgentOptions& o) {
  if (!o.channel.empty()) return o.channel;
  std::string u = o.channel_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u.substr(u.rfind('/') + 1);
}

std::string base_url(const AgentOptions& o) {
  std::string u = o.channel_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}
}  // namespace

Agent::Agent(AgentOptions o) : o_(std::move(o)) {}

fs::path Agent::content_link() const { return o_.content_path.empty() ? o_.state_dir / "content.db" : o_.content_path; }

namespace {
Result<TrustStore> load_trust(const AgentOptions& o) {
  if (!o.trust_file.empty()) return TrustStore::read(o.trust_file);
  TrustStore t;
  t.keys = o.trusted_keys;
  if (t.keys.empty()) return Result<TrustStore>::fail("no trusted publisher keys configured");
  return t;
}
}  // namespace

CurrentInfo Agent::current() {
  CurrentInfo c;
  std::error_code ec;
  fs::path link = content_link();
  auto target = fs::read_symlink(link, ec);
  if (!ec) {
    c.version = version_from_name(target);
    c.db = target.is_absolute() ? target : link.parent_path() / target;
  }
  if (c.version > 0) {
    if (auto text = read_whole_file(o_.state_dir / "versions" / (std::to_string(c.version) + ".manifest.json"))) {
      if (auto m = parse_manifest(*text)) {
        c.version_label = m->version_label;
        c.created_at = m->created_at;
        c.expires_at = m->expires_at;
        c.unconfirmed = m->expired(agent_now());
      }
    }
  }
  for (const auto& e : fs::directory_iterator(o_.state_dir / "versions", ec)) {
    if (e.path().extension() != ".db") continue;
    int64_t v = version_from_name(e.path());
    if (v > 0 && v < c.version && v > c.previous_version &&
        fs::exists(o_.state_dir / "versions" / (std::to_string(v) + ".manifest.sig")))
      c.previous_version = v;
  }
  return c;
}

Status Agent::check_database(const fs::path& db, const std::string& hash, const std::string& label, int schema) {
  if (auto st = integrity_check(db); !st) return st;
  auto h = content_hash_file(db);
  if (!h) return Status{h.error()};
  if (*h != hash) return Status::fail("content hash differs from the signed manifest", db.string());
  // The same check the kiosk's first read makes: a cache this build can open and read.
  auto store = content::Store::open_readonly(db);
  if (!store) return Status{store.error()};
  auto info = (*store)->info();
  if (info.schema_version != schema)
    return Status::fail("schema version " + std::to_string(info.schema_version) + " differs from the manifest's",
                        db.string());
  if (!label.empty() && info.content_version != label)
    return Status::fail("content version '" + info.content_version + "' differs from the manifest's '" + label + "'",
                        db.string());
  return Status::success();
}

Status Agent::switch_current(int64_t version) {
  fs::path link = content_link();
  fs::path tmp = link.string() + ".new";
  std::error_code ec;
  fs::remove(tmp, ec);
  // Relative target when the link sits in the state directory: it can move (or be
  // bind-mounted) as a whole.
  fs::path target = o_.state_dir / "versions" / (std::to_string(version) + ".db");
  if (fs::weakly_canonical(link.parent_path(), ec) == fs::weakly_canonical(o_.state_dir, ec))
    target = fs::path("versions") / (std::to_string(version) + ".db");
  else
    target = fs::absolute(target, ec);
  fs::create_symlink(target, tmp, ec);
  if (ec) return Status::fail("cannot create link: " + ec.message(), tmp.string());
  checkpoint("link-created");
  fs::rename(tmp, link, ec);
  if (ec) return Status::fail("cannot switch the content link: " + ec.message(), tmp.string());
  checkpoint("link-renamed");
  return fsync_dir(link.parent_path());
}

SyncReport Agent::sync_once() {
  SyncReport r = run_sync();
  record_status(r);
  return r;
}

// <state_dir>/sync-status after every run, whatever it did (bianmin/sync/sync_status.hpp):
// the kiosk's 离线 and the staff screen read it, never a file's modification time.
void Agent::record_status(const SyncReport& r) {
  SyncStatus s;
  s.last_run_at = agent_now();
  s.version = r.version;
  s.message = r.message;
  s.outcome = r.outcome == SyncOutcome::UpToDate  ? "up_to_date"
              : r.outcome == SyncOutcome::Updated ? "updated"
                                                  : "failed";
  if (r.outcome == SyncOutcome::Failed) {
    if (auto before = read_sync_status(o_.state_dir)) s.last_success_at = before->last_success_at;
  } else {
    s.last_success_at = s.last_run_at;
  }
  std::error_code ec;
  fs::create_directories(o_.state_dir, ec);
  if (auto st = write_file_atomic(o_.state_dir / kSyncStatusFile, sync_status_json(s)); !st)
    std::fprintf(stderr, "bianmin-sync: cannot write %s: %s\n", kSyncStatusFile, st.error().to_string().c_str());
}

SyncReport Agent::run_sync() {
  std::error_code ec;
  for (const char* d : {"versions", "download", "staging"}) fs::create_directories(o_.state_dir / d, ec);
  if (ec) return failed("cannot create state directory: " + ec.message(), 0);
  checkpoint("start");
  CurrentInfo cur = current();
  AgentState st = load_state(o_.state_dir);
  int64_t highest = std::max(st.highest, cur.version);
  // The installed file read through (PRAGMA quick_check): damaged on disk since it was
  // installed (a failing SD card), it is fetched again in full, even at the same version: the
  // kiosk refuses a damaged cache and shows its problem screen meanwhile.
  std::string damage;
  if (cur.version > 0) {
    auto store = content::Store::open_readonly(cur.db);
    Status intact = store ? (*store)->check_intact() : Status{store.error()};
    if (!intact) {
      damage = intact.error().to_string();
      std::fprintf(stderr, "bianmin-sync: the installed version %lld is damaged, fetching it again: %s\n",
                   static_cast<long long>(cur.version), damage.c_str());
    }
  }

  auto trust = load_trust(o_);
  if (!trust) return failed("no trusted keys: " + trust.error().to_string(), cur.version);

  // Every request gets what is left of the sync's own time limit.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(1L, o_.max_sync_s));
  auto timed = [&](HttpOptions h) -> std::optional<HttpOptions> {
    auto left_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left_ms <= 0) return std::nullopt;
    long left = static_cast<long>((left_ms + 999) / 1000);
    h.total_timeout_s = h.total_timeout_s > 0 ? std::min<long>(h.total_timeout_s, left) : static_cast<long>(left);
    return h;
  };
  const std::string too_slow = "the sync took longer than " + std::to_string(o_.max_sync_s) +
                               " s (--sync-time-limit): stopped, the current content stays; the next sync resumes";
  auto timed_out = [&] { return std::chrono::steady_clock::now() >= deadline - std::chrono::milliseconds(500); };

  // 1. The manifest, and its signature (a manifest is small: refuse a flood).
  std::map<std::string, std::string> hdr;
  if (cur.version > 0 && !st.etag.empty() && damage.empty()) hdr["If-None-Match"] = st.etag;
  HttpOptions small = o_.http;
  small.max_body_bytes = kMaxManifestBytes;
  auto small_timed = timed(small);
  if (!small_timed) return failed(too_slow, cur.version);
  auto resp = http_get(base_url(o_) + "/manifest.json", *small_timed, hdr);
  if (!resp) return failed(timed_out() ? too_slow : resp.error().to_string(), cur.version);
  // Up to date, as far as the signed manifests we hold can tell.
  auto up_to_date = [&] {
    CurrentInfo now_cur = current();
    SyncReport r;
    r.version = now_cur.version;
    if (now_cur.unconfirmed) {
      r.outcome = SyncOutcome::Failed;
      r.message =
          "cannot confirm that version " + std::to_string(now_cur.version) +
          " is current: its signed manifest expired at " + now_cur.expires_at +
          " and no re-signed one has arrived (the hub may be stale or cut off from the publisher); the content stays";
      return r;
    }
    r.outcome = SyncOutcome::UpToDate;
    r.message = "up to date (version " + std::to_string(now_cur.version) + ")";
    return r;
  };
  if (resp->status == 304) return up_to_date();
  if (resp->status != 200) return failed("manifest: HTTP " + std::to_string(resp->status), cur.version);
  std::string sig;
  if (!from_hex(resp->header("x-bianmin-signature"), sig) || sig.empty()) {
    // A plain static server (nginx): the signature is its own file.
    auto sh = timed(small);
    if (!sh) return failed(too_slow, cur.version);
    auto s = http_get(base_url(o_) + "/manifest.sig", *sh);
    if (!s) return failed(timed_out() ? too_slow : s.error().to_string(), cur.version);
    if (s->status != 200) return failed("manifest.sig: HTTP " + std::to_string(s->status), cur.version);
    sig = s->body;
  }
  auto who = verify_signed(resp->body, sig, *trust);
  if (!who) return failed("refused manifest: " + who.error().message, cur.version);
  auto parsed = parse_manifest(resp->body);
  if (!parsed) return failed("refused manifest: " + parsed.error().to_string(), cur.version);
  const BundleManifest& m = *parsed;
  if (m.key_id != *who) return failed("refused manifest: names key " + m.key_id + ", signed by " + *who, cur.version);
  if (m.channel != channel_of(o_))
    return failed("refused manifest: channel '" + m.channel + "' is not ours", cur.version);
  const bool repair = !damage.empty() && m.version == cur.version;
  if (m.version == cur.version && !repair) {
    // The publisher re-signed the version we have (a later expiry): keep the newer signature.
    std::string stem = (o_.state_dir / "versions" / std::to_string(cur.version)).string();
    auto held_text = read_whole_file(stem + ".manifest.json");
    auto held = held_text ? parse_manifest(*held_text) : Result<BundleManifest>::fail("no manifest");
    if (held && held->content_hash == m.content_hash && held->db_sha256 == m.db_sha256 && !held->expires_at.empty() &&
        iso_utc_to_unix(m.expires_at) > iso_utc_to_unix(held->expires_at)) {
      if (auto s = write_file_atomic(stem + ".manifest.sig", sig); !s)
        return failed(s.error().to_string(), cur.version);
      if (auto s = write_file_atomic(stem + ".manifest.json", resp->body); !s)
        return failed(s.error().to_string(), cur.version);
    }
    st.etag = resp->header("etag");
    st.highest = highest;
    // Only the ETag and the highest version seen: if it cannot be saved, the next run asks
    // for the manifest again, which is all it costs.
    (void)save_state(o_.state_dir, st);
    return up_to_date();
  }
  if (m.version <= highest && !repair)
    return failed("refused manifest: version " + std::to_string(m.version) + " is not newer than " +
                      std::to_string(highest) + " (rollback or replay)",
                  cur.version);
  if (m.expires_at.empty())
    return failed("refused manifest: version " + std::to_string(m.version) +
                      " has no expiry, so it cannot vouch that it is current (re-sign it: bianmin-publish sign)",
                  cur.version);
  if (m.expired(agent_now()))
    return failed("refused manifest: version " + std::to_string(m.version) + " expired at " + m.expires_at +
                      " (a stale or replayed manifest); the content stays",
                  cur.version);
  checkpoint("manifest-ok");

  fs::path staged = o_.state_dir / "staging" / (std::to_string(m.version) + ".db");
  fs::remove(staged, ec);
  SyncReport report;
  auto fetch = [&](const std::string& file, int64_t size, const std::string& sha, int64_t extra) -> Result<fs::path> {
    fs::path part = o_.state_dir / "download" / (file + ".part");
    int64_t have = file_size_or0(part);
    int64_t need = (size - have) + extra + o_.min_free_bytes;
    int64_t avail = free_bytes(o_.state_dir);
    if (avail < need)
      return Result<fs::path>::fail("not enough free disk: need " + std::to_string(need >> 20) + " MB, have " +
                                    std::to_string(avail >> 20) + " MB");
    auto h = timed(o_.http);
    if (!h) return Result<fs::path>::fail(too_slow);
    h->on_chunk = [] { checkpoint("download-chunk"); };
    auto got = download_to_file(base_url(o_) + "/files/" + file, part, size, *h);
    report.downloaded += file_size_or0(part) - have;
    if (!got && timed_out()) return Result<fs::path>::fail(too_slow);
    if (!got) return got.error();
    checkpoint("downloaded");
    if (auto c = check_file(part, size, sha); !c) {
      fs::remove(part, ec);  // corrupt: never resume from it
      return c.error();
    }
    return part;
  };
  auto install = [&]() -> Status {
    if (auto s = fsync_file(staged); !s) return s;
    checkpoint("staged-synced");
    fs::path final_db = o_.state_dir / "versions" / (std::to_string(m.version) + ".db");
    fs::rename(staged, final_db, ec);
    if (ec) return Status::fail("cannot move database into place: " + ec.message());
    if (auto s = fsync_dir(final_db.parent_path()); !s) return s;
    checkpoint("db-in-place");
    std::string stem = (o_.state_dir / "versions" / std::to_string(m.version)).string();
    if (auto s = write_file_atomic(stem + ".manifest.sig", sig); !s) return s;
    if (auto s = write_file_atomic(stem + ".manifest.json", resp->body); !s) return s;
    checkpoint("manifest-saved");
    if (auto s = switch_current(m.version); !s) return s;
    st.highest = m.version;
    st.etag = resp->header("etag");
    st.last_sync = utc_now_iso();
    if (auto s = save_state(o_.state_dir, st); !s) return s;
    checkpoint("state-saved");
    // Keep the new version and the one it replaced (for rollback); drop the rest.
    for (const auto& e : fs::directory_iterator(o_.state_dir / "versions", ec)) {
      int64_t v =
          version_from_name(fs::path(e.path().filename().string().substr(0, e.path().filename().string().find('.'))));
      if (v != m.version && v != cur.version) fs::remove(e.path(), ec);
    }
    for (const auto& e : fs::directory_iterator(o_.state_dir / "download", ec)) fs::remove(e.path(), ec);
    return Status::success();
  };

  // 2. The smallest path: a delta from our version, else the full database.
  std::string delta_problem;
  if (const DeltaEntry* d = cur.version > 0 && damage.empty() ? m.delta_from(cur.version) : nullptr) {
    auto part = fetch(d->file, d->size, d->sha256, 2 * std::max(m.db_size, file_size_or0(cur.db)));
    // A delta that is missing, corrupt or does not give the signed content: the full file.
    Result<std::string> cs = Result<std::string>::fail("");
    if (part) {
      auto z = read_whole_file(*part);
      cs = z ? zstd_decompress(*z, 4 * m.db_size + (1 << 20)) : Result<std::string>(z.error());
    } else {
      if (timed_out()) return failed(too_slow, cur.version);
      cs = part.error();
    }
    Status s = cs ? Status::success() : Status{cs.error()};
    if (s) {
      fs::copy_file(cur.db, staged, fs::copy_options::overwrite_existing, ec);
      if (ec) s = Status::fail("cannot copy current database: " + ec.message());
    }
    checkpoint("copied");
    if (s) s = apply_changeset(staged, *cs, o_.rebuild_index);
    checkpoint("applied");
    if (s) s = check_database(staged, m.content_hash, m.version_label, m.schema_version);
    if (s) {
      report.used_delta = true;
      if (auto i = install(); !i) return failed(i.error().to_string(), current().version);
      report.outcome = SyncOutcome::Updated;
      report.version = m.version;
      report.message = "updated to version " + std::to_string(m.version) + " by delta from " +
                       std::to_string(cur.version) + " (" + std::to_string(report.downloaded) + " bytes downloaded)";
      return report;
    }
    delta_problem = "delta " + d->file + ": " + s.error().to_string() + "; full file instead: ";
    std::fprintf(stderr, "bianmin-sync: %s\n", delta_problem.c_str());
    fs::remove(staged, ec);
    if (part) fs::remove(*part, ec);
  }
  auto part = fetch(m.full_file, m.full_size, m.full_sha256, m.db_size);
  if (!part) return failed(delta_problem + part.error().to_string(), cur.version);
  if (auto s = zstd_decompress_file(*part, staged, m.db_size); !s) {
    fs::remove(staged, ec);
    return failed(delta_problem + s.error().to_string(), cur.version);
  }
  checkpoint("decompressed");
  if (auto s = check_file(staged, m.db_size, m.db_sha256); !s) {
    fs::remove(staged, ec);
    return failed(delta_problem + s.error().to_string(), cur.version);
  }
  if (auto s = check_database(staged, m.content_hash, m.version_label, m.schema_version); !s) {
    fs::remove(staged, ec);
    return failed(delta_problem + s.error().to_string(), cur.version);
  }
  if (auto i = install(); !i) return failed(i.error().to_string(), current().version);
  report.outcome = SyncOutcome::Updated;
  report.version = m.version;
  report.message = (repair ? "repaired: version " + std::to_string(m.version) + " fetched again"
                           : "updated to version " + std::to_string(m.version)) +
                   " (full database, " + std::to_string(report.downloaded) + " bytes downloaded)" +
                   (damage.empty() ? "" : "; the installed file was damaged: " + damage);
  return report;
}

Status Agent::verify_current() {
  CurrentInfo cur = current();
  if (cur.version == 0) return Status::fail("no content yet");
  auto trust = load_trust(o_);
  if (!trust) return Status{trust.error()};
  // Content already installed stays valid after its key is retired: retirement refuses new
  // manifests only.
  for (auto& k : trust->keys) k.retired = false;
  std::string stem = (o_.state_dir / "versions" / std::to_string(cur.version)).string();
  auto text = read_whole_file(stem + ".manifest.json");
  auto sig = read_whole_file(stem + ".manifest.sig");
  if (!text || !sig) return Status::fail("signed manifest of the current version is missing");
  auto who = verify_signed(*text, *sig, *trust);
  if (!who) return Status{who.error()};
  auto m = parse_manifest(*text);
  if (!m) return Status{m.error()};
  if (m->version != cur.version) return Status::fail("manifest is for another version");
  return check_database(cur.db, m->content_hash, m->version_label, m->schema_version);
}

Status Agent::rollback() {
  CurrentInfo cur = current();
  if (cur.previous_version == 0) return Status::fail("no previous version to go back to");
  AgentState st = load_state(o_.state_dir);
  // Remember how far we had been, so the bad version is not taken again as "newer".
  st.highest = std::max(st.highest, cur.version);
  st.etag.clear();
  if (auto s = save_state(o_.state_dir, st); !s) return s;
  int64_t target = cur.previous_version;
  std::string stem = (o_.state_dir / "versions" / std::to_string(target)).string();
  auto text = read_whole_file(stem + ".manifest.json");
  if (!text) return Status{text.error()};
  auto m = parse_manifest(*text);
  if (!m) return Status{m.error()};
  if (auto s = check_database(stem + ".db", m->content_hash, m->version_label, m->schema_version); !s) return s;
  return switch_current(target);
}

namespace {
Result<std::string> read_token(const fs::path& state) {
  auto t = read_whole_file(state / "token");
  if (!t) return Result<std::string>::fail("not enrolled (no token): run bianmin-sync enroll");
  std::string s = *t;
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}
}  // namespace

Status Agent::enroll(const std::string& id, const std::string& name, const std::string& enroll_token) {
  if (o_.hub_url.empty()) return Status::fail("no hub configured");
  HttpOptions h = o_.http;
  h.bearer_token = enroll_token;
  auto r = http_send("POST", o_.hub_url + "/api/enroll", wire::to_json(wire::EnrollRequest{id, name}),
                     "application/json", h);
  if (!r) return Status{r.error()};
  if (r->status != 200)
    return Status::fail("hub refused enrollment: HTTP " + std::to_string(r->status) + " " + r->body);
  auto reply = wire::parse_enroll_reply(r->body);
  if (!reply) return Status::fail("hub sent no token");
  const std::string& token = reply->token;
  std::error_code ec;
  fs::create_directories(o_.state_dir, ec);
  return write_file_atomic(o_.state_dir / "token", token + "\n");
}

std::optional<KioskService> parse_kiosk_service(std::string_view text, int64_t now_mono_us) {
  KioskService k;
  bool have_state = false;
  int64_t entered = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    i = end + 1;
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
    std::string v(value);
    if (key == "ActiveState") {
      k.state = v;
      have_state = !v.empty();
    } else if (key == "ActiveEnterTimestampMonotonic") {
      entered = std::atoll(v.c_str());
    } else if (key == "NRestarts") {
      k.restarts = std::max<int64_t>(0, std::atoll(v.c_str()));
    }
  }
  if (!have_state) return std::nullopt;
  if (k.state == "active" && entered > 0 && now_mono_us > entered) k.up_s = (now_mono_us - entered) / 1000000;
  return k;
}

std::optional<KioskService> query_kiosk_service(const std::string& unit) {
  if (!fs::exists("/run/systemd/system")) return std::nullopt;  // not booted with systemd
  auto out = process::run({"/usr/bin/timeout", "3", "/usr/bin/systemctl", "show", "--no-pager", "-p", "ActiveState",
                           "-p", "ActiveEnterTimestampMonotonic", "-p", "NRestarts", unit});
  if (!out || out->exit_code != 0) return std::nullopt;
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return parse_kiosk_service(out->text, int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000);
}

Status Agent::heartbeat() {
  if (o_.hub_url.empty()) return Status::success();
  auto token = read_token(o_.state_dir);
  if (!token) return Status{token.error()};
  CurrentInfo cur = current();
  AgentState st = load_state(o_.state_dir);
  struct sysinfo si {};
  sysinfo(&si);
  // The kiosk rewrites the file when the printer changes: read it now, not when we started.
  std::string printer = o_.printer_state;
  if (!o_.printer_state_file.empty())
    if (auto t = read_whole_file(o_.printer_state_file)) {
      std::string w = *t;
      while (!w.empty() && std::isspace(static_cast<unsigned char>(w.back()))) w.pop_back();
      if (!w.empty()) printer = w;
    }
  wire::Heartbeat hb;
  hb.channel = channel_of(o_);
  hb.freshness = cur.version == 0 ? "" : cur.unconfirmed ? "unconfirmed" : "ok";
  hb.content_version = cur.version;
  hb.content_label = cur.version_label;
  hb.last_sync = st.last_sync;
  hb.printer_state = printer;
  hb.disk_free_mb = static_cast<int64_t>(free_bytes(o_.state_dir) >> 20);
  hb.uptime_s = static_cast<int64_t>(si.uptime);
  hb.app_version = o_.app_version.empty() ? std::string(BIANMIN_VERSION) : o_.app_version;
  // What the last run did, as it wrote it (a run writes sync-status before reporting).
  if (auto ss = read_sync_status(o_.state_dir)) {
    hb.sync_run_at = ss->last_run_at;
    hb.sync_outcome = ss->outcome;
    hb.sync_message = ss->message.substr(0, wire::kMaxTextBytes);
    hb.sync_success_at = ss->last_success_at;
  }
  hb.interval_s = std::clamp<int64_t>(o_.interval_s, 0, wire::kMaxIntervalS);
  hb.village = o_.village.substr(0, wire::kMaxShortBytes);
  if (!o_.kiosk_unit.empty())
    if (auto k = query_kiosk_service(o_.kiosk_unit)) {
      hb.kiosk_state = k->state;
      hb.kiosk_up_s = std::clamp<int64_t>(k->up_s, 0, wire::kMaxUnixTime);
      hb.kiosk_restarts = std::clamp<int64_t>(k->restarts, 0, wire::kMaxCount);
    }
  HttpOptions h = o_.http;
  h.bearer_token = *token;
  // A screenshot the kiosk made since the last contact goes first (screen_request.hpp).
  if (auto up = upload_screen_answer(h); !up)
    std::fprintf(stderr, "bianmin-sync: %s\n", up.error().to_string().c_str());  // kept for the next contact
  auto r = http_send("POST", o_.hub_url + "/api/heartbeat", wire::to_json(hb), "application/json", h);
  if (!r) return Status{r.error()};
  if (r->status != 200) return Status::fail("heartbeat: HTTP " + std::to_string(r->status));
  // The answer may ask for the kiosk's current screen: {"ok":true,"screenshot":{"id":N,"allow_names":b}}.
  json j = json::parse(r->body, nullptr, false);
  if (j.is_object() && j.contains("screenshot")) {
    auto req = parse_screen_request(j["screenshot"].dump());
    auto have = read_screen_request(o_.state_dir);
    auto answered = read_screen_answer(o_.state_dir);
    if (req && !(have && *have == *req) && !(answered && answered->id == req->id) &&
        !write_whole_file(o_.state_dir / kScreenRequestFile, screen_request_json(*req)))
      return Status::fail("cannot write the screenshot request", (o_.state_dir / kScreenRequestFile).string());
  }
  return Status::success();
}

Status Agent::upload_screen_answer(const HttpOptions& h) {
  auto a = read_screen_answer(o_.state_dir);
  if (!a) return Status::success();
  const fs::path png = o_.state_dir / kScreenAnswerPng;
  std::string body = a->message, type = "text/plain; charset=utf-8";
  if (a->outcome == "ok") {
    auto bytes = read_whole_file(png);
    if (!bytes) {  // the kiosk writes the PNG first: gone means someone removed it
      body = "the PNG is missing";
      a->outcome = "refused";
    } else {
      body = std::move(*bytes);
      type = "image/png";
    }
  }
  auto r = http_send("POST",
                     o_.hub_url + "/api/screenshot?id=" + std::to_string(a->id) + "&outcome=" + a->outcome +
                         "&taken_at=" + std::to_string(a->taken_at),
                     body, type, h);
  if (!r) return Status{r.error()};
  // 409: the hub no longer waits for this one (staff asked again); drop it all the same.
  if (r->status != 200 && r->status != 409) return Status::fail("screenshot upload: HTTP " + std::to_string(r->status));
  std::error_code ec;
  fs::remove(o_.state_dir / kScreenAnswerFile, ec);
  fs::remove(png, ec);
  return Status::success();
}

Result<PushNews> Agent::wait_for_news(int64_t known, int64_t known_shot, int wait_s) {
  using R = Result<PushNews>;
  if (o_.hub_url.empty()) return R::fail("no hub to wait on (sync.hub_url)");
  HttpOptions h = o_.http;
  h.total_timeout_s = wait_s + 15;   // the hub answers by wait_s; a dead link gives up soon after
  h.low_speed_time_s = wait_s + 15;  // the answer is silent until it comes
  h.max_body_bytes = 4096;
  // Enrolled: the hub may also tell this terminal of a screenshot request (not enrolled: the
  // versions only, as anyone may ask).
  if (auto token = read_token(o_.state_dir)) h.bearer_token = *token;
  auto r = http_get(o_.hub_url + "/api/wait/" + channel_of(o_) + "?version=" + std::to_string(known) +
                        "&shot=" + std::to_string(known_shot) + "&wait=" + std::to_string(wait_s),
                    h);
  if (!r) return r.error();
  if (r->status != 200) return R::fail("the hub answered HTTP " + std::to_string(r->status) + " to the push wait");
  PushNews news;
  news.version = -1;
  json j = json::parse(r->body, nullptr, false);  // {"channel":"…","version":N[,"screenshot":id]}
  if (j.is_object() && j.contains("version") && j["version"].is_number_integer())
    news.version = j["version"].get<int64_t>();
  if (news.version < 0) return R::fail("the hub's push answer names no version");
  if (j.contains("screenshot") && j["screenshot"].is_number_integer())
    news.screenshot = std::max<int64_t>(0, j["screenshot"].get<int64_t>());
  return news;
}

Result<int64_t> Agent::upload_outbox() {
  using R = Result<int64_t>;
  if (o_.hub_url.empty()) return int64_t{0};
  if (!fs::exists(o_.state_dir / "outbox.db")) return int64_t{0};
  auto token = read_token(o_.state_dir);
  if (!token) return token.error();
  auto ob = Outbox::open(o_.state_dir / "outbox.db");
  if (!ob) return ob.error();
  HttpOptions h = o_.http;
  h.bearer_token = *token;
  int64_t acked = 0;
  for (int round = 0; round < 1000; ++round) {
    auto batch = (*ob)->take_batch(500);
    if (!batch) return batch.error();
    if (batch->empty()) break;
    auto r = http_send("POST", o_.hub_url + "/api/outbox", wire::to_json(wire::OutboxUpload{batch->id, batch->events}),
                       "application/json", h);
    if (!r) return r.error();
    if (r->status != 200) return R::fail("outbox upload: HTTP " + std::to_string(r->status) + " " + r->body);
    auto ack = wire::parse_outbox_ack(r->body);
    if (!ack || ack->ack != batch->id) return R::fail("hub did not acknowledge the batch");
    checkpoint("outbox-acked");
    auto n = (*ob)->acknowledge(batch->id);
    if (!n) return n.error();
    acked += static_cast<int64_t>(batch->events.size());
  }
  return acked;
}

}  // namespace bianmin::sync
