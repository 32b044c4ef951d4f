// .xlsx (Office Open XML, ECMA-376 part 1 §18): a zip (libzip, read from memory) of XML parts
// (expat, streamed in 64 KB pieces so a huge sheet never sits unpacked in memory).
//
// Parts read: xl/workbook.xml (sheet names, order, state, date1904), its relationships (which
// part is which sheet), xl/sharedStrings.xml, xl/styles.xml (cell style -> number format) and
// each worksheet (sheetData rows and cells, mergeCells). Element and attribute names are
// compared without their namespace prefix (some writers use `x:c`).
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "bianmin/sheets/workbook.hpp"

namespace bianmin::sheets {

namespace {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const char** atts, std::string_view key) {
  for (int i = 0; atts[i]; i += 2)
    if (local_name(atts[i]) == key) return atts[i + 1];
  return nullptr;
}

bool truthy(const char* v) { return v && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0); }

// Parses "C12" into (12, 3); false when it is not a cell reference.
bool parse_ref(std::string_view ref, int& row, int& col) {
  std::size_t i = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) ++i;
  col = column_from_letters(ref.substr(0, i));
  if (col == 0 || i == ref.size() || ref.size() - i > 7) return false;
  row = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    row = row * 10 + (ref[i] - '0');
  }
  return row >= 1 && row <= 1048576;
}

// ---- zip ---------------------------------------------------------------------------------

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

// The built-in number formats (ECMA-376 §18.8.30) that matter here: dates, text, scientific.
std::string builtin_format(int id) {
  switch (id) {
    case 0:
      return "General";
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
      return "#,##0";
    case 4:
      return "#,##0.00";
    case 9:
      return "0%";
    case 10:
      return "0.00%";
    case 11:
      return "0.00E+00";
    case 14:
      return "yyyy-mm-dd";  // locale short date (m/d/yyyy in en-US)
    case 15:
      return "d-mmm-yy";
    case 16:
      return "d-mmm";
    case 17:
      return "mmm-yy";
    case 18:
      return "h:mm AM/PM";
    case 19:
      return "h:mm:ss AM/PM";
    case 20:
      return "h:mm";
    case 21:
      return "h:mm:ss";
    case 22:
      return "yyyy-mm-dd h:mm";
    case 45:
      return "mm:ss";
    case 46:
      return "[h]:mm:ss";
    case 47:
      return "mmss.0";
    case 48:
      return "##0.0E+0";
    case 49:
      return "@";
    default:
      break;
  }
  // 27-36 and 50-58 are CJK locale dates (yyyy"年"m"月"d"日" and the like).
  if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return "yyyy\"年\"m\"月\"d\"日\"";
  return "General";
}

// Streams one part of the zip through an expat parser. `on_start`/`on_end`/`on_text` are
// called with local names. Returns an error message ("" when parsed).
template <typename Handler>
std::string parse_part(zip_t* z, const std::string& part, Handler& h, bool& found) {
  found = false;
  zip_int64_t index = zip_name_locate(z, part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return "";
  found = true;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st) != 0) return "无法读取 " + part;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes)
    return part + " 解压后超过 " + std::to_string(kMaxPartBytes >> 20) + " MB，太大了";
  zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
  if (!f) return "无法解压 " + part + "（文件可能已损坏或加了密码）";
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &h);
  XML_SetElementHandler(
      p,
      [](void* ud, const char* name, const char** atts) { static_cast<Handler*>(ud)->start(local_name(name), atts); },
      [](void* ud, const char* name) { static_cast<Handler*>(ud)->end(local_name(name)); });
  XML_SetCharacterDataHandler(p, [](void* ud, const char* s, int len) {
    static_cast<Handler*>(ud)->text(std::string_view(s, static_cast<std::size_t>(len)));
  });
  std::string error;
  char buf[65536];
  std::uint64_t total = 0;
  for (;;) {
    zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      error = "无法解压 " + part + "（文件已损坏）";
      break;
    }
    total += static_cast<std::uint64_t>(n);
    if (total > kMaxPartBytes) {
      error = part + " 解压后超过 " + std::to_string(kMaxPartBytes >> 20) + " MB，太大了";
      break;
    }
    if (XML_Parse(p, buf, static_cast<int>(n), n == 0) == XML_STATUS_ERROR) {
      error = part + " 第 " + std::to_string(XML_GetCurrentLineNumber(p)) + " 行的 XML 有错（" +
              XML_ErrorString(XML_GetErrorCode(p)) + "）：文件已损坏";
      break;
    }
    if (!h.error.empty()) {
      error = h.error;
      break;
    }
    if (n == 0) break;
  }
  XML_ParserFree(p);
  zip_fclose(f);
  return error;
}

