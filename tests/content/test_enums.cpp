// One table per domain enum (content/include/bianmin/content/enums.hpp): complete, unambiguous,
// and the one source of source words, db codes and labels.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "bianmin/content/enums.hpp"

using namespace bianmin::content;

namespace {

// Every value 0..n-1 has exactly one row (a value added to the enum without a row leaves a
// gap or makes the last one missing), and no word, code or label is used twice.
template <typename E>
void check_table(E last) {
  const auto table = enum_table<E>();
  std::set<int> values;
  std::set<std::string> sources, codes, labels;
  for (const auto& e : table) {
    CAPTURE(e.code);
    values.insert(static_cast<int>(e.value));
    CHECK(sources.insert(e.source).second);
    CHECK(codes.insert(e.code).second);
    CHECK(labels.insert(e.label).second);
    CHECK(std::string(e.source).size() > 0);
    CHECK(std::string(e.label).size() > 0);
    // Round trips through each column give the value back.
    CHECK(from_db_code<E>(e.code) == e.value);
    CHECK(from_source_word<E>(e.source) == e.value);
    CHECK(std::string(db_code(e.value)) == e.code);
    CHECK(std::string(label(e.value)) == e.label);
  }
  CHECK(values.size() == table.size());
  CHECK(*values.begin() == 0);
  CHECK(*values.rbegin() == static_cast<int>(table.size()) - 1);
  CHECK(static_cast<int>(last) == static_cast<int>(table.size()) - 1);
  CHECK_FALSE(from_db_code<E>("no-such-code").has_value());
  CHECK_FALSE(from_source_word<E>("no-such-word").has_value());
}

}  // namespace

TEST_CASE("every village handling has one row") { check_table(VillageHandling::InformOnly); }
TEST_CASE("every policy status has one row") { check_table(PolicyStatus::Amended); }
TEST_CASE("every fund kind has one row") { check_table(FundKind::Project); }

TEST_CASE("source words and db codes may differ, and each column is read by its own reader") {
  CHECK(from_source_word<VillageHandling>("inform") == VillageHandling::InformOnly);
  CHECK(from_db_code<VillageHandling>("inform_only") == VillageHandling::InformOnly);
  CHECK_FALSE(from_db_code<VillageHandling>("inform").has_value());
  CHECK_FALSE(from_source_word<VillageHandling>("inform_only").has_value());
}

TEST_CASE("the first row is the default a stored value falls back to") {
  CHECK(enum_table<VillageHandling>().front().value == VillageHandling::None);
  CHECK(enum_table<PolicyStatus>().front().value == PolicyStatus::InForce);
  CHECK(enum_table<FundKind>().front().value == FundKind::Household);
}
TEST_CASE("every card money has one row") { check_table(CardMoney::Receive); }
