#include "bianmin/sync/sync_status.hpp"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

namespace bianmin::sync {

using json = nlohmann::json;

std::string sync_status_json(const SyncStatus& s) {
  json j = {{"last_run_at", s.last_run_at},
            {"outcome", s.outcome},
            {"message", s.message},
            {"version", s.version},
            {"last_success_at", s.last_success_at}};
  return j.dump(2) + "\n";
}

std::optional<SyncStatus> parse_sync_status(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto integer = [&](const char* key) -> std::optional<int64_t> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return std::nullopt;
    int64_t v = it->get<int64_t>();
    return v >= 0 ? std::optional<int64_t>(v) : std::nullopt;
  };
  auto text_of = [&](const char* key) -> std::optional<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  auto run = integer("last_run_at"), version = integer("version"), success = integer("last_success_at");
  auto outcome = text_of("outcome"), message = text_of("message");
  if (!run || !version || !success || !outcome || !message) return std::nullopt;
  if (*outcome != "up_to_date" && *outcome != "updated" && *outcome != "failed") return std::nullopt;
  return SyncStatus{*run, *outcome, *message, *version, *success};
}

std::optional<SyncStatus> read_sync_status(const std::filesystem::path& state_dir) {
  std::ifstream in(state_dir / kSyncStatusFile, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > 64 * 1024) return std::nullopt;
  return parse_sync_status(text);
}

}  // namespace bianmin::sync
