// read_fund_sheet: a sheet's rows as a fund publication's CSV, and what Excel did to them.
//
// [SECTION] column names   the importer's names and what accountants write instead
// [SECTION] cell text      one cell -> CSV text per column type, Excel's damage named
// [SECTION] rows           header, blank/hidden/total/footer rows, merged cells
#include "bianmin/sheets/fund_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_map>

#include "bianmin/base/money.hpp"
#include "bianmin/base/utf8.hpp"
#include "bianmin/content/deidentify.hpp"
#include "bianmin/content/enums.hpp"
#include "bianmin/content/fund_columns.hpp"
#include "yaml_source.hpp"  // content/src: the importer's money parser

namespace bianmin::sheets {

using content::FundColumn;
using content::FundColumnType;
using content::FundKind;

namespace {

// ---- [SECTION] column names ---------------------------------------------------------------

// Header text compared without spaces, line breaks and a trailing unit in brackets:
// "金 额\n（元）" -> "金额".
std::string normalize_header(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = utf8::decode(s, i);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0) continue;
    out.append(s.substr(start, i - start));
  }
  for (const char* open : {"（", "("}) {
    auto at = out.find(open);
    if (at != std::string::npos && at > 0) out.erase(at);
  }
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Synonyms {
  const char* column;  // the importer's zh name
  std::vector<const char*> names;
};

// What village accountants and the 一卡通 system call the columns.
const std::vector<Synonyms> kSynonyms = {
    {"村", {"村名", "行政村", "所在村", "村委会", "村别", "村(社区)", "村社区", "村居"}},
    {"组", {"组别", "组名", "村民小组", "小组", "村组", "社", "所在组"}},
    {"姓名",
     {"户主姓名", "户主", "户名", "农户姓名", "领取人", "领取人姓名", "补贴对象", "名字", "收款人", "持卡人",
      "享受人姓名"}},
    {"身份证号",
     {"身份证号码", "身份证", "公民身份号码", "证件号码", "户主身份证号", "户主身份证号码", "身份证件号码"}},
    {"银行账号",
     {"账号", "银行卡号", "卡号", "一卡通账号", "一卡通卡号", "惠农卡号", "开户账号", "存折账号", "社保卡号",
      "收款账号"}},
    {"联系电话", {"电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"}},
    {"数量", {"面积", "亩数", "补贴面积", "人数", "计补面积", "补贴数量"}},
    {"金额", {"补贴金额", "发放金额", "补助金额", "应发金额", "实发金额", "兑付金额", "补贴资金", "金额元"}},
    {"发放日期", {"发放时间", "日期", "兑付日期", "发放年月"}},
    {"备注", {"说明"}},
    {"项目名称", {"项目", "项目名"}},
    {"地点", {"建设地点", "实施地点", "项目地点"}},
    {"预算", {"预算金额", "总投资", "计划投资", "投资"}},
    {"已支出", {"支出金额", "已支付", "已拨付", "拨付金额", "实际支出"}},
    {"承建单位", {"施工单位", "实施单位"}},
    {"进度", {"建设进度", "项目进度"}},
    {"验收", {"验收情况", "验收结果"}},
};

// The publication column a header cell names, or nullptr.
const FundColumn* column_named(std::span<const FundColumn> columns, std::string_view header) {
  const std::string h = normalize_header(header);
  if (h.empty()) return nullptr;
  for (const auto& c : columns)
    if (h == c.zh || h == c.en) return &c;
  for (const auto& s : kSynonyms)
    for (const char* n : s.names)
      if (h == normalize_header(n))
        for (const auto& c : columns)
          if (std::string_view(c.zh) == s.column) return &c;
  return nullptr;
}

const FundColumn* column_zh(std::span<const FundColumn> columns, std::string_view zh) {
  for (const auto& c : columns)
    if (zh == c.zh || zh == c.en) return &c;
  return nullptr;
}

// ---- [SECTION] cell text --------------------------------------------------------------------

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  std::string out(s.substr(b, e - b));
  // Ideographic spaces at either end (a full-width space typed before a name).
  while (out.rfind("\u3000", 0) == 0) out.erase(0, 3);
  while (out.size() >= 3 && out.compare(out.size() - 3, 3, "\u3000") == 0) out.erase(out.size() - 3);
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "3.31122E+17", "3.31122e+17", "3E+17": what Excel shows (and saves to CSV) for a long number.
bool scientific(std::string_view s) {
  auto e = s.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0 || e + 2 > s.size()) return false;
  std::string_view mant = s.substr(0, e), exp = s.substr(e + 1);
  if (exp[0] == '+') exp.remove_prefix(1);
  if (!all_digits(exp)) return false;
  auto dot = mant.find('.');
  if (dot == std::string_view::npos) return all_digits(mant);
  return all_digits(mant.substr(0, dot)) && all_digits(mant.substr(dot + 1));
}

