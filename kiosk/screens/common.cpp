// Helpers shared by the screens: page scrolling with margins, money and quantity formats,
// guide badges, and whether a route's item still exists after a content reload.
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bianmin/base/money.hpp"
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void Memo::end_frame() {
  if (items_.size() > capacity_) {
    // Oldest first; ties (one frame's items) keep the map's order, so eviction is repeatable.
    std::vector<std::map<std::string, Item>::iterator> order;
    order.reserve(items_.size());
    for (auto it = items_.begin(); it != items_.end(); ++it) order.push_back(it);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a->second.used < b->second.used; });
    for (size_t i = 0; i < order.size() - capacity_; ++i) items_.erase(order[i]);
  }
  ++frame_;
}

void begin_page(ScreenContext& ctx, const char* id, float height) {
  Ui& ui = ctx.ui;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  if (height <= 0) height = ctx.area_max.y - pos.y;
  ImGui::SetCursorScreenPos(ImVec2(ctx.area_min.x, pos.y));
  ui.begin_scroll(id, ImVec2(ctx.area_w(), height));
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  w->WorkRect.Max.x -= ui.m.pad;
  w->ContentRegionRect.Max.x -= ui.m.pad;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.m.pad * 0.8f);
  ImGui::Indent(ui.m.pad);
}

void read_aloud_button(ScreenContext& ctx, const std::string& item, const std::function<std::string()>& script) {
  if (!ctx.facts.can_read_aloud) return;
  Ui& ui = ctx.ui;
  const bool reading = ctx.facts.reading == item;
  const bool elder = ui.m.elder;
  // prominent in elder mode, but not a third of a small tablet's height
  const ImVec2 size(ImGui::GetContentRegionAvail().x, ui.m.touch * (elder && !ui.m.compact ? 1.35f : 1.0f));
  const ButtonKind kind = reading ? ButtonKind::Danger : elder ? ButtonKind::Primary : ButtonKind::Secondary;
  if (ui.button(reading ? "停止朗读" : "朗读", reading ? assets::Icon::StopSpeaking : assets::Icon::Speak, kind, size))
    ctx.emit(intent::ReadAloud{item, reading ? std::string() : script()});
}

void end_page(ScreenContext& ctx) {
  ImGui::Dummy(ImVec2(1, ctx.ui.m.pad * 0.5f));
  ImGui::Unindent(ctx.ui.m.pad);
  ctx.ui.end_scroll();
}

bool list_two_columns(const Ui& ui, float avail) {
  const Metrics& m = ui.m;
  const float min_col = std::max(150.0f * m.px_per_mm, 16.0f * ui.measure("汉", ui.fonts->body).x);
  return !m.portrait && (avail - m.gap) * 0.5f >= min_col;
}

ListColumns::ListColumns(ScreenContext& ctx) : ListColumns(ctx, -1) {}

ListColumns::ListColumns(ScreenContext& ctx, float min_col) {
  const Ui& ui = ctx.ui;
  const float avail = ImGui::GetContentRegionAvail().x;
  two_ = min_col < 0 ? list_two_columns(ui, avail) : (avail - ui.m.gap) * 0.5f >= min_col;
  if (!two_) return;
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  left_ = ImGui::GetCursorScreenPos().x;
  gap_ = ui.m.gap;
  col_w_ = std::floor((avail - gap_) * 0.5f);
  work_max_x_ = w->WorkRect.Max.x;
  content_max_x_ = w->ContentRegionRect.Max.x;
}

void ListColumns::next() {
  if (!two_ || ended_) return;
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  const float y = ImGui::GetCursorScreenPos().y;  // below the row drawn last (or the first's place)
  if (n_ == 0)
    top_ = bottom_ = y;
  else
    bottom_ = std::max(bottom_, y);
  const int col = n_ % 2;
  if (col == 0) top_ = bottom_;  // a new pair starts below the taller of the last two
  const float x = left_ + static_cast<float>(col) * (col_w_ + gap_);
  ImGui::SetCursorScreenPos(ImVec2(x, top_));
  // The row takes the column's width (widgets size themselves to the content region).
  w->WorkRect.Max.x = w->ContentRegionRect.Max.x = x + col_w_;
  ++n_;
}

void ListColumns::end() {
  if (!two_ || ended_) return;
  ended_ = true;
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  w->WorkRect.Max.x = work_max_x_;
  w->ContentRegionRect.Max.x = content_max_x_;
  if (n_ == 0) return;
  bottom_ = std::max(bottom_, ImGui::GetCursorScreenPos().y);
  ImGui::SetCursorScreenPos(ImVec2(left_, bottom_));
}

