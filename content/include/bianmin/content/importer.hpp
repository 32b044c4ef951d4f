// Reads the source format hall staff write (content/FORMAT.md) into a ContentSet, checking
// everything a hall worker can get wrong and de-identifying fund rows.
#pragma once
#include <filesystem>

#include "bianmin/content/model.hpp"
#include "bianmin/content/result.hpp"

namespace bianmin::content {

struct ImportOptions {
  std::string today;  // ISO date used for freshness checks; empty = the system's date
                      // (reserved: no check depends on it yet, so check/build results
                      // never depend on the clock)
};

struct ImportResult {
  ContentSet content;   // what could be read (complete only when problems is empty);
                        // fund rows are already de-identified (deidentify.hpp)
  Problems problems;    // every problem found, in file order; empty means publishable
  std::string latest_date;    // newest date in the source (guide/card `updated`, policy
                              // `date`, notice `start`, fund `publicity.start`); "" if none
  std::string source_digest;  // 16 hex digits naming the exact source bytes (FNV-1a 64 over
                              // every file's relative path and content)
};

// Counts for a short summary ("51 个办事指南，…"), one line per kind that is present.
std::string summarize(const ContentSet& content);

// Reads and validates the source directory `src` (site.yaml at its root).
ImportResult import_source(const std::filesystem::path& src, const ImportOptions& options = {});

}  // namespace bianmin::content
