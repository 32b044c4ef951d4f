#include "widgets/text_input.hpp"

#include <algorithm>
#include <cmath>

#include "bianmin/base/utf8.hpp"

namespace bianmin::kiosk {
namespace {

constexpr size_t kMaxLetters = 24;         // pending pinyin letters
constexpr size_t kPinyinCandidates = 60;   // asked of the decoder (then ranked by vocabulary)
constexpr size_t kWrittenCandidates = 40;  // asked of the recognizer

// ------------------------------------------------------------------------------------------
// helpers
bool in_vocabulary(const GlyphSet& v, std::string_view s) {
  GlyphSet one;
  one.add(s);
  GlyphSet both = one;
  both.add(v);
  return both == v;
}

// Candidates of the vocabulary first, each group in the engine's order.
template <typename T, typename TextOf>
void rank_by_vocabulary(std::vector<T>& items, const GlyphSet* v, TextOf text_of) {
  if (!v) return;
  std::stable_partition(items.begin(), items.end(), [&](const T& x) { return in_vocabulary(*v, text_of(x)); });
}

// Whether the font atlas holds every character of `s` (so drawing it never asks the app for an
// atlas rebuild).
bool font_has(const ImFont* f, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = utf8::decode(s, i);
    if (cp >= 0x10000 || !f->FindGlyphNoFallback(static_cast<ImWchar>(cp))) return false;
  }
  return true;
}

template <typename T, typename TextOf>
void keep_drawable(std::vector<T>& items, const ImFont* f, TextOf text_of) {
  items.erase(std::remove_if(items.begin(), items.end(), [&](const T& x) { return !font_has(f, text_of(x)); }),
              items.end());
}

// Between keys: tight (so ten 12 mm keys fit beside the results on a 1280x800 tablet) but never
// under 1.6 mm, so two keys are never one target.
float gap_of(const Ui& ui) { return std::max(std::ceil(ui.m.px_per_mm * 1.6f), std::round(ui.m.gap * 0.4f)); }

// The letter keys' columns in a width: 10 (a keyboard's rows) when ten keys of the minimum
// size fit, else as many as fit (never under 5), the letters then in alphabetical order
// (an 8" portrait tablet: 12 mm keys, seven a row).
int letter_columns(const Ui& ui, float width) {
  const float g = gap_of(ui), kmin = input_key_min(ui);
  const int fit = static_cast<int>((width + g) / (kmin + g));
  return fit >= 10 ? 10 : std::max(5, fit);
}
// The compact keyboard's places: the letters (digits: ten) one column each, then 123 (digits:
// 字母) and 删除 `span` columns each (two when a word is wider than a key: elder mode on an 8"
// tablet); a key that would not fit at the end of a row starts the next one, and 删除 ends its
// row at the right edge.
struct Place {
  int row, col, span;
};
std::vector<Place> compact_places(int cols, bool digits, int span) {
  std::vector<Place> out;
  int row = 0, col = 0;
  auto put = [&](int w) {
    if (col + w > cols) {
      ++row;
      col = 0;
    }
    out.push_back(Place{row, col, w});
    col += w;
  };
  for (int i = 0; i < (digits ? 10 : 26); ++i) put(1);
  put(span);
  put(span);
  out.back().col = cols - span;
  return out;
}
int compact_rows(int cols, bool digits, int span) { return compact_places(cols, digits, span).back().row + 1; }
// Columns a word key takes in the compact keyboard: two when 删除 in body type overflows a key
// `u` wide.
int word_span(const Ui& ui, float u) { return ui.measure("删除", ui.fonts->body).x > u * 0.92f ? 2 : 1; }

// A key: rounded, a soft shadow, pressed colour while held. Returns tapped.
bool key(Ui& ui, ImVec2 a, ImVec2 b, std::string_view label, std::string_view shown, bool accent,
         ImFont* font = nullptr) {
  const bool tapped = ui.hit(a, b, label);
  const bool down = ui.held(a, b);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = ui.m.radius * 0.6f;
  const ImU32 bg = accent ? (down ? ui.c.primary_dark : ui.c.primary_soft) : (down ? ui.c.surface_alt : ui.c.surface);
  dl->AddRectFilled(ImVec2(a.x, a.y + 2), ImVec2(b.x, b.y + 2), IM_COL32(20, 40, 80, 30), r);
  dl->AddRectFilled(a, b, bg, r);
  dl->AddRect(a, b, ui.c.border, r);
  // the largest type whose line fits the key both ways (a short key on a small tablet in
  // elder mode takes the body size)
  ImFont* f = font ? font : ui.fonts->heading;
  ImVec2 ts = ui.measure(shown, f);
  auto too_big = [&] { return ts.x > (b.x - a.x) * 0.92f || ts.y > b.y - a.y; };
  if (too_big() && f != ui.fonts->small) {
    f = ui.fonts->body;
    ts = ui.measure(shown, f);
  }
  if (too_big()) {
    f = ui.fonts->small;
    ts = ui.measure(shown, f);
  }
  ui.draw_text(dl, f, ImVec2(a.x + (b.x - a.x - ts.x) * 0.5f, a.y + (b.y - a.y - ts.y) * 0.5f),
               accent ? ui.c.primary : ui.c.text, shown);
  return tapped;
}

// A paging arrow (drawn, no glyph): left or right.
bool arrow_key(Ui& ui, ImVec2 a, ImVec2 b, bool right, bool enabled) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = ui.m.radius * 0.6f;
  bool tapped = false;
  if (enabled) {
    tapped = ui.hit(a, b, right ? "下一页" : "上一页");
    dl->AddRectFilled(a, b, ui.held(a, b) ? ui.c.primary_dark : ui.c.primary_soft, r);
  }
  const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  const float s = std::min(b.x - a.x, b.y - a.y) * 0.22f;
  const ImU32 col = enabled ? ui.c.primary : ui.c.border;
  if (right)
    dl->AddTriangleFilled(ImVec2(c.x - s * 0.6f, c.y - s), ImVec2(c.x - s * 0.6f, c.y + s), ImVec2(c.x + s * 0.8f, c.y),
                          col);
  else
    dl->AddTriangleFilled(ImVec2(c.x + s * 0.6f, c.y - s), ImVec2(c.x + s * 0.6f, c.y + s), ImVec2(c.x - s * 0.8f, c.y),
                          col);
  return tapped;
}

