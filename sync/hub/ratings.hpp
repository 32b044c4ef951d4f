// 好差评 on the hub (issue 18): the kiosk's 评价建议 (a rating 1..5 and preset reasons, see
// kiosk/screens/feedback.cpp) mapped onto the national government-service evaluation
// indicator set, the monthly report per service and per terminal, the follow-up deadline of a
// 差评 in working days, and the report as CSV.
//
// The mapping is one table (kReasonIndicators in ratings.cpp; sync/README.md shows it):
//  - level: the kiosk's value 5..1 is 非常满意, 满意, 基本满意, 不满意, 非常不满意;
//  - indicator: every rating counts for 总体满意度; each preset reason the villager ticked
//    also counts that rating's level for the indicator the reason is about (服务效率,
//    服务态度, 服务水平). A reason the table does not know counts for 总体满意度 only.
//  - 差评 = 不满意 or 非常不满意 (value 1 or 2): each opens a follow-up.
// Times are the hall's (China Standard Time, UTC+8, no daylight saving).
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bianmin::hub::ratings {

enum class Indicator { Overall, Efficiency, Attitude, Level };
constexpr int kIndicators = 4;
constexpr int kLevels = 5;
constexpr int64_t kHallUtcOffset = 8 * 3600;

const char* indicator_label(Indicator i);  // 总体满意度 服务效率 服务态度 服务水平
// The level's word for a kiosk value 5..1 (非常满意 … 非常不满意); "" outside 1..5.
const char* level_label(int64_t value);
inline bool is_poor(int64_t value) { return value == 1 || value == 2; }
// The indicator a preset reason is about; nullopt for a reason the table does not know.
std::optional<Indicator> indicator_for_reason(std::string_view reason);
// The indicators a rating counts for: 总体满意度 first, then each reason's (once each).
// `reasons` is the kiosk's text: the ticked reasons joined by 、.
std::vector<Indicator> indicators_for(std::string_view reasons);

// The hall's calendar date ("2026-12-07") `days` working days (Monday to Friday) after the
// hall day of `at`: a 差评 left on Friday with 5 days is due the next Friday.
std::string deadline_after(int64_t at, int days);
// [from, to) in unix seconds for a month "YYYY-MM" in hall time; nullopt when malformed.
std::optional<std::pair<int64_t, int64_t>> month_bounds(std::string_view month);
// The hall month of `at` ("2026-12").
std::string month_of(int64_t at);
// The hall time "2026-12-02 09:05".
std::string hall_time(int64_t at);

struct Rating {
  std::string terminal_id, terminal_name, item, reasons;
  int64_t value = 0, at = 0;
};
struct Suggestion {
  std::string terminal_id, terminal_name, item, text;
  int64_t at = 0;
};
// The follow-up a 差评 opened.
struct FollowUp {
  int64_t id = 0;
  Rating rating;
  std::string owner, deadline, outcome;  // deadline "YYYY-MM-DD"
  bool done = false;
  int64_t updated_at = 0;
  std::string updated_by;
};

// counts[indicator][5 - value]: 非常满意 first.
struct Counts {
  std::array<std::array<int64_t, kLevels>, kIndicators> n{};
  int64_t ratings = 0;
  int64_t poor = 0;
  void add(const Rating& r);
};

struct Report {
  std::string month;
  Counts all;
  std::map<std::string, Counts> by_service;   // item ("" = the hall as a whole)
  std::map<std::string, Counts> by_terminal;  // terminal id
  std::map<std::string, std::string> terminal_names;
  std::vector<Suggestion> suggestions;
  std::vector<FollowUp> followups;
};

Report build_report(std::string month, const std::vector<Rating>& ratings, std::vector<Suggestion> suggestions,
                    std::vector<FollowUp> followups);
// What a rated item is called in the report: "hall" (or "") → 服务大厅（整体）, "guide/X" →
// 办事指南 X, anything else as it came.
std::string service_label(const std::string& item);
// The report as CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF lines, fields quoted
// when needed, a leading = + - @ defused. Sections: counts per service, per terminal, the
// follow-ups, the suggestions.
std::string report_csv(const Report& r);

}  // namespace bianmin::hub::ratings
