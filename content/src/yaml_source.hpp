// Reading the YAML source files hall staff write, with the line of every value, so each
// problem can say `file:line: field: message`. yaml-cpp's exceptions stay inside this file.
//
// A MapReader reads one YAML mapping: every field the importer asks for (present or not) is
// "known", and finish() reports the fields it never asked for (a typo must not silently drop
// content) and fields written twice. Text fields are scanned for raw ID-card, bank card and
// mobile numbers, which must never be published outside the fund identity columns.
#pragma once
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bianmin/content/enums.hpp"
#include "bianmin/base/result.hpp"

namespace bianmin::content {

// Reads `abs` (UTF-8, optional BOM) and parses it. On failure adds one problem naming `rel`
// and returns nullopt: a file over kMaxYamlFileBytes, invalid UTF-8 or a NUL byte with its
// line, YAML syntax errors with their line in plain Chinese (a TAB in the indentation, a
// Chinese colon after a field name, a value starting with * & ! [ { that needs quotes, ...;
// yaml-cpp's English never reaches staff).
std::optional<YAML::Node> load_yaml(const std::filesystem::path& abs, const std::string& rel, Problems& problems);

// Reads a whole file; nullopt (and a problem) when it cannot be read or is larger than
// `max_bytes` (the problem names the size and the limit).
std::optional<std::string> read_source_file(const std::filesystem::path& abs, const std::string& rel,
                                            Problems& problems, std::uintmax_t max_bytes);

// Surrounding white space removed, Unicode spaces (U+3000 ideographic space, no-break and
// zero-width spaces, BOM) included: a name of only such spaces is empty.
std::string trim_spaces(std::string_view s);
// `s` without zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and bidirectional
// controls (U+200E/F, U+202A–U+202E, U+2066–U+2069): invisible, they make two equal names
// differ and can reorder what a screen shows. `removed` counts what was taken out.
std::string strip_invisible(std::string_view s, std::size_t* removed = nullptr);
// A message when `s` holds an emoji or other pictograph (a name or title must be words a
// printer and every font can show), "" otherwise. `what` names the field ("名称").
std::string pictograph_problem(std::string_view s, const std::string& what);
// The warning for text that strip_invisible changed.
std::string invisible_warning(std::size_t removed);
// A message when `s` holds a control character (NUL and the like; tab and line breaks are
// fine), "" otherwise.
std::string control_character_problem(std::string_view s);
// A message when `s` (a field or column named `what`) has more than `max_chars` characters.
std::string length_problem(std::string_view s, std::size_t max_chars, const std::string& what);
// The latest year a date or year may name: the current year + kMaxYearsAhead.
int latest_allowed_year();
// A message when `s` is not a real "YYYY-MM-DD" date or lies past latest_allowed_year()
// (`what` names the field: "发放日期"); "" when it is fine.
std::string date_problem(std::string_view s, const std::string& what);

int line_of(const YAML::Node& node);  // 1-based line, 0 when unknown

// Parses "YYYY-MM-DD" (a real calendar date).
bool is_iso_date(std::string_view s);
// Parses yuan with at most 2 decimals, not negative, into fen. nullopt when not money.
std::optional<int64_t> parse_money(std::string_view s);
// Explains why `s` is not money, for messages.
std::string money_problem(std::string_view s);
bool is_slug(std::string_view s, bool allow_slash = false);

enum class Need { Optional, Required };
enum class Scan { Identifiers, NoMobiles, None };  // what text fields are checked for

class MapReader {
 public:
  // `node` should be a mapping; `path` is the field path prefix ("" at a file's top level,
  // "materials[2]" inside a list). A node that is not a mapping is reported once.
  MapReader(Problems& problems, std::string file, YAML::Node node, std::string path = {},
            Scan scan = Scan::Identifiers);

  bool valid() const { return valid_; }  // the node is a mapping
  int line() const { return line_; }
  int line(const char* key);                 // the value's line (the map's when absent)
  std::string field(const char* key) const;  // "materials[2].copies"
  const std::string& file() const { return file_; }
  Problems& problems() { return problems_; }

  // Raw access; marks the key known. Returns an undefined/null node when absent.
  YAML::Node get(const char* key);
  bool has(const char* key);  // present and not null

  // Plain text. `scan` overrides the reader's default identifier scan for this field.
  std::string text(const char* key, Need need = Need::Optional, std::optional<Scan> scan = std::nullopt);
  std::string slug(const char* key, Need need = Need::Optional, bool allow_slash = false);
  std::string date(const char* key, Need need = Need::Optional);
  std::string url(const char* key, const std::vector<std::string>& allowed_hosts);
  // An integer >= min_value; `fallback` when absent.
  int integer(const char* key, Need need, int min_value, int fallback = 0);
  bool boolean(const char* key, bool fallback);
  std::optional<int64_t> money(const char* key, Need need = Need::Optional);
  // A list of texts (a single text is accepted as a one-item list).
  std::vector<std::string> text_list(const char* key, Need need = Need::Optional, bool slugs = false);
  // One of `choices`; returns its index, or -1 (and a problem) when missing/unknown.
  int choice(const char* key, const std::vector<std::string>& choices, Need need, int fallback);
  // One of the source words of E's table (enums.hpp); `fallback` when absent or unknown (an
  // unknown word is also a problem).
  template <typename E>
  E choice(const char* key, Need need, E fallback) {
    std::vector<std::string> words;
    for (const auto& e : enum_table<E>()) words.emplace_back(e.source);
    const int i = choice(key, words, need, -1);
    return i >= 0 ? enum_table<E>()[static_cast<std::size_t>(i)].value : fallback;
  }

  // Calls `fn` for each mapping in the list `key` with a reader for "key[i]" (1-based i).
  void each(const char* key, Need need, const std::function<void(MapReader&)>& fn);
  // Reader for a nested mapping `key` (invalid reader when absent).
  MapReader nested(const char* key, Need need = Need::Optional);

  void problem(const char* key, std::string message);  // at the key's line
  void problem_at(int line, std::string field, std::string message);
  void warning_at(int line, std::string field, std::string message);
  void check_text(const std::string& value, const std::string& field, int line, Scan scan);

  // Reports unknown and repeated fields. Call after every get/text/... call.
  void finish();

 private:
  std::string scalar(const char* key, Need need, bool* present);
  void missing(const char* key);

  Problems& problems_;
  std::string file_;
  YAML::Node node_;
  std::string path_;
  Scan scan_;
  bool valid_ = false;
  int line_ = 0;
  std::vector<std::string> known_;
};

}  // namespace bianmin::content
