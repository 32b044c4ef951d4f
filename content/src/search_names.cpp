#include "search_names.hpp"

#include <algorithm>

#include "bianmin/base/utf8.hpp"
#include "search_pinyin.hpp"
#include "search_text.hpp"

namespace bianmin::content::search {

std::string name_key(std::string_view text) {
  std::string out;
  for (const Run& run : split_runs(text)) out += utf8::encode(run.text);
  return out;
}

std::vector<std::string> name_keys(std::string_view name) {
  std::vector<std::string> keys;
  auto add = [&keys](std::string k) {
    if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
  };
  add(name_key(name));
  std::string letters;
  for (const std::string& run : initials(name)) letters += run;
  add(letters);
  std::string full;
  for (const auto& run : syllables(name))
    for (const std::string& syllable : run) full += syllable;
  add(full);
  return keys;
}

bool title_has_term(std::string_view title, std::string_view term) {
  std::string t = name_key(term);
  return !t.empty() && name_key(title).find(t) != std::string::npos;
}

std::vector<std::string> names_for_title(const std::vector<ColloquialName>& table, std::string_view title) {
  std::vector<std::string> out;
  const std::string key = name_key(title);
  for (const ColloquialName& entry : table) {
    bool hit = false;
    for (const std::string& term : entry.means) {
      std::string t = name_key(term);
      if (!t.empty() && key.find(t) != std::string::npos) hit = true;
    }
    if (!hit) continue;
    for (const std::string& name : entry.names)
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

}  // namespace bianmin::content::search
