#include "widgets/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "bianmin/base/utf8.hpp"
#include "platform/rare_glyphs.hpp"

namespace bianmin::kiosk {
namespace {

// Noto Sans CJK's ascent+descent is ~1.448 em; ImGui's FreeType builder sizes fonts by that
// height, so an em of E pixels needs a font size of E * kEmRatio.
constexpr float kEmRatio = 1.448f;

ImU32 rgb(uint32_t c, int a = 255) { return IM_COL32((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, a); }

bool contains(ImVec2 min, ImVec2 max, ImVec2 p) { return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y; }

// The code point at p (utf8::decode_at), advancing p past it.
unsigned next_cp(const char*& p, const char* end) {
  const utf8::Decoded d = utf8::decode_at(std::string_view(p, static_cast<size_t>(end - p)), 0);
  p += d.size;
  return d.cp;
}

bool is_cjk(unsigned cp) { return cp >= 0x2E80; }
// Chinese line-breaking: these never start a line (they hang at the end of the previous one).
bool no_line_start(unsigned cp) {
  switch (cp) {
    case 0xFF0C:
    case 0x3002:
    case 0x3001:
    case 0xFF1B:
    case 0xFF1A:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF09:
    case 0x300D:
    case 0x300F:
    case 0x300B:
    case 0x201D:
    case 0x3015:
    case 0x3011:
    case ',':
    case '.':
    case ';':
    case ':':
    case ')':
    case '!':
    case '?':
      return true;
    default:
      return false;
  }
}
// ...and these never end one (an opening bracket or quote goes down with what it opens).
bool no_line_end(unsigned cp) {
  switch (cp) {
    case 0xFF08:
    case 0x300C:
    case 0x300E:
    case 0x300A:
    case 0x201C:
    case 0x3014:
    case 0x3010:
    case '(':
      return true;
    default:
      return false;
  }
}

struct Line {
  const char* begin;
  const char* end;
};

// Breaks text into lines no wider than `width`: at spaces, between CJK characters, and at
// newlines; closing punctuation stays with the previous line.
std::vector<Line> wrap_lines(ImFont* font, std::string_view s, float width) {
  std::vector<Line> lines;
  const char* p = s.data();
  const char* end = p + s.size();
  const float size = font->FontSize;
  while (p <= end) {
    const char* line_start = p;
    const char* last_break = nullptr;  // where the line may end
    float w = 0;
    const char* q = p;
    const char* prev_start = nullptr;  // the last character put on this line
    unsigned prev_cp = 0;
    std::vector<const char*> starts;  // each character's start on this line, and the character
    std::vector<unsigned> cps;
    bool newline = false;
    while (q < end) {
      const char* cstart = q;
      unsigned cp = next_cp(q, end);
      if (cp == '\n') {
        newline = true;
        p = q;
        q = cstart;
        break;
      }
      const unsigned drawn = cp < 0x10000 ? cp : rare_glyphs::code_for(cp);
      float adv = font->GetCharAdvance(static_cast<ImWchar>(drawn ? drawn : 0xFFFD)) * size / font->FontSize;
      if (w + adv > width && cstart > line_start && no_line_start(cp)) {
        // Closing punctuation that would overhang the width: it may not start a line, so the
        // character before it (and any punctuation between) goes down with it, unless that
        // would empty the line (then it hangs, as before).
        size_t i = starts.size();
        while (i > 0 && no_line_start(cps[i - 1])) --i;
        if (i > 1) {
          q = starts[i - 1];
          p = q;
          break;
        }
      }
      if (w + adv > width && cstart > line_start && !no_line_start(cp)) {
        if (last_break && !is_cjk(cp) && cp != ' ')
          q = last_break;
        else if (no_line_end(prev_cp) && prev_start > line_start)
          q = prev_start;
        else
          q = cstart;
        p = q;
        break;
      }
      prev_start = cstart;
      prev_cp = cp;
      starts.push_back(cstart);
      cps.push_back(cp);
      w += adv;
      if (cp == ' ' || is_cjk(cp)) last_break = q;
      p = q;
    }
    lines.push_back(Line{line_start, q});
    if (newline) continue;
    if (q >= end) break;
    while (p < end && *p == ' ') ++p;  // a wrapped line does not start with a space
  }
  return lines;
}

}  // namespace

// ------------------------------------------------------------------------------------------
Metrics compute_metrics(int width, int height, double dpi, bool elder) {
  Metrics m;
  m.width = static_cast<float>(width);
  m.height = static_cast<float>(height);
  m.portrait = height >= width;
  const float shortside = static_cast<float>(std::min(width, height));
  m.compact = shortside < 900;
  m.elder = elder;
  m.dpi = dpi > 0 ? dpi : (m.compact ? 120.0 : 96.0);
  m.px_per_mm = static_cast<float>(m.dpi / 25.4);
  const float pt = static_cast<float>(m.dpi / 72.0);
  // Body text: at least 18 pt at the real size, and never tiny on a big screen.
  float em = std::max(18.0f * pt, shortside * (m.compact ? 0.030f : 0.0255f));
  if (elder) em *= 1.5f;
  m.font.body = std::round(em * kEmRatio);
  m.font.small = std::round(std::max(em * 0.84f, 16.0f * pt) * kEmRatio);
  m.font.heading = std::round(em * 1.3f * kEmRatio);
  m.font.display = std::round(em * 1.75f * kEmRatio);
  m.font.icon = std::round(em * 2.1f);
  if (elder) {
    // Elder mode promises every text at least 1.5x its normal size, rounding included.
    const FontSizes n = compute_metrics(width, height, dpi, false).font;
    m.font.body = std::max(m.font.body, std::ceil(n.body * 1.5f));
    m.font.small = std::max(m.font.small, std::ceil(n.small * 1.5f));
    m.font.heading = std::max(m.font.heading, std::ceil(n.heading * 1.5f));
    m.font.display = std::max(m.font.display, std::ceil(n.display * 1.5f));
  }
  m.pad = std::round(em * 0.85f);
  m.gap = std::round(em * 0.55f);
  // Short landscape screens (village tablets) in elder mode: the bars shrink towards the
  // physical minimum so the content keeps more than half of the height.
  const bool short_screen = !m.portrait && m.compact && elder;
  // The bottom bar's 返回 · 首页 · 长辈模式(：开) need eight (elder: ten) characters; a button
  // too narrow drops its icon and takes the smaller type (Ui::button). A screen too narrow even
  // for that (elder mode on an 8-inch portrait screen) gets two rows: 返回 · 首页, then the
  // elder toggle across the width; its buttons shrink towards the physical minimum too, so the
  // two rows leave the content most of the height.
  const float bar_needs = m.font.small * (elder ? 10 : 8) + m.gap * (2 + 3) + m.pad * 2;
  const bool two_row_bar = bar_needs > m.width;
  m.touch = std::round(std::max(m.px_per_mm * (elder ? 15.0f : 12.0f), em * (short_screen  ? 1.95f
                                                                             : two_row_bar ? 1.7f
                                                                                           : 2.3f)));
  m.radius = std::round(em * 0.6f);
  m.top_bar = std::round(
      std::max(m.touch * (short_screen ? 1.0f : 1.25f), em * 1.3f * kEmRatio * (short_screen ? 1.5f : 1.9f)));
  m.nav_bar = std::round(m.touch + m.gap * (short_screen ? 1.2f : 2.0f));
  m.top_bar_slim = m.top_bar;
  m.nav_bar_slim = m.nav_bar;
  if (two_row_bar) {
    m.nav_rows = 2;
    m.nav_bar = std::round(m.touch * 2 + m.gap * 3);
    m.top_bar_slim = std::round(m.font.small * 1.45f);
    m.nav_bar_slim = std::round(m.touch + m.gap * 0.8f);
  }
  return m;
}

Colors make_colors(const assets::Palette& p) {
  return Colors{rgb(p.background),   rgb(p.surface),         rgb(p.surface_alt), rgb(p.border),       rgb(p.primary),
                rgb(p.primary_dark), rgb(p.primary_soft),    rgb(p.accent),      rgb(p.accent_soft),  rgb(p.text),
                rgb(p.text_muted),   rgb(p.text_on_primary), rgb(p.success),     rgb(p.success_soft), rgb(p.danger),
                rgb(p.danger_soft),  rgb(p.overlay, 170)};
}

// ------------------------------------------------------------------------------------------
// input
void Ui::press(ImVec2 p, double ms) {
  touch.down = true;
  touch.pos = touch.start = touch.last_pos = p;
  touch.start_ms = touch.last_ms = ms;
  touch.dragging = false;
  touch.moved_any = false;
  touch.vel_estimate = ImVec2(0, 0);
  touch.trail.assign(1, p);
  // A touch stops a glide, and that is all it does: the row under the finger was moving, so
  // the person meant "stop", not "open this".
  touch.caught_glide = gliding();
  for (auto& [id, s] : scrolls_) {
    s.velocity = 0;
    s.owned = false;
  }
}

void Ui::move(ImVec2 p, double ms) {
  if (!touch.down) {
    touch.pos = p;
    return;
  }
  touch.delta.x += p.x - touch.pos.x;
  touch.delta.y += p.y - touch.pos.y;
  touch.pos = p;
  touch.trail.push_back(p);
  touch.moved_any = true;
  const float dx = p.x - touch.start.x, dy = p.y - touch.start.y;
  if (!touch.dragging && dx * dx + dy * dy > drag_threshold() * drag_threshold()) touch.dragging = true;
  const double dtm = ms - touch.last_ms;
  if (dtm > 0.5) {
    ImVec2 v((p.x - touch.last_pos.x) * 1000.0f / static_cast<float>(dtm),
             (p.y - touch.last_pos.y) * 1000.0f / static_cast<float>(dtm));
    // Smooth over samples close in time; after a pause the old speed is stale (a finger that
    // rested and then lifted must not fling with the speed it had before resting).
    const float keep = dtm > 50 ? 0.0f : 0.3f;
    touch.vel_estimate =
        ImVec2(touch.vel_estimate.x * keep + v.x * (1 - keep), touch.vel_estimate.y * keep + v.y * (1 - keep));
    touch.last_pos = p;
    touch.last_ms = ms;
  }
}

void Ui::release(ImVec2 p, double ms) {
  if (!touch.down) return;
  move(p, ms);
  touch.down = false;
  touch.released = true;
  if (!touch.dragging && !touch.caught_glide) {
    touch.tapped = true;
    touch.tap_pos = p;
  }
  // A finger that stopped before lifting does not fling.
  touch.velocity = (ms - touch.last_ms) < 80 ? touch.vel_estimate : ImVec2(0, 0);
}

bool Ui::gliding() const {
  for (const auto& [id, s] : scrolls_)
    if (s.velocity != 0) return true;
  return false;
}

void Ui::begin_frame(double ms) {
  dt = std::clamp((ms - now_ms) / 1000.0, 0.001, 0.1);
  now_ms = ms;
  overlay_min_ = overlay_next_min_;
  overlay_max_ = overlay_next_max_;
  overlay_next_min_ = overlay_next_max_ = ImVec2(0, 0);
  widgets.clear();
  texts.clear();
  drawn_texts.clear();
  bars.clear();
  missing_glyphs.clear();
  want_frame = false;
  for (auto& [id, s] : scrolls_) s.seen = false;
}

void Ui::end_frame() {
  if (touch.released) {
    // No hover on a touch screen: once the finger is up there is no pointer anywhere.
    touch.pos = ImVec2(-1, -1);
    touch.start = ImVec2(-1, -1);
    touch.dragging = false;
  }
  touch.tapped = false;
  touch.released = false;
  touch.delta = ImVec2(0, 0);
  touch.wheel = 0;
  touch.velocity = ImVec2(0, 0);
  touch.trail.clear();
}

void Ui::forget_scroll() { scrolls_.clear(); }

// ------------------------------------------------------------------------------------------
// hit testing
bool Ui::clip_visible(ImVec2& min, ImVec2& max) const {
  ImVec2 cmin(0, 0), cmax(m.width, m.height);
  if (!scroll_stack_.empty()) {
    cmin = scroll_stack_.back().min;
    cmax = scroll_stack_.back().max;
  }
  min = ImVec2(std::max(min.x, cmin.x), std::max(min.y, cmin.y));
  max = ImVec2(std::min(max.x, cmax.x), std::min(max.y, cmax.y));
  return max.x > min.x && max.y > min.y;
}

bool Ui::hit(ImVec2 min, ImVec2 max, std::string_view label) {
  const ImVec2 full_min = min, full_max = max;
  if (!clip_visible(min, max)) return false;
  const bool clipped = min.x != full_min.x || min.y != full_min.y || max.x != full_max.x || max.y != full_max.y;
  widgets.push_back(WidgetRec{std::string(label), min, max, clipped, full_min, full_max});
  if (input_blocked || !touch.tapped || under_overlay(touch.start)) return false;
  return contains(min, max, touch.tap_pos) && contains(min, max, touch.start);
}

bool Ui::under_overlay(ImVec2 p) const { return !in_overlay && contains(overlay_min_, overlay_max_, p); }

bool Ui::held(ImVec2 min, ImVec2 max) const {
  if (input_blocked || !touch.down || touch.dragging || touch.caught_glide || under_overlay(touch.start)) return false;
  if (!clip_visible(min, max)) return false;
  return contains(min, max, touch.start) && contains(min, max, touch.pos);
}

// ------------------------------------------------------------------------------------------
// text
// Characters above U+FFFF are measured and drawn through their Private Use Area codes
// (platform/rare_glyphs.hpp): ImGui 1.86 would read them as U+FFFD.
ImVec2 Ui::measure(std::string_view s, ImFont* font) const {
  if (rare_glyphs::has_rare(s)) {
    const std::string d = rare_glyphs::drawable(s);
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, d.data(), d.data() + d.size());
  }
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size());
}

