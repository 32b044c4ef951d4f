// Guide detail: what to do first (summary, with what it costs), 受理条件, 申请材料 as a checklist
// a person ticks, 温馨提示, then the QR panel when the guide can be handled online, 办理流程
// numbered, 时限与收费, 地点与电话, 办理依据 collapsed; 打印 and 评价.
#include "bianmin/speech/scripts.hpp"
#include "screens/screens.hpp"
#include "widgets/qr_panel.hpp"

namespace bianmin::kiosk {
namespace {

void bullet(Ui& ui, const std::string& s) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float r = ui.fonts->body->FontSize * 0.11f;
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r * 2, p.y + ui.fonts->body->FontSize * 0.52f), r,
                                              ui.c.accent);
  ImGui::SetCursorScreenPos(ImVec2(p.x + r * 6, p.y));
  ui.paragraph(s, ui.fonts->body, ui.c.text, ImGui::GetContentRegionAvail().x - r * 6);
}

void label_value(Ui& ui, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  ui.paragraph(label, ui.fonts->small, ui.c.text_muted);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.m.gap * 0.6f);
  ui.paragraph(value, ui.fonts->body, ui.c.text);
}

std::string days(int d, bool immediate) {
  if (immediate) return "即办";
  if (d <= 0) return "";
  return std::to_string(d) + " 个工作日";
}

}  // namespace

