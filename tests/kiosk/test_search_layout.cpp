// Search at every size: the keypad (under the results in portrait, beside them in landscape)
// types, deletes and clears, and the results show next to it.
#include <doctest/doctest.h>

#include "kiosk_test_support.hpp"

using namespace bianmin::test;

TEST_CASE("the search keypad types, deletes and clears at every size, normal and elder") {
  TempDir dir("kiosk-search-layout");
  write_kiosk_cache(dir / "content.db");
  for (const char* size : {"1080x1920", "1920x1080", "1280x800"}) {
    for (bool elder : {false, true}) {
      std::vector<std::string> args = {"--size", size};
      if (elder) args.push_back("--elder");
      auto r = run_script(dir, dir / "content.db",
                          "route search\n"
                          "tap \"Y\"\ntap \"L\"\ntap \"B\"\ntap \"X\"\n"
                          "expect \"YLBX\"\n"
                          "expect \"城乡居民\"\n"   // the first result, beside or above the keys (it may wrap)
                          "tap \"删除\"\n"
                          "expect \"YLB\"\n"
                          "expect-not \"YLBX\"\n"
                          "tap \"清空\"\n"
                          "expect \"输入拼音首字母\"\n",
                          args);
      const std::string where = std::string(size) + (elder ? " elder: " : ": ");
      INFO(where << r.output);
      CHECK(r.exit_code == 0);
    }
  }
}
