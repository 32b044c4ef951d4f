// A tiny block layout for receipts: a slip is a column of blocks (title, heading, paragraph,
// checklist item, table row, QR, rule) set with pango, drawn on a cairo PDF surface or, for
// ESC/POS printers, on an 8-bit image that becomes a 1-bit raster. Rolls get one page as tall
// as the content; A4 breaks between blocks, or between lines of a long block. Layout is done
// with unhinted metrics in points, so the PDF and the raster wrap every line alike.
// Internal to bianmin_slips.
#pragma once
#include <cairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/money.hpp"
#include "bianmin/qr/qr.hpp"
#include "bianmin/slips/slips.hpp"

namespace bianmin::slips::detail {

enum class Align { Left, Center, Right };

struct Cell {
  std::string text;  // plain text
  double width = 0;  // fraction of the printable width
  Align align = Align::Left;
};

class Doc {
 public:
  explicit Doc(const Format& format);
  ~Doc();
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;

  const PaperSpec& spec() const { return spec_; }

  void caption(std::string_view text);                              // small, centred line above the title
  void title(std::string_view text);                                // large, bold, centred
  void heading(std::string_view text);                              // bold section head with a rule under it
  void para(std::string_view text);                                 // body text
  void small(std::string_view text);                                // footer-sized text
  void kv(std::string_view label, std::string_view value);          // "label：value", label bold
  void bullet(std::string_view text);                               // "• text", hanging indent
  void check(std::string_view text, std::string_view detail = {});  // "□ text" + detail line
  void rule(bool dashed = true);
  void space(double pt);
  void row(const std::vector<Cell>& cells, bool header = false);  // one table row
  void qr(const qr::QrMatrix& m, std::string_view caption);

  // Lays out, paginates and draws everything; `title` goes into the PDF metadata.
  Result<Slip> finish(std::string_view title);

 private:
  struct Block;
  void add_text(std::string markup, double size_pt, bool bold, Align align, double hang_pt, double before, double after,
                bool keep_with_next = false);
  PaperSpec spec_;
  Format format_;
  std::vector<std::unique_ptr<Block>> blocks_;
};

// "1,234.56" from fen (bianmin/base/money.hpp).
inline std::string yuan(int64_t fen) { return money::format_yuan(fen); }
// A cairo write function appending to the std::string `closure`.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);
// Escapes text for pango markup.
std::string esc(std::string_view text);

}  // namespace bianmin::slips::detail
