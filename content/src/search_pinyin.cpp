#include "search_pinyin.hpp"

#include <algorithm>
#include <map>

#include "search_tables.hpp"
#include "search_text.hpp"

namespace bianmin::content::search {

namespace {

std::vector<std::string_view> lookup(const search_tables::PinyinEntry* table, unsigned size, const unsigned short* ids,
                                     const char* const* syllables, char32_t cp) {
  using search_tables::PinyinEntry;
  const PinyinEntry* end = table + size;
  const PinyinEntry* it = std::lower_bound(table, end, cp, [](const PinyinEntry& e, char32_t c) { return e.cp < c; });
  std::vector<std::string_view> out;
  if (it == end || it->cp != cp) return out;
  unsigned first = it->packed >> 4, count = it->packed & 0xF;
  for (unsigned k = 0; k < count; ++k) out.emplace_back(syllables[ids[first + k]]);
  return out;
}

}  // namespace

std::vector<std::string_view> readings(char32_t cp) {
  using namespace search_tables;
  return lookup(kPinyin, kPinyinCount, kReadingIds, kSyllables, cp);
}

std::vector<std::string_view> toned_readings(char32_t cp) {
  using namespace search_tables;
  return lookup(kTonedPinyin, kTonedPinyinCount, kTonedReadingIds, kTonedSyllables, cp);
}

namespace {

struct PhraseTable {
  std::map<std::u32string, std::vector<std::string>> phrases;  // folded phrase -> toned syllables
  size_t longest = 0;
};

// A syllable of the table with its tone: as written when it has one, else the character's
// first reading that sounds the same, else the neutral tone.
std::string with_tone(std::string syllable, char32_t cp) {
  if (!syllable.empty() && syllable.back() >= '1' && syllable.back() <= '5') return syllable;
  for (std::string_view r : toned_readings(cp))
    if (r.substr(0, r.size() - 1) == syllable) return std::string(r);
  return syllable + '5';
}

std::string without_tone(std::string syllable) {
  if (!syllable.empty() && syllable.back() >= '1' && syllable.back() <= '5') syllable.pop_back();
  return syllable;
}

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
      for (size_t i = 0; i < p.phrase.size();) key += fold_char(utf8::decode(p.phrase, i));
      t.longest = std::max(t.longest, key.size());
      std::vector<std::string> syllables = split_syllables(p.pinyin);
      for (size_t k = 0; k < syllables.size() && k < key.size(); ++k)
        syllables[k] = with_tone(std::move(syllables[k]), key[k]);
      t.phrases[key] = std::move(syllables);
    }
    return t;
  }();
  return table;
}

}  // namespace

std::vector<std::string> toned_pinyin(std::u32string_view han) {
  const PhraseTable& table = phrase_table();
  const size_t n = han.size();
  // Segment the run into table phrases and single characters, covering as many characters
  // with phrases as possible, then using fewer (longer) phrases, then preferring the phrase
  // that starts first: 执行长期 → 执行|长期 (4 covered) rather than 执|行长|期 (2).
  struct Best {
    size_t covered = 0, phrases = 0, len = 1;  // len: the step taken at this position
  };
  std::vector<Best> best(n + 1);
  auto better = [](size_t cov_a, size_t ph_a, size_t cov_b, size_t ph_b) {
    return cov_a != cov_b ? cov_a > cov_b : ph_a < ph_b;
  };
  std::vector<const std::vector<std::string>*> phrase_at(n * (table.longest + 1), nullptr);
  for (size_t i = n; i-- > 0;) {
    best[i] = Best{best[i + 1].covered, best[i + 1].phrases, 1};
    for (size_t len = 2; len <= table.longest && i + len <= n; ++len) {
      auto it = table.phrases.find(std::u32string(han.substr(i, len)));
      if (it == table.phrases.end() || it->second.size() != len) continue;
      phrase_at[i * (table.longest + 1) + len] = &it->second;
      size_t cov = best[i + len].covered + len, ph = best[i + len].phrases + 1;
      // Ties keep the phrase starting here over one starting later (>= for the single step).
      if (better(cov, ph, best[i].covered, best[i].phrases) ||
          (best[i].len == 1 && cov == best[i].covered && ph == best[i].phrases))
        best[i] = Best{cov, ph, len};
    }
  }
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n;) {
    size_t len = best[i].len;
    if (len > 1) {
      const auto* syllables = phrase_at[i * (table.longest + 1) + len];
      out.insert(out.end(), syllables->begin(), syllables->end());
    } else if (auto own = table.phrases.find(std::u32string(1, han[i]));
               own != table.phrases.end() && own->second.size() == 1) {
      out.push_back(own->second.front());  // the table's default for this character
    } else {
      auto r = toned_readings(han[i]);
      out.emplace_back(r.empty() ? std::string_view() : r.front());
    }
    i += len;
  }
  return out;
}