// Key height for a number of rows in a height, within the size limits.
float key_height(const Ui& ui, float height, int rows) {
  const float g = gap_of(ui);
  const float fit = (height - g * static_cast<float>(rows - 1)) / static_cast<float>(rows);
  return std::max(input_key_min(ui), std::min(fit, ui.m.touch * 1.15f));
}

float bar_key_width(const Ui& ui, std::string_view label, float k) {
  return std::max(k * 1.25f, ui.measure(label, ui.fonts->body).x + ui.m.gap * 1.6f);
}

// The pad's keys beside it: 删除, 重写, the mode key and 清空, one above the other, or two
// by two when four do not fit the pad's height (short tablets).
struct PadKeys {
  int cols = 1;
  float key_w = 0, key_h = 0;
  float width(float g) const { return key_w * static_cast<float>(cols) + g * static_cast<float>(cols - 1); }
};
PadKeys pad_keys(const Ui& ui, float k, float body_h) {
  const float g = gap_of(ui), kmin = input_key_min(ui);
  PadKeys p;
  p.key_w = std::max({bar_key_width(ui, "重写", k), bar_key_width(ui, "拼音", k), bar_key_width(ui, "清空", k)});
  p.cols = body_h >= kmin * 4 + g * 3 ? 1 : 2;
  const int rows = 4 / p.cols;
  p.key_h = std::max(kmin, std::min(k * 1.3f, (body_h - g * static_cast<float>(rows - 1)) / static_cast<float>(rows)));
  return p;
}

// Draws `s` centred in [a.x, b.x] at `y` in the largest of body/small that fits; nothing if
// neither does.
void fitted_hint(Ui& ui, ImDrawList* dl, std::string_view s, ImVec2 a, ImVec2 b, ImU32 col) {
  for (ImFont* f : {ui.fonts->body, ui.fonts->small}) {
    const ImVec2 ts = ui.measure(s, f);
    if (ts.x <= b.x - a.x && ts.y <= b.y - a.y) {
      ui.draw_text(dl, f, ImVec2(a.x + (b.x - a.x - ts.x) * 0.5f, a.y + (b.y - a.y - ts.y) * 0.5f), col, s);
      return;
    }
  }
}

const char* mode_key_label(InputMode mode) { return mode == InputMode::Handwriting ? "拼音" : "手写"; }

void reset_pages(TextInputState& st) { st.pages.assign(1, 0); }

void clear_ink(TextInputState& st) {
  st.ink.strokes.clear();
  st.stroke.clear();
  st.drawing = false;
  st.written.clear();
  ++st.ticket;  // a result still on its way is for ink that is gone
  reset_pages(st);
}

