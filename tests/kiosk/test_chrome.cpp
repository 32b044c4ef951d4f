// The chrome every screen shares (issue 14): tabs whose labels fit and read apart on every
// terminal we ship for.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/app.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

struct Terminal {
  const char* name;
  int w, h;
  double dpi;
  bool elder;
  bool big_tabs;  // the tabs keep the body type (smaller type only where nothing else fits)
};
// The village tablet as shipped (config/samples/kiosk-village.toml: 1280x800, 150 dpi, elder),
// an 8-inch portrait tablet (189 dpi), the hall's portrait screen.
const Terminal kTerminals[] = {{"tablet elder", 1280, 800, 150, true, true}, {"tablet", 1280, 800, 150, false, true},
                               {"8in elder", 800, 1280, 189, true, false},   {"8in", 800, 1280, 189, false, true},
                               {"hall elder", 1080, 1920, 0, true, true},    {"hall", 1080, 1920, 0, false, true}};

bool overlap(const kiosk::WidgetRec& a, const kiosk::WidgetRec& b) {
  return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

std::unique_ptr<kiosk::App> open_app(const TempDir& dir, const Terminal& t, const std::string& route) {
  kiosk::KioskOptions o;
  o.headless = true;
  o.content = dir / "content.db";
  o.state_dir = dir.path() / "state";
  o.today = kFixtureToday;
  o.now_time = "10:30";
  o.width = t.w;
  o.height = t.h;
  o.dpi = t.dpi;
  o.elder = t.elder;
  o.route = route;
  auto app = kiosk::App::create(o);
  REQUIRE_MESSAGE(app.ok(), (app.ok() ? std::string() : app.error().to_string()));
  (*app)->frame();
  (*app)->settle();
  return std::move(*app);
}

const kiosk::WidgetRec* widget(const kiosk::App& app, const std::string& label) {
  for (const auto& w : app.ui().widgets)
    if (w.label == label) return &w;
  return nullptr;
}

bool drawn(const kiosk::App& app, const std::string& s) {
  for (const auto& t : app.ui().texts)
    if (t == s) return true;
  return false;
}

}  // namespace

TEST_CASE("the guide tabs' labels fit inside their own tabs on every terminal, whole or on two lines") {
  TempDir dir("kiosk-chrome-tabs");
  write_kiosk_cache(dir / "content.db");
  const std::vector<std::pair<std::string, std::vector<std::string>>> tabs = {{"按部门", {"按部门"}},
                                                                              {"按主题", {"按主题"}},
                                                                              {"一件事一次办", {"一件事", "一次办"}},
                                                                              {"公开的事项", {"公开的", "事项"}}};
  for (const auto& t : kTerminals) {
    INFO(std::string(t.name));
    auto app = open_app(dir, t, "guides");
    const auto& m = app->ui().m;
    std::vector<const kiosk::WidgetRec*> seen;
    for (const auto& tab : tabs) {
      // (names bound by hand: clang 14 cannot capture a structured binding in INFO)
      const std::string& label = tab.first;
      const std::vector<std::string>& halves = tab.second;
      INFO(label);
      const kiosk::WidgetRec* w = widget(*app, label);
      REQUIRE(w != nullptr);
      CHECK_FALSE(w->clipped);
      for (const auto* other : seen) CHECK_FALSE(overlap(*w, *other));
      seen.push_back(w);
      CHECK(w->max.x <= m.width);
      CHECK(w->max.y - w->min.y >= m.px_per_mm * (t.elder ? 15.0f : 12.0f) - 0.5f);
      // drawn whole, or broken in two halves, each narrower than its tab
      std::vector<std::string> pieces = drawn(*app, label) ? std::vector<std::string>{label} : halves;
      ImFont* type = t.big_tabs ? app->fonts().body : app->fonts().small;
      for (const auto& p : pieces) {
        INFO(p);
        std::string all;
        for (const auto& x : app->ui().texts) all += x + " | ";
        INFO(all);
        REQUIRE(drawn(*app, p));
        CHECK(app->ui().measure(p, type).x < w->max.x - w->min.x);
      }
    }
  }
}
