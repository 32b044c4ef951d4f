// A content cache damaged on disk after the agent installed it (a failing SD card, a bad
// sector): SQLite opens it and answers queries with rows silently missing, so without a check
// the kiosk shows empty lists as if the hall had no services. These tests damage real cache
// files (one table's pages overwritten) and run the real binary on them.
#include <doctest/doctest.h>
#include <chrono>
#include <filesystem>
#include <thread>

#include "bianmin/config/secrets.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "content/damaged_cache.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

constexpr const char* kGuideCode = "62052400SB-GG-0001";

std::string guide_name() {
  for (const auto& g : kiosk_content().guides)
    if (g.code == kGuideCode) return g.name;
  FAIL("the fixture has no guide " << kGuideCode);
  return {};
}

}  // namespace

TEST_CASE("the check finds a damaged table that a plain open does not") {
  TempDir dir("kiosk-damage-store");
  write_kiosk_cache(dir / "good.db");
  auto good = content::Store::open_readonly(dir / "good.db");
  REQUIRE(good);
  CHECK((*good)->check_intact().ok());
  good = decltype(good)::fail("closed");
  std::filesystem::copy_file(dir / "good.db", dir / "bad.db");
  damage_table(dir / "bad.db", "guide");
  auto bad = content::Store::open_readonly(dir / "bad.db");
  REQUIRE(bad);  // it opens: this is why the kiosk must check
  const Status st = (*bad)->check_intact();
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("内容缓存已损坏") != std::string::npos);
  CHECK(st.error().file == (dir / "bad.db").string());
}

TEST_CASE("a cache damaged on disk is refused at start: plain words and the phone, the details in the log") {
  TempDir dir("kiosk-damage-start");
  write_kiosk_cache(dir / "content.db");
  damage_table(dir / "content.db", "guide");
  auto r = run_script(dir, dir / "content.db",
                      "expect \"办事内容暂时打不开\"\n"
                      "expect \"咨询电话 0739-4826100\"\n"
                      "expect-not \"损坏\"\n"
                      "expect-not \"办事指南\"\n",
                      {"--help-phone", "0739-4826100"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("内容缓存已损坏") != std::string::npos);  // in the log, for the maintainer
}

TEST_CASE("with no content open, staff see why on the staff screen after the corner hold and the PIN") {
  TempDir dir("kiosk-damage-staff");
  write_kiosk_cache(dir / "content.db");
  damage_table(dir / "content.db", "guide");
  auto r = run_script(
      dir, dir / "content.db",
      "expect \"办事内容暂时打不开\"\n"
      "hold 10 10 5500\n"
      "expect \"请输入管理员密码\"\n"
      "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"确定\"\n"
      "expect \"本机的问题\"\n"
      "expect \"内容缓存已损坏\"\n"  // the log's words, for staff only
      "expect \"kiosk-test-01\"\n"
      "tap \"重新载入内容\"\n"
      "expect \"本机的问题\"\n"  // still damaged: the details stay
      "tap \"退出管理模式\"\n"
      "expect \"办事内容暂时打不开\"\n"
      "expect-not \"损坏\"\n",
      {"--help-phone", "0739-4826100", "--terminal-id", "kiosk-test-01", "--staff-pin-hash", config::hash_pin("2468")});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a damaged new cache on reload is refused and the last good content stays") {
  TempDir dir("kiosk-damage-reload");
  write_kiosk_cache(dir / "content.db");
  // the next version, damaged on the way (its guides table), then a good one after it
  auto next = kiosk_content();
  next.content_version = "2026.11.12-2";
  REQUIRE(content::write_cache(next, dir / "bad.db").ok());
  damage_table(dir / "bad.db", "guide");
  next.content_version = "2026.11.12-3";
  for (auto& g : next.guides)
    if (g.code == kGuideCode) g.summary = "第三版：请带户口簿到二号窗口";
  REQUIRE(content::write_cache(next, dir / "v3.db").ok());
  const std::string name = guide_name();
  auto r = run_script(dir, dir / "content.db",
                      "route guide/" + std::string(kGuideCode) + "\nexpect \"" + name +
                          "\"\n"
                          "swap-content " +
                          (dir / "bad.db").string() +
                          "\n"
                          "wait 3000\n"
                          "expect \"" +
                          name +
                          "\"\n"
                          "expect-not \"暂时打不开\"\n"
                          "route guides/dept/shebao\n"
                          "expect \"" +
                          name +
                          "\"\n"
                          // a good file after it is taken as usual
                          "swap-content " +
                          (dir / "v3.db").string() + "\nwait 3000\nroute guide/" + kGuideCode +
                          "\n"
                          "expect \"第三版\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  const auto refused = r.output.find("cannot reopen content: ");
  REQUIRE(refused != std::string::npos);
  CHECK(r.output.find("内容缓存已损坏", refused) != std::string::npos);
  CHECK(r.output.find("content reloaded (2026.11.12-3)", refused) != std::string::npos);
}

TEST_CASE("damage appearing in the cache in use is found while idle: the problem screen, not empty lists") {
  TempDir dir("kiosk-damage-idle");
  write_kiosk_cache(dir / "content.db");
  const auto ready = dir / "ready.png";
  // The kiosk goes idle (attract), says so by a picture, then must show the problem screen
  // once the test has damaged the file under it.
  std::thread damage([&] {
    for (int i = 0; i < 1200 && !std::filesystem::exists(ready); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    damage_table(dir / "content.db", "guide");
  });
  auto r = run_script(dir, dir / "content.db",
                      "expect \"办事指南\"\n"
                      "wait 400000\n"
                      "shot " +
                          ready.string() +
                          "\n"
                          "wait-for \"办事内容暂时打不开\" 60000\n"
                          // the hall's phone, from the last good content
                          "expect \"咨询电话 " +
                          kiosk_content().site.hall.phone +
                          "\"\n"
                          "tap 100 100\n"
                          "expect \"办事内容暂时打不开\"\n",
                      {"--help-phone", "0739-4826100", "--integrity-recheck", "1", "--attract-seconds", "120"});
  damage.join();
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("content in use failed its check") != std::string::npos);
}
