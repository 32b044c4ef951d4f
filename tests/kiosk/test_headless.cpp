// Headless rendering of the real binary: screenshots are real pictures at every supported
// size, in normal and elder mode, and the expected texts are drawn.
#include <doctest/doctest.h>

#include <ctime>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "bianmin/sync/sync_status.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin::test;

namespace {

void check_picture(const Image& img, int w, int h) {
  CHECK(img.w == w);
  CHECK(img.h == h);
  // not blank: many colours (text anti-aliasing, icons, tiles), not one flat fill
  CHECK(img.distinct_colors() > 40);
  CHECK(img.fraction_of(0xF1F4F8, 2) < 0.9);
}

}  // namespace

TEST_CASE("every screen renders a real picture at every supported size, normal and elder") {
  TempDir dir("kiosk-shot");
  write_kiosk_cache(dir / "content.db");
  const std::vector<std::string>& routes = kFixtureRoutes;
  for (const char* size : {"1080x1920", "1920x1080", "1280x800"}) {
    for (bool elder : {false, true}) {
      // one process per size: visit every route and shoot it
      std::string script;
      for (size_t i = 0; i < routes.size(); ++i)
        script += "route " + routes[i] + "\nshot " + (dir / ("s" + std::to_string(i) + ".png")).string() + "\n";
      std::vector<std::string> args = {"--size", size};
      if (elder) args.push_back("--elder");
      auto r = run_script(dir, dir / "content.db", script, args);
      INFO(size << (elder ? " elder: " : ": ") << r.output);
      REQUIRE(r.exit_code == 0);
      int w = 0, h = 0;
      std::sscanf(size, "%dx%d", &w, &h);
      for (size_t i = 0; i < routes.size(); ++i) {
        INFO(routes[i]);
        check_picture(load_png(dir / ("s" + std::to_string(i) + ".png")), w, h);
      }
    }
  }
}

TEST_CASE("--screenshot renders the route and exits") {
  TempDir dir("kiosk-screenshot");
  write_kiosk_cache(dir / "content.db");
  const auto png = dir / "home.png";
  auto r = run_kiosk(dir, dir / "content.db", {"--size", "1080x1920", "--route", "home", "--screenshot", png.string()});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  check_picture(load_png(png), 1080, 1920);
}

TEST_CASE("home shows the hall, the freshness line, the six tiles and current notices") {
  TempDir dir("kiosk-home");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "expect \"青石镇便民服务中心\"\n"
                      "expect \"内容发布于 \"\n"
                      "expect-not \"内容版本\"\n"
                      "expect \"办事指南\"\nexpect \"明白卡\"\nexpect \"资金公开\"\n"
                      "expect \"政策文件\"\nexpect \"搜索\"\nexpect \"评价建议\"\n"
                      "expect \"长辈模式\"\n"
                      "expect \"10:30\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("without a display and without --headless it says so and points to --headless") {
  TempDir dir("kiosk-nodisplay");
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  unsetenv("SDL_VIDEODRIVER");
  auto r = run({kiosk_binary().string(), "--content", (dir / "none.db").string()});
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("no display") != std::string::npos);
  CHECK(r.output.find("--headless") != std::string::npos);

  // An empty DISPLAY (as `DISPLAY= bianmin-kiosk` or a stripped service environment gives) is
  // no display either: it must not open an invisible window and wait forever.
  setenv("DISPLAY", "", 1);
  auto empty = run({kiosk_binary().string(), "--content", (dir / "none.db").string()});
  CHECK(empty.exit_code != 0);
  CHECK(empty.output.find("no display") != std::string::npos);
  unsetenv("DISPLAY");
}

TEST_CASE("an unknown option or route is refused plainly") {
  TempDir dir("kiosk-opts");
  write_kiosk_cache(dir / "content.db");
  auto r = run_kiosk(dir, dir / "content.db", {"--bogus"});
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("unknown option: --bogus") != std::string::npos);
  auto r2 = run_kiosk(dir, dir / "content.db", {"--route", "nowhere", "--screenshot", (dir / "x.png").string()});
  CHECK(r2.exit_code != 0);
  CHECK(r2.output.find("unknown route") != std::string::npos);
}

