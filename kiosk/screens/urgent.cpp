// 紧急通知: an urgent notice over whatever is shown (screen, attract loop), until it expires
// (its urgent_until, hall time) or the villager taps 知道了 — for their session only: the idle
// reset forgets it, and the next person sees it again while it is current.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "screens/screens.hpp"

namespace bianmin::kiosk {

std::vector<content::Notice> urgent_to_show(const content::Store& store, Memo& memo, const AppFacts& facts,
                                            const PersonState& person) {
  if (facts.today.empty()) return {};
  const std::string now = facts.today + " " + (facts.clock.empty() ? "00:00" : facts.clock);
  const auto& all = memo.get<std::vector<content::Notice>>("urgent/" + now, [&] { return store.urgent_notices(now); });
  std::vector<content::Notice> out;
  for (const auto& n : all)
    if (!person.urgent_dismissed.count(n.id)) out.push_back(n);
  return out;
}

namespace {
// "2026-12-02 18:00" → "12月2日 18:00".
std::string until_words(const std::string& until) {
  if (until.size() != 16) return until;
  int mo = std::atoi(until.substr(5, 2).c_str()), d = std::atoi(until.substr(8, 2).c_str());
  return std::to_string(mo) + "月" + std::to_string(d) + "日 " + until.substr(11);
}
}  // namespace

void draw_urgent_overlay(ScreenContext& ctx, const std::vector<content::Notice>& shown) {
  if (shown.empty()) return;
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const content::Notice& n = shown.front();
  // The hall's log says when each urgent notice first reached this screen (and tests time it).
  static std::set<std::string> logged;
  if (logged.insert(n.id + "|" + n.urgent_until).second)
    std::fprintf(stderr, "bianmin-kiosk: urgent notice shown: %s (until %s)\n", n.id.c_str(), n.urgent_until.c_str());

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
  ImGui::Begin("urgent", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.height), ui.c.overlay);

  // A card across the screen (margins of one pad), as tall as its text needs, at most the
  // screen less the margins; a long body is clamped (the notice's own page has all of it).
  const float w = m.width - m.pad * 2;
  const float inner = w - m.pad * 2;
  const float band = ui.line_height(ui.fonts->heading) + m.pad * 1.2f;
  const std::string when = "有效至 " + until_words(n.urgent_until);
  const std::string more = shown.size() > 1 ? "还有 " + std::to_string(shown.size() - 1) + " 条紧急通知" : "";
  const float button_h = m.touch * 1.3f;
  const float fixed = band + m.pad * 3 + ui.paragraph_height(n.title, ui.fonts->heading, inner) + m.gap +
                      ui.line_height(ui.fonts->small) + m.gap * 2 + button_h +
                      (more.empty() ? 0 : ui.line_height(ui.fonts->small) + m.gap);
  const float max_h = m.height - m.pad * 2;
  const float body_room = std::max(ui.line_height(ui.fonts->body) * 2, max_h - fixed);
  const float body_h = std::min(ui.paragraph_height(n.body, ui.fonts->body, inner), body_room);
  const int body_lines = std::max(2, static_cast<int>(body_h / ui.line_height(ui.fonts->body)));
  const float h = std::min(max_h, fixed + body_h);
  const ImVec2 a(m.pad, (m.height - h) * 0.5f), b(a.x + w, a.y + h);
  dl->AddRectFilled(a, b, ui.c.surface, m.radius * 1.5f);
  // The red band: 紧急通知, with the notice icon (colour is never the only cue: the words say it).
  dl->AddRectFilled(a, ImVec2(b.x, a.y + band), ui.c.danger, m.radius * 1.5f, ImDrawFlags_RoundCornersTop);
  const std::string head = "紧急通知";
  const ImVec2 hs = ui.measure(head, ui.fonts->heading);
  ui.draw_text(dl, ui.fonts->heading, ImVec2(a.x + (w - hs.x) * 0.5f, a.y + (band - hs.y) * 0.5f), ui.c.text_on_primary,
               head);

  ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, a.y + band + m.pad));
  ui.paragraph(n.title, ui.fonts->heading, ui.c.text, inner);
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, ImGui::GetCursorScreenPos().y + m.gap));
  ui.paragraph_clamped(n.body, ui.fonts->body, ui.c.text, inner, body_lines);
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, ImGui::GetCursorScreenPos().y + m.gap));
  ui.text(when, ui.fonts->small, ui.c.text_muted);
  if (!more.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, ImGui::GetCursorScreenPos().y + m.gap));
    ui.text(more, ui.fonts->small, ui.c.text_muted);
  }
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, b.y - m.pad - button_h));
  // The app blocks the screen below while this shows; this button takes touches unless the
  // idle countdown or the attract loop is in front.
  if (ui.button("知道了", assets::Icon::Check, ButtonKind::Primary, ImVec2(inner, button_h)))
    ctx.person.urgent_dismissed.insert(n.id);
  ImGui::End();
}

}  // namespace bianmin::kiosk
