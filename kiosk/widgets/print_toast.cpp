#include "widgets/print_toast.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "bianmin/base/utf8.hpp"
#include "widgets/qr_panel.hpp"

namespace bianmin::kiosk {

PrintToastTap draw_print_toast(Ui& ui, const std::string& text, const std::string& qr_url, float bottom_y, bool cancel,
                               bool confirm) {
  const Metrics& m = ui.m;
  ImFont* f = ui.fonts->body;
  const float max_w = m.width - m.pad * 2;
  const float qr = qr_url.empty() ? 0 : std::min(max_w * 0.5f, m.touch * 4.0f);
  const int buttons = confirm ? 2 : cancel ? 1 : 0;
  const float button_w = std::max(m.touch * 2.6f, ui.measure("确定打印", f).x + m.pad * 2);
  const float buttons_w = buttons * button_w + (buttons > 1 ? m.gap : 0);
  const float text_w = std::min(ui.measure(text, f).x, max_w - m.pad * 2);
  // Wrapped lines drawn with ui.draw_text, so scripts see them and glyphs missing from the
  // atlas (printer messages come from kiosk/printing) are added on the next frame.
  std::vector<std::string_view> lines;
  for (const char *p = text.c_str(), *end = p + text.size(); p < end;) {
    const char* brk = f->CalcWordWrapPositionA(1.0f, p, end, text_w + 1);
    if (brk <= p) brk = p + 1;
    while (brk < end && utf8::is_continuation(static_cast<unsigned char>(*brk))) ++brk;  // whole characters
    lines.emplace_back(p, static_cast<size_t>(brk - p));
    p = brk;
    while (p < end && *p == ' ') ++p;
  }
  const float lh = f->FontSize * 1.04f;
  const float w = std::max({text_w, qr, buttons_w}) + m.pad * 2;
  const float h = lh * static_cast<float>(lines.size()) + m.pad + (qr > 0 ? qr + m.pad * 0.5f : 0) +
                  (buttons > 0 ? m.touch + m.pad * 0.5f : 0);
  ImVec2 a((m.width - w) * 0.5f, bottom_y - h);
  ImVec2 b(a.x + w, bottom_y);
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  fg->AddRectFilled(a, b, IM_COL32(28, 37, 51, 235), m.radius);
  ui.set_overlay(a, b);
  float y = a.y + m.pad * 0.5f;
  for (auto line : lines) {
    ui.draw_text(fg, f, ImVec2(a.x + m.pad, y), IM_COL32_WHITE, line);
    y += lh;
  }
  PrintToastTap tap = PrintToastTap::None;
  if (buttons > 0) {
    // Drawn on the foreground list like the rest of the toast; only the toast takes taps here.
    const bool was = ui.in_overlay;
    ui.in_overlay = true;
    float x = a.x + (w - buttons_w) * 0.5f;
    auto toast_button = [&](const char* label, ImU32 fill, PrintToastTap what) {
      const ImVec2 bmin(x, y + m.pad * 0.25f), bmax(x + button_w, y + m.pad * 0.25f + m.touch);
      fg->AddRectFilled(bmin, bmax, fill, m.radius);
      const ImVec2 ts = ui.measure(label, f);
      ui.draw_text(fg, f, ImVec2(bmin.x + (button_w - ts.x) * 0.5f, bmin.y + (m.touch - ts.y) * 0.5f), IM_COL32_WHITE,
                   label);
      if (ui.hit(bmin, bmax, label)) tap = what;
      x += button_w + m.gap;
    };
    if (confirm) toast_button("确定打印", ui.c.accent, PrintToastTap::Confirm);
    toast_button(confirm ? "不打印" : "取消打印", IM_COL32(90, 100, 115, 255), PrintToastTap::Cancel);
    ui.in_overlay = was;
    y += m.touch + m.pad * 0.5f;
  }
  if (qr > 0) {
    const ImVec2 q(a.x + (w - qr) * 0.5f, b.y - m.pad * 0.5f - qr);
    // White under the code: its quiet zone must not sit on the dark toast.
    const float drawn = qr_image(fg, qr_url, q, qr);
    if (drawn <= 0) fg->AddRectFilled(q, ImVec2(q.x + qr, q.y + qr), IM_COL32_WHITE);
  }
  return tap;
}

}  // namespace bianmin::kiosk
