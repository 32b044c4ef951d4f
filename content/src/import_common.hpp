// Shared state of one import run (content/FORMAT.md): the reference data read from
// site.yaml that every other file points into, and the helpers each import_<kind>.cpp uses.
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "bianmin/content/importer.hpp"
#include "yaml_source.hpp"

namespace bianmin::content {

// A reference checked once every file is read (a card's guide, a life event's guides).
struct PendingRef {
  std::string file;
  int line = 0;
  std::string field;
  std::string code;
};

struct ImportContext {
  std::filesystem::path root;
  ImportOptions options;
  ContentSet& content;
  Problems& problems;

  // reference data from site.yaml (ids), filled by import_site
  std::set<std::string> departments, topics, life_events, catalogue;
  std::unordered_map<std::string, std::size_t> village_index;           // village id or name -> index
  std::vector<std::unordered_map<std::string, std::string>> group_ids;  // id or name -> id
  bool site_ok = false;  // site.yaml was read (otherwise references are not checked)
  // A guide file could not be read or has no code: references to guide codes are not
  // checked (each would be a knock-on of that one problem).
  bool guides_incomplete = false;

  std::vector<PendingRef> life_event_guides;  // site.yaml life_events[i].guides
  std::vector<PendingRef> most_used_guides;   // site.yaml most_used
  std::vector<PendingRef> colloquial_terms;   // site.yaml colloquial_names[i].means (code = the word)
  std::string latest_date;                    // the newest date any item carries

  void note_date(const std::string& d) {
    if (d > latest_date) latest_date = d;
  }
  // Checks `value` of field `key` is one of `known` (skipped when site.yaml is broken).
  void check_ref(MapReader& r, const char* key, const std::string& value, const std::set<std::string>& known,
                 const char* what);
  void check_ref_list(MapReader& r, const char* key, const std::vector<std::string>& values,
                      const std::set<std::string>& known, const char* what);
  // Village id (or name) -> id, "" when unknown.
  std::string village_id(const std::string& key) const;
};

// `dir` under the source root: its *.yaml/*.yml files, sorted by name (deterministic order).
std::vector<std::filesystem::path> yaml_files(const std::filesystem::path& dir);
// Path relative to the source root, with '/' separators, for messages.
std::string relative_name(const ImportContext& ctx, const std::filesystem::path& p);

void import_site(ImportContext& ctx);
void import_guides(ImportContext& ctx);
void import_cards(ImportContext& ctx);
void import_policies(ImportContext& ctx);
void import_notices(ImportContext& ctx);
void import_funds(ImportContext& ctx);

}  // namespace bianmin::content
