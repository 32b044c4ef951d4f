// Writes a ContentSet into a new content cache (SQLite). Deterministic: the same ContentSet
// gives a byte-identical file, because the sync signs and diffs these files.
#pragma once
#include <filesystem>

#include "bianmin/content/model.hpp"
#include "bianmin/base/result.hpp"

namespace bianmin::content {

// Latest schema version (PRAGMA user_version) this build writes and reads.
int schema_version();

// Creates `path` (replacing it atomically: written to path + ".tmp", then renamed) holding
// the schema, every item of `set`, and the search index. `set` must already be validated
// and de-identified (the importer does both).
//
// Determinism: items are inserted sorted by their ids (the order of the top-level vectors in
// `set` does not matter; villages, groups and every list inside an item keep their order,
// which is content), page size 4096, rollback journal, no timestamps but the ones in `set`,
// VACUUM at the end. Fails (leaving `path` untouched) on duplicate ids.
Status write_cache(const ContentSet& set, const std::filesystem::path& path);

// Brings an existing cache written by an older build up to schema_version() in place
// (writable file; the migrations are in content/src/schema.cpp) and rebuilds its search
// index in this build's shape. A current cache is left as it is; a newer one or a file that
// is not a cache is refused.
Status upgrade_cache(const std::filesystem::path& path);

}  // namespace bianmin::content
