// Folding and tokenising for search (content/src/search_text.hpp).
#include <doctest/doctest.h>

#include "../../content/src/search_text.hpp"  // internal module under test

using namespace bianmin::content::search;

TEST_CASE("traditional characters fold to simplified") {
  CHECK(fold("養老保險") == "养老保险");
  CHECK(fold("銀行帳戶") == "银行帐户");
  CHECK(fold("殘疾人") == "残疾人");
  CHECK(fold("醫療") == "医疗");
}

TEST_CASE("simplified text, digits and punctuation are left as they are") {
  CHECK(fold("城乡居民养老保险") == "城乡居民养老保险");
  CHECK(fold("云政办发〔2024〕12号") == "云政办发〔2024〕12号");
}

TEST_CASE("full-width letters and digits fold to lower-case ASCII") {
  CHECK(fold("ＹＬＢＸ") == "ylbx");
  CHECK(fold("２０２４年") == "2024年");
  CHECK(fold("ETC") == "etc");
}

TEST_CASE("text splits into Han runs and word runs at punctuation") {
  auto runs = split_runs("云政办发〔2024〕12号");
  REQUIRE(runs.size() == 4);
  CHECK(runs[0].kind == RunKind::Han);
  CHECK(bianmin::utf8::encode(runs[0].text) == "云政办发");
  CHECK(runs[1].kind == RunKind::Word);
  CHECK(bianmin::utf8::encode(runs[1].text) == "2024");
  CHECK(bianmin::utf8::encode(runs[2].text) == "12");
  CHECK(bianmin::utf8::encode(runs[3].text) == "号");
  for (const auto& r : runs) CHECK(r.group == 0);
}

TEST_CASE("whitespace starts a new group, punctuation does not") {
  auto runs = split_runs("养老 保险，登记");
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].group == 0);
  CHECK(runs[1].group == 1);
  CHECK(runs[2].group == 1);
  CHECK(split_runs("  ，。!? ").empty());
}

TEST_CASE("a Han run is indexed as bigrams and its final character") {
  CHECK(index_tokens("养老保险") == "养老 老保 保险 险");
  CHECK(index_tokens("碑") == "碑");
  CHECK(index_tokens("低保2024年") == "低保 保 2024 年");
  CHECK(index_tokens("養老") == "养老 老");
}

TEST_CASE("invalid UTF-8 never breaks tokenising") {
  std::string bad = "养老\xff\xfe保险\xe5";
  CHECK(index_tokens(bad) == "养老 老 保险 险");
}
