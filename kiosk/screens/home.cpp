// Home: the hall's name, date and time, how fresh the content is (离线 when not synced for a
// while), six big tiles, a village terminal's own current fund publications, and the current
// notices. The elder-mode toggle is in the bottom bar.
#include <imgui.h>

#include <algorithm>
#include <utility>

#include "screens/screens.hpp"

namespace bianmin::kiosk {
namespace {

ImU32 tint(int i) {
  uint32_t c = assets::kTileTints[i];
  return IM_COL32((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, 255);
}

const char* const kWelcome = "欢迎使用便民服务自助终端";

// "咨询电话 …" for the header when the bottom bar has no room for it; "" otherwise.
std::string header_phone(ScreenContext& ctx) {
  if (home_bar_has_phone(ctx)) return {};
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  return site.hall.phone.empty() ? std::string() : "咨询电话 " + site.hall.phone;
}

// 离线, on each header when the content has not been synced for a while.
Badge offline_badge(const Ui& ui) {
  return Badge{ui.fonts->glyph(assets::Icon::Offline) + " 离线", ui.c.danger, ui.c.danger_soft};
}

// Short landscape screens in elder mode: the header uses heading sizes to leave room.
bool landscape_tight(const Metrics& m) { return !m.portrait && (m.compact || m.elder); }

// The date as villagers write it: 2026年11月23日 星期一.
std::string header_date(const ScreenContext& ctx, const char* sep) {
  return plain_date(ctx.facts.today) + sep + ctx.facts.weekday;
}

// The header's blue band across the full width, from the cursor down `height`; returns its corners.
std::pair<ImVec2, ImVec2> header_band(const Ui& ui, float height) {
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + ui.m.width, a.y + height);
  ImGui::GetWindowDrawList()->AddRectFilledMultiColor(a, b, ui.c.primary, ui.c.primary, ui.c.primary_dark,
                                                      ui.c.primary_dark);
  return {a, b};
}

// The date without its year when it is this year's: 11月23日.
std::string this_years_date(const ScreenContext& ctx, const std::string& iso) {
  const std::string d = plain_date(iso);
  if (d == iso || iso.compare(0, 4, ctx.facts.today, 0, 4) != 0) return d;
  return d.substr(d.find("年") + std::string_view("年").size());
}

// The one-line header's height: a short landscape screen in elder mode (the village tablet),
// where even the tight header would leave room for one row of tiles only.
float one_line_header_height(const Ui& ui) { return ui.fonts->body->FontSize * 1.3f + ui.m.pad * 0.8f; }

// One line: the hall's name on the left; 离线 (when it is), the date and the time on the right.
// The content's date is on the staff screen.
void draw_one_line_header(ScreenContext& ctx, float height) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const Fonts& f = *ui.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto [a, b] = header_band(ui, height);
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  const ImU32 white = ui.c.text_on_primary;
  const ImU32 soft = IM_COL32(255, 255, 255, 225);
  const float mid = a.y + height * 0.5f;
  float right = b.x - m.pad;
  const ImVec2 cs = ui.measure(ctx.facts.clock, f.body);
  ui.draw_text(dl, f.body, ImVec2(right - cs.x, mid - cs.y * 0.5f), white, ctx.facts.clock);
  right -= cs.x + m.gap;
  const std::string date = this_years_date(ctx, ctx.facts.today) + " " + ctx.facts.weekday;
  const ImVec2 ds = ui.measure(date, f.small);
  ui.draw_text(dl, f.small, ImVec2(right - ds.x, mid - ds.y * 0.5f), soft, date);
  right -= ds.x + m.gap;
  if (ctx.facts.offline) {
    const Badge off = offline_badge(ui);
    const float bw = ui.badge_width(off);
    ui.draw_badge(dl, ImVec2(right - bw, mid - f.small->FontSize * 0.6f), off);
    right -= bw + m.gap;
  }
  const float name_w = right - (a.x + m.pad);
  ImFont* nf = ui.measure(site.hall.name, f.body).x <= name_w ? f.body : f.small;
  const ImVec2 ns = ui.measure(site.hall.name, nf);
  dl->PushClipRect(ImVec2(a.x + m.pad, a.y), ImVec2(a.x + m.pad + name_w, b.y), true);
  ui.draw_text(dl, nf, ImVec2(a.x + m.pad, mid - ns.y * 0.5f), white, site.hall.name);
  dl->PopClipRect();
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
}

// The narrow header (a narrow portrait screen in elder mode, the 8-inch tablet, where even the
// tight header leaves one row of tiles): the hall's name, wrapped, in heading type; the time and
// the date (without the year) on a small line; the content's date (and 离线) on the last line.
float narrow_header_height(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const Fonts& f = *ui.fonts;
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  const float w = m.width - m.pad * 2;
  const std::string phone = header_phone(ctx);
  const float step = m.gap * 0.3f;
  return m.pad * 1.6f + ui.paragraph_height(site.hall.name, f.heading, w) + step + ui.line_height(f.small) * 2 + step +
         (phone.empty() ? 0.0f : ui.paragraph_height(phone, f.small, w) + step);
}

void draw_narrow_header(ScreenContext& ctx, float height) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const Fonts& f = *ui.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto [a, b] = header_band(ui, height);
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  const auto& info = ctx.memo.get<content::CacheInfo>("info", [&] { return ctx.store.info(); });
  const ImU32 white = ui.c.text_on_primary;
  const ImU32 soft = IM_COL32(255, 255, 255, 215);
  const float w = m.width - m.pad * 2;
  const float x0 = a.x + m.pad;
  const float step = m.gap * 0.3f;
  float y = a.y + m.pad * 0.8f;
  auto lines = [&](const std::string& s, ImFont* font, ImU32 col) {
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    ui.paragraph(s, font, col, w);
    y += ui.paragraph_height(s, font, w) + step;
  };
  lines(site.hall.name, f.heading, white);
  lines(ctx.facts.clock + "  " + this_years_date(ctx, ctx.facts.today) + " " + ctx.facts.weekday, f.small, white);
  const std::string phone = header_phone(ctx);
  if (!phone.empty()) lines(phone, f.small, white);
  float x = x0;
  if (ctx.facts.offline) {
    const Badge off = offline_badge(ui);
    ui.draw_badge(dl, ImVec2(x, y), off);
    x += ui.badge_width(off) + m.gap;
  }
  const std::string fresh = "发布于 " + this_years_date(ctx, info.published_at.substr(0, 10));
  dl->PushClipRect(ImVec2(x, a.y), ImVec2(b.x - m.pad, b.y), true);
  ui.draw_text(dl, f.small, ImVec2(x, y), soft, fresh);
  dl->PopClipRect();
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
}

