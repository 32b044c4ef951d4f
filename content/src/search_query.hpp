// Turns what a person typed into an FTS5 MATCH expression over the search index
// (search_index.hpp). The user's text never reaches FTS5's query syntax: it is folded and cut
// into tokens by search_text.hpp, and only those tokens, each double-quoted, are written
// into an expression this module composes. So `"`, `*`, `AND`, `(`, `:` and the like are
// searched for as text (or dropped as punctuation) and can never cause a syntax error.
//
// The expression (columns: title, alias, aka, body, py, pyf):
//  - text: each whitespace-separated group of the query is a phrase over the text columns;
//    groups are ANDed. In a group, a Han run of 2+ characters is its chain of bigrams, a
//    1-character run at the end of a group is a prefix query on the tokens it starts, and a
//    trailing word is a prefix (search as you type: "202" finds 2024).
//  - pinyin initials: a query of 1..16 ASCII letters also matches the py column, where the
//    initials of titles are indexed as letter bigrams ("ylbx" -> "yl"+"lb"+"bx"), so the
//    query matches anywhere in a title's initials.
//  - full pinyin: letters that split into syllables ("yanglao" → yang lao, search_pinyin.hpp)
//    also match the pyf column, where titles are indexed syllable by syllable; the last
//    syllable is a prefix ("yangl" finds 养老).
//  - only the first 64 letters, digits and Han characters of a query count.
#pragma once
#include <string>
#include <string_view>

namespace bianmin::content::search {

enum class Scope {
  All,     // titles, names (aka) and bodies
  Titles,  // titles, colloquial names and their pinyin only: the first pass of a search
};

// "" when the query holds nothing searchable (empty, spaces, punctuation only).
std::string match_expression(std::string_view query, Scope scope = Scope::All);

// The fallback when match_expression() finds nothing: any of the query's bigrams and words
// (OR) in titles and names (not bodies), so a long question typed in full still finds the
// items whose titles share its words; the rank puts those sharing the most first. "" when it
// would be the same query (a single token).
std::string relaxed_match_expression(std::string_view query);
// How many words relaxed_match_expression() ORs (0 when it is "").
size_t relaxed_word_count(std::string_view query);

}  // namespace bianmin::content::search
