#include "bianmin/ime/pinyin.hpp"

#include <pinyinime.h>

#include <atomic>
#include <cstdlib>
#include <set>

#include "bianmin/base/utf8.hpp"

namespace bianmin::ime {
namespace {

std::atomic<bool> g_open{false};  // googlepinyin's decoder is a process-wide singleton

std::string utf8_of(const ime_pinyin::char16* s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && s[i]; ++i) {
    unsigned c = s[i];
    // surrogate pairs do not occur in the dictionary (BMP only); skip them if they do
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    utf8::append(out, c);
  }
  return out;
}

}  // namespace

std::filesystem::path default_pinyin_dictionary() {
  if (const char* env = std::getenv("BIANMIN_PINYIN_DICT"); env && *env) return env;
  return BIANMIN_PINYIN_DICT_PATH;
}

Result<std::unique_ptr<PinyinDecoder>> PinyinDecoder::open(const std::filesystem::path& dictionary) {
  using R = Result<std::unique_ptr<PinyinDecoder>>;
  if (g_open.exchange(true)) return R::fail("a pinyin decoder is already open in this process");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dictionary, ec)) {
    g_open = false;
    return R::fail("the pinyin dictionary is missing (package libgooglepinyin0)", dictionary.string());
  }
  // The user dictionary (learning) is deliberately a path that cannot exist: googlepinyin then
  // runs on the system dictionary alone and writes nothing.
  if (!ime_pinyin::im_open_decoder(dictionary.c_str(), "/nonexistent/bianmin/no-user-dictionary")) {
    g_open = false;
    return R::fail("googlepinyin cannot read the pinyin dictionary", dictionary.string());
  }
  ime_pinyin::im_set_max_lens(32, 16);
  return std::unique_ptr<PinyinDecoder>(new PinyinDecoder());
}

PinyinDecoder::~PinyinDecoder() {
  ime_pinyin::im_close_decoder();
  g_open = false;
}

std::vector<PinyinCandidate> PinyinDecoder::candidates(std::string_view letters, size_t max) const {
  std::vector<PinyinCandidate> out;
  if (letters.empty() || max == 0 || letters.size() > 32) return out;
  for (char c : letters)
    if (c < 'a' || c > 'z') return out;
  ime_pinyin::im_reset_search();
  const size_t n = ime_pinyin::im_search(letters.data(), letters.size());
  const ime_pinyin::uint16* starts = nullptr;
  const size_t syllables = ime_pinyin::im_get_spl_start_pos(starts);
  std::set<std::string> seen;
  ime_pinyin::char16 buf[40];
  for (size_t k = 0; k < n && out.size() < max; ++k) {
    if (!ime_pinyin::im_get_candidate(k, buf, 39)) continue;
    buf[39] = 0;
    size_t chars = 0;
    while (chars < 39 && buf[chars]) ++chars;
    if (chars == 0) continue;
    std::string text = utf8_of(buf, chars);
    if (!seen.insert(text).second) continue;
    // Every candidate spells the first `chars` syllables; the sentence candidate (k = 0) may
    // span them all. starts[i] is where syllable i begins in the letters.
    size_t used = letters.size();
    if (starts && chars < syllables) used = starts[chars];
    out.push_back(PinyinCandidate{std::move(text), used});
  }
  return out;
}

}  // namespace bianmin::ime
