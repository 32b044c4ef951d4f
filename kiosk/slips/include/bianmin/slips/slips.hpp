// Printed slips (办事小票): what a villager takes home, rendered with cairo + pango either to
// PDF (A4 and driver-backed printers) or to a 1-bit raster for ESC/POS receipt printers.
//
// Promises:
//  - Three layouts: the guide slip, the convenience-card slip and the fund-publication extract
//    (one village group's rows), plus a printer test slip for staff mode.
//  - Three papers: 58 mm and 80 mm continuous receipt rolls (one page whose height is computed
//    from the content, nothing wasted, nothing cut) and A4 (as many pages as needed).
//  - Text is set in Noto Sans CJK SC at sizes chosen for older readers per paper; long Chinese
//    text wraps between characters (PANGO_WRAP_WORD_CHAR) inside the paper's printable width;
//    no text or QR module lies outside paper_spec(paper).margin_mm.
//  - The QR code (online-handling URL) is drawn as vector squares from bianmin::qr, EC level M,
//    quiet zone included, so it scans from a 200 dpi rendering and from thermal paper.
//  - Every slip ends with the content version, the terminal id and the time it was printed.
//  - Format{paper, raster_dots}: raster_dots > 0 renders the same layout into a 1-bit raster
//    exactly raster_dots wide at dots_per_mm (203 dpi = 8 dots/mm): the raster covers the
//    printable width only (the printer keeps its own margins), so the text is as wide as the
//    print head's reach; Slip::pdf is then empty. A Paper converts to a PDF Format.
//  - Pure functions of their inputs: no content store, no printer, no globals; safe to call
//    from a worker thread (pango's cairo font map is per thread).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/content/model.hpp"
#include "bianmin/base/result.hpp"
#include "bianmin/content/store.hpp"

namespace bianmin::slips {

enum class Paper { Roll58, Roll80, A4 };

struct PaperSpec {
  double width_mm = 0;
  double height_mm = 0;  // 0: continuous roll, the page is as long as the content
  double margin_mm = 0;  // left and right: outside the print head's reach on rolls
  double top_mm = 0;
  double bottom_mm = 0;   // on rolls: room for the tear-off bar
  double body_pt = 0;     // main text
  double title_pt = 0;    // slip title (bold)
  double heading_pt = 0;  // section heads (bold)
  double small_pt = 0;    // footer (version, terminal, time)
  double qr_mm = 0;       // side of the QR code, quiet zone included
};

PaperSpec paper_spec(Paper p);
const char* paper_name(Paper p);                          // "58mm", "80mm", "A4" (the names config files use)
std::optional<Paper> parse_paper(std::string_view name);  // accepts the names above

// The print head's width in dots of common 203 dpi receipt printers: 384 (48 mm) on 58 mm
// rolls, 576 (72 mm) on 80 mm rolls; 0 for A4 (no raster).
int default_raster_dots(Paper p);

// How to render a slip: on which paper, and as PDF (raster_dots == 0) or as a 1-bit raster.
struct Format {
  Paper paper = Paper::Roll80;
  int raster_dots = 0;       // > 0 (a multiple of 8): a raster this many dots wide, no PDF
  double dots_per_mm = 8.0;  // the print head's resolution (203 dpi)
  Format() = default;
  Format(Paper p) : paper(p) {}  // NOLINT: a Paper alone means PDF on that paper
  Format(Paper p, int dots, double dpmm = 8.0) : paper(p), raster_dots(dots), dots_per_mm(dpmm) {}
  bool raster() const { return raster_dots > 0; }
};

// A 1-bit image, rows top to bottom, 8 pixels per byte, most significant bit leftmost,
// 1 = black (the layout of ESC/POS GS v 0 and of PBM).
struct Raster {
  int width = 0, height = 0;  // in dots
  int stride = 0;             // bytes per row: width / 8 rounded up
  std::vector<unsigned char> bits;
  bool empty() const { return width <= 0 || height <= 0; }
  bool dark(int x, int y) const { return (bits[static_cast<size_t>(y) * stride + x / 8] >> (7 - x % 8)) & 1; }
};

// The raster as a PNG file's bytes (black on white), for people and tools (zbarimg, tesseract).
std::string raster_png(const Raster& raster);

// What every slip prints besides the item itself.
struct SlipContext {
  std::string terminal_id;      // e.g. "qingshi-hall-01"
  std::string content_version;  // CacheInfo::content_version
  std::string printed_at;       // shown as is; empty: now_text() at render time
  content::Site site;           // township and hall (address, hours, phones as fallbacks)
};

// Local time as "YYYY-MM-DD HH:MM".
std::string now_text();

struct Slip {
  std::string pdf;    // the PDF file's bytes (empty for a raster slip)
  Raster raster;      // the 1-bit raster (Format::raster_dots > 0), else empty
  std::string title;  // a short title, for the print job and the print log
  int pages = 0;
  double width_mm = 0;   // of every page
  double height_mm = 0;  // of the first page (the whole slip on a roll)
};

// How much of a guide goes on paper.
enum class GuideDetail {
  Checklist,  // what a villager takes along: 带齐材料 (□ to tick), 去哪办, 什么时候, 多久,
              // 费用, 电话, QR; the full guide stays on screen and behind the QR (default)
  Full,       // all of it: summary, 受理条件, fee basis, village handling, complaint phone
};

// The guide slip: title, then (Checklist) 申请材料 as a □ checklist with form and copies,
// where (department, window, address), when (hours), 办理时限, fees, phone, QR; or (Full) also
// summary, 受理条件, 跑动次数, 村级办理, fee basis and complaint phone. Both end with content
// version, terminal id, printed at. `department` may be null (then the guide's own window and
// the hall's phone are used). The QR (when the guide has an online URL) leads to the guide.
Result<Slip> render_guide_slip(const content::ServiceGuide& guide, const content::Department* department,
                               const SlipContext& ctx, Format format, GuideDetail detail = GuideDetail::Checklist);

// The card slip: 谁能办, 带什么 (□ checklist), 去哪办, 什么时候办, 多久办好, 要花多少钱 (or
// 能领多少（补助标准） on a benefit card), phone, QR.
Result<Slip> render_card_slip(const content::ConvenienceCard& card, const SlipContext& ctx, Format format);

// One village group's part of a fund publication, as the kiosk queried it.
struct FundExtract {
  content::FundPublication header;             // from Store::fund_header (rows may be empty)
  std::string department_name;                 // paying department, may be empty
  std::string village_name;                    // e.g. "青石村"
  std::string group_name;                      // e.g. "第一村民小组"; empty: the whole village
  std::vector<content::FundRow> rows;          // Household kind: the group's rows (masked names)
  std::vector<content::FundProject> projects;  // Project kind: the village's projects
  content::FundTotals totals;                  // Store::fund_totals for the same filter
  // Household kind, no group chosen: each group's totals, printed instead of names (a whole
  // village's list runs to metres of paper; the group's list is a tap away).
  struct GroupTotal {
    std::string name;
    content::FundTotals totals;
  };
  std::vector<GroupTotal> groups;
};

// The fund extract: header (title, fund type, department, basis and standard, period,
// publicity period), the rows with masked names as published (or, for a whole village, the
// totals of each group), totals, complaint channel.
Result<Slip> render_fund_extract(const FundExtract& extract, const SlipContext& ctx, Format format);

// A short slip for staff mode: printer name, paper, time, terminal id and a QR code, so a
// technician sees at once that text, widths and QR come out right.
Result<Slip> render_test_slip(const SlipContext& ctx, Format format, std::string_view printer_name);

}  // namespace bianmin::slips
