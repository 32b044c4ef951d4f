// Every screen, one file each (kiosk/screens/<name>.cpp).
#pragma once
#include "screens/screen.hpp"

namespace bianmin::kiosk {

void draw_home(ScreenContext& ctx);
void draw_guides(ScreenContext& ctx);         // browse by 部门 / 主题 / 一件事 / 公开目录
void draw_guide_list(ScreenContext& ctx);     // the guides of one group
void draw_guide(ScreenContext& ctx);          // guide detail
void draw_cards(ScreenContext& ctx);          // 明白卡 list
void draw_card(ScreenContext& ctx);           // one 明白卡
void draw_fund_villages(ScreenContext& ctx);  // 资金公开: choose a village
void draw_fund_list(ScreenContext& ctx);      // the publications of a village
void draw_fund_table(ScreenContext& ctx);     // one publication's rows
void draw_policies(ScreenContext& ctx);
void draw_policy(ScreenContext& ctx);
void draw_search(ScreenContext& ctx);
// The search's results for `query` inside the current page, best first; with none, kind
// words, the most-used services and the hall's phone (kiosk/screens/search_results.cpp).
void draw_search_results(ScreenContext& ctx, const std::string& query);
void draw_feedback(ScreenContext& ctx);
void draw_staff(ScreenContext& ctx);
// Staff mode while no content could be opened (the problem screen's corner hold): the PIN pad,
// then `problem` in the log's words with the terminal's facts, 重新载入内容 and 退出管理模式.
void draw_staff_without_content(Ui& ui, PersonState& person, const AppFacts& f, std::vector<Intent>& intents,
                                const std::string& problem);
void draw_notice(ScreenContext& ctx);

// Landscape screens that take text (search, the suggestion box): the pad or keyboard goes at
// the side when it fits in 58% of the content width (64% with its keys at their minimum);
// otherwise `side` is false and the screen puts it across the bottom.
struct InputPanelPlace {
  bool side = false;
  ImVec2 min, max;
};
InputPanelPlace input_panel_at_side(const ScreenContext& ctx, const TextInputState& st, float top, float bottom);
// The pinyin keyboard on a screen whose bottom bar takes two rows (elder mode on an 8-inch
// portrait tablet): 26 letters at 15 mm, six a row, need the height and the width. While it is
// open (not folded, not the pad) the chrome is slim (ScreenContext::slim_chrome) and ctx's area
// grows to match. Returns the side margin for the box and keys: narrow when slim, else m.pad.
float keyboard_chrome(ScreenContext& ctx, const TextInputState& st);

// Around and over the screens (one file each).
// The title bar (from ctx.title; not on home), the bottom bar (返回 · 首页 · 长辈模式) and the
// print status toast.
void draw_chrome(ScreenContext& ctx, bool home);
// Whether home's bottom bar has room for the hall's phone beside the elder toggle (else home's
// header shows it).
bool home_bar_has_phone(ScreenContext& ctx);
// The idle countdown over the screen; emits intent::ContinueUse when 继续使用 is tapped.
void draw_idle_overlay(Ui& ui, int seconds_left, std::vector<Intent>& intents);
// Urgent notices (紧急, screens/urgent.cpp): those current now that this person has not
// dismissed, newest first; and the overlay showing the first over any screen (知道了 dismisses
// it for the session: PersonState::urgent_dismissed).
std::vector<content::Notice> urgent_to_show(const content::Store& store, Memo& memo, const AppFacts& facts,
                                            const PersonState& person);
void draw_urgent_overlay(ScreenContext& ctx, const std::vector<content::Notice>& shown);
// The attract loop; `idle_ms` since the last touch picks the notice shown.
void draw_attract(ScreenContext& ctx, double idle_ms);
// A problem screen (broken config, no content): `title` for villagers, `message` for staff.
// `advice` in plain words, then the phone (none when empty); no technical details on screen.
void draw_problem(Ui& ui, const std::string& title, const std::string& advice, const std::string& phone);

// Whether the route's item still exists in the content (after a reload).
bool route_exists(const content::Store& store, const Route& r);

}  // namespace bianmin::kiosk