// ISO 7064 MOD 11-2 check of an 18-character ID number.
bool id_check_digit_ok(std::string_view id) {
  if (id.size() != 18 || !all_digits(id.substr(0, 17))) return false;
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * w[i];
  static const char check[] = "10X98765432";
  char last = id[17] == 'x' ? 'X' : id[17];
  return check[sum % 11] == last;
}

// "1,234.50" -> "1234.50" when the commas group thousands properly; full-width commas too.
std::optional<std::string> ungroup(std::string_view s) {
  std::string t;
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "，") == 0) {
      t += ',';
      i += 3;
    } else {
      t += s[i++];
    }
  }
  if (t.find(',') == std::string::npos) return std::nullopt;
  std::string whole = t.substr(0, t.find('.')), frac = t.substr(whole.size());
  std::size_t first = whole.find(',');
  if (first == 0 || first > 3) return std::nullopt;
  for (std::size_t i = first; i < whole.size(); i += 4)
    if (whole[i] != ',' || i + 4 > whole.size() + 0 || !all_digits(std::string_view(whole).substr(i + 1, 3)))
      return std::nullopt;
  std::string out;
  for (char c : whole)
    if (c != ',') out += c;
  if (!all_digits(out)) return std::nullopt;
  return out + frac;
}

// "2026/11/11", "2026.11.11", "2026年11月11日", "2026-11-11 00:00:00" -> "2026-11-11".
std::optional<std::string> normalize_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  char a[8] = {}, b[8] = {};
  std::string t(s);
  for (const char* cjk : {"年", "月"}) {
    for (auto at = t.find(cjk); at != std::string::npos; at = t.find(cjk)) t.replace(at, 3, "-");
  }
  if (auto at = t.find("日"); at != std::string::npos) t.erase(at);
  if (std::sscanf(t.c_str(), "%4d%1[-/.]%2d%1[-/.]%2d", &y, a, &m, b, &d) != 5) return std::nullopt;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

struct CellText {
  std::string text;
  std::string problem;  // "" = fine
};

// A Number cell shown as its format shows whole numbers with leading zeros ("000" -> "007").
std::string number_text(const Cell& c) {
  std::string s = format_number(c.number);
  if (!c.format.empty() && std::all_of(c.format.begin(), c.format.end(), [](char ch) { return ch == '0'; }) &&
      all_digits(s) && s.size() < c.format.size())
    s.insert(0, c.format.size() - s.size(), '0');
  return s;
}

