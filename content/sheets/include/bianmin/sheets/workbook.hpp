// Reads a spreadsheet as hall staff receive it (.xlsx, .xls, .csv) into cells with their
// positions, so a fund list can be checked cell by cell and every problem named as Excel
// names the cell (`名单!C12`).
//
// Promises:
//  - .xlsx (Office Open XML, read with libzip + expat): shared and inline strings, numbers
//    with their number format code, booleans, formula results (the cached value), merged
//    ranges, hidden rows, hidden sheets, every sheet by name, the 1904 date system.
//  - .xls (BIFF, read with libfreexl): text, numbers, dates (FreeXL gives them as
//    YYYY-MM-DD text); FreeXL does not report merged ranges, hidden rows or number formats.
//  - .csv: UTF-8 (a byte-order mark is allowed) or GB18030/GBK (what Excel in China saves),
//    detected as the importer does; every cell is Text, one sheet named after the file.
//  - A file that is not a workbook, or is damaged, is an error that says so in plain Chinese;
//    nothing throws. Limits against zip bombs and huge sheets: kMaxCells cells, kMaxPartBytes
//    uncompressed per XML part.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::sheets {

inline constexpr std::size_t kMaxCells = 20'000'000;                      // a county's list is ~1M rows
inline constexpr std::uint64_t kMaxPartBytes = std::uint64_t{512} << 20;  // one XML part, unpacked

enum class CellType {
  Empty,   // no value (a styled or merged-away cell)
  Text,    // a string (shared, inline, or a formula's string result); CSV cells are all Text
  Number,  // a number: `number` holds it, `format` the cell's number format code
  Bool,    // TRUE/FALSE (text is "TRUE" / "FALSE")
  Error,   // #N/A, #VALUE! … (text holds it)
};

struct Cell {
  int row = 0;  // 1-based, as Excel numbers rows
  int col = 0;  // 1-based (A = 1)
  CellType type = CellType::Empty;
  std::string text;    // Text/Bool/Error: the value; Number: empty (see format_number)
  double number = 0;   // Number only
  std::string format;  // Number only: the number format code ("General", "0.00", "yyyy-mm-dd", "@")
  bool date = false;   // Number only: the format shows a date (the number is a date serial)
};

struct Range {  // a merged range, 1-based and inclusive
  int first_row = 0, first_col = 0, last_row = 0, last_col = 0;
  bool contains(int row, int col) const {
    return row >= first_row && row <= last_row && col >= first_col && col <= last_col;
  }
};

struct Sheet {
  std::string name;
  bool hidden = false;           // the whole sheet is hidden (or "very hidden")
  std::vector<Cell> cells;       // non-empty cells, sorted by (row, col)
  std::vector<Range> merged;     // merged ranges
  std::vector<int> hidden_rows;  // 1-based, sorted
  int max_row = 0, max_col = 0;  // the last row and column that hold a cell

  // The cell at (row, col), or nullptr when it is empty. Binary search: O(log n).
  const Cell* at(int row, int col) const;
  bool row_hidden(int row) const;
  // The merged range holding (row, col), or nullptr.
  const Range* merged_at(int row, int col) const;
};

enum class WorkbookFormat { Xlsx, Xls, Csv };

struct Workbook {
  WorkbookFormat format = WorkbookFormat::Xlsx;
  bool date1904 = false;      // serials count from 1904-01-01 (old Mac Excel)
  std::vector<Sheet> sheets;  // in the workbook's order

  // The sheet named `name`, or nullptr.
  const Sheet* find(std::string_view name) const;
};

// Reads `path`; the format comes from the file's first bytes (zip, OLE2) or else its
// extension (.csv). The error's `file` is the path as given.
Result<Workbook> read_workbook(const std::filesystem::path& path);

// The same from bytes in memory (the hub's upload, the fuzzers). `name` is used in messages
// and as the CSV sheet's name. .xls goes through a scratch file (FreeXL reads only files).
Result<Workbook> read_workbook_bytes(std::string_view bytes, const std::string& name);

// Per format, from bytes (read_workbook_bytes picks one of these).
Result<Workbook> read_xlsx(std::string_view bytes, const std::string& name);
Result<Workbook> read_xls_file(const std::filesystem::path& path, const std::string& name);
Result<Workbook> read_csv(std::string_view bytes, const std::string& name);

// "A", "Z", "AA" … for a 1-based column; "C12" for (12, 3).
std::string column_letters(int col);
std::string a1(int row, int col);
// "C" / "c" / "AA" -> 3 / 27; 0 when `letters` is not a column (or past XFD).
int column_from_letters(std::string_view letters);

// A date serial (days since 1899-12-30, Excel's 1900 system with its fictional 1900-02-29,
// or since 1904-01-01) as YYYY-MM-DD; "" when outside 1900-01-01 .. 9999-12-31.
std::string serial_to_date(double serial, bool date1904 = false);

// True when an Excel number format code shows a date (y, m with d, d: outside quotes,
// brackets and escapes; "[$-F800]" system long date included).
bool format_is_date(std::string_view code);

// A number as a person reads it in a plain cell: integers whole ("530129"), others with at
// most 15 significant digits and no exponent ("105.6", "0.125"), as Excel's General shows them
// in a wide column.
std::string format_number(double value);

}  // namespace bianmin::sheets
