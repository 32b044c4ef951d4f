// Text encodings of source files (content/src/text_encoding.hpp).
#include <doctest/doctest.h>
#include <iconv.h>

#include "../../content/src/text_encoding.hpp"  // internal module under test

using namespace bianmin::content::text;

TEST_CASE("well-formed UTF-8, including 4-byte characters, is valid") {
  CHECK(find_invalid_utf8("") == npos);
  CHECK(find_invalid_utf8("abc 桐溪镇 𠀀") == npos);
}

TEST_CASE("ill-formed UTF-8 is found at its byte offset") {
  CHECK(find_invalid_utf8("ab\xff") == 2);
  CHECK(find_invalid_utf8("桐\xe6\xba") == 3);               // truncated sequence
  CHECK(find_invalid_utf8("x\xc0\xaf") == 1);                // overlong '/'
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0);             // surrogate
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0);         // above U+10FFFF
  CHECK(find_invalid_utf8("\xd4\xc6\xcf\xaa") == 0);        // GBK "云溪"
}

TEST_CASE("a UTF-8 byte-order mark is stripped once") {
  std::string_view s = "\xef\xbb\xbfid: a";
  CHECK(strip_utf8_bom(s));
  CHECK(s == "id: a");
  CHECK_FALSE(strip_utf8_bom(s));
}

TEST_CASE("GB18030 bytes convert to UTF-8") {
  auto r = gb18030_to_utf8("\xcd\xa9\xcf\xaa,abc\n");
  REQUIRE(r.ok());
  CHECK(r.value() == "桐溪,abc\n");
}

TEST_CASE("bytes that are not GB18030 are reported with their line") {
  auto r = gb18030_to_utf8("ok\nok\n\xcd");  // a lead byte with nothing after it
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 3);
}

TEST_CASE("lines are counted from 1 and characters are code points") {
  CHECK(line_at("a\nb\nc", 0) == 1);
  CHECK(line_at("a\nb\nc", 4) == 3);
  CHECK(utf8_length("桐溪a") == 3);
}
