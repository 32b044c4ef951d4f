// Synthetic fund data (see synthetic.hpp).
#include "bianmin/content/synthetic.hpp"

#include <cmath>
#include <utility>

namespace bianmin::content::synthetic {

FundPublication household_fund(const std::string& id, const Village& village, int rows) {
  FundPublication f;
  f.id = id;
  f.title = "2026年耕地地力保护补贴发放公示";
  f.kind = FundKind::Household;
  f.fund_type = "耕地地力保护补贴";
  f.year = 2026;
  f.standard = "每亩 105.60 元";
  f.unit = "亩";
  f.period = "2026年度";
  f.village_ids = {village.id};
  f.publicity_start = "2026-11-01";
  f.publicity_end = "2026-11-30";
  f.complaint_phone = "0938-5550180";
  static const char* kSurnames[] = {"张", "李", "王", "赵", "杨", "周", "吴", "郑"};
  f.rows.reserve(static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    FundRow r;
    r.row_no = i + 1;
    r.village_id = village.id;
    if (!village.groups.empty()) r.group_id = village.groups[static_cast<size_t>(i) % village.groups.size()].id;
    r.beneficiary = std::string(kSurnames[i % 8]) + "*" + (i % 3 ? "华" : "");
    r.quantity = 1 + (i % 7) * 0.5;
    r.amount_fen = std::llround(r.quantity * 10560);
    r.paid_date = "2026-10-30";
    f.total_fen += r.amount_fen;
    f.rows.push_back(std::move(r));
  }
  f.count = rows;
  return f;
}

FundPublication grown_fund(const FundPublication& like, const std::string& id, const std::string& title, int rows) {
  FundPublication f = like;
  f.id = id;
  f.title = title;
  const FundRow templ = like.rows.empty() ? FundRow{} : like.rows.front();
  f.rows.clear();
  f.projects.clear();
  f.total_fen = 0;
  f.rows.reserve(static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    FundRow r = templ;
    r.row_no = i + 1;
    r.beneficiary = "王*" + std::to_string(i % 97);
    r.amount_fen = 10000 + i % 500;
    r.quantity = 1 + i % 7;
    f.total_fen += r.amount_fen;
    f.rows.push_back(std::move(r));
  }
  f.count = rows;
  return f;
}

ContentSet county_funds(int total_rows) {
  constexpr int kFunds = 4, kVillages = 50, kGroups = 10;
  ContentSet c;
  c.site.township = "基准县";
  for (int v = 0; v < kVillages; ++v) {
    Village village{county_village_id(v), "第" + std::to_string(v) + "村", "村委会", "0938-0000000", "工作日", {}};
    for (int g = 0; g < kGroups; ++g) village.groups.push_back({county_group_id(g), std::to_string(g) + "组"});
    c.site.villages.push_back(village);
  }
  const int per_fund = total_rows / kFunds;
  for (int f = 0; f < kFunds; ++f) {
    FundPublication fund;
    fund.id = "fund-" + std::to_string(f);
    fund.title = "2026年第" + std::to_string(f) + "批惠民补贴发放公示";
    fund.year = 2026 - f;
    fund.publicity_start = "2026-11-01";
    fund.publicity_end = "2026-11-30";
    fund.unit = "亩";
    fund.rows.reserve(static_cast<size_t>(per_fund));
    for (int i = 0; i < per_fund; ++i) {
      FundRow r;
      r.row_no = i + 1;
      r.village_id = county_village_id((i * 7) % kVillages);
      r.group_id = county_group_id((i / kVillages) % kGroups);
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

}  // namespace bianmin::content::synthetic
