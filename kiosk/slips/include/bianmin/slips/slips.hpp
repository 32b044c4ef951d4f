// Printed slips (办事小票): what a villager takes home, rendered to PDF with cairo + pango.
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
//  - Pure functions of their inputs: no content store, no printer, no globals; safe to call
//    from a worker thread (pango's cairo font map is per thread).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/content/model.hpp"
#include "bianmin/content/result.hpp"
#include "bianmin/content/store.hpp"

namespace bianmin::slips {

enum class Paper { Roll58, Roll80, A4 };

struct PaperSpec {
  double width_mm = 0;
  double height_mm = 0;   // 0: continuous roll, the page is as long as the content
  double margin_mm = 0;   // left and right: outside the print head's reach on rolls
  double top_mm = 0;
  double bottom_mm = 0;   // on rolls: room for the tear-off bar
  double body_pt = 0;     // main text
  double title_pt = 0;    // slip title (bold)
  double heading_pt = 0;  // section heads (bold)
  double small_pt = 0;    // footer (version, terminal, time)
  double qr_mm = 0;       // side of the QR code, quiet zone included
};

PaperSpec paper_spec(Paper p);
const char* paper_name(Paper p);  // "58mm", "80mm", "A4" (the names config files use)
std::optional<Paper> parse_paper(std::string_view name);  // accepts the names above

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
  std::string pdf;        // the PDF file's bytes
  std::string title;      // a short title, for the print job and the print log
  int pages = 0;
  double width_mm = 0;    // of every page
  double height_mm = 0;   // of the first page (the whole slip on a roll)
};

// The guide slip: title, department, window, 受理条件, 申请材料 as a □ checklist with form and
// copies, 办理时限, fees, address, hours, phones, QR (when the guide has an online URL),
// content version, terminal id, printed at. `department` may be null (then the guide's own
// window and the hall's phone are used).
Result<Slip> render_guide_slip(const content::ServiceGuide& guide,
                               const content::Department* department, const SlipContext& ctx,
                               Paper paper);

// The card slip: 谁能办, 带什么 (□ checklist), 去哪办, 什么时候办, 多久办好, 花多少钱, phone, QR.
Result<Slip> render_card_slip(const content::ConvenienceCard& card, const SlipContext& ctx,
                              Paper paper);

// One village group's part of a fund publication, as the kiosk queried it.
struct FundExtract {
  content::FundPublication header;      // from Store::fund_header (rows may be empty)
  std::string department_name;          // paying department, may be empty
  std::string village_name;             // e.g. "青石村"
  std::string group_name;               // e.g. "第一村民小组"; empty: the whole village
  std::vector<content::FundRow> rows;   // Household kind: the group's rows (masked names)
  std::vector<content::FundProject> projects;  // Project kind: the village's projects
  content::FundTotals totals;           // Store::fund_totals for the same filter
};

// The fund extract: header (title, fund type, department, basis and standard, period,
// publicity period), the rows with masked names as published, totals, complaint channel.
Result<Slip> render_fund_extract(const FundExtract& extract, const SlipContext& ctx, Paper paper);

// A short slip for staff mode: printer name, paper, time, terminal id and a QR code, so a
// technician sees at once that text, widths and QR come out right.
Result<Slip> render_test_slip(const SlipContext& ctx, Paper paper, std::string_view printer_name);

}  // namespace bianmin::slips
