// 政策文件 list: documents in force first; abolished and amended ones marked, never hidden.
#include "screens/screens.hpp"

namespace bianmin::kiosk {

Badge policy_badge(const Ui& ui, content::PolicyStatus s) {
  switch (s) {
    case content::PolicyStatus::InForce:
      return ui.badge_ok(content::label(s));
    case content::PolicyStatus::Abolished:
      return ui.badge_bad(content::label(s));
    case content::PolicyStatus::Amended:
      return ui.badge_warn(content::label(s));
  }
  return ui.badge_info(content::label(s));
}

void draw_policies(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  ctx.title = "政策文件";
  const auto& list =
      ctx.memo.get<std::vector<content::PolicySummary>>("policies", [&] { return ctx.store.policies(); });
  begin_page(ctx, "policies");
  if (list.empty()) ui.text("暂无政策文件", ui.fonts->body, ui.c.text_muted);
  ListColumns cols(ctx);
  for (const auto& p : list) {
    cols.next();
    std::string sub = p.doc_number + (p.date.empty() ? "" : " · " + p.date);
    if (ui.row(p.title, sub, {policy_badge(ui, p.status)}, p.id)) ctx.go(Route::policy(p.id));
  }
  cols.end();
  end_page(ctx);
}

}  // namespace bianmin::kiosk
