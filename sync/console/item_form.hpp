// The console's forms for notices, policies and cards (issue 17): one source file (YAML, the
// format content/FORMAT.md describes) read into form fields and written back from them. The
// form does not validate: the change is then checked by the importer itself, so the form and
// `bianmin-publish check` never disagree.
//
// Promises:
//  - read_item: top-level scalars as strings, lists of scalars as arrays of strings; keys the
//    form cannot show (qa lists of maps, …) are left out of the fields.
//  - write_item: sets each given field in the file's map (string: a scalar, "" removes the key;
//    bool; array of strings: a list, [] removes the key) and keeps every other key as it was
//    (comments are not kept). Multi-line text is written as a literal block (|).
//  - Nothing throws; a file that is not a YAML map is an error.
#pragma once
#include <filesystem>

#include <nlohmann/json.hpp>

#include "bianmin/base/result.hpp"

namespace bianmin::console {

Result<nlohmann::json> read_item(const std::filesystem::path& yaml);
Status write_item(const std::filesystem::path& yaml, const nlohmann::json& fields);

}  // namespace bianmin::console
