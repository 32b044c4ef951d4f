// 好差评 on the hub (see ratings.hpp).
#include "ratings.hpp"

#include <algorithm>
#include <cstdio>

namespace bianmin::hub::ratings {

namespace {

// THE mapping: the kiosk's preset reasons (kiosk/screens/feedback.cpp, kGood and kBad) onto
// the national indicators. A new reason on the kiosk needs a row here.
struct ReasonRow {
  std::string_view reason;
  Indicator indicator;
};
constexpr ReasonRow kReasonIndicators[] = {
    {"指引清楚", Indicator::Level},         // the guidance was clear: the service's level
    {"办理快捷", Indicator::Efficiency},    // quick
    {"态度热情", Indicator::Attitude},      // warm
    {"一次办成", Indicator::Efficiency},    // done in one visit (最多跑一次)
    {"材料要求不清", Indicator::Level},     // unclear which papers are needed
    {"等候时间长", Indicator::Efficiency},  // long wait
    {"多次跑腿", Indicator::Efficiency},    // had to come back several times
    {"设备不好用", Indicator::Level},       // the terminal itself was hard to use
    {"找不到事项", Indicator::Level},       // could not find the matter
};

constexpr const char* kLevelLabels[kLevels] = {"非常满意", "满意", "基本满意", "不满意", "非常不满意"};

// Days since 1970-01-01 ↔ civil date (H. Hinnant's algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int64_t hall_day(int64_t at) { return floor_div(at + kHallUtcOffset, 86400); }
// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
int weekday(int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }
std::string date_of_day(int64_t day) {
  int64_t y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string csv_field(std::string s) {
  // A cell starting with = + - @ is a formula to Excel and WPS: the words a villager left
  // must not become one.
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(0, "'");
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
void csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
  out += "\r\n";
}
void counts_rows(std::string& out, const std::string& kind, const std::string& name, const Counts& c) {
  for (int i = 0; i < kIndicators; ++i) {
    std::vector<std::string> row{kind, name, indicator_label(static_cast<Indicator>(i))};
    int64_t sum = 0;
    for (int l = 0; l < kLevels; ++l) {
      row.push_back(std::to_string(c.n[i][l]));
      sum += c.n[i][l];
    }
    row.push_back(std::to_string(sum));
    csv_row(out, row);
  }
}
}  // namespace

const char* indicator_label(Indicator i) {
  switch (i) {
    case Indicator::Overall:
      return "总体满意度";
    case Indicator::Efficiency:
      return "服务效率";
    case Indicator::Attitude:
      return "服务态度";
    case Indicator::Level:
      return "服务水平";
  }
  return "";
}

const char* level_label(int64_t value) { return value >= 1 && value <= 5 ? kLevelLabels[5 - value] : ""; }

std::optional<Indicator> indicator_for_reason(std::string_view reason) {
  for (const auto& r : kReasonIndicators)
    if (r.reason == reason) return r.indicator;
  return std::nullopt;
}

std::vector<Indicator> indicators_for(std::string_view reasons) {
  std::vector<Indicator> out{Indicator::Overall};
  constexpr std::string_view kSep = "、";
  size_t i = 0;
  while (i <= reasons.size()) {
    size_t end = reasons.find(kSep, i);
    if (end == std::string_view::npos) end = reasons.size();
    if (auto ind = indicator_for_reason(reasons.substr(i, end - i)))
      if (std::find(out.begin(), out.end(), *ind) == out.end()) out.push_back(*ind);
    i = end + kSep.size();
  }
  return out;
}

std::string deadline_after(int64_t at, int days) {
  int64_t day = hall_day(at);
  for (int left = std::max(0, days); left > 0;) {
    ++day;
    if (weekday(day) < 5) --left;
  }
  return date_of_day(day);
}

std::optional<std::pair<int64_t, int64_t>> month_bounds(std::string_view month) {
  if (month.size() != 7 || month[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (month[i] < '0' || month[i] > '9') return std::nullopt;
  int y = std::stoi(std::string(month.substr(0, 4))), m = std::stoi(std::string(month.substr(5, 2)));
  if (m < 1 || m > 12 || y < 2000) return std::nullopt;
  int64_t from = days_from_civil(y, static_cast<unsigned>(m), 1) * 86400 - kHallUtcOffset;
  int64_t to =
      days_from_civil(m == 12 ? y + 1 : y, static_cast<unsigned>(m == 12 ? 1 : m + 1), 1) * 86400 - kHallUtcOffset;
  return std::make_pair(from, to);
}

std::string month_of(int64_t at) { return date_of_day(hall_day(at)).substr(0, 7); }

std::string hall_time(int64_t at) {
  int64_t secs = at + kHallUtcOffset - hall_day(at) * 86400;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
  return date_of_day(hall_day(at)) + " " + buf;
}

void Counts::add(const Rating& r) {
  if (r.value < 1 || r.value > 5) return;
  ++ratings;
  if (is_poor(r.value)) ++poor;
  for (Indicator i : indicators_for(r.reasons)) ++n[static_cast<int>(i)][5 - r.value];
}

Report build_report(std::string month, const std::vector<Rating>& ratings, std::vector<Suggestion> suggestions,
                    std::vector<FollowUp> followups) {
  Report rep;
  rep.month = std::move(month);
  for (const auto& r : ratings) {
    rep.all.add(r);
    rep.by_service[r.item].add(r);
    rep.by_terminal[r.terminal_id].add(r);
    rep.terminal_names[r.terminal_id] = r.terminal_name;
  }
  rep.suggestions = std::move(suggestions);
  rep.followups = std::move(followups);
  return rep;
}

std::string service_label(const std::string& item) {
  if (item.empty() || item == "hall") return "服务大厅（整体）";
  if (item.rfind("guide/", 0) == 0) return "办事指南 " + item.substr(6);
  return item;
}

std::string report_csv(const Report& r) {
  std::string out = "\xEF\xBB\xBF";
  csv_row(out, {"好差评月报", r.month});
  csv_row(out, {"范围", "名称", "指标", "非常满意", "满意", "基本满意", "不满意", "非常不满意", "合计"});
  counts_rows(out, "全部", "全部终端", r.all);
  for (const auto& [item, c] : r.by_service) counts_rows(out, "事项", service_label(item), c);
  for (const auto& [id, c] : r.by_terminal) {
    auto n = r.terminal_names.find(id);
    counts_rows(out, "终端", n == r.terminal_names.end() || n->second.empty() ? id : n->second + "（" + id + "）", c);
  }
  out += "\r\n";
  csv_row(out, {"差评跟进", "评价时间", "终端", "事项", "评价", "原因", "负责人", "办结期限", "处理结果", "状态"});
  for (const auto& f : r.followups)
    csv_row(out, {std::to_string(f.id), hall_time(f.rating.at), f.rating.terminal_id, service_label(f.rating.item),
                  level_label(f.rating.value), f.rating.reasons, f.owner, f.deadline, f.outcome,
                  f.done ? "已办结" : "跟进中"});
  out += "\r\n";
  csv_row(out, {"意见建议", "时间", "终端", "事项", "内容"});
  for (const auto& s : r.suggestions) csv_row(out, {"", hall_time(s.at), s.terminal_id, service_label(s.item), s.text});
  return out;
}

}  // namespace bianmin::hub::ratings