// The full header's top block: the hall's name (in big type when it fits one line, else
// heading type, wrapped) on the left, the clock and the date on the right. When that would leave
// the name less than six heading characters a line (elder mode on a narrow portrait screen), the
// block stacks: the clock and the date on the first line, the name under them across the width.
struct HeaderTop {
  ImFont* big;  // the clock's type (and the name's when it fits)
  ImFont* name_font;
  float name_w;     // the width left to the name
  float name_y;     // the name's top, from the block's top
  bool stacked;     // the clock and the date above the name
  bool date_below;  // stacked, and the date on a line of its own under the clock
  float height;     // the whole block
};
HeaderTop header_top(ScreenContext& ctx, bool tight) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const Fonts& f = *ui.fonts;
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  HeaderTop t;
  t.big = tight ? f.heading : f.display;
  const ImVec2 cs = ui.measure(ctx.facts.clock, t.big);
  const ImVec2 ds = ui.measure(header_date(ctx, "  "), f.small);
  const float full_w = m.width - m.pad * 2;
  t.name_w = full_w - m.pad - std::max(cs.x, ds.x);
  t.stacked = t.name_w < f.heading->FontSize * 6;
  t.date_below = false;
  t.name_y = 0;
  if (t.stacked) {
    t.name_w = full_w;
    t.date_below = cs.x + m.pad + ds.x > full_w;
    t.name_y = cs.y + (t.date_below ? ds.y : 0) + m.gap * 0.5f;
  }
  t.name_font = ui.measure(site.hall.name, t.big).x <= t.name_w ? t.big : f.heading;
  const float name_h = ui.paragraph_height(site.hall.name, t.name_font, t.name_w);
  t.height = t.stacked ? t.name_y + name_h : std::max(name_h, tight ? cs.y : cs.y + ds.y);
  return t;
}

