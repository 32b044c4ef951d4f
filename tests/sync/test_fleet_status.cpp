// Issue 18 end to end: what a real bianmin-sync tells a real bianmin-hub about its last run
// (the agent's sync-status, never a file's time), its interval and village, and the fleet's
// alerts built on them — "behind by more than one version for an hour" from the publication
// times the hub records at each push.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "bianmin/sync/agent.hpp"
#include "sync_fixture.hpp"

using namespace bianmin;
using namespace bianmin::test;
using json = nlohmann::json;

namespace {
void publish_version(const fs::path& work, const Keys& k, const HubProcess& hub, int v) {
  make_db(work / "in.db", "2026.12-" + std::to_string(v),
          [v](content::ContentSet& s) { s.guides.at(0).name += std::string(static_cast<size_t>(v), '+'); });
  auto r = run(
      {tool("bianmin-publish"), "bundle", work / "in.db", "-o", work / "channel", "--channel", "town", "--key", k.key});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = run({tool("bianmin-publish"), "push", work / "channel", "--to", hub.url(), "--token-file", hub.token_file(),
           "--trust", k.trust});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
}

json terminal(const HubProcess& hub) {
  auto r = run({tool("bianmin-hub"), "terminals", "--data", hub.data(), "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  json f = json::parse(r.output);
  REQUIRE(f.size() == 1);
  return f[0];
}

bool has_alert(const json& t, const std::string& kind) {
  for (const auto& a : t["alerts"])
    if (a["kind"] == kind) return true;
  return false;
}
}  // namespace

TEST_CASE("the kiosk's uptime and restarts come from systemd's report on its unit") {
  const std::string show = "NRestarts=3\nActiveState=active\nActiveEnterTimestampMonotonic=5000000\n";
  auto k = sync::parse_kiosk_service(show, 7205000000);
  REQUIRE(k);
  CHECK(k->state == "active");
  CHECK(k->restarts == 3);
  CHECK(k->up_s == 7200);
  auto down = sync::parse_kiosk_service("ActiveState=failed\nNRestarts=5\nActiveEnterTimestampMonotonic=0\n", 9000000);
  REQUIRE(down);
  CHECK(down->state == "failed");
  CHECK(down->up_s == 0);
  CHECK(down->restarts == 5);
  CHECK_FALSE(sync::parse_kiosk_service("System has not been booted with systemd\n", 1));
  CHECK_FALSE(sync::parse_kiosk_service("", 1));
}

TEST_CASE("the fleet shows each terminal's own sync status, and alerts when it is behind for an hour") {
  TempDir work("fleet");
  Keys k = make_keys(work.path());
  HubProcess hub(k.trust);
  Terminal t{work / "terminal"};
  REQUIRE(run({tool("bianmin-sync"), "enroll", "--state", t.state, "--hub", hub.url(), "--id", "cun-05", "--name",
               "青石村代办点", "--token-file", hub.token_file()})
              .exit_code == 0);
  auto sync = [&](const std::string& cmd) {
    auto a = t.args(cmd, hub.channel_url("town"), k.trust, hub.url());
    a.insert(a.end(), {"--interval", "900", "--village", "qingshi"});
    return run(a);
  };

  publish_version(work.path(), k, hub, 1);
  auto r = sync("once");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  json f = terminal(hub);
  CHECK(f["sync_outcome"] == "updated");
  CHECK(f["sync_run_at"].get<int64_t>() >= std::time(nullptr) - 60);
  CHECK(f["sync_success_at"] == f["sync_run_at"]);
  CHECK(f["interval_s"] == 900);
  CHECK(f["village"] == "qingshi");
  CHECK(f["behind_by"] == 0);
  CHECK(f["alerts"].empty());

  // Nothing new: a 304, and the terminal still says when it last checked, and that it is current.
  r = sync("once");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(terminal(hub)["sync_outcome"] == "up_to_date");

  // Two versions come out; the terminal only reports (its link cannot fetch, say).
  publish_version(work.path(), k, hub, 2);
  publish_version(work.path(), k, hub, 3);
  REQUIRE(sync("upload").exit_code == 0);
  f = terminal(hub);
  CHECK(f["behind_by"] == 2);
  CHECK(f["latest_version"] == 3);
  CHECK_FALSE(has_alert(f, "behind"));  // two behind for seconds only

  // An hour later (moved in the hub's record of when version 3 came out): the alert.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((hub.data() / "hub.db").c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  std::string sql = "UPDATE channel_versions SET published_at = " + std::to_string(std::time(nullptr) - 3601) +
                    " WHERE channel = 'town' AND version = 3";
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(sqlite3_changes(db) == 1);  // the push recorded it
  sqlite3_close(db);
  f = terminal(hub);
  REQUIRE(has_alert(f, "behind"));
  CHECK(f["alerts"][0]["text"].get<std::string>().find("落后 2 个版本") != std::string::npos);
  auto table = run({tool("bianmin-hub"), "terminals", "--data", hub.data()});  // the command line says it too
  CHECK_MESSAGE(table.output.find("告警：青石村代办点（cun-05） 内容落后 2 个版本") != std::string::npos, table.output);
  std::string row = table.output.substr(table.output.find("\ncun-05"));
  row = row.substr(0, row.find('\n', 1));
  CHECK_MESSAGE(row.find("最新") != std::string::npos, row);  // the last run's outcome (a 304: up to date)

  // A failed run says so, and keeps the last success.
  hub.stop();
  r = sync("once");
  CHECK(r.exit_code == 1);
  hub.restart();
  REQUIRE(sync("upload").exit_code == 0);  // the agent's report of the failed run reaches the hub
  f = terminal(hub);
  CHECK(f["sync_outcome"] == "failed");
  CHECK_FALSE(f["sync_message"].get<std::string>().empty());
  CHECK(f["sync_success_at"].get<int64_t>() < f["sync_run_at"].get<int64_t>() + 1);
  CHECK(f["sync_success_at"].get<int64_t>() > 0);
}
