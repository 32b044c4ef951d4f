// Exact names for search: the keys under which a title or a colloquial name (site.yaml
// colloquial_names) is found whole, and which items a colloquial name stands for. Shared by
// the index builder (search_index.cpp) and the importer's check of colloquial_names, so
// both decide "this name means that item" the same way.
//
// Promises:
//  - name_key() folds text (search_text.hpp) and keeps only its letters, digits and Han
//    characters: "最低生活保障（低保）" → "最低生活保障低保", "YB" → "yb". A query and a name are
//    the same name when their keys are equal.
//  - name_keys() gives every key a name is typed as: the text itself, its pinyin initials
//    and its full pinyin (each run's letters joined), without duplicates or empty keys.
//  - names_for_title() lists the colloquial names whose `means` words occur in a title
//    (compared by name_key, so punctuation and traditional characters do not matter).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/content/model.hpp"

namespace bianmin::content::search {

std::string name_key(std::string_view text);

std::vector<std::string> name_keys(std::string_view name);

// Whether the official word `term` occurs in `title` (both compared as name keys).
bool title_has_term(std::string_view title, std::string_view term);

std::vector<std::string> names_for_title(const std::vector<ColloquialName>& table, std::string_view title);

}  // namespace bianmin::content::search
