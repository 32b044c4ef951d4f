// import_source: reads a source directory kind by kind (site first: everything else points
// into it), then checks the references that need every file, and orders the problems.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "bianmin/content/importer.hpp"
#include "import_common.hpp"
#include "search_names.hpp"

namespace bianmin::content {

namespace fs = std::filesystem;

std::vector<fs::path> yaml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext == ".yaml" || ext == ".yml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string relative_name(const ImportContext& ctx, const fs::path& p) {
  return p.lexically_relative(ctx.root).generic_string();
}

void ImportContext::check_ref(MapReader& r, const char* key, const std::string& value,
                              const std::set<std::string>& known, const char* what) {
  if (!site_ok || value.empty() || known.count(value)) return;
  std::string list;
  if (known.size() <= 20)
    for (const auto& k : known) list += (list.empty() ? "" : "、") + k;
  r.problem(key, std::string(what) + "“" + value + "”在 site.yaml 里没有" +
                     (list.empty() ? std::string("") : "（已有：" + list + "）"));
}

void ImportContext::check_ref_list(MapReader& r, const char* key, const std::vector<std::string>& values,
                                   const std::set<std::string>& known, const char* what) {
  for (const auto& v : values) check_ref(r, key, v, known, what);
}

std::string ImportContext::village_id(const std::string& key) const {
  auto it = village_index.find(key);
  return it == village_index.end() ? std::string() : content.site.villages[it->second].id;
}

