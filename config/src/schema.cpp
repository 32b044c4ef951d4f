// The schema engine's non-template parts: TOML parsing with positions, node descriptions,
// spelling suggestions and the validators several fields share.
#include "schema.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "bianmin/config/load.hpp"

namespace bianmin::config {

std::string format_problems(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

namespace detail {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string toml_quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out + "\"";
}

std::string describe_node(const toml::node& n, bool with_value) {
  switch (n.type()) {
    case toml::node_type::string:
      return with_value ? "字符串 " + toml_quote(n.as_string()->get()) : "字符串";
    case toml::node_type::integer:
      return with_value ? "整数 " + std::to_string(n.as_integer()->get()) : "整数";
    case toml::node_type::floating_point: {
      if (!with_value) return "小数";
      std::ostringstream s;
      s << n.as_floating_point()->get();
      return "小数 " + s.str();
    }
    case toml::node_type::boolean:
      if (!with_value) return "布尔值";
      return std::string("布尔值 ") + (n.as_boolean()->get() ? "true" : "false");
    case toml::node_type::array:
      return "数组";
    case toml::node_type::table:
      return "表";
    case toml::node_type::date:
      return "日期";
    case toml::node_type::time:
      return "时间（应写成带引号的 \"HH:MM\"）";
    case toml::node_type::date_time:
      return "日期时间";
    default:
      return "空值";
  }
}

static size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string suggest(std::string_view wrong, const std::vector<std::string>& known) {
  std::string best;
  size_t best_d = std::max<size_t>(2, wrong.size() / 3) + 1;
  for (const auto& k : known) {
    size_t d = edit_distance(wrong, k);
    if (d < best_d) best_d = d, best = k;
  }
  return best;
}

void sort_by_line(Problems& problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
    auto rank = [](int line) { return line == 0 ? INT32_MAX : line; };
    return rank(a.line) < rank(b.line);
  });
}

std::string valid_any(std::string_view) { return {}; }

std::string valid_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return "长度应为 1 到 64";
  for (char ch : s)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return "只能用小写字母、数字和 -";
  if (s.front() == '-') return "不能以 - 开头";
  return {};
}

std::string valid_absolute_path(std::string_view s) {
  if (s.empty() || s.front() != '/') return "应为绝对路径（以 / 开头）";
  return {};
}

std::string valid_optional_absolute_path(std::string_view s) {
  return s.empty() ? std::string() : valid_absolute_path(s);
}

std::string valid_optional_http_url(std::string_view s) {
  if (s.empty()) return {};
  std::string_view rest;
  if (s.rfind("http://", 0) == 0)
    rest = s.substr(7);
  else if (s.rfind("https://", 0) == 0)
    rest = s.substr(8);
  else
    return "应以 http:// 或 https:// 开头";
  if (rest.empty() || rest.front() == '/' || rest.front() == ':') return "缺少主机名";
  for (char ch : s)
    if (ch == ' ' || ch == '\t') return "不能含空格";
  return {};
}

std::string valid_hostname_pattern(std::string_view s) {
  std::string_view host = s;
  if (host.rfind("*.", 0) == 0) host.remove_prefix(2);
  if (host.empty() || host.size() > 253) return "应为主机名，如 zwfw.example.gov.cn 或 *.gov.cn";
  for (char ch : host)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.'))
      return "主机名只能用小写字母、数字、- 和 .（通配只能写在最前面: *.）";
  if (host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos)
    return "主机名中的 . 位置不对";
  return {};
}

bool read_text(const std::string& path, std::string& out, Sink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.add(0, "", "无法打开配置文件（不存在或没有读取权限）");
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

bool parse_toml(std::string_view text, const std::string& name, toml::table& out, Sink& sink) {
  toml::parse_result result = toml::parse(text, name);
  if (!result) {
    const auto& err = result.error();
    sink.add(
        static_cast<int>(err.source().begin.line), "",
        "TOML 格式错误（第 " + std::to_string(err.source().begin.column) + " 列）: " + std::string(err.description()));
    return false;
  }
  out = std::move(result).table();
  return true;
}

}  // namespace detail
}  // namespace bianmin::config
