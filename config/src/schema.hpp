// Internal: a small declarative schema engine over toml++. Each config type lists its fields
// once (key, type, allowed values, meaning, how to set it); loading, unknown-key reports,
// missing-key reports and the README defaults table all come from that one list.
#pragma once
#define TOML_EXCEPTIONS 0  // errors as values; only our .cpp files include toml++
#include <toml++/toml.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::config::detail {

int line_of(const toml::node& node);
// "字符串 \"abc\"", "整数 5", ...; with `with_value` false only the kind: "字符串", "整数".
std::string describe_node(const toml::node& node, bool with_value = true);
std::string toml_quote(std::string_view s);  // "\"...\"" with escapes

// Collects problems for one file.
struct Sink {
  std::string file;
  Problems problems;
  void add(int line, std::string key, std::string message) {
    problems.push_back(Problem{file, line, std::move(key), std::move(message)});
  }
};

template <class C>
struct Field {
  std::string key;      // dotted path, e.g. "screen.width" (relative inside table arrays)
  std::string type;     // for the docs: "整数", "字符串", ...
  std::string allowed;  // plain words, e.g. "10..3600"
  std::string doc;      // one line: what it does, with unit
  bool required = false;
  std::function<std::string(const C&)> show;  // value as TOML text
  // Validates `node` and stores it into `c`, or reports what is wrong under `display_key`.
  std::function<void(const toml::node& node, C& c, Sink& sink, const std::string& display_key)> set;
  std::string sub_rows;  // table arrays: the element's own rows for the defaults table
};

// Where each key that appeared was found (display key -> line); for cross-field checks.
using Seen = std::map<std::string, int>;

// Orders problems as they appear in the file; missing keys (line 0) come last.
void sort_by_line(Problems& problems);

std::string suggest(std::string_view wrong, const std::vector<std::string>& known);

template <class C>
void apply_table(const toml::table& table, const std::string& match_prefix, const std::string& display_prefix,
                 const std::vector<Field<C>>& fields, C& c, Sink& sink, Seen& seen) {
  auto join = [](const std::string& a, std::string_view b) {
    return a.empty() ? std::string(b) : a + "." + std::string(b);
  };
  for (auto&& [k, node] : table) {
    const std::string match = join(match_prefix, k.str());
    const std::string display = join(display_prefix, k.str());
    const Field<C>* field = nullptr;
    bool is_prefix = false;
    for (const auto& f : fields) {
      if (f.key == match) field = &f;
      if (f.key.rfind(match + ".", 0) == 0) is_prefix = true;
    }
    if (field) {
      seen[display] = line_of(node);
      field->set(node, c, sink, display);
    } else if (is_prefix && node.is_table()) {
      seen[display] = line_of(node);
      apply_table(*node.as_table(), match, display, fields, c, sink, seen);
    } else if (is_prefix) {
      // Only the kind: a section written as one value may be a secret (store = "…password=…").
      sink.add(line_of(node), display, "这里应是一个表 [" + display + "]，实际是" + describe_node(node, false));
    } else {
      // List what would have been accepted at this level, and the nearest spelling.
      std::vector<std::string> here;
      for (const auto& f : fields) {
        std::string_view rest = f.key;
        if (!match_prefix.empty()) {
          if (f.key.rfind(match_prefix + ".", 0) != 0) continue;
          rest.remove_prefix(match_prefix.size() + 1);
        }
        std::string first(rest.substr(0, rest.find('.')));
        bool dup = false;
        for (const auto& h : here) dup = dup || h == first;
        if (!dup) here.push_back(first);
      }
      std::string message = "未知的设置项（不会被忽略，请删除或改正）";
      std::string near = suggest(k.str(), here);
      if (!near.empty()) message += "；是否想写 " + join(display_prefix, near) + "？";
      std::string list;
      for (const auto& h : here) list += (list.empty() ? "" : ", ") + h;
      message +=
          "；" + (display_prefix.empty() ? std::string("顶层") : "[" + display_prefix + "] 中") + "允许: " + list;
      int line = k.source().begin.line ? static_cast<int>(k.source().begin.line) : line_of(node);
      sink.add(line, display, message);
    }
  }
}

