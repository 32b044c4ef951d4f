// The work lane (kiosk/platform/task_lane.hpp): slow work runs beside the frames, never in
// them. Each test stalls one kind of work (a write lock another connection holds on the
// outbox; reopening a new cache or building an atlas while the lane's workers are kept busy)
// and checks that frames were produced while the work was stalled, and that its result
// arrives once the stall ends. Nothing here measures how long anything takes.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <string>

#include "app/app.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"
#include "platform/task_lane.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

std::unique_ptr<kiosk::App> open_app(const TempDir& dir) {
  kiosk::KioskOptions o;
  o.headless = true;
  o.content = dir / "content.db";
  o.state_dir = dir.path() / "state";
  o.today = kFixtureToday;
  o.now_time = "10:30";
  auto app = kiosk::App::create(o);
  REQUIRE_MESSAGE(app.ok(), app.error().to_string());
  return std::move(*app);
}

// A tap on the widget labelled `label`, as a finger does, with plain frames only (no settle():
// that would wait for the lane).
void tap(kiosk::App& app, const std::string& label) {
  const kiosk::WidgetRec* w = nullptr;
  for (const auto& r : app.ui().widgets)
    if (r.label == label) w = &r;
  for (const auto& r : app.ui().widgets)
    if (!w && r.label.find(label) != std::string::npos) w = &r;
  REQUIRE_MESSAGE(w != nullptr, label);
  const float x = (w->min.x + w->max.x) * 0.5f, y = (w->min.y + w->max.y) * 0.5f;
  app.press(x, y);
  app.frame();
  app.release(x, y);
  app.frame();
  app.frame();
}

bool on_screen(const kiosk::App& app, const std::string& text) {
  const auto& t = app.ui().texts;
  return std::any_of(t.begin(), t.end(), [&](const std::string& s) { return s.find(text) != std::string::npos; });
}

// Keeps both of the lane's workers busy until release(): jobs queued after it can only wait.
struct LaneBlock {
  std::shared_ptr<std::atomic<bool>> open = std::make_shared<std::atomic<bool>>(false);
  explicit LaneBlock(kiosk::TaskLane& lane) {
    for (int i = 0; i < 2; ++i)
      lane.submit("test: block", [open = open] {
        while (!*open) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      });
  }
  ~LaneBlock() { release(); }
  void release() { *open = true; }
};

bool has_job(kiosk::App& app, const std::string& name) {
  auto names = app.lane().busy_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("the lane runs jobs beside the caller and hands results back through run_later") {
  kiosk::TaskLane lane(2);
  std::atomic<bool> release{false};
  std::atomic<int> done{0};
  // A job that waits for the caller: the caller goes on meanwhile.
  lane.submit("stuck", [&] {
    while (!release) std::this_thread::yield();
    lane.later([&] { ++done; });
  });
  lane.submit("quick", [&] { lane.later([&] { ++done; }); });
  // The second worker runs "quick" although "stuck" has not finished.
  while (!lane.has_later()) std::this_thread::yield();
  CHECK(lane.busy());
  CHECK(done == 0);  // results wait for run_later() on this thread
  CHECK(lane.run_later() == 1);
  CHECK(done == 1);
  release = true;
  lane.wait_idle();
  CHECK_FALSE(lane.busy());
  CHECK(lane.run_later() == 1);
  CHECK(done == 2);
}

TEST_CASE("frames keep coming while another connection holds the outbox's write lock") {
  TempDir dir("kiosk-lane-outbox");
  write_kiosk_cache(dir / "content.db");
  const auto outbox = dir.path() / "state" / "outbox.db";
  REQUIRE(sync::Outbox::open(outbox).ok());
  auto app = open_app(dir);
  app->settle();
  // One view first, so the kiosk has its outbox open before the lock is taken.
  tap(*app, "明白卡");
  tap(*app, "低保");
  tap(*app, "首页");
  app->settle();
  REQUIRE(app->outbox_pending() == 0);

  // Another connection takes the write lock, as the sync agent does while it deletes an
  // uploaded batch (for much less time than this test holds it).
  sqlite3* holder = nullptr;
  REQUIRE(sqlite3_open(outbox.c_str(), &holder) == SQLITE_OK);
  REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

  const uint64_t before = app->frames_drawn();
  tap(*app, "明白卡");
  tap(*app, "低保");  // opening a card is a view event for the outbox
  for (int i = 0; i < 20; ++i) {
    app->advance(16);
    app->frame();
  }
  // Frames were drawn while the lock was held: the card is on screen, and its view event
  // waits on the lane instead of in a frame.
  CHECK(app->frames_drawn() - before >= 25);
  CHECK(on_screen(*app, "低保"));
  CHECK(app->outbox_pending() >= 1);
  CHECK(has_job(*app, "outbox"));

  REQUIRE(sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(holder);
  app->lane().wait_idle();
  CHECK(app->outbox_pending() == 0);
  app.reset();
  int cards = 0;
  for (const auto& e : outbox_events(dir))
    if (e.kind == sync::EventKind::View && e.item.rfind("card/", 0) == 0) ++cards;
  CHECK(cards == 2);  // the one before the lock and the one made while it was held
}

TEST_CASE("frames keep coming while reopening a new content cache waits for the lane") {
  TempDir dir("kiosk-lane-reload");
  write_kiosk_cache(dir / "content.db");
  auto app = open_app(dir);
  app->settle();
  REQUIRE(app->fonts_complete());
  REQUIRE(app->navigate("funds/qingshi"));
  app->settle();
  REQUIRE_FALSE(on_screen(*app, "2026年大型补贴发放公示"));

  // Both workers are busy: the reopen job can only wait. Were it done on the frame, the new
  // content would show at once.
  LaneBlock block(app->lane());
  write_kiosk_cache(dir / "next.db", true);
  std::filesystem::rename(dir / "next.db", dir / "content.db");
  app->advance(3000);  // past the reload poll
  REQUIRE(has_job(*app, "reopen content"));
  const uint64_t before = app->frames_drawn();
  for (int i = 0; i < 20; ++i) {
    app->advance(16);
    app->frame();
  }
  CHECK(app->frames_drawn() - before >= 20);
  CHECK(has_job(*app, "reopen content"));
  CHECK(on_screen(*app, "村"));  // the old content, still drawn
  CHECK_FALSE(on_screen(*app, "2026年大型补贴发放公示"));

  block.release();
  app->settle();
  CHECK_FALSE(has_job(*app, "reopen content"));
  CHECK(on_screen(*app, "2026年大型补贴发放公示"));  // the same screen, from the new cache
}

TEST_CASE("elder mode switches when its atlas is ready; frames keep coming while it is built") {
  TempDir dir("kiosk-lane-elder");
  write_kiosk_cache(dir / "content.db");
  auto app = open_app(dir);
  app->settle();
  REQUIRE(app->fonts_complete());
  const float normal = app->ui().m.font.body;

  LaneBlock block(app->lane());
  tap(*app, "长辈模式");
  REQUIRE(has_job(*app, "font atlas"));
  const uint64_t before = app->frames_drawn();
  for (int i = 0; i < 20; ++i) {
    app->advance(16);
    app->frame();
  }
  CHECK(app->frames_drawn() - before >= 20);
  CHECK(on_screen(*app, "长辈模式：开"));  // the person's choice shows at once
  CHECK(app->ui().m.font.body == normal);  // the sizes wait for their glyphs

  block.release();
  app->settle();
  CHECK(app->ui().m.font.body > normal);
  CHECK(on_screen(*app, "长辈模式：开"));
  CHECK(app->ui().missing_glyphs.empty());
}
