// 资金公开, step 3: one publication. Header (fund, standard, publicity period), the
// publication's own text (who qualifies, standard, procedure, where to object), the phones
// (咨询电话: the paying department; 监督电话 and 举报地址), a group filter, the row count and
// totals (checked against the header), and the rows — each with its paid date and remark,
// which tell apart two "李*" of one group — in a table that stays smooth with thousands of
// rows: rows come from the store a page at a time and only the visible ones are built
// (ImGuiListClipper).
#include <cmath>
#include <map>

#include "bianmin/base/utf8.hpp"
#include "screens/screens.hpp"
#include "widgets/keypad.hpp"

namespace bianmin::kiosk {
namespace {

constexpr int kPage = 100;
// The fold over the totals, phones and text on a small landscape screen (scripts tap it).
constexpr const char* kFundDetails = "合计和公示说明";

// `s` cut to fit `width` in `font`, with "…" when cut (whole UTF-8 characters).
std::string fit(const Ui& ui, const std::string& s, ImFont* font, float width) {
  if (ui.measure(s, font).x <= width) return s;
  std::string out = s;
  while (!out.empty()) {
    utf8::pop_back(out);
    if (ui.measure(out + "…", font).x <= width) return out + "…";
  }
  return out;
}

// The row's second line: when it was paid and its remark ("11-11 发放 · 代领人为户主子女"; the
// year only when it is not the publication's).
std::string row_detail(const content::FundRow& r, int year) {
  const bool same_year = year > 0 && r.paid_date.size() == 10 && r.paid_date.compare(0, 4, std::to_string(year)) == 0;
  std::string d = r.paid_date.empty() ? std::string() : (same_year ? r.paid_date.substr(5) : r.paid_date) + " 发放";
  if (!r.remark.empty()) d += (d.empty() ? "" : " · ") + r.remark;
  return d;
}

const content::FundRow* row_at(ScreenContext& ctx, const std::string& fund, const std::string& village,
                               const std::string& group, int index) {
  const int page = index / kPage;
  const auto& rows = ctx.memo.get<std::vector<content::FundRow>>(
      "rows/" + fund + "/" + village + "/" + group + "/" + std::to_string(page),
      [&] { return ctx.store.fund_rows(fund, village, group, page * kPage, kPage); });
  const size_t i = static_cast<size_t>(index - page * kPage);
  return i < rows.size() ? &rows[i] : nullptr;
}

// What the table's parts share: the publication, its village and the group shown.
struct FundView {
  const content::FundPublication& h;
  const content::Village* village;
  std::map<std::string, std::string> group_names;
  std::string& group;  // the person's filter ("" = the whole village); the header's chips set it
  const std::string& fund_id;
  const std::string& village_id;

