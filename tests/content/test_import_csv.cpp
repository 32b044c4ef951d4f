// The RFC 4180 CSV reader (content/src/csv.hpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../content/src/csv.hpp"  // internal module under test

using bianmin::content::CsvReader;
using Fields = std::vector<std::string>;

TEST_CASE("plain and quoted fields, doubled quotes, commas and line breaks in quotes") {
  CsvReader r("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");
  Fields f;
  REQUIRE(r.next(f));
  CHECK(r.line() == 1);
  CHECK(f == Fields{"a", "b", "c"});
  REQUIRE(r.next(f));
  CHECK(r.line() == 2);
  CHECK(r.error().empty());
  CHECK(f == Fields{"x,1", "say \"hi\"", "two\nlines"});
  REQUIRE(r.next(f));
  CHECK(r.line() == 4);  // the quoted line break counts
  CHECK(f == Fields{"last", "", ""});
  CHECK_FALSE(r.next(f));
}

TEST_CASE("blank lines are skipped and the last line needs no line break") {
  CsvReader r("a\n\n\r\nb");
  Fields f;
  REQUIRE(r.next(f));
  REQUIRE(r.next(f));
  CHECK(r.line() == 4);
  CHECK(f == Fields{"b"});
  CHECK_FALSE(r.next(f));
}

TEST_CASE("a quote inside an unquoted field is broken quoting") {
  CsvReader r("a,b\n1,x\"y\n2,z\n");
  Fields f;
  REQUIRE(r.next(f));
  REQUIRE(r.next(f));
  CHECK(r.line() == 2);
  CHECK_FALSE(r.error().empty());
  REQUIRE(r.next(f));  // the next line reads normally
  CHECK(r.error().empty());
  CHECK(f == Fields{"2", "z"});
}

TEST_CASE("text after a closing quote is broken quoting") {
  CsvReader r("\"a\"b,c\nd,e\n");
  Fields f;
  REQUIRE(r.next(f));
  CHECK_FALSE(r.error().empty());
  REQUIRE(r.next(f));
  CHECK(f == Fields{"d", "e"});
}

TEST_CASE("an unterminated quote costs only its own line") {
  CsvReader r("h1,h2\n\"open,1\n2,3\n4,5\n");
  Fields f;
  REQUIRE(r.next(f));
  REQUIRE(r.next(f));
  CHECK(r.line() == 2);
  CHECK(r.error().find("引号") != std::string::npos);
  REQUIRE(r.next(f));
  CHECK(r.line() == 3);
  CHECK(f == Fields{"2", "3"});
  REQUIRE(r.next(f));
  CHECK(r.line() == 4);
}
