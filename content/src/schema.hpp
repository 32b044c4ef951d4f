// The content cache's SQLite schema and its versioned migrations (content/ internals).
//
// Promises:
//  - A cache is identified by PRAGMA application_id == kApplicationId and versioned by
//    PRAGMA user_version: the number of the last migration applied.
//  - Migrations are a list of steps numbered 1, 2, …; step N turns a version N-1 file into a
//    version N file (schema and any data it derives). schema_version() is the last step.
//  - Every table has a declared PRIMARY KEY built from stable source ids (the sync's
//    changesets use SQLite's session extension, which ignores tables without one). Lists
//    inside an item are keyed by (owner id, position).
//  - check_cache() tells a cache this build can read apart from a missing file, a file that
//    is not a Bianmin cache, a newer schema or an older one, with a message for staff.
#pragma once
#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

#include "bianmin/content/enums.hpp"
#include "bianmin/content/model.hpp"
#include "bianmin/base/result.hpp"

namespace bianmin::content::schema {

// "BMNC" in ASCII: marks a SQLite file as a Bianmin content cache.
inline constexpr int kApplicationId = 0x424D4E43;

struct Migration {
  int version;       // user_version after this step
  const char* what;  // one line: why the step exists
  const char* sql;   // statements run inside the migration's transaction
};

// Every step, in order (versions 1..N without gaps).
const std::vector<Migration>& migrations();

// The newest version (== migrations().back().version).
int latest_version();

// Applies the steps after the file's current user_version up to `target` (default: latest),
// each in its own transaction that also sets user_version. A fresh (empty) database also
// gets the application_id. Refuses a file with another application_id or a newer version.
Status migrate(sqlite3* db, int target = 0);

// Statements that (re)derive the fund_total table from fund_row and fund_project; the cache
// writer runs them after inserting rows (migration step 2 runs them on an existing file).
extern const char* const kRefreshFundTotals;

// Enum values are stored as the db codes of bianmin/content/enums.hpp.

// Checks that an open connection holds a cache this build reads (application_id and exactly
// the latest user_version). `file` is used in the Problem.
Status check_cache(sqlite3* db, const std::string& file);

}  // namespace bianmin::content::schema