std::vector<std::string> pinyin(std::u32string_view han) {
  std::vector<std::string> out = toned_pinyin(han);
  for (std::string& syllable : out) syllable = without_tone(std::move(syllable));
  return out;
}

std::vector<std::vector<std::string>> syllables(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  for (const Run& run : split_runs(text)) {
    if (run.kind != RunKind::Han) continue;
    std::vector<std::string> run_syllables;
    for (std::string& syllable : pinyin(run.text))
      if (!syllable.empty()) run_syllables.push_back(std::move(syllable));
    if (!run_syllables.empty()) out.push_back(std::move(run_syllables));
  }
  return out;
}

std::vector<std::string> initials(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& run : syllables(text)) {
    std::string letters;
    for (const std::string& syllable : run) letters += syllable[0];
    out.push_back(std::move(letters));
  }
  return out;
}

namespace {

bool is_syllable(std::string_view s) {
  using namespace search_tables;
  const char* const* end = kSyllables + kSyllableCount;
  auto it =
      std::lower_bound(kSyllables, end, s, [](const char* a, std::string_view b) { return std::string_view(a) < b; });
  return it != end && std::string_view(*it) == s;
}

bool starts_syllable(std::string_view s) {
  using namespace search_tables;
  const char* const* end = kSyllables + kSyllableCount;
  auto it =
      std::lower_bound(kSyllables, end, s, [](const char* a, std::string_view b) { return std::string_view(a) < b; });
  return it != end && std::string_view(*it).substr(0, s.size()) == s;
}

}  // namespace

PinyinSplit split_pinyin(std::string_view letters) {
  constexpr size_t kLongestSyllable = 6;  // "zhuang", "shuang", "chuang"
  constexpr int kNone = 1 << 20;
  const size_t n = letters.size();
  // cost[i]: reading letters[i..n) as syllables: 2 per syllable, +1 when the last is only
  // the start of one; step[i]: the length taken at i (longest first among equal costs).
  std::vector<int> cost(n + 1, kNone);
  std::vector<size_t> step(n + 1, 0);
  cost[n] = 0;
  for (size_t i = n; i-- > 0;) {
    for (size_t len = std::min(kLongestSyllable, n - i); len >= 1; --len) {
      std::string_view piece = letters.substr(i, len);
      int c = kNone;
      if (is_syllable(piece) && cost[i + len] < kNone)
        c = cost[i + len] + 2;
      else if (i + len == n && starts_syllable(piece))
        c = 3;
      if (c < cost[i]) {
        cost[i] = c;
        step[i] = len;
      }
    }
  }
  PinyinSplit out;
  if (n == 0 || cost[0] >= kNone) return out;
  for (size_t i = 0; i < n; i += step[i]) out.syllables.emplace_back(letters.substr(i, step[i]));
  out.last_is_prefix = !is_syllable(out.syllables.back());
  return out;
}

}  // namespace bianmin::content::search
