// Pinyin for search: readings from Unicode's Unihan database (generated at build time, see
// content/tools/gen_search_tables.cpp) and a small curated table of polyphone phrases.
//
// Promises:
//  - readings(cp) lists a Han character's toneless readings ("xing", "hang", …; ü as "v"),
//    the default first (Unihan kMandarin, the customary zh-Hans reading). Empty for
//    characters without a Mandarin reading and for non-Han characters.
//  - pinyin(text) reads folded Han text syllable by syllable: the run is segmented into
//    phrases of the polyphone table (covering the most characters, 执行|长期 not 执|行长|期),
//    which give their readings (银行 → yin hang, 行长 → hang zhang, 长期 → chang qi);
//    elsewhere a character's default reading is used.
//    A character takes an alternative reading only where the phrase table says so; a
//    single character listed alone in the table gets that reading as its default.
//  - toned_readings(cp) and toned_pinyin(han) are the same with tones ("xing2", "hang2",
//    neutral "de5"), for reading aloud; pinyin() is toned_pinyin() without the digits.
//  - initials(text) gives, for each run of Han characters in `text` (folded first), the
//    string of the first letters of pinyin(run): "城乡居民养老保险" → "cxjmylbx". Non-Han
//    characters end a run, so a query never matches across a number or punctuation.
//  - syllables() is the same reading with whole syllables, for queries typed in full pinyin.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bianmin::content::search {

std::vector<std::string_view> readings(char32_t cp);
std::vector<std::string_view> toned_readings(char32_t cp);

// One curated phrase: simplified Han characters and space-separated toned syllables
// ("yin2 hang2"), one per character, each of which must be among that character's Unihan
// readings (any character may take the neutral tone 5).
struct PolyphonePhrase {
  std::string_view phrase;
  std::string_view pinyin;
};
std::span<const PolyphonePhrase> polyphone_phrases();

// Syllables of a run of folded Han characters ("" for a character with no reading).
std::vector<std::string> pinyin(std::u32string_view han);
// The same with tones: "银行" → {"yin2", "hang2"}.
std::vector<std::string> toned_pinyin(std::u32string_view han);

// Initials of every Han run of `text`, in order.
std::vector<std::string> initials(std::string_view text);

// Full pinyin of every Han run of `text` (folded first), one syllable per character with a
// reading: "城乡居民" → {"cheng", "xiang", "ju", "min"}.
std::vector<std::vector<std::string>> syllables(std::string_view text);

// Splits letters typed as full pinyin into syllables, fewest first ("yanglao" → yang lao,
// "xian" → xian); the last may be the start of a syllable still being typed ("yangl" →
// yang l). Empty when the letters cannot be read as pinyin ("ylbx").
struct PinyinSplit {
  std::vector<std::string> syllables;
  bool last_is_prefix = false;
};
PinyinSplit split_pinyin(std::string_view letters);

}  // namespace bianmin::content::search
