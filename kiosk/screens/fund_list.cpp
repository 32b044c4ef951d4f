// 资金公开, step 2: a village's publications, those in their publicity period first, archived
// ones marked.
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_fund_list(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  std::string village = ctx.route.village;
  for (const auto& v : site.villages)
    if (v.id == ctx.route.village) village = v.name;
  ctx.title = village + " · 资金公开";
  const auto& funds = ctx.memo.get<std::vector<content::FundSummary>>(
      "funds/" + ctx.route.village + "/" + ctx.facts.today,
      [&] { return ctx.store.funds_for_village(ctx.route.village, ctx.facts.today); });
  begin_page(ctx, ("fund_list_" + ctx.route.village).c_str());
  if (funds.empty()) ui.paragraph("本村暂无资金公示。", ui.fonts->body, ui.c.text_muted);
  ListColumns cols(ctx);
  for (const auto& f : funds) {
    cols.next();
    std::vector<Badge> b;
    b.push_back(fund_status_badge(ui, f.publicity_start, f.publicity_end, ctx.facts.today));
    // The fund's type is a name of up to ~25 characters: in the second line, where it wraps
    // (a pill does not).
    std::string sub = f.fund_type + (f.fund_type.empty() ? "" : " · ") + "公示期 " +
                      plain_date_range(f.publicity_start, f.publicity_end);
    if (ui.row(f.title, sub, b, f.id)) ctx.go(Route::fund_table(ctx.route.village, f.id));
  }
  cols.end();
  end_page(ctx);
}

}  // namespace bianmin::kiosk
