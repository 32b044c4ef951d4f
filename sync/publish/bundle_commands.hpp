// bianmin-publish's bundle commands (keygen, bundle, sign, push, trust). main.cpp dispatches
// here for these names; `build` calls publish_bundle() after writing its content.db.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace bianmin::publish {

// True when `command` is one of ours.
bool is_bundle_command(const std::string& command);
// Runs it; `args` are the words after the command. Returns the process exit code.
int run_bundle_command(const std::string& command, const std::vector<std::string>& args);

// Adds `db` as the next version of the channel in `dir`, signing with `key_file` when not
// empty. Prints what it did. Returns the exit code (0 ok).
int publish_bundle(const std::filesystem::path& db, const std::filesystem::path& dir, const std::string& channel,
                   const std::filesystem::path& key_file, const std::string& label = {});

}  // namespace bianmin::publish
