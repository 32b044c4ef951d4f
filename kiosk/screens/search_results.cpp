// The results of a search, as Store::search ranks them (an exact title or colloquial name
// first, then title words, then bodies; services before policies and notices; expired notices
// left out), one row each with what kind of item it is. Never a bare dead end: when nothing is
// found, a kind sentence, the services people come for most (site.yaml most_used) and the
// hall's phone number.
#include <cctype>

#include "screens/screens.hpp"

namespace bianmin::kiosk {
namespace {

const char* kind_label(content::HitKind k) {
  switch (k) {
    case content::HitKind::Guide:
      return "办事指南";
    case content::HitKind::Card:
      return "明白卡";
    case content::HitKind::Policy:
      return "政策文件";
    case content::HitKind::PolicyQA:
      return "政策问答";
    case content::HitKind::Notice:
      return "通知公告";
    case content::HitKind::Department:
      return "部门";
    case content::HitKind::Fund:
      return "资金公开";
  }
  return "";
}

Route route_for(ScreenContext& ctx, const content::SearchHit& h) {
  switch (h.kind) {
    case content::HitKind::Guide:
      return Route::guide(h.id);
    case content::HitKind::Card:
      return Route::card(h.id);
    case content::HitKind::Policy:
    case content::HitKind::PolicyQA:
      return Route::policy(h.id);
    case content::HitKind::Notice:
      return Route::notice(h.id);
    case content::HitKind::Department:
      return Route::guide_list(GuideTab::Department, h.id);
    case content::HitKind::Fund: {
      // One village: its rows. Several (a town-wide publication): the villager chooses theirs.
      auto f = ctx.store.fund_header(h.id);
      if (f && f->village_ids.size() == 1) return Route::fund_table(f->village_ids.front(), h.id);
      return Route::fund_villages(h.id);
    }
  }
  return Route{};
}

bool has_digit(const std::string& s) {
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
  return false;
}

// Nothing found: say so kindly, offer what most people come for, and whom to ask. Returns the
// service tapped, if any.
std::optional<Route> draw_nothing_found(ScreenContext& ctx, const std::string& q) {
  Ui& ui = ctx.ui;
  const auto& site = ctx.memo.get<content::Site>("site", [&] { return ctx.store.site(); });
  ui.paragraph("没有找到“" + q + "”。换个说法试试，比如说要办的事（“低保”“社保卡”），或者问问工作人员。",
               ui.fonts->body, ui.c.text);
  if (!site.hall.phone.empty())
    ui.paragraph("咨询电话：" + site.hall.name + " " + site.hall.phone, ui.fonts->body, ui.c.primary);
  const auto& guides =
      ctx.memo.get<std::vector<content::GuideSummary>>("guides_all", [&] { return ctx.store.guides_all(); });
  bool titled = false;
  std::optional<Route> tapped;
  for (const std::string& code : site.most_used_guides) {
    for (const auto& g : guides) {
      if (g.code != code) continue;
      if (!titled) {
        ui.section_title("大家常办的事", assets::Icon::Guides);
        titled = true;
      }
      if (ui.row(g.name, g.department_short, guide_badges(ui, g.visits, g.fully_online, g.has_online_url), g.code))
        tapped = Route::guide(g.code);
    }
  }
  return tapped;
}

}  // namespace

void draw_search_results(ScreenContext& ctx, const std::string& q) {
  Ui& ui = ctx.ui;
  const auto& hits = ctx.memo.get<std::vector<content::SearchHit>>(
      "search/" + ctx.facts.today + "/" + q, [&] { return ctx.store.search(q, 60, ctx.facts.today); });
  // statistics: the query (never one with digits: it could be part of an ID number)
  auto record = [&] { ctx.emit(intent::Search{has_digit(q) ? std::string() : q, static_cast<int>(hits.size())}); };
  if (hits.empty()) {
    if (auto to = draw_nothing_found(ctx, q)) {
      record();
      ctx.go(*to);
    }
    return;
  }
  ui.paragraph("找到 " + std::to_string(hits.size()) + " 条结果", ui.fonts->small, ui.c.text_muted);
  for (const auto& h : hits) {
    const std::string label = kind_label(h.kind);
    const std::string context = h.context.empty() || h.context.rfind(label, 0) == 0
                                    ? (h.context.empty() ? label : h.context)
                                    : label + " · " + h.context;
    const std::string title = h.kind == content::HitKind::Card ? card_title(h.title) : h.title;
    if (ui.row(title, context, {}, std::string(kind_label(h.kind)) + "/" + h.id + "/" + h.title)) {
      record();
      ctx.go(route_for(ctx, h));
    }
  }
}

}  // namespace bianmin::kiosk