  // This view's count and sum (the group as filtered now), and the whole publication's.
  const content::FundTotals& totals(ScreenContext& ctx) const {
    return ctx.memo.get<content::FundTotals>("totals/" + fund_id + "/" + village_id + "/" + group,
                                             [&] { return ctx.store.fund_totals(fund_id, village_id, group); });
  }
  const content::FundTotals& all(ScreenContext& ctx) const {
    return ctx.memo.get<content::FundTotals>("totals/" + fund_id + "//",
                                             [&] { return ctx.store.fund_totals(fund_id, "", ""); });
  }
};

// Header card: what, how much per unit, when, whom to call; then the group filter.
void draw_fund_header(ScreenContext& ctx, FundView& v) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const auto& h = v.h;
  ui.begin_card(m.pad * 0.8f);
  // Landscape: the title bar already names the publication; the rows need the room.
  if (m.portrait) ui.paragraph(h.title, ui.fonts->heading, ui.c.text);
  std::vector<Badge> b;
  b.push_back(fund_status_badge(ui, h.publicity_start, h.publicity_end, ctx.facts.today));
  if (v.village) b.push_back(ui.badge_info(v.village->name));
  ui.badges(b);
  // The standard is a sentence ("80-89周岁每人每月50元，…"), not a pill: it wraps.
  if (!h.standard.empty()) ui.paragraph("标准：" + h.standard, ui.fonts->body, ui.c.text);
  // whom to ask and where to object come first: on a short screen they show beside the rows
  const auto& dept = ctx.memo.get<std::optional<content::Department>>(
      "dept/" + h.department_id, [&] { return ctx.store.department(h.department_id); });
  if (dept && !dept->phone.empty())
    ui.paragraph("咨询电话：" + (dept->short_name.empty() ? dept->name : dept->short_name) + " " + dept->phone,
                 ui.fonts->body, ui.c.text);
  ui.paragraph("监督电话：" + h.complaint_phone, ui.fonts->body, ui.c.primary);
  // 公示期 and 所属期 on one line when it fits, else each on its own (never "2026年" / "度")
  const std::string when = "公示期 " + plain_date_range(h.publicity_start, h.publicity_end);
  const std::string period = h.period.empty() ? std::string() : "所属期 " + h.period;
  const bool one_line =
      period.empty() || ui.measure(when + " · " + period, ui.fonts->small).x <= ImGui::GetContentRegionAvail().x;
  ui.paragraph(period.empty() ? when : when + (one_line ? " · " : "\n") + period, ui.fonts->small, ui.c.text_muted);
  // The publication's own words (who qualifies, the standard, the procedure, where to
  // object) one tap away, so the rows stay on the first screen; the phones always show.
  if (!h.application_guide.empty() || !h.policy_basis.empty()) {
    const std::string key = "fund/" + v.fund_id + "/text";
    const bool open = ctx.person.expanded.count(key) > 0;
    if (ui.expander("公示说明：补贴对象、标准、办理程序、异议渠道", open)) {
      if (open)
        ctx.person.expanded.erase(key);
      else
        ctx.person.expanded.insert(key);
    }
    if (open) {
      if (!h.policy_basis.empty()) ui.paragraph("政策依据：" + h.policy_basis, ui.fonts->small, ui.c.text_muted);
      if (!h.application_guide.empty()) ui.paragraph(h.application_guide, ui.fonts->body, ui.c.text);
    }
  }
  if (!h.complaint_address.empty()) ui.paragraph("举报地址：" + h.complaint_address, ui.fonts->small, ui.c.text_muted);
  ui.end_card();
}

// The group filter's labels (全部, 一组, 二组, …); none when the rows have no groups.
std::vector<std::string> group_labels(const FundView& v) {
  std::vector<std::string> labels;
  if (!v.village || v.village->groups.empty() || v.h.kind != content::FundKind::Household) return labels;
  labels.push_back("全部");
  for (const auto& g : v.village->groups) labels.push_back(g.name);
  return labels;
}

// The widest of `labels` in body type ("" when none).
std::string widest(const Ui& ui, const std::vector<std::string>& labels) {
  std::string w;
  for (const auto& l : labels)
    if (ui.measure(l, ui.fonts->body).x > ui.measure(w, ui.fonts->body).x) w = l;
  return w;
}

std::string groups_key(const FundView& v) { return "fund/" + v.fund_id + "/groups"; }

// The line a folded group filter shows: the group shown now; a tap opens the chips.
void draw_group_chooser(ScreenContext& ctx, const FundView& v) {
  const std::string key = groups_key(v);
  const bool open = ctx.person.expanded.count(key) > 0;
  if (ctx.ui.expander("组别：" + (v.group.empty() ? std::string("全部") : v.group_names.at(v.group)), open)) {
    if (open)
      ctx.person.expanded.erase(key);
    else
      ctx.person.expanded.insert(key);
  }
}

// The group filter: one tap narrows the rows to a person's group.
void draw_group_chips(ScreenContext& ctx, FundView& v) {
  const auto labels = group_labels(v);
  if (labels.empty()) return;
  std::vector<bool> sel{v.group.empty()};
  for (const auto& g : v.village->groups) sel.push_back(v.group == g.id);
  const int t = chips(ctx.ui, labels, sel);
  if (t >= 0) ctx.person.expanded.erase(groups_key(v));  // chosen: a folded filter folds again
  if (t == 0)
    v.group.clear();
  else if (t > 0)
    v.group = v.village->groups[static_cast<size_t>(t - 1)].id;
}

// This view's count and sum, and whether the whole list matches the header.
void draw_fund_totals(ScreenContext& ctx, const FundView& v) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const auto& h = v.h;
  const auto& totals = v.totals(ctx);
  const auto& all = v.all(ctx);
  const float w = ImGui::GetContentRegionAvail().x;
  const std::string scope =
      v.group.empty() ? (v.village ? v.village->name : std::string("全部")) : v.group_names.at(v.group);
  std::string line =
      scope + "：共 " + std::to_string(totals.rows) + " 户，合计 " + format_yuan(totals.amount_fen) + " 元";
  if (!h.unit.empty() && totals.quantity > 0) line += "，" + format_quantity(totals.quantity) + " " + h.unit;
  const bool match = all.rows == h.count && all.amount_fen == h.total_fen;
  // The publication's own total in plain words; no 一致 claim when its header states no total.
  std::string check;
  if (h.count > 0 || h.total_fen > 0)
    check = "公示合计 " + std::to_string(h.count) + " 户，" + format_yuan(h.total_fen) + " 元，" +
            (match ? "与下表逐户相加一致" : "与下表逐户相加不一致，请咨询");
  // A soft band; the lines wrap on narrow panes instead of running past its edge.
  const float inner = w - m.gap * 2;
  const float lh1 = ui.paragraph_height(line, ui.fonts->body, inner);
  const float lh2 = check.empty() ? 0.0f : ui.paragraph_height(check, ui.fonts->small, inner);
  const float bh = lh1 + lh2 + m.gap * 1.4f;
  ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(a, ImVec2(a.x + w, a.y + bh), ui.c.primary_soft, m.radius);
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.gap, a.y + m.gap * 0.6f));
  ImGui::BeginGroup();
  ui.paragraph(line, ui.fonts->body, ui.c.primary, inner);
  ImGui::SetCursorScreenPos(ImVec2(a.x + m.gap, a.y + m.gap * 0.6f + lh1));
  if (!check.empty()) ui.paragraph(check, ui.fonts->small, match ? ui.c.success : ui.c.danger, inner);
  ImGui::EndGroup();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, bh));
}

