#include "widgets/keypad.hpp"

#include <algorithm>

namespace bianmin::kiosk {

int key_grid(Ui& ui, const std::vector<std::string>& keys, int cols, float key_h, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  const float gap = ui.m.gap * 0.6f;
  const float kw = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  int tapped = -1;
  for (size_t i = 0; i < keys.size(); ++i) {
    const int r = static_cast<int>(i) / cols, c = static_cast<int>(i) % cols;
    ImVec2 a(origin.x + static_cast<float>(c) * (kw + gap), origin.y + static_cast<float>(r) * (key_h + gap));
    ImVec2 b(a.x + kw, a.y + key_h);
    const bool accent = !keys[i].empty() && keys[i][0] == '!';
    std::string label = accent ? keys[i].substr(1) : keys[i];
    if (ui.hit(a, b, label)) tapped = static_cast<int>(i);
    const bool down = ui.held(a, b);
    ImU32 bg = accent ? (down ? ui.c.primary_dark : ui.c.primary_soft) : (down ? ui.c.surface_alt : ui.c.surface);
    dl->AddRectFilled(ImVec2(a.x, a.y + 2), ImVec2(b.x, b.y + 2), IM_COL32(20, 40, 80, 30), ui.m.radius * 0.6f);
    dl->AddRectFilled(a, b, bg, ui.m.radius * 0.6f);
    dl->AddRect(a, b, ui.c.border, ui.m.radius * 0.6f);
    ImFont* f = ui.fonts->heading;
    ImVec2 ts = ui.measure(label, f);
    if (ts.x > kw * 0.9f) {
      f = ui.fonts->body;
      ts = ui.measure(label, f);
    }
    ui.draw_text(dl, f, ImVec2(a.x + (kw - ts.x) * 0.5f, a.y + (key_h - ts.y) * 0.5f), accent ? ui.c.primary : ui.c.text,
                 label);
  }
  const int rows = (static_cast<int>(keys.size()) + cols - 1) / cols;
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, static_cast<float>(rows) * key_h + static_cast<float>(std::max(0, rows - 1)) * gap));
  return tapped;
}

int chips(Ui& ui, const std::vector<std::string>& labels, const std::vector<bool>& selected, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* f = ui.fonts->body;
  const float h = std::max(ui.m.touch * 0.9f, f->FontSize + ui.m.gap * 1.2f);
  const float gap = ui.m.gap * 0.7f;
  float x = origin.x, y = origin.y;
  int tapped = -1;
  for (size_t i = 0; i < labels.size(); ++i) {
    ImVec2 ts = ui.measure(labels[i], f);
    const float w = std::min(width, std::max(h * 1.4f, ts.x + ui.m.pad * 1.4f));
    if (x > origin.x && x + w > origin.x + width) {
      x = origin.x;
      y += h + gap;
    }
    ImVec2 a(x, y), b(x + w, y + h);
    if (ui.hit(a, b, labels[i])) tapped = static_cast<int>(i);
    const bool sel = i < selected.size() && selected[i];
    const bool down = ui.held(a, b);
    dl->AddRectFilled(a, b, sel ? ui.c.primary : (down ? ui.c.surface_alt : ui.c.surface), h * 0.5f);
    if (!sel) dl->AddRect(a, b, ui.c.border, h * 0.5f, 0, 1.5f);
    ui.draw_text(dl, f, ImVec2(a.x + (w - ts.x) * 0.5f, a.y + (h - ts.y) * 0.5f), sel ? ui.c.text_on_primary : ui.c.text,
                 labels[i]);
    x += w + gap;
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, y + h - origin.y));
  return tapped;
}

}  // namespace bianmin::kiosk