// ------------------------------------------------------------------------------------------
// the pad
void draw_ink(ImDrawList* dl, ImVec2 origin, const std::vector<ime::InkPoint>& s, ImU32 col, float w) {
  if (s.size() == 1) {
    dl->AddCircleFilled(ImVec2(origin.x + s[0].x, origin.y + s[0].y), w * 0.5f, col);
    return;
  }
  for (size_t i = 1; i < s.size(); ++i)
    dl->AddLine(ImVec2(origin.x + s[i - 1].x, origin.y + s[i - 1].y), ImVec2(origin.x + s[i].x, origin.y + s[i].y), col,
                w);
  for (const auto& p : s) dl->AddCircleFilled(ImVec2(origin.x + p.x, origin.y + p.y), w * 0.5f, col);
}

// Returns true when a stroke ended this frame.
bool pad(Ui& ui, TextInputState& st, ImVec2 a, ImVec2 b, bool ready, const std::string& problem) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = ui.m.radius;
  dl->AddRectFilled(a, b, ui.c.surface, r);
  dl->AddRect(a, b, ui.c.primary, r, 0, std::max(2.0f, ui.m.px_per_mm * 0.5f));
  // 米字格-style guide: a square in the middle with its cross, light, so a person writes one
  // character large and centred.
  const float side = std::min(b.x - a.x, b.y - a.y) * 0.9f;
  const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  const ImVec2 qa(c.x - side * 0.5f, c.y - side * 0.5f), qb(c.x + side * 0.5f, c.y + side * 0.5f);
  const ImU32 guide = ui.c.border;
  dl->AddRect(qa, qb, guide, 0, 0, 1.5f);
  for (float t = 0; t < side; t += side / 24) {
    dl->AddLine(ImVec2(qa.x + t, c.y), ImVec2(qa.x + std::min(side, t + side / 48), c.y), guide, 1.5f);
    dl->AddLine(ImVec2(c.x, qa.y + t), ImVec2(c.x, qa.y + std::min(side, t + side / 48)), guide, 1.5f);
  }
  ui.hit(a, b, "手写板");  // registered so scripts can write on it; a tap is a dot, not a button
  const float line = ui.fonts->body->FontSize * 1.4f;
  if (!ready) {
    const std::string msg = problem.empty() ? "手写识别正在准备…" : "手写识别暂不可用，请用拼音";
    dl->AddRectFilled(ImVec2(a.x + 2, c.y - line * 0.5f), ImVec2(b.x - 2, c.y + line * 0.5f), ui.c.surface);
    fitted_hint(ui, dl, msg, ImVec2(a.x + 4, c.y - line * 0.5f), ImVec2(b.x - 4, c.y + line * 0.5f), ui.c.text_muted);
    return false;
  }
  if (st.ink.empty() && !st.drawing) {
    const ImVec2 ha(qa.x, qb.y - line - 2), hb(qb.x, qb.y - 2);
    dl->AddRectFilled(ha, hb, ui.c.surface);
    fitted_hint(ui, dl, "在这里写一个字", ha, hb, ui.c.text_muted);
  }
  // The finger: a stroke starts where a press lands on the pad and follows the finger (also
  // outside the pad, clamped to it) until it lifts.
  bool ended = false;
  const Touch& t = ui.touch;
  auto inside = [&](ImVec2 p) { return p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y; };
  if (!ui.input_blocked && !st.drawing && t.down && inside(t.start) && !t.trail.empty()) {
    st.drawing = true;
    st.stroke.clear();
  }
  if (st.drawing) {
    for (ImVec2 p : t.trail) {
      ime::InkPoint q{std::clamp(p.x, a.x, b.x) - a.x, std::clamp(p.y, a.y, b.y) - a.y};
      if (st.stroke.empty() || std::hypot(q.x - st.stroke.back().x, q.y - st.stroke.back().y) >= 1.5f)
        st.stroke.push_back(q);
    }
    if (!t.down) {
      st.drawing = false;
      if (!st.stroke.empty()) {
        st.ink.strokes.push_back(std::move(st.stroke));
        st.ink.width = b.x - a.x;
        st.ink.height = b.y - a.y;
        ended = true;
      }
      st.stroke.clear();
    }
  }
  const float w = std::max(4.0f, ui.m.px_per_mm * 1.6f);
  for (const auto& s : st.ink.strokes) draw_ink(dl, a, s, ui.c.text, w);
  if (st.drawing) draw_ink(dl, a, st.stroke, ui.c.text, w);
  return ended;
}

