// Slips: every slip type on every paper has its required elements, the right width, nothing
// outside the printable margins, and a QR code that decodes to the content's URL.
#include <doctest/doctest.h>

#include <cstdlib>

#include "bianmin/slips/slips.hpp"
#include "print_support.hpp"
#include "slip_fixtures.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::test::print;
using bianmin::test::TempDir;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
const slips::Paper kPapers[] = {slips::Paper::Roll58, slips::Paper::Roll80, slips::Paper::A4};

struct Checked {
  std::string text;  // squeezed pdftotext output
  PdfInfo info;
  std::vector<std::string> codes;  // QR codes found on all pages
};

// Writes the slip, checks the paper geometry and margins, extracts text and QR codes.
Checked check_slip(const slips::Slip& slip, slips::Paper paper, const TempDir& dir, const std::string& name,
                   bool want_qr = true) {
  auto spec = slips::paper_spec(paper);
  auto pdf = dir / (name + "-" + slips::paper_name(paper) + ".pdf");
  bianmin::test::write_file(pdf, slip.pdf);
  if (const char* keep = std::getenv("BIANMIN_KEEP_SLIPS"))  // to look at them by eye
    bianmin::test::write_file(std::filesystem::path(keep) / pdf.filename(), slip.pdf);
  Checked c;
  c.info = pdf_info(pdf);
  CHECK(c.info.pages == slip.pages);
  CHECK(c.info.width_pt == doctest::Approx(spec.width_mm * kPtPerMm).epsilon(0.002));
  CHECK(slip.width_mm == doctest::Approx(spec.width_mm));
  if (spec.height_mm > 0)
    CHECK(c.info.height_pt == doctest::Approx(spec.height_mm * kPtPerMm).epsilon(0.002));
  else
    CHECK(c.info.pages == 1);  // a roll slip is one continuous page

  // Nothing cut: every word inside the printable width and on the page.
  const double left = spec.margin_mm * kPtPerMm, right = c.info.width_pt - left;
  auto words = pdf_words(pdf);
  CHECK(words.size() > 10);
  for (const auto& w : words) {
    INFO(name, " ", slips::paper_name(paper), " word '", w.word, "' x ", w.x0, "..", w.x1);
    CHECK(w.x0 >= left - 0.5);
    CHECK(w.x1 <= right + 0.5);
    CHECK(w.y0 >= 0);
    CHECK(w.y1 <= c.info.height_pt);
  }
  c.text = squeeze(pdf_text(pdf));
  for (int p = 1; p <= (want_qr ? c.info.pages : 1); ++p)
    for (auto& code : decode_qr(render_page(pdf, p, 200))) c.codes.push_back(code);
  return c;
}

