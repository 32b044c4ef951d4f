// One 明白卡: the plain one-screen version — 谁能办, 带什么, 去哪办, 什么时候办, 多久办好,
// 要花多少钱 (or, on a benefit card, 能领多少（补助标准）), 咨询电话 — with the QR panel and 打印.
#include "bianmin/speech/scripts.hpp"
#include "screens/screens.hpp"
#include "widgets/qr_panel.hpp"

namespace bianmin::kiosk {
namespace {

void item(Ui& ui, assets::Icon icon, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float d = ui.fonts->heading->FontSize * 1.1f;
  dl->AddCircleFilled(ImVec2(p.x + d * 0.5f, p.y + d * 0.5f), d * 0.5f, ui.c.primary_soft, 32);
  std::string ic = ui.fonts->glyph(icon);
  ImVec2 is = ui.measure(ic, ui.fonts->body);
  dl->AddText(ui.fonts->body, ui.fonts->body->FontSize, ImVec2(p.x + (d - is.x) * 0.5f, p.y + (d - is.y) * 0.5f),
              ui.c.primary, ic.c_str());
  ImGui::SetCursorScreenPos(ImVec2(p.x + d + ui.m.gap, p.y));
  ImGui::BeginGroup();
  const float w = ImGui::GetContentRegionAvail().x;
  ui.paragraph(label, ui.fonts->small, ui.c.text_muted, w);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.m.gap * 0.6f);
  ui.paragraph(value, ui.fonts->body, ui.c.text, w);
  ImGui::EndGroup();
}

}  // namespace

void draw_card(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const auto& card = ctx.memo.get<std::optional<content::ConvenienceCard>>(
      "card/" + ctx.route.id, [&] { return ctx.store.card(ctx.route.id); });
  if (!card) return draw_missing(ctx, "明白卡", "未找到这张明白卡，可能已更新。");
  ctx.title = "明白卡";
  begin_page(ctx, ("card_" + ctx.route.id).c_str());
  const auto& c = *card;
  const std::string title = card_title(c.title);
  ctx.title = title;
  const auto script = [&] { return speech::card_script(c); };
  if (ui.m.elder) read_aloud_button(ctx, "card/" + c.id, script);
  ui.begin_card();
  ui.badges({ui.badge_info("明白卡")});
  ui.paragraph(title, ui.fonts->heading, ui.c.primary);
  item(ui, assets::Icon::Info, "谁能办", c.who);
  std::string bring;
  for (size_t i = 0; i < c.bring.size(); ++i) bring += (i ? "\n" : "") + std::to_string(i + 1) + ". " + c.bring[i];
  item(ui, assets::Icon::Check, "带什么", bring);
  item(ui, assets::Icon::Place, "去哪办", c.where);
  item(ui, assets::Icon::Calendar, "什么时候办", c.when);
  item(ui, assets::Icon::Duration, "多久办好", c.how_long);
  item(ui, assets::Icon::Money, card_money_label(c.money), c.cost);
  item(ui, assets::Icon::Phone, "咨询电话", c.phone);
  if (!c.updated_date.empty()) ui.paragraph("更新于 " + plain_date(c.updated_date), ui.fonts->small, ui.c.text_muted);
  ui.end_card();
  if (!ui.m.elder) read_aloud_button(ctx, "card/" + c.id, script);
  const bool can_print = ctx.facts.printer_configured;  // no printer: no 打印
  const float w = c.guide_code.empty() || !can_print ? ImGui::GetContentRegionAvail().x
                                                     : (ImGui::GetContentRegionAvail().x - m.gap) / 2;
  if (can_print && ui.button("打印", assets::Icon::Print, ButtonKind::Accent, ImVec2(w, m.touch * 1.1f)))
    ctx.emit(intent::Print{intent::PrintKind::Card, c.id, {}, {}});
  if (!c.guide_code.empty()) {
    if (can_print) ImGui::SameLine(0, m.gap);
    if (ui.button("查看完整办事指南", assets::Icon::Guides, ButtonKind::Secondary, ImVec2(w, m.touch * 1.1f)))
      ctx.go(Route::guide(c.guide_code));
  }
  if (!c.online_url.empty()) qr_panel(ui, c.online_url, "手机扫码，在线办理或预约");
  end_page(ctx);
}

}  // namespace bianmin::kiosk
