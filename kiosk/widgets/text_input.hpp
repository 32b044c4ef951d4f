// Text entry for villagers: a handwriting pad (zinnia) and a pinyin keyboard (googlepinyin),
// each with a bar of candidates; no system keyboard, no IME, no hover. One widget for every
// place the kiosk takes text (search; the 评价建议 suggestion box).
//
// Promises:
//  - Every key, candidate and the pad is at least 12 mm (elder mode: 15 mm) at the configured
//    dpi; the panel fits the rectangle it is given (the screen lays out around
//    text_input_size()).
//  - Elder mode opens on the pad, normal mode on the keyboard; the person's choice then stays
//    until the idle reset clears the state.
//  - Recognition runs on the engines' worker: a stroke never stalls the frame. Candidates show
//    when the result comes back (the worker wakes the event loop).
//  - Pinyin takes full spellings ("yibao" → 医保), initials ("yb") and mixes; letters not yet
//    turned into characters stay pending (shown after the text, searched as typed, so
//    initials search as before).
//  - With a vocabulary (search: the content's characters), candidates made of its characters
//    come first; the others follow, so nothing the person wrote is thrown away.
//
// Index: [Engines] [State] [Widget]
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/ime/handwriting.hpp"
#include "bianmin/ime/pinyin.hpp"
#include "platform/fonts.hpp"
#include "widgets/ui.hpp"

namespace bianmin::kiosk {

// -------------------------------------------------------------------------------------------
// [SECTION] Engines: opened once by the app, shared by every text entry
// -------------------------------------------------------------------------------------------
struct InputEngines {
  std::unique_ptr<ime::PinyinDecoder> pinyin;  // null: pinyin_problem says why
  std::string pinyin_problem;
  std::unique_ptr<ime::RecognitionLane> handwriting;  // its model opens on its own thread

  // `wake` is called from the recognition thread when a result is ready.
  static std::unique_ptr<InputEngines> open(std::function<void()> wake = {});
  bool busy() const { return handwriting && handwriting->busy(); }
  // Headless scripts: wait (real time) until the pad's last stroke is recognised.
  bool wait_idle(double ms) const { return !handwriting || handwriting->wait_idle(ms); }
};

// -------------------------------------------------------------------------------------------
// [SECTION] State: plain data kept in PersonState (forgotten on the idle reset)
// -------------------------------------------------------------------------------------------
enum class InputMode { Auto, Handwriting, Pinyin, Digits };  // Auto: elder → pad, else keyboard

struct TextInputState {
  InputMode mode = InputMode::Auto;
  std::string letters;                // pinyin typed, not yet characters (a–z)
  ime::Ink ink;                       // strokes on the pad, pad pixels
  std::vector<ime::InkPoint> stroke;  // the stroke being drawn
  bool drawing = false;
  bool collapsed = false;            // 收起 (collapsible panels): the screen shows 继续输入
  uint64_t ticket = 0;               // the ink last sent for recognition
  std::vector<std::string> written;  // candidates for `ink`
  std::vector<size_t> pages{0};      // first candidate of each page seen (back() = shown)
  std::string spelled_for;           // pinyin candidates below are for these letters
  std::vector<ime::PinyinCandidate> spelled;
};

// Something was typed or written that is not text yet (the idle reset must forget it).
inline bool text_input_used(const TextInputState& st) {
  return !st.letters.empty() || !st.ink.empty() || st.drawing || st.mode != InputMode::Auto || st.collapsed;
}

struct TextInputOptions {
  size_t max_chars = 24;                 // characters of text, pending letters not counted
  const GlyphSet* vocabulary = nullptr;  // candidates of these characters first
  // Only candidates the font atlas already holds (search: a character no content has finds
  // nothing, and drawing it would make the app rebuild the atlas, a stall). Free text (a
  // suggestion box) leaves it off: any character, the atlas grows as it is used.
  bool drawable_only = false;
  // A short screen where the panel leaves the results little room: a 收起 key, and the panel
  // folds away by itself once a whole word is picked (the screen then offers 继续输入).
  bool collapsible = false;
  // Where the candidate bar goes when not across the top of the panel (a short screen puts it
  // beside the text box); empty = on top.
  ImVec2 bar_min{0, 0}, bar_max{0, 0};
  // Where 收起 and the mode key (手写/拼音) go when not at the end of the candidate bar (a
  // narrow screen in elder mode puts them beside the box, 收起 at the right); 清空 is then left
  // out (删除 empties the box, 首页 starts afresh). Empty = in the bar.
  ImVec2 keys_min{0, 0}, keys_max{0, 0};
};

// -------------------------------------------------------------------------------------------
// [SECTION] Widget
// -------------------------------------------------------------------------------------------
InputMode effective_mode(const Ui& ui, const TextInputState& st);
// Key/candidate height: at least 12 mm (elder 15 mm), at most the screen's touch size.
float input_key_min(const Ui& ui);
// The size the panel wants: `width` given (portrait, a full-width panel at the bottom), or
// `height` given (landscape, a panel at the side); the other side is returned.
float text_input_height(const Ui& ui, const TextInputState& st, float width);
float text_input_width(const Ui& ui, const TextInputState& st, float height);
// The narrowest the panel may be at the side (its keys at their minimum size).
float text_input_min_width(const Ui& ui, const TextInputState& st, float height);
// The width of 收起 or the mode key beside the box (TextInputOptions::keys_min/max).
float text_input_side_key_width(const Ui& ui);

// Draws the panel in [min, max] and edits `text`. Returns true when `text` or the pending
// letters changed this frame.
bool text_input(Ui& ui, InputEngines* engines, TextInputState& st, std::string& text, ImVec2 min, ImVec2 max,
                const TextInputOptions& opt = {});

// The box that shows what was entered: `text`, then the pending letters underlined, or the
// placeholder when both are empty. `height` 0 = the touch size; `icon` at its start (search's
// magnifier; a suggestion box would pass Icon::Feedback).
void text_box(Ui& ui, std::string_view text, std::string_view pending, std::string_view placeholder, ImVec2 min,
              float width, float height = 0, assets::Icon icon = assets::Icon::Search);

}  // namespace bianmin::kiosk
