// Rebuilding a cache's search index in place. The sync applies changesets (SQLite session
// extension), which do not track virtual tables, so after a delta the full-text index must
// be rebuilt from the content the file now holds.
#pragma once
#include "bianmin/base/result.hpp"

struct sqlite3;

namespace bianmin::content {

// Rebuilds the search tables of the cache open on `db` (a writable connection to a file,
// no transaction open, every change committed) from the content rows in that file, exactly
// as write_cache() would have built them. A cache without search tables is left as it is.
Status rebuild_search_index(sqlite3* db);

}  // namespace bianmin::content