void draw_guide(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const auto& guide = ctx.memo.get<std::optional<content::ServiceGuide>>("guide/" + ctx.route.id,
                                                                         [&] { return ctx.store.guide(ctx.route.id); });
  if (!guide) return draw_missing(ctx, "办事指南", "未找到该事项，可能已更新或撤销。");
  const auto& g = *guide;
  ctx.title = g.name;
  auto dept = ctx.memo.get<std::optional<content::Department>>("dept/" + g.department_id,
                                                               [&] { return ctx.store.department(g.department_id); });
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  auto& ticks = ctx.person.ticks[g.code];
  if (ticks.size() != g.materials.size()) ticks.assign(g.materials.size(), false);

  begin_page(ctx, ("guide_" + g.code).c_str());
  // 朗读: first thing on the page in elder mode, under the summary otherwise
  const auto script = [&] { return speech::guide_script(g, dept ? &*dept : nullptr, site); };
  if (ui.m.elder) read_aloud_button(ctx, "guide/" + g.code, script);
  // --- summary card ---
  ui.begin_card();
  ui.paragraph(g.name, ui.fonts->heading, ui.c.text);
  std::string who = dept ? dept->name : "";
  if (!g.window.empty() || (dept && !dept->window.empty())) who += " · " + (g.window.empty() ? dept->window : g.window);
  if (!who.empty()) ui.paragraph(who, ui.fonts->small, ui.c.text_muted);
  ui.badges(guide_badges(ui, g.visits, g.fully_online, !g.online_url.empty()));
  if (!g.summary.empty()) ui.paragraph(g.summary, ui.fonts->body, ui.c.text);
  // What it costs, without opening anything (the details are under 时限与收费).
  ui.paragraph("费用：" + (g.free_of_charge ? std::string("不收费") : g.fee_standard), ui.fonts->body, ui.c.text);
  if (!g.updated_date.empty())
    ui.paragraph("本指南已于 " + plain_date(g.updated_date) + " 更新", ui.fonts->small, ui.c.text_muted);
  ui.end_card();
  if (!ui.m.elder) read_aloud_button(ctx, "guide/" + g.code, script);

  // --- actions ---
  {
    // No printer configured: no 打印 (the QR above still takes the guide home).
    const bool can_print = ctx.facts.printer_configured;
    const float w = can_print ? (ImGui::GetContentRegionAvail().x - m.gap) / 2 : ImGui::GetContentRegionAvail().x;
    if (can_print) {
      if (ui.button("打印", assets::Icon::Print, ButtonKind::Accent, ImVec2(w, m.touch * 1.1f)))
        ctx.emit(intent::Print{intent::PrintKind::Guide, g.code, {}, {}});
      ImGui::SameLine(0, m.gap);
    }
    if (ui.button("评价本事项", assets::Icon::Feedback, ButtonKind::Secondary, ImVec2(w, m.touch * 1.1f)))
      ctx.go(Route::feedback(g.code));
  }
  // --- 受理条件 ---
  if (!g.conditions.empty()) {
    ui.begin_card();
    ui.section_title("受理条件", assets::Icon::Info);
    for (const auto& c : g.conditions) bullet(ui, c);
    ui.end_card();
  }
  // --- 申请材料 (checklist) ---
  if (!g.materials.empty()) {
    ui.begin_card();
    ui.section_title("申请材料", assets::Icon::Check);
    int done = 0;
    for (bool t : ticks) done += t ? 1 : 0;
    ui.paragraph("点一下勾选已备好的材料：已备好 " + std::to_string(done) + " / " + std::to_string(ticks.size()),
                 ui.fonts->small, ui.c.text_muted);
    for (size_t i = 0; i < g.materials.size(); ++i) {
      const auto& mat = g.materials[i];
      std::string detail = mat.form;
      if (mat.copies > 0) detail += (detail.empty() ? "" : " ") + std::to_string(mat.copies) + " 份";
      if (!mat.medium.empty()) detail += " · " + mat.medium;
      if (!mat.source.empty()) detail += " · " + mat.source;
      if (!mat.required)
        detail = "（" + (mat.condition.empty() ? std::string("视情况提供") : mat.condition) + "）" + detail;
      if (!mat.notes.empty()) detail += "\n" + mat.notes;
      if (ui.checkbox_row(mat.name, detail, ticks[i])) ticks[i] = !ticks[i];
    }
    ui.end_card();
  }
  // --- 温馨提示 ---
  if (!g.tips.empty()) {
    ui.begin_card();
    ui.section_title("温馨提示", assets::Icon::Info);
    for (const auto& t : g.tips) bullet(ui, t);
    ui.end_card();
  }
  // What to bring comes first; the phone's way in after it.
  if (!g.online_url.empty())
    qr_panel(ui, g.online_url, g.fully_online ? "手机扫码，全程网上办理，不用跑腿" : "手机扫码，网上提交申请");
  // --- 办理流程 ---
  if (!g.process.empty()) {
    ui.begin_card();
    ui.section_title("办理流程", assets::Icon::ChevronRight);
    int n = 0;
    for (const auto& step : g.process) {
      ++n;
      ImVec2 p = ImGui::GetCursorScreenPos();
      const float d = ui.fonts->body->FontSize * 1.15f;
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddCircleFilled(ImVec2(p.x + d * 0.5f, p.y + d * 0.5f), d * 0.5f, ui.c.primary, 32);
      std::string num = std::to_string(n);
      ImVec2 ns = ui.measure(num, ui.fonts->small);
      ui.draw_text(dl, ui.fonts->small, ImVec2(p.x + (d - ns.x) * 0.5f, p.y + (d - ns.y) * 0.5f), ui.c.text_on_primary,
                   num);
      ImGui::SetCursorScreenPos(ImVec2(p.x + d + m.gap, p.y));
      ImGui::BeginGroup();
      const float w = ImGui::GetContentRegionAvail().x;
      ui.paragraph(step.name, ui.fonts->body, ui.c.text, w);
      std::string sub = step.actor;
      if (!step.time_limit.empty()) sub += (sub.empty() ? "" : " · ") + step.time_limit;
      if (!sub.empty()) ui.paragraph(sub, ui.fonts->small, ui.c.text_muted, w);
      if (!step.description.empty()) ui.paragraph(step.description, ui.fonts->small, ui.c.text, w);
      ImGui::EndGroup();
    }
    ui.end_card();
  }
  // --- 时限与收费 ---
  ui.begin_card();
  ui.section_title("时限与收费", assets::Icon::Time);
  label_value(ui, "承诺办结时限", days(g.promised_days, g.immediate));
  label_value(ui, "法定办结时限", days(g.statutory_days, false));
  label_value(ui, "收费", g.free_of_charge ? std::string("不收费") : g.fee_standard);
  if (!g.free_of_charge) label_value(ui, "收费依据", g.fee_basis);
  for (const auto& s : g.special_steps)
    label_value(ui, "特殊环节：" + s.name, s.duration + (s.counted_in_limit ? "（计入时限）" : "（不计入时限）"));
  label_value(ui, "办理结果", g.result_name + (g.result_delivery.empty() ? "" : "（" + g.result_delivery + "）"));
  ui.end_card();
  // --- 地点与电话 ---
  ui.begin_card();
  ui.section_title("地点与电话", assets::Icon::Place);
  label_value(ui, "办理窗口", g.window.empty() && dept ? dept->window : g.window);
  label_value(ui, "办理地点", g.address.empty() ? site.hall.address : g.address);
  label_value(ui, "办公时间", g.hours.empty() ? site.hall.opening_hours : g.hours);
  if (g.village_handling != content::VillageHandling::None)
    label_value(ui, "村级办理", content::label(g.village_handling));
  label_value(ui, "咨询电话", g.consult_phone.empty() && dept ? dept->phone : g.consult_phone);
  label_value(ui, "监督投诉电话", g.complaint_phone.empty() ? site.hall.complaint_phone : g.complaint_phone);
  ui.end_card();
  // --- 办理依据 (collapsed), 常见问题 ---
  const std::string basis_key = "guide/" + g.code + "/basis";
  const bool open = ctx.person.expanded.count(basis_key) > 0;
  if (!g.legal_basis.empty()) {
    if (ui.expander("办理依据", open)) {
      if (open)
        ctx.person.expanded.erase(basis_key);
      else
        ctx.person.expanded.insert(basis_key);
    }
    if (open) {
      ui.begin_card();
      for (const auto& b : g.legal_basis) {
        ui.paragraph(b.document, ui.fonts->body, ui.c.text);
        if (!b.article.empty()) ui.paragraph(b.article, ui.fonts->small, ui.c.text_muted);
      }
      ui.end_card();
    }
  }
  for (size_t i = 0; i < g.faq.size(); ++i) {
    const std::string key = "guide/" + g.code + "/faq/" + std::to_string(i);
    const bool o = ctx.person.expanded.count(key) > 0;
    if (ui.expander("问：" + g.faq[i].question, o)) {
      if (o)
        ctx.person.expanded.erase(key);
      else
        ctx.person.expanded.insert(key);
    }
    if (o) ui.paragraph("答：" + g.faq[i].answer, ui.fonts->body, ui.c.text);
  }
  ui.paragraph("事项编码 " + g.code + (g.version.empty() ? "" : " · 版本 " + g.version), ui.fonts->small,
               ui.c.text_muted);
  end_page(ctx);
}

}  // namespace bianmin::kiosk
