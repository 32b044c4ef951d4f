#include "search_pinyin.hpp"

#include <algorithm>
#include <map>

#include "search_tables.hpp"
#include "search_text.hpp"

namespace bianmin::content::search {

std::vector<std::string_view> readings(char32_t cp) {
  using namespace search_tables;
  const PinyinEntry* end = kPinyin + kPinyinCount;
  const PinyinEntry* it =
      std::lower_bound(kPinyin, end, cp, [](const PinyinEntry& e, char32_t c) { return e.cp < c; });
  std::vector<std::string_view> out;
  if (it == end || it->cp != cp) return out;
  unsigned first = it->packed >> 4, count = it->packed & 0xF;
  for (unsigned k = 0; k < count; ++k) out.emplace_back(kSyllables[kReadingIds[first + k]]);
  return out;
}

namespace {

struct PhraseTable {
  std::map<std::u32string, std::vector<std::string>> phrases;  // folded phrase -> syllables
  size_t longest = 0;
};

std::vector<std::string> split_syllables(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

const PhraseTable& phrase_table() {
  // Built once; a function-local static is initialised thread-safely.
  static const PhraseTable table = [] {
    PhraseTable t;
    for (const PolyphonePhrase& p : polyphone_phrases()) {
      std::u32string key;
      for (size_t i = 0; i < p.phrase.size();) key += fold_char(next_code_point(p.phrase, i));
      t.longest = std::max(t.longest, key.size());
      t.phrases[key] = split_syllables(p.pinyin);
    }
    return t;
  }();
  return table;
}

}  // namespace

std::vector<std::string> pinyin(std::u32string_view han) {
  const PhraseTable& table = phrase_table();
  std::vector<std::string> out;
  out.reserve(han.size());
  size_t i = 0;
  while (i < han.size()) {
    bool matched = false;
    // Longest phrase starting here wins (银行行长: 银行 then 行长).
    for (size_t len = std::min(table.longest, han.size() - i); len >= 2 && !matched; --len) {
      auto it = table.phrases.find(std::u32string(han.substr(i, len)));
      if (it != table.phrases.end() && it->second.size() == len) {
        out.insert(out.end(), it->second.begin(), it->second.end());
        i += len;
        matched = true;
      }
    }
    if (matched) continue;
    auto r = readings(han[i]);
    out.emplace_back(r.empty() ? std::string_view() : r.front());
    ++i;
  }
  return out;
}

std::vector<std::string> initials(std::string_view text) {
  std::vector<std::string> out;
  for (const Run& run : split_runs(text)) {
    if (run.kind != RunKind::Han) continue;
    std::string letters;
    for (const std::string& syllable : pinyin(run.text))
      if (!syllable.empty()) letters += syllable[0];
    if (!letters.empty()) out.push_back(std::move(letters));
  }
  return out;
}

}  // namespace bianmin::content::search
