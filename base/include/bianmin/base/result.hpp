// Errors as values. Importer, cache, config and sync problems carry where they are (file, line,
// field) and a message fit for hall staff. Exceptions never cross a library boundary.
//
// Promises:
//  - Result<T> holds a T or a Problem, Status holds nothing or a Problem; both are
//    [[nodiscard]]: a caller that drops one has to say so (`(void)` with a comment why).
//  - Problem::to_string() is "file:line: field: message", leaving out the parts not known
//    (a warning adds "提醒：" before the message).
//  - A Problem is an error unless it says it is a warning: errors refuse what they are found
//    in (a publication, a config), warnings are shown and do not block.
//  - Header-only, no dependencies but the standard library: every part of Bianmin may use it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace bianmin {

// How much a problem matters: an error refuses, a warning is shown and does not block.
enum class Severity { Error, Warning };

// One problem found in a source file, a cache, a config or a bundle.
struct Problem {
  std::string file;     // path as the user gave it (relative to the source dir when importing)
  int line = 0;         // 1-based line, 0 when not known
  std::string field;    // field or column, e.g. "materials[2].copies" or "amount"
  std::string message;  // plain words a hall worker can act on
  Severity severity = Severity::Error;

  bool is_warning() const { return severity == Severity::Warning; }

  // "file:line: field: message" (parts that are empty are left out).
  std::string to_string() const {
    std::string out;
    if (!file.empty()) {
      out += file;
      if (line > 0) out += ":" + std::to_string(line);
      out += ": ";
    }
    if (!field.empty()) out += field + ": ";
    if (is_warning()) out += "提醒：";
    out += message;
    return out;
  }
};

// Either a value or an error. A tiny std::expected for C++20.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Problem error) : v_(std::move(error)) {}
  static Result fail(std::string message, std::string file = {}, int line = 0, std::string field = {}) {
    return Result(Problem{std::move(file), line, std::move(field), std::move(message)});
  }

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Problem& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Problem> v_;
};

// Result<void>: success, or a problem.
struct [[nodiscard]] Status {
  std::optional<Problem> problem;
  static Status success() { return {}; }
  static Status fail(std::string message, std::string file = {}, int line = 0, std::string field = {}) {
    return Status{Problem{std::move(file), line, std::move(field), std::move(message)}};
  }
  bool ok() const { return !problem.has_value(); }
  explicit operator bool() const { return ok(); }
  const Problem& error() const { return *problem; }
};

// Problems collected over a whole validation run (an importer reports all it finds).
using Problems = std::vector<Problem>;

namespace detail {
// The part of a message that says what is wrong, without the offending value at its end.
inline std::string message_stem(const std::string& m) {
  std::size_t at = m.rfind("现在是");
  return at == std::string::npos ? m : m.substr(0, at);
}
}  // namespace detail

// Problems as staff read them, one line each (Problem::to_string), in order. Problems that say
// the same thing in one file and field on several lines (the value quoted after "现在是" aside)
// become one line naming the lines as ranges: "funds/x.csv:第 2–20001 行: 金额: …（共 20000
// 行，如第 2 行）", so one mistake repeated down a column is one line, not twenty thousand.
inline std::vector<std::string> grouped_problem_lines(const Problems& problems) {
  struct Group {
    std::size_t first;  // index of its first problem
    std::vector<int> lines;
  };
  std::vector<Group> groups;
  std::map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    if (p.line <= 0) {
      groups.push_back({i, {}});
      continue;
    }
    std::string key =
        p.file + '\x1f' + p.field + '\x1f' + (p.is_warning() ? "w" : "e") + '\x1f' + detail::message_stem(p.message);
    auto [it, fresh] = by_key.emplace(key, groups.size());
    if (fresh) groups.push_back({i, {}});
    groups[it->second].lines.push_back(p.line);
  }
  std::vector<std::string> out;
  for (const Group& g : groups) {
    const Problem& p = problems[g.first];
    if (g.lines.size() <= 1) {
      out.push_back(p.to_string());
      continue;
    }
    // "2–5、7、9–20001" (at most 8 ranges, then "…")
    std::string ranges;
    int shown = 0;
    for (std::size_t k = 0; k < g.lines.size();) {
      std::size_t j = k;
      while (j + 1 < g.lines.size() && g.lines[j + 1] <= g.lines[j] + 1) ++j;
      if (shown++ == 8) {
        ranges += "、…";
        break;
      }
      if (!ranges.empty()) ranges += "、";
      ranges += std::to_string(g.lines[k]);
      if (g.lines[j] != g.lines[k]) ranges += "–" + std::to_string(g.lines[j]);
      k = j + 1;
    }
    std::string line = p.file + ":第 " + ranges + " 行: ";
    if (!p.field.empty()) line += p.field + ": ";
    if (p.is_warning()) line += "提醒：";
    line += p.message + "（共 " + std::to_string(g.lines.size()) + " 行，如第 " + std::to_string(p.line) + " 行）";
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace bianmin
