// A guide that uses every character of GB2312 (6,763 hanzi) renders headless with
// --screenshot, as it does in the window. Issue 19: the headless path crashed (SIGSEGV) on it.
// The cause was the page, not the atlas: its summary card, thousands of pixels tall, was drawn
// as one rounded fill whose triangles overflow the 32-bit texture interpolation of SDL's
// software renderer (SDL_triangle.c), which then read outside the font texture. Cards are now
// drawn only where their scroll area can show them.
#include <doctest/doctest.h>

#include <iconv.h>

#include <string>

#include "bianmin/base/utf8.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

// The 6,763 hanzi of GB2312 (EUC-CN rows 0xB0-0xF7, columns 0xA1-0xFE; row 0xD7 has 89),
// in UTF-8.
std::string gb2312_hanzi() {
  std::string euc;
  for (int row = 0xB0; row <= 0xF7; ++row)
    for (int col = 0xA1; col <= 0xFE; ++col) {
      if (row == 0xD7 && col > 0xF9) continue;
      euc += static_cast<char>(row);
      euc += static_cast<char>(col);
    }
  iconv_t cd = iconv_open("UTF-8", "GB2312");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(euc.size() * 2, '\0');
  char* in = euc.data();
  size_t in_left = euc.size();
  char* o = out.data();
  size_t out_left = out.size();
  const size_t r = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  REQUIRE(r != static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

size_t count_code_points(const std::string& s) { return utf8::length(s); }

}  // namespace

TEST_CASE("a guide with all 6,763 GB2312 characters renders headless with --screenshot") {
  TempDir dir("kiosk-many-glyphs");
  content::ContentSet set = kiosk_content();
  const std::string hanzi = gb2312_hanzi();
  REQUIRE(count_code_points(hanzi) == 6763);
  REQUIRE(!set.guides.empty());
  content::ServiceGuide& g = set.guides.front();
  // The characters in lines of 40, as a long summary a hall might paste in.
  std::string summary;
  size_t n = 0;
  for (size_t i = 0; i < hanzi.size(); i += 3) {
    summary += hanzi.substr(i, 3);
    if (++n % 40 == 0) summary += "\n";
  }
  g.summary = summary;
  Status st = content::write_cache(set, dir / "content.db");
  REQUIRE_MESSAGE(static_cast<bool>(st), st.error().to_string());
  const std::string route = "guide/" + g.code;
  const auto png = dir / "guide.png";
  auto r = run_kiosk(dir, dir / "content.db", {"--size", "1080x1920", "--route", route, "--screenshot", png.string()});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  Image img = load_png(png);
  CHECK(img.w == 1080);
  CHECK(img.h == 1920);
  CHECK(img.distinct_colors() > 40);  // drawn text, not a blank or flat picture
  // The card's white shows around the text: the page was drawn, not only the bars.
  CHECK(img.fraction_of(0xFFFFFF, 2) > 0.3);
}
