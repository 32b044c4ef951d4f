// What the sync agent did on its last run, written to <state_dir>/sync-status after every
// run (a 304 "nothing new" included) and read by the kiosk (离线 on home, the staff screen)
// and, later, by the hub's fleet page. The kiosk must not guess this from a file's
// modification time: the agent does not rewrite its other state when nothing changed.
//
// The file is one JSON object:
//   {"last_run_at": 1764580000, "outcome": "up_to_date", "message": "...",
//    "version": 12, "last_success_at": 1764580000}
// last_success_at is the last run that reached the hub and ended current (up to date or
// updated); a failed run keeps the previous one. Times are unix seconds, 0 = never.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bianmin::sync {

struct SyncStatus {
  int64_t last_run_at = 0;
  std::string outcome;  // "up_to_date", "updated", "failed"
  std::string message;  // the agent's own words for the run
  int64_t version = 0;  // the content version current after the run
  int64_t last_success_at = 0;
  bool operator==(const SyncStatus&) const = default;
};

constexpr const char* kSyncStatusFile = "sync-status";

std::string sync_status_json(const SyncStatus& s);
// nullopt when `text` is not such an object (a torn or foreign file).
std::optional<SyncStatus> parse_sync_status(std::string_view text);
// Reads <state_dir>/sync-status; nullopt when absent or unreadable.
std::optional<SyncStatus> read_sync_status(const std::filesystem::path& state_dir);

}  // namespace bianmin::sync
