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
// An 8-bit grey image (0 = black), as pdftoppm -gray writes it.
struct GrayImage {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;
  unsigned char at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};
// Renders page `page` (1-based) at `dpi` (fractions allowed) to grey pixels with pdftoppm.
GrayImage render_page_gray(const std::filesystem::path& pdf, int page, double dpi);
// The codes zbarimg finds in an image, one per element.
std::vector<std::string> decode_qr(const std::filesystem::path& image);
// The text tesseract reads in an image (chi_sim, a block of lines), whitespace removed.
std::string ocr_chinese(const std::filesystem::path& image);
// How many characters of `want` (UTF-8) appear in `got` in the same order (the longest common
// subsequence of code points): 1.0 = every character read.
double read_fraction(const std::string& want, const std::string& got);

}  // namespace bianmin::test::print
