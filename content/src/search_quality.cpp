#include "bianmin/content/search_quality.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace bianmin::content {

Result<std::vector<RelevanceCase>> read_relevance_set(const std::filesystem::path& file) {
  using R = Result<std::vector<RelevanceCase>>;
  std::ifstream in(file);
  if (!in) return R::fail("无法读取相关性测试集", file.string());
  std::vector<RelevanceCase> cases;
  std::string line;
  for (int no = 1; std::getline(in, line); ++no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) return R::fail("应为“查询<TAB>目标”", file.string(), no);
    RelevanceCase c;
    c.line = no;
    c.query = line.substr(0, tab);
    std::istringstream targets(line.substr(tab + 1));
    for (std::string t; targets >> t;) {
      auto colon = t.find(':');
      auto kind = colon == std::string::npos ? std::nullopt : hit_kind_from(t.substr(0, colon));
      if (!kind || colon + 1 >= t.size())
        return R::fail("目标“" + t + "”应为 类型:编号（如 guide:CODE、card:ID）", file.string(), no);
      c.targets.emplace_back(*kind, t.substr(colon + 1));
    }
    if (c.targets.empty()) return R::fail("没有目标", file.string(), no);
    cases.push_back(std::move(c));
  }
  return cases;
}

RelevanceReport measure_relevance(const Store& store, const std::vector<RelevanceCase>& cases, std::string_view today) {
  RelevanceReport report;
  for (const RelevanceCase& c : cases) {
    const std::vector<SearchHit> hits = store.search(c.query, 3, today);
    auto is_target = [&](const SearchHit& h) {
      return std::find(c.targets.begin(), c.targets.end(), std::pair{h.kind, h.id}) != c.targets.end();
    };
    ++report.queries;
    if (!hits.empty() && is_target(hits.front())) ++report.top1;
    if (std::any_of(hits.begin(), hits.end(), is_target)) {
      ++report.top3;
      continue;
    }
    std::string miss = "line " + std::to_string(c.line) + ": " + c.query + " →";
    for (const SearchHit& h : hits) miss += std::string(" ") + hit_kind_code(h.kind) + ":" + h.id;
    if (hits.empty()) miss += " (nothing)";
    report.misses.push_back(std::move(miss));
  }
  return report;
}

}  // namespace bianmin::content