void draw_fund_print(ScreenContext& ctx, const FundView& v, const std::string& fund_id, const std::string& village_id) {
  Ui& ui = ctx.ui;
  if (!ctx.facts.printer_configured) return;  // no printer: no 打印
  const float w = ImGui::GetContentRegionAvail().x;
  if (ui.button(v.group.empty() ? "打印本村名单摘要" : "打印本组名单", assets::Icon::Print, ButtonKind::Accent,
                ImVec2(w, ui.m.touch)))
    ctx.emit(intent::Print{intent::PrintKind::Fund, fund_id, village_id, v.group});
}

// The rows, only the visible ones built; the column header stays at the top of the visible
// area while its rows scroll under it.
void draw_fund_rows(ScreenContext& ctx, const FundView& v, const std::string& fund_id, const std::string& village_id) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const auto& h = v.h;
  const float tw = ImGui::GetContentRegionAvail().x;
  const bool per_unit = !h.unit.empty();
  ImFont* body = ui.fonts->body;
  ImFont* small = ui.fonts->small;
  // Columns 组别 | 姓名 | 数量 | 金额 sized from what they hold; numbers right-aligned; under
  // the name, in small type, the paid date and the remark. When the columns do not fit side by
  // side (elder mode on a tablet), the group goes on a line of its own under the name.
  const std::string amt_head = "金额（元）";
  std::string qty_head = per_unit ? "数量（" + h.unit + "）" : std::string();
  float w_group = ui.measure("组别", small).x;
  for (const auto& [id, name] : v.group_names) w_group = std::max(w_group, ui.measure(name, body).x);
  const float w_name = std::max(ui.measure("姓名", small).x, ui.measure("某某某", body).x);
  float w_qty = per_unit ? std::max(ui.measure(qty_head, small).x, ui.measure("9999.99", body).x) : 0;
  const float w_amt = std::max(ui.measure(amt_head, small).x, ui.measure("99,999.99", body).x);
  const float need = w_group + w_name + w_qty + w_amt + m.gap * 5;
  const bool stacked = need > tw;
  // Stacked and still too narrow for 数量（亩） beside 金额（元）: the unit alone heads the column.
  if (stacked && per_unit && w_name + w_qty + w_amt + m.gap * 4 > tw) {
    qty_head = "（" + h.unit + "）";
    w_qty = std::max(ui.measure(qty_head, small).x, ui.measure("9999.99", body).x);
  }
  float c_group = 0, c_name, c_qty;
  if (!stacked) {
    const float extra = (tw - need) / 3;  // spread the room over the gaps between columns
    c_name = w_group + m.gap + extra;
    c_qty = c_name + w_name + m.gap + extra;
  } else {
    c_name = 0;
    const float free = tw - m.gap * 2 - w_amt;
    c_qty = std::max(w_name + m.gap, free - w_qty - m.gap);
  }
  const float row_h = std::round(body->FontSize * 1.2f + small->FontSize * 1.15f * (stacked ? 2 : 1) + m.gap * 0.9f);
  const float hh = std::round(small->FontSize * 1.5f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto column_header = [&](ImVec2 a) {
    dl->AddRectFilled(a, ImVec2(a.x + tw, a.y + hh), ui.c.primary, m.radius * 0.5f, ImDrawFlags_RoundCornersTop);
    const float ty = a.y + (hh - small->FontSize) * 0.5f;
    if (!stacked) ui.draw_text(dl, small, ImVec2(a.x + m.gap + c_group, ty), ui.c.text_on_primary, "组别");
    ui.draw_text(dl, small, ImVec2(a.x + m.gap + c_name, ty), ui.c.text_on_primary, "姓名");
    if (per_unit) ui.draw_text(dl, small, ImVec2(a.x + c_qty + m.gap, ty), ui.c.text_on_primary, qty_head);
    ImVec2 as = ui.measure(amt_head, small);
    ui.draw_text(dl, small, ImVec2(a.x + tw - m.gap - as.x, ty), ui.c.text_on_primary, amt_head);
  };
  const ImVec2 head_pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(tw, hh - m.gap));
  const float x0 = head_pos.x;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(m.gap, 0));  // rows touch: stripes, no gaps
  ImGuiListClipper clipper;
  clipper.Begin(v.totals(ctx).rows, row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      p.x = x0;
      const content::FundRow* r = row_at(ctx, fund_id, village_id, v.group, i);
      dl->AddRectFilled(p, ImVec2(p.x + tw, p.y + row_h), (i % 2) ? ui.c.surface_alt : ui.c.surface);
      if (r) {
        auto gi = v.group_names.find(r->group_id);
        const std::string& gname = gi != v.group_names.end() ? gi->second : r->group_id;
        const float ty = p.y + m.gap * 0.45f;
        float ty2 = ty + body->FontSize * 1.15f;
        const std::string detail = row_detail(*r, h.year);
        if (stacked) {
          ui.draw_text(dl, small, ImVec2(p.x + m.gap, ty2), ui.c.text_muted, gname);
          ty2 += small->FontSize * 1.15f;
        } else {
          ui.draw_text(dl, body, ImVec2(p.x + m.gap + c_group, ty), ui.c.text_muted, gname);
        }
        if (!detail.empty())
          ui.draw_text(dl, small, ImVec2(p.x + m.gap + c_name, ty2), ui.c.text_muted,
                       fit(ui, detail, small, tw - c_name - m.gap * 2));
        ui.draw_text(dl, body, ImVec2(p.x + m.gap + c_name, ty), ui.c.text, r->beneficiary);
        if (per_unit) ui.draw_text(dl, body, ImVec2(p.x + m.gap + c_qty, ty), ui.c.text, format_quantity(r->quantity));
        std::string amount = format_yuan(r->amount_fen);
        ImVec2 as = ui.measure(amount, body);
        ui.draw_text(dl, body, ImVec2(p.x + tw - m.gap - as.x, ty), ui.c.text, amount);
      }
      ImGui::Dummy(ImVec2(tw, row_h));
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  const float rows_end = ImGui::GetCursorScreenPos().y;
  column_header(ImVec2(x0, std::min(std::max(head_pos.y, ctx.area_min.y), rows_end - hh)));
  ImGui::Dummy(ImVec2(1, m.gap * 0.5f));
}