// A letter key adds to the pending spelling; any other key (a digit) ends the spelling as typed
// (document numbers are typed as they are), within the box's length.
void type_key(TextInputState& st, std::string& text, const std::string& typed, size_t max_chars) {
  if (typed.empty()) return;
  if (typed[0] >= 'a' && typed[0] <= 'z') {
    if (st.letters.size() < kMaxLetters) st.letters += typed;
    return;
  }
  if (utf8::length(text) + st.letters.size() + 1 <= max_chars) text += st.letters + typed;
  st.letters.clear();
}

// 删除: the last pending letter, else the last character of the text.
void erase_last(TextInputState& st, std::string& text) {
  if (!st.letters.empty())
    st.letters.pop_back();
  else
    utf8::pop_back(text);
}

}  // namespace

// ------------------------------------------------------------------------------------------
// [SECTION] Engines
std::unique_ptr<InputEngines> InputEngines::open(std::function<void()> wake) {
  auto e = std::make_unique<InputEngines>();
  auto p = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  if (p)
    e->pinyin = std::move(*p);
  else
    e->pinyin_problem = p.error().to_string();
  e->handwriting =
      std::make_unique<ime::RecognitionLane>(ime::default_handwriting_model(), kWrittenCandidates, std::move(wake));
  return e;
}

// ------------------------------------------------------------------------------------------
// [SECTION] Widget
InputMode effective_mode(const Ui& ui, const TextInputState& st) {
  if (st.mode != InputMode::Auto) return st.mode;
  return ui.m.elder ? InputMode::Handwriting : InputMode::Pinyin;
}

float input_key_min(const Ui& ui) { return std::ceil(ui.m.px_per_mm * (ui.m.elder ? 15.0f : 12.0f)); }

float text_input_height(const Ui& ui, const TextInputState& st, float width) {
  const float g = gap_of(ui);
  const float kmin = input_key_min(ui);
  if (effective_mode(ui, st) == InputMode::Handwriting) {
    const float k = std::max(kmin, ui.m.touch);
    const float pad_h = std::clamp(width * 0.6f, k * 4.0f + g * 3, k * 8.0f);
    return k + g + pad_h;
  }
  const int cols = letter_columns(ui, width);
  const float u = (width - g * static_cast<float>(cols - 1)) / static_cast<float>(cols);  // a letter key's width
  const float k = std::max(kmin, std::min(u * 1.1f, ui.m.touch * 1.15f));
  const int rows = cols == 10 ? 3 : compact_rows(cols, false, word_span(ui, u));
  return k * static_cast<float>(rows + 1) + g * static_cast<float>(rows);
}

float text_input_width(const Ui& ui, const TextInputState& st, float height) {
  const float g = gap_of(ui);
  if (effective_mode(ui, st) == InputMode::Handwriting) {
    const float k = key_height(ui, std::min(height * 0.22f, ui.m.touch), 1);
    const float pad_side = height - k - g;
    return pad_side * 1.05f + g + pad_keys(ui, k, pad_side).width(g);
  }
  const float k = key_height(ui, height, 4);
  return std::min(k * 1.2f, ui.m.touch * 1.4f) * 10 + g * 9;
}

// 收起 or the mode key beside the box: its word in small type.
float text_input_side_key_width(const Ui& ui) {
  return std::max(input_key_min(ui), ui.measure("收起", ui.fonts->small).x + ui.m.gap * 0.8f);
}

float text_input_min_width(const Ui& ui, const TextInputState& st, float height) {
  const float g = gap_of(ui), kmin = input_key_min(ui);
  if (effective_mode(ui, st) == InputMode::Handwriting) {
    const float pad_side = std::max(kmin * 3, height - kmin - g);
    return std::max(pad_side + g + pad_keys(ui, kmin, pad_side).width(g), kmin * 6 + g * 5);
  }
  return kmin * 10 + g * 9;
}

