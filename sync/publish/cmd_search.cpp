// bianmin-publish search DB QUERY [--limit N] [--today YYYY-MM-DD]: what the kiosk's search
// shows for QUERY on the cache DB, best first, one `kind<TAB>id<TAB>title` line per hit, through
// the same Store::search the kiosk calls (so staff can try villagers' words before publishing).
// `--today` decides which notices are current (default: today's local date).
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string>

#include "bianmin/content/store.hpp"
#include "commands.hpp"

namespace bianmin::publish {
namespace {

std::string local_today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

int cmd_search(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"limit", "today"});
  if (!p.error.empty()) return usage_error("search", p.error);
  if (p.positional.size() != 2) return usage_error("search", "请给出内容库文件和要搜索的词");
  int limit = 20;
  if (auto l = p.get("limit")) {
    try {
      size_t used = 0;
      limit = std::stoi(*l, &used);
      if (used != l->size() || limit <= 0) throw std::invalid_argument(*l);
    } catch (const std::exception&) {
      return usage_error("search", "--limit 应该是正整数，现在是“" + *l + "”");
    }
  }
  const std::string today = p.get("today").value_or(local_today());
  auto store = content::Store::open_readonly(p.positional[0]);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().to_string().c_str());
    return 1;
  }
  for (const content::SearchHit& h : (*store)->search(p.positional[1], limit, today))
    std::printf("%s\t%s\t%s\n", content::hit_kind_code(h.kind), h.id.c_str(), h.title.c_str());
  return 0;
}

}  // namespace bianmin::publish
