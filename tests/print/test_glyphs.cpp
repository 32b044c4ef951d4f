// No slip loses a character: every character of GB2312 level 1 (the 3,755 common hanzi), in
// Regular and in Bold, put through each slip kind's PDF, rasterised by poppler (pdftoppm) and
// compared glyph by glyph with the same slip drawn directly by FreeType (the ESC/POS raster
// path, same layout, same scale). A glyph the PDF embeds wrongly (cairo 1.16 blanked 如)
// shows up as a cell whose ink does not match.
#include <doctest/doctest.h>

#include <iconv.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "bianmin/slips/slips.hpp"
#include "print_support.hpp"
#include "slip_fixtures.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::test::print;
using bianmin::test::TempDir;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kDotsPerMm = 8.0;  // both images at the print head's 203.2 dpi

// GB2312 level 1: rows 16..55 (0xB0..0xD7), 94 cells a row, 89 in row 55.
std::vector<std::string> gb2312_level1() {
  std::vector<std::string> out;
  iconv_t cd = iconv_open("UTF-8", "GB2312");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  for (int hi = 0xB0; hi <= 0xD7; ++hi)
    for (int lo = 0xA1; lo <= (hi == 0xD7 ? 0xF9 : 0xFE); ++lo) {
      char in[2] = {static_cast<char>(hi), static_cast<char>(lo)};
      char buf[8];
      char* ip = in;
      char* op = buf;
      size_t il = 2, ol = sizeof buf;
      if (iconv(cd, &ip, &il, &op, &ol) != static_cast<size_t>(-1)) out.emplace_back(buf, op);
    }
  iconv_close(cd);
  return out;
}

std::string spaced(const std::vector<std::string>& chars, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to && i < chars.size(); ++i) s += (s.empty() ? "" : " ") + chars[i];
  return s;
}

struct Compared {
  size_t cells = 0;                   // one-character words found in the PDF's text
  std::map<std::string, double> bad;  // character -> share of matching ink, where below 90 %
};

// Ink of the PDF's rendering vs the direct raster in every one-character word box. Both
// images are at 8 dots/mm; the raster starts at the left margin.
Compared compare(const slips::Slip& pdf_slip, const slips::Slip& raster_slip, slips::Paper paper, const TempDir& dir,
                 const std::string& name) {
  Compared c;
  const auto pdf = dir / (name + ".pdf");
  bianmin::test::write_file(pdf, pdf_slip.pdf);
  const GrayImage page = render_page_gray(pdf, 1, kDotsPerMm * 25.4);
  REQUIRE(page.width > 0);
  const slips::Raster& r = raster_slip.raster;
  const double px_per_pt = kDotsPerMm / kPtPerMm;
  const double margin_px = slips::paper_spec(paper).margin_mm * kDotsPerMm;
  for (const WordBox& w : pdf_words(pdf)) {
    if (w.word.size() != 3) continue;  // one CJK character (3 bytes of UTF-8)
    ++c.cells;
    const int x0 = static_cast<int>(std::floor(w.x0 * px_per_pt)) - 1;
    const int x1 = static_cast<int>(std::ceil(w.x1 * px_per_pt)) + 1;
    const int y0 = static_cast<int>(std::floor(w.y0 * px_per_pt)) - 1;
    const int y1 = static_cast<int>(std::ceil(w.y1 * px_per_pt)) + 1;
    // Ink in each image within one dot of ink in the other (antialiasing differs at edges).
    auto pdf_ink = [&](int x, int y) {
      return x >= 0 && y >= 0 && x < page.width && y < page.height && page.at(x, y) < 128;
    };
    auto raster_ink = [&](int x, int y) {
      const int rx = x - static_cast<int>(std::lround(margin_px));
      return rx >= 0 && y >= 0 && rx < r.width && y < r.height && r.dark(rx, y);
    };
    auto near = [](auto ink, int x, int y) {
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if (ink(x + dx, y + dy)) return true;
      return false;
    };
    int in_pdf = 0, in_raster = 0, pdf_matched = 0, raster_matched = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        if (pdf_ink(x, y)) {
          ++in_pdf;
          pdf_matched += near(raster_ink, x, y);
        }
        if (raster_ink(x, y)) {
          ++in_raster;
          raster_matched += near(pdf_ink, x, y);
        }
      }
    const double match = in_pdf == 0 || in_raster == 0 ? 0.0
                                                       : std::min(static_cast<double>(pdf_matched) / in_pdf,
                                                                  static_cast<double>(raster_matched) / in_raster);
    if (match < 0.9) c.bad[w.word] = match;
  }
  return c;
}

}  // namespace

TEST_CASE("every GB2312 level-1 character prints in Regular and Bold on every slip kind") {
  const auto chars = gb2312_level1();
  REQUIRE(chars.size() == 3755);
  TempDir dir("glyphs");
  const auto ctx = fixture_context();
  const slips::Paper paper = slips::Paper::Roll80;
  const slips::Format raster(paper, slips::default_raster_dots(paper), kDotsPerMm);
  // In chunks, so that no slip is longer than a raster can be (about 4 m).
  constexpr size_t kChunk = 800;
  for (size_t from = 0; from < chars.size(); from += kChunk) {
    const std::string text = spaced(chars, from, from + kChunk);
    const size_t n = std::min(kChunk, chars.size() - from);
    CAPTURE(from);
    // Regular in body text, Bold in the title, for each kind of slip (the test slip has no
    // free bold text: Regular only).
    auto g = fixture_guide();
    g.name = text;
    g.summary = text;
    g.online_url.clear();
    auto card = fixture_card();
    card.title = text;
    card.who = text;
    card.online_url.clear();
    auto fund = fixture_fund(1);
    fund.header.title = text;
    fund.header.policy_basis = text;
    struct Kind {
      std::string name;
      std::function<Result<slips::Slip>(slips::Format)> render;
      size_t copies;
    };
    const Kind kinds[] = {
        {"guide",
         [&](slips::Format f) { return slips::render_guide_slip(g, nullptr, ctx, f, slips::GuideDetail::Full); }, 2},
        {"card", [&](slips::Format f) { return slips::render_card_slip(card, ctx, f); }, 2},
        {"fund", [&](slips::Format f) { return slips::render_fund_extract(fund, ctx, f); }, 2},
        {"test", [&](slips::Format f) { return slips::render_test_slip(ctx, f, text); }, 1},
    };
    for (const Kind& k : kinds) {
      CAPTURE(k.name);
      auto pdf = k.render(slips::Format(paper));
      auto direct = k.render(raster);
      REQUIRE(pdf.ok());
      REQUIRE(direct.ok());
      const Compared c = compare(*pdf, *direct, paper, dir, k.name + "-" + std::to_string(from));
      CHECK(c.cells >= k.copies * n);  // every character found in the text (and a few more)
      std::string bad;
      for (const auto& [ch, share] : c.bad) bad += ch + "(" + std::to_string(share).substr(0, 4) + ") ";
      INFO("characters that did not print like the direct render: ", bad);
      CHECK(c.bad.empty());
    }
  }
}
