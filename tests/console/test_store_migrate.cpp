// Moving a hall's hub.db into the county's PostgreSQL (sync/hub/store_migrate.hpp, issue 18):
// a hub.db filled through the real stores, copied by the real `bianmin-hub migrate-store` into a
// real PostgreSQL (pg_scratch.hpp), then read back through the same stores on PostgreSQL.
#include <doctest/doctest.h>

#include <limits>

#include "changes.hpp"
#include "hub_store.hpp"
#include "staff_store.hpp"
#include "store_engines.hpp"
#include "store_migrate.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::hub;

namespace {

constexpr int64_t kFri10 = 1796349600;  // 2026-12-04 10:00 in the hall (a Friday)
constexpr int64_t kAll = std::numeric_limits<int64_t>::max() / 2;
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("pixels\0here\xff", 12);

struct Filled {
  std::string token_a, token_b, session, code;
  int64_t change_id = 0, followup_id = 0, shot_id = 0;
};

std::vector<sync::StoredEvent> events() {
  return {{1, {sync::EventKind::View, "guide/hukou", "", 0, kFri10}},
          {2, {sync::EventKind::Rating, "guide/hukou", "等待太久", 1, kFri10 + 5}},  // 差评: a follow-up
          {3, {sync::EventKind::Rating, "card/yibao", "", 5, kFri10 + 9}},
          {4, {sync::EventKind::Feedback, "guide/hukou", "希望周六也能办", 0, kFri10 + 12}}};
}

// A hall's hub.db after some weeks: two terminals, reports, a follow-up under way, a
// screenshot, a version, an unused code, two staff, a session, a change, a fund mapping.
Filled fill(const std::filesystem::path& data) {
  Filled f;
  std::filesystem::create_directories(data);
  auto hub = HubStore::open(data / "hub.db");
  REQUIRE(hub.ok());
  auto& h = **hub;
  f.token_a = *h.enroll("cun-01", "青石村代办点");
  f.token_b = *h.enroll("hall-1", "便民服务中心大厅");
  Heartbeat hb;
  hb.channel = "tongxi";
  hb.content_version = 7;
  hb.printer_state = "paper-out";
  hb.village = "qingshi";
  hb.kiosk_restarts = 2;
  REQUIRE(h.heartbeat("cun-01", hb).ok());
  REQUIRE(h.add_batch("cun-01", "b-1", events()).ok());
  auto fu = h.followups(0, kAll);
  REQUIRE(fu.size() == 1);
  f.followup_id = fu[0].id;
  REQUIRE(h.update_followup(f.followup_id, "张晓梅", "2026-12-11", "已电话回访", false, "zhang", kFri10 + 100).ok());
  auto shot = h.request_screenshot("hall-1", "zhang", kFri10 + 200);
  REQUIRE(shot.ok());
  f.shot_id = *shot;
  REQUIRE(h.store_screenshot("hall-1", f.shot_id, "ok", "", kFri10 + 210, kPng).ok());
  h.record_version("tongxi", 7, kFri10 - 3600);
  f.code = *h.new_enroll_code("cun-02", 86400 * 365);

  auto staff = console::StaffStore::open(data / "hub.db");
  REQUIRE(staff.ok());
  REQUIRE((*staff)->add_staff("zhang", "张晓梅", console::Role::Clerk, "zhang-password-1", false, kFri10).ok());
  REQUIRE((*staff)->add_staff("wang", "王建国", console::Role::Approver, "wang-password-1", false, kFri10).ok());
  auto login = (*staff)->login("zhang", "zhang-password-1", "10.0.0.5", kFri10 + 300);
  REQUIRE(login.outcome == console::LoginResult::Ok);
  f.session = login.token;

  test::write_file(data / "source/site.yaml", "township: 桐溪镇\n");
  auto changes = console::ChangeStore::open(data / "hub.db", data / "changes");
  REQUIRE(changes.ok());
  auto c = (*changes)->create("更新低保名单", login.session.staff, data / "source", "digest-1", kFri10 + 400);
  REQUIRE(c.ok());
  f.change_id = c->id;
  REQUIRE((*changes)->set_state(c->id, console::ChangeState::Submitted, nullptr, "", 0, kFri10 + 500).ok());
  REQUIRE((*changes)->set_mapping("household", "kind: household\n姓名: C\n", "zhang", kFri10 + 600).ok());
  return f;
}

void write_hub_toml(const std::filesystem::path& file, const std::filesystem::path& data, const std::string& conn) {
  std::string toml = test::read_file(test::source_dir() / "config/samples/hub.toml");
  auto set = [&](const std::string& key, const std::string& value) {
    auto at = toml.find("\n" + key + " = ");
    REQUIRE(at != std::string::npos);
    auto end = toml.find('\n', at + 1);
    toml.replace(at + 1, end - at - 1, key + " = \"" + value + "\"");
  };
  set("data_dir", data.string());
  set("engine", "postgresql");
  set("connection", conn);
  test::write_file(file, toml);
}

}  // namespace

