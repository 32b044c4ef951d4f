// notices/*.yaml: short announcements (公告) shown while current.
#include <unordered_map>

#include "import_common.hpp"

namespace bianmin::content {

void import_notices(ImportContext& ctx) {
  std::unordered_map<std::string, std::string> id_file;
  for (const auto& path : yaml_files(ctx.root / "notices")) {
    const std::string rel = relative_name(ctx, path);
    auto root = load_yaml(path, rel, ctx.problems);
    if (!root) continue;
    MapReader r(ctx.problems, rel, *root);
    Notice n;
    n.id = r.slug("id", Need::Required);
    if (!n.id.empty()) {
      auto [it, fresh] = id_file.emplace(n.id, rel);
      if (!fresh) r.problem("id", "公告编号“" + n.id + "”和 " + it->second + " 重复了");
    }
    n.title = r.text("title", Need::Required);
    n.body = r.text("body", Need::Required);
    n.start_date = r.date("start", Need::Required);
    n.end_date = r.date("end", Need::Required);
    if (!n.start_date.empty() && !n.end_date.empty() && n.end_date < n.start_date)
      r.problem("end", "结束日期 " + n.end_date + " 早于开始日期 " + n.start_date);
    ctx.note_date(n.start_date);
    r.finish();
    ctx.content.notices.push_back(std::move(n));
  }
}

}  // namespace bianmin::content
