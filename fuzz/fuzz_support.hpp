// What the fuzz targets share: a private scratch directory (removed at exit) and the small
// source tree the importer tests use (tests/content/fixtures/minimal), copied into it.
#pragma once
#include <filesystem>
#include <string>

namespace bianmin::fuzz {

// A directory of this process's own under $TMPDIR (or /tmp), created on first use and removed
// when the process exits normally.
const std::filesystem::path& scratch_dir();

// tests/content/fixtures/minimal in the source tree.
std::filesystem::path fixture_source();

// Whole-file helpers; they abort on failure (a fuzz target's set-up must not half-work).
std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);

// A content cache built from the fixture (import + write_cache), at scratch_dir()/name.
std::filesystem::path fixture_cache(const std::string& name);

}  // namespace bianmin::fuzz
