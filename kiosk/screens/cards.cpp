// 明白卡 list: every convenience card, with its topic. On a short screen (a tablet in elder
// mode shows about three rows with two lines) the cards show their titles alone and the
// introduction goes, so several cards and the 下滑查看更多 cue are in sight at once.
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_cards(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ctx.title = "明白卡";
  const auto& cards = ctx.memo.get<std::vector<content::CardSummary>>("cards", [&] { return ctx.store.cards(); });
  const auto& topics = ctx.memo.get<std::vector<content::Topic>>("topics", [&] { return ctx.store.topics(); });
  // A row with its topic line, as Ui::row sizes it; fewer than five in the page: short.
  const float two_line_row =
      ui.line_height(ui.fonts->body) + ui.line_height(ui.fonts->small) + m.gap * 1.5f + m.pad * 1.3f;
  const bool short_page = ctx.area_h() < two_line_row * 5;
  begin_page(ctx, "cards");
  if (!short_page) ui.paragraph("一张卡说清楚：谁能办、带什么、去哪办、多久办好。", ui.fonts->body, ui.c.text_muted);
  if (cards.empty()) ui.text("暂无明白卡", ui.fonts->body, ui.c.text_muted);
  ListColumns cols(ctx);
  for (const auto& c : cards) {
    std::string topic;
    if (!short_page)
      for (const auto& t : topics)
        if (t.id == c.topic_id) topic = t.name;
    cols.next();
    if (ui.row(card_title(c.title), topic, {}, c.id)) ctx.go(Route::card(c.id));
  }
  cols.end();
  end_page(ctx);
}

}  // namespace bianmin::kiosk
