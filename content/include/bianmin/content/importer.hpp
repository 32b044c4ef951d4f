// Reads the source format hall staff write (content/FORMAT.md) into a ContentSet, checking
// everything a hall worker can get wrong and de-identifying fund rows.
#pragma once
#include <filesystem>

#include "bianmin/content/model.hpp"
#include "bianmin/content/result.hpp"

namespace bianmin::content {

struct ImportOptions {
  std::string today;  // ISO date used for freshness checks; empty = the system's date
};

struct ImportResult {
  ContentSet content;   // what could be read (complete only when problems is empty)
  Problems problems;    // every problem found, in file order; empty means publishable
};

// Reads and validates the source directory `src` (site.yaml at its root).
ImportResult import_source(const std::filesystem::path& src, const ImportOptions& options = {});

}  // namespace bianmin::content
