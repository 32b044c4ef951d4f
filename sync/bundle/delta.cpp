// zstd files, changesets and content hashes (see delta.hpp).
#include "bianmin/sync/delta.hpp"

#include <sodium.h>
#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "bianmin/sync/crypto.hpp"
#include "bianmin/base/sqlite.hpp"

namespace bianmin::sync {
namespace {
using sql::Stmt;

struct FileCloser {
  void operator()(FILE* f) const {
    if (f) std::fclose(f);
  }
};
using File = std::unique_ptr<FILE, FileCloser>;

Result<sqlite3*> open_db(const std::filesystem::path& p, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(p.c_str(), &db, flags | SQLITE_OPEN_URI, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Result<sqlite3*>::fail("cannot open database: " + msg, p.string());
  }
  sqlite3_busy_timeout(db, 5000);
  return db;
}

std::vector<std::string> primary_key(sqlite3* db, const std::string& schema, const std::string& table) {
  std::vector<std::pair<int, std::string>> cols;
  Stmt st(db, "SELECT name, pk FROM pragma_table_info(?, ?) WHERE pk > 0");
  st.bind(1, std::string_view(table)).bind(2, std::string_view(schema));
  while (st.step()) cols.emplace_back(static_cast<int>(st.i64(1)), st.text(0));
  std::sort(cols.begin(), cols.end());
  std::vector<std::string> out;
  for (auto& c : cols) out.push_back(c.second);
  return out;
}

std::string quote_ident(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string schema_text(sqlite3* db, const char* schema) {
  std::string out;
  Stmt uv(db, std::string("PRAGMA ") + schema + ".user_version");
  if (uv.step()) out += "user_version=" + std::to_string(uv.i64(0)) + "\n";
  Stmt st(db, std::string("SELECT type, name, coalesce(sql,'') FROM ") + schema + ".sqlite_master ORDER BY type, name");
  while (st.step()) out += st.text(0) + " " + st.text(1) + " " + st.text(2) + "\n";
  return out;
}

int abort_on_conflict(void*, int, sqlite3_changeset_iter*) { return SQLITE_CHANGESET_ABORT; }
}  // namespace

// ---------------------------------------------------------------------------------------
// zstd
// ---------------------------------------------------------------------------------------

Status zstd_compress_file(const std::filesystem::path& in, const std::filesystem::path& out, int level) {
  File fi(std::fopen(in.c_str(), "rb"));
  if (!fi) return Status::fail("cannot read", in.string());
  File fo(std::fopen(out.c_str(), "wb"));
  if (!fo) return Status::fail("cannot write", out.string());
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  std::vector<char> ib(ZSTD_CStreamInSize()), ob(ZSTD_CStreamOutSize());
  for (;;) {
    size_t n = std::fread(ib.data(), 1, ib.size(), fi.get());
    if (std::ferror(fi.get())) return Status::fail("read error", in.string());
    bool last = n < ib.size();
    ZSTD_inBuffer input{ib.data(), n, 0};
    ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    bool done = false;
    while (!done) {
      ZSTD_outBuffer output{ob.data(), ob.size(), 0};
      size_t rem = ZSTD_compressStream2(cctx.get(), &output, &input, mode);
      if (ZSTD_isError(rem)) return Status::fail(std::string("zstd: ") + ZSTD_getErrorName(rem), in.string());
      if (std::fwrite(ob.data(), 1, output.pos, fo.get()) != output.pos)
        return Status::fail("write failed (disk full?)", out.string());
      done = last ? rem == 0 : input.pos == input.size;
    }
    if (last) break;
  }
  if (std::fflush(fo.get()) != 0) return Status::fail("write failed (disk full?)", out.string());
  return Status::success();
}

Status zstd_decompress_file(const std::filesystem::path& in, const std::filesystem::path& out, int64_t max_out) {
  File fi(std::fopen(in.c_str(), "rb"));
  if (!fi) return Status::fail("cannot read", in.string());
  File fo(std::fopen(out.c_str(), "wb"));
  if (!fo) return Status::fail("cannot write", out.string());
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  std::vector<char> ib(ZSTD_DStreamInSize()), ob(ZSTD_DStreamOutSize());
  int64_t written = 0;
  size_t last_ret = 1;
  size_t n;
  while ((n = std::fread(ib.data(), 1, ib.size(), fi.get())) > 0) {
    ZSTD_inBuffer input{ib.data(), n, 0};
    while (input.pos < input.size) {
      ZSTD_outBuffer output{ob.data(), ob.size(), 0};
      last_ret = ZSTD_decompressStream(dctx.get(), &output, &input);
      if (ZSTD_isError(last_ret)) return Status::fail(std::string("zstd: ") + ZSTD_getErrorName(last_ret), in.string());
      written += static_cast<int64_t>(output.pos);
      if (written > max_out) return Status::fail("decompressed file larger than announced", in.string());
      if (std::fwrite(ob.data(), 1, output.pos, fo.get()) != output.pos)
        return Status::fail("write failed (disk full?)", out.string());
    }
  }
  if (std::ferror(fi.get())) return Status::fail("read error", in.string());
  if (last_ret != 0) return Status::fail("compressed file is truncated", in.string());
  if (std::fflush(fo.get()) != 0) return Status::fail("write failed (disk full?)", out.string());
  return Status::success();
}

Result<std::string> zstd_compress(std::string_view bytes, int level) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), level);
  if (ZSTD_isError(n)) return Result<std::string>::fail(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

Result<std::string> zstd_decompress(std::string_view bytes, int64_t max_out) {
  using R = Result<std::string>;
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  std::string out;
  std::vector<char> ob(ZSTD_DStreamOutSize());
  ZSTD_inBuffer input{bytes.data(), bytes.size(), 0};
  size_t ret = 1;
  while (input.pos < input.size) {
    ZSTD_outBuffer output{ob.data(), ob.size(), 0};
    ret = ZSTD_decompressStream(dctx.get(), &output, &input);
    if (ZSTD_isError(ret)) return R::fail(std::string("zstd: ") + ZSTD_getErrorName(ret));
    out.append(ob.data(), output.pos);
    if (static_cast<int64_t>(out.size()) > max_out) return R::fail("decompressed data larger than allowed");
  }
  if (ret != 0) return R::fail("compressed data is truncated");
  return out;
}

// ---------------------------------------------------------------------------------------
// content tables and hashes
// ---------------------------------------------------------------------------------------

std::vector<std::string> content_tables(sqlite3* db) {
  std::vector<std::string> out;
  // pragma_table_list tells ordinary tables from virtual and shadow tables (SQLite 3.37+).
  Stmt st(db,
          "SELECT name FROM pragma_table_list WHERE schema='main' AND type='table' "
          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

Result<std::string> content_hash(sqlite3* db) {
  using R = Result<std::string>;
  crypto_hash_sha256_state h;
  crypto_hash_sha256_init(&h);
  auto feed = [&](const void* p, size_t n) { crypto_hash_sha256_update(&h, static_cast<const unsigned char*>(p), n); };
  auto feed_len = [&](uint64_t n) { feed(&n, sizeof n); };
  {
    Stmt uv(db, "PRAGMA main.user_version");
    if (!uv.step()) return R::fail("cannot read user_version");
    uint64_t v = static_cast<uint64_t>(uv.i64(0));
    feed_len(v);
  }
  for (const auto& t : content_tables(db)) {
    feed_len(t.size());
    feed(t.data(), t.size());
    auto pk = primary_key(db, "main", t);
    std::string order;
    if (pk.empty()) {
      order = "1";  // no key: order by every column, still deterministic
      Stmt n(db, "SELECT count(*) FROM pragma_table_info(?)");
      n.bind(1, std::string_view(t));
      n.step();
      for (int64_t i = 2; i <= n.i64(0); ++i) order += "," + std::to_string(i);
    } else {
      for (size_t i = 0; i < pk.size(); ++i) order += (i ? "," : "") + quote_ident(pk[i]);
    }
    Stmt rows(db, "SELECT * FROM " + quote_ident(t) + " ORDER BY " + order);
    if (!rows.ok()) return R::fail("cannot read table " + t + ": " + rows.error());
    int ncol = sqlite3_column_count(rows.get());
    while (rows.step()) {
      for (int c = 0; c < ncol; ++c) {
        sqlite3_stmt* s = rows.get();
        unsigned char type = static_cast<unsigned char>(sqlite3_column_type(s, c));
        feed(&type, 1);
        switch (type) {
          case SQLITE_INTEGER: {
            int64_t v = sqlite3_column_int64(s, c);
            feed(&v, sizeof v);
            break;
          }
          case SQLITE_FLOAT: {
            double v = sqlite3_column_double(s, c);
            feed(&v, sizeof v);
            break;
          }
          case SQLITE_TEXT:
          case SQLITE_BLOB: {
            const void* p =
                type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_column_text(s, c)) : sqlite3_column_blob(s, c);
            size_t n = static_cast<size_t>(sqlite3_column_bytes(s, c));
            feed_len(n);
            if (n) feed(p, n);
            break;
          }
          default:
            break;
        }
      }
    }
    if (rows.rc() != SQLITE_DONE) return R::fail("cannot read table " + t + ": " + sqlite3_errmsg(db));
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&h, out);
  return to_hex(std::string_view(reinterpret_cast<char*>(out), sizeof out));
}

Result<std::string> content_hash_file(const std::filesystem::path& db_path) {
  auto db = open_db(db_path, SQLITE_OPEN_READONLY);
  if (!db) return db.error();
  sql::Connection g(*db);
  return content_hash(*db);
}

// ---------------------------------------------------------------------------------------
// changesets
// ---------------------------------------------------------------------------------------

Result<std::string> make_changeset(const std::filesystem::path& old_db, const std::filesystem::path& new_db) {
  using R = Result<std::string>;
  auto opened = open_db(new_db, SQLITE_OPEN_READONLY);
  if (!opened) return opened.error();
  sql::Connection g(*opened);
  sqlite3* db = *opened;
  {
    Stmt at(db, "ATTACH ? AS old");
    std::string uri = "file:" + old_db.string() + "?mode=ro";
    at.bind(1, std::string_view(uri));
    if (!at.step_done()) return R::fail(std::string("cannot attach: ") + sqlite3_errmsg(db), old_db.string());
  }
  if (schema_text(db, "main") != schema_text(db, "old"))
    return R::fail("schemas differ: a full database is needed", new_db.string());
  sqlite3_session* raw = nullptr;
  if (sqlite3session_create(db, "main", &raw) != SQLITE_OK) return R::fail("cannot create session");
  std::unique_ptr<sqlite3_session, decltype(&sqlite3session_delete)> session(raw, sqlite3session_delete);
  for (const auto& t : content_tables(db)) {
    if (primary_key(db, "main", t).empty())
      return R::fail("table " + t + " has no primary key: a full database is needed", new_db.string());
    if (sqlite3session_attach(session.get(), t.c_str()) != SQLITE_OK) return R::fail("cannot track table " + t);
    char* err = nullptr;
    if (sqlite3session_diff(session.get(), "old", t.c_str(), &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db);
      sqlite3_free(err);
      return R::fail("cannot diff table " + t + ": " + msg);
    }
  }
  int n = 0;
  void* p = nullptr;
  if (sqlite3session_changeset(session.get(), &n, &p) != SQLITE_OK) return R::fail("cannot make changeset");
  std::string out(static_cast<const char*>(p), static_cast<size_t>(n));
  sqlite3_free(p);
  return out;
}

namespace {

// SQLite's varint (1-9 bytes, big-endian, 7 bits a byte, the 9th byte whole), as the session
// extension writes lengths and column counts. False when it runs past the end.
bool read_varint(std::string_view s, size_t& at, uint64_t& v) {
  v = 0;
  for (int i = 0; i < 9; ++i) {
    if (at >= s.size()) return false;
    auto b = static_cast<unsigned char>(s[at++]);
    if (i == 8) {
      v = (v << 8) | b;
      return true;
    }
    v = (v << 7) | (b & 0x7F);
    if (!(b & 0x80)) return true;
  }
  return true;
}

// Checks that `cs` is a well-formed changeset (not a patchset) over this database's content
// tables, before SQLite's session extension reads it: Debian's SQLite (3.40) loops without end
// on some malformed changesets (found by fuzz/fuzz_changeset). Format: per table 'T', nCol,
// nCol primary-key flags, the NUL-terminated name; then records: op (INSERT 18, DELETE 9,
// UPDATE 23), indirect flag, one row of nCol values (two for UPDATE); a value is a type byte
// (0 undefined, 1 integer and 2 real with 8 bytes, 3 text and 4 blob with a varint length,
// 5 NULL) and its bytes.
Status check_changeset_shape(sqlite3* db, std::string_view cs) {
  auto bad = [](const std::string& why) { return Status::fail("changeset is malformed: " + why); };
  std::map<std::string, std::string> flags_of;  // table -> its primary-key flags, as a changeset writes them
  for (const auto& t : content_tables(db)) {
    std::string flags;
    Stmt st(db, "SELECT pk FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, std::string_view(t));
    while (st.step()) flags.push_back(static_cast<char>(st.i64(0)));
    flags_of.emplace(t, std::move(flags));
  }
  size_t at = 0;
  uint64_t ncol = 0;
  auto row = [&](bool allow_undefined) -> bool {
    for (uint64_t c = 0; c < ncol; ++c) {
      if (at >= cs.size()) return false;
      auto type = static_cast<unsigned char>(cs[at++]);
      uint64_t len = 0;
      switch (type) {
        case 0:
          if (!allow_undefined) return false;
          break;
        case 1:
        case 2:
          len = 8;
          break;
        case 3:
        case 4:
          if (!read_varint(cs, at, len)) return false;
          break;
        case 5:
          break;
        default:
          return false;
      }
      if (len > cs.size() - at) return false;
      at += static_cast<size_t>(len);
    }
    return true;
  };
  bool in_table = false;
  while (at < cs.size()) {
    auto b = static_cast<unsigned char>(cs[at]);
    if (b == 'T') {
      ++at;
      if (!read_varint(cs, at, ncol) || ncol == 0 || ncol > 1000 || ncol > cs.size() - at) return bad("table header");
      std::string flags(cs.substr(at, static_cast<size_t>(ncol)));
      at += static_cast<size_t>(ncol);
      size_t nul = cs.find('\0', at);
      if (nul == std::string_view::npos) return bad("table name");
      std::string name(cs.substr(at, nul - at));
      at = nul + 1;
      auto it = flags_of.find(name);
      if (it == flags_of.end()) return bad("unknown table " + name);
      if (it->second != flags) return bad("table " + name + " has other columns here");
      in_table = true;
      continue;
    }
    if (!in_table || at + 2 > cs.size()) return bad("record outside a table");
    int op = b;
    auto indirect = static_cast<unsigned char>(cs[at + 1]);
    at += 2;
    if (indirect > 1) return bad("record flags");
    bool ok = op == SQLITE_INSERT   ? row(false)
              : op == SQLITE_DELETE ? row(false)
              : op == SQLITE_UPDATE ? row(true) && row(true)
                                    : false;
    if (!ok) return bad("record");
  }
  return Status::success();
}

}  // namespace

Status apply_changeset(const std::filesystem::path& db_path, std::string_view changeset, const RebuildHook& rebuild) {
  auto opened = open_db(db_path, SQLITE_OPEN_READWRITE);
  if (!opened) return Status{opened.error()};
  sql::Connection g(*opened);
  sqlite3* db = *opened;
  // A private copy: if we die half-way it is thrown away, so no need to sync on every commit.
  (void)sql::exec(db, "PRAGMA synchronous=OFF");  // only faster: a failure changes nothing else
  if (auto st = check_changeset_shape(db, changeset); !st) return Status::fail(st.error().message, db_path.string());
  if (auto st = sql::exec(db, "BEGIN IMMEDIATE"); !st) return st;
  int rc = sqlite3changeset_apply(db, static_cast<int>(changeset.size()), const_cast<char*>(changeset.data()), nullptr,
                                  abort_on_conflict, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(db);
    (void)sql::exec(db, "ROLLBACK");  // best effort: the failure being reported matters more
    return Status::fail("changeset does not apply to this version (" + msg + ")", db_path.string());
  }
  if (auto st = sql::exec(db, "COMMIT"); !st) return st;
  // The rebuild reads the committed rows (possibly through another connection). If it
  // fails the copy is half-done and the caller throws it away.
  if (rebuild) {
    if (auto st = rebuild(db); !st)
      return Status::fail("cannot rebuild the search index: " + st.error().message, db_path.string());
  }
  return Status::success();
}

Status integrity_check(const std::filesystem::path& db_path) {
  auto opened = open_db(db_path, SQLITE_OPEN_READONLY);
  if (!opened) return Status{opened.error()};
  sql::Connection g(*opened);
  Stmt st(*opened, "PRAGMA integrity_check");
  if (!st.ok())
    return Status::fail(std::string("integrity check failed: ") + sqlite3_errmsg(*opened), db_path.string());
  std::string first;
  if (st.step())
    first = st.text(0);
  else
    return Status::fail(std::string("integrity check failed: ") + sqlite3_errmsg(*opened), db_path.string());
  if (first != "ok") return Status::fail("integrity check: " + first, db_path.string());
  return Status::success();
}

}  // namespace bianmin::sync
