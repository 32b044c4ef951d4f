// Text encodings of source files (content/src/text_encoding.hpp); UTF-8 itself is tested in
// tests/base/test_utf8.cpp.
#include <doctest/doctest.h>
#include <iconv.h>

#include "../../content/src/text_encoding.hpp"  // internal module under test

using namespace bianmin::content::text;

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

TEST_CASE("lines are counted from 1") {
  CHECK(line_at("a\nb\nc", 0) == 1);
  CHECK(line_at("a\nb\nc", 4) == 3);
}
