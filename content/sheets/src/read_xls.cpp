// .xls (BIFF 5/8, what Excel 97-2003 and many village accountants' tools still save), read
// with Debian's libfreexl. FreeXL gives each cell's value and tells dates apart (as
// YYYY-MM-DD text); it does not report merged ranges, hidden rows or number formats, so an
// .xls sheet has none of them here (its numbers are General).
#include <freexl.h>

#include "bianmin/sheets/workbook.hpp"

namespace bianmin::sheets {

namespace {

std::string freexl_problem(int rc) {
  switch (rc) {
    case FREEXL_FILE_NOT_FOUND: return "找不到或无法读取这个文件";
    case FREEXL_INSUFFICIENT_MEMORY: return "内存不足，无法读取表格";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "这个 .xls 文件里没有 Excel 工作簿（可能是 Word 文档或其他文件）";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER: return "表格里有无法识别的文字编码：请在 Excel 里另存为 .xlsx 后再导入";
    case FREEXL_CRAFTED_FILE: return "这个 .xls 文件严重损坏，无法读取：请在 Excel 里另存为 .xlsx 后再导入";
    default: return "这个 .xls 文件已损坏，无法读取（代码 " + std::to_string(rc) + "）：请在 Excel 里另存为 .xlsx 后再导入";
  }
}

}  // namespace

Result<Workbook> read_xls_file(const std::filesystem::path& path, const std::string& name) {
  auto fail = [&](const std::string& m) { return Result<Workbook>::fail(m, name); };
  const void* h = nullptr;
  int rc = freexl_open(path.c_str(), &h);
  if (rc != FREEXL_OK) {
    if (h) freexl_close(h);
    return fail(freexl_problem(rc));
  }
  struct Closer {
    const void* h;
    ~Closer() { freexl_close(h); }
  } closer{h};
  unsigned int info = 0;
  if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
    return fail("这个表格加了密码：请在 Excel 里去掉密码后再导入");
  unsigned int count = 0;
  if ((rc = freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count)) != FREEXL_OK) return fail(freexl_problem(rc));
  Workbook wb;
  wb.format = WorkbookFormat::Xls;
  if (freexl_get_info(h, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK) wb.date1904 = info == FREEXL_BIFF_DATEMODE_1904;
  std::size_t cells = 0;
  for (unsigned int s = 0; s < count && s < 65535; ++s) {
    const char* sheet_name = nullptr;
    if ((rc = freexl_get_worksheet_name(h, static_cast<unsigned short>(s), &sheet_name)) != FREEXL_OK)
      return fail(freexl_problem(rc));
    if ((rc = freexl_select_active_worksheet(h, static_cast<unsigned short>(s))) != FREEXL_OK)
      return fail(freexl_problem(rc));
    unsigned int rows = 0;
    unsigned short cols = 0;
    if ((rc = freexl_worksheet_dimensions(h, &rows, &cols)) != FREEXL_OK) return fail(freexl_problem(rc));
    Sheet sheet;
    sheet.name = sheet_name ? sheet_name : "Sheet" + std::to_string(s + 1);
    if (static_cast<std::uint64_t>(rows) * cols > kMaxCells * 4)
      return fail("工作表“" + sheet.name + "”太大了（" + std::to_string(rows) + " 行）");
    for (unsigned int r = 0; r < rows; ++r) {
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK) continue;
        Cell cell;
        cell.row = static_cast<int>(r) + 1;
        cell.col = static_cast<int>(c) + 1;
        switch (v.type) {
          case FREEXL_CELL_INT:
            cell.type = CellType::Number;
            cell.number = v.value.int_value;
            cell.format = "General";
            break;
          case FREEXL_CELL_DOUBLE:
            cell.type = CellType::Number;
            cell.number = v.value.double_value;
            cell.format = "General";
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
          case FREEXL_CELL_DATE:      // "YYYY-MM-DD"
          case FREEXL_CELL_DATETIME:  // "YYYY-MM-DD HH:MM:SS"
          case FREEXL_CELL_TIME:
            if (!v.value.text_value || !*v.value.text_value) continue;
            cell.type = CellType::Text;
            cell.text = v.value.text_value;
            break;
          default:
            continue;
        }
        if (++cells > kMaxCells) return fail("表格超过 " + std::to_string(kMaxCells) + " 个单元格，太大了");
        sheet.max_row = std::max(sheet.max_row, cell.row);
        sheet.max_col = std::max(sheet.max_col, cell.col);
        sheet.cells.push_back(std::move(cell));
      }
    }
    wb.sheets.push_back(std::move(sheet));
  }
  if (wb.sheets.empty()) return fail("这个表格里没有工作表");
  return wb;
}

}  // namespace bianmin::sheets