bool text_input(Ui& ui, InputEngines* engines, TextInputState& st, std::string& text, ImVec2 min, ImVec2 max,
                const TextInputOptions& opt) {
  const std::string text_before = text, letters_before = st.letters;
  bool switch_mode = false, clear_all = false;
  const InputMode mode = effective_mode(ui, st);
  const bool hand = mode == InputMode::Handwriting;
  const float g = gap_of(ui);
  const float W = max.x - min.x, H = max.y - min.y;
  const bool own_bar = opt.bar_max.x > opt.bar_min.x;
  const float k = own_bar ? opt.bar_max.y - opt.bar_min.y
                  : hand  ? key_height(ui, std::min(H * 0.22f, ui.m.touch), 1)
                          : key_height(ui, H, 4);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto append = [&](const std::string& s) {
    if (utf8::length(text) + utf8::length(s) <= opt.max_chars) text += s;
  };

  // --- results of the recognizer ---------------------------------------------------------
  ime::RecognitionLane* lane = engines ? engines->handwriting.get() : nullptr;
  if (lane) {
    if (auto r = lane->take(); r && r->ticket == st.ticket && !st.ink.empty()) {
      st.written = std::move(r->candidates);
      auto text_of = [](const std::string& s) { return std::string_view(s); };
      if (opt.drawable_only) keep_drawable(st.written, ui.fonts->body, text_of);
      rank_by_vocabulary(st.written, opt.vocabulary, text_of);
      reset_pages(st);
    }
    if (lane->busy()) ui.want_frame = true;
  }
  // --- pinyin candidates (asked again only when the letters change) ------------------------
  if (st.spelled_for != st.letters) {
    st.spelled_for = st.letters;
    st.spelled.clear();
    if (engines && engines->pinyin && !st.letters.empty()) {
      st.spelled = engines->pinyin->candidates(st.letters, kPinyinCandidates);
      auto text_of = [](const ime::PinyinCandidate& c) { return std::string_view(c.text); };
      if (opt.drawable_only) keep_drawable(st.spelled, ui.fonts->body, text_of);
      rank_by_vocabulary(st.spelled, opt.vocabulary, text_of);
    }
    reset_pages(st);
  }
  std::vector<std::string> cands;
  if (hand)
    cands = st.written;
  else
    for (const auto& c : st.spelled) cands.push_back(c.text);

  // --- the candidate bar: candidates, paging, then the mode key and 清空 -------------------
  {
    // the bar's own rectangle, when the screen puts it beside its box (short screens)
    const float bx0 = own_bar ? opt.bar_min.x : min.x, bx1 = own_bar ? opt.bar_max.x : max.x;
    const float by0 = own_bar ? opt.bar_min.y : min.y;
    const char* mode_label = mode_key_label(mode);
    // beside the box the bar is short of width: its keys in small type, no wider than needed
    ImFont* bf = own_bar ? ui.fonts->small : ui.fonts->body;
    auto bkw = [&](const char* l) {
      return own_bar ? std::max(input_key_min(ui), ui.measure(l, bf).x + ui.m.gap) : bar_key_width(ui, l, k);
    };
    // beside the box (opt.keys_min/max): 收起 at the right, the mode key left of it, no 清空
    const bool own_keys = opt.keys_max.x > opt.keys_min.x;
    if (own_keys) {
      const float kx1 = opt.keys_max.x, ky0 = opt.keys_min.y, ky1 = opt.keys_max.y;
      const float w = text_input_side_key_width(ui);
      const float mx = opt.collapsible ? opt.keys_min.x : kx1 - w;
      if (opt.collapsible && key(ui, ImVec2(kx1 - w, ky0), ImVec2(kx1, ky1), "收起", "收起", true, ui.fonts->small))
        st.collapsed = true;
      if (!hand && key(ui, ImVec2(mx, ky0), ImVec2(mx + w, ky1), mode_label, mode_label, true, ui.fonts->small))
        switch_mode = true;
    }
    const bool bar_keys = !hand && !own_keys;
    const float clear_w = bar_keys ? bkw("清空") : 0, mode_w = bar_keys ? bkw(mode_label) : 0;
    float right_x = bar_keys ? bx1 - clear_w - g - mode_w : bx1 + g;
    if (opt.collapsible && !own_keys) {
      // 收起: the results get the room (short landscape screens)
      const float w = bkw("收起");
      right_x -= w + g;
      if (key(ui, ImVec2(right_x, by0), ImVec2(right_x + w, by0 + k), "收起", "收起", true, bf)) st.collapsed = true;
    }
    if (bar_keys) {
      const float mx = bx1 - clear_w - g - mode_w;
      if (key(ui, ImVec2(mx, by0), ImVec2(mx + mode_w, by0 + k), mode_label, mode_label, true, bf)) switch_mode = true;
      if (key(ui, ImVec2(bx1 - clear_w, by0), ImVec2(bx1, by0 + k), "清空", "清空", true, bf)) clear_all = true;
    }
    const float arrow_w = std::max(input_key_min(ui), k * 0.8f);
    // paging arrows only when the candidates do not all fit
    auto cand_font = [&](const std::string& c) {
      // big type when its atlas has the characters (titles do), else body type, which holds
      // every character of the content
      return opt.drawable_only && !font_has(ui.fonts->heading, c) ? ui.fonts->body : ui.fonts->heading;
    };
    auto cand_w = [&](const std::string& c) { return std::max(k, ui.measure(c, cand_font(c)).x + ui.m.gap * 1.4f); };
    const float cand_x0 = bx0;
    bool arrows = st.pages.size() > 1;
    {
      float need = 0;
      for (size_t j = std::min(st.pages.back(), cands.size()); j < cands.size() && !arrows; ++j) {
        need += cand_w(cands[j]) + g;
        if (cand_x0 + need - g > right_x - g) arrows = true;
      }
    }
    const float cand_x1 = arrows ? right_x - g * 2 - arrow_w * 2 - g : right_x - g;
    dl->AddRectFilled(ImVec2(cand_x0, by0), ImVec2(right_x - g, by0 + k), ui.c.primary_soft, ui.m.radius * 0.6f);
    size_t first = std::min(st.pages.back(), cands.size());
    float x = cand_x0;
    size_t i = first;
    int tapped = -1;
    for (; i < cands.size(); ++i) {
      ImFont* cf = cand_font(cands[i]);
      const float w = cand_w(cands[i]);
      if (x + w > cand_x1 && i > first) break;
      ImVec2 a(x, by0), b(std::min(x + w, cand_x1), by0 + k);
      if (key(ui, a, b, cands[i], cands[i], false, cf)) tapped = static_cast<int>(i);
      x += w + g;
    }
    if (cands.empty()) {
      const char* hint = hand ? (st.ink.empty() ? "写好后，点这里选字" : "正在识别…")
                              : (st.letters.empty() ? "点字母拼写，点这里选字" : "没有这个拼音");
      if (hand && !st.ink.empty() && lane && !lane->busy()) hint = "没认出来，请点“重写”再写一次";
      const ImVec2 ha(cand_x0 + ui.m.gap * 0.5f, by0), hb(cand_x1, by0 + k);
      if (ui.measure(hint, ui.fonts->small).x > hb.x - ha.x) hint = hand ? "在这里选字" : "在这里选字";
      fitted_hint(ui, dl, hint, ha, hb, ui.c.text_muted);
    }
    const float ax = right_x - g * 2 - arrow_w * 2;
    if (arrows && arrow_key(ui, ImVec2(ax, by0), ImVec2(ax + arrow_w, by0 + k), false, st.pages.size() > 1))
      st.pages.pop_back();
    if (arrows &&
        arrow_key(ui, ImVec2(ax + arrow_w + g, by0), ImVec2(ax + arrow_w * 2 + g, by0 + k), true, i < cands.size()))
      st.pages.push_back(i);
    if (tapped >= 0) {
      const size_t t = static_cast<size_t>(tapped);
      if (hand) {
        append(cands[t]);
        clear_ink(st);
      } else {
        append(st.spelled[t].text);
        st.letters.erase(0, std::min(st.letters.size(), st.spelled[t].letters_used));
      }
      // a whole word picked: on a short screen the results come first
      if (opt.collapsible && st.letters.empty() && st.ink.empty()) st.collapsed = true;
    }
  }

  // --- the body: the pad with its keys, or the keyboard -------------------------------------
  const float top = own_bar ? min.y : min.y + k + g;
  if (hand) {
    const PadKeys pk = pad_keys(ui, k, max.y - top);
    const ImVec2 pa(min.x, top), pb(max.x - pk.width(g) - g, max.y);
    const bool ready = lane && lane->ready();
    if (pad(ui, st, pa, pb, ready, lane ? lane->problem() : std::string("no recognizer"))) {
      lane->submit(st.ink, ++st.ticket);
      ui.want_frame = true;
    }
    // 删除 and 重写 at the top, the mode key and 清空 at the bottom
    const float kh = pk.key_h, kw = pk.key_w;
    auto slot = [&](int i) {  // 0 删除, 1 重写, 2 拼音, 3 清空
      const int col = pk.cols == 1 ? 0 : i % 2, row = pk.cols == 1 ? i : i / 2;
      const float x = max.x - pk.width(g) + static_cast<float>(col) * (kw + g);
      const int rows = 4 / pk.cols;
      const bool low = row >= rows / 2;  // the lower half sits at the bottom
      const float y =
          low ? max.y - static_cast<float>(rows - row) * (kh + g) + g : top + static_cast<float>(row) * (kh + g);
      return std::pair<ImVec2, ImVec2>{ImVec2(x, y), ImVec2(x + kw, y + kh)};
    };
    if (auto [a, b] = slot(2); key(ui, a, b, "拼音", "拼音", true, ui.fonts->body)) switch_mode = true;
    if (auto [a, b] = slot(3); key(ui, a, b, "清空", "清空", true, ui.fonts->body)) clear_all = true;
    if (auto [a, b] = slot(0); key(ui, a, b, "删除", "删除", true, ui.fonts->body)) {
      if (!st.ink.empty()) {
        st.ink.strokes.pop_back();
        st.written.clear();
        reset_pages(st);
        if (st.ink.empty())
          ++st.ticket;
        else if (lane)
          lane->submit(st.ink, ++st.ticket);
      } else {
        utf8::pop_back(text);
      }
    }
    if (auto [a, b] = slot(1); key(ui, a, b, "重写", "重写", true, ui.fonts->body)) clear_ink(st);
  } else {
    const int cols = letter_columns(ui, W);
    if (cols < 10) {
      // Too narrow for ten keys a row: the letters in alphabetical order, `cols` a row, then
      // 123 and 删除 (digits: 1–0, 字母, 删除).
      const bool digits = mode == InputMode::Digits;
      std::vector<std::string> keys;
      if (digits)
        for (const char* d = "1234567890"; *d; ++d) keys.emplace_back(1, *d);
      else
        for (char c = 'A'; c <= 'Z'; ++c) keys.emplace_back(1, c);
      keys.emplace_back(digits ? "字母" : "数字");
      keys.emplace_back("删除");
      const float u = (W - g * static_cast<float>(cols - 1)) / static_cast<float>(cols);
      const int span = word_span(ui, u);
      const std::vector<Place> places = compact_places(cols, digits, span);
      const int letter_rows = compact_rows(cols, false, span);  // the same key size in both modes
      const float kh = std::max(input_key_min(ui), std::min((max.y - top - g * static_cast<float>(letter_rows - 1)) /
                                                                static_cast<float>(letter_rows),
                                                            k * 1.25f));
      std::string typed;
      for (size_t i = 0; i < keys.size(); ++i) {
        const Place& p = places[i];
        const float x = min.x + static_cast<float>(p.col) * (u + g);
        const float w = u * static_cast<float>(p.span) + g * static_cast<float>(p.span - 1);
        const ImVec2 a(x, top + static_cast<float>(p.row) * (kh + g)), b(a.x + w, a.y + kh);
        const std::string& l = keys[i];
        const bool word = l.size() > 1;
        if (l == "数字") {
          if (key(ui, a, b, "数字", "123", true, ui.fonts->body)) st.mode = InputMode::Digits;
        } else if (l == "字母") {
          if (key(ui, a, b, "字母", "字母", true, ui.fonts->body)) st.mode = InputMode::Pinyin;
        } else if (l == "删除") {
          if (key(ui, a, b, "删除", "删除", true, ui.fonts->body)) erase_last(st, text);
        } else if (!word && key(ui, a, b, l, l, false)) {
          typed = digits ? l : std::string(1, static_cast<char>(l[0] - 'A' + 'a'));
        }
      }
      type_key(st, text, typed, opt.max_chars);
    } else {
      // Three rows on a 10-unit grid: q–p, a–l (offset half a key), then a wide key, z–m and
      // 删除. Digits: 1–5, 6–0 two units wide. Keys keep a sensible shape on wide panels.
      const float kh = std::min((max.y - top - g * 2) / 3, k * 1.25f);
      const float u = std::min((W - g * 9) / 10, kh * 1.6f);
      const float row_w = u * 10 + g * 9;
      const float x0 = min.x + (W - row_w) * 0.5f;
      auto cell = [&](int row, float col, float span) {
        ImVec2 a(x0 + col * (u + g), top + static_cast<float>(row) * (kh + g));
        return std::pair<ImVec2, ImVec2>{a, ImVec2(a.x + span * u + (span - 1) * g, a.y + kh)};
      };
      std::string typed;
      if (mode == InputMode::Digits) {
        const char* d = "1234567890";
        for (int i = 0; i < 10; ++i) {
          auto [a, b] = cell(i / 5, static_cast<float>(i % 5) * 2, 2);
          std::string s(1, d[i]);
          if (key(ui, a, b, s, s, false)) typed = s;
        }
        auto [a, b] = cell(2, 0, 2);
        if (key(ui, a, b, "字母", "字母", true, ui.fonts->body)) st.mode = InputMode::Pinyin;
      } else {
        const char* rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
        const float offs[] = {0, 0.5f, 1.5f};
        for (int r = 0; r < 3; ++r)
          for (int i = 0; rows[r][i]; ++i) {
            auto [a, b] = cell(r, offs[r] + static_cast<float>(i), 1);
            const std::string lower(1, rows[r][i]);
            const std::string upper(1, static_cast<char>(rows[r][i] - 'a' + 'A'));
            if (key(ui, a, b, upper, upper, false)) typed = lower;  // keycaps as on a keyboard
          }
        auto [a, b] = cell(2, 0, 1.5f);
        b.x -= g * 0.5f;
        if (key(ui, a, b, "数字", "123", true, ui.fonts->body)) st.mode = InputMode::Digits;
      }
      {
        auto [a, b] = cell(2, 8.5f, 1.5f);
        a.x += g * 0.5f;
        if (key(ui, a, b, "删除", "删除", true, ui.fonts->body)) erase_last(st, text);
      }
      type_key(st, text, typed, opt.max_chars);
    }
  }
  if (switch_mode) {
    st.mode = hand ? InputMode::Pinyin : InputMode::Handwriting;
    clear_ink(st);
  }
  if (clear_all) {
    text.clear();
    st.letters.clear();
    clear_ink(st);
  }
  return text != text_before || st.letters != letters_before;
}

