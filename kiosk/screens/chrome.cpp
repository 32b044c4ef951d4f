// The chrome around every screen: the title bar (not on home) with the hall's phone, the bottom bar with 返回 · 首页 ·
// 长辈模式 (always reachable; on home the hall's phone instead of 返回/首页), and the print
// status toast above it.
#include <imgui.h>

#include <algorithm>

#include "bianmin/base/utf8.hpp"
#include "screens/screens.hpp"
#include "widgets/print_toast.hpp"

namespace bianmin::kiosk {

void draw_chrome(ScreenContext& ctx, bool home) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (!home) {
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.top_bar), ui.c.primary);
    ImFont* hf = ui.fonts->heading;
    std::string title = ctx.title;
    // The hall's phone for help at the right of the title bar, on every screen but home (whose
    // bottom bar shows it).
    auto site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
    float phone_w = 0;
    if (!site.hall.phone.empty()) {
      const std::string phone = "咨询电话 " + site.hall.phone;
      ImFont* sf = ui.fonts->small;
      const ImVec2 ps = ui.measure(phone, sf);
      phone_w = ps.x + m.gap;
      ui.draw_text(dl, sf, ImVec2(m.width - m.pad - ps.x, (m.top_bar - ps.y) * 0.5f), ui.c.text_on_primary, phone);
    }
    // Shorten long titles to one line (the full title is in the page itself).
    const float maxw = m.width - m.pad * 2 - phone_w;
    if (ui.measure(title, hf).x > maxw) {
      while (!title.empty() && ui.measure(title + "…", hf).x > maxw) utf8::pop_back(title);
      title += "…";
    }
    ImVec2 ts = ui.measure(title, hf);
    ui.draw_text(dl, hf, ImVec2(m.pad, (m.top_bar - ts.y) * 0.5f), ui.c.text_on_primary, title);
  }
  // bottom bar: 返回 · 首页 · 长辈模式 (always reachable)
  const float y0 = m.height - m.nav_bar;
  dl->AddRectFilled(ImVec2(0, y0), ImVec2(m.width, m.height), ui.c.surface);
  dl->AddLine(ImVec2(0, y0), ImVec2(m.width, y0), ui.c.border, 2.0f);
  const float bw = (m.width - m.pad * 2 - m.gap * 2) / 3.0f;
  ImGui::SetCursorScreenPos(ImVec2(m.pad, y0 + (m.nav_bar - m.touch) * 0.5f));
  if (!home) {
    if (ui.button("返回", assets::Icon::Back, ButtonKind::Ghost, ImVec2(bw, m.touch))) ctx.emit(intent::Back{});
    ImGui::SameLine(0, m.gap);
    if (ui.button("首页", assets::Icon::Home, ButtonKind::Ghost, ImVec2(bw, m.touch))) ctx.emit(intent::Home{});
    ImGui::SameLine(0, m.gap);
  } else {
    ImGui::SetCursorScreenPos(ImVec2(m.pad + (bw + m.gap) * 2, y0 + (m.nav_bar - m.touch) * 0.5f));
  }
  if (ui.button(ctx.facts.elder ? "长辈模式：开" : "长辈模式", assets::Icon::Elder,
                ctx.facts.elder ? ButtonKind::Accent : ButtonKind::Secondary, ImVec2(bw, m.touch)))
    ctx.emit(intent::ToggleElder{});
  if (home) {
    // left of the elder toggle on home: the hall's phone for help
    ImGui::SetCursorScreenPos(ImVec2(m.pad, y0 + (m.nav_bar - ui.fonts->small->FontSize) * 0.5f));
    auto site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
    ui.text("咨询电话 " + site.hall.phone, ui.fonts->small, ui.c.text_muted);
  }
  // print status toast above the bar
  if (!ctx.facts.print_status.empty()) {
    const PrintToastTap tap = draw_print_toast(ui, ctx.facts.print_status, ctx.facts.print_qr_url, y0 - m.gap,
                                               ctx.facts.print_cancellable, ctx.facts.print_awaiting_confirm);
    if (tap == PrintToastTap::Confirm) ctx.emit(intent::PrintConfirm{});
    if (tap == PrintToastTap::Cancel) ctx.emit(intent::PrintCancel{});
  }
}

}  // namespace bianmin::kiosk
