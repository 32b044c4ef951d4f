// Text normalisation and tokenisation for search, shared by the index builder and the query
// parser so both sides always cut text the same way.
//
// Promises:
//  - fold() maps traditional characters to simplified (OpenCC t2s, character level, from a
//    table generated at build time), full-width ASCII to ASCII, ideographic space to space,
//    and ASCII letters to lower case. Everything else passes through unchanged.
//  - split_runs() cuts folded text into runs of Han characters and runs of letters/digits;
//    everything else (punctuation, symbols, spaces) separates runs. Whitespace also starts a
//    new group (queries AND their groups; inside a group runs must be adjacent).
//  - index_tokens() writes the token stream the FTS5 table indexes (unicode61 splits it on
//    spaces): a Han run c1..cn becomes the bigrams c1c2 … c(n-1)cn followed by the unigram
//    cn, so a 1-character query is a prefix query on one token, a 2+ character query is a
//    phrase of consecutive bigrams, and runs stay adjacent to their neighbours.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/utf8.hpp"  // decoding and encoding (utf8::decode, utf8::append)

namespace bianmin::content::search {

// Han ideographs (CJK unified, extensions, compatibility) and 〇.
bool is_han(char32_t cp);

char32_t fold_char(char32_t cp);
std::string fold(std::string_view text);

enum class RunKind { Han, Word };

struct Run {
  RunKind kind = RunKind::Word;
  std::u32string text;  // folded
  int group = 0;        // runs separated by whitespace get different groups
};

std::vector<Run> split_runs(std::string_view text);

// Appends the FTS token stream of `text` to `out` (space separated).
void append_index_tokens(std::string& out, std::string_view text);
std::string index_tokens(std::string_view text);

// Appends the tokens of one run: bigrams then the trailing unigram for Han runs (and for
// initials strings, see search_pinyin.hpp), the run itself for words.
void append_run_tokens(std::string& out, const Run& run);

}  // namespace bianmin::content::search
