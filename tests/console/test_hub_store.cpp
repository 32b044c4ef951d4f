// The hub's store behind one interface (issue 18, county scale): every case here runs against
// both engines, SQLite (hub.db in a temporary directory) and PostgreSQL (a real server started
// in a private temporary directory, pg_scratch.hpp; a new database per case). A PostgreSQL that
// cannot start fails the cases, never skips them.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <thread>

#include "hub_store.hpp"
#include "store_engines.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::hub;

namespace {

constexpr int64_t kFri10 = 1796349600;    // 2026-12-04 10:00 in the hall (a Friday)
constexpr int64_t kDecFrom = 1796054400;  // 2026-12-01 00:00 hall time
constexpr int64_t kJanFrom = 1798732800;  // 2027-01-01 00:00 hall time
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("pixels\0here\xff", 12);

using test::Engine;

// Runs `body` once per engine, each with a fresh, empty store.
void for_each_engine(const std::function<void(const Engine&)>& body) {
  test::TempDir dir("hub-store");
  test::for_each_engine(dir.path(), body);
}

std::unique_ptr<HubStore> open(const Engine& e) {
  auto s = HubStore::open(e.choice);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().to_string()));
  return std::move(*s);
}

std::vector<sync::StoredEvent> batch_of(int n, int64_t at) {
  std::vector<sync::StoredEvent> ev;
  for (int i = 1; i <= n; ++i) ev.push_back({i, {sync::EventKind::View, "guide/g" + std::to_string(i), "", 0, at}});
  return ev;
}

}  // namespace

TEST_CASE("store: enrollment gives a token that names its terminal; an enrolled id is not taken over") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    auto token = store->enroll("cun-01", "青石村代办点");
    REQUIRE(token.ok());
    CHECK(token->size() == 64);
    CHECK(store->terminal_for_token(*token) == std::optional<std::string>("cun-01"));
    CHECK_FALSE(store->terminal_for_token("not-a-token"));
    auto again = store->enroll("cun-01", "冒名");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().field == "terminal_id");
    CHECK(store->terminal_for_token(*token) == std::optional<std::string>("cun-01"));
    // Replacing (a staff code's enrollment): the old token stops working at once.
    auto replaced = store->enroll("cun-01", "青石村代办点（新机）", true);
    REQUIRE(replaced.ok());
    CHECK_FALSE(store->terminal_for_token(*token));
    CHECK(store->terminal_for_token(*replaced) == std::optional<std::string>("cun-01"));
    // Tokens are kept as hashes only: a reopened store (no cache) still knows the new one.
    store.reset();
    auto reopened = open(e);
    CHECK(reopened->terminal_for_token(*replaced) == std::optional<std::string>("cun-01"));
    auto rows = reopened->terminals();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "青石村代办点（新机）");
  });
}

TEST_CASE("store: an enrollment code is single-use, for its terminal, and expires") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    auto code = store->new_enroll_code("cun-07", 3600);
    REQUIRE(code.ok());
    CHECK(store->enroll_code(*code) == std::optional<std::string>("cun-07"));
    CHECK_FALSE(store->enroll_code("0000"));
    CHECK_FALSE(store->enroll_code(""));
    CHECK(store->use_enroll_code(*code));
    CHECK_FALSE(store->use_enroll_code(*code));
    CHECK_FALSE(store->enroll_code(*code));
    auto any = store->new_enroll_code("", 3600);
    REQUIRE(any.ok());
    CHECK(store->enroll_code(*any) == std::optional<std::string>(""));
    auto expired = store->new_enroll_code("cun-08", -1);
    REQUIRE(expired.ok());
    CHECK_FALSE(store->enroll_code(*expired));
    CHECK_FALSE(store->use_enroll_code(*expired));
  });
}

