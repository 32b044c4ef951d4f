#include "search_query.hpp"

#include <algorithm>
#include <vector>

#include "search_pinyin.hpp"
#include "search_text.hpp"

namespace bianmin::content::search {
namespace {

struct Token {
  std::string text;
  bool prefix = false;
};

void push(std::vector<Token>& tokens, std::u32string_view t, bool prefix = false) {
  tokens.push_back(Token{utf8::encode(t), prefix});
}

std::string phrase(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += " + ";
    // Tokens hold only letters, digits and Han characters (search_text.cpp), never a quote.
    out += '"' + t.text + '"';
    if (t.prefix) out += '*';
  }
  return out;
}

// Tokens of one run as the index has them (see append_run_tokens), `last` meaning nothing of
// the query follows it in this group, so the indexed text may go on past it.
void run_tokens(std::vector<Token>& tokens, const Run& run, bool last) {
  const std::u32string& t = run.text;
  if (run.kind == RunKind::Word) {
    push(tokens, t, last);
    return;
  }
  if (t.size() == 1) {
    push(tokens, t, last);  // last: any bigram starting with it, or the run's final unigram
    return;
  }
  for (size_t k = 0; k + 1 < t.size(); ++k) push(tokens, std::u32string_view(t).substr(k, 2));
  if (!last) push(tokens, std::u32string_view(t).substr(t.size() - 1));  // the run ends here
}

constexpr size_t kMaxInitials = 16;
constexpr size_t kMaxFullPinyin = 36;

// Nobody types more than this on a kiosk; a pasted page must not become a huge FTS5 query.
constexpr size_t kMaxQueryChars = 64;

std::vector<Run> query_runs(std::string_view query) {
  std::vector<Run> runs = split_runs(query);
  size_t total = 0;
  for (size_t k = 0; k < runs.size(); ++k) {
    if (total + runs[k].text.size() >= kMaxQueryChars) {
      runs[k].text.resize(kMaxQueryChars - total);
      runs.resize(runs[k].text.empty() ? k : k + 1);
      break;
    }
    total += runs[k].text.size();
  }
  return runs;
}

}  // namespace

std::string match_expression(std::string_view query, Scope scope) {
  std::vector<Run> runs = query_runs(query);
  if (runs.empty()) return {};

  std::string text;
  std::u32string letters;
  bool letters_only = true;
  for (size_t k = 0; k < runs.size();) {
    std::vector<Token> tokens;
    size_t end = k;
    while (end < runs.size() && runs[end].group == runs[k].group) ++end;
    for (size_t j = k; j < end; ++j) {
      run_tokens(tokens, runs[j], j + 1 == end);
      for (char32_t c : runs[j].text) {
        if (c >= 'a' && c <= 'z')
          letters += c;
        else
          letters_only = false;
      }
    }
    if (!text.empty()) text += " AND ";
    text += phrase(tokens);
    k = end;
  }
  std::string expr =
      std::string(scope == Scope::Titles ? "{title alias}" : "{title alias aka body}") + " : (" + text + ")";

  if (letters_only && !letters.empty() && letters.size() <= kMaxInitials) {
    std::vector<Token> tokens;
    if (letters.size() == 1) {
      push(tokens, letters, true);
    } else {
      for (size_t k = 0; k + 1 < letters.size(); ++k) push(tokens, std::u32string_view(letters).substr(k, 2));
    }
    expr = "(" + expr + ") OR (py : (" + phrase(tokens) + "))";
  }
  if (letters_only && letters.size() >= 2 && letters.size() <= kMaxFullPinyin) {
    std::string typed = utf8::encode(letters);
    PinyinSplit split = split_pinyin(typed);
    if (!split.syllables.empty()) {
      std::vector<Token> tokens;
      for (const std::string& syllable : split.syllables) tokens.push_back(Token{syllable, false});
      tokens.back().prefix = true;  // still typing: "yangl", "xia" (→ xiang)
      expr = "(" + expr + ") OR (pyf : (" + phrase(tokens) + "))";
    }
  }
  return expr;
}

namespace {

// The query's bigrams and words, each once.
std::vector<Token> relaxed_tokens(std::string_view query) {
  std::vector<Token> tokens;
  for (const Run& run : query_runs(query)) {
    const std::u32string& t = run.text;
    if (run.kind == RunKind::Word || t.size() == 1) {
      push(tokens, t);
    } else {
      for (size_t k = 0; k + 1 < t.size(); ++k) push(tokens, std::u32string_view(t).substr(k, 2));
    }
  }
  std::vector<Token> unique;
  for (Token& t : tokens)
    if (std::none_of(unique.begin(), unique.end(), [&](const Token& u) { return u.text == t.text; }))
      unique.push_back(std::move(t));
  return unique;
}

}  // namespace

size_t relaxed_word_count(std::string_view query) {
  size_t n = relaxed_tokens(query).size();
  return n < 2 ? 0 : n;
}

std::string relaxed_match_expression(std::string_view query) {
  std::vector<Token> tokens = relaxed_tokens(query);
  if (tokens.size() < 2) return {};
  std::string any;
  for (const Token& t : tokens) any += (any.empty() ? "" : " OR ") + ('"' + t.text + '"');
  // Titles and names only: over bodies, a few common bigrams (条件, 身份) match nearly
  // everything, which ranks nothing and costs most of the time budget.
  return "{title alias aka} : (" + any + ")";
}

}  // namespace bianmin::content::search
