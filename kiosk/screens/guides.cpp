// Browse service guides by 部门 (the hall's order, most used first), 主题, 一件事 or 公开目录
// (every node lists what is filed under it and below it: guides, policies, fund
// publications): tabs over a list of groups.
#include "screens/screens.hpp"

namespace bianmin::kiosk {

void draw_guides(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ctx.title = "办事指南";
  // The tabs in the order shown; the page ids keep the path words so scroll positions stay apart.
  static const GuideTab kTabs[] = {GuideTab::Department, GuideTab::Topic, GuideTab::LifeEvent, GuideTab::Catalogue};
  static const char* kPages[] = {"guides_dept", "guides_topic", "guides_event", "guides_cat"};
  const GuideTab tab = ctx.person.guides_tab.value_or(ctx.route.tab);
  int sel = 0;
  for (int i = 0; i < 4; ++i)
    if (tab == kTabs[i]) sel = i;
  ImGui::SetCursorScreenPos(ImVec2(ctx.area_min.x + m.pad, ctx.area_min.y + m.pad * 0.8f));
  ImGui::PushItemWidth(-1);
  ImGui::BeginGroup();
  if (ui.tabs({"按部门", "按主题", "一件事一次办", "公开的事项"}, sel)) ctx.person.guides_tab = kTabs[sel];
  ImGui::EndGroup();
  ImGui::PopItemWidth();
  // the list starts right under the tabs (the page keeps its own top margin): on a short
  // tablet every line counts
  ImGui::SetCursorScreenPos(ImVec2(ctx.area_min.x, ImGui::GetItemRectMax().y));
  begin_page(ctx, kPages[sel]);
  // "N 项", or empty when the group has no guides: departments, topics and life events with
  // nothing to show are left out of the lists (a tap would lead to an empty page).
  auto count = [&](const char* kind, const std::string& id, auto load) {
    const auto& v = ctx.memo.get<std::vector<content::GuideSummary>>(std::string("g/") + kind + "/" + id, load);
    return v.empty() ? std::string() : std::to_string(v.size()) + " 项";
  };
  ListColumns cols(ctx);  // the flat lists; the catalogue's tree stays one column
  if (sel == 0) {
    const auto& depts =
        ctx.memo.get<std::vector<content::Department>>("depts", [&] { return ctx.store.departments(); });
    for (const auto& d : depts) {
      std::string sub = count("dept", d.id, [&] { return ctx.store.guides_by_department(d.id); });
      if (sub.empty()) continue;
      if (!d.window.empty()) sub += " · " + d.window;
      if (!d.phone.empty()) sub += " · " + d.phone;
      cols.next();
      if (ui.row(d.name, sub, {})) ctx.go(Route::guide_list(GuideTab::Department, d.id));
    }
  } else if (sel == 1) {
    const auto& topics = ctx.memo.get<std::vector<content::Topic>>("topics", [&] { return ctx.store.topics(); });
    for (const auto& t : topics) {
      std::string sub = count("topic", t.id, [&] { return ctx.store.guides_by_topic(t.id); });
      if (sub.empty()) continue;
      cols.next();
      if (ui.row(t.name, sub, {})) ctx.go(Route::guide_list(GuideTab::Topic, t.id));
    }
  } else if (sel == 2) {
    const auto& events =
        ctx.memo.get<std::vector<content::LifeEvent>>("events", [&] { return ctx.store.life_events(); });
    for (const auto& e : events) {
      std::string sub = count("event", e.id, [&] { return ctx.store.guides_by_life_event(e.id); });
      if (sub.empty()) continue;
      if (!e.description.empty()) sub = e.description + "（" + sub + "）";
      cols.next();
      if (ui.row(e.name, sub, {})) ctx.go(Route::guide_list(GuideTab::LifeEvent, e.id));
    }
  } else {
    cols.end();
    const auto& nodes =
        ctx.memo.get<std::vector<content::CatalogueNode>>("catalogue", [&] { return ctx.store.catalogue(); });
    // A tree: roots as section titles, their children as rows (deeper levels indented).
    std::function<void(const std::string&, int)> walk = [&](const std::string& parent, int depth) {
      for (const auto& n : nodes) {
        if (n.parent_id != parent) continue;
        bool has_children = false;
        for (const auto& k : nodes)
          if (k.parent_id == n.id) has_children = true;
        if (depth == 0 && has_children) {
          ImGui::Dummy(ImVec2(1, m.gap * 0.3f));
          ui.section_title(n.name, assets::Icon::Catalogue);
        } else {
          const float ind = static_cast<float>(std::max(0, depth - 1)) * m.pad;
          if (ind > 0) ImGui::Indent(ind);
          // everything filed under the node and the nodes below it: guides, policies, funds
          const auto& items = ctx.memo.get<std::vector<content::CatalogueItem>>(
              "cat/" + n.id + "/" + ctx.facts.today, [&] { return ctx.store.catalogue_items(n.id, ctx.facts.today); });
          // the catalogue is the official structure: kept whole, empty nodes say so
          std::string sub = items.empty() ? "暂无事项" : std::to_string(items.size()) + " 项";
          if (ui.row(n.name, sub, {})) ctx.go(Route::guide_list(GuideTab::Catalogue, n.id));
          if (ind > 0) ImGui::Unindent(ind);
        }
        walk(n.id, depth + 1);
      }
    };
    walk("", 0);
  }
  cols.end();
  end_page(ctx);
}

namespace {

// A 公开目录 node: what is filed under it and under the nodes below it (guides, policies, fund
// publications), each opening its own screen.
void draw_catalogue_items(ScreenContext& ctx, const std::string& id) {
  Ui& ui = ctx.ui;
  const auto& items = ctx.memo.get<std::vector<content::CatalogueItem>>(
      "cat/" + id + "/" + ctx.facts.today, [&] { return ctx.store.catalogue_items(id, ctx.facts.today); });
  begin_page(ctx, ("list_cat_" + id).c_str());
  if (items.empty()) ui.text("暂无事项", ui.fonts->body, ui.c.text_muted);
  ListColumns cols(ctx);
  for (const auto& item : items) {
    cols.next();
    std::string context = item.context;
    Route to;
    switch (item.kind) {
      case content::HitKind::Policy:
        context = "政策文件" + (context.empty() ? "" : " · " + context);
        to = Route::policy(item.id);
        break;
      case content::HitKind::Fund: {
        context = "资金公开" + (context.empty() ? "" : " · " + context);
        const auto& h = ctx.memo.get<std::optional<content::FundPublication>>(
            "fund/" + item.id, [&] { return ctx.store.fund_header(item.id); });
        to = h && h->village_ids.size() == 1 ? Route::fund_table(h->village_ids.front(), item.id)
                                             : Route::fund_villages(item.id);
        break;
      }
      default:
        to = Route::guide(item.id);
        break;
    }
    if (ui.row(item.title, context, {}, item.id)) ctx.go(to);
  }
  cols.end();
  end_page(ctx);
}

}  // namespace

void draw_guide_list(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const GuideTab tab = ctx.route.tab;
  const std::string& id = ctx.route.id;
  // Memo keys and the page id: one word per tab.
  const char* kind = tab == GuideTab::Department  ? "dept"
                     : tab == GuideTab::Topic     ? "topic"
                     : tab == GuideTab::LifeEvent ? "event"
                                                  : "cat";
  std::string description;
  if (tab == GuideTab::Department) {
    auto d = ctx.store.department(id);
    ctx.title = d ? d->name : "办事指南";
  } else if (tab == GuideTab::Topic) {
    for (const auto& t : ctx.memo.get<std::vector<content::Topic>>("topics", [&] { return ctx.store.topics(); }))
      if (t.id == id) ctx.title = t.name;
  } else if (tab == GuideTab::LifeEvent) {
    for (const auto& e :
         ctx.memo.get<std::vector<content::LifeEvent>>("events", [&] { return ctx.store.life_events(); }))
      if (e.id == id) {
        ctx.title = e.name;
        description = e.description;
      }
  } else {
    for (const auto& n :
         ctx.memo.get<std::vector<content::CatalogueNode>>("catalogue", [&] { return ctx.store.catalogue(); }))
      if (n.id == id) ctx.title = n.name;
  }
  if (ctx.title.empty()) ctx.title = "办事指南";
  if (tab == GuideTab::Catalogue) return draw_catalogue_items(ctx, id);
  const auto& guides = ctx.memo.get<std::vector<content::GuideSummary>>(std::string("g/") + kind + "/" + id, [&] {
    switch (tab) {
      case GuideTab::Department:
        return ctx.store.guides_by_department(id);
      case GuideTab::Topic:
        return ctx.store.guides_by_topic(id);
      case GuideTab::LifeEvent:
        return ctx.store.guides_by_life_event(id);
      case GuideTab::Catalogue:
        break;
    }
    return ctx.store.guides_by_catalogue(id);
  });
  begin_page(ctx, (std::string("list_") + kind + "_" + id).c_str());
  if (!description.empty()) {
    ui.begin_card();
    ui.paragraph(description, ui.fonts->body, ui.c.text);
    ui.text("按顺序办理以下 " + std::to_string(guides.size()) + " 项", ui.fonts->small, ui.c.text_muted);
    ui.end_card();
  }
  if (guides.empty()) ui.text("暂无事项", ui.fonts->body, ui.c.text_muted);
  int n = 0;
  ListColumns cols(ctx);
  for (const auto& g : guides) {
    ++n;
    cols.next();
    std::string title = tab == GuideTab::LifeEvent ? std::to_string(n) + ". " + g.name : g.name;
    if (ui.row(title, g.department_short, guide_badges(ui, g.visits, g.fully_online, g.has_online_url), g.code))
      ctx.go(Route::guide(g.code));
  }
  cols.end();
  end_page(ctx);
}

}  // namespace bianmin::kiosk