TEST_CASE("a missing content cache shows a plain screen instead of failing") {
  TempDir dir("kiosk-nocontent");
  auto r = run_script(dir, dir / "missing.db", "expect \"办事内容暂时打不开\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("content that cannot be read: plain words and the help phone on screen, the error only in the log") {
  TempDir dir("kiosk-badcontent");
  // a file that is not SQLite at all ("file is not a database" in the log)
  write_file(dir / "garbage.db", std::string(8192, 'x'));
  const char* script =
      "expect \"办事内容暂时打不开\"\n"
      "expect \"请找大厅工作人员帮忙\"\n"
      "expect \"咨询电话 0739-4826100\"\n"
      "expect-not \"database\"\n"
      "expect-not \"malformed\"\n"
      "expect-not \"not found\"\n"
      "expect-not \"供工作人员参考\"\n";
  for (const char* name : {"missing.db", "garbage.db"}) {
    auto r = run_script(dir, dir / name, script, {"--help-phone", "0739-4826100"});
    INFO(name << ": " << r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("content unavailable") != std::string::npos);  // the details, in the log
  }
}

TEST_CASE("every screen but home shows the hall's phone in its title bar") {
  TempDir dir("kiosk-phone");
  write_kiosk_cache(dir / "content.db");
  std::string script;
  for (const char* route : {"guides", "cards", "funds", "policies", "feedback"})
    script += std::string("route ") + route + "\nexpect \"咨询电话 0938-5550100\"\n";
  auto r = run_script(dir, dir / "content.db", script);
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("the demo township's font atlas stays within 4096x4096 in elder mode at every size") {
  const char* demo = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE(demo != nullptr);
  TempDir dir("kiosk-atlas");
  for (const char* size : {"1080x1920", "1920x1080", "1280x800"}) {
    auto r = run_kiosk(dir, demo, {"--size", size, "--elder", "--verbose", "--screenshot", (dir / "a.png").string()});
    INFO(size << ": " << r.output);
    REQUIRE(r.exit_code == 0);
    int w = 0, h = 0;
    const auto at = r.output.find("font atlas ");
    REQUIRE(at != std::string::npos);
    REQUIRE(std::sscanf(r.output.c_str() + at, "font atlas %dx%d", &w, &h) == 2);
    CHECK(w > 0);
    CHECK(w <= 4096);
    CHECK(h <= 4096);
  }
}

TEST_CASE("home says 离线 when the sync agent's last success is older than offline_after_hours") {
  TempDir dir("kiosk-offline");
  write_kiosk_cache(dir / "content.db");
  std::filesystem::create_directories(dir.path() / "state");
  const auto status = dir.path() / "state" / bianmin::sync::kSyncStatusFile;
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  // A healthy terminal whose agent last found nothing new: agent.json is days old (the agent
  // has no reason to rewrite it on a 304), the status is fresh.
  const auto agent = dir.path() / "state" / "agent.json";
  write_file(agent, "{}");
  std::filesystem::last_write_time(agent, std::filesystem::file_time_type::clock::now() - std::chrono::hours(72));
  write_file(status, bianmin::sync::sync_status_json({now - 60, "up_to_date", "up to date (version 3)", 3, now - 60}));
  auto fresh = run_script(dir, dir / "content.db", "expect-not \"离线\"\n", {"--offline-hours", "24"});
  INFO(fresh.output);
  CHECK(fresh.exit_code == 0);
  // Runs keep failing for three days: the last success is what counts.
  write_file(status, bianmin::sync::sync_status_json({now - 60, "failed", "manifest: HTTP 502", 3, now - 72 * 3600}));
  auto stale = run_script(dir, dir / "content.db", "expect \"离线\"\nexpect \"最后同步\"\n", {"--offline-hours", "24"});
  INFO(stale.output);
  CHECK(stale.exit_code == 0);
  // Never succeeded since it was set up.
  write_file(status, bianmin::sync::sync_status_json({now - 60, "failed", "no trusted keys", 0, 0}));
  auto never = run_script(dir, dir / "content.db", "expect \"离线\"\n", {"--offline-hours", "24"});
  INFO(never.output);
  CHECK(never.exit_code == 0);
}
