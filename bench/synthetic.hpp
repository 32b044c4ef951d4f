// Synthetic county-sized content shared by the benchmarks that need many fund rows.
#pragma once
#include <string>

#include "bianmin/content/model.hpp"

namespace bianmin::bench {

// A county of 50 villages x 10 groups and 4 household fund publications sharing `total_rows`
// rows; rows interleave villages and groups, as a county-wide CSV sorted by name would.
// Villages are "v100".."v149", groups "g10".."g19", publications "fund-0".."fund-3".
content::ContentSet county_funds(int total_rows);
inline std::string county_village_id(int v) { return "v" + std::to_string(100 + v); }
inline std::string county_group_id(int g) { return "g" + std::to_string(10 + g); }

}  // namespace bianmin::bench
