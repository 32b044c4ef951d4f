// The attract loop on an untouched home screen: the hall, the date and time, one current
// notice at a time (every 8 s), and 轻触屏幕开始使用. The waking touch does nothing else.
#include <imgui.h>

#include <algorithm>

#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_attract(ScreenContext& ctx, double idle_ms) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilledMultiColor(ImVec2(0, 0), ImVec2(m.width, m.height), ui.c.primary, ui.c.primary, ui.c.primary_dark,
                              ui.c.primary_dark);
  auto site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  auto notices = ctx.memo.get<std::vector<content::Notice>>("notices/" + ctx.facts.today,
                                                            [&] { return ctx.store.notices_current(ctx.facts.today); });
  // Top: the hall and the time; bottom: the prompt; between them one current notice, cut to
  // the room there is (a long notice ends in "…"; a touch opens the kiosk, not the notice).
  float y = m.height * (m.portrait ? 0.16f : 0.08f);
  auto centered = [&](const std::string& s, ImFont* f, ImU32 col) {
    // the largest type the line fits in (a long hall name on a narrow screen)
    for (ImFont* smaller : {ui.fonts->display, ui.fonts->heading, ui.fonts->body, ui.fonts->small})
      if (smaller->FontSize <= f->FontSize && ui.measure(s, f).x > m.width - m.pad * 2) f = smaller;
    ImVec2 ts = ui.measure(s, f);
    ui.draw_text(dl, f, ImVec2((m.width - ts.x) * 0.5f, y), col, s);
    y += ts.y + m.gap;
  };
  centered(site.hall.name, ui.fonts->display, ui.c.text_on_primary);
  centered(ctx.facts.today + " " + ctx.facts.weekday + " " + ctx.facts.clock, ui.fonts->body, ui.c.text_on_primary);
  y += m.portrait ? m.pad * 2 : m.pad;
  const float prompt_y = m.height - m.pad * 1.5f - ui.fonts->heading->FontSize;
  const float cw = std::min(m.width - m.pad * 4, ui.fonts->body->FontSize * 36);  // lines short enough to read
  ImVec2 a((m.width - cw) * 0.5f, y);
  if (!notices.empty()) {
    const auto& n = notices[static_cast<size_t>(idle_ms / 8000) % notices.size()];
    const float tw = cw - m.pad * 2;
    // the card ends a margin above the prompt: its title gets the lines that fit there (up to
    // two), the body what is left; no room for one title line, no card
    const float room = prompt_y - m.pad - a.y - m.pad * 2;  // card padding above and below
    const float lh = ui.line_height(ui.fonts->heading);
    const int title_lines =
        std::min({2, static_cast<int>(room / lh),
                  std::max(1, static_cast<int>(ui.paragraph_height(n.title, ui.fonts->heading, tw) / lh + 0.5f))});
    if (title_lines < 1) {
      y = prompt_y;
      centered("轻触屏幕开始使用", ui.fonts->heading, ui.c.accent_soft);
      return;
    }
    const float th = static_cast<float>(title_lines) * ui.line_height(ui.fonts->heading);
    const int body_lines = std::max(
        0, std::min(static_cast<int>((room - th - m.pad) / ui.line_height(ui.fonts->body)),
                    static_cast<int>(ui.paragraph_height(n.body, ui.fonts->body, tw) / ui.line_height(ui.fonts->body) +
                                     0.5f)));
    const float bh = static_cast<float>(body_lines) * ui.line_height(ui.fonts->body);
    dl->AddRectFilled(a, ImVec2(a.x + cw, a.y + th + bh + m.pad * (body_lines > 0 ? 3.0f : 2.0f)), ui.c.surface,
                      m.radius * 1.5f);
    ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, a.y + m.pad));
    ui.paragraph_clamped(n.title, ui.fonts->heading, ui.c.primary, tw, title_lines);
    if (body_lines > 0) {
      ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, a.y + m.pad * 2 + th));
      ui.paragraph_clamped(n.body, ui.fonts->body, ui.c.text, tw, body_lines);
    }
  } else {
    centered("办事指南 · 明白卡 · 资金公开 · 政策文件", ui.fonts->heading, ui.c.text_on_primary);
  }
  y = prompt_y;
  centered("轻触屏幕开始使用", ui.fonts->heading, ui.c.accent_soft);
}

}  // namespace bianmin::kiosk
