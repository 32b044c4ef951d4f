// Store::search: the query API's entry to the search index (content/src/search_index.hpp).
#include "bianmin/content/store.hpp"
#include "search_index.hpp"

namespace bianmin::content {

const char* hit_kind_code(HitKind k) {
  switch (k) {
    case HitKind::Guide:
      return "guide";
    case HitKind::Card:
      return "card";
    case HitKind::Policy:
      return "policy";
    case HitKind::PolicyQA:
      return "policy_qa";
    case HitKind::Notice:
      return "notice";
    case HitKind::Department:
      return "department";
    case HitKind::Fund:
      return "fund";
  }
  return "guide";
}

std::optional<HitKind> hit_kind_from(std::string_view code) {
  for (HitKind k : {HitKind::Guide, HitKind::Card, HitKind::Policy, HitKind::PolicyQA, HitKind::Notice,
                    HitKind::Department, HitKind::Fund})
    if (code == hit_kind_code(k)) return k;
  return std::nullopt;
}

std::vector<SearchHit> Store::search(std::string_view query, int limit, std::string_view today) const {
  return run_search(db_, query, limit, today);
}

}  // namespace bianmin::content
