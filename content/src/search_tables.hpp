// Tables generated at build time by content/tools/gen_search_tables.cpp (see
// content/tools/search_tables.cmake): pinyin readings from Unicode's Unihan database and
// traditional-to-simplified folding from OpenCC. Internal to content/; use search_text.hpp
// and search_pinyin.hpp instead of reading these directly.
#pragma once
#include <cstdint>

namespace bianmin::content::search_tables {

struct PinyinEntry {
  uint32_t cp;      // Han code point
  uint32_t packed;  // index of its first reading in kReadingIds << 4 | number of readings
};

struct FoldEntry {
  uint32_t from;  // traditional (or variant) code point
  uint32_t to;    // simplified code point
};

extern const char* const kSyllables[];  // toneless pinyin, sorted ("a", "ai", … "zuo")
extern const unsigned kSyllableCount;
extern const PinyinEntry kPinyin[];  // sorted by cp
extern const unsigned kPinyinCount;
extern const unsigned short kReadingIds[];  // indices into kSyllables; the default first
// The same characters with toned readings for reading aloud: "xing2", "hang2", "de5" (neutral
// tone 5, ü as v), the default first, distinct toned forms kept (为: wei4, wei2).
extern const char* const kTonedSyllables[];  // sorted
extern const unsigned kTonedSyllableCount;
extern const PinyinEntry kTonedPinyin[];  // sorted by cp
extern const unsigned kTonedPinyinCount;
extern const unsigned short kTonedReadingIds[];  // indices into kTonedSyllables
extern const FoldEntry kTradToSimp[];            // sorted by from
extern const unsigned kTradToSimpCount;

}  // namespace bianmin::content::search_tables
