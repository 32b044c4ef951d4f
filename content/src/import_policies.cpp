// policies/*.yaml: policy documents (政策文件) with their plain Q&A (一问一答).
#include <unordered_map>

#include "import_common.hpp"

namespace bianmin::content {

void import_policies(ImportContext& ctx) {
  std::unordered_map<std::string, std::string> id_file;
  for (const auto& path : yaml_files(ctx.root / "policies")) {
    const std::string rel = relative_name(ctx, path);
    auto root = load_yaml(path, rel, ctx.problems);
    if (!root) continue;
    MapReader r(ctx.problems, rel, *root);
    PolicyDocument p;
    p.id = r.slug("id", Need::Required);
    if (!p.id.empty()) {
      auto [it, fresh] = id_file.emplace(p.id, rel);
      if (!fresh) r.problem("id", "政策文件编号“" + p.id + "”和 " + it->second + " 重复了");
    }
    p.title = r.text("title", Need::Required);
    p.doc_number = r.text("doc_number");
    p.issuer = r.text("issuer", Need::Required);
    p.date = r.date("date", Need::Required);
    ctx.note_date(p.date);
    p.status = r.choice("status", Need::Required, PolicyStatus::InForce);
    p.topic_ids = r.text_list("topics", Need::Optional, true);
    ctx.check_ref_list(r, "topics", p.topic_ids, ctx.topics, "主题");
    p.catalogue_id = r.slug("catalogue", Need::Optional, true);
    ctx.check_ref(r, "catalogue", p.catalogue_id, ctx.catalogue, "公开目录");
    p.body = r.text("body", Need::Required);
    p.attachments = r.text_list("attachments");
    r.each("qa", Need::Optional, [&](MapReader& m) {
      p.qa.push_back({m.text("q", Need::Required), m.text("a", Need::Required)});
    });
    r.finish();
    ctx.content.policies.push_back(std::move(p));
  }
}

}  // namespace bianmin::content
