// The console's tables on SQLite or PostgreSQL (see console_db.hpp).
#include "console_db.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <mutex>

#include "bianmin/base/postgresql.hpp"
#include "bianmin/base/sqlite.hpp"

namespace bianmin::console {

namespace {

class SqliteDb final : public ConsoleDb {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  ~SqliteDb() override { sqlite3_close_v2(db_); }

  DbRows run(const std::string& sql, const std::vector<DbParam>& params) override {
    std::lock_guard lock(mu_);
    DbRows out;
    sql::Stmt st(db_, sql);
    int i = 0;
    for (const auto& p : params) {
      ++i;
      if (p.kind == DbParam::Kind::Null)
        st.bind_null(i);
      else if (p.kind == DbParam::Kind::Integer)
        st.bind(i, p.integer);
      else
        st.bind(i, pg::storable_text(p.text));
    }
    while (st.step()) {
      std::vector<std::string> row;
      int n = sqlite3_column_count(st.get());
      for (int c = 0; c < n; ++c) row.push_back(st.text(c));
      out.rows.push_back(std::move(row));
    }
    if (st.rc() != SQLITE_DONE) {
      out.error = st.error();
      out.duplicate = (st.rc() & 0xff) == SQLITE_CONSTRAINT;
      return out;
    }
    out.changed = sqlite3_changes(db_);
    out.ok = true;
    return out;
  }

 private:
  sqlite3* db_;
  std::mutex mu_;
};

class PostgresqlDb final : public ConsoleDb {
 public:
  explicit PostgresqlDb(std::unique_ptr<pg::Conn> c) : conn_(std::move(c)) {}

  DbRows run(const std::string& sql, const std::vector<DbParam>& params) override {
    std::lock_guard lock(mu_);
    DbRows out;
    std::vector<pg::Param> values;
    for (const auto& p : params) {
      if (p.kind == DbParam::Kind::Null)
        values.emplace_back(nullptr);
      else if (p.kind == DbParam::Kind::Integer)
        values.emplace_back(p.integer);
      else
        values.emplace_back(p.text);
    }
    conn_->heal();
    auto r = conn_->run(numbered_parameters(sql), values);
    if (!r || !pg::ok(r.get())) {
      out.error = pg::failure("the console's store", *conn_, r);
      out.duplicate = r && pg::sqlstate(r.get()) == pg::kUniqueViolation;
      return out;
    }
    int rows = PQntuples(r.get()), cols = PQnfields(r.get());
    for (int i = 0; i < rows; ++i) {
      std::vector<std::string> row;
      for (int c = 0; c < cols; ++c) row.push_back(pg::text(r.get(), i, c));
      out.rows.push_back(std::move(row));
    }
    out.changed = pg::changed(r.get());
    out.ok = true;
    return out;
  }

 private:
  std::unique_ptr<pg::Conn> conn_;
  std::mutex mu_;
};

Result<std::unique_ptr<ConsoleDb>> open_sqlite(const std::filesystem::path& path, const std::string& schema) {
  using R = Result<std::unique_ptr<ConsoleDb>>;
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  sql::Connection g(raw);
  if (rc != SQLITE_OK) return R::fail("cannot open the console's store", path.string());
  sqlite3_busy_timeout(raw, 5000);
  for (const char* s : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", schema.c_str()})
    if (auto st = sql::exec(raw, s); !st)
      return R::fail("cannot prepare the console's store: " + st.error().message, path.string());
  return std::unique_ptr<ConsoleDb>(new SqliteDb(g.release()));
}

Result<std::unique_ptr<ConsoleDb>> open_postgresql(const std::string& connection, const std::string& schema) {
  using R = Result<std::unique_ptr<ConsoleDb>>;
  if (std::string why = pg::check_conninfo(connection); !why.empty()) return R::fail(why, {}, 0, "store.connection");
  std::unique_ptr<pg::Conn> c;
  if (std::string err = pg::Conn::connect(connection, c); !err.empty())
    return R::fail("cannot reach the PostgreSQL store: " + err, {}, 0, "store.connection");
  // One transaction under the hub store's advisory lock: two hubs starting at once do not race
  // to create the same tables.
  if (!c->exec("BEGIN") || !c->exec("SET LOCAL client_min_messages = warning") ||
      !c->exec("SELECT pg_advisory_xact_lock(7346016)") || !c->exec(schema.c_str()) || !c->commit()) {
    std::string why = c->error();
    (void)c->exec("ROLLBACK");
    return R::fail("cannot prepare the console's tables in PostgreSQL: " + why, {}, 0, "store.connection");
  }
  return std::unique_ptr<ConsoleDb>(new PostgresqlDb(std::move(c)));
}

}  // namespace

int64_t DbRows::i64(size_t row, size_t col) const { return std::strtoll(rows[row][col].c_str(), nullptr, 10); }

Result<std::unique_ptr<ConsoleDb>> ConsoleDb::open(const DbPlace& place, const std::string& schema) {
  if (place.is_postgresql()) return open_postgresql(place.connection, postgresql_schema(schema));
  return open_sqlite(place.sqlite_path, schema);
}

std::string postgresql_schema(const std::string& sqlite_schema) {
  std::string out = sqlite_schema;
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
      out.replace(at, from.size(), to);
  };
  replace_all("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  replace_all(" INTEGER", " BIGINT");
  return out;
}

std::string numbered_parameters(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace bianmin::console