namespace {

// FNV-1a over every file's relative path and bytes: names the source a build came from.
std::string source_digest(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      h ^= static_cast<unsigned char>(p[i]);
      h *= 1099511628211ull;
    }
  };
  std::vector<char> buf(1 << 16);
  for (const auto& f : files) {
    std::string rel = f.lexically_relative(root).generic_string();
    mix(rel.data(), rel.size() + 1);
    std::ifstream in(f, std::ios::binary);
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      mix(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

ImportResult import_source(const fs::path& src, const ImportOptions& options) {
  ImportResult result;
  ImportContext ctx{src, options, result.content, result.problems};
  std::error_code ec;
  if (!fs::is_directory(src, ec)) {
    result.problems.push_back({src.string(), 0, "", "源目录不存在或不是一个目录"});
    return result;
  }
  import_site(ctx);
  import_guides(ctx);
  import_cards(ctx);
  import_policies(ctx);
  import_notices(ctx);
  import_funds(ctx);

  // Life events list guides by item code: each must exist, and the guide then belongs to
  // the event (a guide may also name its events itself; both ways end up the same).
  if (ctx.site_ok) {
    std::unordered_map<std::string, ServiceGuide*> guide_by_code;
    for (auto& g : result.content.guides) guide_by_code.emplace(g.code, &g);
    std::size_t k = 0;
    for (auto& ev : result.content.life_events) {
      for (const auto& code : ev.guide_codes) {
        const PendingRef& ref = ctx.life_event_guides[k++];
        auto it = guide_by_code.find(code);
        if (it == guide_by_code.end()) {
          if (ctx.guides_incomplete) continue;  // a knock-on of the unreadable guide file
          result.problems.push_back(
              {ref.file, ref.line, ref.field, "一件事里的事项编码“" + code + "”在 guides/ 里没有对应的办事指南"});
          continue;
        }
        auto& ids = it->second->life_event_ids;
        if (std::find(ids.begin(), ids.end(), ev.id) == ids.end()) ids.push_back(ev.id);
      }
    }
    for (const auto& g : result.content.guides) {
      for (const auto& eid : g.life_event_ids) {
        for (auto& ev : result.content.life_events) {
          if (ev.id == eid && std::find(ev.guide_codes.begin(), ev.guide_codes.end(), g.code) == ev.guide_codes.end())
            ev.guide_codes.push_back(g.code);
        }
      }
    }
  }

  if (ctx.site_ok) {
    std::set<std::string> codes;
    for (const auto& g : result.content.guides) codes.insert(g.code);
    for (const PendingRef& ref : ctx.most_used_guides)
      if (!codes.count(ref.code))
        result.problems.push_back(
            {ref.file, ref.line, ref.field, "常用事项的事项编码“" + ref.code + "”在 guides/ 里没有对应的办事指南"});
    // Each word a colloquial name stands for must be in some title, else the name finds
    // nothing (search_names.hpp decides the same way when the index is built).
    std::vector<std::string> titles;
    for (const auto& g : result.content.guides) titles.push_back(g.name);
    for (const auto& c : result.content.cards) titles.push_back(c.title);
    for (const auto& p : result.content.policies) titles.push_back(p.title);
    for (const auto& n : result.content.notices) titles.push_back(n.title);
    for (const auto& f : result.content.funds) {
      titles.push_back(f.title);
      titles.push_back(f.fund_type);
    }
    for (const PendingRef& ref : ctx.colloquial_terms)
      if (std::none_of(titles.begin(), titles.end(),
                       [&](const std::string& t) { return search::title_has_term(t, ref.code); }))
        result.problems.push_back(
            {ref.file, ref.line, ref.field,
             "“" + ref.code + "”不在任何办事指南、明白卡、政策、通知或资金公示的名称里，这个俗称找不到东西"});
  }

  // Problems in file order: site.yaml, guides, cards, policies, notices, funds; by name, line.
  auto kind_rank = [](const std::string& f) {
    static const char* dirs[] = {"site.yaml", "guides/", "cards/", "policies/", "notices/", "funds/"};
    for (int i = 0; i < 6; ++i)
      if (f.rfind(dirs[i], 0) == 0) return i;
    return 6;
  };
  std::stable_sort(result.problems.begin(), result.problems.end(), [&](const Problem& a, const Problem& b) {
    int ka = kind_rank(a.file), kb = kind_rank(b.file);
    if (ka != kb) return ka < kb;
    if (a.file != b.file) return a.file < b.file;
    return a.line < b.line;
  });

  // Warnings go apart: `problems` stays the list that refuses a publication.
  auto warning = std::stable_partition(result.problems.begin(), result.problems.end(),
                                       [](const Problem& p) { return !p.is_warning(); });
  result.warnings.assign(std::make_move_iterator(warning), std::make_move_iterator(result.problems.end()));
  result.problems.erase(warning, result.problems.end());

  result.latest_date = ctx.latest_date;
  result.source_digest = source_digest(src);
  return result;
}

}  // namespace bianmin::content

namespace bianmin::content {

std::string summarize(const ContentSet& c) {
  std::size_t rows = 0, projects = 0;
  for (const auto& f : c.funds) rows += f.rows.size(), projects += f.projects.size();
  std::string s;
  s += c.site.township.empty() ? std::string("（未命名乡镇）") : c.site.township;
  s += "：" + std::to_string(c.site.villages.size()) + " 个村，" + std::to_string(c.departments.size()) + " 个部门，" +
       std::to_string(c.topics.size()) + " 个主题，" + std::to_string(c.life_events.size()) + " 个一件事\n";
  s += std::to_string(c.guides.size()) + " 个办事指南，" + std::to_string(c.cards.size()) + " 张明白卡，" +
       std::to_string(c.policies.size()) + " 份政策文件，" + std::to_string(c.notices.size()) + " 条公告\n";
  s += std::to_string(c.funds.size()) + " 份资金公示：" + std::to_string(rows) + " 行发放明细，" +
       std::to_string(projects) + " 个项目\n";
  return s;
}

// The newest date at which the source's texts were written: guide and card `updated` dates
// and policy dates. Notice and publicity start dates are schedules (a notice may be written
// today to start next month), so they do not count. Falls back to the importer's latest date.
std::string newest_edit_date(const content::ImportResult& imported) {
  std::string newest;
  for (const auto& g : imported.content.guides) newest = std::max(newest, g.updated_date);
  for (const auto& c : imported.content.cards) newest = std::max(newest, c.updated_date);
  for (const auto& p : imported.content.policies) newest = std::max(newest, p.date);
  return newest.empty() ? imported.latest_date : newest;
}

std::string default_content_version(const content::ImportResult& imported) {
  // "2026.11.20-3f9a1c2e": the newest edit date and the start of the source's digest, so two
  // different sources published the same day never share a version.
  std::string date = newest_edit_date(imported);
  if (date.empty()) date = "0000-00-00";
  for (char& c : date)
    if (c == '-') c = '.';
  return date + "-" + imported.source_digest.substr(0, 8);
}

std::string default_published_at(const content::ImportResult& imported) {
  std::string date = newest_edit_date(imported);
  return date.empty() ? std::string() : date + "T00:00:00+08:00";
}

}  // namespace bianmin::content
