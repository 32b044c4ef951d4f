// Touch widgets and the per-frame registry. Dear ImGui lays out and draws; touch is handled
// here, not by ImGui, so that a drag never becomes a tap and nothing ever hovers:
//  - the app feeds finger/mouse events into Touch; ImGui's mouse stays at (-FLT_MAX,-FLT_MAX)
//    (the 1.86 workaround for touch screens: no hover, no stuck "hot" items after touch-up);
//  - a tap is a press and release that moved less than the drag threshold (a few mm);
//  - scroll areas (begin_scroll) move with the finger wherever the drag starts, buttons
//    included, and keep gliding with inertia after release;
//  - every tappable widget registers its visible rectangle and label, every text its string,
//    so scripts can `tap "办事指南"` and `expect "text"` exactly as a person would see them.
//
// Index: [Metrics] [Colors] [Touch] [Ui]
#pragma once
#include <imgui.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "assets/icons.hpp"
#include "assets/theme.hpp"
#include "platform/fonts.hpp"

namespace bianmin::kiosk {

// -------------------------------------------------------------------------------------------
// [SECTION] Metrics: sizes that follow the screen's size, its DPI and elder mode
// -------------------------------------------------------------------------------------------
struct Metrics {
  float width = 0, height = 0;  // screen pixels
  bool portrait = true;
  bool compact = false;  // small tablet layouts (short side < 900 px)
  bool elder = false;
  double dpi = 96;  // as configured, or guessed from the size
  float px_per_mm = 3.78f;
  FontSizes font;       // requested font sizes (pixels)
  float pad = 24;       // outer margin
  float gap = 16;       // spacing between items
  float touch = 64;     // minimum touch target: >= 12 mm (elder: >= 15 mm)
  float radius = 16;    // corner radius of cards and tiles
  float line = 1.45f;   // line height as a multiple of the font size (>= 1.3)
  float top_bar = 100;  // title bar height
  float nav_bar = 110;  // bottom bar height
  int nav_rows = 1;     // 2: the bar's three buttons do not fit one row (elder mode on a narrow screen)
  // Slim chrome (ScreenContext::slim_chrome, a screen that needs the height for a keyboard on
  // a screen with a two-row bar): a title bar with the hall's phone on one line, a bottom bar
  // with 返回 · 首页 on one row. Equal to top_bar / nav_bar where the bar has one row.
  float top_bar_slim = 100, nav_bar_slim = 110;
};
// dpi 0: guessed (tablets ~150 dpi, hall screens ~96 dpi).
Metrics compute_metrics(int width, int height, double dpi, bool elder);

// -------------------------------------------------------------------------------------------
// [SECTION] Colors (ImGui packed), from assets/theme.hpp
// -------------------------------------------------------------------------------------------
struct Colors {
  ImU32 background, surface, surface_alt, border, primary, primary_dark, primary_soft, accent, accent_soft, text,
      text_muted, text_on_primary, success, success_soft, danger, danger_soft, overlay;
};
Colors make_colors(const assets::Palette& p);

// -------------------------------------------------------------------------------------------
// [SECTION] Touch: fed by the app from SDL finger or mouse events
// -------------------------------------------------------------------------------------------
struct Touch {
  bool down = false;
  ImVec2 pos{-1, -1};
  ImVec2 start{-1, -1};
  double start_ms = 0;
  bool dragging = false;  // moved past the threshold since the press
  bool moved_any = false;
  bool caught_glide = false;  // pressed while a list glided: it only stops the list, never taps
  // per frame (cleared by Ui::end_frame)
  bool tapped = false;  // released without dragging
  ImVec2 tap_pos{-1, -1};
  ImVec2 delta{0, 0};         // finger movement this frame while dragging
  bool released = false;      // released this frame (tap or drag)
  ImVec2 velocity{0, 0};      // px/s at release (for inertia)
  float wheel = 0;            // mouse wheel notches this frame (desktop use)
  std::vector<ImVec2> trail;  // every finger position since the last frame, the press included
                              // (the handwriting pad draws what a frame would skip)
  // internal: recent samples for the velocity estimate
  ImVec2 last_pos{0, 0};
  double last_ms = 0;
  ImVec2 vel_estimate{0, 0};
};

struct Badge {
  std::string text;
  ImU32 fg, bg;
};

enum class ButtonKind { Primary, Secondary, Accent, Ghost, Danger };

struct WidgetRec {
  std::string label;
  ImVec2 min, max;                        // visible part, screen pixels
  bool clipped = false;                   // part of it is hidden (outside its scroll area or the screen)
  ImVec2 full_min{0, 0}, full_max{0, 0};  // the whole target, hidden part included
};

// What the layout check reads (Ui::record_layout): every text drawn with its rectangle, the
// clip rectangle it was drawn into and its colour; every scroll position bar.
struct TextRec {
  std::string text;
  ImVec2 min, max;            // the whole string, screen pixels
  ImVec2 clip_min, clip_max;  // the draw list's clip rectangle
  ImU32 col;
  bool in_scroll;  // drawn inside a scroll area (cut at its top and bottom edges by design)
};
struct BarRec {
  ImVec2 min, max;
};

// -------------------------------------------------------------------------------------------
// [SECTION] Ui: the widgets
// -------------------------------------------------------------------------------------------
class Ui {
 public:
  Metrics m;
  Colors c{};
  const Fonts* fonts = nullptr;
  Touch touch;
  double now_ms = 0;           // clock of this frame
  double dt = 1.0 / 60;        // seconds since the last frame
  bool input_blocked = false;  // an overlay is up: widgets under it take no taps
  // A small panel drawn above the screen at the end of the frame (the print toast) sets
  // set_overlay(); from the next frame on, taps inside it reach only hits made while
  // in_overlay is true, never the screen beneath.
  bool in_overlay = false;
  void set_overlay(ImVec2 min, ImVec2 max) { overlay_next_min_ = min, overlay_next_max_ = max; }
  bool want_frame = false;  // something animates: the app should draw again soon

