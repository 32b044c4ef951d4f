// Writes a ContentSet into a new content cache (SQLite). Deterministic: the same ContentSet
// gives a byte-identical file, because the sync signs and diffs these files.
#pragma once
#include <filesystem>

#include "bianmin/content/model.hpp"
#include "bianmin/content/result.hpp"

namespace bianmin::content {

// Latest schema version (PRAGMA user_version) this build writes and reads.
int schema_version();

// Creates `path` (replacing it atomically: written to path + ".tmp", then renamed) holding
// the schema, every item of `set`, and the search index. `set` must already be validated
// and de-identified (the importer does both).
Status write_cache(const ContentSet& set, const std::filesystem::path& path);

}  // namespace bianmin::content
