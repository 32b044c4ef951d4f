// Subcommands of bianmin-publish (declared from subcommands.def) and the small helpers they
// share. Output for staff is plain Chinese; exit status 0 = success, 1 = problems found,
// 2 = wrong usage.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::publish {

#define BIANMIN_SUBCOMMAND(name, usage, help) int cmd_##name(const std::vector<std::string>& args);
#include "subcommands.def"
#undef BIANMIN_SUBCOMMAND

// Prints "用法：bianmin-publish <name> <usage>" to stderr and returns 2.
int usage_error(const std::string& subcommand, const std::string& message = {});

// Simple option parsing: `--name value` or `--name=value` pairs and positional arguments.
struct ParsedArgs {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;  // without the leading "--"
  std::string error;                                         // non-empty when an option misses its value or is unknown
  std::optional<std::string> get(const std::string& name) const;
};
// `valued` lists the options that take a value (e.g. {"o", "version"}); "-o" is "--o".
ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<std::string>& valued);

// Prints every problem on its own line (`file:line: field: message`) to stdout, then
// "共发现 N 个问题，<what_next>" so staff know how many to fix and what happens now.
void print_problems(const Problems& problems, const std::string& what_next);
// Warnings (Problem::is_warning) one a line like problems, then their count; nothing when none.
void print_warnings(const Problems& warnings);

}  // namespace bianmin::publish
