// Search at every size: the pinyin keyboard (under the results in portrait, beside them in
// landscape, under them on a small tablet) types, deletes and clears, and the results show
// next to it.
#include <doctest/doctest.h>

#include "kiosk_test_support.hpp"

using namespace bianmin::test;

TEST_CASE("the search keyboard types, deletes and clears at every size, normal and elder") {
  TempDir dir("kiosk-search-layout");
  write_kiosk_cache(dir / "content.db");
  for (const char* size : {"1080x1920", "1920x1080", "1280x800"}) {
    for (bool elder : {false, true}) {
      std::vector<std::string> args = {"--size", size};
      if (elder) args.push_back("--elder");
      auto r =
          run_script(dir, dir / "content.db",
                     std::string("route search\n") + (elder ? "tap \"拼音\"\n" : "") +  // elder mode opens on the pad
                         "tap \"Y\"\ntap \"L\"\ntap \"B\"\ntap \"X\"\n"
                         "expect \"ylbx\"\n"
                         "expect \"城乡居民\"\n"  // the first result, beside or above the keys (it may wrap)
                         "tap \"删除\"\n"
                         "expect \"ylb\"\n"
                         "expect-not \"ylbx\"\n"
                         "tap \"清空\"\n"
                         "expect-not \"ylb\"\n"
                         "expect \"点字母拼写\"\n",
                     args);
      const std::string where = std::string(size) + (elder ? " elder: " : ": ");
      INFO(where << r.output);
      CHECK(r.exit_code == 0);
    }
  }
}

// The 8-inch portrait tablet in elder mode (15 mm keys, six a row): while the pinyin keyboard
// is open the chrome is slim (the phone alone at the top, 返回 · 首页 on one row), 手写 and 收起
// beside the box; folding the keyboard brings the title and the elder toggle back.
TEST_CASE("the 8-inch tablet in elder mode types pinyin with slim chrome, and folds it away") {
  TempDir dir("kiosk-search-8in");
  write_kiosk_cache(dir / "content.db");
  auto r = run_script(dir, dir / "content.db",
                      "route search\n"
                      "expect \"长辈模式：开\"\n"  // the pad: the full chrome
                      "tap \"拼音\"\n"
                      "expect-not \"长辈模式：开\"\n"
                      "expect \"咨询电话\"\n"
                      "tap \"Y\"\ntap \"L\"\ntap \"B\"\ntap \"X\"\n"
                      "expect \"ylbx\"\n"
                      "tap \"删除\"\n"
                      "expect-not \"ylbx\"\n"
                      "tap \"X\"\n"
                      "tap \"数字\"\n"
                      "tap \"2\"\n"
                      "expect \"ylbx2\"\n"
                      "tap \"字母\"\n"
                      "tap \"删除\"\n"
                      "tap \"收起\"\n"  // the results, the title and the elder toggle again
                      "expect \"城乡居民\"\n"
                      "expect \"搜索\"\n"
                      "expect \"长辈模式：开\"\n"
                      "tap \"继续输入\"\n"
                      "expect-not \"长辈模式：开\"\n"
                      "tap \"手写\"\n"  // the pad fits under the full chrome
                      "expect \"长辈模式：开\"\n"
                      "expect \"重写\"\n"
                      "tap \"拼音\"\n"
                      "tap \"返回\"\n"
                      "expect-not \"收起\"\n",
                      {"--size", "800x1280", "--dpi", "189", "--elder"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
