// Touch behaviour (issue 3), tested directly on the real App in this process: headless (offscreen
// SDL, software renderer) on the virtual clock, so nothing here depends on the machine's speed.
//  - no hover and no stuck pressed look after a finger leaves (pixels and ImGui's mouse);
//  - drag-to-scroll with inertia: a flick glides and stops, a stopped finger does not glide, a
//    tap during a glide only stops it;
//  - a drag never taps, wherever it starts, in every scrollable list; a small wobble still taps;
//  - touch targets: >= 12 mm (elder >= 15 mm) at the DPI in effect, no overlaps, a gap between
//    neighbours, at every layout;
//  - elder mode is at least 1.5x.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;
using kiosk::App;
using kiosk::Screen;
using kiosk::WidgetRec;

namespace {

constexpr double kFrameMs = 16;  // one 60 Hz frame of virtual time

// The fixture with lists long enough to scroll on every screen size: 30 more guides of 社保所
// (named so that YLBX finds them), 20 more 明白卡 and 20 more policies; plus the 5,000-row fund
// publication big-2026.
void write_touch_cache(const std::filesystem::path& path) {
  content::ContentSet set = kiosk_content(true);
  const auto guide = set.guides.front();
  const auto card = set.cards.back();
  const auto policy = set.policies.front();
  for (int i = 0; i < 30; ++i) {
    auto g = guide;
    g.code = "62052400SB-GG-" + std::to_string(1100 + i);
    g.name = "城乡居民养老保险关系转移第" + std::to_string(i + 1) + "项";
    g.online_url = "https://zwfw.gansu.gov.cn/item/" + g.code;
    g.life_event_ids.clear();
    set.guides.push_back(g);
  }
  for (int i = 0; i < 20; ++i) {
    auto c = card;
    c.id = "extra-card-" + std::to_string(i);
    c.title = "便民明白卡第" + std::to_string(i + 1) + "张";
    set.cards.push_back(c);
  }
  for (int i = 0; i < 20; ++i) {
    auto p = policy;
    p.id = "extra-policy-" + std::to_string(i);
    p.title = "云溪县惠民政策文件第" + std::to_string(i + 1) + "号";
    set.policies.push_back(p);
  }
  Status st = content::write_cache(set, path);
  REQUIRE_MESSAGE(st.ok(), st.error().to_string());
}

struct Setup {
  int w = 1080, h = 1920;
  bool elder = false;
  std::string route = "home";
  double dpi = 0;
};

// A headless kiosk on the fixture's day and time with a private state dir, first frame drawn.
std::unique_ptr<App> open_app(const TempDir& dir, const std::filesystem::path& cache, const Setup& s) {
  kiosk::KioskOptions o;
  o.headless = true;
  o.content = cache;
  o.state_dir = dir.path() / "state";
  o.today = kFixtureToday;
  o.now_time = "10:30";
  o.width = s.w;
  o.height = s.h;
  o.elder = s.elder;
  o.route = s.route;
  o.dpi = s.dpi;
  auto app = App::create(o);
  REQUIRE_MESSAGE(app.ok(), (app.ok() ? std::string() : app.error().to_string()));
  (*app)->frame();
  (*app)->settle();
  return std::move(*app);
}

const WidgetRec& widget(const App& app, const std::string& label) {
  for (const auto& w : app.ui().widgets)
    if (w.label == label) return w;
  FAIL("nothing labelled " << label << " on screen");
  throw 0;  // not reached
}

ImVec2 center(const WidgetRec& w) { return ImVec2((w.min.x + w.max.x) * 0.5f, (w.min.y + w.max.y) * 0.5f); }

// A list row of the page: a tappable widget in the content area (not in the bars), wider than
// 30% of the screen (rows in landscape panes; keys are narrower), with a finger's height
// visible, lowest on screen (so a drag upwards has room).
const WidgetRec& lowest_row(const App& app) {
  const auto& m = app.ui().m;
  const WidgetRec* best = nullptr;
  for (const auto& w : app.ui().widgets)
    if (w.min.y >= m.top_bar && w.max.y <= m.height - m.nav_bar && w.max.x - w.min.x > m.width * 0.3f &&
        w.max.y - w.min.y >= m.touch * 0.6f && (!best || w.min.y > best->min.y))
      best = &w;
  REQUIRE_MESSAGE(best != nullptr, "no list row on screen");
  return *best;
}

// A finger, moving in 60 Hz frames of virtual time.
void press(App& app, ImVec2 p) {
  app.press(p.x, p.y);
  app.frame();
}
void move_to(App& app, ImVec2 from, ImVec2 to, int frames) {
  for (int i = 1; i <= frames; ++i) {
    app.advance(kFrameMs);
    const float t = static_cast<float>(i) / static_cast<float>(frames);
    app.move(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
    app.frame();
  }
}
void lift(App& app, ImVec2 p) {
  app.release(p.x, p.y);
  app.frame();
}
void tap(App& app, ImVec2 p) {
  press(app, p);
  app.advance(80);
  lift(app, p);
  app.settle();
}

// Scroll offsets of the page, one per frame, from now until the app wants no more frames.
std::vector<float> glide(App& app, int max_frames = 1000) {
  std::vector<float> ys{app.ui().page_scroll_y()};
  for (int i = 0; i < max_frames && app.needs_frame(); ++i) {
    app.advance(kFrameMs);
    ys.push_back(app.ui().page_scroll_y());
  }
  return ys;
}

Image shot(App& app, const std::filesystem::path& png) {
  Status st = app.screenshot(png);
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? std::string() : st.error().to_string()));
  return load_png(png);
}

