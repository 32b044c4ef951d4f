// 资金公开, step 1: choose a village (行政村). Two ways in: from home (every village, then its
// publications) or with one publication already chosen (a town-wide publication opened from
// search: its villages only, then that publication's rows for the village). A village
// terminal's own village is listed first and marked 本村.
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_fund_villages(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const std::string& fund_id = ctx.route.id;
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  std::vector<const content::Village*> villages;
  if (fund_id.empty()) {
    ctx.title = "资金公开";
    for (const auto& v : site.villages) villages.push_back(&v);
  } else {
    const auto& header = ctx.memo.get<std::optional<content::FundPublication>>(
        "fund/" + fund_id, [&] { return ctx.store.fund_header(fund_id); });
    if (!header) return draw_missing(ctx, "资金公开", "未找到该公示，可能已更新。");
    ctx.title = header->title;
    for (const auto& v : site.villages)
      if (std::find(header->village_ids.begin(), header->village_ids.end(), v.id) != header->village_ids.end())
        villages.push_back(&v);
  }
  // The terminal's own village first.
  std::stable_partition(villages.begin(), villages.end(),
                        [&](const content::Village* v) { return v->id == ctx.facts.village; });
  begin_page(ctx, fund_id.empty() ? "fund_villages" : ("fund_villages_" + fund_id).c_str());
  ui.paragraph(fund_id.empty() ? "惠民资金发放到村、到组、到户，欢迎查看和监督。请选择您所在的村："
                               : "这份公示包括以下各村，请选择您所在的村，查看本村的名单：",
               ui.fonts->body, ui.c.text_muted);
  ListColumns cols(ctx);
  for (const content::Village* v : villages) {
    cols.next();
    std::vector<Badge> b;
    if (v->id == ctx.facts.village) b.push_back(ui.badge_warn("本村"));
    if (!fund_id.empty()) {
      const auto& t = ctx.memo.get<content::FundTotals>("totals/" + fund_id + "/" + v->id + "/",
                                                        [&] { return ctx.store.fund_totals(fund_id, v->id, ""); });
      if (ui.row(v->name, std::to_string(t.rows) + " 户 · " + format_yuan(t.amount_fen) + " 元", b, v->id))
        ctx.go(Route::fund_table(v->id, fund_id));
      continue;
    }
    const auto& funds = ctx.memo.get<std::vector<content::FundSummary>>(
        "funds/" + v->id + "/" + ctx.facts.today, [&] { return ctx.store.funds_for_village(v->id, ctx.facts.today); });
    int current = 0;
    for (const auto& f : funds) current += f.current ? 1 : 0;
    std::string sub = std::to_string(funds.size()) + " 项公示";
    if (current > 0) b.push_back(ui.badge_ok(std::to_string(current) + " 项公示中"));
    if (ui.row(v->name, sub, b, v->id)) ctx.go(Route::fund_list(v->id));
  }
  cols.end();
  end_page(ctx);
}

}  // namespace bianmin::kiosk
