#include "search_text.hpp"

#include <algorithm>

#include "search_tables.hpp"

namespace bianmin::content::search {

bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x323AF) || cp == 0x3007;
}

char32_t fold_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return fold_char(cp - 0xFF01 + 0x21);  // full-width ASCII
  if (cp == 0x3000) return ' ';                                            // ideographic space
  if (!is_han(cp)) return cp;
  using namespace search_tables;
  const FoldEntry* end = kTradToSimp + kTradToSimpCount;
  const FoldEntry* it =
      std::lower_bound(kTradToSimp, end, cp, [](const FoldEntry& e, char32_t c) { return e.from < c; });
  return (it != end && it->from == cp) ? it->to : cp;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) utf8::append(out, fold_char(utf8::decode(text, i)));
  return out;
}

namespace {

// Letters and digits that form words: ASCII, and Latin letters with diacritics (names of
// places and products); other symbols separate.
bool is_word_char(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

bool is_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0; }

}  // namespace

std::vector<Run> split_runs(std::string_view text) {
  std::vector<Run> runs;
  int group = 0;
  bool open = false;  // the last run may still grow
  for (size_t i = 0; i < text.size();) {
    char32_t cp = fold_char(utf8::decode(text, i));
    RunKind kind;
    if (is_han(cp)) {
      kind = RunKind::Han;
    } else if (is_word_char(cp)) {
      kind = RunKind::Word;
    } else {
      if (is_space(cp) && !runs.empty() && runs.back().group == group) ++group;
      open = false;
      continue;
    }
    if (!open || runs.back().kind != kind) runs.push_back(Run{kind, {}, group});
    runs.back().text += cp;
    open = true;
  }
  return runs;
}

void append_run_tokens(std::string& out, const Run& run) {
  auto sep = [&out] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  if (run.kind == RunKind::Word) {
    sep();
    out += utf8::encode(run.text);
    return;
  }
  const std::u32string& t = run.text;
  for (size_t k = 0; k + 1 < t.size(); ++k) {
    sep();
    utf8::append(out, t[k]);
    utf8::append(out, t[k + 1]);
  }
  if (!t.empty()) {
    sep();
    utf8::append(out, t.back());
  }
}

void append_index_tokens(std::string& out, std::string_view text) {
  for (const Run& run : split_runs(text)) append_run_tokens(out, run);
}

std::string index_tokens(std::string_view text) {
  std::string out;
  append_index_tokens(out, text);
  return out;
}

}  // namespace bianmin::content::search
