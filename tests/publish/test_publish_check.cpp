// bianmin-publish check SRC: what a hall worker sees.
#include <doctest/doctest.h>

#include "publish_fixture.hpp"

using namespace bianmin::test;

TEST_CASE("check on a clean source exits 0 with a summary of what it holds") {
  SourceCopy s;
  auto r = publish({"check", s.src()});
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("检查通过") != std::string::npos);
  CHECK(r.output.find("1 个办事指南") != std::string::npos);
  CHECK(r.output.find("1 张明白卡") != std::string::npos);
  CHECK(r.output.find("2 份资金公示：3 行发放明细，1 个项目") != std::string::npos);
}

TEST_CASE("check prints every problem as file:line: field: message and exits 1") {
  SourceCopy s;
  s.replace("guides/dibao.yaml", "    form: 原件\n    copies: 1\nprocess", "    form: 原件\n    copies: 两份\nprocess");
  s.replace("funds/gengdi.csv", "528.00", "528.001");
  auto r = publish({"check", s.src()});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(
      r.output.find("guides/dibao.yaml:20: materials[2].copies: 份数必须是正整数，现在是“两份”\n") != std::string::npos,
      r.output);
  CHECK(r.output.find("funds/gengdi.csv:2: 金额: 金额最多两位小数") != std::string::npos);
  CHECK(r.output.find(s.src()) == std::string::npos);            // paths are relative to SRC
  CHECK(r.output.find("共发现 2 个问题") != std::string::npos);  // the total is not re-added with a bad row
}

TEST_CASE("check without a source directory is a usage error") {
  auto r = publish({"check"});
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("用法：bianmin-publish check SRC") != std::string::npos);
}

TEST_CASE("check on a directory that does not exist exits 1") {
  auto r = publish({"check", "/nonexistent/bianmin-src"});
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("源目录不存在") != std::string::npos);
}

TEST_CASE("an unknown subcommand lists the ones there are") {
  auto r = publish({"frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("bianmin-publish check") != std::string::npos);
  auto h = publish({"--help"});
  CHECK(h.exit_code == 0);
  CHECK(h.output.find("check") != std::string::npos);
}

TEST_CASE("check and build print warnings with file:line and still pass") {
  SourceCopy s;
  s.replace("cards/dibao.yaml", "title: 低保申请明白卡", "title: 低保\u200b申请明白卡");
  auto r = publish({"check", s.src()});
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(r.output.find("cards/dibao.yaml:2: title: 提醒：删掉了1个看不见的字符") != std::string::npos, r.output);
  CHECK(r.output.find("共 1 条提醒") != std::string::npos);
  CHECK(r.output.find("检查通过") != std::string::npos);
  TempDir out("bianmin-publish-warn");
  auto b = publish({"build", s.src(), "-o", (out / "content.db").string()});
  CHECK_MESSAGE(b.exit_code == 0, b.output);
  CHECK(b.output.find("cards/dibao.yaml:2: title: 提醒：") != std::string::npos);
}

TEST_CASE("an emoji in a card title refuses the publication") {
  SourceCopy s;
  s.replace("cards/dibao.yaml", "title: 低保申请明白卡", "title: 低保申请明白卡😀");
  auto r = publish({"check", s.src()});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.output.find("cards/dibao.yaml:2: title: 标题里不能有表情符号") != std::string::npos, r.output);
}
