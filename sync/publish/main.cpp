// bianmin-publish: the tool hall staff and maintainers run to validate, build (and later
// sign and push) a township's content. Subcommands are listed in subcommands.def.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.hpp"

namespace bianmin::publish {

namespace {

struct Subcommand {
  const char* name;
  const char* usage;
  const char* help;
  int (*run)(const std::vector<std::string>&);
};

constexpr Subcommand kSubcommands[] = {
#define BIANMIN_SUBCOMMAND(name, usage, help) {#name, usage, help, &cmd_##name},
#include "subcommands.def"
#undef BIANMIN_SUBCOMMAND
};

// A subcommand as typed: the C name with '-' for '_' (import_sheet is `import-sheet`).
std::string typed_name(const char* name) {
  std::string s = name;
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

int help(FILE* out) {
  std::fprintf(out, "bianmin-publish：检查、生成和发布便民服务终端的内容\n\n用法：\n");
  for (const auto& s : kSubcommands)
    std::fprintf(out, "  bianmin-publish %s %s\n      %s\n", typed_name(s.name).c_str(), s.usage, s.help);
  return out == stdout ? 0 : 2;
}

}  // namespace

int usage_error(const std::string& subcommand, const std::string& message) {
  if (!message.empty()) std::fprintf(stderr, "bianmin-publish %s：%s\n", subcommand.c_str(), message.c_str());
  for (const auto& s : kSubcommands)
    if (subcommand == typed_name(s.name))
      std::fprintf(stderr, "用法：bianmin-publish %s %s\n", subcommand.c_str(), s.usage);
  return 2;
}

void print_problems(const Problems& problems, const std::string& what_next) {
  // The same mistake on many lines (a whole column) is one line naming the line ranges.
  for (const auto& line : grouped_problem_lines(problems)) std::printf("%s\n", line.c_str());
  std::printf("共发现 %zu 个问题，%s\n", problems.size(), what_next.c_str());
}

void print_warnings(const Problems& warnings) {
  if (warnings.empty()) return;
  for (const auto& line : grouped_problem_lines(warnings)) std::printf("%s\n", line.c_str());
  std::printf("共 %zu 条提醒（已自动处理，不影响发布，建议在源文件里改掉）\n", warnings.size());
}

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  std::optional<std::string> v;
  for (const auto& [k, val] : options)
    if (k == name) v = val;
  return v;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<std::string>& valued) {
  ParsedArgs p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-') {
      p.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(a[1] == '-' ? 2 : 1);
    std::string value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    bool takes = std::find(valued.begin(), valued.end(), name) != valued.end();
    if (!takes) {
      p.error = "不认识的选项 " + a;
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        p.error = "选项 " + a + " 后面缺少值";
        continue;
      }
      value = args[++i];
    }
    p.options.emplace_back(name, value);
  }
  return p;
}

}  // namespace bianmin::publish

int main(int argc, char** argv) {
  using namespace bianmin::publish;
  if (argc < 2) return help(stderr);
  std::string name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") return help(stdout);
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& s : kSubcommands)
    if (name == typed_name(s.name)) return s.run(args);
  std::fprintf(stderr, "bianmin-publish：没有“%s”这个命令\n\n", name.c_str());
  return help(stderr);
}
