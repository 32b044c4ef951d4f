// One table per domain enum: {value, source word, db code, 中文 label}. The importer reads
// source words (content/FORMAT.md), the cache stores db codes (short English, so reordering
// an enum never changes what a stored row means), screens and slips show labels. All three
// come from these tables and nothing casts an enum from its position; adding a value is one
// row here (tests/content/test_enums.cpp fails until every value has its row).
#pragma once
#include <optional>
#include <span>
#include <string_view>

#include "bianmin/content/model.hpp"

namespace bianmin::content {

template <typename E>
struct EnumEntry {
  E value;
  const char* source;  // the word in a source file, e.g. village_handling: inform
  const char* code;    // the code in the cache, e.g. "inform_only"
  const char* label;   // shown to villagers, e.g. "村级公开告知"
};

inline constexpr EnumEntry<VillageHandling> kVillageHandlingTable[] = {
    {VillageHandling::None, "none", "none", "仅镇级办理"},
    {VillageHandling::Direct, "direct", "direct", "村级直办"},
    {VillageHandling::Proxy, "proxy", "proxy", "村代办"},
    {VillageHandling::Assist, "assist", "assist", "村协办"},
    {VillageHandling::InformOnly, "inform", "inform_only", "村级公开告知"},
};

inline constexpr EnumEntry<PolicyStatus> kPolicyStatusTable[] = {
    {PolicyStatus::InForce, "in_force", "in_force", "现行有效"},
    {PolicyStatus::Abolished, "abolished", "abolished", "已废止"},
    {PolicyStatus::Amended, "amended", "amended", "已修改"},
};

inline constexpr EnumEntry<FundKind> kFundKindTable[] = {
    {FundKind::Household, "household", "household", "按户发放"},
    {FundKind::Project, "project", "project", "项目公示"},
};

inline constexpr EnumEntry<CardMoney> kCardMoneyTable[] = {
    {CardMoney::Pay, "pay", "pay", "要花多少钱"},
    {CardMoney::Receive, "receive", "receive", "能领多少"},
};

// The table of E. The first row is the default (what an unknown db code reads as).
template <typename E>
constexpr std::span<const EnumEntry<E>> enum_table();
template <>
constexpr std::span<const EnumEntry<VillageHandling>> enum_table() {
  return kVillageHandlingTable;
}
template <>
constexpr std::span<const EnumEntry<PolicyStatus>> enum_table() {
  return kPolicyStatusTable;
}
template <>
constexpr std::span<const EnumEntry<FundKind>> enum_table() {
  return kFundKindTable;
}
template <>
constexpr std::span<const EnumEntry<CardMoney>> enum_table() {
  return kCardMoneyTable;
}

// The row of `v` (the first row if `v` is not in the table, which the tests rule out).
template <typename E>
constexpr const EnumEntry<E>& enum_entry(E v) {
  for (const auto& e : enum_table<E>())
    if (e.value == v) return e;
  return enum_table<E>().front();
}

template <typename E>
constexpr const char* db_code(E v) {
  return enum_entry(v).code;
}

// The value stored as `code`; nullopt for a code no row has.
template <typename E>
constexpr std::optional<E> from_db_code(std::string_view code) {
  for (const auto& e : enum_table<E>())
    if (code == e.code) return e.value;
  return std::nullopt;
}

// The value a source file writes as `word`; nullopt for a word no row has.
template <typename E>
constexpr std::optional<E> from_source_word(std::string_view word) {
  for (const auto& e : enum_table<E>())
    if (word == e.source) return e.value;
  return std::nullopt;
}

}  // namespace bianmin::content
