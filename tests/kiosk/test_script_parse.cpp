// The script language of --script: what it accepts and how it reports mistakes.
#include <doctest/doctest.h>

#include "app/script.hpp"

using namespace bianmin::kiosk;

TEST_CASE("a script with every kind of step parses in order") {
  auto r = parse_script(
      "# comment\n"
      "tap \"办事指南\"\n"
      "tap 10 20\n"
      "drag 1 2 3 4\n"
      "drag 1 2 3 4 500\n"
      "hold 5 5 5000\n"
      "wait 100\n"
      "expect \"城乡 居民\"\n"
      "expect-not \"x\"\n"
      "shot out.png\n"
      "route guide/A\n"
      "swap-content new.db\n",
      "s.txt");
  REQUIRE(r.ok());
  const auto& s = *r;
  REQUIRE(s.size() == 11);
  CHECK(s[0].kind == ScriptStep::Kind::TapLabel);
  CHECK(s[0].text == "办事指南");
  CHECK(s[0].line == 2);
  CHECK(s[1].kind == ScriptStep::Kind::TapPoint);
  CHECK(s[1].x1 == 10);
  CHECK(s[2].ms == 300);
  CHECK(s[3].ms == 500);
  CHECK(s[4].kind == ScriptStep::Kind::Hold);
  CHECK(s[6].text == "城乡 居民");
  CHECK(s[7].kind == ScriptStep::Kind::ExpectNot);
  CHECK(s[10].kind == ScriptStep::Kind::SwapContent);
}

TEST_CASE("a bad step is reported with its file and line") {
  auto r = parse_script("wait 10\nfly away\n", "s.txt");
  REQUIRE(!r.ok());
  CHECK(r.error().file == "s.txt");
  CHECK(r.error().line == 2);
  CHECK(r.error().message.find("fly away") != std::string::npos);
}

TEST_CASE("an unclosed quote is refused") {
  auto r = parse_script("tap \"办事\n", "s.txt");
  CHECK(!r.ok());
}
