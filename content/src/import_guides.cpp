// guides/*.yaml: one service guide (办事指南) per file, every element of the national
// implementation-list, checked against site.yaml's reference data.
#include <algorithm>
#include <unordered_map>

#include "import_common.hpp"

namespace bianmin::content {

void import_guides(ImportContext& ctx) {
  static const std::vector<std::string> kTypes = {"行政许可", "行政给付", "行政确认", "行政裁决",
                                                  "行政奖励", "公共服务", "其他"};
  static const std::vector<std::string> kServes = {"自然人", "法人"};
  static const std::vector<std::string> kForms = {"原件", "复印件", "原件和复印件"};
  static const std::vector<std::string> kMedia = {"纸质", "电子", "纸质或电子"};
  const std::vector<std::string>& hosts = ctx.content.site.allowed_url_hosts;

  std::unordered_map<std::string, std::string> code_file;  // code -> file that has it first
  for (const auto& path : yaml_files(ctx.root / "guides")) {
    const std::string rel = relative_name(ctx, path);
    auto root = load_yaml(path, rel, ctx.problems);
    if (!root) {
      ctx.guides_incomplete = true;
      continue;
    }
    MapReader r(ctx.problems, rel, *root);
    ServiceGuide g;
    g.code = r.text("code", Need::Required);
    if (g.code.empty()) ctx.guides_incomplete = true;
    if (!g.code.empty()) {
      auto [it, fresh] = code_file.emplace(g.code, rel);
      if (!fresh) r.problem("code", "事项编码“" + g.code + "”和 " + it->second + " 重复了，每个事项编码只能用一次");
    }
    g.name = r.text("name", Need::Required);
    int t = r.choice("type", kTypes, Need::Required, -1);
    if (t >= 0) g.item_type = kTypes[t];
    g.serves = r.text_list("serves", Need::Required);
    for (const auto& s : g.serves)
      if (std::find(kServes.begin(), kServes.end(), s) == kServes.end())
        r.problem("serves", "服务对象只能是 自然人 或 法人，现在是“" + s + "”");
    g.department_id = r.slug("department", Need::Required);
    ctx.check_ref(r, "department", g.department_id, ctx.departments, "部门");
    g.topic_ids = r.text_list("topics", Need::Required, true);
    ctx.check_ref_list(r, "topics", g.topic_ids, ctx.topics, "主题");
    g.life_event_ids = r.text_list("life_events", Need::Optional, true);
    ctx.check_ref_list(r, "life_events", g.life_event_ids, ctx.life_events, "一件事");
    g.catalogue_id = r.slug("catalogue", Need::Required, true);
    ctx.check_ref(r, "catalogue", g.catalogue_id, ctx.catalogue, "公开目录");
    g.summary = r.text("summary", Need::Required);

    r.each("legal_basis", Need::Optional, [&](MapReader& m) {
      g.legal_basis.push_back({m.text("document", Need::Required), m.text("article")});
    });
    g.conditions = r.text_list("conditions", Need::Required);
    r.each("materials", Need::Required, [&](MapReader& m) {
      Material mat;
      mat.name = m.text("name", Need::Required);
      mat.source = m.text("source");
      int f = m.choice("form", kForms, Need::Optional, 0);
      mat.form = f >= 0 ? kForms[f] : "";
      mat.copies = m.integer("copies", Need::Optional, 1, 1);
      int md = m.choice("medium", kMedia, Need::Optional, 0);
      mat.medium = md >= 0 ? kMedia[md] : "";
      mat.required = m.boolean("required", true);
      mat.condition = m.text("condition");
      if (!mat.required && mat.condition.empty())
        m.problem("condition", "这份材料不是必需的（required: false），请在 condition 写明什么情况下需要");
      mat.notes = m.text("notes");
      mat.has_blank_form = m.boolean("blank_form", false);
      mat.has_sample = m.boolean("sample", false);
      g.materials.push_back(std::move(mat));
    });
    r.each("process", Need::Required, [&](MapReader& m) {
      ProcessStep s;
      s.name = m.text("name", Need::Required);
      s.actor = m.text("actor");
      s.description = m.text("description");
      s.time_limit = m.text("time_limit");
      g.process.push_back(std::move(s));
    });
    {
      MapReader tl = r.nested("time_limit", Need::Required);
      g.immediate = tl.boolean("immediate", false);
      g.statutory_days = tl.integer("statutory_days", Need::Optional, 0, 0);
      g.promised_days = tl.integer("promised_days", Need::Optional, 0, 0);
      if (tl.valid() && !g.immediate && g.promised_days == 0 && g.statutory_days == 0)
        tl.problem("promised_days", "请填写承诺办结时限（工作日），当场办结的写 immediate: true");
      if (g.statutory_days > 0 && g.promised_days > g.statutory_days)
        tl.problem("promised_days", "承诺办结时限（" + std::to_string(g.promised_days) +
                                        "个工作日）不能比法定办结时限（" + std::to_string(g.statutory_days) +
                                        "个工作日）还长");
      tl.finish();
    }
    {
      MapReader fees = r.nested("fees", Need::Required);
      g.free_of_charge = fees.boolean("free", true);
      g.fee_standard = fees.text("standard");
      g.fee_basis = fees.text("basis");
      if (fees.valid() && !g.free_of_charge && g.fee_standard.empty())
        fees.problem("standard", "收费的事项要写明收费标准（standard）");
      fees.finish();
    }
    {
      MapReader w = r.nested("where");
      g.window = w.text("window");
      g.address = w.text("address");
      g.hours = w.text("hours");
      w.finish();
    }
    g.village_handling = r.choice("village_handling", Need::Optional, VillageHandling::None);
    {
      MapReader o = r.nested("online");
      g.online_url = o.url("url", hosts);
      g.fully_online = o.boolean("fully_online", false);
      if (g.fully_online && !o.has("url")) o.problem("fully_online", "全程网办的事项要填写网办地址（url）");
      o.finish();
    }
    g.visits = r.integer("visits", Need::Required, 0, 1);
    r.each("special_steps", Need::Optional, [&](MapReader& m) {
      SpecialStep s;
      s.name = m.text("name", Need::Required);
      s.duration = m.text("duration");
      s.counted_in_limit = m.boolean("counted_in_limit", false);
      s.charged = m.boolean("charged", false);
      g.special_steps.push_back(std::move(s));
    });
    r.each("forms", Need::Optional, [&](MapReader& m) {
      FormRef f;
      f.name = m.text("name", Need::Required);
      f.has_blank = m.boolean("blank", false);
      f.has_sample = m.boolean("sample", false);
      g.forms.push_back(std::move(f));
    });
    r.each("faq", Need::Optional, [&](MapReader& m) {
      g.faq.push_back({m.text("q", Need::Required), m.text("a", Need::Required)});
    });
    g.promises = r.text_list("promises");
    g.tips = r.text_list("tips");
    {
      MapReader res = r.nested("result");
      g.result_name = res.text("name");
      g.result_delivery = res.text("delivery");
      res.finish();
    }
    {
      MapReader ph = r.nested("phones");
      g.consult_phone = ph.text("consult", Need::Optional, Scan::NoMobiles);
      g.complaint_phone = ph.text("complaint", Need::Optional, Scan::NoMobiles);
      ph.finish();
    }
    g.version = r.text("version", Need::Required);
    g.effective_date = r.date("effective", Need::Required);
    g.updated_date = r.date("updated", Need::Required);
    ctx.note_date(g.updated_date);
    r.finish();

    // Defaults from the department and the hall ("where" is optional).
    for (const auto& d : ctx.content.departments) {
      if (d.id == g.department_id && g.window.empty()) g.window = d.window;
      if (d.id == g.department_id && g.consult_phone.empty()) g.consult_phone = d.phone;
    }
    if (g.address.empty()) g.address = ctx.content.site.hall.address;
    if (g.hours.empty()) g.hours = ctx.content.site.hall.opening_hours;
    if (g.complaint_phone.empty()) g.complaint_phone = ctx.content.site.hall.complaint_phone;
    ctx.content.guides.push_back(std::move(g));
  }
}

}  // namespace bianmin::content
