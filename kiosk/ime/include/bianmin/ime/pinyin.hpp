// Full pinyin to Chinese characters and words with Debian's libgooglepinyin (the Android
// pinyin engine; its 1 MB system dictionary ships in libgooglepinyin0).
//
// Why googlepinyin and not libpinyin: it reads one read-only dictionary file and needs no
// writable user directory (libpinyin keeps a per-user database it updates as people type:
// on a public kiosk that would learn, and later suggest, what the last villager typed); it
// opens in ~10 ms and answers a spelling in well under a millisecond; it splits initials
// ("yb" → 一般, 医保…) as well as full syllables ("yibao" → 医保) and mixes of both.
//
// Promises:
//  - candidates() is pure in effect: no learning, nothing written to disk, the same letters
//    give the same list. The user dictionary is never opened.
//  - googlepinyin keeps one global decoder per process, so only one PinyinDecoder may be
//    open at a time (open() fails otherwise); use it from one thread.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::ime {

struct PinyinCandidate {
  std::string text;         // UTF-8, one or more characters
  size_t letters_used = 0;  // how many of the typed letters it spells (from the start)
};

// Where Debian's package puts the dictionary; BIANMIN_PINYIN_DICT overrides it.
std::filesystem::path default_pinyin_dictionary();

class PinyinDecoder {
 public:
  static Result<std::unique_ptr<PinyinDecoder>> open(const std::filesystem::path& dictionary);
  ~PinyinDecoder();
  PinyinDecoder(const PinyinDecoder&) = delete;
  PinyinDecoder& operator=(const PinyinDecoder&) = delete;

  // Candidates for lower-case letters a–z ("yibao", "yb", "shebaok"), the whole phrase first
  // when the dictionary has one, then words and characters for the letters' beginning.
  // At most `max` entries, no duplicates. Anything but a–z gives none.
  std::vector<PinyinCandidate> candidates(std::string_view letters, size_t max) const;

 private:
  PinyinDecoder() = default;
};

}  // namespace bianmin::ime
