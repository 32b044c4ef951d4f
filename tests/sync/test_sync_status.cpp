// <state_dir>/sync-status: what the agent's last run did, as the kiosk reads it.
#include <doctest/doctest.h>

#include "bianmin/sync/sync_status.hpp"

using namespace bianmin::sync;

TEST_CASE("a sync status reads back as written") {
  const SyncStatus s{1764580000, "up_to_date", "up to date (version 12)", 12, 1764580000};
  auto back = parse_sync_status(sync_status_json(s));
  REQUIRE(back);
  CHECK(*back == s);
}

TEST_CASE("a torn, foreign or out-of-range sync status is no status at all") {
  const std::string good = sync_status_json({5, "failed", "x", 1, 2});
  CHECK(parse_sync_status(good));
  CHECK_FALSE(parse_sync_status(good.substr(0, good.size() / 2)));  // torn
  CHECK_FALSE(parse_sync_status(""));
  CHECK_FALSE(parse_sync_status("[]"));
  CHECK_FALSE(parse_sync_status(R"({"last_run_at":5,"outcome":"fine","message":"","version":1,"last_success_at":2})"));
  CHECK_FALSE(
      parse_sync_status(R"({"last_run_at":-5,"outcome":"failed","message":"","version":1,"last_success_at":2})"));
  CHECK_FALSE(
      parse_sync_status(R"({"last_run_at":"5","outcome":"failed","message":"","version":1,"last_success_at":2})"));
  CHECK_FALSE(parse_sync_status(R"({"outcome":"failed","message":"","version":1,"last_success_at":2})"));
}
