// Start-up fonts: the first frame is drawn with an atlas of just the characters the first
// screen shows (found by a layout pass), so the kiosk is on screen fast; the next frame builds
// the atlas of every character of UI and content, so no later screen waits for glyphs.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "app/app.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

std::unique_ptr<kiosk::App> open_app(const TempDir& dir, const std::string& route, bool elder) {
  kiosk::KioskOptions o;
  o.headless = true;
  o.content = dir / "content.db";
  o.state_dir = dir.path() / "state";
  o.today = kFixtureToday;
  o.now_time = "10:30";
  o.route = route;
  o.elder = elder;
  auto app = kiosk::App::create(o);
  REQUIRE_MESSAGE(app.ok(), app.error().to_string());
  return std::move(*app);
}

bool has_glyph(ImFont* f, const char* utf8) {
  unsigned cp = 0;
  ImTextCharFromUtf8(&cp, utf8, nullptr);
  return f->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
}

}  // namespace

TEST_CASE("the first frame has every character it shows; the full atlas follows from the work lane") {
  TempDir dir("kiosk-startup-fonts");
  write_kiosk_cache(dir / "content.db");
  for (const char* route : {"home", "guide/62052400SB-GG-0001", "funds/qingshi/gengdi-2026"}) {
    for (bool elder : {false, true}) {
      INFO(route << (elder ? " elder" : ""));
      auto app = open_app(dir, route, elder);
      app->frame();
      // Nothing the first frame drew was missing from the atlas...
      CHECK(app->ui().missing_glyphs.empty());
      CHECK_FALSE(app->ui().texts.empty());
      const size_t first = app->fonts().glyphs;
      // ...and it held only part of what the whole content needs: some characters of the
      // departments' names and the guides (shown on other screens) are not in it yet.
      const char* elsewhere = "青石镇农业农村综合服务中心民政办公室城乡居民基本养老保险参保登记临时救助申请";
      int lacking = 0;
      for (const char* p = elsewhere; *p;) {
        char one[5] = {};
        unsigned cp = 0;
        const int n = ImTextCharFromUtf8(&cp, p, nullptr);
        std::copy(p, p + n, one);
        if (!has_glyph(app->fonts().body, one)) ++lacking;
        p += n;
      }
      if (std::string(route) == "home") CHECK(lacking > 0);
      // The full atlas is built on the work lane and installed between two frames.
      app->settle();
      CHECK(app->fonts_complete());
      CHECK(app->fonts().glyphs > first);
      for (const char* p = elsewhere; *p;) {
        char one[5] = {};
        unsigned cp = 0;
        const int n = ImTextCharFromUtf8(&cp, p, nullptr);
        std::copy(p, p + n, one);
        CHECK_MESSAGE(has_glyph(app->fonts().body, one), one);
        p += n;
      }
      CHECK(app->ui().missing_glyphs.empty());
    }
  }
}
