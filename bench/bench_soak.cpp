// bianmin-bench soak [--steps N] [--seed S] [--source DIR] [--printer cupsd|disabled|none]
//                    [--max-crashes N] [--progress N]
//
// Months of a hall kiosk in minutes: a seeded random walk through every route of the content
// (taps on whatever is on screen, drags that glide with inertia, route jumps, searches, keypad
// typing, prints, 长辈模式 toggles, staff PIN attempts, idle resets, the attract loop) on the
// real App, headless (offscreen SDL, software renderer, virtual clock), with a live content
// swap every 1,000 steps alternating two versions of the demo township (as the sync agent
// does: copy next to the cache, rename over it; the kiosk notices and reopens).
//
// The walk runs in a child process, so a crash (a signal, or a sanitizer's report and exit) is
// counted, not fatal: the child is started again from the next step with another seed, up to
// --max-crashes times. Figures, one per line (`name: value unit`):
//   soak.steps, soak.crashes (must be 0), soak.routes_visited / soak.routes_total,
//   soak.rss_1k (after warm-up: 1,000 steps) and soak.rss_end, both measured in the same state
//   (home after an idle reset, normal mode, content version A, free heap trimmed),
//   soak.rss_growth (%),
//   soak.frame_build_p50 / _p99 (ms, CPU time to build one frame), soak.atlas_start_* and
//   soak.atlas_end_* (the full atlas in the same state), soak.atlas_max_height,
//   soak.outbox_bytes and soak.outbox_events, soak.swaps, soak.prints, soak.idle_resets,
//   soak.attract, soak.elder_toggles.
// Exit status 0 only when every step ran without a crash.
#include <SDL.h>
#include <imgui.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "bench.hpp"
#include "bianmin/config/secrets.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/importer.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/printing/sandbox.hpp"
#include "bianmin/sync/outbox.hpp"

namespace {

using namespace bianmin;
namespace fs = std::filesystem;

constexpr const char* kToday = "2026-11-12";
constexpr const char* kStaffPin = "2468";
constexpr int kSwapEvery = 1000;    // steps between two content swaps
constexpr int kWarmupSteps = 1000;  // RSS growth is measured from here
constexpr double kBinMs = 0.01;     // frame build histogram: 10 µs bins up to 400 ms
constexpr int kBins = 40000;

// What the walking child reports to the supervising parent; lives in a shared mapping, so it
// survives the child's crash.
struct Shared {
  std::atomic<long> step;  // steps completed
  std::atomic<long> swaps, prints, idle_resets, attract, elder_toggles, staff, searches;
  std::atomic<bool> finished;  // the child reached the last step and measured the end
  double rss_1k_mb, rss_end_mb, rss_max_mb;
  double rss_now_mb;  // at the last content swap (whatever the screen then)
  int atlas_start_w, atlas_start_h, atlas_end_w, atlas_end_h, atlas_max_h;
  long atlas_start_glyphs, atlas_end_glyphs;
  long routes_total;
  long routes_visited;
  long frames;
  unsigned hist[kBins];
  char version_now;  // 'A' or 'B': the content the kiosk has now
};

double rss_mb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  double kb = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmRSS: %lf kB", &kb) == 1) break;
  std::fclose(f);
  return kb / 1024.0;
}

// Version B of the township: what a week of hall work changes. Some guides withdrawn (a person
// may be reading one when it goes), some renamed, a card gone, a new notice, a policy retitled.
content::ContentSet version_b(content::ContentSet set) {
  set.content_version = "soak-b";
  std::vector<content::ServiceGuide> kept;
  for (size_t i = 0; i < set.guides.size(); ++i) {
    if (i % 7 == 3) continue;  // withdrawn
    auto g = set.guides[i];
    if (i % 5 == 1) g.name += "（新版）";
    kept.push_back(std::move(g));
  }
  // Cards, topics and events may point at withdrawn guides: keep the references consistent.
  std::set<std::string> codes;
  for (const auto& g : kept) codes.insert(g.code);
  set.guides = std::move(kept);
  for (auto& c : set.cards)
    if (!c.guide_code.empty() && !codes.count(c.guide_code)) c.guide_code.clear();
  if (set.cards.size() > 2) set.cards.erase(set.cards.begin() + 1);
  for (auto& e : set.life_events) std::erase_if(e.guide_codes, [&](const std::string& c) { return !codes.count(c); });
  for (auto& p : set.policies) p.title += "（修订）";
  content::Notice n;
  n.id = "soak-notice";
  n.title = "便民服务中心冬季作息时间调整通知";
  n.body = "自十一月起，中心冬季作息时间调整为上午九时至下午五时，午间不休息。";
  n.start_date = "2026-11-01";
  n.end_date = "2027-02-28";
  set.notices.push_back(n);
  return set;
}

