// Toned pinyin of Chinese text, for reading it aloud (kiosk/speech). The same readings and
// the same curated polyphone phrase table as search (content/src/search_polyphones.cpp), so
// a correction there serves both.
//
// Promises:
//  - toned_pinyin(han) reads a run of Han characters (traditional ones are folded first)
//    syllable by syllable: "银行" → {"yin2", "hang2"}. Tones are digits 1–4, the neutral tone
//    5; ü is written v ("lv4"). Polyphones follow the phrase table (执行|长期 → zhi2 xing2
//    chang2 qi1); elsewhere a character's customary reading (Unihan kMandarin). A character
//    with no Mandarin reading gives "".
//  - is_han(cp) is true for the characters toned_pinyin() reads (CJK ideographs and 〇).
//  - decode_utf8 / encode_utf8 convert text; invalid bytes decode as U+FFFD.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace bianmin::content {

std::vector<std::string> toned_pinyin(std::u32string_view han);
bool is_han(char32_t cp);
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

}  // namespace bianmin::content
