// A fund list as the village accountant sends it (a sheet of a workbook) turned into the rows
// of a fund publication (content/FORMAT.md, funds/*.csv), with every problem named by its
// cell (`名单!C12`) in plain Chinese, all at once.
//
// Promises:
//  - Columns are found by their header (the importer's names and the names accountants use:
//    户主姓名, 身份证号码, 补贴金额（元）…) or taken from a ColumnMapping, which can be written
//    to a small text file and read back (remembered per fund kind).
//  - What Excel does to data is caught and named: ID and account numbers stored as numbers
//    (shown as 3.31122E+17, cut to 15 significant digits), the same damage in CSV text, a
//    leading 0 lost, dates stored as serial numbers, numbers written as text with thousands
//    separators (accepted: 1,234.50), merged cells (村 and 组 merged down are filled in; any
//    other merged data cell is a problem), hidden rows (a problem: hidden is neither kept nor
//    dropped silently), a total row (checked against the sum of the rows, then dropped), blank
//    rows (skipped), a signature footer (制表人/审核人/盖章, skipped).
//  - check_fund_sheet runs the importer itself (content::import_source) over the rows, in a
//    scratch folder with the source's site.yaml and the publication's header, and names each
//    of its problems by the cell it came from: the rules are the importer's, not a copy.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/content/model.hpp"
#include "bianmin/sheets/workbook.hpp"

namespace bianmin::sheets {

// A problem at a cell of a sheet (row and col 1-based; col 0 = the whole row; row 0 = the
// sheet as a whole). An empty `sheet` is a problem of another file (the publication's header),
// which the message names ("SRC/funds/x.yaml:15: total: …").
struct CellProblem {
  std::string sheet;
  int row = 0;
  int col = 0;
  std::string message;
};

// "FILE:SHEET!C12: message" (FILE:SHEET!12:12: for a row, FILE:SHEET: for the sheet, the message
// alone for another file's problem).
std::string to_string(const std::string& file, const CellProblem& p);
// One line per problem, in order; the same message down one column (the value after "现在是"
// aside) is one line naming the cells as a range: "FILE:SHEET!C2:C1001: …（共 1000 格，如 C2）".
std::vector<std::string> grouped_lines(const std::string& file, const std::vector<CellProblem>& problems);

// Which sheet column feeds which column of the publication. Written as a text file:
//   # comment
//   kind: household          (household / project)
//   header_row: 3            (optional: the row of column names; else found)
//   姓名: 户主姓名            (publication column: the sheet's column name, or its letters: C)
struct ColumnMapping {
  content::FundKind kind = content::FundKind::Household;
  int header_row = 0;                                        // 0 = find the row of column names
  std::vector<std::pair<std::string, std::string>> columns;  // publication column (zh) -> sheet column
};

Result<ColumnMapping> read_mapping(const std::filesystem::path& path);
// The same from the file's text (the hub keeps mappings in its store); `name` is for messages.
Result<ColumnMapping> parse_mapping(std::string text, const std::string& name);
std::string mapping_text(const ColumnMapping& mapping);  // the file's text (comments included)

// The rows of one sheet as the publication's CSV.
struct FundSheet {
  std::string sheet;
  content::FundKind kind = content::FundKind::Household;
  ColumnMapping mapping;  // as used (found columns written by their header names)
  int header_row = 0;
  std::vector<std::pair<std::string, int>> columns;  // publication column (zh) -> sheet column
  std::string csv;                                   // UTF-8, the importer's column names in the first line
  std::vector<int> csv_rows;                         // csv_rows[i] = sheet row of CSV line i + 2 (line 1 = header)
  std::vector<std::pair<int, int>> numeric_cells;    // (row, col) of cells that were numbers
  std::vector<std::pair<int, int>> quiet_cells;      // cells whose importer problems follow from
                                                     // one already named (merged away)
  int rows = 0;                                      // data rows
  int skipped_blank = 0;                             // blank rows skipped
  std::optional<int> total_row;                      // the total row found (and dropped)
  std::vector<CellProblem> problems;
};

// Reads `sheet` as rows of a publication of `kind`; `mapping` (when given) names the columns.
FundSheet read_fund_sheet(const Workbook& workbook, const Sheet& sheet, content::FundKind kind,
                          const ColumnMapping* mapping = nullptr);

// Where the rows will live: a source folder and the publication's id (its funds/*.yaml).
// Without a source, the rows are checked alone (villages and groups then are not checked).
struct FundTarget {
  std::filesystem::path src;  // empty = no source folder
  std::string fund_id;
};

// What the publication's header says (found in SRC/funds/*.yaml by its id).
struct FundHeader {
  std::filesystem::path yaml;  // the header file
  std::string rows_file;       // its `rows:` (a file name in SRC/funds/)
  content::FundKind kind = content::FundKind::Household;
};
Result<FundHeader> find_fund_header(const std::filesystem::path& src, const std::string& fund_id);

// Runs the importer over `rows` (as `target`'s publication, or alone) and appends its problems
// to rows.problems, each at its cell. Returns false when it could not run (the reason is a
// problem too).
bool check_fund_sheet(FundSheet& rows, const FundTarget& target);

}  // namespace bianmin::sheets
