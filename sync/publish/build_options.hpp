// What `bianmin-publish build` was asked to do, and the checked import it builds from. Shared
// so that other outputs (the sync's signed bundles) build from exactly the same import.
#pragma once
#include <string>
#include <vector>

#include "bianmin/content/importer.hpp"

namespace bianmin::publish {

struct BuildOptions {
  std::string source;        // SRC
  std::string output;        // -o: a .db file, or a bundle (channel) directory
  std::string version;       // --version, else default_content_version()
  std::string published_at;  // --published-at, else default_published_at()
  // Bundle output only (see sync/README.md): the channel, the publisher key that signs it.
  std::string channel;  // --channel, else the directory's channel or "default"
  std::string key;      // --key: secret key file; without it the manifest waits for `sign`
  // -o names a bundle directory unless it ends in ".db".
  bool bundle_output() const { return output.size() < 3 || output.compare(output.size() - 3, 3, ".db") != 0; }
};

// Writes the checked import as the next version of the bundle directory options.output
// (bundle_common.cpp). Returns the exit status.
int write_bundle(const content::ImportResult& imported, const BuildOptions& options);

// Parses `build` arguments; on a usage mistake sets `error` (for usage_error).
BuildOptions parse_build_options(const std::vector<std::string>& args, std::string& error);

// Imports options.source; when it has problems prints them all (file:line: field: message)
// and sets ok = false. Otherwise sets the version and publication time on the content.
content::ImportResult import_for_build(const BuildOptions& options, bool& ok);

// Defaults derived from the source only (content/importer.hpp).
using content::default_content_version;
using content::default_published_at;
using content::newest_edit_date;

}  // namespace bianmin::publish