// Every route of one content version.
std::vector<std::string> all_routes(const content::Store& s) {
  std::vector<std::string> r = {"home",  "guides", "guides/dept", "guides/topic", "guides/event", "guides/cat",
                                "cards", "funds",  "policies",    "search",       "feedback",     "staff"};
  for (const auto& d : s.departments()) r.push_back("guides/dept/" + d.id);
  for (const auto& t : s.topics()) r.push_back("guides/topic/" + t.id);
  for (const auto& e : s.life_events()) r.push_back("guides/event/" + e.id);
  for (const auto& c : s.catalogue()) r.push_back("guides/cat/" + c.id);
  for (const auto& g : s.guides_all()) {
    r.push_back("guide/" + g.code);
    r.push_back("feedback/" + g.code);
  }
  for (const auto& c : s.cards()) r.push_back("card/" + c.id);
  for (const auto& v : s.site().villages) {
    r.push_back("funds/" + v.id);
    for (const auto& f : s.funds_for_village(v.id, kToday)) r.push_back("funds/" + v.id + "/" + f.id);
  }
  for (const auto& p : s.policies()) r.push_back("policy/" + p.id);
  for (const auto& n : s.notices_current(kToday)) r.push_back("notice/" + n.id);
  std::vector<std::string> ok;
  for (auto& x : r)
    if (kiosk::parse_route(x)) ok.push_back(std::move(x));
  return ok;
}

// Words a villager might look for: pinyin initials, pieces of titles, numbers.
std::vector<std::string> search_words(const content::Store& s) {
  std::vector<std::string> w = {"YLBX",   "DB",   "GD",   "SFZ",  "BZ",   "CJ",   "YB",   "养老",     "低保", "补贴",
                                "身份证", "医保", "残疾", "2026", "公示", "耕地", "高龄", "临时救助", "Q",    "ZZZZ"};
  for (const auto& g : s.guides_all()) {
    // the first two and the first four characters of each title (3 bytes each in UTF-8)
    if (g.name.size() >= 6) w.push_back(g.name.substr(0, 6));
    if (g.name.size() >= 12) w.push_back(g.name.substr(3, 9));
  }
  return w;
}

class Walker {
 public:
  Walker(Shared& sh, kiosk::App& app, std::mt19937_64& rng, const fs::path& live, const fs::path& a, const fs::path& b,
         std::vector<std::string> routes_a, std::vector<std::string> routes_b, std::vector<std::string> words)
      : sh_(sh),
        app_(app),
        rng_(rng),
        live_(live),
        a_(a),
        b_(b),
        routes_a_(std::move(routes_a)),
        routes_b_(std::move(routes_b)),
        words_(std::move(words)) {
    all_.insert(routes_a_.begin(), routes_a_.end());
    all_.insert(routes_b_.begin(), routes_b_.end());
  }

  // One step of the walk.
  void step(long n) {
    const int dice = pick(1000);
    if (dice < 380)
      tap_something();
    else if (dice < 500)
      drag();
    else if (dice < 640)
      jump();
    else if (dice < 720)
      search();
    else if (dice < 780)
      type_on_keypad();
    else if (dice < 790)
      print();
    else if (dice < 850)
      tap_label("返回");
    else if (dice < 870)
      tap_label("首页");
    else if (dice < 930)
      wait_ms(500 + pick(9500));
    else if (dice < 950)
      idle_reset();
    else if (dice < 958)
      attract();
    else if (dice < 966)
      countdown_then_continue();
    else if (dice < 970)
      toggle_elder();
    else if (dice < 973)
      staff();
    else
      scroll_back_and_forth();
    if (std::string r = kiosk::to_string(app_.route()); all_.count(r)) visited_.insert(std::move(r));
    if (n % kSwapEvery == 0) {
      if (n == kWarmupSteps) {
        checkpoint();
        sh_.rss_1k_mb = rss_mb();
      }
      swap();
    }
  }

