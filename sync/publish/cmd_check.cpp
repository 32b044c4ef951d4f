// bianmin-publish check SRC: lists every problem in a source directory, one per line as
// `file:line: field: message` (file relative to SRC); exit 1 if any, else a short summary.
// Validates exactly as `build` does (the same import, then the cache written to a scratch file
// and thrown away), so check never passes what build refuses.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/importer.hpp"
#include "commands.hpp"

namespace bianmin::publish {

int cmd_check(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {});
  if (!p.error.empty()) return usage_error("check", p.error);
  if (p.positional.size() != 1) return usage_error("check", "请给出一个源目录");
  auto result = content::import_source(p.positional[0]);
  print_warnings(result.warnings);
  if (!result.problems.empty()) {
    print_problems(result.problems, "请逐条修改后再检查。");
    return 1;
  }
  // What build does next, into a scratch directory.
  const char* tmp = std::getenv("TMPDIR");
  std::string dir_template = std::string(tmp && *tmp ? tmp : "/tmp") + "/bianmin-check-XXXXXX";
  if (::mkdtemp(dir_template.data()) == nullptr) {
    std::printf("无法创建临时目录 %s，检查没有完成\n", dir_template.c_str());
    return 1;
  }
  std::filesystem::path scratch = dir_template;
  auto written = content::write_cache(result.content, scratch / "content.db");
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  if (!written) {
    Problem problem = written.error();
    problem.file.clear();  // the scratch file's name means nothing to staff
    print_problems({problem}, "请逐条修改后再检查。");
    return 1;
  }
  std::printf("检查通过，没有发现问题。\n%s", content::summarize(result.content).c_str());
  return 0;
}

}  // namespace bianmin::publish
