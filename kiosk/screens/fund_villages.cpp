// 资金公开, step 1: choose a village (行政村).
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_fund_villages(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  ctx.title = "资金公开";
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  begin_page(ctx, "fund_villages");
  ui.paragraph("惠民资金发放到村、到组、到户，欢迎查看和监督。请选择您所在的村：", ui.fonts->body, ui.c.text_muted);
  for (const auto& v : site.villages) {
    const auto& funds = ctx.memo.get<std::vector<content::FundSummary>>(
        "funds/" + v.id + "/" + ctx.facts.today, [&] { return ctx.store.funds_for_village(v.id, ctx.facts.today); });
    int current = 0;
    for (const auto& f : funds) current += f.current ? 1 : 0;
    std::string sub = std::to_string(funds.size()) + " 项公示";
    std::vector<Badge> b;
    if (current > 0) b.push_back(ui.badge_ok(std::to_string(current) + " 项公示中"));
    if (ui.row(v.name, sub, b, v.id)) ctx.go(Route{Screen::FundList, v.id, ""});
  }
  end_page(ctx);
}

}  // namespace bianmin::kiosk
