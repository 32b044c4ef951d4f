// Store internals shared by the files that implement Store (store.cpp, store_search.cpp).
#pragma once
#include "bianmin/content/store.hpp"
#include "sqlite_util.hpp"

namespace bianmin::content {

// Prepared statements reused across calls on the Store's connection. Get one with
// `auto s = queries_->stmts.get("SELECT …");` — it is reset when `s` goes out of scope.
struct Store::Queries {
  explicit Queries(sqlite3* db) : stmts(db) {}
  sql::StatementCache stmts;
};

// The statement Store::fund_rows runs for a filter shape (?1 fund, ?2 village, ?3 group,
// ?4 limit, ?5 offset); exposed so tests can check its query plan.
const char* fund_rows_sql(bool by_village, bool by_group);

}  // namespace bianmin::content