void check_contains(const std::string& squeezed, const std::vector<std::string>& items) {
  for (const auto& item : items) {
    INFO("missing: ", item);
    CHECK(squeezed.find(squeeze(item)) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("guide slip: every element, right width, nothing cut, QR decodes, on each paper") {
  TempDir dir("slips");
  auto g = fixture_guide();
  auto d = fixture_department();
  auto ctx = fixture_context();
  for (auto paper : kPapers) {
    auto slip = slips::render_guide_slip(g, &d, ctx, paper, slips::GuideDetail::Full);
    REQUIRE(slip.ok());
    CHECK(slip->title == g.name);
    auto c = check_slip(*slip, paper, dir, "guide");
    std::vector<std::string> items = {g.name,
                                      d.name,
                                      "3号窗口",
                                      "受理条件",
                                      "申请材料",
                                      "办理时限",
                                      "承诺5个工作日",
                                      "法定20个工作日",
                                      "不收费",
                                      ctx.site.hall.address,
                                      ctx.site.hall.opening_hours,
                                      g.consult_phone,
                                      g.complaint_phone,
                                      ctx.content_version,
                                      ctx.terminal_id,
                                      ctx.printed_at,
                                      "扫码在线办理"};
    for (const auto& cond : g.conditions) items.push_back(cond);
    for (const auto& m : g.materials) items.push_back("□" + m.name);
    items.push_back("原件1份");
    items.push_back("原件和复印件2份");
    items.push_back("申请代缴时提供");
    check_contains(c.text, items);
    REQUIRE(c.codes.size() == 1);
    CHECK(c.codes[0] == g.online_url);
  }
}

TEST_CASE("the default guide slip is a compact checklist: bring, where, when, phone, QR") {
  TempDir dir("slips");
  auto g = fixture_guide();
  auto d = fixture_department();
  auto ctx = fixture_context();
  for (auto paper : {slips::Paper::Roll58, slips::Paper::Roll80}) {
    auto slip = slips::render_guide_slip(g, &d, ctx, paper);
    auto full = slips::render_guide_slip(g, &d, ctx, paper, slips::GuideDetail::Full);
    REQUIRE(slip.ok());
    REQUIRE(full.ok());
    auto c = check_slip(*slip, paper, dir, "checklist");
    std::vector<std::string> items = {g.name,
                                      "带齐材料",
                                      "原件1份",
                                      "原件和复印件2份",
                                      ctx.site.hall.address,
                                      "3号窗口",
                                      ctx.site.hall.opening_hours,
                                      "承诺5个工作日",
                                      "不收费",
                                      g.consult_phone,
                                      ctx.terminal_id};
    for (const auto& m : g.materials) items.push_back("□" + m.name);
    check_contains(c.text, items);
    CHECK(c.text.find("受理条件") == std::string::npos);  // on screen and behind the QR
    REQUIRE(c.codes.size() == 1);
    CHECK(c.codes[0] == g.online_url);
    MESSAGE(std::string(slips::paper_name(paper)), ": checklist ", slip->height_mm, " mm, full guide ", full->height_mm,
            " mm");
    CHECK(slip->height_mm < full->height_mm * 0.75);
    CHECK(slip->height_mm < 280);  // well under the 30 cm that makes the kiosk ask first
  }
}

TEST_CASE("a whole village's fund extract prints each group's totals, not every name") {
  TempDir dir("slips");
  auto x = fixture_fund(40);
  x.group_name.clear();
  x.rows.clear();
  x.groups = {{"第一村民小组", {}}, {"第二村民小组", {}}, {"第三村民小组", x.totals}};
  x.groups[0].totals.rows = 0;
  auto slip = slips::render_fund_extract(x, fixture_context(), slips::Paper::Roll58);
  REQUIRE(slip.ok());
  auto c = check_slip(*slip, slips::Paper::Roll58, dir, "fund-village", false);
  check_contains(c.text, {"各村民小组合计", "第一村民小组：0户（人），0.00元", "第三村民小组：40户（人）", "本组名单"});
  CHECK(c.text.find("张*华") == std::string::npos);
  CHECK(slip->height_mm < 300);
}

TEST_CASE("card slip: every element, right width, nothing cut, QR decodes, on each paper") {
  TempDir dir("slips");
  auto card = fixture_card();
  auto ctx = fixture_context();
  for (auto paper : kPapers) {
    auto slip = slips::render_card_slip(card, ctx, paper);
    REQUIRE(slip.ok());
    auto c = check_slip(*slip, paper, dir, "card");
    check_contains(c.text, {card.title, "谁能办", card.who, "带什么", "□" + card.bring[0], "□" + card.bring[1],
                            card.where, card.when, card.how_long, card.cost, card.phone, ctx.content_version,
                            ctx.terminal_id, ctx.printed_at});
    REQUIRE(c.codes.size() == 1);
    CHECK(c.codes[0] == card.online_url);
  }
}

TEST_CASE("fund extract: header, masked rows, totals, complaint channel, on each paper") {
  TempDir dir("slips");
  auto x = fixture_fund();
  auto ctx = fixture_context();
  for (auto paper : kPapers) {
    auto slip = slips::render_fund_extract(x, ctx, paper);
    REQUIRE(slip.ok());
    auto c = check_slip(*slip, paper, dir, "fund");
    std::vector<std::string> items = {x.header.title,
                                      x.header.fund_type,
                                      x.department_name,
                                      x.header.standard,
                                      "2026-11-20至2026-11-29",
                                      x.village_name + x.group_name,
                                      "合计",
                                      "12户（人）",
                                      "108亩",
                                      "金额11,404.80元",  // sum of (3.5+i)*105.6
                                      x.header.complaint_phone,
                                      x.header.complaint_address,
                                      ctx.content_version,
                                      ctx.terminal_id};
    for (const auto& r : x.rows) items.push_back(r.beneficiary);
    items.push_back("369.60");  // first row: 3.5 亩 × 105.6 元
    check_contains(c.text, items);
    CHECK(c.codes.empty());  // a fund extract carries no QR
  }
}

TEST_CASE("a guide without an online URL prints no QR code") {
  TempDir dir("slips");
  auto g = fixture_guide();
  g.online_url.clear();
  auto slip = slips::render_guide_slip(g, nullptr, fixture_context(), slips::Paper::Roll80);
  REQUIRE(slip.ok());
  auto c = check_slip(*slip, slips::Paper::Roll80, dir, "nourl");
  CHECK(c.codes.empty());
  CHECK(c.text.find("扫码在线办理") == std::string::npos);
  // Without a department the hall's phone is the consultation number.
  g.consult_phone.clear();
  auto slip2 = slips::render_guide_slip(g, nullptr, fixture_context(), slips::Paper::Roll58);
  REQUIRE(slip2.ok());
  auto c2 = check_slip(*slip2, slips::Paper::Roll58, dir, "nodept");
  check_contains(c2.text, {fixture_site().hall.phone});
}

TEST_CASE("long unbroken text wraps inside the margins instead of running off the roll") {
  TempDir dir("slips");
  auto g = fixture_guide();
  g.summary = std::string("请注意") + std::string(60, 'A') +
              "以及一段很长很长的没有标点的中文说明文字用来检查自动换行是否正确处理并且不会超出纸张边缘";
  for (auto paper : {slips::Paper::Roll58, slips::Paper::Roll80}) {
    auto slip = slips::render_guide_slip(g, nullptr, fixture_context(), paper);
    REQUIRE(slip.ok());
    check_slip(*slip, paper, dir, "long");  // margin checks inside
  }
}

TEST_CASE("a roll slip grows with its content; A4 flows onto more pages and keeps every row") {
  TempDir dir("slips");
  auto small = slips::render_fund_extract(fixture_fund(3), fixture_context(), slips::Paper::Roll58);
  auto big = slips::render_fund_extract(fixture_fund(60), fixture_context(), slips::Paper::Roll58);
  REQUIRE(small.ok());
  REQUIRE(big.ok());
  CHECK(big->height_mm > small->height_mm + 100);
  CHECK(big->pages == 1);

  auto x = fixture_fund(120);
  auto a4 = slips::render_fund_extract(x, fixture_context(), slips::Paper::A4);
  REQUIRE(a4.ok());
  CHECK(a4->pages >= 2);
  auto c = check_slip(*a4, slips::Paper::A4, dir, "fund-long", false);
  for (const auto& r : x.rows) {
    INFO("row ", r.row_no);
    CHECK(c.text.find(std::to_string(r.row_no) + r.beneficiary) != std::string::npos);
  }
}

TEST_CASE("test slip names the printer and carries a QR with the terminal id") {
  TempDir dir("slips");
  auto ctx = fixture_context();
  auto slip = slips::render_test_slip(ctx, slips::Paper::Roll80, "slip");
  REQUIRE(slip.ok());
  auto c = check_slip(*slip, slips::Paper::Roll80, dir, "test");
  check_contains(c.text, {"打印测试", "slip", "80mm", ctx.terminal_id});
  REQUIRE(c.codes.size() == 1);
  CHECK(c.codes[0] == "BIANMIN-TEST " + ctx.terminal_id);
}

TEST_CASE("paper names round-trip") {
  for (auto p : kPapers) CHECK(slips::parse_paper(slips::paper_name(p)) == p);
  CHECK_FALSE(slips::parse_paper("B5").has_value());
}
