// rebuild_search_index(): reads the content back through the Store (so no schema knowledge
// is duplicated here) and hands it to the same builder the cache writer uses.
#include "bianmin/content/search_rebuild.hpp"

#include <sqlite3.h>

#include <climits>

#include "bianmin/base/sqlite.hpp"
#include "bianmin/content/store.hpp"
#include "search_index.hpp"

namespace bianmin::content {
namespace {

bool has_table(sqlite3* db, const char* name) {
  sql::Stmt st(db, "SELECT 1 FROM sqlite_master WHERE name=?");
  return st.bind(1, name).step();
}

ContentSet load_all(const Store& s) {
  ContentSet set;
  auto info = s.info();
  set.content_version = info.content_version;
  set.published_at = info.published_at;
  set.site = s.site();
  set.departments = s.departments();
  set.topics = s.topics();
  set.life_events = s.life_events();
  set.catalogue = s.catalogue();
  set.colloquial_names = s.colloquial_names();
  for (const auto& g : s.guides_all())
    if (auto full = s.guide(g.code)) set.guides.push_back(std::move(*full));
  for (const auto& c : s.cards())
    if (auto full = s.card(c.id)) set.cards.push_back(std::move(*full));
  for (const auto& f : s.funds_all("9999-12-31")) {
    auto h = s.fund_header(f.id);
    if (!h) continue;
    h->rows = s.fund_rows(f.id, "", "", 0, INT_MAX);
    h->projects = s.fund_projects(f.id, "");
    set.funds.push_back(std::move(*h));
  }
  for (const auto& p : s.policies())
    if (auto full = s.policy(p.id)) set.policies.push_back(std::move(*full));
  // Every notice, current or not: the index holds them all.
  sql::Stmt st(s.handle(), "SELECT id, title, body, start_date, end_date FROM notice ORDER BY id");
  while (st.step()) set.notices.push_back(Notice{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return set;
}

}  // namespace

Status rebuild_search_index(sqlite3* db) {
  if (!has_table(db, "search_doc") && !has_table(db, "search_fts")) return Status::success();
  const char* file = sqlite3_db_filename(db, "main");
  if (!file || !*file) return Status::fail("rebuild_search_index needs a file-backed database");
  ContentSet set;
  {
    auto store = Store::open_readonly(file);
    if (!store) return Status{store.error()};
    set = load_all(**store);
  }
  // One transaction: the old index stays until the new one is complete.
  sql::Transaction tx(db);
  if (!tx.begun()) return tx.begun();
  if (auto st = sql::exec(db,
                          "DROP TABLE IF EXISTS search_fts; DROP TABLE IF EXISTS search_doc; "
                          "DROP TABLE IF EXISTS search_name;");
      !st)
    return st;
  if (auto st = build_search_index(db, set); !st) return st;
  return tx.commit();
}

}  // namespace bianmin::content
