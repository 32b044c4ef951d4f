// .csv as Excel and WPS save it: UTF-8 (with or without a byte-order mark) or GB18030/GBK,
// told apart as the importer does (valid UTF-8 is UTF-8), split with the importer's own CSV
// reader. Every cell is Text: a CSV has no types, so "3.31122E+17" is exactly what Excel wrote.
#include "bianmin/base/utf8.hpp"
#include "bianmin/sheets/workbook.hpp"
#include "csv.hpp"            // content/src: the importer's reader (one CSV dialect)
#include "text_encoding.hpp"  // content/src: BOM, GB18030

namespace bianmin::sheets {

Result<Workbook> read_csv(std::string_view bytes, const std::string& name) {
  std::string_view view = bytes;
  std::string converted;
  const bool bom = content::text::strip_utf8_bom(view);
  if (utf8::find_invalid(view) != utf8::npos) {
    if (bom) return Result<Workbook>::fail("文件开头写着 UTF-8，里面却有无法识别的字节：文件可能已损坏", name);
    auto gb = content::text::gb18030_to_utf8(view);
    if (!gb)
      return Result<Workbook>::fail("文件既不是 UTF-8 也不是 GB18030/GBK 编码，无法识别；请另存为 UTF-8 的 CSV", name,
                                    gb.error().line);
    converted = std::move(gb.value());
    view = converted;
  }
  Workbook wb;
  wb.format = WorkbookFormat::Csv;
  Sheet sheet;
  sheet.name = std::filesystem::path(name).stem().string();
  content::CsvReader csv(view);
  std::vector<std::string> fields;
  std::size_t cells = 0;
  while (csv.next(fields)) {
    if (!csv.error().empty()) return Result<Workbook>::fail(csv.error(), name, csv.line());
    // A record's row is its line (a quoted line break makes a later record start lower, as
    // a text editor shows it; Excel counts records, which is the same for plain files).
    const int row = csv.line();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].empty()) continue;
      if (++cells > kMaxCells)
        return Result<Workbook>::fail("表格超过 " + std::to_string(kMaxCells) + " 个单元格，太大了", name, row);
      Cell c;
      c.row = row;
      c.col = static_cast<int>(i) + 1;
      c.type = CellType::Text;
      c.text = std::move(fields[i]);
      sheet.max_row = std::max(sheet.max_row, row);
      sheet.max_col = std::max(sheet.max_col, c.col);
      sheet.cells.push_back(std::move(c));
    }
  }
  wb.sheets.push_back(std::move(sheet));
  return wb;
}

}  // namespace bianmin::sheets