void Ui::draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, std::string_view s) {
  ImVec2 size = measure(s, font);
  ImVec2 a = pos, b(pos.x + size.x, pos.y + size.y);
  if (clip_visible(a, b)) {
    texts.emplace_back(s);
    if (record_layout)
      drawn_texts.push_back(TextRec{std::string(s), pos, ImVec2(pos.x + size.x, pos.y + size.y), dl->GetClipRectMin(),
                                    dl->GetClipRectMax(), col, !scroll_stack_.empty()});
    for (const char* p = s.data(); p < s.data() + s.size();) {
      const char* from = p;
      unsigned cp = next_cp(p, s.data() + s.size());
      const unsigned drawn = cp > 0xFFFF ? rare_glyphs::code_for(cp) : cp;
      if (cp >= 0x80 && drawn != 0 && (cp > 0xFFFF || !(cp >= 0xE000 && cp < 0xF900)) &&
          !font->FindGlyphNoFallback(static_cast<ImWchar>(drawn)))
        missing_glyphs.append(from, static_cast<size_t>(p - from));
    }
    if (rare_glyphs::has_rare(s)) {
      const std::string d = rare_glyphs::drawable(s);
      dl->AddText(font, font->FontSize, pos, col, d.data(), d.data() + d.size());
    } else {
      dl->AddText(font, font->FontSize, pos, col, s.data(), s.data() + s.size());
    }
  }
}