void draw_header(ScreenContext& ctx, float height, bool tight) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const Fonts& f = *ui.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto [a, b] = header_band(ui, height);
  // a quiet decoration: two large translucent circles on the right
  dl->AddCircleFilled(ImVec2(b.x - height * 0.15f, a.y + height * 0.1f), height * 0.55f, IM_COL32(255, 255, 255, 14),
                      64);
  dl->AddCircleFilled(ImVec2(b.x - height * 0.05f, b.y), height * 0.4f, IM_COL32(255, 255, 255, 10), 64);

  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  const auto& info = ctx.memo.get<content::CacheInfo>("info", [&] { return ctx.store.info(); });
  const ImU32 white = ui.c.text_on_primary;
  const ImU32 soft = IM_COL32(255, 255, 255, 215);
  float y = a.y + m.pad;
  const std::string date = header_date(ctx, "  ");
  // date and time on the right, the hall's name on the left (or under them: header_top)
  const HeaderTop head = header_top(ctx, tight);
  ImFont* big = head.big;
  ImVec2 cs = ui.measure(ctx.facts.clock, big);
  ui.draw_text(dl, big, ImVec2(b.x - m.pad - cs.x, y), white, ctx.facts.clock);
  ImVec2 ds = ui.measure(date, f.small);
  // tight: the date shares the bottom line with the freshness line; stacked: left of the
  // clock on its baseline, or under it when the line is too narrow for both
  float date_x = b.x - m.pad - ds.x;
  float date_y = tight ? b.y - m.pad * 0.7f - ds.y : y + cs.y;
  if (head.stacked && !head.date_below) {
    date_x = a.x + m.pad;
    date_y = y + cs.y - ds.y - (cs.y - big->FontSize) * 0.5f;
  }
  ui.draw_text(dl, f.small, ImVec2(date_x, date_y), soft, date);
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, y + head.name_y));
  ui.paragraph(site.hall.name, head.name_font, white, head.name_w);
  // under the name, and under the date when that reaches lower
  const float wy = std::max(ImGui::GetCursorScreenPos().y - m.gap * 0.5f, y + head.height);
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, wy));
  if (!tight) ui.paragraph(kWelcome, f.body, soft, m.width - m.pad * 2);  // short screens keep the room
  // the hall's phone, when the bottom bar has no room for it beside the elder toggle
  const std::string phone = header_phone(ctx);
  if (!phone.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, ImGui::GetCursorScreenPos().y));
    ui.paragraph(phone, f.small, white, m.width - m.pad * 2);
  }
  // freshness line, at the bottom of the band
  // (the version hash is for staff, on the staff screen; the date says how fresh it is)
  const std::string published = plain_date(info.published_at.substr(0, 10));
  std::string fresh = "内容发布于 " + published;
  ImVec2 fs = ui.measure(fresh, f.small);
  float fy = b.y - m.pad * 0.7f - fs.y;
  float fx = a.x + m.pad;
  if (ctx.facts.offline) {
    const Badge off = offline_badge(ui);
    ui.draw_badge(dl, ImVec2(fx, fy - m.gap * 0.15f), off);
    fx += ui.badge_width(off) + m.gap;
  }
  // a narrow screen whose date shares this line: the shorter "发布于 2026年11月2日"
  const float room = (tight ? b.x - m.pad - ds.x - m.gap : b.x - m.pad) - fx;
  if (fs.x > room) {
    fresh = "发布于 " + published;
    fs = ui.measure(fresh, f.small);
  }
  ui.draw_text(dl, f.small, ImVec2(fx, fy), soft, fresh);
  if (ctx.facts.offline && fx + fs.x + m.gap < b.x) {
    // (the badge says it; the last sync time helps staff)
    std::string last = "最后同步 " + ctx.facts.last_sync;
    ImVec2 ls = ui.measure(last, f.small);
    if (fx + fs.x + m.gap * 2 + ls.x < b.x - m.pad)
      ui.draw_text(dl, f.small, ImVec2(b.x - m.pad - ls.x, fy), soft, last);
  }
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
}

// The header band's height: the top block, then the welcome line (not when tight), the phone
// (when the bottom bar has no room for it) and the freshness line.
float header_height(ScreenContext& ctx, bool tight) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const Fonts& f = *ui.fonts;
  const HeaderTop head = header_top(ctx, tight);
  const std::string phone = header_phone(ctx);
  const float phone_h = phone.empty() ? 0.0f : ui.paragraph_height(phone, f.small, m.width - m.pad * 2);
  if (tight) return head.height + phone_h + f.small->FontSize * 1.1f + m.pad * 2.2f;
  return head.height + ui.paragraph_height(kWelcome, f.body, m.width - m.pad * 2) + phone_h + f.small->FontSize +
         m.pad * 2.6f + m.gap;
}

