// cards/*.yaml: convenience cards and the one-slip rule (content/FORMAT.md).
#include <doctest/doctest.h>

#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

static const char* kCard = "cards/dibao.yaml";

TEST_CASE("a card linked to a guide takes the guide's QR target and topic") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  const auto& c = r.content.cards.at(0);
  CHECK(c.guide_code == "530129000MZ-JF-0001");
  CHECK(c.online_url == "https://zwfw.yunxi.gov.cn/item/530129000MZ-JF-0001");
  CHECK(c.topic_id == "minzhengjiuzhu");
  CHECK(c.bring == std::vector<std::string>{"居民身份证", "户口簿"});
}

TEST_CASE("a card naming a guide that does not exist is reported") {
  SourceFixture fx;
  fx.replace(kCard, "guide: 530129000MZ-JF-0001", "guide: 530129000MZ-JF-0002");
  auto r = fx.import();
  CHECK_PROBLEM(r, kCard, 3, "guide", "530129000MZ-JF-0002");
}

TEST_CASE("a card with more than 8 things to bring does not fit a slip") {
  SourceFixture fx;
  fx.replace(kCard, "bring: [居民身份证, 户口簿]", "bring: [甲, 乙, 丙, 丁, 戊, 己, 庚, 辛, 壬]");
  auto r = fx.import();
  CHECK_PROBLEM(r, kCard, 5, "bring", "最多8项，现在有9项");
}

TEST_CASE("a card with more than 360 characters of text does not fit a slip") {
  SourceFixture fx;
  std::string who;
  for (int i = 0; i < 40; ++i) who += "本地户籍居民之一";  // 320 characters
  fx.replace(kCard, "who: 家庭人均收入低于本地低保标准的本地户籍居民", "who: " + who);
  auto r = fx.import();
  CHECK_PROBLEM(r, kCard, 1, "", "最多360个字");
}

TEST_CASE("a card's own URL must be https on an allowed host") {
  SourceFixture fx;
  fx.append(kCard, "online_url: https://example.com/pay\n");
  auto r = fx.import();
  CHECK_PROBLEM(r, kCard, 12, "online_url", "example.com");
}

TEST_CASE("a card's unknown topic, duplicate id and raw identifiers are reported") {
  SourceFixture fx;
  fx.append(kCard, "topic: shebao\n");
  fx.replace(kCard, "where: 镇便民服务中心1号窗口", "where: 找王会计13912345678，镇便民服务中心1号窗口");
  fx.write("cards/zz.yaml", test::read_file(fx.root() / kCard));
  auto r = fx.import();
  CHECK_PROBLEM(r, kCard, 12, "topic", "主题“shebao”");
  CHECK_PROBLEM(r, kCard, 6, "where", "手机号");
  CHECK_PROBLEM(r, "cards/zz.yaml", 1, "id", "重复");
}

TEST_CASE("a card missing a required field is reported") {
  SourceFixture fx;
  fx.replace(kCard, "cost: 不收费\n", "");
  auto r = fx.import();
  CHECK_PROBLEM(r, kCard, 0, "cost", "缺少必填项（花多少钱）");
}
