// Errors as values. Importer, cache and sync problems carry where they are (file, line,
// field) and a message fit for hall staff. Exceptions never cross a library boundary.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace bianmin {

// One problem found in a source file, a cache or a bundle.
struct Problem {
  std::string file;     // path as the user gave it (relative to the source dir when importing)
  int line = 0;         // 1-based line, 0 when not known
  std::string field;    // field or column, e.g. "materials[2].copies" or "amount"
  std::string message;  // plain words a hall worker can act on

  // "file:line: field: message" (parts that are empty are left out).
  std::string to_string() const;
};

// Either a value or an error. A tiny std::expected for C++20.
template <typename T>
class Result {
public:
  Result(T value) : v_(std::move(value)) {}
  Result(Problem error) : v_(std::move(error)) {}
  static Result fail(std::string message, std::string file = {}, int line = 0,
                     std::string field = {}) {
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
struct Status {
  std::optional<Problem> problem;
  static Status success() { return {}; }
  static Status fail(std::string message, std::string file = {}, int line = 0,
                     std::string field = {}) {
    return Status{Problem{std::move(file), line, std::move(field), std::move(message)}};
  }
  bool ok() const { return !problem.has_value(); }
  explicit operator bool() const { return ok(); }
  const Problem& error() const { return *problem; }
};

// Problems collected over a whole validation run (an importer reports all it finds).
using Problems = std::vector<Problem>;

// Problems as staff read them, one line each (Problem::to_string), in order. Problems that say
// the same thing in one file and field on several lines (the value quoted after "现在是" aside)
// become one line naming the lines as ranges: "funds/x.csv:第 2–20001 行: 金额: …（共 20000
// 行，如第 2 行）", so one mistake repeated down a column is one line, not twenty thousand.
std::vector<std::string> grouped_problem_lines(const Problems& problems);

}  // namespace bianmin