void draw_fund_projects(ScreenContext& ctx, const std::string& fund_id, const std::string& village_id) {
  Ui& ui = ctx.ui;
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
}

}  // namespace

void draw_fund_table(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  const std::string& village_id = ctx.route.village;
  const std::string& fund_id = ctx.route.id;
  const auto& header = ctx.memo.get<std::optional<content::FundPublication>>(
      "fund/" + fund_id, [&] { return ctx.store.fund_header(fund_id); });
  if (!header) return draw_missing(ctx, "资金公开", "未找到该公示，可能已更新。");
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
  if (!group.empty() && !group_names.count(group)) group.clear();  // a group gone after a reload
  const bool household = h.kind == content::FundKind::Household;
  FundView v{h, village, std::move(group_names), group, fund_id, village_id};
  const std::string page_id = "fund_" + fund_id + "_" + village_id;

  // Landscape puts the publication in a side pane beside its rows when that pane still reads
  // as sentences (kSideChars body characters a line) and the rows keep most of the width. A
  // smaller landscape screen (a tablet; elder mode on a laptop-sized one) shows one page like
  // portrait, with the totals, phones and the publication's text folded behind one tap so the
  // rows get the room; the group filter stays in sight.
  constexpr float kSideChars = 12;
  const float side_w =
      std::round(std::max(ctx.area_w() * (m.elder ? 0.38f : 0.36f), ui.fonts->body->FontSize * kSideChars + m.pad * 2));
  const bool side = !m.portrait && side_w <= ctx.area_w() * 0.45f;
  if (!side) {
    begin_page(ctx, page_id.c_str());
    if (!household) {
      draw_fund_header(ctx, v);
      draw_fund_projects(ctx, fund_id, village_id);
    } else if (m.portrait) {
      draw_fund_header(ctx, v);
      draw_group_chips(ctx, v);
      draw_fund_totals(ctx, v);
      draw_fund_rows(ctx, v, fund_id, village_id);
      draw_fund_print(ctx, v, fund_id, village_id);
    } else {
      const std::string key = "fund/" + fund_id + "/details";
      const bool open = ctx.person.expanded.count(key) > 0;
      // The group filter may take a quarter of the page; more (many groups) and it folds too,
      // its line beside the details' line when both fit half the width.
      const auto labels = group_labels(v);
      const float avail = ImGui::GetContentRegionAvail().x;
      const bool fold_groups = !labels.empty() && chips_height(ui, labels, avail) > ctx.area_h() * 0.25f;
      const float line_w = std::max(ui.measure(kFundDetails, ui.fonts->body).x,
                                    ui.measure("组别：" + widest(ui, labels), ui.fonts->body).x) +
                           ui.fonts->body->FontSize * 1.3f + m.gap * 2;  // as Ui::expander lays it out
      {
        ListColumns side_by_side(ctx, fold_groups ? line_w : avail);
        side_by_side.next();
        if (ui.expander(kFundDetails, open)) {
          if (open)
            ctx.person.expanded.erase(key);
          else
            ctx.person.expanded.insert(key);
        }
        if (fold_groups && side_by_side.two()) {
          side_by_side.next();
          draw_group_chooser(ctx, v);
        }
      }
      if (open) {
        draw_fund_totals(ctx, v);
        draw_fund_print(ctx, v, fund_id, village_id);
        draw_fund_header(ctx, v);
      }
      if (fold_groups && line_w * 2 + m.gap > avail) draw_group_chooser(ctx, v);
      if (!fold_groups || ctx.person.expanded.count(groups_key(v))) draw_group_chips(ctx, v);
      draw_fund_rows(ctx, v, fund_id, village_id);
    }
    end_page(ctx);
    return;
  }

  // The publication on the left, its rows (or projects) on the right.
  const ImVec2 area_min = ctx.area_min, area_max = ctx.area_max;
  const float left_w = side_w;
  ctx.area_max.x = area_min.x + left_w;
  ImGui::SetCursorScreenPos(area_min);
  begin_page(ctx, (page_id + "_side").c_str());
  // The figures first (a short screen shows them beside the rows without scrolling), then
  // printing, then the details and the group filter.
  if (household) {
    draw_fund_totals(ctx, v);
    draw_fund_print(ctx, v, fund_id, village_id);
  }
  draw_fund_header(ctx, v);
  draw_group_chips(ctx, v);
  end_page(ctx);
  ctx.area_min.x = area_min.x + left_w - m.pad * 0.5f;  // the panes' margins meet: one gap
  ctx.area_max.x = area_max.x;
  ImGui::SetCursorScreenPos(ctx.area_min);
  begin_page(ctx, page_id.c_str());
  if (household)
    draw_fund_rows(ctx, v, fund_id, village_id);
  else
    draw_fund_projects(ctx, fund_id, village_id);
  end_page(ctx);
  ctx.area_min = area_min;
  ctx.area_max = area_max;
}

}  // namespace bianmin::kiosk
