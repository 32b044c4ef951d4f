// One policy document: header with status, the body, attachments by name, and the 一问一答
// as expandable questions.
#include "bianmin/speech/scripts.hpp"
#include "screens/screens.hpp"

namespace bianmin::kiosk {

Badge policy_badge(const Ui& ui, content::PolicyStatus s);  // policies.cpp

void draw_policy(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const auto& doc = ctx.memo.get<std::optional<content::PolicyDocument>>(
      "policy/" + ctx.route.id, [&] { return ctx.store.policy(ctx.route.id); });
  if (!doc) return draw_missing(ctx, "政策文件", "未找到该文件，可能已更新。");
  ctx.title = "政策文件";
  begin_page(ctx, ("policy_" + ctx.route.id).c_str());
  const auto& d = *doc;
  ctx.title = d.title;
  const auto script = [&] { return speech::policy_script(d); };
  if (ui.m.elder) read_aloud_button(ctx, "policy/" + d.id, script);
  ui.begin_card();
  ui.paragraph(d.title, ui.fonts->heading, ui.c.text);
  ui.badges({policy_badge(ui, d.status)});
  ui.paragraph(d.doc_number + " · " + d.issuer + " · " + d.date, ui.fonts->small, ui.c.text_muted);
  if (d.status == content::PolicyStatus::Abolished)
    ui.paragraph("本文件已废止，仅供查阅，请以现行有效文件为准。", ui.fonts->body, ui.c.danger);
  ui.end_card();
  if (!ui.m.elder) read_aloud_button(ctx, "policy/" + d.id, script);
  if (!d.qa.empty()) {
    ui.section_title("政策问答", assets::Icon::Info);
    for (size_t i = 0; i < d.qa.size(); ++i) {
      const std::string key = "policy/" + d.id + "/qa/" + std::to_string(i);
      const bool open = ctx.person.expanded.count(key) > 0;
      if (ui.expander("问：" + d.qa[i].question, open)) {
        if (open)
          ctx.person.expanded.erase(key);
        else
          ctx.person.expanded.insert(key);
      }
      if (open) {
        ui.begin_card();
        ui.paragraph("答：" + d.qa[i].answer, ui.fonts->body, ui.c.text);
        ui.end_card();
      }
    }
  }
  ui.section_title("文件全文", assets::Icon::Policy);
  ui.begin_card();
  ui.paragraph(d.body, ui.fonts->body, ui.c.text);
  if (!d.attachments.empty()) {
    ui.paragraph("附件：", ui.fonts->small, ui.c.text_muted);
    for (const auto& a : d.attachments) ui.paragraph(a, ui.fonts->small, ui.c.text_muted);
  }
  ui.end_card();
  end_page(ctx);
}

}  // namespace bianmin::kiosk