TEST_CASE("migrate-store copies a hall's hub.db into PostgreSQL, and the hub answers there as before") {
  test::TempDir dir("migrate");
  const auto data = dir / "data";
  Filled f = fill(data);
  std::string conn = test::new_postgres_database();
  write_hub_toml(dir / "hub.toml", data, conn);

  auto r = test::run({(test::binary_dir() / "sync/hub/bianmin-hub").string(), "migrate-store", "--config",
                      (dir / "hub.toml").string()});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("events") != std::string::npos);
  CHECK(r.output.find("原样保留") != std::string::npos);

  auto sqlite = HubStore::open(data / "hub.db");  // kept as it was
  REQUIRE(sqlite.ok());
  auto pg = HubStore::open(StoreChoice{StoreChoice::Engine::Postgresql, {}, conn});
  REQUIRE(pg.ok());
  auto& before = **sqlite;
  auto& after = **pg;

  SUBCASE("terminals, their tokens and their last heartbeat") {
    CHECK(after.terminal_for_token(f.token_a) == std::optional<std::string>("cun-01"));
    CHECK(after.terminal_for_token(f.token_b) == std::optional<std::string>("hall-1"));
    auto a = before.terminals(), b = after.terminals();
    REQUIRE(b.size() == 2);
    for (size_t i = 0; i < a.size(); ++i) {
      CHECK(b[i].id == a[i].id);
      CHECK(b[i].name == a[i].name);
      CHECK(b[i].last_seen == a[i].last_seen);
      CHECK(b[i].hb == a[i].hb);
      CHECK(b[i].batches == a[i].batches);
      CHECK(b[i].events == a[i].events);
    }
    CHECK(after.event_count() == 4);
    // A retried batch is still known: the terminal's outbox is not stored twice.
    auto again = after.add_batch("cun-01", "b-1", events());
    REQUIRE(again.ok());
    CHECK_FALSE(*again);
    CHECK(after.version_published_at("tongxi", 7) == kFri10 - 3600);
    CHECK(after.enroll_code(f.code) == std::optional<std::string>("cun-02"));
  }

  SUBCASE("好差评: ratings, suggestions and the follow-up under way; new follow-ups continue the ids") {
    auto ra = before.ratings(0, kAll), rb = after.ratings(0, kAll);
    REQUIRE(rb.size() == 2);
    for (size_t i = 0; i < ra.size(); ++i) {
      CHECK(rb[i].item == ra[i].item);
      CHECK(rb[i].value == ra[i].value);
      CHECK(rb[i].reasons == ra[i].reasons);
      CHECK(rb[i].terminal_name == "青石村代办点");
    }
    auto s = after.suggestions(0, kAll);
    REQUIRE(s.size() == 1);
    CHECK(s[0].text == "希望周六也能办");
    auto fu = after.followup(f.followup_id);
    REQUIRE(fu);
    CHECK(fu->owner == "张晓梅");
    CHECK(fu->outcome == "已电话回访");
    CHECK(fu->deadline == "2026-12-11");
    std::vector<sync::StoredEvent> poor{{1, {sync::EventKind::Rating, "guide/yibao", "", 2, kFri10 + 999}}};
    REQUIRE(after.add_batch("cun-01", "b-2", poor).ok());
    auto all = after.followups(0, kAll);
    REQUIRE(all.size() == 2);
    CHECK(all[1].id > f.followup_id);
  }

  SUBCASE("the screenshot, byte for byte; a new request continues the ids") {
    auto png = after.screenshot_png("hall-1");
    REQUIRE(png);
    CHECK(*png == kPng);
    auto row = after.screenshot("hall-1");
    REQUIRE(row);
    CHECK(row->request_id == f.shot_id);
    CHECK_FALSE(row->pending());
    auto next = after.request_screenshot("cun-01", "wang", kFri10 + 700);
    REQUIRE(next.ok());
    CHECK(*next > f.shot_id);
  }

  SUBCASE("the console: the session and passwords still work, the audit log and the change are there") {
    auto staff = console::StaffStore::open(console::DbPlace::postgresql(conn));
    REQUIRE(staff.ok());
    auto s = (*staff)->session(f.session, kFri10 + 310);
    REQUIRE(s);
    CHECK(s->staff.display_name == "张晓梅");
    CHECK((*staff)->login("wang", "wang-password-1", "", kFri10 + 320).outcome == console::LoginResult::Ok);
    CHECK((*staff)->login("wang", "wrong-password", "", kFri10 + 321).outcome == console::LoginResult::BadPassword);
    auto log = (*staff)->audit_log(50);
    REQUIRE(log.size() >= 4);
    CHECK(log[0].action == "登录失败");  // the newest, written after the move, comes first
    bool moved_login = false;
    for (const auto& e : log) moved_login |= e.action == "登录" && e.user == "zhang" && e.address == "10.0.0.5";
    CHECK(moved_login);
    CHECK((*staff)->staff().size() == 2);

    auto changes = console::ChangeStore::open(console::DbPlace::postgresql(conn), data / "changes");
    REQUIRE(changes.ok());
    auto c = (*changes)->get(f.change_id);
    REQUIRE(c);
    CHECK(c->title == "更新低保名单");
    CHECK(c->state == console::ChangeState::Submitted);
    CHECK(c->author == "zhang");
    CHECK(test::read_file((*changes)->src(f.change_id) / "site.yaml") == "township: 桐溪镇\n");
    CHECK((*changes)->mapping("household") == "kind: household\n姓名: C\n");
    auto next = (*changes)->create("第二个", s->staff, data / "source", "digest-2", kFri10 + 800);
    REQUIRE(next.ok());
    CHECK(next->id > f.change_id);
  }
}

