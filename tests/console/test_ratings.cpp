// 好差评 on the hub (sync/hub/ratings.hpp, issue 18): the one table from the kiosk's reasons to
// the national indicators, the month's counts, the follow-up deadline in working days and the
// CSV for Excel/WPS. The follow-ups a 差评 opens in the hub store are tested on both engines in
// test_hub_store.cpp.
#include <doctest/doctest.h>

#include "ratings.hpp"

using namespace bianmin::hub;
using namespace bianmin::hub::ratings;

namespace {
constexpr int64_t kFri10 = 1796349600;    // 2026-12-04 10:00 in the hall (a Friday)
constexpr int64_t kFri2330 = 1796398200;  // 2026-12-04 23:30 in the hall (15:30 UTC)
constexpr int64_t kDecFrom = 1796054400;  // 2026-12-01 00:00 hall time
constexpr int64_t kJanFrom = 1798732800;  // 2027-01-01 00:00 hall time
Rating rating(const std::string& term, const std::string& item, int64_t v, const std::string& reasons) {
  return Rating{term, "", item, reasons, v, kFri10};
}
}  // namespace

TEST_CASE("levels: the kiosk's 5..1 are the five national levels, 差评 is 1 and 2") {
  CHECK(std::string(level_label(5)) == "非常满意");
  CHECK(std::string(level_label(4)) == "满意");
  CHECK(std::string(level_label(3)) == "基本满意");
  CHECK(std::string(level_label(2)) == "不满意");
  CHECK(std::string(level_label(1)) == "非常不满意");
  CHECK(std::string(level_label(0)) == "");
  CHECK(std::string(level_label(6)) == "");
  CHECK(is_poor(1));
  CHECK(is_poor(2));
  CHECK_FALSE(is_poor(3));
}

TEST_CASE("mapping: every reason the kiosk offers has its indicator") {
  CHECK(indicator_for_reason("指引清楚") == Indicator::Level);
  CHECK(indicator_for_reason("办理快捷") == Indicator::Efficiency);
  CHECK(indicator_for_reason("态度热情") == Indicator::Attitude);
  CHECK(indicator_for_reason("一次办成") == Indicator::Efficiency);
  CHECK(indicator_for_reason("材料要求不清") == Indicator::Level);
  CHECK(indicator_for_reason("等候时间长") == Indicator::Efficiency);
  CHECK(indicator_for_reason("多次跑腿") == Indicator::Efficiency);
  CHECK(indicator_for_reason("设备不好用") == Indicator::Level);
  CHECK(indicator_for_reason("找不到事项") == Indicator::Level);
  CHECK_FALSE(indicator_for_reason("别的原因").has_value());
  CHECK(std::string(indicator_label(Indicator::Overall)) == "总体满意度");
}

TEST_CASE("mapping: a rating counts for overall and once for each reason's indicator") {
  CHECK(indicators_for("") == std::vector<Indicator>{Indicator::Overall});
  CHECK(indicators_for("等候时间长、多次跑腿") == std::vector<Indicator>{Indicator::Overall, Indicator::Efficiency});
  CHECK(indicators_for("态度热情、指引清楚、未知") ==
        std::vector<Indicator>{Indicator::Overall, Indicator::Attitude, Indicator::Level});
}

TEST_CASE("report: counts per level and indicator, per service and per terminal") {
  std::vector<Rating> rs{rating("cun-01", "guide/a", 5, "态度热情、办理快捷"),
                         rating("cun-01", "guide/a", 1, "等候时间长、多次跑腿"), rating("cun-02", "", 3, ""),
                         rating("cun-02", "guide/a", 2, "材料要求不清"),
                         rating("cun-02", "guide/a", 9, "办理快捷")};  // out of range: not counted
  auto r = build_report("2026-12", rs, {}, {});
  CHECK(r.all.ratings == 4);
  CHECK(r.all.poor == 2);
  const int O = 0, E = 1, A = 2, L = 3;
  CHECK(r.all.n[O] == std::array<int64_t, 5>{1, 0, 1, 1, 1});
  CHECK(r.all.n[E] == std::array<int64_t, 5>{1, 0, 0, 0, 1});  // two efficiency reasons, one rating
  CHECK(r.all.n[A] == std::array<int64_t, 5>{1, 0, 0, 0, 0});
  CHECK(r.all.n[L] == std::array<int64_t, 5>{0, 0, 0, 1, 0});
  REQUIRE(r.by_service.size() == 2);
  CHECK(r.by_service[""].ratings == 1);
  CHECK(r.by_service["guide/a"].ratings == 3);
  CHECK(r.by_terminal["cun-01"].n[O] == std::array<int64_t, 5>{1, 0, 0, 0, 1});
  CHECK(r.by_terminal["cun-02"].poor == 1);
}

TEST_CASE("deadline: working days in the hall's calendar, weekends skipped") {
  CHECK(deadline_after(kFri10, 5) == "2026-12-11");          // Friday + 5 working days = next Friday
  CHECK(deadline_after(kFri10, 1) == "2026-12-07");          // Friday + 1 = Monday
  CHECK(deadline_after(kFri10 + 86400, 1) == "2026-12-07");  // Saturday + 1 = Monday
  CHECK(deadline_after(kFri10 + 86400, 5) == "2026-12-11");
  CHECK(deadline_after(kFri10 - 86400, 2) == "2026-12-07");  // Thursday + 2 = Monday
  // 23:30 on Friday in the hall is still Friday (15:30 UTC), not Saturday
  CHECK(deadline_after(kFri2330, 1) == "2026-12-07");
  CHECK(deadline_after(kFri10 + 27 * 86400, 3) == "2027-01-05");  // Thu 31 Dec over the new year
}

TEST_CASE("months in hall time") {
  auto b = month_bounds("2026-12");
  REQUIRE(b);
  CHECK(b->first == kDecFrom);
  CHECK(b->second == kJanFrom);
  CHECK(month_of(kDecFrom) == "2026-12");
  CHECK(month_of(kDecFrom - 1) == "2026-11");
  CHECK(hall_time(kFri2330) == "2026-12-04 23:30");
  CHECK_FALSE(month_bounds("2026-13"));
  CHECK_FALSE(month_bounds("2026-1"));
  CHECK_FALSE(month_bounds("202a-01"));
  CHECK_FALSE(month_bounds("2026/12"));
}

TEST_CASE("CSV: BOM for Excel/WPS, quoted fields, no formula from a villager's words") {
  Rating poor = rating("cun-01", "guide/a", 1, "等候时间长、多次跑腿");
  FollowUp f;
  f.id = 7;
  f.rating = poor;
  f.owner = "张三";
  f.deadline = "2026-12-11";
  f.outcome = "已电话回访, 说明材料";
  auto r = build_report("2026-12", {poor}, {Suggestion{"cun-01", "", "guide/a", "=HYPERLINK(\"x\")", kFri10}}, {f});
  std::string csv = report_csv(r);
  REQUIRE(csv.size() > 3);
  CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(csv.find("全部,全部终端,总体满意度,0,0,0,0,1,1\r\n") != std::string::npos);
  CHECK(csv.find("7,2026-12-04 10:00,cun-01,办事指南 a,非常不满意,等候时间长、多次跑腿,张三,2026-12-11,\"已电话回访, "
                 "说明材料\",跟进中\r\n") != std::string::npos);
  CHECK(service_label("hall") == "服务大厅（整体）");
  CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);
}
