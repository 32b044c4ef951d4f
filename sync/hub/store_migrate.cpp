// Copying hub.db into an empty PostgreSQL store (see store_migrate.hpp).
#include "store_migrate.hpp"

#include <sqlite3.h>

#include "bianmin/base/postgresql.hpp"
#include "bianmin/base/sqlite.hpp"
#include "changes.hpp"
#include "hub_store.hpp"
#include "staff_store.hpp"

namespace bianmin::hub {

namespace {

// Every table a hub.db may hold, parents before the rows that name them.
constexpr const char* kTables[] = {"terminals",        "batches",   "events",      "channel_versions",
                                   "enroll_codes",     "followups", "screenshots", "staff",
                                   "console_sessions", "audit_log", "changes",     "sheet_mappings"};

// Identity columns (and the screenshot requests' sequence) continue after the copied ids.
constexpr const char* kContinue[] = {
    "SELECT setval(pg_get_serial_sequence('followups', 'id'), coalesce(max(id), 0) + 1, false) FROM followups",
    "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), coalesce(max(id), 0) + 1, false) FROM audit_log",
    "SELECT setval(pg_get_serial_sequence('changes', 'id'), coalesce(max(id), 0) + 1, false) FROM changes",
    "SELECT setval('screenshot_requests', coalesce(max(request_id), 0) + 1, false) FROM screenshots"};

Problem fail(const std::string& why) { return Problem{{}, 0, "store.connection", why}; }

bool has_table(sqlite3* db, const std::string& table) {
  sql::Stmt st(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
  st.bind(1, table);
  return st.step();
}

int64_t pg_count(pg::Conn& c, const std::string& table) {
  auto r = c.run("SELECT count(*) FROM " + table);
  if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) return -1;
  return pg::i64(r.get(), 0, 0);
}

// Copies one table's rows; their number, or why not.
Result<int64_t> copy_table(sqlite3* src, pg::Conn& dst, const std::string& table) {
  using R = Result<int64_t>;
  sql::Stmt st(src, "SELECT * FROM " + table);
  if (!st.ok()) return R::fail("cannot read " + table + " in hub.db: " + st.error());
  const int cols = sqlite3_column_count(st.get());
  std::string insert = "INSERT INTO " + table + "(", values;
  for (int c = 0; c < cols; ++c) {
    insert += std::string(c ? ", " : "") + "\"" + sqlite3_column_name(st.get(), c) + "\"";
    values += std::string(c ? ", " : "") + "$" + std::to_string(c + 1);
  }
  insert += ") VALUES(" + values + ")";
  int64_t rows = 0;
  while (st.step()) {
    std::vector<pg::Param> params;
    for (int c = 0; c < cols; ++c) {
      switch (sqlite3_column_type(st.get(), c)) {
        case SQLITE_NULL:
          params.emplace_back(nullptr);
          break;
        case SQLITE_INTEGER:
          params.emplace_back(st.i64(c));
          break;
        case SQLITE_BLOB: {
          auto* p = static_cast<const char*>(sqlite3_column_blob(st.get(), c));
          params.emplace_back(std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st.get(), c))), true);
          break;
        }
        default:
          params.emplace_back(st.text(c));
      }
    }
    auto r = dst.run(insert, params);
    if (!r || !pg::ok(r.get()))
      return R::fail(pg::failure(("cannot copy a row of " + table).c_str(), dst, r) + " (row " +
                     std::to_string(rows + 1) + ")");
    ++rows;
  }
  if (st.rc() != SQLITE_DONE) return R::fail("cannot read " + table + " in hub.db: " + st.error());
  return rows;
}

}  // namespace

Result<MigrateReport> migrate_to_postgresql(const std::filesystem::path& hub_db, const std::string& connection,
                                            const std::filesystem::path& changes_dir) {
  using R = Result<MigrateReport>;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(hub_db, ec)) return R::fail("there is no hub.db to move", hub_db.string());
  sqlite3* raw = nullptr;
  std::string uri = "file:" + sql::uri_escape_path(hub_db.string()) + "?mode=ro";
  int rc = sqlite3_open_v2(uri.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  sql::Connection src(raw);
  if (rc != SQLITE_OK) return R::fail("cannot open hub.db", hub_db.string());
  sqlite3_busy_timeout(raw, 5000);

  // The tables, as the hub and the console create them.
  if (auto h = HubStore::open(StoreChoice{StoreChoice::Engine::Postgresql, {}, connection}); !h) return h.error();
  auto place = console::DbPlace::postgresql(connection);
  if (auto s = console::StaffStore::open(place); !s) return s.error();
  if (auto c = console::ChangeStore::open(place, changes_dir); !c) return c.error();

  std::unique_ptr<pg::Conn> dst;
  if (std::string err = pg::Conn::connect(connection, dst); !err.empty())
    return fail("cannot reach the PostgreSQL store: " + err);
  // One snapshot of hub.db, one transaction in PostgreSQL (rolled back unless committed).
  if (auto st = sql::exec(src.get(), "BEGIN"); !st) return R::fail("cannot read hub.db: " + st.error().message);
  if (!dst->exec("BEGIN") || !dst->exec("SELECT pg_advisory_xact_lock(7346016)"))
    return fail("cannot start the copy: " + dst->error());

  MigrateReport report;
  for (const char* table : kTables) {
    if (int64_t n = pg_count(*dst, table); n != 0)
      return fail(n < 0 ? "cannot count " + std::string(table) + ": " + dst->error()
                        : "PostgreSQL already holds " + std::to_string(n) + " rows of " + table +
                              ": move hub.db into an empty database");
  }
  for (const char* table : kTables) {
    if (!has_table(src.get(), table)) continue;  // an older hub.db: nothing of this kind yet
    auto rows = copy_table(src.get(), *dst, table);
    if (!rows) return rows.error();
    report.tables.emplace_back(table, *rows);
  }
  for (const char* s : kContinue)
    if (!dst->exec(s)) return fail("cannot continue the ids: " + dst->error());
  for (const auto& [table, rows] : report.tables) {
    int64_t there = pg_count(*dst, table);
    if (there != rows)
      return fail("after the copy PostgreSQL holds " + std::to_string(there) + " rows of " + table + ", hub.db " +
                  std::to_string(rows));
  }
  if (!dst->commit()) return fail("cannot commit the copy: " + dst->error());
  return report;
}

}  // namespace bianmin::hub