void draw_tiles(ScreenContext& ctx, float width, int cols, float tile_h) {
  Ui& ui = ctx.ui;
  struct T {
    const char* label;
    const char* sub;
    assets::Icon icon;
    Route to;
  };
  const auto& guides =
      ctx.memo.get<std::vector<content::GuideSummary>>("guides_all", [&] { return ctx.store.guides_all(); });
  const std::string guide_count = std::to_string(guides.size()) + " 项服务";
  const T tiles[6] = {
      {"办事指南", guide_count.c_str(), assets::Icon::Guides, Route::guides(GuideTab::Department)},
      {"明白卡", "一看就懂", assets::Icon::Card, Route::to(Screen::Cards)},
      {"资金公开", "惠民资金公示", assets::Icon::Funds, Route::to(Screen::FundVillages)},
      {"政策文件", "政策与问答", assets::Icon::Policy, Route::to(Screen::Policies)},
      {"搜索", "手写或拼音", assets::Icon::Search, Route::search("")},
      {"评价建议", "您的意见", assets::Icon::Feedback, Route::feedback("")},
  };
  const float gap = ui.m.gap * 1.4f;
  const float tw = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  for (int i = 0; i < 6; ++i) {
    const int r = i / cols, c = i % cols;
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x + static_cast<float>(c) * (tw + gap), origin.y + static_cast<float>(r) * (tile_h + gap)));
    if (ui.tile(tiles[i].label, tiles[i].icon, tint(i), ImVec2(tw, tile_h), tiles[i].sub)) ctx.go(tiles[i].to);
  }
  const int rows = (6 + cols - 1) / cols;
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, static_cast<float>(rows) * tile_h + static_cast<float>(rows - 1) * gap));
}

// A village terminal (terminal.village): its own village's publications in their publicity
// period, before the notices, so a villager sees first what concerns their village.
void draw_village_funds(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const std::string& village_id = ctx.facts.village;
  if (village_id.empty()) return;
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  const content::Village* village = nullptr;
  for (const auto& v : site.villages)
    if (v.id == village_id) village = &v;
  if (!village) return;  // a config naming a village the content does not have: a hall's home
  const auto& funds = ctx.memo.get<std::vector<content::FundSummary>>(
      "funds/" + village_id + "/" + ctx.facts.today,
      [&] { return ctx.store.funds_for_village(village_id, ctx.facts.today); });
  ui.section_title(village->name + "资金公示", assets::Icon::Funds);
  int shown = 0;
  for (const auto& f : funds) {
    if (!f.current || shown == 3) continue;
    ++shown;
    std::vector<Badge> b{ui.badge_ok("公示中")};
    if (ui.row(f.title, "公示期至 " + plain_date(f.publicity_end), b, f.id))
      ctx.go(Route::fund_table(village_id, f.id));
  }
  if (shown == 0) ui.text("本村暂无公示中的资金公示", ui.fonts->body, ui.c.text_muted);
  if (ui.row("查看本村全部资金公示", std::to_string(funds.size()) + " 项", {}, "village_funds_all"))
    ctx.go(Route::fund_list(village_id));
  ImGui::Dummy(ImVec2(1, ui.m.gap));
}

void draw_notices(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const auto& notices = ctx.memo.get<std::vector<content::Notice>>(
      "notices/" + ctx.facts.today, [&] { return ctx.store.notices_current(ctx.facts.today); });
  ui.section_title("通知公告", assets::Icon::Notice);
  if (notices.empty()) {
    ui.text("暂无通知", ui.fonts->body, ui.c.text_muted);
    return;
  }
  for (const auto& n : notices) {
    // as villagers write dates, this year's without the year: 11月21日至11月26日
    std::string when = this_years_date(ctx, n.start_date) + "至" + this_years_date(ctx, n.end_date);
    if (ui.row(n.title, when, {})) ctx.go(Route::notice(n.id));
  }
}

}  // namespace

