#include <doctest/doctest.h>

#include "bianmin/base/result.hpp"

using bianmin::Problem;

TEST_CASE("a problem prints as file:line: field: message") {
  Problem p{"guides/dibao.yaml", 12, "materials[1].copies", "份数必须是正整数"};
  CHECK(p.to_string() == "guides/dibao.yaml:12: materials[1].copies: 份数必须是正整数");
}

TEST_CASE("a problem leaves out the parts it does not know") {
  CHECK(Problem{"", 0, "", "无法打开"}.to_string() == "无法打开");
  CHECK(Problem{"site.yaml", 0, "", "缺少字段"}.to_string() == "site.yaml: 缺少字段");
}