void Ui::text(std::string_view s, ImFont* font, ImU32 col) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 size = measure(s, font);
  draw_text(ImGui::GetWindowDrawList(), font, pos, col, s);
  ImGui::Dummy(size);
}

float Ui::paragraph_height(std::string_view s, ImFont* font, float width) const {
  if (s.empty()) return 0;
  return static_cast<float>(wrap_lines(font, s, width).size()) * font->FontSize * 1.04f;
}

float Ui::line_height(ImFont* font) const { return font->FontSize * 1.04f; }

void Ui::paragraph_clamped(std::string_view s, ImFont* font, ImU32 col, float width, int max_lines) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  auto lines = wrap_lines(font, s, width);
  const size_t n = std::min(lines.size(), static_cast<size_t>(std::max(0, max_lines)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float y = pos.y;
  for (size_t i = 0; i < n; ++i) {
    std::string_view l(lines[i].begin, static_cast<size_t>(lines[i].end - lines[i].begin));
    if (i + 1 == n && n < lines.size()) {
      // the last line shown: drop characters until "…" fits
      std::string cut(l);
      while (!cut.empty() && measure(cut + "…", font).x > width) utf8::pop_back(cut);
      draw_text(dl, font, ImVec2(pos.x, y), col, cut + "…");
    } else if (!l.empty()) {
      draw_text(dl, font, ImVec2(pos.x, y), col, l);
    }
    y += line_height(font);
  }
  ImGui::Dummy(ImVec2(width, std::max(1.0f, y - pos.y)));
}

void Ui::paragraph(std::string_view s, ImFont* font, ImU32 col, float width) {
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float lh = font->FontSize * 1.04f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto lines = wrap_lines(font, s, width);
  float y = pos.y;
  for (const auto& l : lines) {
    if (l.end > l.begin) draw_text(dl, font, ImVec2(pos.x, y), col, std::string_view(l.begin, l.end - l.begin));
    y += lh;
  }
  ImGui::Dummy(ImVec2(width, std::max(1.0f, y - pos.y)));
}

// ------------------------------------------------------------------------------------------
// widgets
bool Ui::button(std::string_view label, assets::Icon icon, ButtonKind kind, ImVec2 size, bool with_icon) {
  ImFont* font = fonts->body;
  std::string ic = with_icon ? fonts->glyph(icon) : std::string();
  float icon_w = ic.empty() ? 0 : measure(ic, font).x + m.gap * 0.5f;
  ImVec2 ts = measure(label, font);
  // A button of a given width too narrow for icon and words (elder mode on a narrow bar):
  // the words matter more, so the icon goes first, then the words get the smaller type.
  // Still too wide in the smaller type: two lines, broken after a "：" or in the middle, when
  // the button is tall enough for them.
  std::string line1, line2;
  if (size.x > 0 && ts.x + icon_w + m.gap > size.x) {
    ic.clear();
    icon_w = 0;
    if (ts.x + m.gap > size.x) {
      font = fonts->small;
      ts = measure(label, font);
    }
    const float lh = font->FontSize;  // two short lines in a button: tight leading
    if (ts.x + m.gap > size.x && (size.y <= 0 ? m.touch : size.y) >= lh * 2) {
      const std::string all(label);
      size_t cut = all.find("：");
      if (cut != std::string::npos && cut + 3 < all.size()) {
        cut += 3;  // the colon stays on the first line
      } else {
        size_t n = 0, half = 0;
        for (unsigned char ch : all) n += (ch & 0xC0) != 0x80;
        cut = 0;
        for (size_t i = 0; i < all.size(); ++i)
          if ((static_cast<unsigned char>(all[i]) & 0xC0) != 0x80 && half++ == (n + 1) / 2) {
            cut = i;
            break;
          }
      }
      if (cut > 0 && cut < all.size()) {
        line1 = all.substr(0, cut);
        line2 = all.substr(cut);
        const ImVec2 a1 = measure(line1, font), a2 = measure(line2, font);
        ts = ImVec2(std::max(a1.x, a2.x), lh + a2.y);
      }
    }
  }
  if (size.x <= 0) size.x = ts.x + icon_w + m.pad * 2;
  if (size.y <= 0) size.y = m.touch;
  ImVec2 min = ImGui::GetCursorScreenPos();
  ImVec2 max(min.x + size.x, min.y + size.y);
  bool tapped = hit(min, max, label);
  bool down = held(min, max);
  ImU32 bg, fg, border = 0;
  switch (kind) {
    case ButtonKind::Primary:
      bg = down ? c.primary_dark : c.primary;
      fg = c.text_on_primary;
      break;
    case ButtonKind::Accent:
      bg = down ? c.primary_dark : c.accent;
      fg = c.text_on_primary;
      break;
    case ButtonKind::Danger:
      bg = down ? c.primary_dark : c.danger;
      fg = c.text_on_primary;
      break;
    case ButtonKind::Secondary:
      bg = down ? c.primary_soft : c.surface;
      fg = c.primary;
      border = c.primary;
      break;
    case ButtonKind::Ghost:
    default:
      bg = down ? c.surface_alt : c.primary_soft;
      fg = c.primary;
      break;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(min, max, bg, m.radius);
  if (border) dl->AddRect(min, max, border, m.radius, 0, std::max(2.0f, m.px_per_mm * 0.5f));
  float x = min.x + (size.x - ts.x - icon_w) * 0.5f;
  const float y = min.y + (size.y - ts.y) * 0.5f;
  if (!ic.empty()) {
    dl->AddText(font, font->FontSize, ImVec2(x, y), fg, ic.c_str());
    x += icon_w;
  }
  if (line1.empty()) {
    draw_text(dl, font, ImVec2(x, y), fg, label);
  } else {
    draw_text(dl, font, ImVec2(min.x + (size.x - measure(line1, font).x) * 0.5f, y), fg, line1);
    draw_text(dl, font, ImVec2(min.x + (size.x - measure(line2, font).x) * 0.5f, y + font->FontSize), fg, line2);
  }
  ImGui::Dummy(size);
  return tapped;
}

bool Ui::tile(std::string_view label, assets::Icon icon, ImU32 tint, ImVec2 size, std::string_view sub) {
  ImVec2 min = ImGui::GetCursorScreenPos();
  ImVec2 max(min.x + size.x, min.y + size.y);
  bool tapped = hit(min, max, label);
  bool down = held(min, max);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // soft shadow, then the tile
  dl->AddRectFilled(ImVec2(min.x, min.y + 3), ImVec2(max.x, max.y + 4), IM_COL32(20, 40, 80, 22), m.radius * 1.2f);
  dl->AddRectFilled(min, max, down ? c.surface_alt : c.surface, m.radius * 1.2f);
  dl->AddRect(min, max, c.border, m.radius * 1.2f, 0, 1.5f);
  ImFont* hf = fonts->heading;
  const ImVec2 ls = measure(label, hf);
  const float sub_h = sub.empty() ? 0 : fonts->small->FontSize;
  {
    // A wide, short tile (landscape tablets in elder mode): icon on the left, words on the
    // right, so the icon keeps a useful size.
    const float words_w = std::max(ls.x, sub.empty() ? 0.0f : measure(sub, fonts->small).x);
    const float hr = std::min(size.y * 0.22f, (size.x - m.gap * 3 - words_w) * 0.5f);
    const float inner = hr * 2 + m.gap + words_w;
    const float vertical_r = (size.y - m.gap * 2 - ls.y - sub_h - m.gap) * 0.5f;
    if (vertical_r < size.y * 0.2f && hr >= size.y * 0.17f && ls.y + sub_h <= size.y - m.gap) {
      const float x0 = min.x + (size.x - inner) * 0.5f;
      ImVec2 center(x0 + hr, min.y + size.y * 0.5f);
      dl->AddCircleFilled(center, hr, (tint & 0x00FFFFFF) | (38u << 24), 48);
      std::string ic = fonts->glyph(icon);
      const float isz = std::min(fonts->icon->FontSize, hr * 1.25f);
      ImVec2 is = fonts->icon->CalcTextSizeA(isz, FLT_MAX, 0, ic.c_str());
      dl->AddText(fonts->icon, isz, ImVec2(center.x - is.x * 0.5f, center.y - is.y * 0.5f), tint, ic.c_str());
      const float wx = x0 + hr * 2 + m.gap;
      const float wy = min.y + (size.y - ls.y - sub_h) * 0.5f;
      draw_text(dl, hf, ImVec2(wx, wy), c.text, label);
      if (!sub.empty()) draw_text(dl, fonts->small, ImVec2(wx, wy + ls.y), c.text_muted, sub);
      ImGui::Dummy(size);
      return tapped;
    }
  }
  // the icon circle gets what the label leaves, so nothing spills out of a short tile; the
  // second line goes first when there is no room for it (the label says what the tile is)
  const bool show_sub = !sub.empty() && (size.y - m.gap * 3 - ls.y - sub_h) * 0.5f >= fonts->body->FontSize * 0.5f;
  const float sub_drawn = show_sub ? sub_h : 0.0f;
  const float r_fit = std::min(std::min(size.x, size.y) * 0.2f, (size.y - m.gap * 2 - ls.y - sub_drawn - m.gap) * 0.5f);
  if (r_fit < fonts->body->FontSize * 0.4f) {
    // too short for an icon that could be told apart (the village tablet in elder mode): the
    // words alone, centred; an icon squeezed in would spill over the tile's edge
    draw_text(dl, hf, ImVec2(min.x + (size.x - ls.x) * 0.5f, min.y + (size.y - ls.y) * 0.5f), c.text, label);
    ImGui::Dummy(size);
    return tapped;
  }
  const float r = r_fit;
  const float block = r * 2 + m.gap + ls.y + sub_drawn;
  const float top = min.y + (size.y - block) * 0.5f;
  ImVec2 center(min.x + size.x * 0.5f, top + r);
  // icon colour circle: the tint at low alpha
  ImU32 soft = (tint & 0x00FFFFFF) | (38u << 24);
  dl->AddCircleFilled(center, r, soft, 48);
  std::string ic = fonts->glyph(icon);
  ImFont* iconf = fonts->icon;
  float isz = std::min(iconf->FontSize, r * 1.25f);
  ImVec2 is = iconf->CalcTextSizeA(isz, FLT_MAX, 0, ic.c_str());
  dl->AddText(iconf, isz, ImVec2(center.x - is.x * 0.5f, center.y - is.y * 0.5f), tint, ic.c_str());
  draw_text(dl, hf, ImVec2(min.x + (size.x - ls.x) * 0.5f, top + r * 2 + m.gap), c.text, label);
  if (show_sub) {
    ImVec2 ss = measure(sub, fonts->small);
    draw_text(dl, fonts->small, ImVec2(min.x + (size.x - ss.x) * 0.5f, top + r * 2 + m.gap + ls.y), c.text_muted, sub);
  }
  ImGui::Dummy(size);
  return tapped;
}

float Ui::badge_width(const Badge& b) const { return measure(b.text, fonts->small).x + m.gap * 1.4f; }

void Ui::draw_badge(ImDrawList* dl, ImVec2 pos, const Badge& b) {
  ImVec2 ts = measure(b.text, fonts->small);
  ImVec2 max(pos.x + ts.x + m.gap * 1.4f, pos.y + ts.y + m.gap * 0.3f);
  dl->AddRectFilled(pos, max, b.bg, (max.y - pos.y) * 0.5f);
  draw_text(dl, fonts->small, ImVec2(pos.x + m.gap * 0.7f, pos.y + m.gap * 0.15f), b.fg, b.text);
}

void Ui::badges(const std::vector<Badge>& list) {
  if (list.empty()) return;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float h = fonts->small->FontSize + m.gap * 0.3f;
  float x = pos.x, y = pos.y;
  for (const auto& b : list) {
    float w = badge_width(b);
    if (x > pos.x && x + w > pos.x + avail) {
      x = pos.x;
      y += h + m.gap * 0.4f;
    }
    draw_badge(ImGui::GetWindowDrawList(), ImVec2(x, y), b);
    x += w + m.gap * 0.5f;
  }
  ImGui::Dummy(ImVec2(avail, y + h - pos.y));
}

bool Ui::row(std::string_view title, std::string_view subtitle, const std::vector<Badge>& bs, std::string_view) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImVec2 min = ImGui::GetCursorScreenPos();
  const float chevron = fonts->body->FontSize * 1.2f;
  const float text_w = width - m.pad * 2 - chevron;
  const float th = paragraph_height(title, fonts->body, text_w);
  const float sh = subtitle.empty() ? 0 : paragraph_height(subtitle, fonts->small, text_w);
  const float badge_h = fonts->small->FontSize + m.gap * 0.3f;  // as draw_badge() makes them
  // The text block: title, then (after a half-gap spacing) the subtitle, then the badges
  // (drawn a quarter gap below the spacing).
  const float sp = std::round(m.gap * 0.5f);
  const float block = th + (subtitle.empty() ? 0.0f : sp + sh) + (bs.empty() ? 0.0f : sp + m.gap * 0.25f + badge_h);
  const float h = std::max(m.touch, std::round(block + m.pad * 1.3f));
  ImVec2 max(min.x + width, min.y + h);
  // Skip building rows far outside the visible area (long lists stay cheap).
  ImVec2 vmin = min, vmax = max;
  if (!clip_visible(vmin, vmax)) {
    ImGui::Dummy(ImVec2(width, h));
    return false;
  }
  bool tapped = hit(min, max, title);
  bool down = held(min, max);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(min, max, down ? c.surface_alt : c.surface, m.radius);
  dl->AddRect(min, max, c.border, m.radius, 0, 1.0f);
  // Centred: the same margin above the title as below the last line.
  ImGui::SetCursorScreenPos(ImVec2(min.x + m.pad, min.y + std::round((h - block) * 0.5f)));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(m.gap, sp));
  ImGui::BeginGroup();
  paragraph(title, fonts->body, c.text, text_w);
  if (!subtitle.empty()) paragraph(subtitle, fonts->small, c.text_muted, text_w);
  if (!bs.empty()) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    p.y += m.gap * 0.25f;
    for (const auto& b : bs) {
      draw_badge(dl, p, b);
      p.x += badge_width(b) + m.gap * 0.5f;
    }
  }
  ImGui::EndGroup();
  ImGui::PopStyleVar();
  std::string ic = fonts->glyph(assets::Icon::ChevronRight);
  ImVec2 is = measure(ic, fonts->body);
  dl->AddText(fonts->body, fonts->body->FontSize, ImVec2(max.x - m.pad * 0.5f - is.x, min.y + (h - is.y) * 0.5f),
              c.text_muted, ic.c_str());
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(ImVec2(width, h));
  return tapped;
}

