// Helpers for the print tests: run poppler-utils and zbarimg on real files.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace bianmin::test::print {

// Text of a PDF (pdftotext -layout off), empty on failure.
std::string pdf_text(const std::filesystem::path& pdf);
// The same text with every whitespace character removed (wrapping inserts line breaks).
std::string squeeze(const std::string& s);
// Page width and height in pt of page 1 (pdfinfo), and page count.
struct PdfInfo {
  double width_pt = 0, height_pt = 0;
  int pages = 0;
};
PdfInfo pdf_info(const std::filesystem::path& pdf);
// Every word's box (pdftotext -bbox), page by page.
struct WordBox {
  int page = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string word;
};
std::vector<WordBox> pdf_words(const std::filesystem::path& pdf);
// Renders page `page` (1-based) at `dpi` to PNG and returns the PNG's path.
std::filesystem::path render_page(const std::filesystem::path& pdf, int page, int dpi);
// The codes zbarimg finds in an image, one per element.
std::vector<std::string> decode_qr(const std::filesystem::path& image);

}  // namespace bianmin::test::print
