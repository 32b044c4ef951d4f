// The public face of search's pinyin for reading aloud (bianmin/content/pinyin.hpp).
#include "bianmin/content/pinyin.hpp"

#include "bianmin/base/utf8.hpp"
#include "search_pinyin.hpp"
#include "search_text.hpp"

namespace bianmin::content {

std::vector<std::string> toned_pinyin(std::u32string_view han) {
  std::u32string folded;
  folded.reserve(han.size());
  for (char32_t cp : han) folded += search::fold_char(cp);
  return search::toned_pinyin(folded);
}

bool is_han(char32_t cp) { return search::is_han(cp); }

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  for (size_t i = 0; i < text.size();) out += utf8::decode(text, i);
  return out;
}

std::string encode_utf8(std::u32string_view text) { return utf8::encode(text); }

}  // namespace bianmin::content
