// bianmin-publish check SRC: lists every problem in a source directory, one per line as
// `file:line: field: message` (file relative to SRC); exit 1 if any, else a short summary.
#include <cstdio>

#include "bianmin/content/importer.hpp"
#include "commands.hpp"

namespace bianmin::publish {

int cmd_check(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {});
  if (!p.error.empty()) return usage_error("check", p.error);
  if (p.positional.size() != 1) return usage_error("check", "请给出一个源目录");
  auto result = content::import_source(p.positional[0]);
  if (!result.problems.empty()) {
    print_problems(result.problems, "请逐条修改后再检查。");
    return 1;
  }
  std::printf("检查通过，没有发现问题。\n%s", content::summarize(result.content).c_str());
  return 0;
}

}  // namespace bianmin::publish
