// 资金公开, step 3: one publication. Header (fund, standard, publicity period, complaint
// channel), a group filter, the row count and totals (checked against the header), and the
// rows in a table that stays smooth with thousands of rows: rows come from the store a page
// at a time and only the visible ones are built (ImGuiListClipper).
#include <cmath>
#include <map>

#include "screens/screens.hpp"
#include "widgets/keypad.hpp"

namespace bianmin::kiosk {
namespace {

constexpr int kPage = 100;

const content::FundRow* row_at(ScreenContext& ctx, const std::string& fund, const std::string& village,
                               const std::string& group, int index) {
  const int page = index / kPage;
  const auto& rows = ctx.memo.get<std::vector<content::FundRow>>(
      "rows/" + fund + "/" + village + "/" + group + "/" + std::to_string(page),
      [&] { return ctx.store.fund_rows(fund, village, group, page * kPage, kPage); });
  const size_t i = static_cast<size_t>(index - page * kPage);
  return i < rows.size() ? &rows[i] : nullptr;
}

}  // namespace

void draw_fund_table(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const std::string& village_id = ctx.route.a;
  const std::string& fund_id = ctx.route.b;
  const auto& header = ctx.memo.get<std::optional<content::FundPublication>>("fund/" + fund_id,
                                                                            [&] { return ctx.store.fund_header(fund_id); });
  ctx.title = "资金公开";
  if (!header) {
    begin_page(ctx, "fund_missing");
    ui.paragraph("未找到该公示，可能已更新。", ui.fonts->body, ui.c.text);
    end_page(ctx);
    return;
  }
  const auto& h = *header;
  ctx.title = h.title;
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  const content::Village* village = nullptr;
  for (const auto& v : site.villages)
    if (v.id == village_id) village = &v;
  std::map<std::string, std::string> group_names;
  if (village)
    for (const auto& g : village->groups) group_names[g.id] = g.name;
  std::string& group = ctx.person.fund_group[fund_id];
  const bool current = h.publicity_start <= ctx.facts.today && ctx.facts.today <= h.publicity_end;

  // One scroll area for the page; the table's column header sticks to the top when scrolled.
  begin_page(ctx, ("fund_" + fund_id + "_" + village_id).c_str());
  // --- header: what, how much per unit, when, whom to call ---
  ui.begin_card(m.pad * 0.8f);
  // Short landscape screens: the title bar already names the publication; rows need the room.
  if (m.portrait || !m.compact) ui.paragraph(h.title, ui.fonts->heading, ui.c.text);
  std::vector<Badge> b;
  b.push_back(current ? ui.badge_ok("公示中") : Badge{"已归档", ui.c.text_muted, ui.c.surface_alt});
  if (village) b.push_back(ui.badge_info(village->name));
  if (!h.standard.empty()) b.push_back(ui.badge_warn("标准：" + h.standard));
  ui.badges(b);
  ui.paragraph("公示期 " + h.publicity_start + " 至 " + h.publicity_end + (h.period.empty() ? "" : " · 所属期 " + h.period),
               ui.fonts->small, ui.c.text_muted);
  std::string complain = "监督电话 " + h.complaint_phone;
  if (!h.complaint_address.empty()) complain += " · 举报地址 " + h.complaint_address;
  ui.paragraph(complain, ui.fonts->small, ui.c.text_muted);
  ui.end_card();

  // --- the group filter ---
  if (village && !village->groups.empty() && h.kind == content::FundKind::Household) {
    std::vector<std::string> labels{"全部"};
    std::vector<bool> sel{group.empty()};
    for (const auto& g : village->groups) {
      labels.push_back(g.name);
      sel.push_back(group == g.id);
    }
    int t = chips(ui, labels, sel);
    if (t == 0) group.clear();
    else if (t > 0) group = village->groups[static_cast<size_t>(t - 1)].id;
  }

  if (h.kind == content::FundKind::Project) {
    const auto& projects = ctx.memo.get<std::vector<content::FundProject>>(
        "projects/" + fund_id + "/" + village_id, [&] { return ctx.store.fund_projects(fund_id, village_id); });
    for (const auto& p : projects) {
      ui.begin_card();
      ui.paragraph(p.name, ui.fonts->body, ui.c.text);
      ui.paragraph(p.place + " · 预算 " + format_yuan(p.budget_fen) + " 元 · 已支出 " + format_yuan(p.spent_fen) + " 元",
                   ui.fonts->small, ui.c.text_muted);
      ui.paragraph("施工单位 " + p.contractor + " · " + p.progress + (p.acceptance.empty() ? "" : " · " + p.acceptance),
                   ui.fonts->small, ui.c.text_muted);
      ui.end_card();
    }
    end_page(ctx);
    return;
  }

  // --- totals: this view's count and sum, and whether the whole list matches the header ---
  const auto& totals = ctx.memo.get<content::FundTotals>("totals/" + fund_id + "/" + village_id + "/" + group,
                                                         [&] { return ctx.store.fund_totals(fund_id, village_id, group); });
  const auto& all = ctx.memo.get<content::FundTotals>("totals/" + fund_id + "//",
                                                      [&] { return ctx.store.fund_totals(fund_id, "", ""); });
  {
    const float w = ImGui::GetContentRegionAvail().x;
    ImVec2 a = ImGui::GetCursorScreenPos();
    const float bh = ui.fonts->body->FontSize * 1.3f + ui.fonts->small->FontSize + m.gap * 1.2f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + bh), ui.c.primary_soft, m.radius);
    const std::string scope = group.empty() ? (village ? village->name : std::string("全部")) : group_names[group];
    std::string line = scope + "：共 " + std::to_string(totals.rows) + " 户，合计 " + format_yuan(totals.amount_fen) + " 元";
    if (!h.unit.empty() && totals.quantity > 0) line += "，" + format_quantity(totals.quantity) + " " + h.unit;
    ui.draw_text(dl, ui.fonts->body, ImVec2(a.x + m.gap, a.y + m.gap * 0.5f), ui.c.primary, line);
    const bool match = all.rows == h.count && all.amount_fen == h.total_fen;
    std::string check = "公示表头：" + std::to_string(h.count) + " 户，" + format_yuan(h.total_fen) + " 元" +
                        (match ? "（与明细合计一致）" : "（与明细合计不一致，请咨询）");
    ui.draw_text(dl, ui.fonts->small, ImVec2(a.x + m.gap, a.y + m.gap * 0.5f + ui.fonts->body->FontSize * 1.15f),
                 match ? ui.c.success : ui.c.danger, check);
    ImGui::Dummy(ImVec2(w, bh));
  }

  // --- table ---
  const float tw = ImGui::GetContentRegionAvail().x;
  const bool per_unit = !h.unit.empty();
  // column positions: 组别 | 姓名 | 数量 | 金额 (right-aligned numbers)
  const float c_group = 0, c_name = tw * (m.portrait ? 0.30f : 0.25f), c_qty = tw * (m.portrait ? 0.55f : 0.50f);
  const float row_h = std::round(ui.fonts->body->FontSize * 1.55f);
  const float hh = std::round(ui.fonts->small->FontSize * 1.5f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto column_header = [&](ImVec2 a) {
    dl->AddRectFilled(a, ImVec2(a.x + tw, a.y + hh), ui.c.primary, m.radius * 0.5f, ImDrawFlags_RoundCornersTop);
    const float ty = a.y + (hh - ui.fonts->small->FontSize) * 0.5f;
    ui.draw_text(dl, ui.fonts->small, ImVec2(a.x + m.gap + c_group, ty), ui.c.text_on_primary, "组别");
    ui.draw_text(dl, ui.fonts->small, ImVec2(a.x + m.gap + c_name, ty), ui.c.text_on_primary, "姓名");
    if (per_unit) ui.draw_text(dl, ui.fonts->small, ImVec2(a.x + c_qty + m.gap, ty), ui.c.text_on_primary, "数量（" + h.unit + "）");
    std::string amt = "金额（元）";
    ImVec2 as = ui.measure(amt, ui.fonts->small);
    ui.draw_text(dl, ui.fonts->small, ImVec2(a.x + tw - m.gap - as.x, ty), ui.c.text_on_primary, amt);
  };
  const ImVec2 head_pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(tw, hh - m.gap));
  const float x0 = head_pos.x;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(m.gap, 0));  // rows touch: stripes, no gaps
  ImGuiListClipper clipper;
  clipper.Begin(totals.rows, row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      p.x = x0;
      const content::FundRow* r = row_at(ctx, fund_id, village_id, group, i);
      dl->AddRectFilled(p, ImVec2(p.x + tw, p.y + row_h), (i % 2) ? ui.c.surface_alt : ui.c.surface);
      if (r) {
        const float ty = p.y + (row_h - ui.fonts->body->FontSize) * 0.5f;
        auto gi = group_names.find(r->group_id);
        ui.draw_text(dl, ui.fonts->body, ImVec2(p.x + m.gap + c_group, ty), ui.c.text_muted,
                     gi != group_names.end() ? gi->second : r->group_id);
        ui.draw_text(dl, ui.fonts->body, ImVec2(p.x + m.gap + c_name, ty), ui.c.text, r->beneficiary);
        if (per_unit) ui.draw_text(dl, ui.fonts->body, ImVec2(p.x + m.gap + c_qty, ty), ui.c.text, format_quantity(r->quantity));
        std::string amount = format_yuan(r->amount_fen);
        ImVec2 as = ui.measure(amount, ui.fonts->body);
        ui.draw_text(dl, ui.fonts->body, ImVec2(p.x + tw - m.gap - as.x, ty), ui.c.text, amount);
      }
      ImGui::Dummy(ImVec2(tw, row_h));
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  const float rows_end = ImGui::GetCursorScreenPos().y;
  // the column header: in place, or stuck to the top of the page while its rows scroll by
  column_header(ImVec2(x0, std::min(std::max(head_pos.y, ctx.area_min.y), rows_end - hh)));
  ImGui::Dummy(ImVec2(1, m.gap * 0.5f));
  if (ui.button(group.empty() ? "打印本村名单摘要" : "打印本组名单", assets::Icon::Print, ButtonKind::Accent, ImVec2(tw, m.touch)))
    ctx.emit(Intent{Intent::Kind::Print, {}, "fund/" + fund_id + "/" + village_id + "/" + group, {}, 0});
  end_page(ctx);
}

}  // namespace bianmin::kiosk
