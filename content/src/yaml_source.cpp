#include "yaml_source.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "bianmin/content/deidentify.hpp"
#include "bianmin/content/importer.hpp"
#include "text_encoding.hpp"

namespace bianmin::content {

namespace {

// Chinese names of source fields, so messages read "份数必须是正整数" rather than "copies".
const char* field_label(std::string_view key) {
  static const std::map<std::string_view, const char*> labels = {
      {"code", "事项编码"},
      {"name", "名称"},
      {"type", "事项类型"},
      {"serves", "服务对象"},
      {"department", "部门"},
      {"topics", "主题分类"},
      {"topic", "主题分类"},
      {"life_events", "一件事"},
      {"catalogue", "公开目录"},
      {"summary", "简版指南"},
      {"conditions", "受理条件"},
      {"materials", "申请材料"},
      {"process", "办理流程"},
      {"time_limit", "办结时限"},
      {"statutory_days", "法定办结时限"},
      {"promised_days", "承诺办结时限"},
      {"fees", "收费"},
      {"visits", "到现场次数"},
      {"updated", "最后更新日期"},
      {"version", "版本"},
      {"effective", "生效日期"},
      {"copies", "份数"},
      {"source", "来源渠道"},
      {"form", "材料形式"},
      {"medium", "载体"},
      {"url", "网办地址"},
      {"online_url", "网办地址"},
      {"id", "编号"},
      {"title", "标题"},
      {"who", "谁能办"},
      {"bring", "带什么"},
      {"where", "去哪办"},
      {"when", "什么时候办"},
      {"how_long", "多久办好"},
      {"cost", "花多少钱"},
      {"money", "钱是交还是领"},
      {"tips", "温馨提示"},
      {"phone", "电话"},
      {"issuer", "发文机关"},
      {"date", "日期"},
      {"status", "状态"},
      {"body", "正文"},
      {"start", "开始日期"},
      {"end", "结束日期"},
      {"kind", "公示类型"},
      {"fund_type", "补贴项目"},
      {"year", "年度"},
      {"policy_basis", "政策依据"},
      {"villages", "村"},
      {"rows", "明细文件"},
      {"total", "合计金额"},
      {"count", "合计条数"},
      {"order", "排序"},
      {"township", "乡镇名称"},
      {"county", "县名称"},
      {"region_code", "行政区划代码"},
      {"guides", "事项"},
      {"parent", "上级目录"},
  };
  auto it = labels.find(key);
  return it == labels.end() ? nullptr : it->second;
}

// Fields that name or title something (a guide, card, policy, village, group, fund, office):
// no pictographs in them.
bool is_name_key(std::string_view key) {
  for (std::string_view k : {"name", "title", "short_name", "township", "county", "fund_type", "names"})
    if (key == k) return true;
  return false;
}

std::string label_or_key(std::string_view key) {
  const char* l = field_label(key);
  return l ? std::string(l) : std::string(key);
}

std::string in_quotes(std::string_view v) {
  std::string s(v.substr(0, 60));
  return "“" + s + (v.size() > 60 ? "…" : "") + "”";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Field limits: the long texts, the rest (kMaxTextChars).
std::size_t max_chars(std::string_view key) {
  if (key == "body") return kMaxBodyChars;
  static const char* const long_fields[] = {"summary", "description",       "answer",     "a",
                                            "notes",   "application_guide", "conditions", "promises"};
  for (const char* f : long_fields)
    if (key == f) return kMaxLongTextChars;
  return kMaxTextChars;
}

// What staff most often get wrong on a YAML line, in plain words; "" when the line looks fine.
std::string line_mistake(std::string_view l) {
  std::size_t indent = 0;
  while (indent < l.size() && (l[indent] == ' ' || l[indent] == '\t')) ++indent;
  if (l.substr(0, indent).find('\t') != std::string_view::npos)
    return "这一行开头用了 TAB 键缩进；YAML 只能用空格缩进，请把 TAB 换成空格";
  std::string_view rest = l.substr(indent);
  if (rest.rfind("- ", 0) == 0) rest.remove_prefix(2);
  if (rest.empty() || rest[0] == '#') return {};
  // "name：值": a field name followed by a Chinese colon and no English one.
  std::size_t cn = rest.find("\xEF\xBC\x9A");  // U+FF1A
  std::size_t en = rest.find(':');
  bool plain_key = cn != std::string_view::npos && cn > 0 &&
                   std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(cn), [](char c) {
                     return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                   });
  if (plain_key && (en == std::string_view::npos || en > cn))
    return "字段名后面要用英文冒号“:”再加一个空格，这一行用了中文冒号“：”";
  if (en == std::string_view::npos) return {};
  std::string_view value = rest.substr(en + 1);
  if (!value.empty() && value[0] != ' ' && value[0] != '\t') return {};
  while (!value.empty() && (value[0] == ' ' || value[0] == '\t')) value.remove_prefix(1);
  if (value.empty()) return {};
  char c = value[0];
  std::string first(1, c);
  if (c == '*' || c == '&' || c == '!' || c == '%' || c == '@' || c == '`')
    return "值以“" + first + "”开头，YAML 会把它当成特殊记号；请把整个值用英文引号括起来，如 \"" +
           std::string(value.substr(0, 30)) + "\"";
  if (c == '[' || c == '{') {
    char close = c == '[' ? ']' : '}';
    if (value.find(close) == std::string_view::npos || value.back() != close)
      return "值以“" + first + "”开头，YAML 会把它当成" + (c == '[' ? "列表" : "一组字段") +
             "：要么写完整（如 [甲, 乙]），要么把整个值用英文引号括起来";
  }
  if ((c == '"' || c == '\'') && value.find(c, 1) == std::string_view::npos)
    return std::string("值以引号开头却没有结束的引号，请补上或删掉这个引号");
  return {};
}

// yaml-cpp's message, in plain words.
std::string yaml_error_in_chinese(const std::string& msg) {
  static const std::pair<const char*, const char*> known[] = {
      {"illegal map value", "这里不能出现“字段: 值”（常见原因：缩进不对齐，或值里有英文冒号加空格，需要用引号括起来）"},
      {"end of map not found", "一组“字段: 值”没有正常结束（常见原因：缩进不对齐）"},
      {"end of map flow not found", "“{”开头的内容没有对应的“}”"},
      {"end of sequence not found", "列表没有正常结束（常见原因：“- ”开头的各项缩进不对齐）"},
      {"end of sequence flow not found", "“[”开头的列表没有对应的“]”"},
      {"illegal block entry", "这里不能出现以“- ”开头的列表项（常见原因：缩进不对齐）"},
      {"illegal map key", "这里不能出现字段名"},
      {"unknown token", "这里有 YAML 不认识的符号"},
      {"illegal EOF in scalar", "引号没有配对：到文件末尾都没有结束的引号"},
      {"illegal character in scalar", "值里有不能直接写的字符，请把整个值用英文引号括起来"},
      {"illegal tab when looking for indentation", "这一行用了 TAB 键缩进；YAML 只能用空格缩进"},
      {"alias not found after *", "值以“*”开头，YAML 会把它当成引用；请把整个值用英文引号括起来"},
      {"anchor not found after &", "值以“&”开头，YAML 会把它当成锚点；请把整个值用英文引号括起来"},
      {"the referenced anchor is not defined", "值以“*”开头，YAML 会把它当成引用；请把整个值用英文引号括起来"},
      {"unknown escape character", "双引号里的反斜杠“\\”后面跟了不认识的字符；要写反斜杠本身请写两个，或改用单引号"},
      {"invalid unicode", "双引号里的“\\u”后面不是有效的字符编码"},
      {"illegal flow end", "多了一个“]”或“}”"},
      {"illegal document indicator in scalar", "值里出现了“---”或“...”，请把整个值用英文引号括起来"},
  };
  for (const auto& [en, zh] : known)
    if (msg.rfind(en, 0) == 0) return zh;
  return "YAML 格式有误";
}

std::string node_kind(const YAML::Node& n) {
  if (n.IsSequence()) return "一个列表";
  if (n.IsMap()) return "一组“字段: 值”";
  return "一个值";
}

}  // namespace

int line_of(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  try {
    YAML::Mark m = node.Mark();
    return m.line >= 0 ? m.line + 1 : 0;
  } catch (...) {
    return 0;
  }
}

std::optional<std::string> read_source_file(const std::filesystem::path& abs, const std::string& rel,
                                            Problems& problems, std::uintmax_t max_bytes) {
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(abs, ec);
  if (!ec && size > max_bytes) {
    auto mb = [](std::uintmax_t b) { return std::to_string((b + (1u << 20) - 1) >> 20); };
    problems.push_back({rel, 0, "",
                        "文件太大：有 " + mb(size) + " MB，这类文件最多 " + mb(max_bytes) +
                            " MB；请把内容拆成几个文件，或删掉不该公开的内容"});
    return std::nullopt;
  }
  std::ifstream in(abs, std::ios::binary);
  if (!in) {
    problems.push_back({rel, 0, "", "无法读取这个文件（文件不存在或没有读取权限）"});
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

std::optional<YAML::Node> load_yaml(const std::filesystem::path& abs, const std::string& rel, Problems& problems) {
  auto bytes = read_source_file(abs, rel, problems, kMaxYamlFileBytes);
  if (!bytes) return std::nullopt;
  std::string_view view(*bytes);
  text::strip_utf8_bom(view);
  std::size_t bad = utf8::find_invalid(view);
  if (bad != utf8::npos) {
    problems.push_back({rel, text::line_at(view, bad), "",
                        "文件不是 UTF-8 编码（这一行有无法识别的字节）；请用“UTF-8”编码另存后再试"});
    return std::nullopt;
  }
  if (std::size_t nul = view.find('\0'); nul != std::string_view::npos) {
    problems.push_back(
        {rel, text::line_at(view, nul), "", "这一行有空字符（NUL，通常是从别的软件复制来的）；请删掉后再试"});
    return std::nullopt;
  }
  // The mistakes yaml-cpp does not always stop at (a Chinese colon can read as plain text) or
  // reports a line late: found here, on their own line, before parsing.
  for (std::size_t at = 0, n = 1; at < view.size(); ++n) {
    std::size_t end = view.find('\n', at);
    if (end == std::string_view::npos) end = view.size();
    std::string_view l = view.substr(at, end - at);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    std::string mistake = line_mistake(l);
    // An unclosed quote is legal YAML (the value runs on to the next quote, swallowing the
    // fields after it), but staff never mean it.
    if (!mistake.empty() &&
        (mistake.find("TAB") != std::string::npos || mistake.find("中文冒号") != std::string::npos ||
         mistake.find("没有结束的引号") != std::string::npos)) {
      problems.push_back({rel, static_cast<int>(n), "", mistake});
      return std::nullopt;
    }
    at = end + 1;
  }
  try {
    YAML::Node root = YAML::Load(std::string(view));
    if (!root.IsMap()) {
      problems.push_back({rel, line_of(root), "", root.IsNull() ? "文件是空的" : "文件内容应该是一组“字段: 值”"});
      return std::nullopt;
    }
    return root;
  } catch (const YAML::Exception& e) {
    int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    // yaml-cpp often notices a mistake a line late, or (an unclosed [ or quote) only at the
    // end of the file: name the line where it is, when one before the error shows it.
    std::vector<std::size_t> starts = {0};
    for (std::size_t at = view.find('\n'); at != std::string_view::npos; at = view.find('\n', at + 1))
      starts.push_back(at + 1);
    auto line_at_index = [&](int n) -> std::string_view {
      if (n < 0 || static_cast<std::size_t>(n) >= starts.size()) return {};
      std::size_t from = starts[n];
      std::size_t to = static_cast<std::size_t>(n) + 1 < starts.size() ? starts[n + 1] - 1 : view.size();
      std::string_view l = view.substr(from, to - from);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      return l;
    };
    std::vector<int> suspects = {line - 1, line - 2};
    for (int n = 0; n < line; ++n) suspects.push_back(n);
    for (int n : suspects) {
      std::string mistake = line_mistake(line_at_index(n));
      if (!mistake.empty()) {
        problems.push_back({rel, n + 1, "", mistake});
        return std::nullopt;
      }
    }
    problems.push_back(
        {rel, line, "",
         yaml_error_in_chinese(e.msg) + "：请检查这一行及上一行的缩进、冒号后的空格、引号和括号是否配对"});
    return std::nullopt;
  }
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = days[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) dim = 29;
  return d <= dim;
}

int latest_allowed_year() {
  static const int year = [] {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900 + kMaxYearsAhead;
  }();
  return year;
}

std::string date_problem(std::string_view s, const std::string& what) {
  if (!is_iso_date(s)) return what + "应该写成“年-月-日”，如 2026-03-01，现在是" + in_quotes(s);
  if (std::stoi(std::string(s.substr(0, 4))) > latest_allowed_year())
    return what + " " + std::string(s) + " 太远了（最晚只能写到 " + std::to_string(latest_allowed_year()) +
           " 年），是不是年份写错了？";
  return {};
}

std::string trim_spaces(std::string_view s) {
  auto space_at_front = [&]() -> std::size_t {
    if (s.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    for (std::string_view u : {"\u3000", "\u00A0", "\u200B", "\u202F", "\uFEFF", "\u2002", "\u2003"})
      if (s.substr(0, u.size()) == u) return u.size();
    return 0;
  };
  auto space_at_back = [&]() -> std::size_t {
    if (s.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    for (std::string_view u : {"\u3000", "\u00A0", "\u200B", "\u202F", "\uFEFF", "\u2002", "\u2003"})
      if (s.size() >= u.size() && s.substr(s.size() - u.size()) == u) return u.size();
    return 0;
  };
  while (std::size_t n = space_at_front()) s.remove_prefix(n);
  while (std::size_t n = space_at_back()) s.remove_suffix(n);
  return std::string(s);
}

namespace {
// Decodes the UTF-8 sequence at s[i] (valid UTF-8: load_yaml and the CSV decoder check it);
// sets `len` to its byte count.
char32_t code_point_at(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return len = 1, c;
  if ((c >> 5) == 0x6 && i + 1 < s.size()) return len = 2, ((c & 0x1F) << 6) | (b(1) & 0x3F);
  if ((c >> 4) == 0xE && i + 2 < s.size()) return len = 3, ((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  if ((c >> 3) == 0x1E && i + 3 < s.size())
    return len = 4, ((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  return len = 1, c;
}

bool is_invisible(char32_t u) {
  return (u >= 0x200B && u <= 0x200F) || u == 0x2060 || u == 0xFEFF || (u >= 0x202A && u <= 0x202E) ||
         (u >= 0x2066 && u <= 0x2069);
}

// Emoji and pictographs: the emoji blocks, dingbats and miscellaneous symbols, arrows/stars
// (⭐), the emoji variation selector and tag characters. CJK (Extension B+ included) is not.
bool is_pictograph(char32_t u) {
  return (u >= 0x1F000 && u <= 0x1FAFF) || (u >= 0x2600 && u <= 0x27BF) || (u >= 0x2B00 && u <= 0x2BFF) ||
         (u >= 0x231A && u <= 0x23FF) || u == 0xFE0F || (u >= 0xE0000 && u <= 0xE007F);
}
}  // namespace

std::string strip_invisible(std::string_view s, std::size_t* removed) {
  std::string out;
  out.reserve(s.size());
  std::size_t n = 0;
  for (std::size_t i = 0, len = 1; i < s.size(); i += len) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      len = 1;
      out += s[i];
      continue;
    }
    if (is_invisible(code_point_at(s, i, len)))
      ++n;
    else
      out.append(s.substr(i, len));
  }
  if (removed) *removed = n;
  return out;
}

std::string invisible_warning(std::size_t removed) {
  return "删掉了" + std::to_string(removed) +
         "个看不见的字符（零宽字符或文字方向控制符，通常是从网页或别的软件复制来的）";
}

std::string pictograph_problem(std::string_view s, const std::string& what) {
  for (std::size_t i = 0, len = 1; i < s.size(); i += len) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      len = 1;
      continue;
    }
    const std::size_t at = i;
    if (is_pictograph(code_point_at(s, i, len)))
      return what + "里不能有表情符号或图画符号（“" + std::string(s.substr(at, len)) +
             "”），打印机和字体显示不出来，请删掉";
  }
  return {};
}

std::string control_character_problem(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u == 0) return "这里有空字符（NUL，通常是从别的软件复制来的），请删掉";
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F)
      return "这里有看不见的控制字符（通常是从别的软件复制来的），请删掉";
  }
  return {};
}

std::string length_problem(std::string_view s, std::size_t max, const std::string& what) {
  if (s.size() <= max) return {};  // bytes >= characters
  std::size_t chars = utf8::length(s);
  if (chars <= max) return {};
  return what + "太长：有 " + std::to_string(chars) + " 个字，最多 " + std::to_string(max) +
         " 个字；请精简，详细内容可以写在政策原文里";
}

std::optional<int64_t> parse_money(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  int64_t yuan = 0;
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') yuan = yuan * 10 + (s[i++] - '0');
  if (i == 0) return std::nullopt;
  int64_t fen = 0;
  if (i < s.size()) {
    if (s[i] != '.') return std::nullopt;
    std::size_t decimals = s.size() - i - 1;
    if (decimals == 0 || decimals > 2) return std::nullopt;
    for (std::size_t k = i + 1; k < s.size(); ++k) {
      if (s[k] < '0' || s[k] > '9') return std::nullopt;
      fen = fen * 10 + (s[k] - '0');
    }
    if (decimals == 1) fen *= 10;
  }
  return yuan * 100 + fen;
}

std::string money_problem(std::string_view s) {
  if (!s.empty() && s[0] == '-') return "金额不能是负数，现在是" + in_quotes(s);
  std::size_t dot = s.find('.');
  bool digits = !s.empty();
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.')) digits = false;
  if (digits && dot != std::string_view::npos && s.size() - dot - 1 > 2)
    return "金额最多两位小数（精确到分），现在是" + in_quotes(s);
  return "金额应该是以元为单位的数字（如 105.60，不带逗号、“元”字或空格），现在是" + in_quotes(s);
}

bool is_slug(std::string_view s, bool allow_slash) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (allow_slash && c == '/');
    if (!ok) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

MapReader::MapReader(Problems& problems, std::string file, YAML::Node node, std::string path, Scan scan)
    : problems_(problems), file_(std::move(file)), node_(node), path_(std::move(path)), scan_(scan) {
  line_ = line_of(node_);
  valid_ = node_.IsDefined() && node_.IsMap();
}

std::string MapReader::field(const char* key) const { return path_.empty() ? std::string(key) : path_ + "." + key; }

void MapReader::problem_at(int line, std::string field, std::string message) {
  problems_.push_back({file_, line, std::move(field), std::move(message)});
}

void MapReader::warning_at(int line, std::string field, std::string message) {
  problems_.push_back({file_, line, std::move(field), std::move(message), Severity::Warning});
}

void MapReader::problem(const char* key, std::string message) { problem_at(line(key), field(key), std::move(message)); }

YAML::Node MapReader::get(const char* key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  if (!valid_) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node& cn = node_;
  return cn[key];
}

bool MapReader::has(const char* key) {
  YAML::Node n = get(key);
  return n.IsDefined() && !n.IsNull();
}

int MapReader::line(const char* key) {
  YAML::Node n = get(key);
  int l = line_of(n);
  return l > 0 ? l : line_;
}

void MapReader::missing(const char* key) {
  const char* l = field_label(key);
  problem(key, std::string("缺少必填项") + (l ? std::string("（") + l + "）" : "") + "，请补上");
}

void MapReader::check_text(const std::string& value, const std::string& fld, int ln, Scan scan) {
  if (scan == Scan::None || value.empty()) return;
  if (auto raw = find_raw_identifier(value, scan == Scan::Identifiers)) {
    problem_at(ln, fld,
               std::string("这里不能出现") + label(raw->kind) + "（" + raw->text +
                   "）：个人信息不得公开，请删掉或改成脱敏后的写法");
  }
}

std::string MapReader::scalar(const char* key, Need need, bool* present) {
  *present = false;
  YAML::Node n = get(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (need == Need::Required) missing(key);
    return {};
  }
  if (!n.IsScalar()) {
    problem(key, label_or_key(key) + "应该是一个值，现在是" + node_kind(n));
    return {};
  }
  std::string v = trim_spaces(n.Scalar());
  std::size_t invisible = 0;
  v = trim_spaces(strip_invisible(v, &invisible));
  if (invisible > 0) warning_at(line(key), field(key), invisible_warning(invisible));
  if (v.empty()) {
    if (need == Need::Required) problem(key, label_or_key(key) + "不能为空");
    return {};
  }
  if (std::string p = control_character_problem(v); !p.empty()) {
    problem(key, p);
    return {};
  }
  if (is_name_key(key)) {
    if (std::string p = pictograph_problem(v, label_or_key(key)); !p.empty()) {
      problem(key, p);
      return {};
    }
  }
  if (std::string p = length_problem(v, max_chars(key), label_or_key(key)); !p.empty()) {
    problem(key, p);
    return {};
  }
  *present = true;
  return v;
}

std::string MapReader::text(const char* key, Need need, std::optional<Scan> scan) {
  bool present;
  std::string v = scalar(key, need, &present);
  if (present) check_text(v, field(key), line(key), scan.value_or(scan_));
  return v;
}

std::string MapReader::slug(const char* key, Need need, bool allow_slash) {
  bool present;
  std::string v = scalar(key, need, &present);
  if (present && !is_slug(v, allow_slash)) {
    problem(key, label_or_key(key) + "只能用小写字母、数字、“-”和“_”" + (allow_slash ? "（目录可用“/”分级）" : "") +
                     "，现在是" + in_quotes(v));
  }
  if (present) check_text(v, field(key), line(key), scan_);
  return v;
}

std::string MapReader::date(const char* key, Need need) {
  bool present;
  std::string v = scalar(key, need, &present);
  if (present) {
    if (std::string p = date_problem(v, label_or_key(key)); !p.empty()) {
      problem(key, p);
      return {};
    }
  }
  return v;
}

std::string MapReader::url(const char* key, const std::vector<std::string>& allowed_hosts) {
  bool present;
  std::string v = scalar(key, Need::Optional, &present);
  if (!present) return v;
  const std::string https = "https://";
  if (v.compare(0, https.size(), https) != 0) {
    problem(key, "网址必须以 https:// 开头（扫码后要打开安全的官方网站），现在是" + in_quotes(v));
    return {};
  }
  std::string host = v.substr(https.size());
  host = host.substr(0, host.find_first_of("/:?#"));
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(allowed_hosts.begin(), allowed_hosts.end(), host) == allowed_hosts.end()) {
    std::string list;
    for (const auto& h : allowed_hosts) list += (list.empty() ? "" : "、") + h;
    problem(key, "网址的域名“" + host + "”不在 site.yaml 的 allowed_url_hosts 里（允许：" +
                     (list.empty() ? "无" : list) + "）");
    return {};
  }
  if (v.find_first_of(" \t") != std::string::npos) {
    problem(key, "网址里不能有空格");
    return {};
  }
  // A link is printed as a QR code and shown: an identifier in it is published too.
  if (auto raw = find_raw_identifier(v)) {
    problem(key, std::string("网址里不能出现") + label(raw->kind) + "（" + raw->text +
                     "）：二维码和屏幕都会显示这个网址，个人信息不得公开");
    return {};
  }
  return v;
}

int MapReader::integer(const char* key, Need need, int min_value, int fallback) {
  bool present;
  std::string v = scalar(key, need, &present);
  if (!present) return fallback;
  bool ok = !v.empty() && v.size() < 10;
  for (char c : v)
    if (c < '0' || c > '9') ok = false;
  int x = ok ? std::stoi(v) : 0;
  if (!ok || x < min_value) {
    std::string what = min_value > 0 ? "正整数" : "不小于 " + std::to_string(min_value) + " 的整数";
    problem(key, label_or_key(key) + "必须是" + what + "，现在是" + in_quotes(v));
    return fallback;
  }
  return x;
}

bool MapReader::boolean(const char* key, bool fallback) {
  bool present;
  std::string v = scalar(key, Need::Optional, &present);
  if (!present) return fallback;
  if (v == "true" || v == "True" || v == "TRUE" || v == "yes" || v == "是") return true;
  if (v == "false" || v == "False" || v == "FALSE" || v == "no" || v == "否") return false;
  problem(key, label_or_key(key) + "只能填 true（是）或 false（否），现在是" + in_quotes(v));
  return fallback;
}

std::optional<int64_t> MapReader::money(const char* key, Need need) {
  bool present;
  std::string v = scalar(key, need, &present);
  if (!present) return std::nullopt;
  auto fen = parse_money(v);
  if (!fen) problem(key, money_problem(v));
  return fen;
}

std::vector<std::string> MapReader::text_list(const char* key, Need need, bool slugs) {
  std::vector<std::string> out;
  YAML::Node n = get(key);
  if (!n.IsDefined() || n.IsNull() || (n.IsSequence() && n.size() == 0)) {
    if (need == Need::Required) missing(key);
    return out;
  }
  auto add = [&](const YAML::Node& item, const std::string& fld) {
    if (!item.IsScalar()) {
      problem_at(line_of(item) ? line_of(item) : line(key), fld,
                 "列表里的每一项应该是一个值，现在是" + node_kind(item));
      return;
    }
    std::string v = trim_spaces(item.Scalar());
    std::size_t invisible = 0;
    v = trim_spaces(strip_invisible(v, &invisible));
    if (invisible > 0) warning_at(line_of(item), fld, invisible_warning(invisible));
    if (v.empty()) {
      problem_at(line_of(item), fld, "列表里有空的一项");
      return;
    }
    std::string bad = control_character_problem(v);
    if (bad.empty()) bad = length_problem(v, max_chars(key), "这一项");
    if (bad.empty() && is_name_key(key)) bad = pictograph_problem(v, "这一项");
    if (!bad.empty()) {
      problem_at(line_of(item), fld, bad);
      return;
    }
    if (slugs && !is_slug(v)) {
      problem_at(line_of(item), fld, "编号只能用小写字母、数字、“-”和“_”，现在是" + in_quotes(v));
      return;
    }
    check_text(v, fld, line_of(item), scan_);
    out.push_back(std::move(v));
  };
  if (n.IsScalar()) {
    add(n, field(key));
  } else if (n.IsSequence()) {
    for (std::size_t i = 0; i < n.size(); ++i) add(n[i], field(key) + "[" + std::to_string(i + 1) + "]");
  } else {
    problem(key, label_or_key(key) + "应该是一个列表，如 [甲, 乙]");
  }
  return out;
}

int MapReader::choice(const char* key, const std::vector<std::string>& choices, Need need, int fallback) {
  bool present;
  std::string v = scalar(key, need, &present);
  if (!present) return need == Need::Required ? -1 : fallback;
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i] == v) return static_cast<int>(i);
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : " / ") + c;
  problem(key, label_or_key(key) + "只能是 " + list + " 之一，现在是" + in_quotes(v));
  return -1;
}