TEST_CASE("store: heartbeats reach the fleet list in id order with every field") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    for (const char* id : {"cun-b", "cun-A", "cun-a"}) REQUIRE(store->enroll(id, std::string("终端 ") + id).ok());
    Heartbeat hb;
    hb.channel = "qingshi";
    hb.content_version = 7;
    hb.content_label = "2026.12.01-abc";
    hb.last_sync = "2026-12-01T08:00:00Z";
    hb.printer_state = "paper-out";
    hb.disk_free_mb = 12345;
    hb.uptime_s = 3600;
    hb.app_version = "0.11";
    hb.freshness = "unconfirmed";
    hb.sync_run_at = 1796054400;
    hb.sync_outcome = "failed";
    hb.sync_message = "集线器不可达";
    hb.sync_success_at = 1796050000;
    hb.interval_s = 600;
    hb.village = "qingshi-01";
    hb.kiosk_state = "active";
    hb.kiosk_up_s = 99;
    hb.kiosk_restarts = 2;
    REQUIRE(store->heartbeat("cun-a", hb).ok());
    auto rows = store->terminals();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].id == "cun-A");  // bytewise: upper case first, whatever the database's locale
    CHECK(rows[1].id == "cun-a");
    CHECK(rows[2].id == "cun-b");
    CHECK(rows[1].hb == hb);
    CHECK(rows[1].last_seen > 0);
    CHECK(rows[0].last_seen == 0);
  });
}

TEST_CASE("store: a batch is stored once however often it is retried, also at once from many threads") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    REQUIRE(store->enroll("cun-01", "").ok());
    auto first = store->add_batch("cun-01", "b1", batch_of(5, kFri10));
    REQUIRE(first.ok());
    CHECK(*first);
    auto retry = store->add_batch("cun-01", "b1", batch_of(5, kFri10));
    REQUIRE(retry.ok());
    CHECK_FALSE(*retry);
    CHECK(store->event_count() == 5);
    // 8 threads send 20 batches each, every one twice: 160 new, 160 duplicates.
    std::atomic<int> added{0}, dup{0}, failed{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < 8; ++t)
      ts.emplace_back([&, t] {
        for (int i = 0; i < 40; ++i) {
          auto r =
              store->add_batch("cun-01", "t" + std::to_string(t) + "-" + std::to_string(i / 2), batch_of(3, kFri10));
          if (!r.ok())
            ++failed;
          else if (*r)
            ++added;
          else
            ++dup;
        }
      });
    for (auto& t : ts) t.join();
    CHECK(failed == 0);
    CHECK(added == 160);
    CHECK(dup == 160);
    CHECK(store->event_count() == 5 + 160 * 3);
    auto rows = store->terminals();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].batches == 161);
    CHECK(rows[0].events == 5 + 160 * 3);
    // What was acknowledged is there after a restart of the hub.
    store.reset();
    CHECK(open(e)->event_count() == 5 + 160 * 3);
  });
}

TEST_CASE("store: a 差评 in a batch opens one follow-up, staff edit it, bad input is refused") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    store->set_followup_days(5);
    REQUIRE(store->enroll("cun-01", "青石村代办点").ok());
    using sync::EventKind;
    std::vector<sync::StoredEvent> ev{{1, {EventKind::Rating, "guide/a", "等候时间长", 2, kFri10}},
                                      {2, {EventKind::Feedback, "guide/a", "电话13812345678没人接", 0, kFri10}},
                                      {3, {EventKind::Rating, "", "态度热情", 5, kFri10}},
                                      {4, {EventKind::Rating, "guide/b", "", 1, kJanFrom + 10}}};
    REQUIRE(store->add_batch("cun-01", "b1", ev).ok());
    REQUIRE(store->add_batch("cun-01", "b1", ev).ok());  // retried: no second follow-up
    auto rs = store->ratings(kDecFrom, kJanFrom);
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].terminal_name == "青石村代办点");
    CHECK(rs[0].value == 2);
    CHECK(rs[1].value == 5);
    auto sug = store->suggestions(kDecFrom, kJanFrom);
    REQUIRE(sug.size() == 1);
    CHECK(sug[0].text == "电话***没人接");
    auto fs = store->followups(kDecFrom, kJanFrom);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].deadline == "2026-12-11");
    CHECK(fs[0].rating.terminal_name == "青石村代办点");
    CHECK(fs[0].rating.value == 2);
    CHECK_FALSE(fs[0].done);
    CHECK(store->followups(kJanFrom, kJanFrom + 86400 * 31).size() == 1);

    CHECK(store->update_followup(fs[0].id, "李四", "2026-12-09", "回访身份证110101199001011234", true, "admin", kFri10)
              .ok());
    auto f = store->followup(fs[0].id);
    REQUIRE(f);
    CHECK(f->owner == "李四");
    CHECK(f->deadline == "2026-12-09");
    CHECK(f->outcome == "回访身份证***");
    CHECK(f->done);
    CHECK(f->updated_by == "admin");
    CHECK(f->updated_at == kFri10);
    auto bad = store->update_followup(fs[0].id, "李四", "下周五", "", false, "admin", kFri10);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "deadline");
    CHECK(store->followup(fs[0].id)->deadline == "2026-12-09");
    auto missing = store->update_followup(999, "李四", "2026-12-09", "", false, "admin", kFri10);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "id");
    CHECK_FALSE(store->followup(999));
  });
}

