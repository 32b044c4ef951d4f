// The console's forms (issue 17): one source file (YAML, the format content/FORMAT.md
// describes) read into form fields and written back from them — notices, policies, cards,
// service guides and fund-publication headers. The form does not validate: the change is then
// checked by the importer itself, so the form and `bianmin-publish check` never disagree.
//
// Promises:
//  - read_item: the file's map as JSON: maps as objects, lists as arrays, every scalar as a
//    string (a guide's materials are an array of objects, time_limit an object).
//  - write_item: sets each given field in the file's map and keeps every other key as it was
//    (comments are not kept):
//      string  a scalar; "" removes the key
//      bool    true / false (written: `required: false` and `fees.free: false` matter)
//      number  the number
//      null    removes the key
//      array   a list (strings and objects; "" and {} items dropped); [] removes the key
//      object  merged into the map under that key, the same rules one level down (keys the
//              form does not send are kept); a map left empty removes the key
//    Multi-line text is written as a literal block (|).
//  - remove_item: deletes the file and, for a fund-publication header, the rows CSV it names
//    (`rows:`, a plain file name beside it).
//  - remove_unused_item: remove_item, refused when the removal leaves the importer a problem in
//    another file that it did not have before (another file still names the item: site.yaml's
//    colloquial_names, a card's guide, …). Refused, every removed file is put back as it was
//    and the answer is those problems; an empty answer means the item is gone.
//  - Nothing throws; a file that is not a YAML map is an error.
#pragma once
#include <filesystem>

#include <nlohmann/json.hpp>

#include <string>

#include "bianmin/base/result.hpp"

namespace bianmin::console {

Result<nlohmann::json> read_item(const std::filesystem::path& yaml);
Status write_item(const std::filesystem::path& yaml, const nlohmann::json& fields);
Status remove_item(const std::filesystem::path& yaml);
// `rel`: the item's path inside the source folder `src` (cards/fangzha.yaml).
Result<Problems> remove_unused_item(const std::filesystem::path& src, const std::string& rel);

}  // namespace bianmin::console