  // this frame's registry
  std::vector<WidgetRec> widgets;
  std::vector<std::string> texts;
  // The layout check (tests/kiosk/test_layout_check.cpp): off in service, where it costs one
  // test per drawn string.
  bool record_layout = false;
  std::vector<TextRec> drawn_texts;
  std::vector<BarRec> bars;
  // Characters drawn this frame that the font atlas lacks: the app adds them and rebuilds the
  // atlas, so content that appears later (a new notice, a new day) never shows as "?".
  std::string missing_glyphs;

  // input from the app
  void press(ImVec2 p, double ms);
  void move(ImVec2 p, double ms);
  void release(ImVec2 p, double ms);
  bool gliding() const;  // some scroll area is still moving

  void begin_frame(double ms);
  void end_frame();
  void forget_scroll();  // idle reset: every list back at its top
  float drag_threshold() const { return std::max(8.0f, m.px_per_mm * 2.5f); }

  // --- hit testing -----------------------------------------------------------------------
  // Registers a tappable rectangle (clipped to the current scroll area) and says whether it
  // was tapped this frame / is held down now.
  bool hit(ImVec2 min, ImVec2 max, std::string_view label);
  bool held(ImVec2 min, ImVec2 max) const;

  // --- text ------------------------------------------------------------------------------
  void text(std::string_view s, ImFont* font, ImU32 col);  // one line at the cursor
  // Wrapped text with kiosk line spacing; width 0 = to the right edge of the content region.
  void paragraph(std::string_view s, ImFont* font, ImU32 col, float width = 0);
  float paragraph_height(std::string_view s, ImFont* font, float width) const;
  // At most `max_lines` lines of a paragraph; when the text goes on, the last one ends in "…".
  void paragraph_clamped(std::string_view s, ImFont* font, ImU32 col, float width, int max_lines);
  float line_height(ImFont* font) const;  // one paragraph line
  void record_text(std::string_view s) { texts.emplace_back(s); }
  ImVec2 measure(std::string_view s, ImFont* font) const;
  // Draws a string at a position (no layout); recorded when visible.
  void draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, std::string_view s);

  // --- widgets ---------------------------------------------------------------------------
  bool button(std::string_view label, assets::Icon icon, ButtonKind kind, ImVec2 size = {0, 0}, bool with_icon = true);
  bool tile(std::string_view label, assets::Icon icon, ImU32 tint, ImVec2 size, std::string_view sub = {});
  // A full-width list row: title, an optional second line, badges, a chevron.
  bool row(std::string_view title, std::string_view subtitle, const std::vector<Badge>& badges,
           std::string_view id_suffix = {});
  void badges(const std::vector<Badge>& list);  // one line of pills at the cursor
  float badge_width(const Badge& b) const;
  void draw_badge(ImDrawList* dl, ImVec2 pos, const Badge& b);
  bool checkbox_row(std::string_view label, std::string_view detail, bool checked);
  bool expander(std::string_view label, bool open);  // returns tapped (caller toggles)
  bool tabs(const std::vector<std::string>& labels, int& selected);
  void section_title(std::string_view s, assets::Icon icon);
  void spacer(float h) { ImGui::Dummy(ImVec2(1, h)); }

  // White rounded card around whatever is drawn between begin and end (full width).
  void begin_card(float inner_pad = -1);
  void end_card();

  // Drag-to-scroll area of the given size at the cursor. Returns the visible height.
  void begin_scroll(const char* id, ImVec2 size);
  void end_scroll();
  float scroll_y(const char* id) const;
  // The height of the 下滑查看更多 pill end_scroll draws at the bottom of an area that goes on
  // (a screen keeps its first-screen targets out of it).
  float more_cue_height() const;
  // Read-only, for tests: the offset of the largest scroll area drawn in the last frame (the
  // page; in landscape two-pane screens the wider pane), 0 when there is none.
  float page_scroll_y() const;

  Badge badge_info(std::string t) const { return {std::move(t), c.primary, c.primary_soft}; }
  Badge badge_ok(std::string t) const { return {std::move(t), c.success, c.success_soft}; }
  Badge badge_warn(std::string t) const { return {std::move(t), c.accent, c.accent_soft}; }
  Badge badge_bad(std::string t) const { return {std::move(t), c.danger, c.danger_soft}; }

 private:
  ImVec2 overlay_min_{0, 0}, overlay_max_{0, 0}, overlay_next_min_{0, 0}, overlay_next_max_{0, 0};
  bool under_overlay(ImVec2 p) const;
  struct Scroll {
    float y = 0, max = 0, velocity = 0;
    ImVec2 min, max_rect;
    bool owned = false;  // this area took the current drag
    bool seen = false;
  };
  struct ScrollFrame {
    ImGuiID id;
    Scroll* s;
    ImVec2 min, max;
  };
  std::map<ImGuiID, Scroll> scrolls_;
  std::vector<ScrollFrame> scroll_stack_;
  struct CardFrame {
    ImDrawListSplitter split;
    ImVec2 start;
    float pad;
    float width;
  };
  std::vector<CardFrame*> cards_;
  bool clip_visible(ImVec2& min, ImVec2& max) const;
};

}  // namespace bianmin::kiosk