TEST_CASE("store: event text comes back byte for byte, quotes, backslashes, braces and commas included") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    REQUIRE(store->enroll("cun-01", "").ok());
    const std::string tricky = "他说\"快点\\办\", {NULL}, 'a'; \\\" 💡";
    std::vector<sync::StoredEvent> ev{{1, {sync::EventKind::Feedback, "guide/\"x\"", tricky, 0, kFri10}},
                                      {2, {sync::EventKind::Feedback, "", "NULL", 0, kFri10 + 1}}};
    REQUIRE(store->add_batch("cun-01", "b,\"1\"", ev).ok());
    auto sug = store->suggestions(kDecFrom, kJanFrom);
    REQUIRE(sug.size() == 2);
    CHECK(sug[0].text == tricky);
    CHECK(sug[0].item == "guide/\"x\"");
    CHECK(sug[1].text == "NULL");
    auto retry = store->add_batch("cun-01", "b,\"1\"", ev);
    REQUIRE(retry.ok());
    CHECK_FALSE(*retry);
  });
}

TEST_CASE("store: a screenshot request is pending until that very request is answered, and survives a restart") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    REQUIRE(store->enroll("cun-01", "青石村代办点").ok());
    auto unknown = store->request_screenshot("cun-99", "wangli", 100);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().field == "terminal_id");
    CHECK_FALSE(store->screenshot("cun-01"));
    auto first = store->request_screenshot("cun-01", "wangli", 100);
    REQUIRE(first.ok());
    auto again = store->request_screenshot("cun-01", "wangli", 110);
    REQUIRE(again.ok());
    CHECK(*again > *first);
    CHECK(store->pending_screenshot("cun-01") == *again);
    auto stale = store->store_screenshot("cun-01", *first, "ok", "", 105, kPng);
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().field == "id");
    CHECK_FALSE(store->store_screenshot("cun-01", *again, "ok", "", 105, "").ok());  // no picture
    REQUIRE(store->store_screenshot("cun-01", *again, "ok", "", 120, kPng).ok());
    CHECK(store->pending_screenshot("cun-01") == 0);
    CHECK(store->screenshot_png("cun-01") == kPng);  // every byte, NUL and 0xff included
    auto answered = store->screenshot("cun-01");
    REQUIRE(answered);
    CHECK_FALSE(answered->pending());
    CHECK(answered->outcome == "ok");
    CHECK(answered->image_at == 120);
    CHECK_FALSE(store->store_screenshot("cun-01", *again, "ok", "", 121, kPng).ok());  // answered already
    auto third = store->request_screenshot("cun-01", "wangli", 200);
    REQUIRE(third.ok());
    REQUIRE(store->store_screenshot("cun-01", *third, "refused", "屏幕上有资金公示", 201, "").ok());
    auto row = store->screenshot("cun-01");
    REQUIRE(row);
    CHECK(row->outcome == "refused");
    CHECK(row->message == "屏幕上有资金公示");
    CHECK(row->image_at == 120);  // a refusal keeps the last picture
    CHECK(row->requested_by == "wangli");
    CHECK(store->screenshot_png("cun-01") == kPng);
    auto fourth = store->request_screenshot("cun-01", "wangli", 300);
    REQUIRE(fourth.ok());
    store.reset();
    CHECK(open(e)->pending_screenshot("cun-01") == *fourth);
  });
}

