#include "synthetic.hpp"

#include <string>
#include <utility>

namespace bianmin::bench {

content::ContentSet county_funds(int total_rows) {
  constexpr int kFunds = 4, kVillages = 50, kGroups = 10;
  const auto village_id = county_village_id;
  const auto group_id = county_group_id;
  content::ContentSet c;
  c.site.township = "基准县";
  for (int v = 0; v < kVillages; ++v) {
    content::Village village{village_id(v), "第" + std::to_string(v) + "村", "村委会", "0938-0000000", "工作日", {}};
    for (int g = 0; g < kGroups; ++g) village.groups.push_back({group_id(g), std::to_string(g) + "组"});
    c.site.villages.push_back(village);
  }
  const int per_fund = total_rows / kFunds;
  for (int f = 0; f < kFunds; ++f) {
    content::FundPublication fund;
    fund.id = "fund-" + std::to_string(f);
    fund.title = "2026年第" + std::to_string(f) + "批惠民补贴发放公示";
    fund.year = 2026 - f;
    fund.publicity_start = "2026-11-01";
    fund.publicity_end = "2026-11-30";
    fund.unit = "亩";
    fund.rows.reserve(static_cast<size_t>(per_fund));
    for (int i = 0; i < per_fund; ++i) {
      content::FundRow r;
      r.row_no = i + 1;
      r.village_id = village_id((i * 7) % kVillages);
      r.group_id = group_id((i / kVillages) % kGroups);
      r.beneficiary = "张*" + std::to_string(i % 97);
      r.id_masked = "6205**********" + std::to_string(1000 + i % 9000);
      r.account_masked = "****" + std::to_string(1000 + i % 9000);
      r.quantity = 1.0 + (i % 40) * 0.25;
      r.amount_fen = static_cast<int64_t>(r.quantity * 10560);
      r.paid_date = "2026-10-15";
      fund.total_fen += r.amount_fen;
      fund.rows.push_back(std::move(r));
    }
    fund.count = per_fund;
    c.funds.push_back(std::move(fund));
  }
  c.content_version = "bench-county";
  return c;
}

}  // namespace bianmin::bench
