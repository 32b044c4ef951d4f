#include "csv.hpp"

namespace bianmin::content {

bool CsvReader::next(std::vector<std::string>& fields) {
  error_.clear();
  const std::size_t n = text_.size();
  // Skip blank lines (an Excel export often ends with some).
  while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++next_line_;
    ++pos_;
  }
  if (pos_ >= n) return false;

  line_ = next_line_;
  const std::size_t start = pos_;
  std::size_t used = 0;
  auto field = [&]() -> std::string& {
    if (used == fields.size()) fields.emplace_back();
    std::string& f = fields[used++];
    f.clear();
    return f;
  };
  // On broken quoting: resume right after the first line of this record.
  auto fail = [&](std::string message) {
    error_ = std::move(message);
    std::size_t eol = text_.find('\n', start);
    pos_ = eol == std::string_view::npos ? n : eol + 1;
    next_line_ = line_ + 1;
    fields.resize(used);
    return true;
  };

  std::string* cur = &field();
  while (true) {
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      while (true) {
        std::size_t q = text_.find('"', pos_);
        if (q == std::string_view::npos)
          return fail("引号没有配对：这一行的某个字段以英文双引号开头，但到文件末尾都没有结束的引号");
        for (std::size_t k = pos_; k < q; ++k)
          if (text_[k] == '\n') ++next_line_;
        cur->append(text_.substr(pos_, q - pos_));
        pos_ = q + 1;
        if (pos_ < n && text_[pos_] == '"') {  // "" is one quote
          cur->push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        return fail("引号用错了：带引号的字段在结束引号后面还有别的字（字段里的引号要写成两个 \"\"）");
    } else {
      std::size_t end = pos_;
      while (end < n && text_[end] != ',' && text_[end] != '\n' && text_[end] != '\r') {
        if (text_[end] == '"')
          return fail(
              "引号用错了：字段中间出现了英文双引号（要么整个字段用引号括起来并把里面的引号写成两个 "
              "\"\"，要么删掉引号）");
        ++end;
      }
      cur->append(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    if (pos_ >= n) break;
    char c = text_[pos_];
    if (c == ',') {
      ++pos_;
      cur = &field();
      continue;
    }
    // end of record: CRLF or LF (a lone CR too, as old Mac Excel writes)
    if (c == '\r') ++pos_;
    if (pos_ < n && text_[pos_] == '\n') ++pos_;
    ++next_line_;
    break;
  }
  fields.resize(used);
  return true;
}

}  // namespace bianmin::content
