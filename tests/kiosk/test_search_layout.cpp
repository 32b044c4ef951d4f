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
