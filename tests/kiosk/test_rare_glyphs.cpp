// Characters above U+FFFF (CJK Extension B+) are drawn truly (issue 14): Debian's Dear ImGui
// 1.86 has 16-bit ImWchar and drew 𠮷 (U+20BB7) as "?". The kiosk maps each to a Private Use
// Area code and gives the atlas a glyph rasterised from the CJK face (platform/rare_glyphs.hpp).
// Tested by pixels: a fund table with the name 𠮷田 differs from one with ?田, and from one
// with a blank in 𠮷's place.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "bianmin/content/cache_writer.hpp"
#include "kiosk_test_support.hpp"
#include "bianmin/base/utf8.hpp"
#include "platform/rare_glyphs.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

// The fund table of qingshi's 耕地 publication, its first household named `name`, as a PNG.
Image fund_table_with(const TempDir& dir, const std::string& tag, const std::string& name, bool elder) {
  auto set = kiosk_content();
  for (auto& f : set.funds)
    if (f.id == "gengdi-2026") f.rows.front().beneficiary = name;
  const auto cache = dir / ("content-" + tag + ".db");
  REQUIRE(content::write_cache(set, cache));
  const auto png = dir / ("funds-" + tag + (elder ? "-elder" : "") + ".png");
  std::vector<std::string> args = {"--route", "funds/qingshi/gengdi-2026", "--screenshot", png.string()};
  if (elder) args.push_back("--elder");
  auto r = run_kiosk(dir, cache, args);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  if (const char* keep = std::getenv("BIANMIN_KEEP_SHOTS"))  // to look at them
    std::filesystem::copy_file(png, std::filesystem::path(keep) / png.filename(),
                               std::filesystem::copy_options::overwrite_existing);
  return load_png(png);
}

size_t differing_pixels(const Image& a, const Image& b) {
  REQUIRE(a.w == b.w);
  REQUIRE(a.h == b.h);
  size_t n = 0;
  for (size_t i = 0; i + 3 < a.rgba.size(); i += 4)
    if (a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2]) ++n;
  return n;
}

}  // namespace

TEST_CASE("a character above U+FFFF gets a Private Use Area code of its own, the same every time") {
  const unsigned a = kiosk::rare_glyphs::code_for(0x20BB7);  // 𠮷
  const unsigned b = kiosk::rare_glyphs::code_for(0x2000B);  // 𠀋
  CHECK(a >= kiosk::rare_glyphs::kFirst);
  CHECK(a <= kiosk::rare_glyphs::kLast);
  CHECK(b != a);
  CHECK(kiosk::rare_glyphs::code_for(0x20BB7) == a);
  CHECK(kiosk::rare_glyphs::original_of(a) == 0x20BB7);
  CHECK(kiosk::rare_glyphs::code_for(0x7530) == 0);  // 田 is drawn as itself
  CHECK(kiosk::rare_glyphs::drawable("田") == "田");
  CHECK(kiosk::rare_glyphs::drawable("𠮷田") == utf8::encode(static_cast<char32_t>(a)) + "田");
}

TEST_CASE("𠮷田 in a fund table is drawn as 𠮷, not as ? and not blank (normal and elder mode)") {
  TempDir dir("kiosk-rare-glyphs");
  for (bool elder : {false, true}) {
    CAPTURE(elder);
    const Image rare = fund_table_with(dir, "rare", "𠮷田", elder);
    const Image question = fund_table_with(dir, "question", "?田", elder);
    const Image blank = fund_table_with(dir, "blank", "　田", elder);
    // A whole glyph's worth of ink, not a pixel of anti-aliasing.
    CHECK(differing_pixels(rare, question) > 40);
    CHECK(differing_pixels(rare, blank) > 40);
  }
}
