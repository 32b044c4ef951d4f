// Synthetic fund data for the tests and the benchmarks: the one generator of "many rows", so a
// benchmark measures the content the tests check. Not linked into any tool or the kiosk.
//
// Promises: deterministic (no clock, no randomness); every row de-identified as the importer
// leaves it (masked names); totals and counts match the rows.
#pragma once
#include <string>

#include "bianmin/content/model.hpp"

namespace bianmin::content::synthetic {

// A household publication (耕地地力保护补贴, 105.60 元/亩, publicity 2026-11-01..30) of `rows`
// rows in `village`, cycling through its groups; names 张*, 李*华, 王*华, 赵*, … and
// quantities 1 to 4 亩 in steps of 0.5.
FundPublication household_fund(const std::string& id, const Village& village, int rows);

// A copy of `like` (its fund type, department, villages, publicity) under a new id and title,
// with `rows` rows made from its first row; its projects are dropped.
FundPublication grown_fund(const FundPublication& like, const std::string& id, const std::string& title, int rows);

// A county of 50 villages x 10 groups and 4 household fund publications sharing `total_rows`
// rows; rows interleave villages and groups, as a county-wide CSV sorted by name would.
// Villages are "v100".."v149", groups "g10".."g19", publications "fund-0".."fund-3".
ContentSet county_funds(int total_rows);
inline std::string county_village_id(int v) { return "v" + std::to_string(100 + v); }
inline std::string county_group_id(int g) { return "g" + std::to_string(10 + g); }

}  // namespace bianmin::content::synthetic
