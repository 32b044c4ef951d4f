// Fuzzes the spreadsheet readers (content/sheets): what a clerk uploads comes from anyone's
// Excel, WPS or a village accountant's tool. The first byte picks what the rest is:
//   0  an .xlsx file (zip level: libzip's reading of a damaged archive)
//   1  an .xls file (libfreexl, through the scratch file read_workbook_bytes writes)
//   2  a .csv file (UTF-8 / GB18030)
//   3+ the XML parts of an .xlsx, separated by "\n--part--\n" (workbook.xml, sharedStrings.xml,
//      styles.xml, sheet1.xml), packed here into a stored (uncompressed) zip with right CRCs,
//      so mutations reach expat and the cell, style and merge handling, not the zip checks.
// Every sheet read is then turned into fund rows of both kinds (read_fund_sheet).
// Properties: a sheet's cells are sorted and each is found by at(); rows named by problems and
// CSV rows lie inside the sheet.
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bianmin/sheets/fund_sheet.hpp"

using namespace bianmin;

namespace {

void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, unsigned long v) {
  put16(s, static_cast<unsigned>(v & 0xFFFF));
  put16(s, static_cast<unsigned>((v >> 16) & 0xFFFF));
}

// A zip of `files` stored without compression (PKWARE APPNOTE 4.3).
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out, central;
  for (const auto& [name, data] : files) {
    unsigned long crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    unsigned long offset = out.size();
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, data.size()), put32(out, data.size());
    put16(out, static_cast<unsigned>(name.size())), put16(out, 0);
    out += name + data;
    put32(central, 0x02014b50);
    put16(central, 20), put16(central, 20), put16(central, 0), put16(central, 0), put16(central, 0),
        put16(central, 0x21);
    put32(central, crc), put32(central, data.size()), put32(central, data.size());
    put16(central, static_cast<unsigned>(name.size()));
    put16(central, 0), put16(central, 0), put16(central, 0), put16(central, 0);
    put32(central, 0), put32(central, offset);
    central += name;
  }
  unsigned long cd_offset = out.size();
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<unsigned>(files.size())), put16(out, static_cast<unsigned>(files.size()));
  put32(out, central.size()), put32(out, cd_offset);
  put16(out, 0);
  return out;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "property broken: %s\n", what);
  std::abort();
}

void exercise(const sheets::Workbook& wb) {
  for (const auto& sheet : wb.sheets) {
    for (std::size_t i = 0; i < sheet.cells.size(); ++i) {
      const auto& c = sheet.cells[i];
      if (c.row < 1 || c.col < 1 || c.row > sheet.max_row || c.col > sheet.max_col) fail("a cell outside its sheet");
      if (i > 0 &&
          (sheet.cells[i - 1].row > c.row || (sheet.cells[i - 1].row == c.row && sheet.cells[i - 1].col >= c.col)))
        fail("cells not sorted");
      if (sheet.at(c.row, c.col) != &c) fail("at() does not find a cell");
    }
    for (auto kind : {content::FundKind::Household, content::FundKind::Project}) {
      auto rows = sheets::read_fund_sheet(wb, sheet, kind);
      for (int r : rows.csv_rows)
        if (r < 1 || r > std::max(sheet.max_row, 1048576)) fail("a CSV row outside the sheet");
      (void)sheets::grouped_lines("f", rows.problems);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string bytes, name;
  switch (data[0]) {
    case 0:
      bytes = rest, name = "f.xlsx";
      break;
    case 1:
      bytes = rest, name = "f.xls";
      break;
    case 2:
      bytes = rest, name = "f.csv";
      break;
    default: {
      static const char* parts[] = {"xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                    "xl/worksheets/sheet1.xml"};
      std::vector<std::pair<std::string, std::string>> files;
      std::size_t at = 0;
      for (const char* p : parts) {
        std::size_t end = rest.find("\n--part--\n", at);
        files.emplace_back(p, rest.substr(at, end == std::string::npos ? std::string::npos : end - at));
        if (end == std::string::npos) break;
        at = end + 10;
      }
      bytes = stored_zip(files), name = "f.xlsx";
    }
  }
  auto wb = sheets::read_workbook_bytes(bytes, name);
  if (wb) exercise(*wb);
  return 0;
}
