// The hub's two store engines for the tests that must hold on both (issue 18, county scale):
// SQLite (hub.db in the case's temporary directory) and PostgreSQL (a real server started in a
// private temporary directory, pg_scratch.hpp, once per test program; a new database per case).
// A PostgreSQL that cannot start fails the cases, never skips them.
#pragma once
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "hub_store.hpp"
#include "pg_scratch.hpp"
#include "staff_store.hpp"

namespace bianmin::test {

// One server for the whole program (starting one takes a few seconds), not waiting for the
// disk: these cases are about what the stores answer, and a restart is then quick.
inline Result<std::unique_ptr<hub::ScratchPostgres>>& scratch_postgres() {
  static Result<std::unique_ptr<hub::ScratchPostgres>> pg = hub::ScratchPostgres::start(false);
  return pg;
}

// A new, empty PostgreSQL database on the program's server: its connection string.
inline std::string new_postgres_database() {
  static std::atomic<int> databases{0};
  auto& pg = scratch_postgres();
  REQUIRE_MESSAGE(pg.ok(), (pg.ok() ? std::string() : pg.error().message));
  auto conn = (*pg)->create_database("store_" + std::to_string(++databases));
  REQUIRE_MESSAGE(conn.ok(), (conn.ok() ? std::string() : conn.error().message));
  return *conn;
}

// Where a case's stores live, and how to open them again (a hub restart).
struct Engine {
  std::string name;
  hub::StoreChoice choice;
  // The console's tables, beside the hub's on the same engine.
  console::DbPlace console() const {
    if (choice.engine == hub::StoreChoice::Engine::Postgresql) return console::DbPlace::postgresql(choice.connection);
    return choice.sqlite_path;
  }
};

// Runs `body` once per engine, each with fresh, empty stores; `dir` holds the SQLite file.
inline void for_each_engine(const std::filesystem::path& dir, const std::function<void(const Engine&)>& body) {
  std::vector<Engine> engines;
  engines.push_back({"sqlite", {hub::StoreChoice::Engine::Sqlite, dir / "hub.db", {}}});
  engines.push_back({"postgresql", {hub::StoreChoice::Engine::Postgresql, {}, new_postgres_database()}});
  for (const auto& e : engines) {
    INFO("engine: " << e.name);
    body(e);
  }
}

}  // namespace bianmin::test
