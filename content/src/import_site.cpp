// site.yaml: the township, its hall, villages and groups, and the reference data (departments,
// topics, life events, catalogue) that every other source file points into.
#include <algorithm>

#include "import_common.hpp"

namespace bianmin::content {

namespace {

// Reports an id seen before in the same list.
void check_unique(MapReader& r, const char* key, const std::string& id, std::set<std::string>& seen, const char* what) {
  if (id.empty()) return;
  if (!seen.insert(id).second) r.problem(key, std::string(what) + "编号“" + id + "”重复了，每个编号只能用一次");
}

}  // namespace

void import_site(ImportContext& ctx) {
  const std::string rel = "site.yaml";
  auto root = load_yaml(ctx.root / rel, rel, ctx.problems);
  if (!root) {
    if (!std::filesystem::exists(ctx.root / rel))
      ctx.problems.back().message = "缺少 site.yaml（乡镇、村组、部门等基础信息），其他文件无法核对";
    return;
  }
  ContentSet& c = ctx.content;
  Site& site = c.site;
  MapReader r(ctx.problems, rel, *root);
  site.township = r.text("township", Need::Required);
  site.county = r.text("county", Need::Required);
  site.region_code = r.text("region_code", Need::Required);
  if (!site.region_code.empty() &&
      (site.region_code.size() != 6 ||
       !std::all_of(site.region_code.begin(), site.region_code.end(), [](char ch) { return ch >= '0' && ch <= '9'; })))
    r.problem("region_code", "行政区划代码应该是6位数字，如 \"530129\"（加引号），现在是“" + site.region_code + "”");
  site.allowed_url_hosts = r.text_list("allowed_url_hosts");
  for (auto& h : site.allowed_url_hosts)
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });

  {
    MapReader h = r.nested("hall", Need::Required);
    site.hall.name = h.text("name", Need::Required);
    site.hall.address = h.text("address", Need::Required);
    site.hall.opening_hours = h.text("opening_hours", Need::Required);
    site.hall.phone = h.text("phone", Need::Required, Scan::NoMobiles);
    site.hall.complaint_phone = h.text("complaint_phone", Need::Optional, Scan::NoMobiles);
    h.finish();
  }

  std::set<std::string> seen;
  r.each("villages", Need::Required, [&](MapReader& v) {
    Village village;
    village.id = v.slug("id", Need::Required);
    village.name = v.text("name", Need::Required);
    check_unique(v, "id", village.id, seen, "村");
    MapReader ap = v.nested("agent_point");
    village.agent_point_address = ap.text("address");
    village.agent_point_phone = ap.text("phone", Need::Optional, Scan::NoMobiles);
    village.agent_point_hours = ap.text("hours");
    ap.finish();
    std::set<std::string> group_seen;
    std::unordered_map<std::string, std::string> groups;
    v.each("groups", Need::Required, [&](MapReader& g) {
      VillageGroup group;
      group.id = g.slug("id", Need::Required);
      group.name = g.text("name", Need::Required);
      check_unique(g, "id", group.id, group_seen, "村民小组");
      if (!group.id.empty()) groups[group.id] = group.id;
      if (!group.name.empty()) groups.emplace(group.name, group.id);
      village.groups.push_back(std::move(group));
    });
    if (!village.id.empty()) {
      std::size_t index = site.villages.size();
      ctx.village_index[village.id] = index;
      if (!village.name.empty()) ctx.village_index.emplace(village.name, index);
    }
    ctx.group_ids.push_back(std::move(groups));
    site.villages.push_back(std::move(village));
  });

  r.each("departments", Need::Required, [&](MapReader& d) {
    Department dep;
    dep.id = d.slug("id", Need::Required);
    dep.name = d.text("name", Need::Required);
    dep.short_name = d.text("short_name");
    dep.phone = d.text("phone", Need::Optional, Scan::NoMobiles);
    dep.window = d.text("window");
    dep.sort_order = d.integer("order", Need::Optional, 0);
    check_unique(d, "id", dep.id, ctx.departments, "部门");
    c.departments.push_back(std::move(dep));
  });

  r.each("topics", Need::Required, [&](MapReader& t) {
    Topic topic;
    topic.id = t.slug("id", Need::Required);
    topic.name = t.text("name", Need::Required);
    topic.icon = t.text("icon");
    topic.sort_order = t.integer("order", Need::Optional, 0);
    check_unique(t, "id", topic.id, ctx.topics, "主题");
    c.topics.push_back(std::move(topic));
  });

  r.each("life_events", Need::Optional, [&](MapReader& e) {
    LifeEvent ev;
    ev.id = e.slug("id", Need::Required);
    ev.name = e.text("name", Need::Required);
    ev.stage = e.text("stage");
    ev.description = e.text("description");
    ev.sort_order = e.integer("order", Need::Optional, 0);
    YAML::Node list = e.get("guides");
    ev.guide_codes = e.text_list("guides");
    // Remember where each code was written, to report codes with no guide later.
    for (std::size_t i = 0; i < ev.guide_codes.size(); ++i) {
      int line = list.IsSequence() && i < list.size() ? line_of(list[i]) : e.line("guides");
      ctx.life_event_guides.push_back(
          {rel, line, e.field("guides") + "[" + std::to_string(i + 1) + "]", ev.guide_codes[i]});
    }
    check_unique(e, "id", ev.id, ctx.life_events, "一件事");
    c.life_events.push_back(std::move(ev));
  });

  // The services asked for most, by item code (checked against guides/ once read).
  {
    YAML::Node list = r.get("most_used");
    site.most_used_guides = r.text_list("most_used");
    for (std::size_t i = 0; i < site.most_used_guides.size(); ++i) {
      int line = list.IsSequence() && i < list.size() ? line_of(list[i]) : r.line("most_used");
      ctx.most_used_guides.push_back(
          {rel, line, r.field("most_used") + "[" + std::to_string(i + 1) + "]", site.most_used_guides[i]});
    }
  }

  // Villagers' words: each entry's `means` words are checked against the titles once every
  // item is read (a word that is in no title finds nothing: a typo).
  r.each("colloquial_names", Need::Optional, [&](MapReader& e) {
    ColloquialName entry;
    entry.names = e.text_list("names", Need::Required);
    entry.means = e.text_list("means", Need::Required);
    YAML::Node means = e.get("means");
    for (std::size_t i = 0; i < entry.means.size(); ++i) {
      int line = means.IsSequence() && i < means.size() ? line_of(means[i]) : e.line("means");
      ctx.colloquial_terms.push_back({rel, line, e.field("means") + "[" + std::to_string(i + 1) + "]", entry.means[i]});
    }
    for (const std::string& n : entry.names)
      if (n.empty()) e.problem("names", "俗称不能是空的");
    c.colloquial_names.push_back(std::move(entry));
  });

  std::vector<std::pair<int, std::string>> parents;  // (line, field) of each parent ref
  r.each("catalogue", Need::Required, [&](MapReader& n) {
    CatalogueNode node;
    node.id = n.slug("id", Need::Required, true);
    node.parent_id = n.slug("parent", Need::Optional, true);
    node.name = n.text("name", Need::Required);
    node.sort_order = n.integer("order", Need::Optional, 0);
    check_unique(n, "id", node.id, ctx.catalogue, "目录");
    parents.emplace_back(n.line("parent"), n.field("parent"));
    c.catalogue.push_back(std::move(node));
  });
  for (std::size_t i = 0; i < c.catalogue.size(); ++i) {
    const auto& p = c.catalogue[i].parent_id;
    if (!p.empty() && !ctx.catalogue.count(p))
      ctx.problems.push_back({rel, parents[i].first, parents[i].second, "上级目录“" + p + "”在 catalogue 里没有"});
    if (!p.empty() && p == c.catalogue[i].id)
      ctx.problems.push_back({rel, parents[i].first, parents[i].second, "目录不能是自己的上级"});
  }
  r.finish();
  ctx.site_ok = true;
}

}  // namespace bianmin::content
