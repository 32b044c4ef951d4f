// An RFC 4180 CSV reader that streams records (a county's fund file may hold a million rows)
// and says where each record starts, so problems can name the line a hall worker sees in
// a text editor. Quoted fields may hold commas, doubled quotes and line breaks; records end
// with CRLF or LF; blank lines are skipped.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace bianmin::content {

class CsvReader {
 public:
  // `text` is UTF-8 without a byte-order mark and must outlive the reader.
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next record into `fields` (reusing its strings). Returns false at the end.
  // When the record's quoting is broken, error() says how; the reader then resumes on the
  // line after the one where the broken record began, so one stray quote costs one row.
  bool next(std::vector<std::string>& fields);

  int line() const { return line_; }                   // 1-based line where the record began
  const std::string& error() const { return error_; }  // empty when the record is well formed

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int next_line_ = 1;  // line at pos_
  int line_ = 0;
  std::string error_;
};

}  // namespace bianmin::content
