// What a change does to the published content, shown to the clerk and the approver before
// publishing (issue 17): items added, changed and removed per kind, for each fund publication
// its rows and totals before and after, and what de-identification did to its rows.
//
// Promises:
//  - Items are matched by their id (a guide by its 事项编码); "changed" means any field differs
//    (the model's own equality), so nothing that changed is left out of the report.
//  - Totals are summed from the rows in fen (no rounding); a project publication counts its
//    spent amounts.
//  - The de-identification lines count what the terminals will show: masked names (unless the
//    publication publishes full names), masked ID and account numbers, with one example each;
//    phone numbers are never published.
//  - preview_routes() names kiosk routes that show the changed items (a fund publication in its
//    first village, a guide, a card, a policy; a notice or site change shows on home).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bianmin/content/model.hpp"

namespace bianmin::console {

struct ItemChange {
  std::string kind;   // "guide", "card", "fund", "policy", "notice"
  std::string id;     // guide code, card/fund/policy/notice id
  std::string title;  // as shown
  enum What { Added, Changed, Removed } what = Added;
};

struct FundSummary {
  std::string id, title;
  ItemChange::What what = ItemChange::Added;
  int rows = 0, rows_before = 0;
  int64_t total_fen = 0, total_before_fen = 0;
  std::vector<std::string> deidentified;  // plain Chinese lines
};

struct ChangeReport {
  std::vector<ItemChange> items;  // in kind order, then by id
  std::vector<FundSummary> funds;
  bool site_changed = false;  // site.yaml, departments, topics, catalogue…
  bool empty() const { return items.empty() && !site_changed; }
};

ChangeReport compare(const content::ContentSet& before, const content::ContentSet& after);
nlohmann::json report_json(const ChangeReport& r);

struct PreviewRoute {
  std::string route;  // the kiosk's --route
  std::string title;  // what it shows
};
// At most `max` routes, added and changed items first; "home" when nothing else fits.
std::vector<PreviewRoute> preview_routes(const ChangeReport& r, const content::ContentSet& after, size_t max);

}  // namespace bianmin::console
