// The terminal's sync agent (bianmin-sync): fetch, verify, apply atomically, report.
//
// State directory (e.g. /var/lib/bianmin):
//   content.db               symlink -> versions/<v>.db: the database the kiosk opens
//                            (read-only); it is replaced by rename(2), never written in place.
//                            Its path is AgentOptions::content_path (kiosk.toml paths.content).
//   versions/<v>.db          verified databases: the current one and the previous one (rollback)
//   versions/<v>.manifest.json, .sig   the signed manifest each one was checked against
//   download/<file>.part     partial downloads, resumed with Range on the next run
//   staging/                 where a new version is assembled; thrown away on failure
//   agent.json               highest version ever accepted (replay protection), ETag, times
//   outbox.db                events from the kiosk (bianmin_outbox), uploaded by upload_outbox
//   token                    this terminal's hub token (from enroll)
//
// Promises:
//  - `current` always names a complete database that passed integrity_check, the content
//    self-check and whose content hash equals a manifest signed by a trusted key, whatever
//    instant the process dies (every file is fsynced before the rename that publishes it,
//    and the directory after).
//  - A manifest is used only if its signature verifies against a trusted, not retired key,
//    its channel is ours and its version is newer than any accepted before.
//  - Downloads are checked against free disk first (min_free_bytes kept free), resumed
//    when interrupted, and checked against size and sha256 before use.
//  - upload_outbox() deletes only batches the hub acknowledged.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bianmin/base/result.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/delta.hpp"
#include "bianmin/sync/http.hpp"

namespace bianmin::sync {

struct AgentOptions {
  std::filesystem::path state_dir;
  std::filesystem::path trust_file;      // trusted publisher keys (TrustStore JSON); empty = trusted_keys
  std::vector<TrustedKey> trusted_keys;  // used when trust_file is empty (from kiosk.toml)
  std::filesystem::path content_path;    // the link the kiosk opens; empty = <state_dir>/content.db
  std::string channel_url;               // e.g. http://hub:8470/channels/tongxi (or an nginx URL)
  std::string channel;                   // expected channel name; empty = the URL's last segment
  std::string hub_url;                   // e.g. http://hub:8470 for enroll/heartbeat/outbox; empty = none
  HttpOptions http;
  int64_t min_free_bytes = 64ll << 20;  // never fill the disk below this
  // One sync (manifest, downloads, apply) gives up after this long, keeping the old content:
  // a link too slow to finish in time tries again at the next run (resuming its download).
  // Below systemd's 30-minute start timeout, so the agent stops itself and says why.
  long max_sync_s = 20 * 60;
  std::string app_version;                   // reported in heartbeats; "" = this build's version (version())
  std::string printer_state;                 // reported in heartbeats when printer_state_file is unset or unreadable
  std::filesystem::path printer_state_file;  // the kiosk's one-word printer state, read at every heartbeat
  int64_t interval_s = 0;                    // how often this terminal syncs (reported: the hub's silence alert)
  std::string village;                       // kiosk.toml terminal.village_id, reported in heartbeats
  std::string kiosk_unit = "bianmin-kiosk.service";  // asked of systemd for uptime/restarts; "" = do not ask
  RebuildHook rebuild_index;                         // rebuilds the search index after a delta
};

// What systemd says about the kiosk's unit: the kiosk records neither its uptime nor its
// restarts; systemd (which restarts it, Restart=always and the watchdog) knows both.
struct KioskService {
  std::string state;     // ActiveState
  int64_t up_s = 0;      // now − ActiveEnterTimestampMonotonic, when active
  int64_t restarts = 0;  // NRestarts
};
// Parses `systemctl show -p ActiveState -p ActiveEnterTimestampMonotonic -p NRestarts UNIT`;
// `now_mono_us` is CLOCK_MONOTONIC in microseconds. nullopt when ActiveState is missing.
std::optional<KioskService> parse_kiosk_service(std::string_view text, int64_t now_mono_us);
// Asks systemctl (at most 3 s); nullopt when there is no systemd to ask.
std::optional<KioskService> query_kiosk_service(const std::string& unit);

// Failed also when the terminal cannot confirm its content is current (its manifest expired
// and no re-signed one arrived): the content stays, the report says so.
enum class SyncOutcome { UpToDate, Updated, Failed };

struct SyncReport {
  SyncOutcome outcome = SyncOutcome::Failed;
  int64_t version = 0;  // current version after the run
  bool used_delta = false;
  int64_t downloaded = 0;  // bytes fetched this run
  std::string message;     // what happened, for the log and staff mode
};

// What the hub's push channel said (Agent::wait_for_news).
struct PushNews {
  int64_t version = 0;     // the version the channel is at
  int64_t screenshot = 0;  // staff ask for this terminal's screen: the request's id (0 = nothing new)
};

struct CurrentInfo {
  int64_t version = 0;  // 0 = no content yet
  std::filesystem::path db;
  std::string version_label;
  std::string created_at;
  std::string expires_at;        // of the current version's signed manifest ("" = never)
  bool unconfirmed = false;      // that manifest has expired: the content may not be current
  int64_t previous_version = 0;  // kept for rollback, 0 = none
};

class Agent {
 public:
  explicit Agent(AgentOptions o);