  // The measuring state: home after an idle reset, the terminal's default mode, version A.
  void checkpoint() {
    if (sh_.version_now != 'A') swap();
    idle_reset();
    frames_until_quiet();
    // Freed heap goes back to the system first (the kiosk does the same after an atlas build),
    // so the figure is what is in use, not what an earlier elder atlas left free in the heap.
    malloc_trim(0);
    sh_.rss_max_mb = std::max(sh_.rss_max_mb, rss_mb());
  }

  void note_atlas(bool start) {
    app_.settle();  // the full atlas is built on the work lane: measure it once installed
    const auto& f = app_.fonts();
    if (start) {
      sh_.atlas_start_w = f.atlas_width;
      sh_.atlas_start_h = f.atlas_height;
      sh_.atlas_start_glyphs = static_cast<long>(f.glyphs);
    } else {
      sh_.atlas_end_w = f.atlas_width;
      sh_.atlas_end_h = f.atlas_height;
      sh_.atlas_end_glyphs = static_cast<long>(f.glyphs);
    }
  }

  size_t visited() const { return visited_.size(); }
  void frames_until_quiet() { settle(); }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(std::max(1, n))); }
  const std::vector<std::string>& routes() const { return sh_.version_now == 'A' ? routes_a_ : routes_b_; }

  // Every frame the app draws is sampled (the frame counter tells a drawn frame from a skipped one).
  void sample() {
    const int fc = ImGui::GetFrameCount();
    if (fc == last_frame_count_) return;
    last_frame_count_ = fc;
    int bin = static_cast<int>(app_.last_build_ms() / kBinMs);
    sh_.hist[std::clamp(bin, 0, kBins - 1)]++;
    sh_.frames++;
    const auto& f = app_.fonts();
    sh_.atlas_max_h = std::max(sh_.atlas_max_h, f.atlas_height);
  }
  void frame() {
    app_.frame();
    sample();
  }
  void advance(double ms) {
    app_.advance(ms);
    sample();
  }
  // Frames until the screen is still: while something animates (a glide), and the one or two
  // frames a change needs. A print toast alone keeps needs_frame() up for its 6-20 s, which the
  // real loop spends asleep between its timeouts, not drawing at 60 Hz.
  void settle() {
    for (int i = 0, still = 0; i < 600 && app_.needs_frame() && still < 3; ++i) {
      advance(16);
      still = app_.ui().want_frame ? 0 : still + 1;
    }
  }

  void tap_at(float x, float y) {
    app_.press(x, y);
    frame();
    advance(40 + pick(80));
    app_.release(x, y);
    frame();
    settle();
  }
  bool tap_label(const std::string& text) {
    for (const auto& w : app_.ui().widgets)
      if (w.label.find(text) != std::string::npos) {
        tap_at((w.min.x + w.max.x) * 0.5f, (w.min.y + w.max.y) * 0.5f);
        return true;
      }
    return false;
  }
  // Any tappable thing on screen but the elder toggle (toggled on purpose, see toggle_elder).
  void tap_something() {
    std::vector<const kiosk::WidgetRec*> c;
    for (const auto& w : app_.ui().widgets)
      if (w.label.find("长辈模式") == std::string::npos && w.max.x - w.min.x > 2 && w.max.y - w.min.y > 2)
        c.push_back(&w);
    if (c.empty()) return tap_at(static_cast<float>(pick(1080)), static_cast<float>(pick(1920)));
    const auto* w = c[static_cast<size_t>(pick(static_cast<int>(c.size())))];
    const float fx = 0.2f + 0.6f * static_cast<float>(pick(100)) / 100.0f;
    const float fy = 0.2f + 0.6f * static_cast<float>(pick(100)) / 100.0f;
    tap_at(w->min.x + (w->max.x - w->min.x) * fx, w->min.y + (w->max.y - w->min.y) * fy);
  }
  // A flick (fast, glides on with inertia), a slow drag (stops where the finger lifts) or a
  // sideways one; every 16 ms of the finger is a frame, then the glide plays out.
  void drag() {
    const float x = 200 + static_cast<float>(pick(680));
    const float y0 = 400 + static_cast<float>(pick(1100));
    const int kind = pick(10);
    const float dist = (kind < 6 ? 200 + static_cast<float>(pick(900)) : 80 + static_cast<float>(pick(300))) *
                       (pick(2) ? 1.0f : -1.0f);
    const int ms = kind < 6 ? 60 + pick(140) : 300 + pick(600);
    const float dx = kind == 9 ? dist : 0, dy = kind == 9 ? 0 : dist;
    app_.press(x, y0);
    frame();
    const int n = std::max(2, ms / 16);
    for (int i = 1; i <= n; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(n);
      app_.advance(16);
      app_.move(x + dx * t, y0 + dy * t);
      frame();
    }
    app_.release(x + dx, y0 + dy);
    frame();
    settle();
  }
  void scroll_back_and_forth() {
    for (int i = 0; i < 3; ++i) drag();
  }
  void jump() {
    const auto& r = routes();
    if (r.empty()) return;
    app_.navigate(r[static_cast<size_t>(pick(static_cast<int>(r.size())))]);
    frame();
    settle();
  }
  void search() {
    std::string q;
    if (pick(3) == 0) {
      for (int i = 0, n = 1 + pick(4); i < n; ++i) q += static_cast<char>('A' + pick(26));
    } else {
      q = words_[static_cast<size_t>(pick(static_cast<int>(words_.size())))];
    }
    app_.navigate("search/" + q);
    frame();
    settle();
    sh_.searches++;
    if (pick(2) == 0) tap_something();  // open a hit (or a key)
  }
  void type_on_keypad() {
    if (app_.route().screen != kiosk::Screen::Search) {
      app_.navigate("search");
      frame();
      settle();
    }
    for (int i = 0, n = 1 + pick(5); i < n; ++i) {
      std::string key(1, static_cast<char>('A' + pick(26)));
      if (pick(8) == 0) key = pick(2) ? "删除" : "清空";
      std::vector<const kiosk::WidgetRec*> c;
      for (const auto& w : app_.ui().widgets)
        if (w.label == key) c.push_back(&w);
      if (c.empty()) break;
      tap_at((c[0]->min.x + c[0]->max.x) * 0.5f, (c[0]->min.y + c[0]->max.y) * 0.5f);
    }
  }
  void print() {
    if (!tap_label("打印")) {
      // Open something printable first: a guide or a card.
      const auto& r = routes();
      std::vector<std::string> printable;
      for (const auto& x : r)
        if (x.rfind("guide/", 0) == 0 || x.rfind("card/", 0) == 0) printable.push_back(x);
      if (printable.empty()) return;
      app_.navigate(printable[static_cast<size_t>(pick(static_cast<int>(printable.size())))]);
      frame();
      settle();
      if (!tap_label("打印")) return;
    }
    sh_.prints++;
  }
  void wait_ms(double ms) {
    advance(ms);
    settle();
  }
  void idle_reset() {
    // Someone was here: no touch for the idle time, the countdown runs out, the kiosk goes home.
    wait_ms((90 + 15 + 1) * 1000.0);
    sh_.idle_resets++;
  }
  void attract() {
    idle_reset();
    wait_ms(300 * 1000.0);  // an untouched home: the attract loop with the current notices
    wait_ms(16 * 1000.0);   // a notice or two later
    tap_at(540, 900);       // the waking touch does nothing else
    sh_.attract++;
  }
  void countdown_then_continue() {
    if (app_.route().screen == kiosk::Screen::Home) jump();
    wait_ms(95 * 1000.0);
    tap_label("继续使用");
  }
  void toggle_elder() {
    if (tap_label("长辈模式")) sh_.elder_toggles++;
  }
  // Staff: a 5 s hold in the top-left corner, then a PIN (right or wrong), then a look around.
  void staff() {
    app_.press(10, 10);
    frame();
    advance(5200);
    frame();
    app_.release(10, 10);
    frame();
    settle();
    const std::string pin = pick(3) ? kStaffPin : "1357";
    for (char ch : pin) tap_label(std::string(1, ch));
    tap_label("确定");
    sh_.staff++;
  }
  // As the sync agent does: the other version is written next to the cache and renamed over
  // it; the kiosk notices on its next poll (within 2 s) and reopens between frames.
  void swap() {
    const char next = sh_.version_now == 'A' ? 'B' : 'A';
    kiosk::ScriptStep s;
    s.kind = kiosk::ScriptStep::Kind::SwapContent;
    s.text = (next == 'A' ? a_ : b_).string();
    Status st = app_.run_step(s);
    if (!st) {
      std::fprintf(stderr, "soak: swap failed: %s\n", st.error().message.c_str());
      std::_Exit(3);
    }
    sh_.version_now = next;
    wait_ms(2500);
    sh_.swaps++;
    sh_.rss_now_mb = rss_mb();
  }

  Shared& sh_;
  kiosk::App& app_;
  std::mt19937_64& rng_;
  fs::path live_, a_, b_;
  std::vector<std::string> routes_a_, routes_b_, words_;
  std::set<std::string> all_, visited_;  // the content's routes (both versions), those seen
  int last_frame_count_ = -1;
};

