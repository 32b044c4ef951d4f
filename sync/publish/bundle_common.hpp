// What bianmin-publish's bundle subcommands share (keygen, bundle, sign, push, trust, build).
#pragma once
#include <filesystem>
#include <string>

#include "bianmin/base/result.hpp"
#include "commands.hpp"

namespace bianmin::publish {
namespace fs = std::filesystem;

// Prints "bianmin-publish: <what>" to stderr and returns 1.
int fail(const Problem& p);
int fail(const std::string& message);

// The value of --name, or `fallback`.
std::string opt(const ParsedArgs& p, const std::string& name, const std::string& fallback = {});

// Adds `db` as the next version of the channel in `dir` (a bundle directory, see
// sync/README.md), signing with `key_file` when not empty. An empty `channel` keeps the
// directory's channel ("default" for a new directory). Prints what it did. Returns the
// exit code (0 ok).
int publish_bundle(const fs::path& db, const fs::path& dir, const std::string& channel, const fs::path& key_file,
                   const std::string& label = {}, int keep_versions = 0, int zstd_level = 0);

}  // namespace bianmin::publish
