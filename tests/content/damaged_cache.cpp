#include "content/damaged_cache.hpp"

#include <sqlite3.h>

#include <fstream>
#include <stdexcept>
#include <string>

namespace bianmin::test {

void damage_table(const std::filesystem::path& db, const char* table) {
  sqlite3* h = nullptr;
  long long page = 0, size = 0;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(h,
                           "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
                           "WHERE type = 'table' AND name = ?",
                           -1, &s, nullptr) == SQLITE_OK) {
      sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
      if (sqlite3_step(s) == SQLITE_ROW) {
        page = sqlite3_column_int64(s, 0);
        size = sqlite3_column_int64(s, 1);
      }
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(h);
  if (page < 2 || size <= 0) throw std::runtime_error("no table " + std::string(table) + " in " + db.string());
  std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp((page - 1) * size);
  const std::string junk(static_cast<size_t>(size), '\xA5');
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  f.flush();
  if (!f) throw std::runtime_error("cannot damage " + db.string());
}

}  // namespace bianmin::test
