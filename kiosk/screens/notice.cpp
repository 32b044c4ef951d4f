// One notice (公告) from the home screen.
#include "bianmin/speech/scripts.hpp"
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_notice(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  ctx.title = "通知公告";
  const auto& notices = ctx.memo.get<std::vector<content::Notice>>(
      "notices/" + ctx.facts.today, [&] { return ctx.store.notices_current(ctx.facts.today); });
  begin_page(ctx, ("notice_" + ctx.route.id).c_str());
  const content::Notice* n = nullptr;
  for (const auto& x : notices)
    if (x.id == ctx.route.id) n = &x;
  if (!n) {
    ui.paragraph("该通知已过期。", ui.fonts->body, ui.c.text);
  } else {
    const auto script = [&] { return speech::notice_script(*n); };
    if (ui.m.elder) read_aloud_button(ctx, "notice/" + n->id, script);
    ui.begin_card();
    ui.paragraph(n->title, ui.fonts->heading, ui.c.text);
    ui.paragraph(n->start_date + " 至 " + n->end_date, ui.fonts->small, ui.c.text_muted);
    ui.paragraph(n->body, ui.fonts->body, ui.c.text);
    ui.end_card();
    if (!ui.m.elder) read_aloud_button(ctx, "notice/" + n->id, script);
  }
  end_page(ctx);
}

}  // namespace bianmin::kiosk