  // One sync: manifest → verify → download → apply → switch. Never throws. Every run, a 304
  // included, leaves <state_dir>/sync-status (bianmin/sync/sync_status.hpp).
  SyncReport sync_once();
  // Re-checks what `current` names (integrity, self-check, content hash vs its signed manifest).
  Status verify_current();
  CurrentInfo current();
  // Switches `current` back to the previous version (staff action).
  Status rollback();
  // Enrolls with the hub using an enrollment token; stores the terminal token.
  Status enroll(const std::string& terminal_id, const std::string& name, const std::string& enroll_token);
  // Reports to the hub (wire::Heartbeat). Uploads first the kiosk's answer to a screenshot
  // request, if one is waiting; when the hub's answer asks for a screenshot, leaves the request
  // for the kiosk (bianmin/sync/screen_request.hpp).
  Status heartbeat();
  // The push channel: holds a long-poll to the hub (GET <hub>/api/wait/<channel>?version=N,
  // with the terminal's token and `shot=known_shot`) for up to `wait_s` seconds and returns
  // the version the hub says the channel is at (above `known` as soon as one is published;
  // `known` or below when the wait ran out) and a screenshot request newer than `known_shot`
  // as soon as staff make one. Only a hint: the version is fetched and verified through
  // sync_once(), the request taken from heartbeat()'s answer. Fails at once without a hub,
  // when the hub is down, or one too old to have the path (404).
  Result<PushNews> wait_for_news(int64_t known, int64_t known_shot, int wait_s);
  // Uploads outbox batches until empty; returns events acknowledged.
  Result<int64_t> upload_outbox();

  const AgentOptions& options() const { return o_; }
  std::filesystem::path content_link() const;

 private:
  SyncReport run_sync();
  void record_status(const SyncReport& r);
  Status upload_screen_answer(const HttpOptions& h);
  Status switch_current(int64_t version);
  Status check_database(const std::filesystem::path& db, const std::string& content_hash, const std::string& label,
                        int schema_version);
  AgentOptions o_;
};

// Delay before retry number `attempt` (1, 2, …): exponential from base_s up to max_s, with
// full jitter (uniform in [delay/2, delay]) so a village of terminals does not retry in step.
double backoff_seconds(int attempt, double base_s = 30, double max_s = 3600);

// Test aid: when BIANMIN_SYNC_CRASH_AT=N is set, the Nth checkpoint kills the process with
// SIGKILL; BIANMIN_SYNC_STEP_DELAY_MS=N sleeps at every checkpoint; BIANMIN_SYNC_TRACE prints
// each checkpoint ("checkpoint N name") to stderr.
void checkpoint(const char* where);

}  // namespace bianmin::sync