bool Ui::checkbox_row(std::string_view label, std::string_view detail, bool checked) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImVec2 min = ImGui::GetCursorScreenPos();
  const float box = fonts->body->FontSize * 1.1f;
  const float text_w = width - box - m.gap * 2;
  const float th = paragraph_height(label, fonts->body, text_w);
  const float dh = detail.empty() ? 0 : paragraph_height(detail, fonts->small, text_w);
  const float h = std::max(m.touch, th + dh + m.gap);
  ImVec2 max(min.x + width, min.y + h);
  bool tapped = hit(min, max, label);
  bool down = held(min, max);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (down) dl->AddRectFilled(min, max, c.surface_alt, m.radius * 0.5f);
  std::string ic = fonts->glyph(checked ? assets::Icon::Check : assets::Icon::Unchecked);
  ImVec2 is = measure(ic, fonts->body);
  dl->AddText(fonts->body, fonts->body->FontSize, ImVec2(min.x + m.gap * 0.3f, min.y + (h - is.y) * 0.5f),
              checked ? c.success : c.text_muted, ic.c_str());
  ImGui::SetCursorScreenPos(ImVec2(min.x + box + m.gap, min.y + (h - th - dh) * 0.5f));
  ImGui::BeginGroup();
  // the detail right under the label: the block is th + dh high, as measured (no item spacing
  // between them, which would push the detail out of the row)
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
  paragraph(label, fonts->body, checked ? c.text_muted : c.text, text_w);
  if (!detail.empty()) paragraph(detail, fonts->small, c.text_muted, text_w);
  ImGui::PopStyleVar();
  ImGui::EndGroup();
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(ImVec2(width, h));
  return tapped;
}