TEST_CASE("store: version times are kept once; old reports are pruned") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    store->record_version("qingshi", 3, 1000);
    store->record_version("qingshi", 3, 2000);  // the first time counts
    CHECK(store->version_published_at("qingshi", 3) == 1000);
    CHECK(store->version_published_at("qingshi", 4) == 0);
    REQUIRE(store->enroll("cun-01", "").ok());
    REQUIRE(store->add_batch("cun-01", "b1", batch_of(4, kFri10)).ok());
    auto kept = store->prune_reports(1);  // received just now: kept
    REQUIRE(kept.ok());
    CHECK(*kept == 0);
    auto pruned = store->prune_reports(-1);  // "received more than -1 days ago": all of them
    REQUIRE(pruned.ok());
    CHECK(*pruned == 4);
    CHECK(store->event_count() == 0);
  });
}

TEST_CASE("store: a PostgreSQL store that cannot be reached is refused naming store.connection") {
  auto bad = HubStore::open(StoreChoice{StoreChoice::Engine::Postgresql, {}, "host=/nonexistent-bianmin dbname=x"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "store.connection");
  auto typo = HubStore::open(StoreChoice{StoreChoice::Engine::Postgresql, {}, "hots=localhost"});
  REQUIRE_FALSE(typo.ok());
  CHECK(typo.error().field == "store.connection");
  CHECK(typo.error().message.find("hots") != std::string::npos);
  // A malformed string is refused without repeating it: it may hold a password.
  auto secret = HubStore::open(StoreChoice{StoreChoice::Engine::Postgresql, {}, "host=/x sekrit-9 dbname=x"});
  REQUIRE_FALSE(secret.ok());
  CHECK(secret.error().field == "store.connection");
  CHECK(secret.error().to_string().find("sekrit") == std::string::npos);
}

TEST_CASE("store: after PostgreSQL crashes and restarts, a pooled connection fails one request at most, then works") {
  auto store = open(Engine{"postgresql", {StoreChoice::Engine::Postgresql, {}, test::new_postgres_database()}});
  auto token = store->enroll("cun-01", "");
  REQUIRE(token.ok());
  REQUIRE(store->add_batch("cun-01", "b1", batch_of(2, kFri10)).ok());
  auto restarted = (*test::scratch_postgres())->restart();
  REQUIRE_MESSAGE(restarted.ok(), (restarted.ok() ? std::string() : restarted.error().message));
  Heartbeat hb;
  hb.content_version = 3;
  (void)store->heartbeat("cun-01", hb);  // may meet the dropped connection (the terminal retries)
  auto h2 = store->heartbeat("cun-01", hb);
  CHECK_MESSAGE(h2.ok(), (h2.ok() ? std::string() : h2.error().message));
  auto again = store->add_batch("cun-01", "b1", batch_of(2, kFri10));
  REQUIRE(again.ok());
  CHECK_FALSE(*again);  // acknowledged before the restart: still there
  CHECK(store->event_count() == 2);
  CHECK(store->terminals().at(0).hb.content_version == 3);
}

TEST_CASE("store: text with a NUL byte is kept whole on both engines (PostgreSQL's text cannot hold one)") {
  for_each_engine([](const Engine& e) {
    auto store = open(e);
    REQUIRE(store->enroll("cun-01", "青石村").ok());
    Heartbeat hb;
    hb.printer_state = std::string("缺纸\0卡纸", 13);
    REQUIRE(store->heartbeat("cun-01", hb).ok());
    std::vector<sync::StoredEvent> ev{
        {1, {sync::EventKind::Feedback, "guide/g1", std::string("太慢\0了", 10), 0, kFri10}}};
    REQUIRE(store->add_batch("cun-01", "b1", ev).ok());
    auto state = store->terminals().at(0).hb.printer_state;
    CHECK(state.rfind("缺纸", 0) == 0);
    CHECK(state.find("卡纸") != std::string::npos);  // not cut at the NUL
    auto said = store->suggestions(kDecFrom, kJanFrom);
    REQUIRE(said.size() == 1);
    CHECK(said[0].text.find("了") != std::string::npos);
  });
}
