// A problem the villager cannot fix (a broken kiosk.toml, content that cannot be read), in plain
// words with the phone to call; the technical details go to the log, never on this screen.
#include <imgui.h>

#include <algorithm>

#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_problem(Ui& ui, const std::string& title, const std::string& advice, const std::string& phone) {
  const Metrics& m = ui.m;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.height), ui.c.background);
  std::string ic = ui.fonts->glyph(assets::Icon::Info);
  ImFont* iconf = ui.fonts->icon;
  ImVec2 is = ui.measure(ic, iconf);
  float y = m.height * 0.25f;
  dl->AddText(iconf, iconf->FontSize, ImVec2((m.width - is.x) * 0.5f, y), ui.c.danger, ic.c_str());
  y += is.y + m.pad;
  ImGui::SetCursorScreenPos(ImVec2(m.pad * 2, y));
  ui.paragraph(title, ui.fonts->heading, ui.c.text, m.width - m.pad * 4);
  ImGui::SetCursorScreenPos(ImVec2(m.pad * 2, ImGui::GetCursorScreenPos().y + m.gap));
  ui.paragraph(advice, ui.fonts->body, ui.c.text, m.width - m.pad * 4);
  if (!phone.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(m.pad * 2, ImGui::GetCursorScreenPos().y + m.gap));
    ui.paragraph("咨询电话 " + phone, ui.fonts->heading, ui.c.primary, m.width - m.pad * 4);
  }
}

}  // namespace bianmin::kiosk