void MapReader::each(const char* key, Need need, const std::function<void(MapReader&)>& fn) {
  YAML::Node n = get(key);
  if (!n.IsDefined() || n.IsNull() || (n.IsSequence() && n.size() == 0)) {
    if (need == Need::Required) missing(key);
    return;
  }
  if (!n.IsSequence()) {
    problem(key, label_or_key(key) + "应该是一个列表（每项以“- ”开头）");
    return;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    std::string p = field(key) + "[" + std::to_string(i + 1) + "]";
    MapReader item(problems_, file_, n[i], p, scan_);
    if (!item.valid()) {
      problem_at(line_of(n[i]) ? line_of(n[i]) : line(key), p, "这一项应该是一组“字段: 值”，现在是" + node_kind(n[i]));
      continue;
    }
    fn(item);
    item.finish();
  }
}

MapReader MapReader::nested(const char* key, Need need) {
  YAML::Node n = get(key);
  MapReader r(problems_, file_, n, field(key), scan_);
  if (!n.IsDefined() || n.IsNull()) {
    if (need == Need::Required) missing(key);
  } else if (!r.valid()) {
    problem(key, label_or_key(key) + "应该是一组“字段: 值”，现在是" + node_kind(n));
  }
  return r;
}

void MapReader::finish() {
  if (!valid_) return;
  std::vector<std::string> seen;
  for (const auto& kv : node_) {
    YAML::Node k = kv.first;
    std::string key = k.IsScalar() ? k.Scalar() : std::string("?");
    std::string fld = path_.empty() ? key : path_ + "." + key;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      problem_at(line_of(k), fld, "这个字段写了两次，请只保留一个");
      continue;
    }
    seen.push_back(key);
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string best;
    std::size_t best_d = 3;
    for (const auto& kn : known_) {
      std::size_t d = edit_distance(key, kn);
      if (d < best_d) best_d = d, best = kn;
    }
    problem_at(line_of(k), fld,
               "不认识的字段“" + key + "”" +
                   (best.empty() ? std::string("，这里的内容不会被发布；请删掉或改成正确的字段名")
                                 : "，是不是想写“" + best + "”？"));
  }
}

}  // namespace bianmin::content
