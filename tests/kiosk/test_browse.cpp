// Browsing guides: a group with nothing in it (a department without guides of its own) is not
// offered, so a tap never leads to an empty page; the official 公开目录 stays whole.
#include <doctest/doctest.h>

#include "bianmin/content/cache_writer.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

TEST_CASE("按部门 lists only departments that have guides") {
  TempDir dir("kiosk-browse");
  auto set = kiosk_content();
  set.departments.push_back(content::Department{"caizheng", "青石镇财政所", "财政所", "0938-5550140", "7号窗口"});
  REQUIRE(content::write_cache(set, dir / "content.db"));
  auto r = run_script(dir, dir / "content.db",
                      "tap \"办事指南\"\n"
                      "tap \"按部门\"\n"
                      "expect \"青石镇民政办公室\"\n"  // has guides
                      "expect \"2 项\"\n"
                      "expect-not \"青石镇财政所\"\n");  // has none
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a route to an item that is not (or no longer) in the content says so plainly") {
  TempDir dir("kiosk-missing");
  write_kiosk_cache(dir / "content.db");
  const std::vector<std::pair<std::string, std::string>> cases = {{"guide/NO-SUCH-GUIDE", "未找到该事项"},
                                                                  {"card/no-such-card", "未找到这张明白卡"},
                                                                  {"policy/no-such-policy", "未找到该文件"},
                                                                  {"funds/qingshi/no-such-fund", "未找到该公示"}};
  for (const auto& one : cases) {
    const auto& route = one.first;
    const auto& words = one.second;
    auto r = run_script(dir, dir / "content.db", "route " + route + "\nexpect \"" + words + "\"\nexpect \"返回\"\n");
    INFO(route << ": " << r.output);
    CHECK(r.exit_code == 0);
  }
}