bool Ui::expander(std::string_view label, bool open) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImVec2 min = ImGui::GetCursorScreenPos();
  const float icon_w = fonts->body->FontSize * 1.3f;
  const float th = paragraph_height(label, fonts->body, width - icon_w - m.gap);
  const float h = std::max(m.touch, th + m.gap);
  ImVec2 max(min.x + width, min.y + h);
  bool tapped = hit(min, max, label);
  bool down = held(min, max);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(min, max, down ? c.surface_alt : c.primary_soft, m.radius * 0.6f);
  std::string ic = fonts->glyph(open ? assets::Icon::ExpandLess : assets::Icon::ExpandMore);
  ImVec2 is = measure(ic, fonts->body);
  dl->AddText(fonts->body, fonts->body->FontSize, ImVec2(max.x - is.x - m.gap, min.y + (h - is.y) * 0.5f), c.primary,
              ic.c_str());
  ImGui::SetCursorScreenPos(ImVec2(min.x + m.gap, min.y + (h - th) * 0.5f));
  paragraph(label, fonts->body, c.primary, width - icon_w - m.gap * 2);
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(ImVec2(width, h));
  return tapped;
}

bool Ui::tabs(const std::vector<std::string>& labels, int& selected) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImVec2 min = ImGui::GetCursorScreenPos();
  const size_t n = labels.size();
  if (n == 0) return false;
  // Each tab is as wide as its label plus a margin, the room left shared out evenly, so a long
  // label (一件事一次办) never runs into its neighbour. What is tried, in order, until the labels
  // fit: one row; one row with the long labels (4+ characters) on two lines (一件事 / 一次办);
  // two rows of tabs; two rows in smaller type (shorter than big type on two lines each); two
  // rows in smaller type with the long labels on two lines.
  const float margin = m.gap * 0.6f;  // the least room inside a tab on each side of its label
  auto split = [](const std::string& s) {
    const size_t chars = utf8::length(s);
    if (chars < 4) return std::vector<std::string>{s};
    size_t i = 0;
    for (size_t k = 0; k < (chars + 1) / 2; ++k) utf8::decode(s, i);
    return std::vector<std::string>{s.substr(0, i), s.substr(i)};
  };
  ImFont* font = fonts->body;
  size_t cols = n;
  std::vector<std::vector<std::string>> lines(n);
  auto label_w = [&](size_t i) {
    float w = 0;
    for (const auto& l : lines[i]) w = std::max(w, measure(l, font).x);
    return w + margin * 2;
  };
  auto fits = [&] {
    float one_row = 0, widest = 0;
    for (size_t i = 0; i < n; ++i) one_row += label_w(i), widest = std::max(widest, label_w(i));
    // one row: side by side; several rows: equal columns, each as wide as the widest label needs
    return (cols == n ? one_row : widest * static_cast<float>(cols)) <= width;
  };
  struct Try {
    ImFont* font;
    size_t cols;
    bool two_lines;
  };
  const size_t half = (n + 1) / 2;
  for (const Try& t : {Try{fonts->body, n, false}, Try{fonts->body, n, true}, Try{fonts->body, half, false},
                       Try{fonts->small, half, false}, Try{fonts->small, half, true}}) {
    font = t.font;
    cols = t.cols;
    for (size_t i = 0; i < n; ++i) lines[i] = t.two_lines ? split(labels[i]) : std::vector<std::string>{labels[i]};
    if (fits()) break;
  }
  // each row as tall as its most lines need, its targets at least a touch target (rows keep a
  // gap between them)
  const float half_gap = m.gap * 0.3f;
  const float least = m.touch + (cols < n ? half_gap : 0);
  const float lh = std::round(font->FontSize * 1.15f);
  std::vector<float> row_h;
  float h = 0;
  for (size_t r0 = 0; r0 < n; r0 += cols) {
    size_t most = 1;
    for (size_t i = r0; i < std::min(n, r0 + cols); ++i) most = std::max(most, lines[i].size());
    row_h.push_back(std::max(least, lh * static_cast<float>(most) + m.gap * 1.2f));
    h += row_h.back();
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(min, ImVec2(min.x + width, min.y + h), c.surface_alt, m.radius);
  bool changed = false;
  // Neighbouring tabs' targets keep a gap (as keypad keys do) so a shaky finger on the border
  // picks neither rather than the wrong one.
  for (size_t r0 = 0; r0 < n; r0 += cols) {
    const size_t r1 = std::min(n, r0 + cols);
    const size_t row = r0 / cols;
    float y = min.y;
    for (size_t r = 0; r < row; ++r) y += row_h[r];
    const float rh = row_h[row];
    std::vector<float> w(r1 - r0, width / static_cast<float>(cols));
    if (cols == n) {  // one row: each as its label needs, the rest shared out
      float need = 0;
      for (size_t i = r0; i < r1; ++i) need += label_w(i);
      for (size_t i = r0; i < r1; ++i) w[i - r0] = label_w(i) + std::max(0.0f, width - need) / static_cast<float>(n);
    }
    float x = min.x;
    for (size_t i = r0; i < r1; ++i) {
      const int idx = static_cast<int>(i);
      const float wi = w[i - r0];
      const bool first = i == r0, last = i + 1 == r1;
      ImVec2 a(x + (first ? 0 : half_gap), y + (r0 > 0 ? half_gap : 0)),
          b(x + wi - (last ? 0 : half_gap), y + rh - (r1 < n ? half_gap : 0));
      if (hit(a, b, labels[i]) && selected != idx) {
        selected = idx;
        changed = true;
      }
      const bool sel = selected == idx;
      if (sel) dl->AddRectFilled(ImVec2(a.x + 4, a.y + 4), ImVec2(b.x - 4, b.y - 4), c.primary, m.radius * 0.85f);
      // a thin divider between two tabs neither of which is selected, so the labels read apart
      if (!first && !sel && selected != idx - 1)
        dl->AddLine(ImVec2(x, y + rh * 0.25f), ImVec2(x, y + rh * 0.75f), c.border, std::max(1.0f, m.px_per_mm * 0.3f));
      const float ty = y + (rh - lh * static_cast<float>(lines[i].size())) * 0.5f;
      for (size_t k = 0; k < lines[i].size(); ++k) {
        ImVec2 ts = measure(lines[i][k], font);
        draw_text(dl, font, ImVec2(x + wi * 0.5f - ts.x * 0.5f, ty + lh * static_cast<float>(k) + (lh - ts.y) * 0.5f),
                  sel ? c.text_on_primary : c.text, lines[i][k]);
      }
      x += wi;
    }
  }
  ImGui::Dummy(ImVec2(width, h));
  return changed;
}