kiosk::KioskOptions soak_options(const fs::path& live, const fs::path& state, const std::string& queue,
                                 const std::string& server) {
  kiosk::KioskOptions o;
  o.headless = true;
  o.content = live;
  o.state_dir = state;
  o.today = kToday;
  o.width = 1080;
  o.height = 1920;
  o.printer_queue = queue;
  o.cups_server = server;
  o.print_timeout_seconds = 30;
  o.staff_pin_hash = config::hash_pin(kStaffPin);
  return o;
}

// The child: walks from sh.step to `steps`, then measures the end. Never returns.
[[noreturn]] void walk(Shared& sh, long steps, uint64_t seed, const fs::path& dir, const std::string& queue,
                       const std::string& server, const std::vector<std::string>& routes_a,
                       const std::vector<std::string>& routes_b, const std::vector<std::string>& words) {
  auto app = kiosk::App::create(soak_options(dir / "content.db", dir / "state", queue, server));
  if (!app) {
    std::fprintf(stderr, "soak: %s\n", app.error().to_string().c_str());
    std::_Exit(2);
  }
  std::mt19937_64 rng(seed);
  Walker w(sh, **app, rng, dir / "content.db", dir / "a.db", dir / "b.db", routes_a, routes_b, words);
  w.frames_until_quiet();  // the first frame, then the full atlas
  if (sh.step == 0) w.note_atlas(true);
  while (sh.step < steps) {
    const long n = sh.step + 1;
    w.step(n);
    sh.step = n;
    sh.routes_visited = std::max(sh.routes_visited, static_cast<long>(w.visited()));
  }
  w.checkpoint();
  sh.rss_end_mb = rss_mb();
  w.note_atlas(false);
  sh.finished = true;
  std::fflush(stdout);
  std::fflush(stderr);
  // The app is torn down as the kiosk's exit does: a sanitizer checks that path too.
  app->reset();
  std::exit(0);
}

