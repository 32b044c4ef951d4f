// ESC/POS: the bytes a receipt printer gets for a raster slip, read back the way the printer
// reads them (sandbox::parse_escpos), and the raster slip itself: exactly the print head's
// width, its QR decodes (zbarimg), its title reads (tesseract chi_sim).
#include <doctest/doctest.h>

#include <cstdlib>

#include "bianmin/printing/escpos.hpp"
#include "bianmin/printing/sandbox.hpp"
#include "bianmin/slips/slips.hpp"
#include "print_support.hpp"
#include "slip_fixtures.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::test::print;
using bianmin::test::TempDir;
using printing::sandbox::parse_escpos;

namespace {

// Writes the raster as PNG (and to $BIANMIN_KEEP_SLIPS, to look at by eye).
std::filesystem::path save_png(const slips::Raster& r, const TempDir& dir, const std::string& name) {
  const std::string png = slips::raster_png(r);
  auto path = dir / (name + ".png");
  bianmin::test::write_file(path, png);
  if (const char* keep = std::getenv("BIANMIN_KEEP_SLIPS"))
    bianmin::test::write_file(std::filesystem::path(keep) / (name + ".png"), png);
  return path;
}

slips::Raster stripes(int width, int height) {
  slips::Raster r;
  r.width = width;
  r.height = height;
  r.stride = (width + 7) / 8;
  r.bits.resize(static_cast<size_t>(r.stride) * height);
  for (size_t i = 0; i < r.bits.size(); ++i) r.bits[i] = static_cast<unsigned char>(i * 37 + 11);
  return r;
}

}  // namespace

TEST_CASE("raster_job: ESC @, GS v 0 bands, feed, cut, and the printer rebuilds the same image") {
  const slips::Raster r = stripes(384, 300);
  const std::string bytes = printing::escpos::raster_job(r);
  REQUIRE(bytes.size() > 2);
  CHECK(bytes.substr(0, 2) == "\x1b@");
  auto job = parse_escpos(bytes);
  REQUIRE(job.ok());
  CHECK(job->commands.front() == "ESC @");
  CHECK(job->bands == (300 + printing::escpos::kBandRows - 1) / printing::escpos::kBandRows);
  CHECK(job->raster.width == 384);
  CHECK(job->raster.height == 300);
  CHECK(job->raster.bits == r.bits);
  CHECK(job->fed_lines == printing::escpos::kFeedLines);
  CHECK(job->ends_with_cut);
  CHECK(job->commands.back() == "GS V 1");
}

TEST_CASE("parse_escpos refuses what a raster job never sends") {
  CHECK_FALSE(parse_escpos("%PDF-1.5\n").ok());                            // a PDF on a receipt printer
  CHECK_FALSE(parse_escpos("\x1b@hello").ok());                            // text mode
  CHECK_FALSE(parse_escpos(std::string("\x1dv0\0\x30\0\x10\0", 8)).ok());  // image cut short
  // Bands of different widths cannot come from one slip.
  std::string two = printing::escpos::raster_job(stripes(384, 10));
  two += printing::escpos::raster_job(stripes(576, 10));
  auto bad = parse_escpos(two);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("576 dots wide") != std::string::npos);
}

TEST_CASE("a raster slip is exactly the print head's width, and its QR and title read back") {
  TempDir dir("escpos");
  const auto g = fixture_guide();
  const auto d = fixture_department();
  const auto ctx = fixture_context();
  struct Case {
    slips::Paper paper;
    int dots;
  };
  for (Case c : {Case{slips::Paper::Roll58, 384}, Case{slips::Paper::Roll80, 576}, Case{slips::Paper::Roll80, 512}}) {
    CAPTURE(slips::paper_name(c.paper));
    CAPTURE(c.dots);
    auto slip = slips::render_guide_slip(g, &d, ctx, slips::Format(c.paper, c.dots));
    REQUIRE(slip.ok());
    CHECK(slip->pdf.empty());
    CHECK(slip->raster.width == c.dots);
    CHECK(slip->raster.stride * 8 == c.dots);
    CHECK(slip->raster.height > 8 * 100);  // a guide is longer than 10 cm
    // Same scale as the paper: height in dots = height in mm at 8 dots/mm.
    CHECK(slip->raster.height == doctest::Approx(slip->height_mm * 8).epsilon(0.01));
    const auto png =
        save_png(slip->raster, dir, std::string("guide-") + slips::paper_name(c.paper) + "-" + std::to_string(c.dots));
    auto codes = decode_qr(png);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == g.online_url);
    const std::string text = ocr_chinese(png);
    INFO("OCR: ", text);
    CHECK(read_fraction(g.name, text) >= 0.9);
  }
}

TEST_CASE("the raster and the PDF of a slip break lines alike: same height") {
  const auto ctx = fixture_context();
  auto pdf = slips::render_card_slip(fixture_card(), ctx, slips::Paper::Roll58);
  auto raster = slips::render_card_slip(fixture_card(), ctx, slips::Format(slips::Paper::Roll58, 384));
  REQUIRE(pdf.ok());
  REQUIRE(raster.ok());
  CHECK(raster->height_mm == doctest::Approx(pdf->height_mm).epsilon(0.001));
  CHECK(raster->raster.width == 384);
}

TEST_CASE("A4 cannot be rendered as a receipt raster") {
  auto r = slips::render_test_slip(fixture_context(), slips::Format(slips::Paper::A4, 576), "a4");
  CHECK_FALSE(r.ok());
}
