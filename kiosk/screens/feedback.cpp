// 评价建议: rate a guide or the hall (非常满意 … 非常不满意) with optional preset reasons; the
// rating goes to the outbox for the hall's statistics. No typing needed.
#include "screens/screens.hpp"
#include "widgets/keypad.hpp"

namespace bianmin::kiosk {

void draw_feedback(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ctx.title = "评价建议";
  PersonState& p = ctx.person;
  std::string subject = "本服务大厅";
  std::string item = "hall";
  if (!ctx.route.a.empty()) {
    const auto& g = ctx.memo.get<std::optional<content::ServiceGuide>>("guide/" + ctx.route.a,
                                                                       [&] { return ctx.store.guide(ctx.route.a); });
    if (g) subject = "“" + g->name + "”";
    item = "guide/" + ctx.route.a;
  }
  begin_page(ctx, "feedback");
  if (p.feedback_sent) {
    ui.begin_card();
    ui.paragraph("感谢您的评价！", ui.fonts->heading, ui.c.success);
    ui.paragraph("您的意见会转给大厅工作人员，帮助我们改进服务。", ui.fonts->body, ui.c.text);
    ui.end_card();
    if (ui.button("返回首页", assets::Icon::Home, ButtonKind::Primary, ImVec2(ImGui::GetContentRegionAvail().x, m.touch)))
      ctx.emit(Intent{Intent::Kind::Home, {}, {}, {}, 0});
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
    ui.draw_text(dl, ui.fonts->body, ImVec2(a.x + m.pad, a.y + (m.touch - ts.y) * 0.5f), sel ? ui.c.text_on_primary : ui.c.text,
                 label);
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
      if (p.reasons.count(t)) p.reasons.erase(t);
      else p.reasons.insert(t);
    }
    if (ui.button("提交评价", assets::Icon::Check, ButtonKind::Accent, ImVec2(w, m.touch * 1.1f))) {
      std::string text;
      for (int r : p.reasons) text += (text.empty() ? "" : "、") + reasons[static_cast<size_t>(r)];
      ctx.emit(Intent{Intent::Kind::Rate, {}, item, text, p.rating});
    }
  }
  end_page(ctx);
}

}  // namespace bianmin::kiosk
