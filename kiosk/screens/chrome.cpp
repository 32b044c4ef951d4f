// The chrome around every screen: the title bar (not on home) with the hall's phone, the bottom bar with 返回 · 首页 ·
// 长辈模式 (always reachable; on home the hall's phone instead of 返回/首页), and the print
// status toast above it.
#include <imgui.h>

#include <algorithm>

#include "bianmin/base/utf8.hpp"
#include "screens/screens.hpp"
#include "widgets/print_toast.hpp"

namespace bianmin::kiosk {

namespace {
// Home's bottom bar: the elder toggle's width (as its words need, at least a third of the bar,
// at most 60 %) and whether the hall's phone fits beside it, on one line or two.
struct HomeBar {
  float elder_w;
  bool phone;
};
HomeBar home_bar(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ImFont* bf = ui.fonts->body;
  ImFont* sf = ui.fonts->small;
  const std::string label = ctx.facts.elder ? "长辈模式：开" : "长辈模式";
  const float avail = m.width - m.pad * 2 - m.gap * 2;
  const float need = ui.measure(label, bf).x + ui.measure(ui.fonts->glyph(assets::Icon::Elder), bf).x + m.gap * 2.5f;
  HomeBar h{m.nav_rows == 2 ? m.width - m.pad * 2 : std::min(std::max(avail / 3, need), avail * 0.6f), false};
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  if (site.hall.phone.empty()) return h;
  // One line for the phone when the toggle can give up room for it: down to its words in the
  // smaller type without the icon (Ui::button), never under a touch target's size.
  const float full = m.width - m.pad * 2;
  const float phone_w = ui.measure("咨询电话 " + site.hall.phone, sf).x;
  const float least = std::max(m.touch, ui.measure(label, sf).x + m.gap * 1.5f);
  if (m.nav_rows == 1 && phone_w + m.gap * 2 + h.elder_w > full && phone_w + m.gap * 2 + least <= full)
    h.elder_w = full - phone_w - m.gap * 2;
  // two rows: the phone has the first row to itself
  const float room = m.nav_rows == 2 ? full : full - h.elder_w - m.gap * 2;
  const bool one = phone_w <= room;
  const bool two = m.nav_rows == 1 && ui.line_height(sf) * 2 <= m.nav_bar &&
                   ui.measure(site.hall.phone, sf).x <= room && ui.measure("咨询电话", sf).x <= room;
  h.phone = one || two;
  return h;
}
float home_elder_width(ScreenContext& ctx) { return home_bar(ctx).elder_w; }
}  // namespace

bool home_bar_has_phone(ScreenContext& ctx) { return home_bar(ctx).phone; }

void draw_chrome(ScreenContext& ctx, bool home) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool slim = ctx.slim_chrome && m.nav_rows == 2 && !home;
  // The hall's phone for help in the title bar, on every screen but home (whose bottom bar
  // shows it).
  std::string phone;
  if (!home) {
    const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
    if (!site.hall.phone.empty()) phone = "咨询电话 " + site.hall.phone;
  }
  if (slim) {
    // the phone alone, on one line (the title would not fit beside it)
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.top_bar_slim), ui.c.primary);
    if (!phone.empty()) {
      const ImVec2 ps = ui.measure(phone, ui.fonts->small);
      ui.draw_text(dl, ui.fonts->small, ImVec2(m.pad, (m.top_bar_slim - ps.y) * 0.5f), ui.c.text_on_primary, phone);
    }
  } else if (!home) {
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.top_bar), ui.c.primary);
    ImFont* hf = ui.fonts->heading;
    ImFont* sf = ui.fonts->small;
    std::string title = ctx.title;
    // The phone at the right of the title, or on a line of its own under the title when beside
    // it the title would keep less than 60 % of the bar (elder mode on a narrow screen).
    const ImVec2 ps = ui.measure(phone, sf);
    const float full_w = m.width - m.pad * 2;
    const float th = ui.line_height(hf), ph = ui.line_height(sf);
    const bool beside = phone.empty() || ui.measure(title, hf).x + ps.x + m.gap <= full_w ||
                        full_w - ps.x - m.gap >= full_w * 0.6f || th + ph > m.top_bar;
    const float maxw = beside ? full_w - (phone.empty() ? 0 : ps.x + m.gap) : full_w;
    // Shorten long titles to one line (the full title is in the page itself).
    if (ui.measure(title, hf).x > maxw) {
      while (!title.empty() && ui.measure(title + "…", hf).x > maxw) utf8::pop_back(title);
      title += "…";
    }
    const ImVec2 ts = ui.measure(title, hf);
    if (beside) {
      ui.draw_text(dl, hf, ImVec2(m.pad, (m.top_bar - ts.y) * 0.5f), ui.c.text_on_primary, title);
      if (!phone.empty())
        ui.draw_text(dl, sf, ImVec2(m.width - m.pad - ps.x, (m.top_bar - ps.y) * 0.5f), ui.c.text_on_primary, phone);
    } else {
      const float top = (m.top_bar - th - ph) * 0.5f;
      ui.draw_text(dl, hf, ImVec2(m.pad, top), ui.c.text_on_primary, title);
      ui.draw_text(dl, sf, ImVec2(m.pad, top + th), ui.c.text_on_primary, phone);
    }
  }
  // bottom bar: 返回 · 首页 · 长辈模式 (always reachable; while a screen needs the height for
  // its keyboard, a two-row bar keeps 返回 · 首页 and the toggle returns with the keyboard folded)
  const float y0 = m.height - (slim ? m.nav_bar_slim : m.nav_bar);
  dl->AddRectFilled(ImVec2(0, y0), ImVec2(m.width, m.height), ui.c.surface);
  dl->AddLine(ImVec2(0, y0), ImVec2(m.width, y0), ui.c.border, 2.0f);
  // The buttons share the bar equally when each label fits its third; otherwise each gets a
  // width in proportion to what its label needs (长辈模式：开 is three times 返回), and a
  // button still too narrow drops its icon, then takes the smaller type (Ui::button).
  ImFont* bf = ui.fonts->body;
  const std::string elder_label = ctx.facts.elder ? "长辈模式：开" : "长辈模式";
  auto need = [&](const std::string& label, assets::Icon icon) {
    return ui.measure(label, bf).x + ui.measure(ui.fonts->glyph(icon), bf).x + m.gap * 2.5f;
  };
  const float avail = m.width - m.pad * 2 - m.gap * 2;
  float w_back = avail / 3, w_home = avail / 3, w_elder = avail / 3;
  const float n_back = need("返回", assets::Icon::Back), n_home = need("首页", assets::Icon::Home),
              n_elder = need(elder_label, assets::Icon::Elder);
  if (m.nav_rows == 2) {  // 返回 · 首页 on the first row, the elder toggle under them
    w_back = w_home = (m.width - m.pad * 2 - m.gap) * 0.5f;
    w_elder = m.width - m.pad * 2;
  } else if (std::max({n_back, n_home, n_elder}) > avail / 3) {
    const float sum = n_back + n_home + n_elder;
    w_back = std::max(m.touch, avail * n_back / sum);
    w_home = std::max(m.touch, avail * n_home / sum);
    w_elder = avail - w_back - w_home;
  }
  const float by = m.nav_rows == 2 && !slim ? y0 + m.gap : y0 + (m.height - y0 - m.touch) * 0.5f;
  const float elder_y = m.nav_rows == 2 ? by + m.touch + m.gap : by;
  ImGui::SetCursorScreenPos(ImVec2(m.pad, by));
  if (!home) {
    if (ui.button("返回", assets::Icon::Back, ButtonKind::Ghost, ImVec2(w_back, m.touch))) ctx.emit(intent::Back{});
    ImGui::SameLine(0, m.gap);
    if (ui.button("首页", assets::Icon::Home, ButtonKind::Ghost, ImVec2(w_home, m.touch))) ctx.emit(intent::Home{});
    if (m.nav_rows == 2 && !slim)
      ImGui::SetCursorScreenPos(ImVec2(m.pad, elder_y));
    else
      ImGui::SameLine(0, m.gap);
  } else if (m.nav_rows == 2) {
    ImGui::SetCursorScreenPos(ImVec2(m.pad, elder_y));
  } else {
    // home: the hall's phone on the left, the elder toggle as wide as its words need (at least
    // a third of the bar)
    w_elder = home_elder_width(ctx);
    ImGui::SetCursorScreenPos(ImVec2(m.width - m.pad - w_elder, by));
  }
  if (!slim && ui.button(elder_label, assets::Icon::Elder, ctx.facts.elder ? ButtonKind::Accent : ButtonKind::Secondary,
                         ImVec2(w_elder, m.touch)))
    ctx.emit(intent::ToggleElder{});
  if (home && home_bar_has_phone(ctx)) {
    // left of the elder toggle: the hall's phone for help, on one line, or on two when the
    // words and the number do not fit side by side (else home's header shows it)
    auto site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
    ImFont* sf = ui.fonts->small;
    const float room = m.width - m.pad * 2 - w_elder - m.gap * 2;
    const std::string one = "咨询电话 " + site.hall.phone;
    const float lh = ui.line_height(sf);
    if (m.nav_rows == 2) {  // the first row, above the elder toggle
      ImGui::SetCursorScreenPos(ImVec2(m.pad, by + (m.touch - sf->FontSize) * 0.5f));
      ui.text(one, sf, ui.c.text_muted);
    } else if (ui.measure(one, sf).x <= room) {
      ImGui::SetCursorScreenPos(ImVec2(m.pad, y0 + (m.nav_bar - sf->FontSize) * 0.5f));
      ui.text(one, sf, ui.c.text_muted);
    } else {
      const float top = y0 + (m.nav_bar - lh * 2) * 0.5f;
      ui.draw_text(dl, sf, ImVec2(m.pad, top), ui.c.text_muted, "咨询电话");
      ui.draw_text(dl, sf, ImVec2(m.pad, top + lh), ui.c.text_muted, site.hall.phone);
    }
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