void draw_home(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const Fonts& f = *ui.fonts;
  // A portrait screen whose full header (big clock, welcome line) would leave less than three
  // rows of tiles on the first screen (the 8-inch tablet in elder mode) takes the tight one.
  const float portrait_tile_min_h = f.heading->FontSize + f.icon->FontSize * 1.4f + m.pad * 2;
  // When even that leaves less than two rows, the narrow header.
  auto rows_left = [&](float header) {
    return (ctx.area_h() - header - m.pad * 2 - ui.more_cue_height() + m.gap * 1.4f) /
           (portrait_tile_min_h + m.gap * 1.4f);
  };
  bool tight = landscape_tight(m);
  float header_h = header_height(ctx, tight);
  bool narrow = false;
  if (m.portrait && rows_left(header_h) < 3) {
    tight = true;
    header_h = header_height(ctx, tight);
    if (rows_left(header_h) < 2) {
      narrow = true;
      header_h = narrow_header_height(ctx);
    }
  }
  // Landscape: both rows of tiles (each at least its words' height) belong on the first
  // screen; when the tight header would push the second row below, the header takes one line.
  const float tile_min_h = ui.fonts->heading->FontSize + ui.fonts->small->FontSize + m.pad;
  const bool one_line =
      !m.portrait && ctx.area_h() - header_h - m.pad * 2 - ui.more_cue_height() < tile_min_h * 2 + m.gap * 1.4f;
  if (one_line) header_h = one_line_header_height(ui);
  begin_page(ctx, "home");
  // the header spans the full width: step out of the page margins for it
  ImGui::Unindent(m.pad);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - m.pad * 0.8f);
  if (one_line)
    draw_one_line_header(ctx, header_h);
  else if (narrow)
    draw_narrow_header(ctx, header_h);
  else
    draw_header(ctx, header_h, tight);
  ImGui::Indent(m.pad);
  ImGui::Dummy(ImVec2(1, one_line ? 0.0f : m.pad * 0.4f));
  const float content_w = m.width - m.pad * 2;
  // The tiles' room on the first screen: down to the 下滑查看更多 pill at the bottom, which
  // then covers what follows the tiles, never a tile.
  const float visible_h =
      ctx.area_max.y - ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y - ui.more_cue_height();
  if (m.portrait && narrow) {
    // one column of wide tiles, the icon beside the words (Ui::tile), three on the first screen
    const float least = ui.fonts->heading->FontSize + ui.fonts->small->FontSize + m.pad;
    const float tile_h = std::clamp((visible_h - m.gap * 1.4f * 2) / 3, least, least * 1.5f);
    draw_tiles(ctx, content_w, 1, tile_h);
    ImGui::Dummy(ImVec2(1, m.gap));
    draw_village_funds(ctx);
    draw_notices(ctx);
  } else if (m.portrait) {
    const int cols = 2;
    float tile_h = std::min(content_w / 2 * 0.78f, visible_h * 0.62f / 3);
    tile_h = std::max(tile_h, ui.fonts->heading->FontSize + ui.fonts->icon->FontSize * 1.4f + m.pad * 2);
    draw_tiles(ctx, content_w, cols, tile_h);
    ImGui::Dummy(ImVec2(1, m.gap));
    draw_village_funds(ctx);
    draw_notices(ctx);
  } else {
    // landscape: tiles on the left, notices on the right
    const float left_w = content_w * (m.elder ? 1.0f : m.compact ? 0.58f : 0.64f);
    const int cols = 3;
    float tile_h = std::min(left_w / 3 * 0.9f, (visible_h - m.gap * 1.4f) / 2);
    // (a short tile lays its icon beside the words: see Ui::tile)
    // (the words must fit; the icon and the second line give way first, see Ui::tile)
    tile_h = std::max(tile_h, one_line ? ui.fonts->heading->FontSize + m.gap * 2 : tile_min_h);
    ImVec2 top = ImGui::GetCursorScreenPos();
    draw_tiles(ctx, left_w, cols, tile_h);
    if (m.elder) {
      ImGui::Dummy(ImVec2(1, m.gap));
      draw_village_funds(ctx);
      draw_notices(ctx);
    } else {
      ImVec2 after = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + m.pad, top.y));
      ImGui::BeginGroup();  // the column reaches the page's right margin
      draw_village_funds(ctx);
      draw_notices(ctx);
      ImGui::EndGroup();
      after.y = std::max(after.y, ImGui::GetItemRectMax().y + m.gap);
      ImGui::SetCursorScreenPos(after);
    }
  }
  end_page(ctx);
}

}  // namespace bianmin::kiosk
