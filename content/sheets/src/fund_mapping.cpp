// The column mapping file (fund_sheet.hpp): `key: value` lines, # comments, UTF-8.
#include <fstream>
#include <sstream>

#include "bianmin/base/utf8.hpp"
#include "bianmin/content/enums.hpp"
#include "bianmin/content/fund_columns.hpp"
#include "bianmin/sheets/fund_sheet.hpp"

namespace bianmin::sheets {

namespace {

std::string trim_ascii(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
  s.erase(0, b);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) s = s.substr(1, s.size() - 2);
  return s;
}

}  // namespace

Result<ColumnMapping> read_mapping(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Result<ColumnMapping>::fail("找不到或无法读取列对应表", name);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_mapping(ss.str(), name);
}

Result<ColumnMapping> parse_mapping(std::string text, const std::string& name) {
  if (text.size() > (1u << 20)) return Result<ColumnMapping>::fail("列对应表超过 1 MB，不像是列对应表", name);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (utf8::find_invalid(text) != utf8::npos)
    return Result<ColumnMapping>::fail("列对应表不是 UTF-8 编码：请另存为 UTF-8", name);
  ColumnMapping m;
  bool have_kind = false;
  std::istringstream lines(text);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    line = trim_ascii(line);
    if (line.empty()) continue;
    std::size_t colon = line.find(':'), wide = line.find("：");
    std::size_t sep = std::min(colon, wide);
    if (sep == std::string::npos)
      return Result<ColumnMapping>::fail("这一行应该写成“公示的列: 表格的列”，如 姓名: 户主姓名", name, n);
    std::string key = trim_ascii(line.substr(0, sep));
    std::string value = trim_ascii(line.substr(sep + (sep == wide ? 3 : 1)));
    if (key == "kind") {
      auto k = content::from_source_word<content::FundKind>(value);
      if (!k)
        return Result<ColumnMapping>::fail(
            "kind 只能是 household（按户发放）或 project（项目公示），现在是“" + value + "”", name, n, "kind");
      m.kind = *k;
      have_kind = true;
    } else if (key == "header_row") {
      int row = 0;
      for (char c : value) row = (c >= '0' && c <= '9' && row < 1000000) ? row * 10 + (c - '0') : -1;
      if (row <= 0 || value.empty())
        return Result<ColumnMapping>::fail("header_row 应该是表头所在的行号，如 3", name, n, "header_row");
      m.header_row = row;
    } else {
      if (value.empty()) return Result<ColumnMapping>::fail("“" + key + "”后面没有写表格里的列", name, n, key);
      for (const auto& [k, v] : m.columns)
        if (k == key) return Result<ColumnMapping>::fail("“" + key + "”写了两次", name, n, key);
      m.columns.emplace_back(key, value);
    }
  }
  if (!have_kind) return Result<ColumnMapping>::fail("列对应表缺少 kind（household 或 project）", name);
  // Column names are checked against the kind now, so a typo is named at its file.
  const auto cols = content::fund_columns(m.kind);
  for (const auto& [k, v] : m.columns) {
    bool known = false;
    for (const auto& c : cols) known = known || k == c.zh || k == c.en;
    if (!known) {
      std::string list;
      for (const auto& c : cols)
        if (c.in_template) list += (list.empty() ? "" : "、") + std::string(c.zh);
      return Result<ColumnMapping>::fail(
          "“" + k + "”不是" + content::label(m.kind) + "公示的列（可用的列：" + list + "）", name, 0, k);
    }
  }
  return m;
}

std::string mapping_text(const ColumnMapping& m) {
  std::string s =
      "# 列对应表（bianmin-publish import-sheet 记住的）：冒号左边是公示的列，右边是表格里的列名\n"
      "# （或列号，如 C）。表格换了样子时改这里，或删掉这个文件让它重新找。\n";
  s += "kind: " + std::string(content::enum_entry(m.kind).source) + "\n";
  if (m.header_row > 0) s += "header_row: " + std::to_string(m.header_row) + "  # 表头在第几行\n";
  for (const auto& [k, v] : m.columns) {
    bool quote = v.find_first_of("#:") != std::string::npos || v.find("：") != std::string::npos;
    s += k + ": " + (quote ? "\"" + v + "\"" : v) + "\n";
  }
  return s;
}

}  // namespace bianmin::sheets
