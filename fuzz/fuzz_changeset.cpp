// Fuzzes changeset apply (sync/bundle/delta.cpp apply_changeset) on a private copy of a real
// content cache, as a terminal applies a delta before checking its hash. The input is the
// changeset (SQLite session format). Property: whatever is applied, the file stays a sound
// SQLite database (all or nothing), and the search index rebuild does not crash on it.
//
// BIANMIN_FUZZ_MAKE_SEEDS=DIR writes seed changesets (real deltas between edited copies of
// the fixture cache) into DIR and exits: how corpus/changeset/ was made.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bianmin/content/search_rebuild.hpp"
#include "bianmin/sync/delta.hpp"
#include "fuzz_support.hpp"

namespace fs = std::filesystem;
using namespace bianmin;

namespace {

const fs::path& base_cache() {
  static const fs::path p = fuzz::fixture_cache("base.db");
  return p;
}

void sql(const fs::path& db, const char* statements) {
  sqlite3* h = nullptr;
  if (sqlite3_open(db.c_str(), &h) != SQLITE_OK ||
      sqlite3_exec(h, statements, nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "seed edit failed: %s\n", sqlite3_errmsg(h));
    std::exit(1);
  }
  sqlite3_close(h);
}

void make_seeds(const fs::path& dir) {
  fs::create_directories(dir);
  const char* edits[] = {
      "UPDATE guide SET summary = summary || '（已更新）';",
      "UPDATE fund_row SET amount_fen = amount_fen + 100 WHERE row_no = 1;",
      "DELETE FROM notice;",
      ("INSERT INTO notice SELECT id || '-2', title || '二', body, start_date, end_date "
       "FROM notice;"),
      "UPDATE meta SET value = 'fuzz-2' WHERE key = 'content_version'; DELETE FROM card_bring;",
  };
  int n = 0;
  for (const char* edit : edits) {
    fs::path edited = fuzz::scratch_dir() / "edited.db";
    fs::copy_file(base_cache(), edited, fs::copy_options::overwrite_existing);
    sql(edited, edit);
    auto cs = sync::make_changeset(base_cache(), edited);
    if (!cs) {
      std::fprintf(stderr, "make_changeset: %s\n", cs.error().to_string().c_str());
      std::exit(1);
    }
    fuzz::write_file(dir / ("delta-" + std::to_string(++n)), *cs);
  }
  std::exit(0);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("BIANMIN_FUZZ_MAKE_SEEDS")) make_seeds(dir);
  (void)base_cache();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path work = fuzz::scratch_dir() / "work.db";
  fs::copy_file(base_cache(), work, fs::copy_options::overwrite_existing);
  std::string_view changeset(reinterpret_cast<const char*>(data), size);
  Status st = sync::apply_changeset(work, changeset, content::rebuild_search_index);
  if (auto ok = sync::integrity_check(work); !ok) {
    std::fprintf(stderr, "the database is damaged after applying (%s): %s\n", st ? "applied" : "refused",
                 ok.error().to_string().c_str());
    std::abort();
  }
  if (st) (void)sync::content_hash_file(work);
  return 0;
}