void Ui::section_title(std::string_view s, assets::Icon icon) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bar_h = fonts->heading->FontSize * 0.62f;
  const float y0 = pos.y + (fonts->heading->FontSize - bar_h) * 0.5f;
  dl->AddRectFilled(ImVec2(pos.x, y0), ImVec2(pos.x + m.px_per_mm * 1.4f, y0 + bar_h), c.accent, 3);
  float x = pos.x + m.gap * 1.2f;
  std::string ic = fonts->glyph(icon);
  if (!ic.empty()) {
    ImVec2 is = measure(ic, fonts->heading);
    dl->AddText(fonts->heading, fonts->heading->FontSize, ImVec2(x, pos.y), c.primary, ic.c_str());
    x += is.x + m.gap * 0.4f;
  }
  draw_text(dl, fonts->heading, ImVec2(x, pos.y), c.text, s);
  ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, fonts->heading->FontSize));
}

// ------------------------------------------------------------------------------------------
// cards
void Ui::begin_card(float inner_pad) {
  auto* f = new CardFrame();
  f->pad = inner_pad < 0 ? m.pad : inner_pad;
  f->start = ImGui::GetCursorScreenPos();
  f->width = ImGui::GetContentRegionAvail().x;
  f->split.Split(ImGui::GetWindowDrawList(), 2);
  f->split.SetCurrentChannel(ImGui::GetWindowDrawList(), 1);
  cards_.push_back(f);
  ImGui::SetCursorScreenPos(ImVec2(f->start.x + f->pad, f->start.y + f->pad));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(f->width - f->pad * 2);
  // Content width inside the card: ImGui's content region ends at the window's edge, so
  // shrink it by the card's padding for paragraphs and rows.
  ImGui::GetCurrentWindow()->WorkRect.Max.x -= f->pad;
  ImGui::GetCurrentWindow()->ContentRegionRect.Max.x -= f->pad;
}

