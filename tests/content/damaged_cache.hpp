// A content cache damaged on disk the way a failing SD card or a bad sector damages it: one
// table's pages overwritten with junk, the file header and schema intact, so the file still
// opens and only a read through its pages (PRAGMA quick_check) tells. Used by the kiosk's and
// the sync agent's tests.
#pragma once
#include <filesystem>

namespace bianmin::test {

// Overwrites the root page of `table` (found in the file's own schema) with junk bytes.
// Throws std::runtime_error when the file or the table cannot be found.
void damage_table(const std::filesystem::path& db, const char* table);

}  // namespace bianmin::test
