// 明白卡 list: every convenience card, with its topic.
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_cards(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  ctx.title = "明白卡";
  const auto& cards = ctx.memo.get<std::vector<content::CardSummary>>("cards", [&] { return ctx.store.cards(); });
  const auto& topics = ctx.memo.get<std::vector<content::Topic>>("topics", [&] { return ctx.store.topics(); });
  begin_page(ctx, "cards");
  ui.paragraph("一张卡说清楚：谁能办、带什么、去哪办、多久办好。", ui.fonts->body, ui.c.text_muted);
  if (cards.empty()) ui.text("暂无明白卡", ui.fonts->body, ui.c.text_muted);
  for (const auto& c : cards) {
    std::string topic;
    for (const auto& t : topics)
      if (t.id == c.topic_id) topic = t.name;
    if (ui.row(card_title(c.title), topic, {})) ctx.go(Route::card(c.id));
  }
  end_page(ctx);
}

}  // namespace bianmin::kiosk
