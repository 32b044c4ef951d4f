// bianmin-publish build SRC -o content.db: checks SRC exactly as `check` does and, only when
// there is no problem, writes the content cache. Deterministic: the same source bytes and
// options give a byte-identical file, because the sync signs and diffs these files. So the
// defaults for the version and publication time come from the source, never from the clock.
#include <cstdio>
#include <filesystem>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/importer.hpp"
#include "build_options.hpp"
#include "commands.hpp"

namespace bianmin::publish {

BuildOptions parse_build_options(const std::vector<std::string>& args, std::string& error) {
  BuildOptions b;
  ParsedArgs p = parse_args(args, {"o", "version", "published-at", "channel", "key"});
  if (!p.error.empty()) {
    error = p.error;
    return b;
  }
  if (p.positional.size() != 1) {
    error = "请给出一个源目录";
    return b;
  }
  b.source = p.positional[0];
  if (auto o = p.get("o")) b.output = *o;
  if (b.output.empty()) error = "请用 -o 指定输出文件，例如 -o content.db";
  if (auto v = p.get("version")) b.version = *v;
  if (auto t = p.get("published-at")) b.published_at = *t;
  if (auto c = p.get("channel")) b.channel = *c;
  if (auto k = p.get("key")) b.key = *k;
  return b;
}

content::ImportResult import_for_build(const BuildOptions& options, bool& ok) {
  auto imported = content::import_source(options.source);
  print_warnings(imported.warnings);
  ok = imported.problems.empty();
  if (!ok) {
    print_problems(imported.problems, "没有生成内容。请逐条修改后再生成。");
    return imported;
  }
  imported.content.content_version = options.version.empty() ? default_content_version(imported) : options.version;
  imported.content.published_at = options.published_at.empty() ? default_published_at(imported) : options.published_at;
  return imported;
}

int cmd_build(const std::vector<std::string>& args) {
  std::string error;
  BuildOptions options = parse_build_options(args, error);
  if (!error.empty()) return usage_error("build", error);
  bool ok = false;
  auto imported = import_for_build(options, ok);
  if (!ok) return 1;
  if (options.bundle_output()) return write_bundle(imported, options);
  // The cache writer replaces the output atomically, so a failed build leaves the previous
  // file as it was.
  if (auto written = content::write_cache(imported.content, options.output); !written) {
    std::printf("无法写入 %s：%s\n", options.output.c_str(), written.error().to_string().c_str());
    return 1;
  }
  std::printf("已生成 %s（内容版本 %s）\n%s", options.output.c_str(), imported.content.content_version.c_str(),
              content::summarize(imported.content).c_str());
  return 0;
}

}  // namespace bianmin::publish