void Ui::end_card() {
  CardFrame* f = cards_.back();
  cards_.pop_back();
  ImGui::GetCurrentWindow()->WorkRect.Max.x += f->pad;
  ImGui::GetCurrentWindow()->ContentRegionRect.Max.x += f->pad;
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  const float bottom = ImGui::GetItemRectMax().y + f->pad;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  f->split.SetCurrentChannel(dl, 0);
  // Only the part of the card its scroll area can show is drawn, with a margin wider than the
  // corners, so the cut edges stay out of sight. A card taller than the screen (a guide with
  // thousands of characters) would otherwise be one triangle fan as tall as the card, and SDL's
  // software renderer (headless) overflows its 32-bit texture interpolation on triangles of a
  // few million px², reading outside the font texture (issue 19).
  const float margin = m.radius * 2 + 8;
  const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
  const ImVec2 min(f->start.x, std::max(f->start.y, clip_min.y - margin));
  const ImVec2 max(f->start.x + f->width, std::min(bottom, clip_max.y + margin));
  if (min.y < max.y) {
    dl->AddRectFilled(ImVec2(min.x, min.y + 2), ImVec2(max.x, max.y + 3), IM_COL32(20, 40, 80, 16), m.radius);
    dl->AddRectFilled(min, max, c.surface, m.radius);
    dl->AddRect(min, max, c.border, m.radius, 0, 1.0f);
  }
  f->split.Merge(dl);
  ImGui::SetCursorScreenPos(f->start);
  ImGui::Dummy(ImVec2(f->width, bottom - f->start.y));
  delete f;
}

