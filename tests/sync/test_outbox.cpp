// The terminal's outbox: durable appends, redaction, batches that stay the same until
// acknowledged, and deletion of acknowledged batches only.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bianmin/sync/outbox.hpp"
#include "support/test_support.hpp"

using namespace bianmin::sync;
using bianmin::test::TempDir;

namespace {
std::unique_ptr<Outbox> open_ok(const std::filesystem::path& p, OutboxOptions o = {}) {
  auto r = Outbox::open(p, o);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  return std::move(r.value());
}
Event view(const std::string& item) { return Event{EventKind::View, item, "", 0, 0}; }

std::string pragma(const std::filesystem::path& p, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(p.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}
}  // namespace

TEST_CASE("redaction removes digit runs of six or more and keeps short numbers") {
  CHECK(redact_digit_runs("低保 2026") == "低保 2026");
  CHECK(redact_digit_runs("12345") == "12345");
  CHECK(redact_digit_runs("查 123456") == "查 ***");
  CHECK(redact_digit_runs("身份证11010519491231002X的补贴") == "身份证***的补贴");
  CHECK(redact_digit_runs("电话13812345678") == "电话***");
  CHECK(redact_digit_runs("１３８１２３４５６７８") == "***");  // full-width digits
  CHECK(redact_digit_runs("１２３") == "１２３");
  CHECK(redact_digit_runs("12-34-56") == "12-34-56");
}

TEST_CASE("redaction cuts long text on a character boundary") {
  std::string s;
  for (int i = 0; i < 300; ++i) s += "养";  // 3 bytes each
  auto r = redact_digit_runs(s);
  CHECK(r.size() <= 512);
  CHECK(r.size() % 3 == 0);
}

TEST_CASE("the outbox file is durable: WAL with synchronous FULL, created with its directory") {
  TempDir dir("outbox");
  auto p = dir / "state/outbox.db";
  auto ob = open_ok(p);
  REQUIRE(ob->append(view("guide/62052400MZ-XK-0001")).ok());
  CHECK(std::filesystem::exists(p));
  CHECK(pragma(p, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("search queries are stored redacted, item codes are kept") {
  TempDir dir("outbox");
  auto ob = open_ok(dir / "outbox.db");
  REQUIRE(ob->append(Event{EventKind::Search, "", "补贴 620524199001011234", 3, 0}).ok());
  REQUIRE(ob->append(view("guide/62052400MZ-XK-0001")).ok());
  auto b = ob->take_batch();
  REQUIRE(b.ok());
  REQUIRE(b->events.size() == 2);
  CHECK(b->events[0].event.kind == EventKind::Search);
  CHECK(b->events[0].event.text == "补贴 ***");
  CHECK(b->events[0].event.value == 3);
  CHECK(b->events[0].event.at > 1700000000);
  CHECK(b->events[1].event.item == "guide/62052400MZ-XK-0001");
  // and the raw number is nowhere in the file
  auto bytes = bianmin::test::read_file(dir / "outbox.db") +
               (std::filesystem::exists(dir / "outbox.db-wal") ? bianmin::test::read_file(dir / "outbox.db-wal") : "");
  CHECK(bytes.find("620524199001011234") == std::string::npos);
}

TEST_CASE("a batch keeps its id and events until acknowledged, then only it is deleted") {
  TempDir dir("outbox");
  auto ob = open_ok(dir / "outbox.db");
  for (int i = 0; i < 5; ++i) REQUIRE(ob->append(view("card/c" + std::to_string(i))).ok());
  auto b1 = ob->take_batch(3);
  REQUIRE(b1.ok());
  CHECK(b1->id.size() == 32);
  CHECK(b1->events.size() == 3);
  REQUIRE(ob->append(view("card/late")).ok());
  auto again = ob->take_batch(3);  // an upload that failed is retried with the same batch
  REQUIRE(again.ok());
  CHECK(again->id == b1->id);
  REQUIRE(again->events.size() == 3);
  CHECK(again->events[0].seq == b1->events[0].seq);
  CHECK(ob->pending_count().value() == 6);

  CHECK(ob->acknowledge(b1->id).value() == 3);
  CHECK(ob->acknowledge(b1->id).value() == 0);  // a second ack is harmless
  auto b2 = ob->take_batch(10);
  REQUIRE(b2.ok());
  CHECK(b2->id != b1->id);
  REQUIRE(b2->events.size() == 3);
  CHECK(b2->events[0].event.item == "card/c3");
  CHECK(b2->events[2].event.item == "card/late");
  CHECK(ob->acknowledge("not-a-batch").value() == 0);
  CHECK(ob->pending_count().value() == 3);
  CHECK(ob->acknowledge(b2->id).value() == 3);
  auto none = ob->take_batch();
  REQUIRE(none.ok());
  CHECK(none->empty());
  CHECK(none->id.empty());
}

TEST_CASE("an open batch survives closing and reopening the outbox") {
  TempDir dir("outbox");
  std::string id;
  {
    auto ob = open_ok(dir / "outbox.db");
    REQUIRE(ob->append(Event{EventKind::Rating, "guide/x", "", 5, 0}).ok());
    id = ob->take_batch()->id;
  }
  auto ob = open_ok(dir / "outbox.db");
  auto b = ob->take_batch();
  REQUIRE(b.ok());
  CHECK(b->id == id);
  CHECK(b->events.at(0).event.kind == EventKind::Rating);
  CHECK(b->events.at(0).event.value == 5);
}

TEST_CASE("several processes append to the same outbox without losing events") {
  TempDir dir("outbox");
  auto p = dir / "outbox.db";
  { auto ob = open_ok(p); }
  std::vector<pid_t> kids;
  for (int k = 0; k < 3; ++k) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      auto r = Outbox::open(p);
      if (!r.ok()) _exit(1);
      for (int i = 0; i < 100; ++i)
        if (!r.value()->append(Event{EventKind::Print, "card/p", "ok", 1, 0}).ok()) _exit(2);
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  auto ob = open_ok(p);
  CHECK(ob->pending_count().value() == 300);
}

TEST_CASE("an outbox over its limit drops the oldest unbatched events") {
  TempDir dir("outbox");
  OutboxOptions o;
  o.max_events = 500;
  auto ob = open_ok(dir / "outbox.db", o);
  for (int i = 0; i < 2000; ++i) REQUIRE(ob->append(view("guide/" + std::to_string(i))).ok());
  auto n = ob->pending_count().value();
  CHECK(n <= 1500);  // trimmed every 1000 appends
  CHECK(n >= 500);
  auto b = ob->take_batch(1);
  CHECK(b->events.at(0).event.item != "guide/0");
}

TEST_CASE("event kinds round-trip through their names") {
  for (auto k : {EventKind::View, EventKind::Search, EventKind::Print, EventKind::Rating, EventKind::Feedback})
    CHECK(event_kind_from_name(event_kind_name(k)) == k);
  CHECK_FALSE(event_kind_from_name("login").has_value());
}
