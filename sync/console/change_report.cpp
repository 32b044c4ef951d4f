// What a change does to the published content (see change_report.hpp).
#include "change_report.hpp"

#include <algorithm>
#include <map>

#include "bianmin/base/money.hpp"

namespace bianmin::console {
using namespace content;
using json = nlohmann::json;

namespace {

template <typename T, typename Id, typename Title>
void diff(const char* kind, const std::vector<T>& before, const std::vector<T>& after, Id id, Title title,
          std::vector<ItemChange>& out) {
  std::map<std::string, const T*> old_items, new_items;
  for (const auto& x : before) old_items[id(x)] = &x;
  for (const auto& x : after) new_items[id(x)] = &x;
  for (const auto& [key, x] : new_items) {
    auto o = old_items.find(key);
    if (o == old_items.end())
      out.push_back({kind, key, title(*x), ItemChange::Added});
    else if (!(*o->second == *x))
      out.push_back({kind, key, title(*x), ItemChange::Changed});
  }
  for (const auto& [key, x] : old_items)
    if (!new_items.count(key)) out.push_back({kind, key, title(*x), ItemChange::Removed});
}

int64_t total(const FundPublication& f) {
  int64_t t = 0;
  for (const auto& r : f.rows) t += r.amount_fen;
  for (const auto& p : f.projects) t += p.spent_fen;
  return t;
}
int rows(const FundPublication& f) { return static_cast<int>(f.rows.size() + f.projects.size()); }

std::vector<std::string> deidentified(const FundPublication& f) {
  std::vector<std::string> out;
  if (f.kind == FundKind::Project) {
    out.push_back("项目公示：不含个人信息");
    return out;
  }
  int ids = 0, accounts = 0;
  std::string id_example, account_example, name_example;
  for (const auto& r : f.rows) {
    if (!r.id_masked.empty() && ids++ == 0) id_example = r.id_masked;
    if (!r.account_masked.empty() && accounts++ == 0) account_example = r.account_masked;
    if (name_example.empty()) name_example = r.beneficiary;
  }
  if (f.full_names)
    out.push_back("姓名：按发放部门的规定在公示期内显示全名（如 " + name_example + "）");
  else if (!f.rows.empty())
    out.push_back("姓名：" + std::to_string(f.rows.size()) + " 个只显示姓和末字（如 " + name_example + "）");
  out.push_back(ids ? "身份证号：" + std::to_string(ids) + " 个遮住中间，不显示出生日期（如 " + id_example + "）"
                    : "身份证号：表格里没有，不公开");
  out.push_back(accounts ? "银行账号：" + std::to_string(accounts) + " 个只显示最后 4 位（如 " + account_example + "）"
                         : "银行账号：表格里没有，不公开");
  out.push_back("联系电话：一律不公开");
  return out;
}

const char* what_label(ItemChange::What w) {
  return w == ItemChange::Added ? "新增" : w == ItemChange::Changed ? "修改" : "删除";
}
const char* kind_label(const std::string& k) {
  if (k == "guide") return "办事指南";
  if (k == "card") return "明白卡";
  if (k == "fund") return "资金公示";
  if (k == "policy") return "政策文件";
  return "公告";
}
}  // namespace

ChangeReport compare(const ContentSet& before, const ContentSet& after) {
  ChangeReport r;
  diff(
      "guide", before.guides, after.guides, [](const ServiceGuide& g) { return g.code; },
      [](const ServiceGuide& g) { return g.name; }, r.items);
  diff(
      "card", before.cards, after.cards, [](const ConvenienceCard& c) { return c.id; },
      [](const ConvenienceCard& c) { return c.title; }, r.items);
  diff(
      "fund", before.funds, after.funds, [](const FundPublication& f) { return f.id; },
      [](const FundPublication& f) { return f.title; }, r.items);
  diff(
      "policy", before.policies, after.policies, [](const PolicyDocument& p) { return p.id; },
      [](const PolicyDocument& p) { return p.title; }, r.items);
  diff(
      "notice", before.notices, after.notices, [](const Notice& n) { return n.id; },
      [](const Notice& n) { return n.title; }, r.items);
  r.site_changed = !(before.site == after.site) || !(before.departments == after.departments) ||
                   !(before.topics == after.topics) || !(before.life_events == after.life_events) ||
                   !(before.catalogue == after.catalogue) || !(before.colloquial_names == after.colloquial_names);
  auto find = [](const std::vector<FundPublication>& v, const std::string& id) -> const FundPublication* {
    for (const auto& f : v)
      if (f.id == id) return &f;
    return nullptr;
  };
  for (const auto& item : r.items) {
    if (item.kind != "fund") continue;
    const FundPublication* now = find(after.funds, item.id);
    const FundPublication* old = find(before.funds, item.id);
    FundSummary s;
    s.id = item.id;
    s.title = item.title;
    s.what = item.what;
    if (now) s.rows = rows(*now), s.total_fen = total(*now), s.deidentified = deidentified(*now);
    if (old) s.rows_before = rows(*old), s.total_before_fen = total(*old);
    r.funds.push_back(std::move(s));
  }
  return r;
}

json report_json(const ChangeReport& r) {
  json items = json::array();
  for (const auto& i : r.items)
    items.push_back({{"kind", i.kind},
                     {"kind_label", kind_label(i.kind)},
                     {"id", i.id},
                     {"title", i.title},
                     {"what", what_label(i.what)}});
  json funds = json::array();
  for (const auto& f : r.funds)
    funds.push_back({{"id", f.id},
                     {"title", f.title},
                     {"what", what_label(f.what)},
                     {"rows", f.rows},
                     {"rows_before", f.rows_before},
                     {"total", money::format_yuan(f.total_fen)},
                     {"total_before", money::format_yuan(f.total_before_fen)},
                     {"deidentified", f.deidentified}});
  return {{"items", items}, {"funds", funds}, {"site_changed", r.site_changed}, {"empty", r.empty()}};
}

std::vector<PreviewRoute> preview_routes(const ChangeReport& r, const ContentSet& after, size_t max) {
  std::vector<PreviewRoute> out;
  bool home = r.site_changed;
  for (const auto& i : r.items) {
    if (out.size() >= max) break;
    if (i.what == ItemChange::Removed) continue;
    if (i.kind == "fund") {
      for (const auto& f : after.funds)
        if (f.id == i.id && !f.village_ids.empty())
          out.push_back({"funds/" + f.village_ids.front() + "/" + f.id, i.title});
    } else if (i.kind == "guide") {
      out.push_back({"guide/" + i.id, i.title});
    } else if (i.kind == "card") {
      out.push_back({"card/" + i.id, i.title});
    } else if (i.kind == "policy") {
      out.push_back({"policy/" + i.id, i.title});
    } else {
      home = true;
    }
  }
  if ((home || out.empty()) && out.size() < max) out.push_back({"home", "首页"});
  return out;
}

}  // namespace bianmin::console