// Reports every required field that did not appear.
template <class C>
void check_required(const toml::table& root, const std::string& display_prefix, const std::vector<Field<C>>& fields,
                    Sink& sink, const Seen& seen) {
  for (const auto& f : fields) {
    if (!f.required) continue;
    std::string display = display_prefix.empty() ? f.key : display_prefix + "." + f.key;
    if (seen.count(display)) continue;
    // Point at the section header when the section exists, so the fix is easy to find.
    int line = 0;
    auto dot = f.key.rfind('.');
    if (dot != std::string::npos) {
      if (auto* section = root.at_path(f.key.substr(0, dot)).node()) line = line_of(*section);
    }
    sink.add(line, display, "缺少必填项（" + f.doc + "）；允许: " + f.allowed);
  }
}

// ---- field builders ---------------------------------------------------------------------

template <class C>
Field<C> int_field(std::string name, int C::*m, int lo, int hi, std::string doc, bool required = false) {
  std::string allowed = std::to_string(lo) + ".." + std::to_string(hi);
  return Field<C>{name,
                  "整数",
                  allowed,
                  std::move(doc),
                  required,
                  [m](const C& c) { return std::to_string(c.*m); },
                  [m, lo, hi, allowed](const toml::node& n, C& c, Sink& sink, const std::string& key) {
                    if (!n.is_integer()) {
                      sink.add(line_of(n), key, "应为整数（" + allowed + "），实际是" + describe_node(n));
                      return;
                    }
                    int64_t v = n.as_integer()->get();
                    if (v < lo || v > hi) {
                      sink.add(line_of(n), key, "超出范围：允许 " + allowed + "，实际是 " + std::to_string(v));
                      return;
                    }
                    c.*m = static_cast<int>(v);
                  }};
}

template <class C>
Field<C> double_field(std::string name, double C::*m, double lo, double hi, std::string allowed, std::string doc) {
  return Field<C>{name,
                  "数字",
                  allowed,
                  std::move(doc),
                  false,
                  [m](const C& c) {
                    std::string s = std::to_string(c.*m);
                    while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
                    return s;
                  },
                  [m, lo, hi, allowed](const toml::node& n, C& c, Sink& sink, const std::string& key) {
                    double v = 0;
                    if (n.is_integer())
                      v = static_cast<double>(n.as_integer()->get());
                    else if (n.is_floating_point())
                      v = n.as_floating_point()->get();
                    else {
                      sink.add(line_of(n), key, "应为数字（" + allowed + "），实际是" + describe_node(n));
                      return;
                    }
                    if (!(v >= lo && v <= hi)) {
                      sink.add(line_of(n), key, "超出范围：允许 " + allowed + "，实际是 " + describe_node(n));
                      return;
                    }
                    c.*m = v;
                  }};
}

template <class C>
Field<C> bool_field(std::string name, bool C::*m, std::string doc) {
  return Field<C>{name,
                  "布尔",
                  "true, false",
                  std::move(doc),
                  false,
                  [m](const C& c) { return std::string(c.*m ? "true" : "false"); },
                  [m](const toml::node& n, C& c, Sink& sink, const std::string& key) {
                    if (!n.is_boolean()) {
                      sink.add(line_of(n), key, "应为 true 或 false（不加引号），实际是" + describe_node(n));
                      return;
                    }
                    c.*m = n.as_boolean()->get();
                  }};
}

// Whether a problem may quote a field's value. A field that can hold a secret (a connection
// string that might carry a password, a token or PIN pasted where its hash belongs) is Hidden:
// its problems name the key, the line and what is wrong, never the text, because problems go to
// logs and the journal.
enum class Echo { Value, Hidden };

