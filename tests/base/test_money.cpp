// Money as yuan text (base/include/bianmin/base/money.hpp).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "bianmin/base/money.hpp"

using bianmin::money::format_yuan;
using bianmin::money::format_yuan_plain;

TEST_CASE("fen are written as yuan with two decimals") {
  CHECK(format_yuan(0) == "0.00");
  CHECK(format_yuan(1) == "0.01");
  CHECK(format_yuan(10) == "0.10");
  CHECK(format_yuan(100) == "1.00");
  CHECK(format_yuan(36960) == "369.60");
}

TEST_CASE("thousands are grouped with commas") {
  CHECK(format_yuan(99999) == "999.99");
  CHECK(format_yuan(100000) == "1,000.00");
  CHECK(format_yuan(123456789) == "1,234,567.89");
  CHECK(format_yuan(100000000000) == "1,000,000,000.00");
}

TEST_CASE("negative amounts carry a minus sign before the grouped digits") {
  CHECK(format_yuan(-1) == "-0.01");
  CHECK(format_yuan(-150) == "-1.50");
  CHECK(format_yuan(-123456) == "-1,234.56");
}

TEST_CASE("the extremes of int64 are exact") {
  CHECK(format_yuan(std::numeric_limits<int64_t>::max()) == "92,233,720,368,547,758.07");
  CHECK(format_yuan(std::numeric_limits<int64_t>::min()) == "-92,233,720,368,547,758.08");
}

TEST_CASE("the plain form has no grouping") {
  CHECK(format_yuan_plain(123456789) == "1234567.89");
  CHECK(format_yuan_plain(5) == "0.05");
  CHECK(format_yuan_plain(-150) == "-1.50");
}