// ---- parts -------------------------------------------------------------------------------

struct SheetEntry {
  std::string name, rel_id, part;
  bool hidden = false;
};

struct WorkbookHandler {
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  std::string error;
  void start(std::string_view n, const char** atts) {
    if (n == "sheet") {
      SheetEntry e;
      if (const char* v = attr(atts, "name")) e.name = v;
      if (const char* v = attr(atts, "id")) e.rel_id = v;
      if (const char* v = attr(atts, "state")) e.hidden = std::strcmp(v, "visible") != 0;
      sheets.push_back(std::move(e));
    } else if (n == "workbookPr") {
      date1904 = truthy(attr(atts, "date1904"));
    }
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

struct RelsHandler {
  std::map<std::string, std::string> targets;  // Id -> Target
  std::string error;
  void start(std::string_view n, const char** atts) {
    if (n != "Relationship") return;
    const char* id = attr(atts, "Id");
    const char* target = attr(atts, "Target");
    if (id && target) targets[id] = target;
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

struct SharedStringsHandler {
  std::vector<std::string> strings;
  std::string current;
  bool in_si = false, in_t = false;
  int in_rph = 0;  // phonetic runs (rPh) are not the cell's text
  std::size_t bytes = 0;
  std::string error;
  void start(std::string_view n, const char**) {
    if (n == "si") {
      in_si = true;
      current.clear();
    } else if (n == "rPh") {
      ++in_rph;
    } else if (n == "t") {
      in_t = true;
    }
  }
  void end(std::string_view n) {
    if (n == "si") {
      in_si = false;
      if (strings.size() >= kMaxCells) {
        error = "共享字符串超过 " + std::to_string(kMaxCells) + " 个，表格太大了";
        return;
      }
      strings.push_back(std::move(current));
      current.clear();
    } else if (n == "rPh") {
      --in_rph;
    } else if (n == "t") {
      in_t = false;
    }
  }
  void text(std::string_view s) {
    if (in_si && in_t && in_rph == 0) current.append(s);
  }
};

struct StylesHandler {
  std::map<int, std::string> custom;  // numFmtId -> formatCode
  std::vector<int> xf_format;         // cellXfs index -> numFmtId
  bool in_cell_xfs = false;
  std::string error;
  void start(std::string_view n, const char** atts) {
    if (n == "numFmt") {
      const char* id = attr(atts, "numFmtId");
      const char* code = attr(atts, "formatCode");
      if (id && code) custom[std::atoi(id)] = code;
    } else if (n == "cellXfs") {
      in_cell_xfs = true;
    } else if (n == "xf" && in_cell_xfs) {
      const char* id = attr(atts, "numFmtId");
      xf_format.push_back(id ? std::atoi(id) : 0);
    }
  }
  void end(std::string_view n) {
    if (n == "cellXfs") in_cell_xfs = false;
  }
  void text(std::string_view) {}
};

struct Format {
  std::string code;
  bool date = false;
};

struct SheetHandler {
  Sheet& sheet;
  const std::vector<std::string>& shared;
  const std::vector<Format>& styles;  // by style index
  std::size_t& cell_count;
  std::string error;

  int row = 0, next_col = 1;
  bool in_cell = false, in_v = false, in_is_t = false, in_is = false;
  int in_rph = 0;
  Cell cell;
  std::string type;  // the cell's t attribute
  std::string value;

  SheetHandler(Sheet& s, const std::vector<std::string>& sh, const std::vector<Format>& st, std::size_t& count)
      : sheet(s), shared(sh), styles(st), cell_count(count) {}

  void start(std::string_view n, const char** atts) {
    if (n == "row") {
      const char* r = attr(atts, "r");
      int parsed = r ? std::atoi(r) : 0;
      row = parsed >= 1 && parsed <= 1048576 ? parsed : row + 1;
      next_col = 1;
      if (truthy(attr(atts, "hidden")) && (sheet.hidden_rows.empty() || sheet.hidden_rows.back() < row))
        sheet.hidden_rows.push_back(row);
    } else if (n == "c") {
      in_cell = true;
      cell = Cell{};
      value.clear();
      const char* r = attr(atts, "r");
      int rr = 0, cc = 0;
      if (r && parse_ref(r, rr, cc)) {
        cell.row = rr;
        cell.col = cc;
      } else {
        cell.row = std::max(row, 1);
        cell.col = next_col;
      }
      next_col = cell.col + 1;
      const char* t = attr(atts, "t");
      type = t ? t : "n";
      const char* s = attr(atts, "s");
      int style = s ? std::atoi(s) : 0;
      if (style >= 0 && static_cast<std::size_t>(style) < styles.size()) {
        cell.format = styles[static_cast<std::size_t>(style)].code;
        cell.date = styles[static_cast<std::size_t>(style)].date;
      } else {
        cell.format = "General";
      }
    } else if (in_cell && n == "v") {
      in_v = true;
    } else if (in_cell && n == "is") {
      in_is = true;
    } else if (in_is && n == "rPh") {
      ++in_rph;
    } else if (in_is && n == "t") {
      in_is_t = true;
    } else if (n == "mergeCell") {
      const char* ref = attr(atts, "ref");
      if (!ref) return;
      std::string_view rv(ref);
      auto colon = rv.find(':');
      Range m;
      if (colon == std::string_view::npos || !parse_ref(rv.substr(0, colon), m.first_row, m.first_col) ||
          !parse_ref(rv.substr(colon + 1), m.last_row, m.last_col))
        return;
      if (m.last_row < m.first_row) std::swap(m.last_row, m.first_row);
      if (m.last_col < m.first_col) std::swap(m.last_col, m.first_col);
      if (sheet.merged.size() < 100000) sheet.merged.push_back(m);
    }
  }

  void end(std::string_view n) {
    if (n == "v") {
      in_v = false;
    } else if (n == "is") {
      in_is = false;
    } else if (n == "rPh") {
      if (in_rph > 0) --in_rph;
    } else if (n == "t") {
      in_is_t = false;
    } else if (n == "c" && in_cell) {
      in_cell = false;
      finish_cell();
    }
  }

  void text(std::string_view s) {
    if (in_v || (in_is_t && in_rph == 0)) {
      if (value.size() + s.size() > (1u << 20)) {
        error = "单元格 " + a1(cell.row, cell.col) + " 的内容超过 1 MB，文件可能已损坏";
        return;
      }
      value.append(s);
    }
  }

  void finish_cell() {
    if (type == "s") {
      char* end = nullptr;
      long idx = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || idx < 0 || static_cast<std::size_t>(idx) >= shared.size()) {
        error = "单元格 " + a1(cell.row, cell.col) + " 指向不存在的共享字符串：文件已损坏";
        return;
      }
      cell.type = CellType::Text;
      cell.text = shared[static_cast<std::size_t>(idx)];
    } else if (type == "inlineStr" || type == "str") {
      cell.type = CellType::Text;
      cell.text = std::move(value);
    } else if (type == "b") {
      cell.type = CellType::Bool;
      cell.text = value == "1" ? "TRUE" : "FALSE";
    } else if (type == "e") {
      cell.type = CellType::Error;
      cell.text = std::move(value);
    } else if (type == "d") {  // an ISO 8601 date written as text (rare; Strict files)
      cell.type = CellType::Text;
      cell.text = value.substr(0, 10);
    } else {
      if (value.empty()) return;  // a styled empty cell
      char* end = nullptr;
      double d = std::strtod(value.c_str(), &end);
      if (*end != '\0') {
        error = "单元格 " + a1(cell.row, cell.col) + " 的数字“" + value.substr(0, 40) + "”无法识别：文件已损坏";
        return;
      }
      cell.type = CellType::Number;
      cell.number = d;
    }
    if (cell.type != CellType::Number) {
      cell.format.clear();
      cell.date = false;
    }
    if (cell.type == CellType::Text && cell.text.empty()) return;
    if (++cell_count > kMaxCells) {
      error = "表格超过 " + std::to_string(kMaxCells) + " 个单元格，太大了";
      return;
    }
    sheet.max_row = std::max(sheet.max_row, cell.row);
    sheet.max_col = std::max(sheet.max_col, cell.col);
    sheet.cells.push_back(std::move(cell));
  }
};

// "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml" absolute.
std::string resolve_target(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string t = target;
  std::string base = "xl/";
  while (t.rfind("../", 0) == 0) {
    t = t.substr(3);
    base.clear();
  }
  return base + t;
}

}  // namespace

Result<Workbook> read_xlsx(std::string_view bytes, const std::string& name) {
  auto fail = [&](const std::string& m) { return Result<Workbook>::fail(m, name); };
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!src) return fail("内存不足，无法读取表格");
  Zip z(zip_open_from_source(src, ZIP_RDONLY, &zerr));
  if (!z) {
    zip_source_free(src);
    zip_error_fini(&zerr);
    return fail("这个 .xlsx 文件已损坏（不是完整的压缩包，可能只下载了一部分）");
  }
  zip_error_fini(&zerr);

  bool found = false;
  WorkbookHandler wbh;
  if (auto e = parse_part(z.get(), "xl/workbook.xml", wbh, found); !e.empty()) return fail(e);
  if (!found) {
    if (zip_name_locate(z.get(), "EncryptionInfo", 0) >= 0)
      return fail("这个表格加了密码：请在 Excel 里去掉密码（文件→信息→保护工作簿）后再导入");
    if (zip_name_locate(z.get(), "word/document.xml", 0) >= 0) return fail("这是 Word 文档，不是 Excel 表格");
    return fail("这个压缩包里没有 Excel 工作簿（xl/workbook.xml）：不是 .xlsx 表格");
  }
  RelsHandler rels;
  if (auto e = parse_part(z.get(), "xl/_rels/workbook.xml.rels", rels, found); !e.empty()) return fail(e);

  SharedStringsHandler ssh;
  if (auto e = parse_part(z.get(), "xl/sharedStrings.xml", ssh, found); !e.empty()) return fail(e);
  StylesHandler sth;
  if (auto e = parse_part(z.get(), "xl/styles.xml", sth, found); !e.empty()) return fail(e);
  std::vector<Format> styles;
  for (int id : sth.xf_format) {
    Format f;
    auto it = sth.custom.find(id);
    f.code = it != sth.custom.end() ? it->second : builtin_format(id);
    f.date = format_is_date(f.code);
    styles.push_back(std::move(f));
  }

  Workbook wb;
  wb.format = WorkbookFormat::Xlsx;
  wb.date1904 = wbh.date1904;
  std::size_t cell_count = 0;
  for (std::size_t i = 0; i < wbh.sheets.size(); ++i) {
    const auto& e = wbh.sheets[i];
    auto t = rels.targets.find(e.rel_id);
    // Without relationships, the conventional name (what every writer uses).
    std::string part =
        t != rels.targets.end() ? resolve_target(t->second) : "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
    Sheet sheet;
    sheet.name = e.name;
    sheet.hidden = e.hidden;
    SheetHandler sh(sheet, ssh.strings, styles, cell_count);
    if (auto err = parse_part(z.get(), part, sh, found); !err.empty()) return fail("工作表“" + e.name + "”：" + err);
    if (!found) continue;  // a chart sheet or a dangling entry: no cells to read
    // Cells come sorted from every writer we know; sort anyway (at() relies on it) and keep
    // the last of duplicates.
    auto less = [](const Cell& a, const Cell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; };
    if (!std::is_sorted(sheet.cells.begin(), sheet.cells.end(), less))
      std::stable_sort(sheet.cells.begin(), sheet.cells.end(), less);
    auto same = [](const Cell& a, const Cell& b) { return a.row == b.row && a.col == b.col; };
    sheet.cells.erase(sheet.cells.begin(), std::unique(sheet.cells.rbegin(), sheet.cells.rend(), same).base());
    std::sort(sheet.hidden_rows.begin(), sheet.hidden_rows.end());
    sheet.hidden_rows.erase(std::unique(sheet.hidden_rows.begin(), sheet.hidden_rows.end()), sheet.hidden_rows.end());
    wb.sheets.push_back(std::move(sheet));
  }
  if (wb.sheets.empty()) return fail("这个表格里没有工作表");
  return wb;
}

}  // namespace bianmin::sheets
