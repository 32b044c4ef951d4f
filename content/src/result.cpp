#include "bianmin/content/result.hpp"

#include <map>

namespace bianmin {

std::string Problem::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  if (!field.empty()) out += field + ": ";
  out += message;
  return out;
}

}  // namespace bianmin

namespace bianmin {

namespace {
// The part of a message that says what is wrong, without the offending value at its end.
std::string message_stem(const std::string& m) {
  std::size_t at = m.rfind("现在是");
  return at == std::string::npos ? m : m.substr(0, at);
}
}  // namespace

std::vector<std::string> grouped_problem_lines(const Problems& problems) {
  struct Group {
    std::size_t first;  // index of its first problem
    std::vector<int> lines;
  };
  std::vector<Group> groups;
  std::map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    if (p.line <= 0) {
      groups.push_back({i, {}});
      continue;
    }
    std::string key = p.file + '\x1f' + p.field + '\x1f' + message_stem(p.message);
    auto [it, fresh] = by_key.emplace(key, groups.size());
    if (fresh) groups.push_back({i, {}});
    groups[it->second].lines.push_back(p.line);
  }
  std::vector<std::string> out;
  for (const Group& g : groups) {
    const Problem& p = problems[g.first];
    if (g.lines.size() <= 1) {
      out.push_back(p.to_string());
      continue;
    }
    // "2–5、7、9–20001" (at most 8 ranges, then "…")
    std::string ranges;
    int shown = 0;
    for (std::size_t k = 0; k < g.lines.size();) {
      std::size_t j = k;
      while (j + 1 < g.lines.size() && g.lines[j + 1] <= g.lines[j] + 1) ++j;
      if (shown++ == 8) {
        ranges += "、…";
        break;
      }
      if (!ranges.empty()) ranges += "、";
      ranges += std::to_string(g.lines[k]);
      if (g.lines[j] != g.lines[k]) ranges += "–" + std::to_string(g.lines[j]);
      k = j + 1;
    }
    std::string line = p.file + ":第 " + ranges + " 行: ";
    if (!p.field.empty()) line += p.field + ": ";
    line += p.message + "（共 " + std::to_string(g.lines.size()) + " 行，如第 " +
            std::to_string(p.line) + " 行）";
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace bianmin
