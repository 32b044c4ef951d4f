// Routes: the paths --route and scripts use, and the navigation stack.
#include <doctest/doctest.h>

#include "screens/route.hpp"

using namespace bianmin::kiosk;

TEST_CASE("every screen's route reads back as itself") {
  for (const char* text :
       {"home", "guides/dept", "guides/topic/shehuibaozhang", "guide/62052400SB-GG-0001", "cards", "card/dibao",
        "funds", "funds/qingshi", "funds/qingshi/gengdi-2026", "policies", "policy/yanglao-2024", "search/YLBX",
        "search", "feedback", "feedback/62052400SB-GG-0001", "staff", "notice/yimiao", "guides/cat/zwfw/bszn"}) {
    auto r = parse_route(text);
    REQUIRE_MESSAGE(r.has_value(), text);
    CHECK(to_string(*r) == text);
  }
}

TEST_CASE("catalogue ids may contain slashes") {
  auto r = parse_route("guides/cat/zwfw/bszn");
  REQUIRE(r);
  CHECK(r->screen == Screen::GuideList);
  CHECK(r->tab == GuideTab::Catalogue);
  CHECK(r->id == "zwfw/bszn");
}

TEST_CASE("unknown or malformed routes are refused") {
  for (const char* text : {"nowhere", "guide", "guide/", "funds/a/b/c", "guides/bogus/x", "card//x"})
    CHECK_MESSAGE(!parse_route(text).has_value(), text);
}

TEST_CASE("the route stack never loses home and resets to it") {
  RouteStack s;
  CHECK(s.top().screen == Screen::Home);
  s.pop();
  CHECK(s.depth() == 1);
  s.push(*parse_route("guides"));
  s.push(*parse_route("guide/X"));
  s.push(*parse_route("guide/X"));  // the same screen twice is one entry
  CHECK(s.depth() == 3);
  s.pop();
  CHECK(s.top().screen == Screen::Guides);
  s.push(*parse_route("home"));  // going home clears the path
  CHECK(s.depth() == 1);
}
