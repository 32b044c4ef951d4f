// notices/*.yaml: short announcements (公告) shown while current.
#include <unordered_map>

#include "import_common.hpp"

namespace bianmin::content {

namespace {
// "YYYY-MM-DD HH:MM" with a real month, day, hour and minute.
bool is_date_time(const std::string& t) {
  if (t.size() != 16 || t[4] != '-' || t[7] != '-' || t[10] != ' ' || t[13] != ':') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15})
    if (t[i] < '0' || t[i] > '9') return false;
  auto num = [&](size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  return num(5) >= 1 && num(5) <= 12 && num(8) >= 1 && num(8) <= 31 && num(11) <= 23 && num(14) <= 59;
}
}  // namespace

void import_notices(ImportContext& ctx) {
  std::unordered_map<std::string, std::string> id_file;
  for (const auto& path : yaml_files(ctx.root / "notices")) {
    const std::string rel = relative_name(ctx, path);
    auto root = load_yaml(path, rel, ctx.problems);
    if (!root) continue;
    MapReader r(ctx.problems, rel, *root);
    Notice n;
    n.id = r.slug("id", Need::Required);
    if (!n.id.empty()) {
      auto [it, fresh] = id_file.emplace(n.id, rel);
      if (!fresh) r.problem("id", "公告编号“" + n.id + "”和 " + it->second + " 重复了");
    }
    n.title = r.text("title", Need::Required);
    n.body = r.text("body", Need::Required);
    n.start_date = r.date("start", Need::Required);
    n.end_date = r.date("end", Need::Required);
    if (!n.start_date.empty() && !n.end_date.empty() && n.end_date < n.start_date)
      r.problem("end", "结束日期 " + n.end_date + " 早于开始日期 " + n.start_date);
    // 紧急: `urgent: true`, shown over every screen until `urgent_until` (hall time) or the end
    // of the `end` day.
    n.urgent = r.boolean("urgent", false);
    const std::string until = r.text("urgent_until");
    if (!until.empty()) {
      if (!n.urgent)
        r.problem("urgent_until", "只有紧急公告（urgent: true）才有 urgent_until");
      else if (!is_date_time(until))
        r.problem("urgent_until", "应为日期和时间，如 2026-12-02 18:00，现在是“" + until + "”");
      else if (!n.start_date.empty() && until.substr(0, 10) < n.start_date)
        r.problem("urgent_until", "紧急截止 " + until + " 早于开始日期 " + n.start_date);
      else if (!n.end_date.empty() && until.substr(0, 10) > n.end_date)
        r.problem("urgent_until", "紧急截止 " + until + " 晚于结束日期 " + n.end_date + "（公告结束后不再显示）");
      else
        n.urgent_until = until;
    } else if (n.urgent && !n.end_date.empty()) {
      n.urgent_until = n.end_date + " 23:59";
    }
    ctx.note_date(n.start_date);
    r.finish();
    ctx.content.notices.push_back(std::move(n));
  }
}

}  // namespace bianmin::content
