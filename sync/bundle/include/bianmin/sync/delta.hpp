// Content databases as the sync sees them: zstd files, changesets between two versions
// (SQLite session extension) and a hash over their content.
//
// Promises:
//  - content_tables() are the ordinary tables of a cache (not virtual tables, not their
//    shadow tables, not sqlite_*): exactly what changesets track.
//  - content_hash() is a sha256 over the schema version and every row of every content table
//    in primary-key order; two files with the same rows have the same hash even when their
//    pages differ (a delta applied to N-1 versus the full file N).
//  - make_changeset() refuses databases whose schemas differ or whose tables lack a primary
//    key (those need a full download).
//  - apply_changeset() applies all or nothing (one transaction, any conflict aborts), commits,
//    then rebuilds the search index through the given hook (on a private copy: a failure
//    means the copy is discarded).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::sync {

// zstd, streaming (the files can be large). Decompression stops with an error once more than
// max_out bytes would be written (a hostile or broken file cannot fill the disk).
Status zstd_compress_file(const std::filesystem::path& in, const std::filesystem::path& out, int level);
Status zstd_decompress_file(const std::filesystem::path& in, const std::filesystem::path& out, int64_t max_out);
Result<std::string> zstd_compress(std::string_view bytes, int level);
Result<std::string> zstd_decompress(std::string_view bytes, int64_t max_out);

std::vector<std::string> content_tables(sqlite3* db);
Result<std::string> content_hash(sqlite3* db);
Result<std::string> content_hash_file(const std::filesystem::path& db_path);

// Changeset turning `old_db` into `new_db` (both are only read).
Result<std::string> make_changeset(const std::filesystem::path& old_db, const std::filesystem::path& new_db);

// Rebuilds derived data (the search index) on an open writable connection.
using RebuildHook = std::function<Status(sqlite3*)>;

// Applies `changeset` to the database at `db_path` (a private copy, not the live file).
Status apply_changeset(const std::filesystem::path& db_path, std::string_view changeset, const RebuildHook& rebuild);

// PRAGMA integrity_check == "ok".
Status integrity_check(const std::filesystem::path& db_path);

}  // namespace bianmin::sync
