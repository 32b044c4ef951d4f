// .xls (BIFF 5/8, what Excel 97-2003 and many village accountants' tools still save), read
// with Debian's libfreexl. FreeXL gives each cell's value and tells dates apart (as
// YYYY-MM-DD text); it does not report merged ranges, hidden rows or number formats, so an
// .xls sheet has none of them here (its numbers are General).
//
// FreeXL runs in a child process. Fuzzing (fuzz/fuzz_sheets) found crafted .xls files that
// make Debian's libfreexl 1.0.6 write below a stack buffer inside its iconv call during
// freexl_open, and leak on error paths: a hostile upload must not take the hub down with it.
// The child reads the file and sends the cells back through a pipe; a child that crashes,
// runs past kXlsSeconds or sends a malformed stream is a damaged file to the caller.
#include <freexl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "bianmin/sheets/workbook.hpp"

// Present in sanitizer builds only (weak: null otherwise). libFuzzer sets a death callback that
// records a crash as a finding; in the child, FreeXL's own memory errors are the contained
// failure this file exists for, so the child drops the callback and just dies.
extern "C" void __sanitizer_set_death_callback(void (*)(void)) __attribute__((weak));

namespace bianmin::sheets {

namespace {

std::string freexl_problem(int rc) {
  switch (rc) {
    case FREEXL_FILE_NOT_FOUND:
      return "找不到或无法读取这个文件";
    case FREEXL_INSUFFICIENT_MEMORY:
      return "内存不足，无法读取表格";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "这个 .xls 文件里没有 Excel 工作簿（可能是 Word 文档或其他文件）";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
      return "表格里有无法识别的文字编码：请在 Excel 里另存为 .xlsx 后再导入";
    case FREEXL_CRAFTED_FILE:
      return "这个 .xls 文件严重损坏，无法读取：请在 Excel 里另存为 .xlsx 后再导入";
    default:
      return "这个 .xls 文件已损坏，无法读取（代码 " + std::to_string(rc) + "）：请在 Excel 里另存为 .xlsx 后再导入";
  }
}

}  // namespace

namespace {

Result<Workbook> read_xls_here(const std::filesystem::path& path, const std::string& name) {
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

// ---- the child's stream: "OK" | "ER", then sheets and cells, little-endian lengths --------

constexpr int kXlsSeconds = 60;

void put_u32(std::string& s, std::uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }
void put_str(std::string& s, const std::string& v) {
  put_u32(s, static_cast<std::uint32_t>(v.size()));
  s += v;
}

std::string encode(const Result<Workbook>& wb) {
  std::string s;
  if (!wb) {
    s = "ER";
    put_str(s, wb.error().message);
    return s;
  }
  s = "OK";
  put_u32(s, wb->date1904 ? 1 : 0);
  put_u32(s, static_cast<std::uint32_t>(wb->sheets.size()));
  for (const auto& sheet : wb->sheets) {
    put_str(s, sheet.name);
    put_u32(s, static_cast<std::uint32_t>(sheet.cells.size()));
    for (const auto& c : sheet.cells) {
      put_u32(s, static_cast<std::uint32_t>(c.row));
      put_u32(s, static_cast<std::uint32_t>(c.col));
      put_u32(s, static_cast<std::uint32_t>(c.type));
      if (c.type == CellType::Number)
        s.append(reinterpret_cast<const char*>(&c.number), sizeof c.number);
      else
        put_str(s, c.text);
    }
  }
  return s;
}

struct Reader {
  std::string_view s;
  bool ok = true;
  std::uint32_t u32() {
    if (s.size() < 4) return ok = false, 0;
    std::uint32_t v;
    std::memcpy(&v, s.data(), 4);
    s.remove_prefix(4);
    return v;
  }
  std::string str() {
    std::uint32_t n = u32();
    if (!ok || s.size() < n) return ok = false, std::string();
    std::string v(s.substr(0, n));
    s.remove_prefix(n);
    return v;
  }
  double num() {
    double v = 0;
    if (s.size() < sizeof v) return ok = false, 0;
    std::memcpy(&v, s.data(), sizeof v);
    s.remove_prefix(sizeof v);
    return v;
  }
};

Result<Workbook> decode(std::string_view bytes, const std::string& name) {
  const std::string broken = "这个 .xls 文件已损坏，无法读取：请在 Excel 里打开后另存为 .xlsx 再导入";
  Reader r{bytes.size() >= 2 ? bytes.substr(2) : std::string_view()};
  if (bytes.substr(0, 2) == "ER") {
    std::string m = r.str();
    return Result<Workbook>::fail(r.ok ? m : broken, name);
  }
  if (bytes.substr(0, 2) != "OK") return Result<Workbook>::fail(broken, name);
  Workbook wb;
  wb.format = WorkbookFormat::Xls;
  wb.date1904 = r.u32() == 1;
  std::uint32_t sheets = r.u32();
  for (std::uint32_t i = 0; r.ok && i < sheets && i < 65536; ++i) {
    Sheet sheet;
    sheet.name = r.str();
    std::uint32_t cells = r.u32();
    if (cells > kMaxCells) r.ok = false;
    for (std::uint32_t k = 0; r.ok && k < cells; ++k) {
      Cell c;
      c.row = static_cast<int>(r.u32());
      c.col = static_cast<int>(r.u32());
      c.type = static_cast<CellType>(r.u32());
      if (c.type == CellType::Number) {
        c.number = r.num();
        c.format = "General";
      } else {
        c.text = r.str();
      }
      sheet.max_row = std::max(sheet.max_row, c.row);
      sheet.max_col = std::max(sheet.max_col, c.col);
      sheet.cells.push_back(std::move(c));
    }
    wb.sheets.push_back(std::move(sheet));
  }
  if (!r.ok || wb.sheets.empty()) return Result<Workbook>::fail(broken, name);
  return wb;
}

}  // namespace

Result<Workbook> read_xls_file(const std::filesystem::path& path, const std::string& name) {
  int fds[2];
  if (::pipe(fds) != 0) return Result<Workbook>::fail("无法读取 .xls 表格（没有管道）", name);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Result<Workbook>::fail("无法读取 .xls 表格（无法创建子进程）", name);
  }
  if (pid == 0) {
    ::close(fds[0]);
    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(nullptr);
    // A CPU limit backs the parent's clock (a loop in the library ends either way).
    struct rlimit cpu = {kXlsSeconds, kXlsSeconds};
    ::setrlimit(RLIMIT_CPU, &cpu);
    const std::string out = encode(read_xls_here(path, name));
    for (std::size_t off = 0; off < out.size();) {
      ssize_t n = ::write(fds[1], out.data() + off, out.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) ::_exit(1);
      off += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string bytes;
  char buf[65536];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kXlsSeconds);
  bool timed_out = false;
  for (;;) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    struct pollfd p = {fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      timed_out = ready == 0;
      break;
    }
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out)
    return Result<Workbook>::fail(
        "读取这个 .xls 文件超过 " + std::to_string(kXlsSeconds) + " 秒，文件可能已损坏：请另存为 .xlsx 再导入", name);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Result<Workbook>::fail("这个 .xls 文件已损坏，无法读取：请在 Excel 里打开后另存为 .xlsx 再导入", name);
  return decode(bytes, name);
}

}  // namespace bianmin::sheets