void text_box(Ui& ui, std::string_view text, std::string_view pending, std::string_view placeholder, ImVec2 a,
              float width, float height, assets::Icon icon) {
  const Metrics& m = ui.m;
  const float bh = height > 0 ? height : m.touch;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, ImVec2(a.x + width, a.y + bh), ui.c.surface, m.radius);
  dl->AddRect(a, ImVec2(a.x + width, a.y + bh), ui.c.primary, m.radius, 0, 2.5f);
  std::string ic = ui.fonts->glyph(icon);
  ImVec2 is = ui.measure(ic, ui.fonts->heading);
  dl->AddText(ui.fonts->heading, ui.fonts->heading->FontSize, ImVec2(a.x + m.gap, a.y + (bh - is.y) * 0.5f),
              ui.c.primary, ic.c_str());
  const float x0 = a.x + m.gap * 2 + is.x, text_w = width - m.gap * 3 - is.x;
  dl->PushClipRect(ImVec2(x0, a.y), ImVec2(x0 + text_w, a.y + bh), true);
  if (text.empty() && pending.empty()) {
    // too long: the part before the first comma, then the smaller type, then nothing (the
    // screen's own hint says what to do)
    std::string shown(placeholder);
    if (ui.measure(shown, ui.fonts->body).x > text_w) shown = shown.substr(0, shown.find("，"));
    for (ImFont* f : {ui.fonts->body, ui.fonts->small}) {
      const ImVec2 ts = ui.measure(shown, f);
      if (ts.x > text_w) continue;
      ui.draw_text(dl, f, ImVec2(x0, a.y + (bh - ts.y) * 0.5f), ui.c.text_muted, shown);
      break;
    }
  } else {
    // big type, unless its atlas lacks a character (body type holds all of the content's) or
    // its lines are taller than the box (elder mode on a dense screen)
    ImFont* f =
        font_has(ui.fonts->heading, text) && ui.fonts->heading->FontSize <= bh ? ui.fonts->heading : ui.fonts->body;
    const ImVec2 ts = ui.measure(text, f), ps = ui.measure(pending, f);
    // the end stays visible: a long entry scrolls left inside the box
    float x = x0;
    if (ts.x + ps.x > text_w) x -= ts.x + ps.x - text_w;
    const float y = a.y + (bh - ts.y) * 0.5f;
    if (!text.empty()) ui.draw_text(dl, f, ImVec2(x, y), ui.c.text, text);
    if (!pending.empty()) {
      const ImVec2 pp(x + ts.x + (text.empty() ? 0 : m.gap * 0.3f), y);
      ui.draw_text(dl, f, pp, ui.c.primary, pending);
      dl->AddLine(ImVec2(pp.x, y + ps.y), ImVec2(pp.x + ps.x, y + ps.y), ui.c.primary, 2.0f);
    }
    // a caret after the end
    const float cx = std::min(x0 + text_w, x + ts.x + ps.x + m.gap * 0.4f);
    dl->AddLine(ImVec2(cx, a.y + bh * 0.2f), ImVec2(cx, a.y + bh * 0.8f), ui.c.primary, 3.0f);
  }
  dl->PopClipRect();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(width, bh));
}

}  // namespace bianmin::kiosk
