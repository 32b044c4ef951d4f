// Store::search: the query API's entry to the search index (content/src/search_index.hpp).
#include "bianmin/content/store.hpp"
#include "search_index.hpp"

namespace bianmin::content {

std::vector<SearchHit> Store::search(std::string_view query, int limit) const {
  return run_search(db_, query, limit);
}

}  // namespace bianmin::content