bool same_pixels(const Image& a, const Image& b) { return a.w == b.w && a.h == b.h && a.rgba == b.rgba; }

bool on_screen_text(const App& app, const std::string& s) {
  for (const auto& t : app.ui().texts)
    if (t.find(s) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE(
    "no hover, nothing stuck: after a drag off a button, a tap on nothing or a round trip the screen is as before") {
  TempDir dir("touch-hover");
  write_kiosk_cache(dir / "content.db");
  auto app = open_app(dir, dir / "content.db", {});
  const Image untouched = shot(*app, dir / "untouched.png");

  for (const std::string label : {"长辈模式", "办事指南"}) {
    INFO(label);
    const ImVec2 c = center(widget(*app, label));
    press(*app, c);
    app->advance(200);
    // while held it looks pressed (so the comparisons below can fail)
    CHECK_FALSE(same_pixels(shot(*app, dir / "held.png"), untouched));
    // slide sideways off it (pages scroll vertically only, so nothing moves) and lift
    const ImVec2 off(c.x > app->ui().m.width * 0.5f ? c.x - 400 : c.x + 400, c.y);
    move_to(*app, c, off, 10);
    lift(*app, off);
    app->settle();
    CHECK(app->route().screen == Screen::Home);
    CHECK(app->ui().widgets.size() > 0);
    CHECK(same_pixels(shot(*app, dir / "after-drag.png"), untouched));
    // the Dear ImGui 1.86 workaround: its mouse is nowhere, so nothing can hover
    CHECK_FALSE(ImGui::IsMousePosValid(&ImGui::GetIO().MousePos));
    CHECK(app->ui().touch.pos.x < 0);
  }

  // a tap where nothing is tappable (the hall's name at the top of home)
  {
    ImVec2 p(-1, -1);
    const auto& m = app->ui().m;
    for (float y = m.pad; y < m.height * 0.5f && p.x < 0; y += 10)
      for (float x = m.width * 0.5f; x < m.width - m.pad && p.x < 0; x += 10) {
        bool free = true;
        for (const auto& w : app->ui().widgets)
          if (x > w.min.x - 20 && x < w.max.x + 20 && y > w.min.y - 20 && y < w.max.y + 20) free = false;
        if (free && (x > m.touch * 2 || y > m.touch * 2)) p = ImVec2(x, y);  // not the staff corner
      }
    REQUIRE(p.x >= 0);
    tap(*app, p);
    CHECK(app->route().screen == Screen::Home);
    CHECK(same_pixels(shot(*app, dir / "after-tap.png"), untouched));
    CHECK_FALSE(ImGui::IsMousePosValid(&ImGui::GetIO().MousePos));
  }

  // there and back: 办事指南, then 返回 (which sits where home has no button)
  tap(*app, center(widget(*app, "办事指南")));
  REQUIRE(app->route().screen == Screen::Guides);
  tap(*app, center(widget(*app, "返回")));
  REQUIRE(app->route().screen == Screen::Home);
  CHECK(same_pixels(shot(*app, dir / "round-trip.png"), untouched));
}

TEST_CASE(
    "inertia on the 5,000-row fund table: a flick glides, slows down and stops; a stopped finger does not glide") {
  TempDir dir("touch-inertia");
  write_touch_cache(dir / "content.db");
  auto app = open_app(dir, dir / "content.db", {.route = std::string("funds/qingshi/") + kBigFundId});
  const ImVec2 from(540, 1500);

  // a flick: 480 px up in 8 frames (~3,750 px/s), lifted while moving
  press(*app, from);
  move_to(*app, from, ImVec2(from.x, from.y - 480), 8);
  const float at_lift = app->ui().page_scroll_y();
  CHECK(at_lift == doctest::Approx(480).epsilon(0.02));
  lift(*app, ImVec2(from.x, from.y - 480));
  const auto ys = glide(*app);
  REQUIRE(ys.size() > 10);
  int moving = 0;
  for (size_t i = 1; i < ys.size(); ++i) {
    const float d = ys[i] - ys[i - 1], prev = i > 1 ? ys[i - 1] - ys[i - 2] : 1e9f;
    CHECK(d >= 0);             // keeps going the way the finger went
    CHECK(d <= prev + 0.01f);  // never speeds up
    if (d > 0.5f) ++moving;
  }
  CHECK(moving >= 20);                                  // glides for a while (~1 s at this speed)
  CHECK(ys.back() - at_lift > 300);                     // and far
  CHECK(ys[ys.size() - 1] - ys[ys.size() - 2] < 1.0f);  // slow at the end
  // then it stops for good: no frames wanted, nothing moves
  CHECK_FALSE(app->needs_frame());
  CHECK_FALSE(app->ui().gliding());
  app->advance(3000);
  CHECK(app->ui().page_scroll_y() == ys.back());
  CHECK(app->route().screen == Screen::FundTable);

  // a slow drag that stops before lifting does not glide
  const float before = app->ui().page_scroll_y();
  press(*app, from);
  move_to(*app, from, ImVec2(from.x, from.y - 200), 20);  // ~625 px/s
  app->advance(300);                                      // the finger rests
  lift(*app, ImVec2(from.x, from.y - 200));
  const float lifted = app->ui().page_scroll_y();
  CHECK(lifted - before == doctest::Approx(200).epsilon(0.02));
  CHECK_FALSE(app->ui().gliding());
  app->advance(1000);
  CHECK(app->ui().page_scroll_y() == lifted);
}

TEST_CASE("a guide list glides after a flick and stops; a tap during a glide stops it and opens nothing") {
  TempDir dir("touch-glide-tap");
  write_touch_cache(dir / "content.db");
  auto app = open_app(dir, dir / "content.db", {.w = 1280, .h = 800, .route = "guides/dept/shebao"});
  const auto& m = app->ui().m;
  const ImVec2 from(m.width * 0.5f, m.height - m.nav_bar - m.touch);

  // a flick on the guide list: it glides on, slower and slower, and stops
  press(*app, from);
  move_to(*app, from, ImVec2(from.x, from.y - 200), 5);
  lift(*app, ImVec2(from.x, from.y - 200));
  const auto ys = glide(*app);
  REQUIRE(ys.size() > 5);
  for (size_t i = 2; i < ys.size(); ++i) CHECK(ys[i] - ys[i - 1] <= ys[i - 1] - ys[i - 2] + 0.01f);
  CHECK(ys.back() - ys.front() > 100);
  CHECK_FALSE(app->needs_frame());
  CHECK(app->route().screen == Screen::GuideList);

  // back to the top, then a flick that a tap catches mid-glide
  for (int i = 0; i < 5 && app->ui().page_scroll_y() > 0; ++i) {
    press(*app, ImVec2(from.x, m.top_bar + m.touch));
    move_to(*app, ImVec2(from.x, m.top_bar + m.touch), ImVec2(from.x, from.y), 10);
    app->advance(200);
    lift(*app, ImVec2(from.x, from.y));
  }
  REQUIRE(app->ui().page_scroll_y() == 0);
  CHECK(app->route().screen == Screen::GuideList);
  press(*app, from);
  move_to(*app, from, ImVec2(from.x, from.y - 300), 6);
  lift(*app, ImVec2(from.x, from.y - 300));
  for (int i = 0; i < 3; ++i) app->advance(kFrameMs);
  REQUIRE(app->ui().gliding());

  const ImVec2 row = center(lowest_row(*app));
  app->press(row.x, row.y);
  app->frame();
  const float caught = app->ui().page_scroll_y();
  app->advance(80);
  lift(*app, row);
  app->settle();
  CHECK(app->route().screen == Screen::GuideList);  // nothing opened
  CHECK_FALSE(app->ui().gliding());
  CHECK(app->ui().page_scroll_y() == doctest::Approx(caught).epsilon(0.001));  // stopped where caught
  app->advance(1000);
  CHECK(app->ui().page_scroll_y() == doctest::Approx(caught).epsilon(0.001));

  // now the list is still: the same tap opens the guide under the finger
  const WidgetRec target = lowest_row(*app);
  tap(*app, center(target));
  CHECK(app->route().screen == Screen::Guide);
}

TEST_CASE(
    "a drag that starts on a row or button scrolls every list and never taps; a wobble under the threshold taps") {
  TempDir dir("touch-drag");
  write_touch_cache(dir / "content.db");
  struct Case {
    const char* route;
    Screen opens;  // what a tap on the row opens
  };
  const Case cases[] = {
      {"guides/dept/shebao", Screen::Guide},
      {"search/YLBX", Screen::Guide},
      {"policies", Screen::Policy},
      {"cards", Screen::Card},
  };
  for (const auto& size : {std::pair{1080, 1920}, std::pair{1280, 800}}) {
    auto app = open_app(dir, dir / "content.db", {.w = size.first, .h = size.second});
    for (const auto& c : cases) {
      INFO(std::string(c.route) << " at " << size.first << "x" << size.second);
      REQUIRE(app->navigate(c.route));
      app->settle();
      const kiosk::Route before = app->route();
      const float y0 = app->ui().page_scroll_y();
      const ImVec2 p = center(lowest_row(*app));
      // a drag up from the row, lifted while still (no glide to wait for)
      press(*app, p);
      move_to(*app, p, ImVec2(p.x, p.y - app->ui().m.touch * 1.5f), 8);
      app->advance(200);
      lift(*app, ImVec2(p.x, p.y - app->ui().m.touch * 1.5f));
      app->settle();
      CHECK(app->route() == before);
      CHECK(app->ui().page_scroll_y() > y0 + app->ui().m.touch);
      // the same gesture, but a wobble of 60% of the drag threshold: a tap
      const ImVec2 q = center(lowest_row(*app));
      const float wobble = app->ui().drag_threshold() * 0.6f;
      press(*app, q);
      move_to(*app, q, ImVec2(q.x + wobble * 0.6f, q.y - wobble * 0.8f), 3);
      lift(*app, ImVec2(q.x + wobble * 0.6f, q.y - wobble * 0.8f));
      app->settle();
      CHECK(app->route().screen == c.opens);
    }
  }
}

TEST_CASE("the 5,000-row fund table scrolls from its rows and from the group chips, and a drag never picks a group") {
  TempDir dir("touch-drag-fund");
  write_touch_cache(dir / "content.db");
  auto app = open_app(dir, dir / "content.db", {.route = std::string("funds/qingshi/") + kBigFundId});
  REQUIRE(on_screen_text(*app, "青石村：共 5000 户"));
  // from a chip: the page moves, the filter stays
  const ImVec2 chip = center(widget(*app, "第一村民小组"));
  press(*app, chip);
  move_to(*app, chip, ImVec2(chip.x, chip.y - 150), 6);
  app->advance(200);
  lift(*app, ImVec2(chip.x, chip.y - 150));
  app->settle();
  CHECK(app->ui().page_scroll_y() == doctest::Approx(150).epsilon(0.02));
  CHECK(on_screen_text(*app, "青石村：共 5000 户"));
  CHECK_FALSE(on_screen_text(*app, "共 2500 户"));
  // from a table row, far down the page
  const float y1 = app->ui().page_scroll_y();
  press(*app, ImVec2(540, 1600));
  move_to(*app, ImVec2(540, 1600), ImVec2(540, 700), 15);
  app->advance(200);
  lift(*app, ImVec2(540, 700));
  app->settle();
  CHECK(app->ui().page_scroll_y() == doctest::Approx(y1 + 900).epsilon(0.02));
  CHECK(app->route().screen == Screen::FundTable);
  // back to the top, then a wobbly tap on the chip does pick the group
  press(*app, ImVec2(540, 600));
  move_to(*app, ImVec2(540, 600), ImVec2(540, 1700), 10);
  app->advance(200);
  lift(*app, ImVec2(540, 1700));
  app->settle();
  REQUIRE(app->ui().page_scroll_y() == 0);
  const ImVec2 again = center(widget(*app, "第一村民小组"));
  const float wobble = app->ui().drag_threshold() * 0.6f;
  press(*app, again);
  move_to(*app, again, ImVec2(again.x, again.y - wobble), 2);
  lift(*app, ImVec2(again.x, again.y - wobble));
  app->settle();
  CHECK(on_screen_text(*app, "第一村民小组：共 2500 户"));
}

TEST_CASE("landscape fund table: the rows pane scrolls from its rows, glides and stops, and nothing opens") {
  TempDir dir("touch-fund-landscape");
  write_touch_cache(dir / "content.db");
  for (const Setup& s : {Setup{.w = 1920, .h = 1080}, Setup{.w = 1280, .h = 800, .elder = true}}) {
    INFO(s.w << "x" << s.h << std::string(s.elder ? " elder" : ""));
    Setup at = s;
    at.route = std::string("funds/qingshi/") + kBigFundId;
    auto app = open_app(dir, dir / "content.db", at);
    const auto& m = app->ui().m;
    const kiosk::Route before = app->route();
    // a point on the table's rows: right of the publication pane, low in the content area
    const ImVec2 from(m.width * 0.75f, m.height - m.nav_bar - m.touch);
    press(*app, from);
    move_to(*app, from, ImVec2(from.x, from.y - 200), 4);  // ~3,000 px/s
    const float at_lift = app->ui().page_scroll_y();
    CHECK(at_lift == doctest::Approx(200).epsilon(0.02));
    lift(*app, ImVec2(from.x, from.y - 200));
    const auto ys = glide(*app);
    REQUIRE(ys.size() > 10);
    for (size_t i = 2; i < ys.size(); ++i) CHECK(ys[i] - ys[i - 1] <= ys[i - 1] - ys[i - 2] + 0.01f);
    CHECK(ys.back() - at_lift > 200);
    CHECK_FALSE(app->needs_frame());
    CHECK(app->route() == before);
    // beside the rows, the publication's pane stayed; the tablet in elder mode has one page (the
    // totals folded at its top) and it scrolled as a whole
    if (!s.elder) CHECK(on_screen_text(*app, "共 5000 户"));
  }
}

TEST_CASE("touch targets are at least 12 mm (elder 15 mm), never overlap and keep a gap, at every layout") {
  TempDir dir("touch-targets");
  write_kiosk_cache(dir / "content.db");
  const std::vector<std::string>& routes = kFixtureRoutes;
  // Sizes without a DPI (guessed: 96 on hall screens, 120 on tablets), and with a configured one
  // (a 10.1" 1280x800 tablet at 150 dpi, a dense 14" portrait screen at 160 dpi) where targets
  // must grow to stay 12 mm.
  std::vector<Setup> setups;
  for (auto [w, h] : {std::pair{1080, 1920}, std::pair{1920, 1080}, std::pair{1280, 800}})
    for (bool elder : {false, true}) setups.push_back({w, h, elder, "home", 0});
  setups.push_back({1280, 800, false, "home", 150});
  setups.push_back({1080, 1920, true, "home", 160});
  for (const auto& s : setups) {
    auto app = open_app(dir, dir / "content.db", s);
    const auto& m = app->ui().m;
    // the layout follows the window's size; without a configured DPI it is guessed from the
    // size (120 on small tablets, 96 on hall screens)
    CHECK(m.portrait == (s.h > s.w));
    CHECK(m.compact == (std::min(s.w, s.h) < 900));
    CHECK(m.dpi == (s.dpi > 0 ? s.dpi : (m.compact ? 120 : 96)));
    // Metrics::touch promises 12 mm, 15 mm in elder mode.
    const float min_side = m.px_per_mm * (s.elder ? 15.0f : 12.0f) - 0.5f;
    // Neighbours keep >= 1.5 mm: the tightest spacing the widgets use is the keypad's 0.6 gap,
    // and gap = 0.55 em with em >= 18 pt (6.35 mm), so >= 2.1 mm; 1.5 mm leaves room for rounding.
    const float min_gap = m.px_per_mm * 1.5f;
    for (const auto& route : routes) {
      INFO(s.w << "x" << s.h << std::string(s.elder ? " elder" : "") << " dpi " << m.dpi << " " << route);
      REQUIRE(app->navigate(route));
      app->settle();
      const auto& ws = app->ui().widgets;
      REQUIRE(ws.size() >= 1);
      for (const auto& w : ws) {
        INFO("[" << w.label << "] " << w.min.x << "," << w.min.y << " - " << w.max.x << "," << w.max.y);
        CHECK(w.min.x >= 0);
        CHECK(w.min.y >= 0);
        CHECK(w.max.x <= m.width);
        CHECK(w.max.y <= m.height);
        if (w.clipped) continue;  // cut by a scroll area's edge: scroll to see it whole
        CHECK(w.max.x - w.min.x >= min_side);
        CHECK(w.max.y - w.min.y >= min_side);
      }
      for (size_t i = 0; i < ws.size(); ++i)
        for (size_t j = i + 1; j < ws.size(); ++j) {
          const auto &a = ws[i], &b = ws[j];
          const float dx = std::max(b.min.x - a.max.x, a.min.x - b.max.x);
          const float dy = std::max(b.min.y - a.max.y, a.min.y - b.max.y);
          INFO("[" << a.label << "] and [" << b.label << "] dx " << dx << " dy " << dy);
          CHECK(std::max(dx, dy) >= min_gap);  // negative both ways = overlap
        }
    }
  }
}

TEST_CASE("elder mode makes every text size at least 1.5x, at every layout, and toggles from the bottom bar") {
  TempDir dir("touch-elder");
  write_kiosk_cache(dir / "content.db");
  for (const auto& size : {std::pair{1080, 1920}, std::pair{1920, 1080}, std::pair{1280, 800}}) {
    const int w = size.first, h = size.second;
    INFO(w << "x" << h);
    auto app = open_app(dir, dir / "content.db", {.w = w, .h = h});
    const auto normal = app->ui().m;
    const float normal_body = app->fonts().body->FontSize;
    tap(*app, center(widget(*app, "长辈模式")));
    REQUIRE(app->ui().m.elder);
    const auto elder = app->ui().m;
    CHECK(app->fonts().body->FontSize / normal_body >= 1.5f);
    CHECK(elder.font.body / normal.font.body >= 1.5f);
    CHECK(elder.font.small / normal.font.small >= 1.5f);
    CHECK(elder.font.heading / normal.font.heading >= 1.5f);
    CHECK(elder.font.display / normal.font.display >= 1.5f);
    CHECK(elder.touch > normal.touch);
    CHECK(elder.touch >= elder.px_per_mm * 15.0f - 0.5f);
    // and back
    tap(*app, center(widget(*app, "长辈模式：开")));
    CHECK(app->fonts().body->FontSize == normal_body);
  }
}

// The village tablet as shipped (config/samples/kiosk-village.toml: 1280x800, 150 dpi, elder
// mode on): home's six tiles are all on the first screen, whole, at the elder target size.
// (The two-line header used to push the second row below the fold: 3 of 6 tiles showed.)
TEST_CASE("the village tablet in elder mode shows all six home tiles whole on the first screen") {
  TempDir dir("touch-tablet-home");
  write_kiosk_cache(dir / "content.db");
  for (bool elder : {true, false}) {
    INFO(std::string(elder ? "elder" : "normal"));
    auto app = open_app(dir, dir / "content.db", Setup{1280, 800, elder, "home", 150});
    const auto& m = app->ui().m;
    const float min_side = m.px_per_mm * (elder ? 15.0f : 12.0f) - 0.5f;
    int whole = 0;
    for (const char* tile : {"办事指南", "明白卡", "资金公开", "政策文件", "搜索", "评价建议"}) {
      INFO(tile);
      const WidgetRec* found = nullptr;
      for (const auto& w : app->ui().widgets)
        if (w.label == tile) found = &w;
      REQUIRE(found != nullptr);
      CHECK_FALSE(found->clipped);
      CHECK(found->max.y - found->min.y >= min_side);
      if (!found->clipped) ++whole;
    }
    CHECK(whole == 6);
  }
}
