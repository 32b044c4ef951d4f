// Text → toned pinyin for reading aloud (espeak-ng's cmn-latn-pinyin voice speaks toned
// pinyin well and Chinese characters badly, so the kiosk does the reading itself). Data
// only: no UI, no audio. Used by speech.hpp and by the benchmark.
//
// Promises:
//  - spoken_chinese(text) rewrites what a person would not read literally into the words
//    they would say: numbers as counts (400元 → 四百元, 3.5亩 → 三点五亩, 30万元 → 三十万元,
//    2寸 → 两寸), years and document years digit by digit (2026年 → 二零二六年,
//    〔2025〕 → 二零二五), dates (2026-01-15 → 二零二六年一月十五日), times (8:30 → 八点三十分),
//    phone numbers digit by digit with 1 as 幺 (0739-4826100), ranges with 到
//    (80-89岁 → 八十到八十九岁), percentages, units (km → 公里, ㎡ → 平方米, 元/月 → 元每月)
//    and known Latin abbreviations in Chinese (APP → 应用). Punctuation becomes a short
//    pause "，" (，、；：·()) or a long one "。" (。！？ and line breaks).
//  - Never spoken: masked numbers and names (430***1234, 张*华), digit runs of 15 or more
//    (identity and bank card numbers), web and mail addresses, other Latin words and codes.
//  - toned_pinyin(text) reads spoken_chinese(text) syllable by syllable with content's
//    readings and polyphone table (bianmin/content/pinyin.hpp), 不 and 一 changing tone before
//    a fourth tone the way speech does (不要 bu2 yao4, 一个 yi2 ge4), and the pauses written
//    "," and "." after the syllable before them: "yin2 hang2, ban4 li3." is never produced
//    with a leading or doubled pause and never ends in ",".
//  - sentences(text) is toned_pinyin(text) cut after each "." into pieces short enough to
//    synthesise one at a time (the first sound comes after the first piece, not the text).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace bianmin::speech {

std::string spoken_chinese(std::string_view text);
std::string toned_pinyin(std::string_view text);
std::vector<std::string> sentences(std::string_view text);

// Syllables in toned pinyin text (for the length a reading should take).
size_t syllable_count(std::string_view pinyin);

}  // namespace bianmin::speech
