// Search on the demo township, held to its targets with the relevance set in villagers' own
// words (tests/content/search_relevance.tsv): top-3 >= 95%, top-1 >= 80% (issue 13).
// `bianmin-bench search-quality FILE` prints the same figures.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "bianmin/content/search_quality.hpp"
#include "bianmin/content/store.hpp"

using namespace bianmin::content;

namespace {

const std::filesystem::path kSet = std::filesystem::path(BIANMIN_SOURCE_DIR) / "tests/content/search_relevance.tsv";
// The demo's notices are written around this day (content/demo/README.md).
constexpr const char* kToday = "2026-11-23";

std::unique_ptr<Store> demo_store() {
  const char* demo = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE_MESSAGE(demo != nullptr, "BIANMIN_DEMO_DB is not set: run through ctest");
  auto store = Store::open_readonly(demo);
  REQUIRE(store.ok());
  return std::move(*store);
}

}  // namespace

TEST_CASE("the relevance set has at least 80 queries, each naming items that exist") {
  auto cases = read_relevance_set(kSet);
  REQUIRE_MESSAGE(cases.ok(), (cases.ok() ? std::string() : cases.error().to_string()));
  CHECK(cases->size() >= 80);
  auto store = demo_store();
  for (const RelevanceCase& c : *cases) {
    for (const auto& target : c.targets) {
      const auto kind = target.first;
      const auto& id = target.second;
      INFO("line ", c.line, ": ", c.query, " → ", hit_kind_code(kind), ":", id);
      switch (kind) {
        case HitKind::Guide:
          CHECK(store->guide(id).has_value());
          break;
        case HitKind::Card:
          CHECK(store->card(id).has_value());
          break;
        case HitKind::Fund:
          CHECK(store->fund_header(id).has_value());
          break;
        case HitKind::Policy:
        case HitKind::PolicyQA:
          CHECK(store->policy(id).has_value());
          break;
        default:
          break;
      }
    }
  }
}

TEST_CASE("villagers' words find the right service: top-3 at least 95%, top-1 at least 80%") {
  auto cases = read_relevance_set(kSet);
  REQUIRE(cases.ok());
  auto store = demo_store();
  RelevanceReport r = measure_relevance(*store, *cases, kToday);
  std::string misses;
  for (const std::string& m : r.misses) misses += m + "\n";
  INFO("top-1 ", r.top1, "/", r.queries, ", top-3 ", r.top3, "/", r.queries, "; not in the top 3:\n", misses);
  CHECK(r.top3_rate() >= 0.95);
  CHECK(r.top1_rate() >= 0.80);
}

TEST_CASE("a malformed relevance line is reported with its line") {
  auto dir = std::filesystem::temp_directory_path() / ("bianmin-relevance-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "bad.tsv") << "# comment\n低保\tguide:X\n养老 without a tab\n"; }
  auto r = read_relevance_set(dir / "bad.tsv");
  REQUIRE(!r.ok());
  CHECK(r.error().line == 3);
  { std::ofstream(dir / "bad.tsv") << "低保\tshop:X\n"; }
  r = read_relevance_set(dir / "bad.tsv");
  REQUIRE(!r.ok());
  CHECK(r.error().message.find("shop:X") != std::string::npos);
  std::filesystem::remove_all(dir);
}