int bench_soak(const std::vector<std::string>& args) {
  long steps = 100000;
  uint64_t seed = 1;
  int max_crashes = 5;
  long progress = 10000;
  std::string printer = geteuid() == 0 && fs::exists("/usr/sbin/cupsd") ? "cupsd" : "none";
  fs::path source = BIANMIN_DEMO_SOURCE_DEFAULT;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--steps")
      steps = std::atol(args[i + 1].c_str());
    else if (args[i] == "--seed")
      seed = std::strtoull(args[i + 1].c_str(), nullptr, 10);
    else if (args[i] == "--source")
      source = args[i + 1];
    else if (args[i] == "--printer")
      printer = args[i + 1];
    else if (args[i] == "--max-crashes")
      max_crashes = std::atoi(args[i + 1].c_str());
    else if (args[i] == "--progress")
      progress = std::atol(args[i + 1].c_str());
    else {
      std::fprintf(stderr, "bench soak: unknown option %s\n", args[i].c_str());
      return 2;
    }
  }
  if (args.size() % 2) {
    std::fprintf(stderr, "bench soak: %s needs a value\n", args.back().c_str());
    return 2;
  }
  char tmpl[] = "/tmp/bianmin-soak.XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl;

  // The two content versions, from the demo township's source.
  auto imported = content::import_source(source);
  if (!imported.problems.empty() || imported.content.guides.empty()) {
    std::fprintf(stderr, "bench soak: cannot import %s (%zu problems)\n", source.c_str(), imported.problems.size());
    return 1;
  }
  imported.content.content_version = "soak-a";
  Status st = content::write_cache(imported.content, dir / "a.db");
  if (st) st = content::write_cache(version_b(imported.content), dir / "b.db");
  if (!st) {
    std::fprintf(stderr, "bench soak: %s\n", st.error().to_string().c_str());
    return 1;
  }
  fs::copy_file(dir / "a.db", dir / "content.db");
  std::vector<std::string> routes_a, routes_b, words;
  {
    auto a = content::Store::open_readonly(dir / "a.db");
    auto b = content::Store::open_readonly(dir / "b.db");
    if (!a || !b) return 1;
    routes_a = all_routes(**a);
    routes_b = all_routes(**b);
    words = search_words(**a);
  }

  // The printer: a private cupsd with a receipt printer that takes every job, or a queue that
  // is disabled (jobs wait, then time out), or none at all (the kiosk says so).
  std::unique_ptr<printing::sandbox::PrivateCupsd> cupsd;
  std::unique_ptr<printing::sandbox::ReceiptListener> listener;
  std::string queue, server;
  if (printer == "cupsd" || printer == "disabled") {
    cupsd = std::make_unique<printing::sandbox::PrivateCupsd>(dir / "cups");
    listener = std::make_unique<printing::sandbox::ReceiptListener>();
    st = cupsd->start();
    if (st) st = cupsd->add_queue("soak", listener->device_uri());
    if (st && printer == "disabled") st = cupsd->disable("soak");
    if (!st) {
      std::fprintf(stderr, "bench soak: no private cupsd (%s); printing to no printer\n", st.error().message.c_str());
      cupsd.reset();
      printer = "none";
    } else {
      queue = "soak";
      server = cupsd->server();
    }
  }
  std::printf("# soak: %ld steps, seed %llu, printer %s, content soak-a / soak-b from %s, in %s\n", steps,
              static_cast<unsigned long long>(seed), printer.c_str(), source.c_str(), dir.c_str());
  std::fflush(stdout);

  void* mem = mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return 1;
  Shared& sh = *new (mem) Shared{};
  sh.version_now = 'A';
  sh.routes_total = static_cast<long>(std::set<std::string>(routes_a.begin(), routes_a.end()).size());
  {
    std::set<std::string> all(routes_a.begin(), routes_a.end());
    all.insert(routes_b.begin(), routes_b.end());
    sh.routes_total = static_cast<long>(all.size());
  }

  int crashes = 0;
  const double t0 = kiosk::monotonic_ms();
  long next_progress = progress;
  while (!sh.finished && crashes <= max_crashes) {
    const long from = sh.step;
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
      const uint64_t s = seed + static_cast<uint64_t>(crashes) * 0x9E3779B97F4A7C15ull;
      walk(sh, steps, s, dir, queue, server, routes_a, routes_b, words);
    }
    int status = 0;
    while (true) {
      pid_t r = waitpid(pid, &status, WNOHANG);
      if (r == pid) break;
      if (progress > 0 && sh.step >= next_progress) {
        std::printf("# step %ld: %.0f s, rss %.1f MB at the last swap, atlas height max %d, %ld frames\n",
                    sh.step.load(), (kiosk::monotonic_ms() - t0) / 1000, sh.rss_now_mb, sh.atlas_max_h, sh.frames);
        std::fflush(stdout);
        next_progress += progress;
      }
      usleep(100000);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && sh.finished) break;
    ++crashes;
    std::printf("# crash %d at step %ld (started at %ld): %s %d\n", crashes, sh.step.load() + 1, from,
                WIFSIGNALED(status) ? "signal" : "exit status",
                WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    std::fflush(stdout);
    if (WIFEXITED(status) && WEXITSTATUS(status) >= 2 && WEXITSTATUS(status) <= 3 && sh.step == from)
      break;                // cannot start
    sh.step = sh.step + 1;  // skip the step that crashed
  }

  // Frame build percentiles from the histogram.
  auto pct = [&](double p) {
    const double want = p / 100.0 * static_cast<double>(sh.frames);
    double seen = 0;
    for (int i = 0; i < kBins; ++i) {
      seen += sh.hist[i];
      if (seen >= want && seen > 0) return (i + 0.5) * kBinMs;
    }
    return kBins * kBinMs;
  };
  int64_t outbox_events = -1;
  if (auto ob = sync::Outbox::open(dir / "state" / "outbox.db")) {
    if (auto n = (*ob)->pending_count()) outbox_events = *n;
  }
  std::error_code ec;
  double outbox_bytes = 0;
  for (const char* suffix : {"", "-wal"}) {
    const auto p = dir / "state" / (std::string("outbox.db") + suffix);
    if (fs::exists(p, ec)) outbox_bytes += static_cast<double>(fs::file_size(p, ec));
  }

  bench::figure("soak.steps", static_cast<double>(sh.step), "steps");
  bench::figure("soak.crashes", crashes, "crashes");
  bench::figure("soak.wall_time", (kiosk::monotonic_ms() - t0) / 1000, "s");
  bench::figure("soak.routes_visited", static_cast<double>(sh.routes_visited), "routes");
  bench::figure("soak.routes_total", static_cast<double>(sh.routes_total), "routes");
  bench::figure("soak.rss_1k", sh.rss_1k_mb, "MB");
  bench::figure("soak.rss_end", sh.rss_end_mb, "MB");
  bench::figure("soak.rss_growth", sh.rss_1k_mb > 0 ? 100.0 * (sh.rss_end_mb - sh.rss_1k_mb) / sh.rss_1k_mb : 0, "%");
  bench::figure("soak.rss_max_at_checkpoints", sh.rss_max_mb, "MB");
  bench::figure("soak.frames", static_cast<double>(sh.frames), "frames");
  bench::figure("soak.frame_build_p50", pct(50), "ms");
  bench::figure("soak.frame_build_p99", pct(99), "ms");
  bench::figure("soak.atlas_start_width", sh.atlas_start_w, "px");
  bench::figure("soak.atlas_start_height", sh.atlas_start_h, "px");
  bench::figure("soak.atlas_start_glyphs", static_cast<double>(sh.atlas_start_glyphs), "glyphs");
  bench::figure("soak.atlas_end_width", sh.atlas_end_w, "px");
  bench::figure("soak.atlas_end_height", sh.atlas_end_h, "px");
  bench::figure("soak.atlas_end_glyphs", static_cast<double>(sh.atlas_end_glyphs), "glyphs");
  bench::figure("soak.atlas_max_height", sh.atlas_max_h, "px");
  bench::figure("soak.outbox_bytes", outbox_bytes, "bytes");
  bench::figure("soak.outbox_events", static_cast<double>(outbox_events), "events");
  bench::figure("soak.swaps", static_cast<double>(sh.swaps), "swaps");
  bench::figure("soak.prints", static_cast<double>(sh.prints), "prints");
  bench::figure("soak.searches", static_cast<double>(sh.searches), "searches");
  bench::figure("soak.idle_resets", static_cast<double>(sh.idle_resets), "resets");
  bench::figure("soak.attract", static_cast<double>(sh.attract), "times");
  bench::figure("soak.elder_toggles", static_cast<double>(sh.elder_toggles), "toggles");
  bench::figure("soak.staff", static_cast<double>(sh.staff), "visits");
  const bool ok = crashes == 0 && sh.finished && sh.step >= steps;
  std::printf("soak %s\n", ok ? "passed" : "FAILED");
  cupsd.reset();
  listener.reset();
  fs::remove_all(dir, ec);
  return ok ? 0 : 1;
}

}  // namespace

BIANMIN_BENCH(
    "soak",
    "a seeded random walk over every route with live content swaps: crashes, RSS growth, frame build, atlas, outbox",
    bench_soak);
