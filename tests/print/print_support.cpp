#include "print_support.hpp"

#include <cctype>
#include <regex>
#include <sstream>

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
  run({"/usr/bin/pdftoppm", "-r", std::to_string(dpi), "-png", "-f", std::to_string(page), "-l",
       std::to_string(page), "-singlefile", pdf.string(), prefix});
  return prefix + ".png";
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

}  // namespace bianmin::test::print
