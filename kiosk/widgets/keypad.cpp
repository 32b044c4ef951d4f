#include "widgets/keypad.hpp"

#include <algorithm>

namespace bianmin::kiosk {

namespace {

bool is_accent(const std::string& key) { return !key.empty() && key[0] == '!'; }

// Row and column of every key, wrapping a wide key that would not fit at a row's end.
std::vector<std::pair<int, int>> key_cells(const std::vector<std::string>& keys, int cols, int accent_span) {
  std::vector<std::pair<int, int>> cells;
  int r = 0, c = 0;
  for (const auto& k : keys) {
    const int span = std::min(cols, is_accent(k) ? accent_span : 1);
    if (c + span > cols) {
      ++r;
      c = 0;
    }
    cells.emplace_back(r, c);
    c += span;
  }
  return cells;
}

}  // namespace

int key_grid_rows(const std::vector<std::string>& keys, int cols, int accent_span) {
  auto cells = key_cells(keys, cols, accent_span);
  return cells.empty() ? 0 : cells.back().first + 1;
}

int key_grid(Ui& ui, const std::vector<std::string>& keys, int cols, float key_h, float width, int accent_span) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  const float gap = ui.m.gap * 0.6f;
  const float kw = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto cells = key_cells(keys, cols, accent_span);
  int tapped = -1;
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto [r, c] = cells[i];
    const bool accent = is_accent(keys[i]);
    const int span = std::min(cols, accent ? accent_span : 1);
    const float w = kw * static_cast<float>(span) + gap * static_cast<float>(span - 1);
    ImVec2 a(origin.x + static_cast<float>(c) * (kw + gap), origin.y + static_cast<float>(r) * (key_h + gap));
    ImVec2 b(a.x + w, a.y + key_h);
    std::string label = accent ? keys[i].substr(1) : keys[i];
    if (ui.hit(a, b, label)) tapped = static_cast<int>(i);
    const bool down = ui.held(a, b);
    ImU32 bg = accent ? (down ? ui.c.primary_dark : ui.c.primary_soft) : (down ? ui.c.surface_alt : ui.c.surface);
    dl->AddRectFilled(ImVec2(a.x, a.y + 2), ImVec2(b.x, b.y + 2), IM_COL32(20, 40, 80, 30), ui.m.radius * 0.6f);
    dl->AddRectFilled(a, b, bg, ui.m.radius * 0.6f);
    dl->AddRect(a, b, ui.c.border, ui.m.radius * 0.6f);
    ImFont* f = ui.fonts->heading;
    ImVec2 ts = ui.measure(label, f);
    if (ts.x > w * 0.9f) {
      f = ui.fonts->body;
      ts = ui.measure(label, f);
    }
    ui.draw_text(dl, f, ImVec2(a.x + (w - ts.x) * 0.5f, a.y + (key_h - ts.y) * 0.5f), accent ? ui.c.primary : ui.c.text,
                 label);
  }
  const int rows = cells.empty() ? 0 : cells.back().first + 1;
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, static_cast<float>(rows) * key_h + static_cast<float>(std::max(0, rows - 1)) * gap));
  return tapped;
}

namespace {

// Where chips() puts each chip: the top-left corner relative to the origin and the width.
struct ChipCell {
  float x, y, w;
};
std::vector<ChipCell> chip_cells(const Ui& ui, const std::vector<std::string>& labels, float width, float h,
                                 float gap) {
  std::vector<ChipCell> cells;
  float x = 0, y = 0;
  for (const auto& label : labels) {
    const float w = std::min(width, std::max(h * 1.4f, ui.measure(label, ui.fonts->body).x + ui.m.pad * 1.4f));
    if (x > 0 && x + w > width) {
      x = 0;
      y += h + gap;
    }
    cells.push_back(ChipCell{x, y, w});
    x += w + gap;
  }
  return cells;
}

float chip_h(const Ui& ui) { return std::max(ui.m.touch * 0.9f, ui.fonts->body->FontSize + ui.m.gap * 1.2f); }

}  // namespace

float chips_height(const Ui& ui, const std::vector<std::string>& labels, float width) {
  if (labels.empty()) return 0;
  const float h = chip_h(ui);
  return chip_cells(ui, labels, width, h, ui.m.gap * 0.7f).back().y + h;
}

int chips(Ui& ui, const std::vector<std::string>& labels, const std::vector<bool>& selected, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* f = ui.fonts->body;
  const float h = chip_h(ui);
  const auto cells = chip_cells(ui, labels, width, h, ui.m.gap * 0.7f);
  int tapped = -1;
  for (size_t i = 0; i < labels.size(); ++i) {
    ImVec2 ts = ui.measure(labels[i], f);
    const float w = cells[i].w;
    ImVec2 a(origin.x + cells[i].x, origin.y + cells[i].y), b(a.x + w, a.y + h);
    if (ui.hit(a, b, labels[i])) tapped = static_cast<int>(i);
    const bool sel = i < selected.size() && selected[i];
    const bool down = ui.held(a, b);
    dl->AddRectFilled(a, b, sel ? ui.c.primary : (down ? ui.c.surface_alt : ui.c.surface), h * 0.5f);
    if (!sel) dl->AddRect(a, b, ui.c.border, h * 0.5f, 0, 1.5f);
    ui.draw_text(dl, f, ImVec2(a.x + (w - ts.x) * 0.5f, a.y + (h - ts.y) * 0.5f),
                 sel ? ui.c.text_on_primary : ui.c.text, labels[i]);
  }
  const float y = origin.y + (cells.empty() ? 0 : cells.back().y);
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, y + h - origin.y));
  return tapped;
}

}  // namespace bianmin::kiosk
