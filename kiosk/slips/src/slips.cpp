// The slip layouts. What goes on each slip, in which order, is decided here; how blocks are
// set and paginated lives in layout.cpp.
#include "bianmin/slips/slips.hpp"

#include <ctime>

#include "layout.hpp"

namespace bianmin::slips {

using detail::Align;
using detail::Cell;
using detail::Doc;

PaperSpec paper_spec(Paper p) {
  // Printable widths of common receipt printers: 48 mm on 58 mm rolls, 72 mm on 80 mm rolls.
  switch (p) {
    case Paper::Roll58:
      return {58, 0, 5, 3, 10, 10.5, 15, 12, 8, 34};
    case Paper::Roll80:
      return {80, 0, 4, 3, 10, 11.5, 17, 13, 8.5, 40};
    case Paper::A4:
      return {210, 297, 18, 15, 15, 12.5, 21, 14, 9.5, 40};
  }
  return {};
}

int default_raster_dots(Paper p) {
  switch (p) {
    case Paper::Roll58:
      return 384;
    case Paper::Roll80:
      return 576;
    case Paper::A4:
      return 0;
  }
  return 0;
}

const char* paper_name(Paper p) {
  switch (p) {
    case Paper::Roll58:
      return "58mm";
    case Paper::Roll80:
      return "80mm";
    case Paper::A4:
      return "A4";
  }
  return "?";
}

std::optional<Paper> parse_paper(std::string_view name) {
  if (name == "58mm" || name == "58") return Paper::Roll58;
  if (name == "80mm" || name == "80") return Paper::Roll80;
  if (name == "A4" || name == "a4") return Paper::A4;
  return std::nullopt;
}

std::string now_text() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

namespace {

std::string hall_caption(const SlipContext& ctx) {
  if (!ctx.site.hall.name.empty()) return ctx.site.hall.name;
  return ctx.site.township + "便民服务中心";
}

std::string or_default(const std::string& v, const std::string& fallback) { return v.empty() ? fallback : v; }

void footer(Doc& doc, const SlipContext& ctx, const std::string& extra = {}) {
  doc.rule();
  if (!extra.empty()) doc.small(extra);
  doc.small("内容版本：" + or_default(ctx.content_version, "未知"));
  doc.small("终端编号：" + or_default(ctx.terminal_id, "未设置"));
  doc.small("打印时间：" + (ctx.printed_at.empty() ? now_text() : ctx.printed_at));
  doc.small("本单仅供参考，以窗口最新要求为准");
}

// Adds the QR for an online URL; a slip without a URL simply has none.
Status add_qr(Doc& doc, const std::string& url, const std::string& caption) {
  if (url.empty()) return Status::success();
  auto m = qr::encode(url, qr::EcLevel::M, 4);
  if (!m) return Status{m.error()};
  doc.qr(*m, caption);
  return Status::success();
}

std::string days_text(int days) { return std::to_string(days) + "个工作日"; }

std::string time_limit_text(const content::ServiceGuide& g) {
  if (g.immediate) return "即办（材料齐全当场办结）";
  std::string s;
  if (g.promised_days > 0) s = "承诺" + days_text(g.promised_days);
  if (g.statutory_days > 0)
    s += (s.empty() ? "法定" : "（法定") + days_text(g.statutory_days) + (s.empty() ? "" : "）");
  return s.empty() ? "请咨询窗口" : s;
}

std::string visits_text(int visits) {
  if (visits <= 0) return "不用跑（可全程网上办理）";
  if (visits == 1) return "最多跑一次";
  return "到现场" + std::to_string(visits) + "次";
}

std::string material_detail(const content::Material& m) {
  std::string d = (m.form.empty() ? std::string("原件") : m.form) + " " + std::to_string(m.copies) + "份";
  if (!m.medium.empty()) d += "（" + m.medium + "）";
  if (!m.required) d += "；" + (m.condition.empty() ? std::string("视情况提供") : m.condition + "时提供");
  return d;
}

}  // namespace

Result<Slip> render_guide_slip(const content::ServiceGuide& g, const content::Department* dept, const SlipContext& ctx,
                               Format format, GuideDetail detail) {
  const bool full = detail == GuideDetail::Full;
  Doc doc(format);
  doc.caption(hall_caption(ctx) + (full ? " · 办事指南" : " · 办事清单"));
  doc.title(g.name);
  if (full && !g.code.empty()) doc.caption("事项编码 " + g.code);
  if (full && !g.summary.empty()) doc.para(g.summary);

  const std::string window = !g.window.empty() ? g.window : dept ? dept->window : std::string();
  const std::string consult = !g.consult_phone.empty()       ? g.consult_phone
                              : dept && !dept->phone.empty() ? dept->phone
                                                             : ctx.site.hall.phone;
  if (!full) {
    // What a villager needs in hand: the materials first, to tick off at home.
    if (!g.materials.empty()) {
      doc.heading("带齐材料（请逐项打勾）");
      for (const auto& m : g.materials) doc.check(m.name, material_detail(m));
    }
    doc.heading("去哪办 · 什么时候");
    std::string where = or_default(g.address, ctx.site.hall.address);
    if (!window.empty()) where += " " + window;
    doc.kv("地点", where);
    doc.kv("时间", or_default(g.hours, ctx.site.hall.opening_hours));
    doc.kv("多久办好", time_limit_text(g));
    doc.kv("费用", g.free_of_charge || g.fee_standard.empty() ? std::string("不收费") : g.fee_standard);
    doc.kv("咨询电话", consult);
    if (Status s = add_qr(doc, g.online_url, "扫码看完整指南、在线办理"); !s) return s.error();
    footer(doc, ctx, g.version.empty() ? std::string() : "指南版本：" + g.version);
    return doc.finish(g.name);
  }

  doc.heading("到哪里办");
  if (dept) doc.kv("办理部门", dept->name);
  if (!window.empty()) doc.kv("办理窗口", window);
  doc.kv("地址", or_default(g.address, ctx.site.hall.address));
  doc.kv("时间", or_default(g.hours, ctx.site.hall.opening_hours));
  doc.kv("跑动次数", visits_text(g.visits));
  if (g.village_handling != content::VillageHandling::None) doc.kv("村级办理", content::label(g.village_handling));

  if (!g.conditions.empty()) {
    doc.heading("受理条件");
    for (const auto& c : g.conditions) doc.bullet(c);
  }

  if (!g.materials.empty()) {
    doc.heading("申请材料（请逐项打勾）");
    for (const auto& m : g.materials) doc.check(m.name, material_detail(m));
  }

  doc.heading("办理时限");
  doc.para(time_limit_text(g));

  doc.heading("收费");
  if (g.free_of_charge || g.fee_standard.empty()) {
    doc.para("不收费");
  } else {
    doc.para(g.fee_standard);
    if (!g.fee_basis.empty()) doc.small("收费依据：" + g.fee_basis);
  }

  doc.heading("咨询电话");
  doc.kv("咨询", consult);
  doc.kv("投诉", or_default(g.complaint_phone, ctx.site.hall.complaint_phone));

  if (Status s = add_qr(doc, g.online_url, g.fully_online ? "扫码在线办理（全程网办）" : "扫码在线办理"); !s)
    return s.error();

  std::string extra;
  if (!g.version.empty()) extra = "指南版本：" + g.version;
  if (!g.updated_date.empty()) extra += (extra.empty() ? "" : "  ") + ("更新：" + g.updated_date);
  footer(doc, ctx, extra);
  return doc.finish(g.name);
}

Result<Slip> render_card_slip(const content::ConvenienceCard& c, const SlipContext& ctx, Format format) {
  Doc doc(format);
  doc.caption(hall_caption(ctx) + " · 明白卡");
  doc.title(c.title);
  auto section = [&](const char* head, const std::string& text) {
    if (text.empty()) return;
    doc.heading(head);
    doc.para(text);
  };
  section("谁能办", c.who);
  if (!c.bring.empty()) {
    doc.heading("带什么（请逐项打勾）");
    for (const auto& b : c.bring) doc.check(b);
  }
  section("去哪办", c.where);
  section("什么时候办", c.when);
  section("多久办好", c.how_long);
  section(c.money == content::CardMoney::Receive ? "能领多少（补助标准）" : content::label(c.money), c.cost);
  section("咨询电话", or_default(c.phone, ctx.site.hall.phone));
  if (Status s = add_qr(doc, c.online_url, "扫码在线办理"); !s) return s.error();
  footer(doc, ctx, c.updated_date.empty() ? std::string() : "更新：" + c.updated_date);
  return doc.finish(c.title);
}

namespace {

std::string quantity_text(double q) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", q);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

Result<Slip> render_fund_extract(const FundExtract& x, const SlipContext& ctx, Format format) {
  const content::FundPublication& h = x.header;
  Doc doc(format);
  doc.caption(hall_caption(ctx) + " · 资金公示摘录");
  doc.title(h.title);
  if (!h.fund_type.empty()) doc.kv("补贴项目", h.fund_type);
  if (!x.department_name.empty()) doc.kv("发放单位", x.department_name);
  if (!h.standard.empty()) doc.kv("补贴标准", h.standard);
  if (!h.policy_basis.empty()) doc.kv("政策依据", h.policy_basis);
  if (!h.period.empty()) doc.kv("所属期", h.period);
  if (!h.publicity_start.empty()) doc.kv("公示期", h.publicity_start + " 至 " + h.publicity_end);
  std::string where = x.village_name;
  if (!x.group_name.empty()) where += " " + x.group_name;
  if (!where.empty()) doc.kv("范围", where);

  const bool per_unit = !h.unit.empty();
  if (h.kind == content::FundKind::Household && x.group_name.empty() && !x.groups.empty()) {
    // A whole village: each group's totals, no names.
    doc.heading("各村民小组合计");
    for (const auto& gt : x.groups)
      doc.kv(gt.name, std::to_string(gt.totals.rows) + "户（人），" + detail::yuan(gt.totals.amount_fen) + " 元");
    doc.small("本组名单：请在屏幕上选择村民小组后打印。");
    doc.rule(false);
    std::string total = std::to_string(x.totals.rows) + "户（人），";
    if (per_unit) total += quantity_text(x.totals.quantity) + h.unit + "，";
    total += "金额 " + detail::yuan(x.totals.amount_fen) + " 元";
    doc.kv("合计", total);
  } else if (h.kind == content::FundKind::Household) {
    doc.heading("发放明细");
    if (per_unit)
      doc.row({{"序号", 0.17, Align::Left},
               {"姓名", 0.27, Align::Left},
               {"数量(" + h.unit + ")", 0.24, Align::Right},
               {"金额(元)", 0.32, Align::Right}},
              true);
    else
      doc.row({{"序号", 0.16, Align::Left}, {"姓名", 0.44, Align::Left}, {"金额(元)", 0.40, Align::Right}}, true);
    for (const auto& r : x.rows) {
      if (per_unit)
        doc.row({{std::to_string(r.row_no), 0.17, Align::Left},
                 {r.beneficiary, 0.27, Align::Left},
                 {quantity_text(r.quantity), 0.24, Align::Right},
                 {detail::yuan(r.amount_fen), 0.32, Align::Right}});
      else
        doc.row({{std::to_string(r.row_no), 0.16, Align::Left},
                 {r.beneficiary, 0.44, Align::Left},
                 {detail::yuan(r.amount_fen), 0.40, Align::Right}});
    }
    if (x.rows.empty()) doc.para("本组没有发放记录。");
    doc.rule(false);
    std::string total = std::to_string(x.totals.rows) + "户（人），";
    if (per_unit) total += quantity_text(x.totals.quantity) + h.unit + "，";
    total += "金额 " + detail::yuan(x.totals.amount_fen) + " 元";
    doc.kv("合计", total);
  } else {
    doc.heading("项目明细");
    for (const auto& p : x.projects) {
      doc.check(p.name, "预算 " + detail::yuan(p.budget_fen) + " 元，已支出 " + detail::yuan(p.spent_fen) + " 元" +
                            (p.progress.empty() ? "" : "，" + p.progress) +
                            (p.acceptance.empty() ? "" : "，" + p.acceptance));
    }
    if (x.projects.empty()) doc.para("本村没有项目记录。");
    doc.rule(false);
    doc.kv("合计", std::to_string(x.totals.rows) + "个项目，金额 " + detail::yuan(x.totals.amount_fen) + " 元");
  }

  doc.heading("监督举报");
  doc.kv("监督电话", or_default(h.complaint_phone, ctx.site.hall.complaint_phone));
  if (!h.complaint_address.empty()) doc.kv("举报地址", h.complaint_address);
  doc.small("如有异议，请在公示期内反映。个人信息已按规定去标识化。");
  footer(doc, ctx);
  return doc.finish(h.title);
}

Result<Slip> render_test_slip(const SlipContext& ctx, Format format, std::string_view printer_name) {
  Doc doc(format);
  doc.caption(hall_caption(ctx));
  doc.title("打印测试");
  doc.kv("打印机", printer_name.empty() ? std::string("默认") : std::string(printer_name));
  doc.kv("纸张", std::string(paper_name(format.paper)) +
                     (format.raster() ? "，" + std::to_string(format.raster_dots) + " 点宽" : std::string()));
  doc.para("中文测试：便民服务中心欢迎您。如果这一行完整清楚、左右没有被切掉，说明纸宽设置正确。");
  doc.check("方框与换行正常");
  if (Status s = add_qr(doc, "BIANMIN-TEST " + ctx.terminal_id, "扫码应显示终端编号"); !s) return s.error();
  footer(doc, ctx);
  return doc.finish("打印测试");
}

}  // namespace bianmin::slips