CellText id_text(const Cell& c, const char* what, bool id) {
  const std::string name = what;
  if (c.type == CellType::Number) {
    std::string digits = format_number(c.number);
    if (c.number >= 1e15 && c.number < 1e30) {
      // As Excel shows it in a wide column: 15 significant digits, then zeros.
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.14e", c.number);
      std::string mant = std::string(buf, 1) + std::string(buf + 2, 14);
      digits = mant + std::string(static_cast<std::size_t>(std::atoi(std::strchr(buf, 'e') + 1) - 14), '0');
    }
    const bool long_number = c.number >= 1e15;
    if (id && c.number >= 1e14 && c.number < 1e15 && c.number == std::floor(c.number))
      return {digits, ""};  // a 15-digit legacy ID number is exact in a double
    if (!id && !long_number && c.number == std::floor(c.number) && c.number >= 0) return {digits, ""};
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.5E", c.number);  // as a narrow General column shows it
    std::string s = shown;
    // 3.31122E+17: drop trailing zeros of the mantissa as Excel does.
    auto e = s.find('E');
    std::string mant = s.substr(0, e);
    while (mant.size() > 1 && mant.back() == '0') mant.pop_back();
    if (mant.back() == '.') mant.pop_back();
    s = mant + s.substr(e);
    if (long_number)
      return {digits, name +
                          "被 Excel 存成了数字，只保留了 15 位有效数字，第 15 位以后已变成 "
                          "0，原来的号码无法从表格恢复："
                          "请把这一列设成“文本”格式，再从原始资料重新录入或粘贴。现在是 " +
                          s + "（" + digits + "）"};
    return {digits, name +
                        "被 Excel 存成了数字：请把这一列设成“文本”格式后重新录入（号码开头的 0 "
                        "会被 Excel 去掉）。现在是 " +
                        digits};
  }
  if (c.type != CellType::Text) return {c.text, name + "不能是 " + c.text};
  std::string t = trim(c.text);
  if (scientific(t))
    return {t, name +
                   "被 Excel "
                   "改成了科学计数法，后面的数字已经丢了：请把这一列设成“文本”格式，再从原始资料重"
                   "新录入或粘贴（另存 CSV 前也要先这样设置）。现在是 " +
                   t};
  if (id && t.size() == 18 && all_digits(t) && t.compare(15, 3, "000") == 0 && !id_check_digit_ok(t))
    return {t, name +
                   "末 3 位是 000 且校验位不对，像是被 Excel 截成了 15 "
                   "位有效数字：请把这一列设成“文本”格式，再从原始资料重新录入。现在是 " +
                   t};
  // An account of 18-19 digits ending in 0s past the 15th that fails the card check (a real
  // card number passes Luhn; one in ten thousand ends in 0000 by chance).
  if (!id && t.size() >= 18 && all_digits(t) &&
      t.compare(15, std::string::npos, std::string(t.size() - 15, '0')) == 0 && !content::looks_like_bank_card(t))
    return {t, name +
                   "第 15 位以后全是 0，像是被 Excel 截成了 15 "
                   "位有效数字：请把这一列设成“文本”格式，再从原始资料重新录入。现在是 " +
                   t};
  return {t, ""};
}

