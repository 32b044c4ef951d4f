// The terminals page's alerts (sync/hub/fleet_alerts.hpp) and the hub store's side of issue
// 18: the heartbeat's sync status kept, version publication times recorded.
#include <doctest/doctest.h>

#include "fleet_alerts.hpp"
#include "hub_store.hpp"
#include "support/test_support.hpp"

using namespace bianmin::hub;

namespace {
constexpr int64_t T0 = 1796000000;
AlertInput healthy() {
  AlertInput t;
  t.terminal_id = "cun-01";
  t.name = "青石村代办点";
  t.last_seen = T0;
  t.interval_s = 600;
  t.printer_state = "ok";
  t.content_version = 7;
  t.latest_version = 7;
  return t;
}
bool has(const std::vector<Alert>& a, const std::string& kind) {
  for (const auto& x : a)
    if (x.kind == kind) return true;
  return false;
}
}  // namespace

TEST_CASE("a healthy terminal raises nothing") { CHECK(alerts_for(healthy(), T0 + 60).empty()); }

TEST_CASE("silent: longer than three times its own interval") {
  auto t = healthy();
  CHECK_FALSE(has(alerts_for(t, T0 + 1800), "silent"));
  auto a = alerts_for(t, T0 + 1801);
  REQUIRE(has(a, "silent"));
  CHECK(a[0].text.find("青石村代办点") != std::string::npos);
  CHECK(a[0].text.find("30 分钟") != std::string::npos);
  t.interval_s = 0;  // an agent that does not say: the rules' default (10 minutes)
  AlertRules r;
  r.default_interval_s = 100;
  CHECK_FALSE(has(alerts_for(t, T0 + 300, r), "silent"));
  CHECK(has(alerts_for(t, T0 + 301, r), "silent"));
  t.last_seen = 0;  // enrolled, never heard of
  CHECK(has(alerts_for(t, T0), "silent"));
}

TEST_CASE("printer: out of paper and jammed raise, other states are words on the page") {
  auto t = healthy();
  t.printer_state = "paper-out";
  CHECK(has(alerts_for(t, T0), "paper_out"));
  t.printer_state = "jam";
  CHECK(has(alerts_for(t, T0), "jam"));
  t.printer_state = "offline";
  CHECK(alerts_for(t, T0).empty());
  CHECK(printer_words("paper-out") == "缺纸");
  CHECK(printer_words("jam") == "卡纸");
  CHECK(printer_words("offline") == "离线");
  CHECK(printer_words("ok") == "正常");
  CHECK(printer_words("") == "未报告");
  CHECK(printer_words("\x1b[2J") == "未知状态");
}

TEST_CASE("behind: more than one version, for an hour") {
  auto t = healthy();
  t.content_version = 6;  // one behind: never
  t.behind_since = T0 - 86400;
  CHECK_FALSE(has(alerts_for(t, T0), "behind"));
  t.content_version = 5;  // two behind, since version 7 came out
  t.behind_since = T0;
  CHECK_FALSE(has(alerts_for(t, T0 + 3599), "behind"));
  t.last_seen = T0 + 3600;  // heard of just now: only "behind" is raised
  auto a = alerts_for(t, T0 + 3600);
  REQUIRE(a.size() == 1);
  CHECK(a[0].kind == "behind");
  CHECK(a[0].text.find("落后 2 个版本") != std::string::npos);
  t.behind_since = 0;  // not known: no alert rather than a false one
  CHECK_FALSE(has(alerts_for(t, T0 + 86400), "behind"));
}

TEST_CASE("unconfirmed content raises") {
  auto t = healthy();
  t.freshness = "unconfirmed";
  CHECK(has(alerts_for(t, T0), "unconfirmed"));
}

TEST_CASE("the hub store keeps the heartbeat's sync status, interval and village, and when versions came out") {
  bianmin::test::TempDir dir("hubstore");
  auto s = HubStore::open(dir.path() / "hub.db");
  REQUIRE(s.ok());
  auto& store = **s;
  REQUIRE(store.enroll("cun-01", "青石村代办点").ok());
  Heartbeat hb;
  hb.channel = "town";
  hb.content_version = 3;
  hb.printer_state = "jam";
  hb.sync_run_at = T0;
  hb.sync_outcome = "failed";
  hb.sync_message = "manifest: HTTP 404";
  hb.sync_success_at = T0 - 3600;
  hb.interval_s = 600;
  hb.village = "qingshi";
  REQUIRE(store.heartbeat("cun-01", hb).ok());
  auto rows = store.terminals();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].hb == hb);
  CHECK(rows[0].last_seen > 0);
  CHECK(store.version_published_at("town", 4) == 0);
  store.record_version("town", 4, T0 + 5);
  store.record_version("town", 4, T0 + 99);  // the first publication counts
  CHECK(store.version_published_at("town", 4) == T0 + 5);
  CHECK(store.version_published_at("other", 4) == 0);
}