void draw_missing(ScreenContext& ctx, const char* title, const char* message) {
  ctx.title = title;
  begin_page(ctx, "missing");
  ctx.ui.paragraph(message, ctx.ui.fonts->body, ctx.ui.c.text);
  end_page(ctx);
}

std::string format_yuan(int64_t fen) { return money::format_yuan(fen); }

std::string format_quantity(double q) {
  char buf[32];
  if (std::fabs(q - std::round(q)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", q);
  else
    std::snprintf(buf, sizeof buf, "%.2f", q);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

Badge fund_status_badge(const Ui& ui, const std::string& start, const std::string& end, const std::string& today) {
  if (!start.empty() && today < start) return ui.badge_info("即将公示");
  if (end.empty() || today <= end) return ui.badge_ok("公示中");
  return Badge{"公示已结束", ui.c.text_muted, ui.c.surface_alt};
}

std::string card_money_label(content::CardMoney money) {
  std::string s = content::label(money);
  if (money == content::CardMoney::Receive) s += "（补助标准）";
  return s;
}

std::string card_title(const std::string& title) {
  static constexpr std::string_view kSuffix = "明白卡";
  std::string_view t = title;
  if (t.size() > kSuffix.size() && t.ends_with(kSuffix)) t.remove_suffix(kSuffix.size());
  return std::string(t);
}

std::string plain_date(const std::string& iso) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= iso.size() || iso[i] < '0' || iso[i] > '9') return false;
    return true;
  };
  if (iso.size() < 10 || !digits(0, 4) || iso[4] != '-' || !digits(5, 2) || iso[7] != '-' || !digits(8, 2)) return iso;
  const int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
  return iso.substr(0, 4) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string plain_date_range(const std::string& start, const std::string& end) {
  const std::string a = plain_date(start), b = plain_date(end);
  // both converted and in one year: the second date without it
  if (a != start && b != end && start.compare(0, 4, end, 0, 4) == 0) return a + "至" + b.substr(b.find("年") + 3);
  return a + "至" + b;
}

std::vector<Badge> guide_badges(const Ui& ui, int visits, bool fully_online, bool has_url) {
  std::vector<Badge> b;
  if (visits == 0)
    b.push_back(ui.badge_ok("零跑腿"));
  else if (visits == 1)
    b.push_back(ui.badge_warn("最多跑一次"));
  else
    b.push_back(ui.badge_info("到现场" + std::to_string(visits) + "次"));
  if (fully_online)
    b.push_back(ui.badge_ok("全程网办"));
  else if (has_url)
    b.push_back(ui.badge_info("可网上办"));
  return b;
}

bool route_exists(const content::Store& store, const Route& r) {
  switch (r.screen) {
    case Screen::Guide:
      return store.guide(r.id).has_value();
    case Screen::Card:
      return store.card(r.id).has_value();
    case Screen::FundTable:
      return store.fund_header(r.id).has_value();
    case Screen::FundVillages:
      return r.id.empty() || store.fund_header(r.id).has_value();
    case Screen::Policy:
      return store.policy(r.id).has_value();
    case Screen::FundList: {
      for (const auto& v : store.site().villages)
        if (v.id == r.village) return true;
      return false;
    }
    case Screen::GuideList:
      if (r.tab == GuideTab::Department) return store.department(r.id).has_value();
      return true;
    case Screen::Notice: {
      for (const auto& n : store.notices_current("0000-00-00"))
        if (n.id == r.id) return true;
      return true;
    }
    default:
      return true;
  }
}

InputPanelPlace input_panel_at_side(const ScreenContext& ctx, const TextInputState& st, float top, float bottom) {
  const Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  InputPanelPlace p;
  if (m.portrait) return p;
  const float w = std::max(std::min(text_input_width(ui, st, bottom - top), ctx.area_w() * 0.58f),
                           text_input_min_width(ui, st, bottom - top));
  if (w > ctx.area_w() * 0.64f) return p;
  p.side = true;
  p.min = ImVec2(ctx.area_max.x - m.pad - w, top);
  p.max = ImVec2(ctx.area_max.x - m.pad, bottom);
  return p;
}

float keyboard_chrome(ScreenContext& ctx, const TextInputState& st) {
  const Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  if (m.nav_rows != 2 || effective_mode(ui, st) == InputMode::Handwriting || st.collapsed) return m.pad;
  ctx.slim_chrome = true;
  ctx.area_min.y = m.top_bar_slim;
  ctx.area_max.y = m.height - m.nav_bar_slim;
  return std::round(m.gap * 0.4f);
}

}  // namespace bianmin::kiosk
