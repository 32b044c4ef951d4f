// A current screenshot on request (issue 18): what the agent and the kiosk exchange through the
// state directory. Staff ask on the console's terminals page; the hub names the request in its
// heartbeat answer; the agent writes <state_dir>/screenshot-request; the kiosk, on its next
// frame, renders its live screen to <state_dir>/screenshot-answer.png and then writes
// <state_dir>/screenshot-answer (or only the answer, when it refuses); the agent uploads both
// with its next contact and deletes them.
//
//   screenshot-request   {"id": 7, "allow_names": false}
//   screenshot-answer    {"id": 7, "outcome": "ok"|"refused", "message": "names on screen",
//                         "taken_at": 1764580000}
//
// Promises:
//  - Each file is written whole (a temporary file renamed), so a reader never sees half of one;
//    the answer is renamed into place after its PNG, so an answer with outcome "ok" has its PNG.
//  - The kiosk never sends a screen with a fund table (names of households, masked or not)
//    unless the request says the hall allows it (hub.toml terminals.screenshot_fund_names).
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bianmin::sync {

struct ScreenRequest {
  int64_t id = 0;            // the hub's number for the request (> 0)
  bool allow_names = false;  // the hall allows a fund table with names on the picture
  bool operator==(const ScreenRequest&) const = default;
};

struct ScreenAnswer {
  int64_t id = 0;
  std::string outcome;   // "ok" (the PNG is beside it) or "refused"
  std::string message;   // why refused: kRefusedNames, or the kiosk's error
  int64_t taken_at = 0;  // unix seconds
  bool operator==(const ScreenAnswer&) const = default;
};

constexpr const char* kScreenRequestFile = "screenshot-request";
constexpr const char* kScreenAnswerFile = "screenshot-answer";
constexpr const char* kScreenAnswerPng = "screenshot-answer.png";
// The refusal the console explains as “屏幕上正显示带姓名的资金公示表”.
constexpr const char* kRefusedNames = "names on screen";
// The 评价建议 screen: a villager's own words (a phone number, a complaint) may be on it, typed
// or being typed; never sent, whatever the hall allows. Shown as is by the console.
constexpr const char* kRefusedOwnWords = "屏幕上是村民正在填写的评价建议，可能有本人写的话";

std::string screen_request_json(const ScreenRequest& r);
std::optional<ScreenRequest> parse_screen_request(std::string_view text);
std::string screen_answer_json(const ScreenAnswer& a);
std::optional<ScreenAnswer> parse_screen_answer(std::string_view text);

// Reads the file; nullopt when absent, unreadable or not such an object.
std::optional<ScreenRequest> read_screen_request(const std::filesystem::path& state_dir);
std::optional<ScreenAnswer> read_screen_answer(const std::filesystem::path& state_dir);
// Writes `bytes` to `path` through a temporary file renamed over it; false on any error.
bool write_whole_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace bianmin::sync
