// Issue 18: the running kiosk answers the hall console's request for its current screen (the
// sync agent leaves <state>/screenshot-request, bianmin/sync/screen_request.hpp), and never
// sends a fund table with names unless the hall allows it.
#include <doctest/doctest.h>

#include "app/remote_screenshot.hpp"
#include "bianmin/sync/screen_request.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::kiosk;
using namespace bianmin::test;

TEST_CASE("a fund table is refused unless the hall allows names, 评价建议 always; every other screen may be sent") {
  const Route table = Route::fund_table("qingshi", "gengdi-2026");
  CHECK(screenshot_refusal(table, false) == sync::kRefusedNames);
  CHECK(screenshot_refusal(table, true).empty());
  for (bool allow : {false, true}) {
    auto feedback = parse_route("feedback");
    REQUIRE(feedback);
    CHECK(screenshot_refusal(*feedback, allow) == sync::kRefusedOwnWords);
  }
  for (const char* r : {"home", "funds", "funds/qingshi", "guide/62052400SB-GG-0001", "notice/yimiao"}) {
    auto route = parse_route(r);
    REQUIRE(route);
    CHECK_MESSAGE(screenshot_refusal(*route, false).empty(), r);
  }
}

namespace {
// Runs the kiosk on `route` with a request waiting in its state directory; returns its answer.
sync::ScreenAnswer answer_on(const TempDir& dir, const std::filesystem::path& cache, const std::string& route,
                             bool allow_names) {
  const auto state = dir.path() / "state";
  std::filesystem::create_directories(state);
  std::filesystem::remove(state / sync::kScreenAnswerPng);
  REQUIRE(sync::write_whole_file(state / sync::kScreenRequestFile, sync::screen_request_json({42, allow_names})));
  auto r = run_kiosk(dir, cache, {"--route", route, "--screenshot", (dir.path() / "own.png").string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  auto a = sync::read_screen_answer(state);
  REQUIRE_MESSAGE(a, r.output);
  CHECK(a->id == 42);
  CHECK_FALSE(std::filesystem::exists(state / sync::kScreenRequestFile));  // answered
  return *a;
}
}  // namespace

TEST_CASE("the kiosk answers with its live screen as PNG, or refuses a fund table with names") {
  TempDir dir("remoteshot");
  const auto cache = dir.path() / "content.db";
  write_kiosk_cache(cache);
  const auto png = dir.path() / "state" / sync::kScreenAnswerPng;

  auto home = answer_on(dir, cache, "home", false);
  CHECK(home.outcome == "ok");
  CHECK(home.taken_at > 0);
  REQUIRE(std::filesystem::exists(png));
  Image shot = load_png(png);
  Image own = load_png(dir.path() / "own.png");  // the same screen, as --screenshot renders it
  CHECK(shot.w == own.w);
  CHECK(shot.h == own.h);
  CHECK(shot.distinct_colors() > 8);  // a drawn screen, not a blank one

  auto table = answer_on(dir, cache, "funds/qingshi/gengdi-2026", false);
  CHECK(table.outcome == "refused");
  CHECK(table.message == sync::kRefusedNames);
  CHECK_FALSE(std::filesystem::exists(png));

  auto allowed = answer_on(dir, cache, "funds/qingshi/gengdi-2026", true);
  CHECK(allowed.outcome == "ok");
  CHECK(std::filesystem::exists(png));
}
