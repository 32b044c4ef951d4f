// The idle countdown: after idle.warn_seconds without a touch, over whatever is shown,
// 您还在使用吗？ with the seconds left and 继续使用.
#include <imgui.h>

#include <algorithm>

#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_idle_overlay(Ui& ui, int seconds_left, std::vector<Intent>& intents) {
  const Metrics& m = ui.m;
  // A top-level window begun after the root one, so it is drawn above the screen.
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
  ImGui::Begin("idle", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.height), ui.c.overlay);
  const float w = std::min(m.width - m.pad * 2, m.touch * 9);
  std::string l1 = "您还在使用吗？";
  std::string l2 = std::to_string(seconds_left) + " 秒后将返回首页";
  ImVec2 s1 = ui.measure(l1, ui.fonts->heading), s2 = ui.measure(l2, ui.fonts->body);
  const float h = m.pad * 3 + s1.y + s2.y + m.gap + m.touch * 1.2f;
  ImVec2 a((m.width - w) * 0.5f, (m.height - h) * 0.5f), b(a.x + w, a.y + h);
  dl->AddRectFilled(a, b, ui.c.surface, m.radius * 1.5f);
  ui.draw_text(dl, ui.fonts->heading, ImVec2(a.x + (w - s1.x) * 0.5f, a.y + m.pad), ui.c.text, l1);
  ui.draw_text(dl, ui.fonts->body, ImVec2(a.x + (w - s2.x) * 0.5f, a.y + m.pad + s1.y + m.gap), ui.c.text_muted, l2);
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, b.y - m.pad - m.touch * 1.2f));
  ui.input_blocked = false;
  if (ui.button("继续使用", assets::Icon::Check, ButtonKind::Primary, ImVec2(w - m.pad * 2, m.touch * 1.2f)))
    intents.push_back(intent::ContinueUse{});
  ImGui::End();
}

}  // namespace bianmin::kiosk