// A string checked by `valid` (which gets the text and returns "" when fine, else why not).
// `valid` must not quote the text itself when `echo` is Hidden.
template <class C>
Field<C> string_field(std::string name, std::string C::*m, std::string allowed,
                      std::function<std::string(std::string_view)> valid, std::string doc, bool required = false,
                      Echo echo = Echo::Value) {
  const bool quote = echo == Echo::Value;
  return Field<C>{name,
                  "字符串",
                  allowed,
                  std::move(doc),
                  required,
                  [m](const C& c) { return toml_quote(c.*m); },
                  [m, allowed, valid, quote](const toml::node& n, C& c, Sink& sink, const std::string& key) {
                    if (!n.is_string()) {
                      sink.add(line_of(n), key,
                               "应为带引号的字符串（" + allowed + "），实际是" + describe_node(n, quote) +
                                   (quote ? "" : "（保密项，不显示内容）"));
                      return;
                    }
                    const std::string& s = n.as_string()->get();
                    if (std::string why = valid(s); !why.empty()) {
                      sink.add(
                          line_of(n), key,
                          (quote ? "不允许的值 " + toml_quote(s) : std::string("不允许的值（保密项，不显示内容）")) +
                              "：" + why + "；允许: " + allowed);
                      return;
                    }
                    c.*m = s;
                  }};
}

// A string field that may hold a secret: string_field with Echo::Hidden.
template <class C>
Field<C> secret_string_field(std::string name, std::string C::*m, std::string allowed,
                             std::function<std::string(std::string_view)> valid, std::string doc,
                             bool required = false) {
  return string_field<C>(std::move(name), m, std::move(allowed), std::move(valid), std::move(doc), required,
                         Echo::Hidden);
}

template <class C, class E>
Field<C> enum_field(std::string name, E C::*m, std::vector<std::pair<std::string, E>> names, std::string doc,
                    bool required = false) {
  std::string allowed;
  for (const auto& entry : names) allowed += (allowed.empty() ? "" : ", ") + entry.first;
  return Field<C>{name,
                  "选项",
                  allowed,
                  std::move(doc),
                  required,
                  [m, names](const C& c) {
                    for (const auto& [label, value] : names)
                      if (value == c.*m) return toml_quote(label);
                    return std::string("?");
                  },
                  [m, names, allowed](const toml::node& n, C& c, Sink& sink, const std::string& key) {
                    if (n.is_string()) {
                      for (const auto& [label, value] : names) {
                        if (label == n.as_string()->get()) {
                          c.*m = value;
                          return;
                        }
                      }
                    }
                    sink.add(line_of(n), key, "不允许的值 " + describe_node(n) + "；允许: " + allowed);
                  }};
}

template <class C>
Field<C> string_list_field(std::string name, std::vector<std::string> C::*m, std::string allowed,
                           std::function<std::string(std::string_view)> valid, std::string doc) {
  return Field<C>{name,
                  "字符串数组",
                  allowed,
                  std::move(doc),
                  false,
                  [m](const C& c) {
                    std::string out = "[";
                    for (const auto& s : c.*m) out += (out.size() > 1 ? ", " : "") + toml_quote(s);
                    return out + "]";
                  },
                  [m, allowed, valid](const toml::node& n, C& c, Sink& sink, const std::string& key) {
                    if (!n.is_array()) {
                      sink.add(line_of(n), key, "应为字符串数组，如 [\"a\", \"b\"]，实际是" + describe_node(n));
                      return;
                    }
                    std::vector<std::string> out;
                    bool good = true;
                    const auto& arr = *n.as_array();
                    for (size_t i = 0; i < arr.size(); ++i) {
                      std::string ek = key + "[" + std::to_string(i) + "]";
                      if (!arr[i].is_string()) {
                        sink.add(line_of(arr[i]), ek, "应为字符串，实际是" + describe_node(arr[i]));
                        good = false;
                        continue;
                      }
                      const std::string& s = arr[i].as_string()->get();
                      if (std::string why = valid(s); !why.empty()) {
                        sink.add(line_of(arr[i]), ek,
                                 "不允许的值 " + toml_quote(s) + "：" + why + "；允许: " + allowed);
                        good = false;
                        continue;
                      }
                      out.push_back(s);
                    }
                    if (good) c.*m = std::move(out);
                  }};
}

// [[key]] sections, each a T described by `sub` (keys relative to the element).
template <class C>
std::string defaults_markdown_rows(const std::vector<Field<C>>& fields, const std::string& prefix);