TEST_CASE("migrate-store refuses a database that holds data already, and changes nothing") {
  test::TempDir dir("migrate");
  fill(dir / "data");
  std::string conn = test::new_postgres_database();
  auto first = migrate_to_postgresql(dir / "data/hub.db", conn, dir / "data/changes");
  REQUIRE(first.ok());
  CHECK(first->rows() > 10);
  auto second = migrate_to_postgresql(dir / "data/hub.db", conn, dir / "data/changes");
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().field == "store.connection");
  CHECK(second.error().message.find("terminals") != std::string::npos);
  auto pg = HubStore::open(StoreChoice{StoreChoice::Engine::Postgresql, {}, conn});
  REQUIRE(pg.ok());
  CHECK((*pg)->terminals().size() == 2);
  CHECK((*pg)->event_count() == 4);
}

TEST_CASE("migrate-store: a half-copied database is rolled back whole") {
  test::TempDir dir("migrate");
  fill(dir / "data");
  // A row PostgreSQL must refuse: a staff role outside the CHECK (SQLite's file edited by hand).
  {
    auto raw = console::ConsoleDb::open(dir / "data/hub.db", "SELECT 1");
    REQUIRE(raw.ok());
    REQUIRE((*raw)->run("PRAGMA ignore_check_constraints=1").ok);
    REQUIRE((*raw)->run("UPDATE staff SET role='admin' WHERE \"user\"='wang'").ok);
  }
  std::string conn = test::new_postgres_database();
  auto r = migrate_to_postgresql(dir / "data/hub.db", conn, dir / "data/changes");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("staff") != std::string::npos);
  auto pg = HubStore::open(StoreChoice{StoreChoice::Engine::Postgresql, {}, conn});
  REQUIRE(pg.ok());
  CHECK((*pg)->terminals().empty());  // copied before staff, rolled back with it
  CHECK((*pg)->event_count() == 0);
}

TEST_CASE("migrate-store says what is missing: no hub.db, no PostgreSQL named") {
  test::TempDir dir("migrate");
  auto none = migrate_to_postgresql(dir / "data/hub.db", test::new_postgres_database(), dir / "data/changes");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().file == (dir / "data/hub.db").string());
  auto r = test::run(
      {(test::binary_dir() / "sync/hub/bianmin-hub").string(), "migrate-store", "--data", (dir / "data").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("engine = \"postgresql\"") != std::string::npos);
  // A password on the command line (every local user sees it in ps) is refused, and not repeated.
  auto pw = test::run({(test::binary_dir() / "sync/hub/bianmin-hub").string(), "migrate-store", "--data",
                       (dir / "data").string(), "--store-engine", "postgresql", "--store-connection",
                       "host=/run/postgresql password=sekrit9"});
  CHECK(pw.exit_code == 2);
  CHECK(pw.output.find("passfile=") != std::string::npos);
  CHECK(pw.output.find("sekrit9") == std::string::npos);
}
