// Cell addresses, dates, number text, format detection; reading a file picks the reader.
#include "bianmin/sheets/workbook.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace bianmin::sheets {

const Cell* Sheet::at(int row, int col) const {
  auto it = std::lower_bound(
      cells.begin(), cells.end(), std::pair{row, col},
      [](const Cell& c, std::pair<int, int> rc) { return c.row != rc.first ? c.row < rc.first : c.col < rc.second; });
  if (it == cells.end() || it->row != row || it->col != col) return nullptr;
  return &*it;
}

bool Sheet::row_hidden(int row) const { return std::binary_search(hidden_rows.begin(), hidden_rows.end(), row); }

const Range* Sheet::merged_at(int row, int col) const {
  for (const auto& r : merged)
    if (r.contains(row, col)) return &r;
  return nullptr;
}

const Sheet* Workbook::find(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

std::string column_letters(int col) {
  std::string s;
  while (col > 0) {
    int rem = (col - 1) % 26;
    s.insert(s.begin(), static_cast<char>('A' + rem));
    col = (col - 1) / 26;
  }
  return s;
}

std::string a1(int row, int col) { return column_letters(col) + std::to_string(row); }

int column_from_letters(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return 0;
  int col = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return 0;
    col = col * 26 + (c - 'A' + 1);
  }
  return col <= 16384 ? col : 0;  // XFD
}

std::string serial_to_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 1) return "";
  long days = static_cast<long>(std::floor(serial));
  if (date1904) {
    days += 1462;  // 1904-01-01 is serial 1462 in the 1900 system
  } else if (days == 60) {
    return "";  // 1900-02-29: Lotus's leap-year bug that Excel keeps; no such day
  } else if (days < 60) {
    days += 1;  // before the fictional day the count is one behind
  }
  // Days since 1899-12-30 -> civil date (Howard Hinnant's days_from_civil, inverted).
  long z = days - 25569 + 719468;  // 1970-01-01 is serial 25569
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  if (y < 1900 || y > 9999) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

bool format_is_date(std::string_view code) {
  if (code == "General" || code == "@") return false;
  if (code.find("[$-F800]") != std::string_view::npos) return true;
  bool quoted = false, has_d = false, has_y = false, has_m = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == '[') {
      std::size_t end = code.find(']', i);
      if (end == std::string_view::npos) break;
      i = end;  // [Red], [$-804], [h] (elapsed time, not a date)
    } else if (c == ';') {
      break;  // the first section decides
    } else {
      char l = static_cast<char>(c | 0x20);
      has_d |= l == 'd';
      has_y |= l == 'y';
      has_m |= l == 'm';
    }
  }
  return has_y || has_d || (has_m && (has_y || has_d));
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  std::string s = buf;
  if (s.find('e') == std::string::npos) return s;
  std::snprintf(buf, sizeof buf, "%.15f", value);  // no exponent, then trailing zeros off
  s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower_extension(const std::string& name) {
  std::string ext = std::filesystem::path(name).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

Result<Workbook> read_workbook_bytes(std::string_view bytes, const std::string& name) {
  if (starts_with(bytes, "PK\x03\x04")) return read_xlsx(bytes, name);
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    // FreeXL reads only files: a private scratch copy.
    const char* tmp = std::getenv("TMPDIR");
    std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/bianmin-xls-XXXXXX";
    int fd = ::mkstemp(path.data());
    if (fd < 0) return Result<Workbook>::fail("无法创建临时文件，.xls 表格没有读取", name);
    bool written = true;
    for (std::size_t off = 0; off < bytes.size();) {
      ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
      if (n <= 0) {
        written = false;
        break;
      }
      off += static_cast<std::size_t>(n);
    }
    ::close(fd);
    Result<Workbook> wb =
        written ? read_xls_file(path, name) : Result<Workbook>::fail("无法写临时文件，.xls 表格没有读取", name);
    ::unlink(path.c_str());
    return wb;
  }
  std::string ext = lower_extension(name);
  if (ext == ".csv" || ext == ".txt") return read_csv(bytes, name);
  if (ext == ".xlsx" || ext == ".xlsm")
    return Result<Workbook>::fail("这个 .xlsx 文件不是有效的 Excel 表格（可能已损坏，或只下载了一部分）", name);
  if (ext == ".xls")
    return Result<Workbook>::fail("这个 .xls 文件不是有效的 Excel 表格（可能已损坏，或其实是网页/文本另存的）", name);
  if (ext == ".et" || ext == ".ods" || ext == ".numbers" || ext == ".wps")
    return Result<Workbook>::fail("不支持这种表格格式（" + ext + "）：请在 WPS 或 Excel 里“另存为” .xlsx 后再导入",
                                  name);
  return Result<Workbook>::fail("不认识的文件类型：请上传 .xlsx、.xls 或 .csv 表格", name);
}

Result<Workbook> read_workbook(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return Result<Workbook>::fail("找不到或无法读取这个文件", name);
  if (size > (std::uintmax_t{200} << 20))
    return Result<Workbook>::fail("文件超过 200 MB，太大了：请只保留要公示的那张表", name);
  // .xls is read in place (no copy).
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  if (in.gcount() == 8 && std::string_view(magic, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
    return read_xls_file(path, name);
  in.clear();
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in) return Result<Workbook>::fail("无法读取这个文件", name);
  return read_workbook_bytes(bytes, name);
}

}  // namespace bianmin::sheets
