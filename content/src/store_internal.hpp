// Store internals shared by the files that implement Store (store.cpp, store_search.cpp).
#pragma once
#include <map>
#include <string>

#include "bianmin/content/store.hpp"
#include "bianmin/base/sqlite.hpp"

namespace bianmin::content {

// Prepared statements reused across calls on the Store's connection. Get one with
// `auto s = queries_->stmts.get("SELECT …");` — it is reset when `s` goes out of scope.
struct Store::Queries {
  explicit Queries(sqlite3* db) : stmts(db) {}
  sql::StatementCache stmts;

  // Where pages of fund rows ended, for the last filter asked: position k (rows before it)
  // -> row_no of row k-1. A page at offset k continues after that row_no by key instead of
  // skipping k rows, so scrolling a large publication costs the same at its end as at its
  // start. Valid for the Store's life: the file it reads never changes under it.
  struct RowCursor {
    std::string fund, village, group;
    std::map<int, int> checkpoints;
  } row_cursor;
};

// The statement Store::fund_rows runs for a filter shape (?1 fund, ?2 village, ?3 group,
// ?4 limit, ?5 offset among the rows with row_no > ?6); exposed so tests can check its plan.
const char* fund_rows_sql(bool by_village, bool by_group);

}  // namespace bianmin::content