CellText cell_text(const Cell& c, const FundColumn& col, bool date1904) {
  if (c.type == CellType::Error)
    return {"", std::string(col.zh) + "这一格是 Excel 的错误值（公式算错了）：请改成数值。现在是 " + c.text};
  switch (col.type) {
    case FundColumnType::Id:
      return id_text(c, "身份证号", true);
    case FundColumnType::Account:
      return id_text(c, "银行账号", false);
    case FundColumnType::Phone:
      return {c.type == CellType::Number ? format_number(c.number) : trim(c.text), ""};
    case FundColumnType::Money:
    case FundColumnType::Quantity: {
      const bool money = col.type == FundColumnType::Money;
      if (c.type == CellType::Number) {
        if (!money) return {format_number(c.number), ""};
        double cents = c.number * 100;
        double rounded = std::nearbyint(cents);
        if (std::fabs(cents - rounded) > 1e-6 * std::max(1.0, std::fabs(cents)))
          return {format_number(c.number), std::string(col.zh) +
                                               "有 3 位以上小数：公示金额只能到分，请在 Excel 里四舍五入到 2 位小数"
                                               "（不是只设置显示 2 位）。现在是 " +
                                               format_number(c.number)};
        if (std::fabs(rounded) > 9e17) return {format_number(c.number), std::string(col.zh) + "太大了"};
        return {money::format_yuan_plain(static_cast<int64_t>(rounded)), ""};
      }
      std::string t = trim(c.text);
      for (const char* sym : {"¥", "￥"})
        if (t.rfind(sym, 0) == 0) t = trim(t.substr(std::string_view(sym).size()));
      if (money && t.size() > 3 && t.compare(t.size() - 3, 3, "元") == 0) t = trim(t.substr(0, t.size() - 3));
      if (auto plain = ungroup(t)) return {*plain, ""};  // 1,234.50: numbers typed as text
      return {t, ""};
    }
    case FundColumnType::Date: {
      if (c.type == CellType::Number) {
        std::string d = serial_to_date(c.number, date1904);
        if (c.date && !d.empty()) return {d, ""};
        if (!d.empty() && c.number >= 20000 && c.number < 80000)
          return {format_number(c.number), std::string(col.zh) +
                                               "是一个数字，像是 Excel 的日期序号：请把这一列设成日期格式，或直接写成"
                                               " YYYY-MM-DD。现在是 " +
                                               format_number(c.number) + "（即 " + d + "）"};
        return {format_number(c.number), ""};
      }
      std::string t = trim(c.text);
      if (all_digits(t) && t.size() == 5) {
        std::string d = serial_to_date(std::stod(t), date1904);
        if (!d.empty())
          return {t, std::string(col.zh) +
                         "是一个数字，像是 Excel 的日期序号：另存 CSV 前请把这一列设成日期格式，或直接写成"
                         " YYYY-MM-DD。现在是 " +
                         t + "（即 " + d + "）"};
      }
      if (auto d = normalize_date(t)) return {*d, ""};
      return {t, ""};
    }
    case FundColumnType::Text:
      break;
  }
  if (c.type == CellType::Number) {
    if (c.date) {
      std::string d = serial_to_date(c.number, date1904);
      if (!d.empty()) return {d, ""};
    }
    return {number_text(c), ""};
  }
  return {trim(c.text), ""};
}

// ---- [SECTION] rows -------------------------------------------------------------------------

std::string without_spaces(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = utf8::decode(s, i);
    if (cp == ' ' || cp == 0x3000 || cp == '\t' || cp == ':' || cp == 0xFF1A) continue;
    out.append(s.substr(start, i - start));
  }
  return out;
}

bool is_total_word(std::string_view text) {
  std::string t = without_spaces(text);
  for (const char* w :
       {"合计", "总计", "小计", "累计", "本页合计", "本页小计", "总合计", "合计金额", "全村合计", "全镇合计"})
    if (t == w) return true;
  return false;
}

bool is_footer_text(std::string_view text) {
  for (const char* w : {"制表", "审核人", "审核：", "盖章", "签字", "签名", "负责人", "填表", "填报人", "经办人"})
    if (text.find(w) != std::string_view::npos) return true;
  return false;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string to_string(const std::string& file, const CellProblem& p) {
  if (p.sheet.empty()) return p.message;  // a problem of another file, named in the message
  std::string where = file + ":" + p.sheet;
  if (p.row > 0)
    where += "!" + (p.col > 0 ? a1(p.row, p.col)
                              : std::to_string(p.row) + ":" + std::to_string(p.row));  // 9:9 is Excel's name of row 9
  return where + ": " + p.message;
}

std::vector<std::string> grouped_lines(const std::string& file, const std::vector<CellProblem>& problems) {
  struct Group {
    std::size_t first;
    std::vector<int> rows;
  };
  std::vector<Group> groups;
  std::map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const auto& p = problems[i];
    if (p.row <= 0 || p.col <= 0) {
      groups.push_back({i, {p.row}});
      continue;
    }
    std::string key = p.sheet + '\x1f' + std::to_string(p.col) + '\x1f' + detail::message_stem(p.message);
    auto [it, fresh] = by_key.emplace(key, groups.size());
    if (fresh) groups.push_back({i, {}});
    groups[it->second].rows.push_back(p.row);
  }
  std::vector<std::string> out;
  for (const auto& g : groups) {
    const auto& p = problems[g.first];
    if (g.rows.size() <= 1) {
      out.push_back(to_string(file, p));
      continue;
    }
    std::string ranges;
    int shown = 0;
    for (std::size_t k = 0; k < g.rows.size();) {
      std::size_t j = k;
      while (j + 1 < g.rows.size() && g.rows[j + 1] <= g.rows[j] + 1) ++j;
      if (shown++ == 8) {
        ranges += "、…";
        break;
      }
      if (!ranges.empty()) ranges += "、";
      ranges += a1(g.rows[k], p.col);
      if (g.rows[j] != g.rows[k]) ranges += ":" + a1(g.rows[j], p.col);
      k = j + 1;
    }
    out.push_back(file + ":" + p.sheet + "!" + ranges + ": " + p.message + "（共 " + std::to_string(g.rows.size()) +
                  " 格，如 " + a1(p.row, p.col) + "）");
  }
  return out;
}

