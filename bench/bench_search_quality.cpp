// bianmin-bench search-quality FILE [--db content.db] [--today YYYY-MM-DD] [--misses]
//
// How often search puts the right item first and in the first three, for a relevance set of
// queries in villagers' words (format: content/include/bianmin/content/search_quality.hpp;
// the demo township's is tests/content/search_relevance.tsv). Runs every query through
// Store::search on the cache (default: the demo township's) as the kiosk does.
//
// Figures: queries, top1_rate and top3_rate (percent). Targets: top-3 >= 95 %, top-1 >= 80 %.
// --misses lists the queries whose answer is not in the first three.
#include <cstdio>
#include <string>

#include "bench.hpp"
#include "bianmin/content/search_quality.hpp"
#include "bianmin/content/store.hpp"

namespace {

using namespace bianmin::content;

int run(const std::vector<std::string>& args) {
  std::string file, db = BIANMIN_DEMO_DB_DEFAULT, today = "2026-11-23";
  bool misses = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--db" && i + 1 < args.size())
      db = args[++i];
    else if (args[i] == "--today" && i + 1 < args.size())
      today = args[++i];
    else if (args[i] == "--misses")
      misses = true;
    else if (file.empty() && args[i].rfind("--", 0) != 0)
      file = args[i];
    else
      file.clear(), i = args.size();
  }
  if (file.empty()) {
    std::fprintf(stderr,
                 "usage: bianmin-bench search-quality FILE [--db content.db] [--today YYYY-MM-DD] [--misses]\n");
    return 2;
  }
  auto cases = read_relevance_set(file);
  if (!cases) {
    std::fprintf(stderr, "bench search-quality: %s\n", cases.error().to_string().c_str());
    return 1;
  }
  auto store = Store::open_readonly(db);
  if (!store) {
    std::fprintf(stderr, "bench search-quality: %s\n", store.error().to_string().c_str());
    return 1;
  }
  RelevanceReport r = measure_relevance(**store, *cases, today);
  bianmin::bench::figure("queries", r.queries, "queries");
  bianmin::bench::figure("top1_rate", r.top1_rate() * 100, "%");
  bianmin::bench::figure("top3_rate", r.top3_rate() * 100, "%");
  if (misses)
    for (const std::string& m : r.misses) std::printf("miss: %s\n", m.c_str());
  return 0;
}

}  // namespace

BIANMIN_BENCH("search-quality", "top-1 / top-3 hit rates of a relevance set of villagers' queries", run);