// ------------------------------------------------------------------------------------------
// scrolling
void Ui::begin_scroll(const char* id, ImVec2 size) {
  const ImGuiID gid = ImGui::GetID(id);
  Scroll& s = scrolls_[gid];
  s.seen = true;
  ImVec2 min = ImGui::GetCursorScreenPos();
  ImVec2 max(min.x + size.x, min.y + size.y);
  s.min = min;
  s.max_rect = max;
  const bool starts_here = contains(min, max, touch.start) && !input_blocked;
  if (touch.down && touch.dragging && starts_here) {
    s.y -= touch.delta.y;
    s.owned = true;
    s.velocity = 0;
  } else if (touch.released && s.owned) {
    s.owned = false;
    s.velocity = -touch.velocity.y;
    if (std::fabs(s.velocity) < 60) s.velocity = 0;
  } else if (!touch.down && s.velocity != 0) {
    s.y += s.velocity * static_cast<float>(dt);
    s.velocity *= static_cast<float>(std::exp(-dt * 3.5));
    if (std::fabs(s.velocity) < 25) s.velocity = 0;
  }
  if (touch.wheel != 0 && contains(min, max, touch.pos)) s.y -= touch.wheel * fonts->body->FontSize * 3;
  if (s.y > s.max) {
    s.y = s.max;
    s.velocity = 0;
  }
  if (s.y < 0) {
    s.y = 0;
    s.velocity = 0;
  }
  if (s.velocity != 0) want_frame = true;
  ImGui::BeginChild(id, size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground |
                        ImGuiWindowFlags_NoNav);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - std::round(s.y));
  scroll_stack_.push_back(ScrollFrame{gid, &s, min, max});
}

void Ui::end_scroll() {
  ScrollFrame f = scroll_stack_.back();
  scroll_stack_.pop_back();
  Scroll& s = *f.s;
  const float visible = f.max.y - f.min.y;
  const float content = ImGui::GetCursorPosY() + std::round(s.y);
  const float new_max = std::max(0.0f, content - visible);
  if (new_max != s.max) {
    s.max = new_max;
    if (s.y > s.max) want_frame = true;  // clamp on the next frame
  }
  if (s.max > 0 && visible > 1 && content > 1) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // More below: the last lines fade out and a pill says 下滑查看更多 (a thin bar alone is
    // missed by people who do not know touch screens scroll).
    if (s.y < s.max - 1) {
      const float fade = std::min(visible * 0.25f, fonts->small->FontSize * 2.2f);
      const ImU32 bg = c.background, clear = c.background & 0x00FFFFFF;
      dl->AddRectFilledMultiColor(ImVec2(f.min.x, f.max.y - fade), f.max, clear, clear, bg, bg);
      const char* more = "下滑查看更多";
      const ImVec2 ts = measure(more, fonts->small);
      const float px = m.gap, py = m.gap * 0.25f;
      const ImVec2 a(f.min.x + (f.max.x - f.min.x - ts.x) * 0.5f - px, f.max.y - more_cue_height());
      if (a.y > f.min.y) {
        dl->AddRectFilled(a, ImVec2(a.x + ts.x + px * 2, a.y + ts.y + py * 2), c.primary, (ts.y + py * 2) * 0.5f);
        draw_text(dl, fonts->small, ImVec2(a.x + px, a.y + py), c.text_on_primary, more);
      }
    }
    // A slim position indicator (not a control: fingers drag the content itself), >= 3:1.
    const float bar_h = std::max(visible * visible / content, m.touch * 0.5f);
    const float t = s.max > 0 ? s.y / s.max : 0;
    const float y = f.min.y + (visible - bar_h) * t;
    const float w = std::max(4.0f, m.px_per_mm * 1.2f);
    // a light rim, so the dark bar stands out on dark parts of a page too (home's blue header)
    const float rim = std::max(3.0f, w * 0.5f);
    dl->AddRectFilled(ImVec2(f.max.x - w - 2 - rim, y - rim), ImVec2(f.max.x, y + bar_h + rim), c.surface,
                      (w + rim * 2) * 0.5f);
    dl->AddRectFilled(ImVec2(f.max.x - w - 2, y), ImVec2(f.max.x - 2, y + bar_h), c.text_muted, w * 0.5f);
    if (record_layout) bars.push_back(BarRec{ImVec2(f.max.x - w - 2, y), ImVec2(f.max.x - 2, y + bar_h)});
  }
  ImGui::EndChild();
}

float Ui::more_cue_height() const {
  const float py = m.gap * 0.25f;
  return fonts->small->FontSize + py * 2 + m.gap * 0.3f;
}

float Ui::scroll_y(const char* id) const {
  auto it = scrolls_.find(ImGui::GetID(id));
  return it == scrolls_.end() ? 0 : it->second.y;
}

float Ui::page_scroll_y() const {
  const Scroll* page = nullptr;
  auto area = [](const Scroll& s) { return (s.max_rect.x - s.min.x) * (s.max_rect.y - s.min.y); };
  for (const auto& [id, s] : scrolls_)
    if (s.seen && (!page || area(s) > area(*page))) page = &s;
  return page ? page->y : 0;
}

}  // namespace bianmin::kiosk
