#include "yaml_source.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "bianmin/content/deidentify.hpp"
#include "text_encoding.hpp"

namespace bianmin::content {

namespace {

// Chinese names of source fields, so messages read "份数必须是正整数" rather than "copies".
const char* field_label(std::string_view key) {
  static const std::map<std::string_view, const char*> labels = {
      {"code", "事项编码"}, {"name", "名称"}, {"type", "事项类型"}, {"serves", "服务对象"},
      {"department", "部门"}, {"topics", "主题分类"}, {"topic", "主题分类"},
      {"life_events", "一件事"}, {"catalogue", "公开目录"}, {"summary", "简版指南"},
      {"conditions", "受理条件"}, {"materials", "申请材料"}, {"process", "办理流程"},
      {"time_limit", "办结时限"}, {"statutory_days", "法定办结时限"},
      {"promised_days", "承诺办结时限"}, {"fees", "收费"}, {"visits", "到现场次数"},
      {"updated", "最后更新日期"}, {"version", "版本"}, {"effective", "生效日期"},
      {"copies", "份数"}, {"source", "来源渠道"}, {"form", "材料形式"}, {"medium", "载体"},
      {"url", "网办地址"}, {"online_url", "网办地址"}, {"id", "编号"}, {"title", "标题"},
      {"who", "谁能办"}, {"bring", "带什么"}, {"where", "去哪办"}, {"when", "什么时候办"},
      {"how_long", "多久办好"}, {"cost", "花多少钱"}, {"phone", "电话"},
      {"issuer", "发文机关"}, {"date", "日期"}, {"status", "状态"}, {"body", "正文"},
      {"start", "开始日期"}, {"end", "结束日期"}, {"kind", "公示类型"},
      {"fund_type", "补贴项目"}, {"year", "年度"}, {"policy_basis", "政策依据"},
      {"villages", "村"}, {"rows", "明细文件"}, {"total", "合计金额"}, {"count", "合计条数"},
      {"order", "排序"}, {"township", "乡镇名称"}, {"county", "县名称"},
      {"region_code", "行政区划代码"}, {"guides", "事项"}, {"parent", "上级目录"},
  };
  auto it = labels.find(key);
  return it == labels.end() ? nullptr : it->second;
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

std::string trim(std::string s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && ws(s[i])) ++i;
  return s.substr(i);
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

std::optional<std::string> read_source_file(const std::filesystem::path& abs,
                                            const std::string& rel, Problems& problems) {
  std::ifstream in(abs, std::ios::binary);
  if (!in) {
    problems.push_back({rel, 0, "", "无法读取这个文件（文件不存在或没有读取权限）"});
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

std::optional<YAML::Node> load_yaml(const std::filesystem::path& abs, const std::string& rel,
                                    Problems& problems) {
  auto bytes = read_source_file(abs, rel, problems);
  if (!bytes) return std::nullopt;
  std::string_view view(*bytes);
  bool bom = text::strip_utf8_bom(view);
  std::size_t bad = text::find_invalid_utf8(view);
  if (bad != text::npos) {
    problems.push_back({rel, text::line_at(view, bad), "",
                        "文件不是 UTF-8 编码（这一行有无法识别的字节）；请用“UTF-8”编码另存后再试"});
    return std::nullopt;
  }
  try {
    YAML::Node root = YAML::Load(std::string(view));
    if (!root.IsMap()) {
      problems.push_back({rel, line_of(root), "",
                          root.IsNull() ? "文件是空的" : "文件内容应该是一组“字段: 值”"});
      return std::nullopt;
    }
    (void)bom;
    return root;
  } catch (const YAML::Exception& e) {
    std::string what = e.msg;
    problems.push_back({rel, e.mark.line >= 0 ? e.mark.line + 1 : 0, "",
                        "YAML 格式错误（" + what +
                            "）：请检查这一行及上一行的缩进、冒号后的空格、引号和括号是否配对"});
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
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              (allow_slash && c == '/');
    if (!ok) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

MapReader::MapReader(Problems& problems, std::string file, YAML::Node node, std::string path,
                     Scan scan)
    : problems_(problems), file_(std::move(file)), node_(node), path_(std::move(path)),
      scan_(scan) {
  line_ = line_of(node_);
  valid_ = node_.IsDefined() && node_.IsMap();
}

std::string MapReader::field(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

void MapReader::problem_at(int line, std::string field, std::string message) {
  problems_.push_back({file_, line, std::move(field), std::move(message)});
}

void MapReader::problem(const char* key, std::string message) {
  problem_at(line(key), field(key), std::move(message));
}

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
  std::string v = trim(n.Scalar());
  if (v.empty()) {
    if (need == Need::Required) problem(key, label_or_key(key) + "不能为空");
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
    problem(key, label_or_key(key) + "只能用小写字母、数字、“-”和“_”" +
                     (allow_slash ? "（目录可用“/”分级）" : "") + "，现在是" + in_quotes(v));
  }
  return v;
}

std::string MapReader::date(const char* key, Need need) {
  bool present;
  std::string v = scalar(key, need, &present);
  if (present && !is_iso_date(v)) {
    problem(key, label_or_key(key) + "应该写成“年-月-日”，如 2026-03-01，现在是" + in_quotes(v));
    return {};
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
    std::string v = trim(item.Scalar());
    if (v.empty()) {
      problem_at(line_of(item), fld, "列表里有空的一项");
      return;
    }
    if (slugs && !is_slug(v)) {
      problem_at(line_of(item), fld,
                 "编号只能用小写字母、数字、“-”和“_”，现在是" + in_quotes(v));
      return;
    }
    if (!slugs) check_text(v, fld, line_of(item), scan_);
    out.push_back(std::move(v));
  };
  if (n.IsScalar()) {
    add(n, field(key));
  } else if (n.IsSequence()) {
    for (std::size_t i = 0; i < n.size(); ++i)
      add(n[i], field(key) + "[" + std::to_string(i + 1) + "]");
  } else {
    problem(key, label_or_key(key) + "应该是一个列表，如 [甲, 乙]");
  }
  return out;
}

int MapReader::choice(const char* key, const std::vector<std::string>& choices, Need need,
                      int fallback) {
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
      problem_at(line_of(n[i]) ? line_of(n[i]) : line(key), p,
                 "这一项应该是一组“字段: 值”，现在是" + node_kind(n[i]));
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
