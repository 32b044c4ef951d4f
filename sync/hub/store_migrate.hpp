// Moving a hall's hub to the county's PostgreSQL (issue 18): every table of a hub.db — the
// hub's store (terminals, batches, events, follow-ups, screenshots, versions, enroll codes) and
// the console's (staff, sessions, audit log, changes, fund-sheet mappings) — copied into an
// empty PostgreSQL store in one transaction. `bianmin-hub migrate-store` runs it.
//
// Promises:
//  - All or nothing: on any failure PostgreSQL is left as it was, and hub.db is never written
//    (it is read as one snapshot, read-only, and kept: the hall can go back to it).
//  - A database that already holds any of these rows is refused (field "store.connection"):
//    nothing is merged or overwritten.
//  - What comes across answers as before: tokens, sessions and passwords keep working, and new
//    ids (follow-ups, changes, audit entries, screenshot requests) continue after the old ones.
//  - Every table's row count is checked on both sides before the commit.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::hub {

struct MigrateReport {
  std::vector<std::pair<std::string, int64_t>> tables;  // each table copied, with its rows
  int64_t rows() const {
    int64_t n = 0;
    for (const auto& [t, r] : tables) n += r;
    return n;
  }
};

// Copies `hub_db` into the PostgreSQL store at `connection` (tables created when missing);
// `changes_dir` is the console's folder of changes (it stays on the hub's disk).
Result<MigrateReport> migrate_to_postgresql(const std::filesystem::path& hub_db, const std::string& connection,
                                            const std::filesystem::path& changes_dir);

}  // namespace bianmin::hub