template <class C, class T>
Field<C> table_array_field(std::string key, std::vector<T> C::*m, std::vector<Field<T>> sub, std::string allowed,
                           std::string doc, bool required = false) {
  return Field<C>{
      key,
      "表数组 [[" + key + "]]",
      allowed,
      std::move(doc),
      required,
      [m](const C& c) { return (c.*m).empty() ? std::string("[]") : "(" + std::to_string((c.*m).size()) + " 项)"; },
      [m, sub, key](const toml::node& n, C& c, Sink& sink, const std::string& display) {
        if (!n.is_array_of_tables()) {
          // Only the kind, as for a section: the elements may hold secrets (staff[].token_hash).
          sink.add(line_of(n), display, "应写成一个或多个 [[" + key + "]] 段，实际是" + describe_node(n, false));
          return;
        }
        const auto& arr = *n.as_array();
        std::vector<T> out;
        for (size_t i = 0; i < arr.size(); ++i) {
          std::string ed = display + "[" + std::to_string(i) + "]";
          T element{};
          Seen seen;
          size_t before = sink.problems.size();
          apply_table(*arr[i].as_table(), "", ed, sub, element, sink, seen);
          for (const auto& f : sub) {
            if (f.required && !seen.count(ed + "." + f.key))
              sink.add(line_of(arr[i]), ed + "." + f.key, "缺少必填项（" + f.doc + "）；允许: " + f.allowed);
          }
          if (sink.problems.size() == before) out.push_back(std::move(element));
        }
        c.*m = std::move(out);
      },
      defaults_markdown_rows(sub, key + "[].")};
}

// ---- shared validators (return "" when fine) ---------------------------------------------
std::string valid_any(std::string_view);
std::string valid_identifier(std::string_view s);  // [a-z0-9][a-z0-9-]{0,63}
std::string valid_absolute_path(std::string_view s);
std::string valid_optional_absolute_path(std::string_view s);
std::string valid_optional_http_url(std::string_view s);
std::string valid_hostname_pattern(std::string_view s);  // host or *.host

// Loads `path` (or `text`) and applies `fields`; the caller adds cross-field checks.
template <class C>
struct Parsed {
  C config{};
  Sink sink;
  Seen seen;
  bool parsed = false;  // false: the TOML itself is malformed (sink holds why)
};

bool parse_toml(std::string_view text, const std::string& name, toml::table& out, Sink& sink);
bool read_text(const std::string& path, std::string& out, Sink& sink);

template <class C>
Parsed<C> run_schema(std::string_view text, const std::string& name, const std::vector<Field<C>>& fields) {
  Parsed<C> p;
  p.sink.file = name;
  toml::table root;
  if (!parse_toml(text, name, root, p.sink)) return p;
  p.parsed = true;
  apply_table(root, "", "", fields, p.config, p.sink, p.seen);
  check_required(root, "", fields, p.sink, p.seen);
  return p;
}

template <class C>
std::string defaults_markdown_rows(const std::vector<Field<C>>& fields, const std::string& prefix) {
  C defaults{};
  std::string out;
  auto cell = [](std::string s) {
    std::string r;
    for (char ch : s) r += ch == '|' ? std::string("\\|") : std::string(1, ch);
    return r;
  };
  for (const auto& f : fields) {
    out += "| `" + prefix + f.key + "` | " + cell(f.type) + " | " +
           (f.required ? std::string("**必填**") : "`" + cell(f.show(defaults)) + "`") + " | " + cell(f.allowed) +
           " | " + cell(f.doc) + " |\n" + f.sub_rows;
  }
  return out;
}

template <class C>
std::string defaults_markdown(const std::vector<Field<C>>& fields) {
  return "| 键 key | 类型 | 默认值 | 允许 | 含义 |\n| --- | --- | --- | --- | --- |\n" +
         defaults_markdown_rows(fields, "");
}

template <class C>
std::optional<std::string> value_of(const std::vector<Field<C>>& fields, const C& c, std::string_view key) {
  for (const auto& f : fields)
    if (f.key == key) return f.show(c);
  return std::nullopt;
}

}  // namespace bianmin::config::detail
