// Reads the source format hall staff write (content/FORMAT.md) into a ContentSet, checking
// everything a hall worker can get wrong and de-identifying fund rows.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "bianmin/content/model.hpp"
#include "bianmin/base/result.hpp"

namespace bianmin::content {

// Size limits (content/FORMAT.md). Past them a file or field is refused with a message that
// names it and the limit: a 50 MB summary would stall the kiosk, a 200 MB CSV the checker.
inline constexpr std::uintmax_t kMaxYamlFileBytes = std::uintmax_t{4} << 20;   // one .yaml file
inline constexpr std::uintmax_t kMaxCsvFileBytes = std::uintmax_t{100} << 20;  // one fund CSV (~1M rows)
inline constexpr std::size_t kMaxBodyChars = 50000;                            // a policy's full text (body)
inline constexpr std::size_t kMaxLongTextChars = 5000;  // summaries, descriptions, answers, notes
inline constexpr std::size_t kMaxTextChars = 500;       // every other text field, and CSV cells
// Dates (and years) more than this many years after the current year are refused as typos
// (2099 for 2029). The only check that reads the clock, and only for dates no real content has.
inline constexpr int kMaxYearsAhead = 5;

struct ImportOptions {
  std::string today;  // ISO date used for freshness checks; empty = the system's date
                      // (reserved: no check depends on it yet, so check/build results
                      // never depend on the clock)
};

struct ImportResult {
  ContentSet content;         // what could be read (complete only when problems is empty);
                              // fund rows are already de-identified (deidentify.hpp)
  Problems problems;          // every error found, in file order; empty means publishable
  Problems warnings;          // what was fixed on the way and staff should know (invisible
                              // characters removed, ...), in file order; never blocks
  std::string latest_date;    // newest date in the source (guide/card `updated`, policy
                              // `date`, notice `start`, fund `publicity.start`); "" if none
  std::string source_digest;  // 16 hex digits naming the exact source bytes (FNV-1a 64 over
                              // every file's relative path and content)
};

// Counts for a short summary ("51 个办事指南，…"), one line per kind that is present.
std::string summarize(const ContentSet& content);

// Reads and validates the source directory `src` (site.yaml at its root).
ImportResult import_source(const std::filesystem::path& src, const ImportOptions& options = {});

// Defaults derived from the source only (never the clock), so builds are reproducible (what
// `bianmin-publish build` and the hall console's approval use): the newest guide/card `updated`
// or policy date (not future notice or publicity starts); "2026.11.20-3f9a1c2e" (that date and
// the start of the source's digest); that date at 00:00 hall time.
std::string newest_edit_date(const ImportResult& imported);
std::string default_content_version(const ImportResult& imported);
std::string default_published_at(const ImportResult& imported);

}  // namespace bianmin::content
