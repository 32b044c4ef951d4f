#include "print_support.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <regex>
#include <sstream>

#include "bianmin/base/utf8.hpp"
#include "support/test_support.hpp"

namespace bianmin::test::print {

std::string pdf_text(const std::filesystem::path& pdf) {
  auto out = pdf.string() + ".txt";
  auto r = run({"/usr/bin/pdftotext", "-enc", "UTF-8", pdf.string(), out});
  if (r.exit_code != 0) return {};
  return read_file(out);
}

std::string squeeze(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (!std::isspace(c)) out += static_cast<char>(c);
  return out;
}

PdfInfo pdf_info(const std::filesystem::path& pdf) {
  PdfInfo info;
  auto r = run({"/usr/bin/pdfinfo", pdf.string()});
  std::smatch m;
  std::regex size_re(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)");
  if (std::regex_search(r.output, m, size_re)) {
    info.width_pt = std::stod(m[1]);
    info.height_pt = std::stod(m[2]);
  }
  std::regex pages_re(R"(Pages:\s+([0-9]+))");
  if (std::regex_search(r.output, m, pages_re)) info.pages = std::stoi(m[1]);
  return info;
}

std::vector<WordBox> pdf_words(const std::filesystem::path& pdf) {
  auto out = pdf.string() + ".bbox.html";
  run({"/usr/bin/pdftotext", "-bbox", "-enc", "UTF-8", pdf.string(), out});
  std::string html = read_file(out);
  std::vector<WordBox> words;
  std::regex word_re(
      R"re(<word xMin="([0-9.\-]+)" yMin="([0-9.\-]+)" xMax="([0-9.\-]+)" yMax="([0-9.\-]+)">([^<]*)</word>)re");
  int page = 0;
  std::istringstream in(html);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("<page ") != std::string::npos) ++page;
    std::smatch m;
    if (std::regex_search(line, m, word_re))
      words.push_back({page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
  }
  return words;
}

std::filesystem::path render_page(const std::filesystem::path& pdf, int page, int dpi) {
  auto prefix = pdf.string() + ".p" + std::to_string(page);
  run({"/usr/bin/pdftoppm", "-r", std::to_string(dpi), "-png", "-f", std::to_string(page), "-l", std::to_string(page),
       "-singlefile", pdf.string(), prefix});
  return prefix + ".png";
}

GrayImage render_page_gray(const std::filesystem::path& pdf, int page, double dpi) {
  auto prefix = pdf.string() + ".g" + std::to_string(page);
  char r[32];
  std::snprintf(r, sizeof r, "%.3f", dpi);
  run({"/usr/bin/pdftoppm", "-r", r, "-gray", "-f", std::to_string(page), "-l", std::to_string(page), "-singlefile",
       pdf.string(), prefix});
  const std::string pgm = read_file(prefix + ".pgm");
  GrayImage img;
  // "P5\n<w> <h>\n255\n" then the pixels.
  std::istringstream in(pgm);
  std::string magic;
  int maxval = 0;
  in >> magic >> img.width >> img.height >> maxval;
  if (magic != "P5" || maxval != 255 || img.width <= 0 || img.height <= 0) return {};
  in.get();
  const size_t n = static_cast<size_t>(img.width) * img.height;
  const size_t off = static_cast<size_t>(in.tellg());
  if (pgm.size() < off + n) return {};
  img.pixels.assign(pgm.begin() + static_cast<long>(off), pgm.begin() + static_cast<long>(off + n));
  return img;
}

std::vector<std::string> decode_qr(const std::filesystem::path& image) {
  auto r = run({"/usr/bin/zbarimg", "--nodbus", "-Sdisable", "-Sqrcode.enable", "--raw", "-q", image.string()});
  std::vector<std::string> codes;
  std::istringstream in(r.output);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) codes.push_back(line);
  return codes;
}

std::string ocr_chinese(const std::filesystem::path& image) {
  auto r = run({"/usr/bin/tesseract", image.string(), "stdout", "-l", "chi_sim", "--psm", "6"});
  return squeeze(r.output);
}

namespace {

std::vector<uint32_t> code_points(const std::string& s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(utf8::decode(s, i));
  return out;
}

}  // namespace

double read_fraction(const std::string& want, const std::string& got) {
  const auto a = code_points(want), b = code_points(got);
  if (a.empty()) return 1.0;
  std::vector<int> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[b.size()]) / static_cast<double>(a.size());
}

}  // namespace bianmin::test::print