FundSheet read_fund_sheet(const Workbook& workbook, const Sheet& sheet, FundKind kind, const ColumnMapping* mapping) {
  FundSheet out;
  out.sheet = sheet.name;
  out.kind = kind;
  out.mapping.kind = kind;
  const auto columns = content::fund_columns(kind);
  auto problem = [&](int row, int col, std::string m) { out.problems.push_back({sheet.name, row, col, std::move(m)}); };
  // Header text: a header cell merged down over two header rows (村 beside 姓名|身份证号 under
  // 补贴对象) is read at every row it covers.
  auto text_at = [&](int row, int col) -> std::string {
    const Cell* c = sheet.at(row, col);
    if (!c)
      if (const Range* m = sheet.merged.size() < 10000 ? sheet.merged_at(row, col) : nullptr;
          m && m->last_row - m->first_row < 5)
        c = sheet.at(m->first_row, m->first_col);
    if (!c) return "";
    if (c->type == CellType::Number) return format_number(c->number);
    return trim(c->text);
  };

  if (sheet.cells.empty()) {
    problem(0, 0, "工作表“" + sheet.name + "”是空的：请选择放着名单的那张表");
    return out;
  }

  // ---- header row and columns
  std::vector<std::pair<const FundColumn*, int>> found;  // publication column -> sheet column
  if (mapping && !mapping->columns.empty()) {
    out.header_row = mapping->header_row;
    if (out.header_row == 0) {
      // The first row that holds one of the mapping's column names.
      for (int r = 1; r <= std::min(sheet.max_row, 30) && out.header_row == 0; ++r)
        for (const auto& [pub, name] : mapping->columns)
          if (column_from_letters(name) == 0 || name.size() > 3)
            for (int c = 1; c <= sheet.max_col; ++c)
              if (normalize_header(text_at(r, c)) == normalize_header(name)) out.header_row = r;
    }
    if (out.header_row == 0) out.header_row = 1;
    for (const auto& [pub, name] : mapping->columns) {
      const FundColumn* fc = column_zh(columns, pub);
      if (!fc) {
        problem(0, 0, "列对应表里的“" + pub + "”不是" + content::label(kind) + "公示的列");
        continue;
      }
      int col = 0;
      // Letters name a column unless the header has a column with that very name.
      if (name.size() <= 3) col = column_from_letters(name);
      for (int c = 1; c <= sheet.max_col; ++c)
        if (normalize_header(text_at(out.header_row, c)) == normalize_header(name)) col = c;
      if (col == 0) {
        problem(out.header_row, 0,
                "列对应表说“" + pub + "”在“" + name + "”这一列，第 " + std::to_string(out.header_row) +
                    " 行的表头里没有这一列");
        continue;
      }
      found.emplace_back(fc, col);
    }
  } else {
    int best = 0;
    for (int r = 1; r <= std::min(sheet.max_row, 30); ++r) {
      std::vector<std::pair<const FundColumn*, int>> here;
      for (int c = 1; c <= sheet.max_col && c <= 200; ++c) {
        const FundColumn* fc = column_named(columns, text_at(r, c));
        if (!fc) continue;
        bool dup = std::any_of(here.begin(), here.end(), [&](auto& h) { return h.first->col == fc->col; });
        if (!dup) here.emplace_back(fc, c);
      }
      if (static_cast<int>(here.size()) > best) {
        best = static_cast<int>(here.size());
        out.header_row = r;
        found = std::move(here);
      }
    }
    if (best < 2) {
      problem(0, 0,
              "在工作表“" + sheet.name +
                  "”的前 30 行里找不到表头（如 "
                  "村、组、姓名、金额）：请选对工作表，或用列对应表（--mapping）指明每一列");
      return out;
    }
  }
  for (const auto& fc : columns) {
    if (!fc.required) continue;
    bool have = std::any_of(found.begin(), found.end(), [&](auto& f) { return f.first->col == fc.col; });
    if (!have)
      problem(out.header_row, 0,
              std::string("找不到“") + fc.zh + "”这一列（表头在第 " + std::to_string(out.header_row) +
                  " 行）：请在表头里写上“" + fc.zh + "”，或在列对应表里指明它是哪一列");
  }
  for (const auto& [fc, col] : found) {
    out.columns.emplace_back(fc->zh, col);
    std::string header = text_at(out.header_row, col);
    out.mapping.columns.emplace_back(fc->zh, header.empty() ? column_letters(col) : header);
  }
  out.mapping.header_row = out.header_row;
  if (!out.problems.empty()) return out;

  // ---- rows
  std::string csv;
  for (std::size_t i = 0; i < found.size(); ++i) csv += (i ? "," : "") + std::string(found[i].first->zh);
  csv += "\n";
  const FundColumn* amount_col = nullptr;
  int amount_at = 0;
  for (const auto& [fc, col] : found)
    if (fc->type == FundColumnType::Money && fc->required) amount_col = fc, amount_at = col;
  int64_t sum = 0, sum_since_subtotal = 0;
  bool sum_ok = true;
  std::vector<const Range*> reported_merges;
  // Rows past the last cell hold only merged-away cells: blank.
  const int last_row = sheet.max_row;
  // The merged range over each cell of the mapped columns below the header: one lookup per
  // cell instead of a scan of every range (a county list merges 村 and 组 thousands of times).
  std::unordered_map<int64_t, const Range*> merge_of;
  for (const auto& m : sheet.merged)
    for (const auto& [fc, col] : found)
      if (col >= m.first_col && col <= m.last_col)
        for (int r = std::max(m.first_row, out.header_row + 1); r <= m.last_row && r <= last_row; ++r)
          if (merge_of.size() < 2 * kMaxCells) merge_of.emplace(int64_t{r} << 16 | col, &m);
  if (merge_of.size() >= 2 * kMaxCells) {
    problem(0, 0, "合并单元格重叠或太大，表格可能已损坏：请取消所有合并单元格后再导入");
    return out;
  }
  auto merged_at = [&](int r, int col) -> const Range* {
    auto it = merge_of.find(int64_t{r} << 16 | col);
    return it == merge_of.end() ? nullptr : it->second;
  };

  for (int r = out.header_row + 1; r <= last_row; ++r) {
    // A row is blank when none of its cells has text (merged-away cells have none).
    bool blank = true, total = false, footer = false;
    for (int c = 1; c <= sheet.max_col; ++c) {
      const Cell* cell = sheet.at(r, c);
      if (!cell) continue;
      std::string t = cell->type == CellType::Number ? format_number(cell->number) : trim(cell->text);
      if (t.empty()) continue;
      blank = false;
      if (cell->type == CellType::Text && is_total_word(t)) total = true;
      if (cell->type == CellType::Text && is_footer_text(t)) footer = true;
    }
    if (blank) {
      ++out.skipped_blank;
      continue;
    }
    if (sheet.row_hidden(r)) {
      problem(r, 0,
              "第 " + std::to_string(r) +
                  " 行被隐藏了：隐藏的行看不见却还在表里，导入时不知道该不该算。请在 Excel "
                  "里取消隐藏（选中上下两行→右键→取消隐藏），删掉不要的行后再导入");
      continue;
    }
    if (total) {
      if (amount_col) {
        const Cell* tc = sheet.at(r, amount_at);
        std::optional<int64_t> fen;
        if (tc) {
          CellText t = cell_text(*tc, *amount_col, workbook.date1904);
          if (t.problem.empty()) fen = content::parse_money(t.text);
        }
        if (fen && sum_ok && *fen != sum && *fen != sum_since_subtotal) {
          int64_t diff = *fen > sum ? *fen - sum : sum - *fen;
          problem(r, amount_at,
                  "合计行写的是 " + money::format_yuan_plain(*fen) + " 元，上面各行" + amount_col->zh + "加起来是 " +
                      money::format_yuan_plain(sum) + " 元，相差 " + money::format_yuan_plain(diff) +
                      " 元：是漏了行、多了行，还是合计公式没有包括所有行？");
        }
      }
      out.total_row = r;
      sum_since_subtotal = 0;
      continue;  // the total row is not a row of the publication
    }
    if (footer && (!amount_at || !sheet.at(r, amount_at))) continue;  // 制表人：… 审核人：…

    std::string line;
    for (std::size_t i = 0; i < found.size(); ++i) {
      const auto& [fc, col] = found[i];
      const Cell* cell = sheet.at(r, col);
      if (const Range* m = merged_at(r, col); m && !(m->first_row == r && m->first_col == col)) {
        // A merged-away cell: 村/组 (and other plain text or dates) merged down a block of rows
        // mean "the same for these rows"; anything else cannot be split back into rows.
        const bool fill = m->first_col == col && m->last_col == col && !fc->identity &&
                          (fc->type == FundColumnType::Text || fc->type == FundColumnType::Date);
        if (fill) {
          cell = sheet.at(m->first_row, m->first_col);
        } else {
          if (std::find(reported_merges.begin(), reported_merges.end(), m) == reported_merges.end()) {
            reported_merges.push_back(m);
            problem(m->first_row, m->first_col,
                    a1(m->first_row, m->first_col) + ":" + a1(m->last_row, m->last_col) + " 是合并单元格：" + fc->zh +
                        "要每一行分别填写。请选中它→取消合并单元格，再把每一行填好");
          }
          cell = nullptr;
          out.quiet_cells.emplace_back(r, col);
        }
      } else if (const Range* mm = merged_at(r, col); mm && mm->last_row > mm->first_row &&
                                                      !(fc->type == FundColumnType::Text && !fc->identity) &&
                                                      fc->type != FundColumnType::Date) {
        if (std::find(reported_merges.begin(), reported_merges.end(), mm) == reported_merges.end()) {
          reported_merges.push_back(mm);
          problem(r, col,
                  a1(mm->first_row, mm->first_col) + ":" + a1(mm->last_row, mm->last_col) + " 是合并单元格：" + fc->zh +
                      "要每一行分别填写。请选中它→取消合并单元格，再把每一行填好");
        }
      }
      std::string text;
      if (cell) {
        CellText t = cell_text(*cell, *fc, workbook.date1904);
        if (!t.problem.empty()) problem(r, col, std::move(t.problem));
        text = std::move(t.text);
        if (cell->type == CellType::Number) out.numeric_cells.emplace_back(r, col);
        if (fc == amount_col) {
          auto fen = content::parse_money(text);
          if (fen) {
            sum += *fen;
            sum_since_subtotal += *fen;
          } else {
            sum_ok = false;
          }
        }
      }
      line += (i ? "," : "") + csv_field(text);
    }
    csv += line + "\n";
    out.csv_rows.push_back(r);
    ++out.rows;
  }
  if (out.rows == 0 && out.problems.empty())
    problem(out.header_row, 0, "表头（第 " + std::to_string(out.header_row) + " 行）下面没有数据行");
  out.csv = std::move(csv);
  return out;
}

}  // namespace bianmin::sheets
