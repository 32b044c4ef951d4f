// 评价建议: rate a guide or the hall (非常满意 … 非常不满意) with optional preset reasons and,
// if the person wants, a few words of their own written by hand or in pinyin (the same input as
// search); after 不满意/非常不满意 the hall's complaint phone. The rating and the words go to the
// outbox for the hall's statistics. No typing is needed to rate.
#include <algorithm>

#include "screens/screens.hpp"
#include "widgets/keypad.hpp"

namespace bianmin::kiosk {

namespace {

constexpr size_t kSuggestionChars = 60;

// 监督电话 for a poor rating: the hall's complaint line, or its phone when it has none.
std::string complaint_phone(ScreenContext& ctx) {
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  return !site.hall.complaint_phone.empty() ? site.hall.complaint_phone : site.hall.phone;
}

void draw_complaint_phone(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const std::string phone = complaint_phone(ctx);
  if (phone.empty()) return;
  ui.begin_card();
  ui.paragraph("对服务不满意，可以打监督电话反映：", ui.fonts->body, ui.c.text);
  ui.paragraph(phone, ui.fonts->heading, ui.c.primary);
  ui.end_card();
}

// The page where the words are written: the box and 写好了 on top, the pad or keyboard under
// it (portrait, short landscape) or beside it (landscape with room), as on the search screen.
void draw_suggestion_writer(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  PersonState& p = ctx.person;
  TextInputState& input = p.suggestion_input;
  // Elder mode on an 8-inch portrait tablet: slim chrome while the pinyin keyboard is open; the
  // box, 手写 and 写好了 share the top row, the keys take the height under the candidates.
  const float margin = keyboard_chrome(ctx, input);
  const bool slim = ctx.slim_chrome;
  const float top = ctx.area_min.y + (slim ? margin * 2 : m.pad * 0.6f);
  const float bottom = ctx.area_max.y - (slim ? margin * 2 : m.pad * 0.6f);
  const float box_h = std::max(input_key_min(ui), std::min(m.touch, (bottom - top) * 0.16f));
  const bool short_landscape = !m.portrait;  // decided below: the panel at the side or under the box
  float done_w = ui.measure("写好了", ui.fonts->body).x + m.touch + m.pad * 2;
  const InputPanelPlace place = input_panel_at_side(ctx, input, top, bottom);
  const bool side = place.side;
  ImVec2 panel_min = place.min, panel_max = place.max;
  const float left_max = side ? panel_min.x - m.gap * 0.5f : ctx.area_max.x;
  // a short landscape screen: the keys need the height, so the candidates share the top row
  // with the box and 写好了 (both narrower, the button without its icon)
  const bool bar_beside_box = short_landscape && !side;
  if (bar_beside_box) done_w = ui.measure("写好了", ui.fonts->body).x + m.pad * 1.2f;
  const float key_w = slim ? text_input_side_key_width(ui) : 0;  // 手写 beside the box
  if (slim) done_w = ui.measure("写好了", ui.fonts->small).x + m.gap * 1.2f;
  const float box_x = ctx.area_min.x + margin;
  const float row_w = left_max - margin - box_x;
  float box_w = row_w - done_w - m.gap * 0.5f - (slim ? key_w + m.gap * 0.4f : 0);
  if (bar_beside_box) box_w = std::min(box_w, ctx.area_w() * 0.22f);
  // Beside a panel at the side the column may be too narrow for the box and 写好了 in one row
  // (a 10-inch tablet): 写好了 goes under the box, across the column.
  const bool stacked = side && box_w < row_w * 0.55f;
  if (stacked) {
    box_w = row_w;
    done_w = row_w;
  }
  if (!side) {
    const float w = ctx.area_w() - margin * 2;
    const float room = bottom - top - box_h - m.gap;
    float h =
        bar_beside_box || slim ? bottom - top - box_h - m.gap * 0.5f : std::min(text_input_height(ui, input, w), room);
    panel_min = ImVec2(ctx.area_min.x + margin, bottom - h);
    panel_max = ImVec2(ctx.area_max.x - margin, bottom);
  }
  text_box(ui, p.suggestion, input.letters, "写下您的建议", ImVec2(box_x, top), box_w, box_h, assets::Icon::Feedback);
  const float done_x = stacked ? box_x : box_x + box_w + m.gap * 0.5f + (slim ? key_w + m.gap * 0.4f : 0);
  const float done_y = stacked ? top + box_h + m.gap * 0.5f : top;
  ImGui::SetCursorScreenPos(ImVec2(done_x, done_y));
  if (ui.button("写好了", assets::Icon::Check, ButtonKind::Primary, ImVec2(done_w, box_h), !bar_beside_box && !slim)) {
    p.writing_suggestion = false;
    input = TextInputState();  // pending letters and ink go; the words stay
  }
  TextInputOptions opt;
  opt.max_chars = kSuggestionChars;
  opt.drawable_only = false;  // any character: the atlas grows as the words need
  if (bar_beside_box) {
    opt.bar_min = ImVec2(box_x + box_w + m.gap * 0.5f + done_w + m.gap * 0.5f, top);
    opt.bar_max = ImVec2(ctx.area_max.x - m.pad, top + box_h);
  }
  if (slim) {
    opt.keys_min = ImVec2(box_x + box_w + m.gap * 0.4f, top);
    opt.keys_max = ImVec2(opt.keys_min.x + key_w, top + box_h);
  }
  text_input(ui, ctx.input, input, p.suggestion, panel_min, panel_max, opt);
  if (side || m.portrait) {
    // under the box: what to do, and what the words become
    ImGui::SetCursorScreenPos(ImVec2(box_x, done_y + box_h + m.gap * 0.5f));
    const float hint_h = (side ? bottom : panel_min.y - m.gap) - ImGui::GetCursorScreenPos().y;
    if (hint_h > m.touch) {
      ImGui::BeginChild("suggestion_hint", ImVec2(row_w, hint_h), false, ImGuiWindowFlags_NoScrollbar);
      ui.paragraph("最多 " + std::to_string(kSuggestionChars) + " 个字。写好后点“写好了”，再点“提交评价”。",
                   ui.fonts->body, ui.c.text_muted);
      ui.paragraph("请不要写身份证号、电话等个人信息。", ui.fonts->body, ui.c.text_muted);
      ImGui::EndChild();
    }
  }
}

}  // namespace

void draw_feedback(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ctx.title = "评价建议";
  PersonState& p = ctx.person;
  std::string subject = "本服务大厅";
  if (!ctx.route.id.empty()) {
    const auto& g = ctx.memo.get<std::optional<content::ServiceGuide>>("guide/" + ctx.route.id,
                                                                       [&] { return ctx.store.guide(ctx.route.id); });
    if (g) subject = "“" + g->name + "”";
  }
  if (p.writing_suggestion && !p.feedback_sent) {
    ctx.title = "写建议";
    draw_suggestion_writer(ctx);
    return;
  }
  begin_page(ctx, "feedback");
  if (p.feedback_sent) {
    ui.begin_card();
    ui.paragraph("感谢您的评价！", ui.fonts->heading, ui.c.success);
    ui.paragraph("您的意见会转给大厅工作人员，帮助我们改进服务。", ui.fonts->body, ui.c.text);
    ui.end_card();
    if (p.rating > 0 && p.rating <= 2) draw_complaint_phone(ctx);
    if (ui.button("返回首页", assets::Icon::Home, ButtonKind::Primary,
                  ImVec2(ImGui::GetContentRegionAvail().x, m.touch)))
      ctx.emit(intent::Home{});
    end_page(ctx);
    return;
  }
  ui.paragraph("请您对" + subject + "的服务作出评价：", ui.fonts->body, ui.c.text);
  static const char* kLevels[] = {"非常满意", "满意", "基本满意", "不满意", "非常不满意"};
  const float w = ImGui::GetContentRegionAvail().x;
  for (int i = 0; i < 5; ++i) {
    const int value = 5 - i;  // 5 = 非常满意
    const bool sel = p.rating == value;
    std::string label = kLevels[i];
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImVec2 b(a.x + w, a.y + m.touch);
    const bool tapped = ui.hit(a, b, label);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, sel ? ui.c.primary : (ui.held(a, b) ? ui.c.surface_alt : ui.c.surface), m.radius);
    if (!sel) dl->AddRect(a, b, ui.c.border, m.radius, 0, 1.5f);
    // stars: as many as the level, so the choice is not told by colour alone
    std::string stars;
    for (int s = 0; s < value; ++s) stars += ui.fonts->glyph(assets::Icon::Star);
    ImVec2 ss = ui.measure(stars, ui.fonts->body);
    ImVec2 ts = ui.measure(label, ui.fonts->body);
    ui.draw_text(dl, ui.fonts->body, ImVec2(a.x + m.pad, a.y + (m.touch - ts.y) * 0.5f),
                 sel ? ui.c.text_on_primary : ui.c.text, label);
    dl->AddText(ui.fonts->body, ui.fonts->body->FontSize, ImVec2(b.x - m.pad - ss.x, a.y + (m.touch - ss.y) * 0.5f),
                sel ? ui.c.text_on_primary : ui.c.accent, stars.c_str());
    ImGui::Dummy(ImVec2(w, m.touch));
    if (tapped) {
      p.rating = value;
      p.reasons.clear();
    }
  }
  if (p.rating > 0) {
    static const std::vector<std::string> kGood = {"指引清楚", "办理快捷", "态度热情", "一次办成"};
    static const std::vector<std::string> kBad = {"材料要求不清", "等候时间长", "多次跑腿", "设备不好用", "找不到事项"};
    const auto& reasons = p.rating >= 3 ? kGood : kBad;
    ui.paragraph("可选原因（可多选）：", ui.fonts->body, ui.c.text_muted);
    std::vector<bool> sel;
    for (size_t i = 0; i < reasons.size(); ++i) sel.push_back(p.reasons.count(static_cast<int>(i)) > 0);
    int t = chips(ui, reasons, sel);
    if (t >= 0) {
      if (p.reasons.count(t))
        p.reasons.erase(t);
      else
        p.reasons.insert(t);
    }
    // a few words of their own, if they want: a row that opens the writing page
    ui.paragraph("您的建议（可不写）：", ui.fonts->body, ui.c.text_muted);
    if (p.suggestion.empty()) {
      if (ui.button("写建议", assets::Icon::Feedback, ButtonKind::Secondary, ImVec2(w, m.touch)))
        p.writing_suggestion = true;
    } else {
      ui.begin_card();
      ui.paragraph(p.suggestion, ui.fonts->body, ui.c.text);
      ui.end_card();
      if (ui.button("修改建议", assets::Icon::Feedback, ButtonKind::Secondary, ImVec2(w, m.touch)))
        p.writing_suggestion = true;
    }
    if (p.rating <= 2) draw_complaint_phone(ctx);
    if (ui.button("提交评价", assets::Icon::Check, ButtonKind::Accent, ImVec2(w, m.touch * 1.1f))) {
      std::string text;
      for (int r : p.reasons) text += (text.empty() ? "" : "、") + reasons[static_cast<size_t>(r)];
      ctx.emit(intent::Rate{ctx.route.id, p.rating, text});
      if (!p.suggestion.empty()) ctx.emit(intent::Suggest{ctx.route.id, p.suggestion});
    }
  }
  end_page(ctx);
}

}  // namespace bianmin::kiosk
