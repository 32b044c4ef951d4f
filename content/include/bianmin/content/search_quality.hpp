// Measuring search against a relevance set: queries in villagers' own words and the items that
// answer each (tests/content/search_relevance.tsv is the demo township's). Used by the test
// that holds search to its targets and by `bianmin-bench search-quality`, so both count alike.
//
// File format (UTF-8): one query per line, `QUERY<TAB>TARGETS`, TARGETS being `kind:id`
// separated by spaces (kind as hit_kind_code(): guide, card, policy, policy_qa, notice,
// department, fund); a hit on any target answers the query. Blank lines and lines starting
// with '#' are skipped.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/content/store.hpp"

namespace bianmin::content {

struct RelevanceCase {
  int line = 0;  // in the file, for messages
  std::string query;
  std::vector<std::pair<HitKind, std::string>> targets;
};

// Reads a relevance set; a malformed line is a Problem naming the file, line and what is wrong.
Result<std::vector<RelevanceCase>> read_relevance_set(const std::filesystem::path& file);

struct RelevanceReport {
  int queries = 0;
  int top1 = 0;                     // queries whose first hit is a target
  int top3 = 0;                     // queries with a target among the first three hits
  std::vector<std::string> misses;  // "line N: QUERY → first hits" for each query not in the top 3
  double top1_rate() const { return queries ? static_cast<double>(top1) / queries : 0; }
  double top3_rate() const { return queries ? static_cast<double>(top3) / queries : 0; }
};

// Runs every query through Store::search (as the kiosk does, notices current on `today`).
RelevanceReport measure_relevance(const Store& store, const std::vector<RelevanceCase>& cases, std::string_view today);

}  // namespace bianmin::content
