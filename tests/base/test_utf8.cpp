// The one UTF-8 decoder and encoder (base/include/bianmin/base/utf8.hpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bianmin/base/utf8.hpp"

namespace utf8 = bianmin::utf8;

namespace {
std::u32string decode_all(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += utf8::decode(s, i);
  return out;
}
}  // namespace

TEST_CASE("well-formed UTF-8 of every length decodes to its code points") {
  CHECK(decode_all("") == U"");
  CHECK(decode_all("a") == U"a");
  CHECK(decode_all("é") == U"é");            // 2 bytes
  CHECK(decode_all("桐溪镇") == U"桐溪镇");  // 3 bytes
  CHECK(decode_all("𠀀") == U"𠀀");          // 4 bytes
  CHECK(decode_all("\x7f\xdf\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf") ==
        U"\x7f\x7ff\xffff\x10ffff");  // the largest of each length
}

TEST_CASE("encoding then decoding gives back every code point") {
  for (char32_t cp : {U'\0', U'A', char32_t{0x80}, char32_t{0x7FF}, char32_t{0x800}, char32_t{0xD7FF}, char32_t{0xE000},
                      char32_t{0xFFFD}, char32_t{0xFFFF}, char32_t{0x10000}, char32_t{0x10FFFF}}) {
    CAPTURE(static_cast<unsigned>(cp));
    const std::string s = utf8::encode(cp);
    std::size_t i = 0;
    CHECK(utf8::decode(s, i) == cp);
    CHECK(i == s.size());
    CHECK(utf8::find_invalid(s) == utf8::npos);
  }
  CHECK(utf8::encode(U"桐溪a") == "桐溪a");
}

TEST_CASE("surrogates and values above U+10FFFF are encoded as U+FFFD") {
  CHECK(utf8::encode(char32_t{0xD800}) == "\xef\xbf\xbd");
  CHECK(utf8::encode(char32_t{0x110000}) == "\xef\xbf\xbd");
}

TEST_CASE("ill-formed UTF-8 is found at its byte offset") {
  CHECK(utf8::find_invalid("") == utf8::npos);
  CHECK(utf8::find_invalid("abc 桐溪镇 𠀀") == utf8::npos);
  CHECK(utf8::find_invalid("ab\xff") == 2);
  CHECK(utf8::find_invalid("桐\xe6\xba") == 3);        // truncated sequence
  CHECK(utf8::find_invalid("x\xc0\xaf") == 1);         // overlong '/'
  CHECK(utf8::find_invalid("\xe0\x80\xaf") == 0);      // overlong, 3 bytes
  CHECK(utf8::find_invalid("\xf0\x80\x80\xaf") == 0);  // overlong, 4 bytes
  CHECK(utf8::find_invalid("\xed\xa0\x80") == 0);      // surrogate
  CHECK(utf8::find_invalid("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(utf8::find_invalid("\xd4\xc6\xcf\xaa") == 0);  // GBK "云溪"
  CHECK(utf8::find_invalid("a\x80") == 1);             // a stray continuation byte
  CHECK(utf8::find_invalid("\xe6\x41\x41") == 0);      // a lead byte followed by ASCII
}

TEST_CASE("each bad byte decodes to one U+FFFD and decoding resumes at the next byte") {
  CHECK(decode_all("a\xffz") == U"a\xfffdz");
  CHECK(decode_all("\xe6\xba") == U"\xfffd\xfffd");            // cut short at the end
  CHECK(decode_all("\xe6\xba桐") == U"\xfffd\xfffd桐");        // cut short before a character
  CHECK(decode_all("\xc0\xaf") == U"\xfffd\xfffd");            // overlong
  CHECK(decode_all("\xed\xa0\x80") == U"\xfffd\xfffd\xfffd");  // surrogate
  const std::string lone = "\xf0";                             // nothing after a 4-byte lead
  std::size_t i = 0;
  CHECK(utf8::decode(lone, i) == utf8::kReplacement);
  CHECK(i == 1);
}

TEST_CASE("decode_at says how long the character is and whether it was well-formed") {
  const auto d = utf8::decode_at("x桐", 1);
  CHECK(d.valid);
  CHECK(d.size == 3);
  CHECK(d.cp == U'桐');
  const auto bad = utf8::decode_at("\x80", 0);
  CHECK_FALSE(bad.valid);
  CHECK(bad.size == 1);
}

TEST_CASE("length counts characters, not bytes") {
  CHECK(utf8::length("") == 0);
  CHECK(utf8::length("桐溪a") == 3);
  CHECK(utf8::length("𠀀") == 1);
  CHECK(utf8::length("a\xff") == 2);  // a bad byte counts as one
}

TEST_CASE("cut never splits a character") {
  CHECK(utf8::cut("桐溪镇", 9) == "桐溪镇");
  CHECK(utf8::cut("桐溪镇", 8) == "桐溪");
  CHECK(utf8::cut("桐溪镇", 6) == "桐溪");
  CHECK(utf8::cut("桐溪镇", 2) == "");
  CHECK(utf8::cut("ab桐", 3) == "ab");
  CHECK(utf8::cut("abc", 0) == "");
}

TEST_CASE("continuation bytes are recognised") {
  CHECK(utf8::is_continuation(0x80));
  CHECK(utf8::is_continuation(0xBF));
  CHECK_FALSE(utf8::is_continuation('a'));
  CHECK_FALSE(utf8::is_continuation(0xE6));
}

TEST_CASE("pop_back removes one whole character") {
  std::string s = "a桐𠀀";
  utf8::pop_back(s);
  CHECK(s == "a桐");
  utf8::pop_back(s);
  CHECK(s == "a");
  utf8::pop_back(s);
  CHECK(s.empty());
  utf8::pop_back(s);  // nothing to remove
  CHECK(s.empty());
}
