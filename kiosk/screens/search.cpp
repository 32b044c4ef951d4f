// Search: the query box, the input panel (handwriting pad or pinyin keyboard with candidates,
// widgets/text_input.hpp) and the results (search_results.cpp), which update with every
// character or letter.
#include <cctype>
#include <cmath>

#include "screens/screens.hpp"
#include "widgets/text_input.hpp"

namespace bianmin::kiosk {
namespace {

// The characters of what can be found by title, name or colloquial name: handwriting and
// pinyin candidates made of them come first (a villager's 卡 beats 斥, which no title holds).
// They are stored in the cache when it is written (Store::glyphs(), face 'findable': one
// query, no walk over every title). Kept in the memo, so it is made once per content version.
GlyphSet search_vocabulary(const content::Store& store) {
  GlyphSet v;
  v.add(store.glyphs().findable);
  return v;
}

}  // namespace

void draw_search(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ctx.title = "搜索";
  std::string& text = ctx.person.search_text;
  TextInputState& input = ctx.person.search_input;

  // Elder mode on an 8-inch portrait tablet: slim chrome while the pinyin keyboard is open
  // (the elder toggle is back once it is folded with 收起 or the pad is chosen).
  const float margin = keyboard_chrome(ctx, input);
  const bool slim = ctx.slim_chrome;

  // Layout. Portrait: the query box on top, results, the input panel (pad or keyboard) across
  // the bottom. Landscape: the box and results on the left, the panel on the right; when the
  // panel would take more than 64% of the width (the pinyin keyboard on a small tablet), it
  // goes across the bottom as in portrait.
  const float top = ctx.area_min.y + (slim ? margin * 2 : m.pad * 0.6f);
  const float bottom = ctx.area_max.y - (slim ? margin * 2 : m.pad * 0.6f);
  const float box_h = std::max(input_key_min(ui), std::min(m.touch, (bottom - top) * 0.16f));
  float res_min_x = ctx.area_min.x, res_max_x = ctx.area_max.x;
  const InputPanelPlace place = input_panel_at_side(ctx, input, top, bottom);
  const bool side = place.side;
  ImVec2 panel_min = place.min, panel_max = place.max;
  if (side) res_max_x = panel_min.x - m.gap * 0.5f;  // the results page's own right margin makes the gap
  // A landscape screen too short for results above the panel (the pinyin keyboard on a small
  // tablet in elder mode), or a portrait one too short for the box, a result row and the
  // smallest panel (elder mode on an 8-inch screen): the panel takes the height under the box
  // and can fold away (收起), and does once a word is picked.
  const float panel_room = bottom - top - box_h - m.gap - m.touch * 1.2f;
  const bool collapsible = !side && (slim || !m.portrait || panel_room < input_key_min(ui) * 4);
  const bool collapsed = collapsible && input.collapsed;
  if (!side) {
    const float w = ctx.area_w() - margin * 2;
    // the panel leaves the box and at least one result row above it
    float h = std::min(text_input_height(ui, input, w), std::max(panel_room, input_key_min(ui) * 4));
    if (collapsed) h = box_h;  // just 继续输入
    // Short landscape screens: the keys take all the height under the box (15 mm keys would
    // not fit under a candidate bar too; the bar sits beside the box instead)
    if (collapsible && !collapsed) h = bottom - top - box_h - m.gap * 0.5f;
    panel_min = ImVec2(ctx.area_min.x + margin, bottom - h);
    panel_max = ImVec2(ctx.area_max.x - margin, bottom);
  }

  // --- the query box and the input panel ---
  const float box_x = res_min_x + margin;
  const bool bar_beside_box = collapsible && !collapsed && !m.portrait;
  // slim: 手写 and 收起 beside the box (the candidate bar is the candidates')
  const bool keys_beside_box = slim && collapsible && !collapsed;
  const float keys_w = keys_beside_box ? text_input_side_key_width(ui) * 2 + m.gap * 0.8f : 0;
  const float box_w = bar_beside_box ? ctx.area_w() * 0.26f : res_max_x - res_min_x - margin * 2 - keys_w;
  text_box(ui, text, input.letters, "手写或拼音输入，如 社保卡、yibao、YLBX", ImVec2(box_x, top), box_w, box_h);
  TextInputOptions opt;
  opt.max_chars = 24;
  opt.drawable_only = true;
  opt.collapsible = collapsible;
  if (bar_beside_box) {
    opt.bar_min = ImVec2(box_x + box_w + m.gap * 0.5f, top);
    opt.bar_max = ImVec2(ctx.area_max.x - margin, top + box_h);
  }
  if (keys_beside_box) {
    opt.keys_min = ImVec2(box_x + box_w + m.gap * 0.4f, top);
    opt.keys_max = ImVec2(ctx.area_max.x - margin, top + box_h);
  }
  opt.vocabulary = &ctx.memo.get<GlyphSet>("input-vocabulary", [&] { return search_vocabulary(ctx.store); });
  if (collapsed) {
    ImGui::SetCursorScreenPos(panel_min);
    if (ui.button("继续输入", assets::Icon::Search, ButtonKind::Primary, ImVec2(panel_max.x - panel_min.x, box_h)))
      input.collapsed = false;
  } else {
    input.collapsed = false;
    text_input(ui, ctx.input, input, text, panel_min, panel_max, opt);
  }
  // What is searched: the text, then the letters not yet turned into characters (initials
  // like "ylbx" and full pinyin like "yibao" search as typed).
  const std::string q = text + input.letters;

  // --- results under the box (down to the panel, or to the bottom beside it) ---
  const ImVec2 area_min = ctx.area_min, area_max = ctx.area_max;
  ctx.area_min.x = res_min_x;
  ctx.area_max.x = res_max_x;
  ImGui::SetCursorScreenPos(ImVec2(res_min_x, top + box_h + m.gap * 0.5f));
  // (a gap above the panel, so a row cut by the edge never touches its keys)
  const float results_bottom = !side ? panel_min.y - m.gap : ctx.area_max.y;
  // No room for a row above the keyboard (a small tablet in elder mode): no list there at all
  // (begin_page's 0 would mean "to the bottom", under the keys); 收起 shows the results.
  float results_h = results_bottom - ImGui::GetCursorScreenPos().y;
  if (results_h < m.touch) results_h = 1;
  begin_page(ctx, "search_results", results_h);
  if (!q.empty()) {
    draw_search_results(ctx, q);
  } else {
    const bool pad = effective_mode(ui, input) == InputMode::Handwriting;
    ui.paragraph(pad ? (side ? "在右边的格子里写字，写好一个字，点上面一排里的字。"
                             : "在下面的格子里写字，写好一个字，点上面一排里的字。")
                     : "点字母拼写，再点上面一排里的字或词，例如：",
                 ui.fonts->body, ui.c.text_muted);
    if (!pad)
      ui.paragraph("yibao → 医保　　shebaoka → 社保卡　　只打首字母也行：YLBX → 养老保险", ui.fonts->body, ui.c.text);
    ui.paragraph(pad ? "不会写？点“拼音”用字母输入。" : "不会拼音？点“手写”直接写字。", ui.fonts->body,
                 ui.c.text_muted);
  }
  end_page(ctx);
  ctx.area_min = area_min;
  ctx.area_max = area_max;
}

}  // namespace bianmin::kiosk
