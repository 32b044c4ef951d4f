// bianmin-bench kiosk: cold start to first frame, frame build time while scrolling a 5,000-row
// fund table, idle CPU, peak RSS and the font atlas size, and 朗读: time from the tap to the
// first audio sample SDL plays, and espeak-ng's real-time factor on a whole guide. Runs the
// real App headless (offscreen SDL, software renderer; SDL's dummy audio device) in this
// process.
//   options: --content PATH (default $BIANMIN_DEMO_DB, else the build tree's demo cache),
//            --idle-seconds N (default 60),
//            --frames N (scroll frames, default 600)
#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/app.hpp"
#include "app/read_aloud.hpp"
#include "bench.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/content/synthetic.hpp"
#include "bianmin/speech/reading.hpp"
#include "bianmin/speech/scripts.hpp"
#include "bianmin/speech/speaker.hpp"

namespace {

using namespace bianmin;

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Peak resident memory since the last reset_peak_rss(), in MB (VmHWM).
double peak_rss_mb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  double kb = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %lf kB", &kb) == 1) break;
  std::fclose(f);
  return kb / 1024.0;
}

// Each app in this process is measured on its own: what an earlier one freed goes back to the
// system and the high-water mark restarts from the current resident size (Linux clear_refs 5).
void reset_peak_rss() {
  malloc_trim(0);
  if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
    std::fputs("5", f);
    std::fclose(f);
  }
}

// A township with one village and one household publication of `rows` rows.
content::ContentSet big_fund_content(int rows) {
  content::ContentSet set;
  set.site.township = "青石镇";
  set.site.county = "云溪县";
  set.site.hall.name = "青石镇便民服务中心";
  set.site.hall.phone = "0938-5550100";
  content::Village v;
  v.id = "qingshi";
  v.name = "青石村";
  v.groups = {{"g01", "第一村民小组"}, {"g02", "上湾组"}, {"g03", "下湾组"}};
  set.site.villages.push_back(v);
  set.departments.push_back({"nongye", "青石镇农业农村服务中心", "农业站", "0938-5550101", "5号窗口"});
  content::FundPublication f = content::synthetic::household_fund("big", v, rows);
  f.department_id = "nongye";
  set.funds.push_back(std::move(f));
  set.content_version = "bench-1";
  set.published_at = "2026-11-12T09:00:00+08:00";
  return set;
}

struct WidgetRecLookup {
  bool found = false;
  float x = 0, y = 0;  // centre, window pixels
};
WidgetRecLookup find_widget(const kiosk::App& app, const std::string& label) {
  for (const auto& w : app.ui().widgets)
    if (w.label == label && !w.clipped) return {true, (w.min.x + w.max.x) / 2, (w.min.y + w.max.y) / 2};
  return {};
}

kiosk::KioskOptions options(const std::filesystem::path& content, const std::filesystem::path& state) {
  kiosk::KioskOptions o;
  o.headless = true;
  o.content = content;
  o.state_dir = state;
  o.today = "2026-11-12";
  o.width = 1080;
  o.height = 1920;
  return o;
}

int bench_kiosk(const std::vector<std::string>& args) {
  std::filesystem::path demo = BIANMIN_DEMO_DB_DEFAULT;
  if (const char* d = std::getenv("BIANMIN_DEMO_DB")) demo = d;
  double idle_seconds = 60;
  int frames = 600;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--content")
      demo = args[i + 1];
    else if (args[i] == "--idle-seconds")
      idle_seconds = std::atof(args[i + 1].c_str());
    else if (args[i] == "--frames")
      frames = std::atoi(args[i + 1].c_str());
    else {
      std::fprintf(stderr, "bench kiosk: unknown option %s\n", args[i].c_str());
      return 2;
    }
  }
  const auto tmp = std::filesystem::temp_directory_path() / ("bianmin-bench-kiosk-" + std::to_string(getpid()));
  std::filesystem::create_directories(tmp);
  const auto big = tmp / "big.db";
  Status st = content::write_cache(big_fund_content(5000), big);
  if (!st) {
    std::fprintf(stderr, "bench kiosk: %s\n", st.error().to_string().c_str());
    return 1;
  }
  if (demo.empty() || !std::filesystem::exists(demo)) demo = big;
  std::printf("# cold start content: %s\n", demo.c_str());

  // 1. cold start: create the app (SDL, fonts from the content's characters) and draw a frame
  {
    const double t0 = kiosk::monotonic_ms();
    auto app = kiosk::App::create(options(demo, tmp / "state"));
    if (!app) {
      std::fprintf(stderr, "bench kiosk: %s\n", app.error().to_string().c_str());
      return 1;
    }
    (*app)->frame();
    bench::figure("kiosk.cold_start_to_first_frame", kiosk::monotonic_ms() - t0, "ms");
    bench::figure("kiosk.cold_start.platform", (*app)->startup_times().platform, "ms");
    bench::figure("kiosk.cold_start.content", (*app)->startup_times().content, "ms");
    bench::figure("kiosk.cold_start.fonts", (*app)->startup_times().fonts, "ms");
    bench::figure("kiosk.first_frame_atlas_glyphs", static_cast<double>((*app)->fonts().glyphs), "glyphs");
    // The full atlas (every character of UI and content) is built on the work lane: the next
    // frame does not wait for it; settle() waits until it is installed.
    const double t1 = kiosk::monotonic_ms();
    (*app)->frame();
    bench::figure("kiosk.full_atlas_frame", kiosk::monotonic_ms() - t1, "ms");
    (*app)->settle();
    bench::figure("kiosk.full_atlas_ready", kiosk::monotonic_ms() - t1, "ms");
    bench::figure("kiosk.font_atlas_build", (*app)->font_build_ms(), "ms");
    bench::figure("kiosk.font_atlas_width", (*app)->fonts().atlas_width, "px");
    bench::figure("kiosk.font_atlas_height", (*app)->fonts().atlas_height, "px");
    bench::figure("kiosk.font_atlas_glyphs", static_cast<double>((*app)->fonts().glyphs), "glyphs");
  }

  double peak = peak_rss_mb();
  // 1b. the same in elder mode (larger sizes: the atlas must still fit 4096x4096)
  reset_peak_rss();
  {
    auto o = options(demo, tmp / "state");
    o.elder = true;
    const double t0 = kiosk::monotonic_ms();
    auto app = kiosk::App::create(o);
    if (!app) {
      std::fprintf(stderr, "bench kiosk: %s\n", app.error().to_string().c_str());
      return 1;
    }
    (*app)->frame();
    bench::figure("kiosk.elder.cold_start_to_first_frame", kiosk::monotonic_ms() - t0, "ms");
    (*app)->settle();  // the full atlas, built on the lane
    bench::figure("kiosk.elder.font_atlas_build", (*app)->font_build_ms(), "ms");
    bench::figure("kiosk.elder.font_atlas_height", (*app)->fonts().atlas_height, "px");
  }
  bench::figure("kiosk.elder.peak_rss", peak_rss_mb(), "MB");
  reset_peak_rss();

  // 2. frame build time while a finger scrolls the 5,000-row table up and down
  {
    auto o = options(big, tmp / "state");
    o.route = "funds/qingshi/big";
    auto app = kiosk::App::create(o);
    if (!app) {
      std::fprintf(stderr, "bench kiosk: %s\n", app.error().to_string().c_str());
      return 1;
    }
    kiosk::App& a = **app;
    a.frame();
    a.settle();
    std::vector<double> samples;
    float y = 1500;
    int dir = -1;
    a.press(540, y);
    a.frame();
    for (int i = 0; i < frames; ++i) {
      a.advance(16);  // one 60 Hz frame of (virtual) time
      y += static_cast<float>(dir) * 40;
      if (y < 300 || y > 1700) {
        a.release(540, y);
        a.frame();
        dir = -dir;
        a.press(540, y);
      }
      a.move(540, y);
      a.frame();
      samples.push_back(a.last_build_ms());
    }
    a.release(540, y);
    bench::figure("kiosk.scroll_frame_build_median", bench::percentile(samples, 50), "ms");
    bench::figure("kiosk.scroll_frame_build_p99", bench::percentile(samples, 99), "ms");
  }

  // 3. idle CPU: the real event loop (real clock) on the home screen with nothing happening
  {
    auto o = options(demo, tmp / "state");
    o.virtual_time_when_headless = false;
    auto app = kiosk::App::create(o);
    if (!app) return 1;
    (*app)->frame();
    (*app)->settle();  // the full atlas is built before the idle window starts
    const double c0 = cpu_seconds();
    const double t0 = kiosk::monotonic_ms();
    (*app)->interactive_loop(idle_seconds);
    const double wall = (kiosk::monotonic_ms() - t0) / 1000;
    bench::figure("kiosk.idle_cpu", 100.0 * (cpu_seconds() - c0) / std::max(0.001, wall), "%");
    bench::figure("kiosk.idle_window", wall, "s");
  }

  // 4. 朗读: tap → first sample played, on the first guide of the content, with the real clock
  //    and a real SDL audio device (the dummy driver: its thread pulls like a sound card's)
  {
    auto store = content::Store::open_readonly(demo);
    std::vector<content::GuideSummary> guides;
    if (store) guides = (*store)->guides_all();
    if (guides.empty()) {
      std::printf("# read aloud: no guide in %s, skipped\n", demo.c_str());
    } else {
      const std::string code = guides.front().code;
      setenv("SDL_AUDIODRIVER", "dummy", 1);
      {  // the app (and its speaker) ends before the speaker below starts
        auto o = options(demo, tmp / "state");
        o.virtual_time_when_headless = false;
        o.route = "guide/" + code;
        auto app = kiosk::App::create(o);
        if (!app) return 1;
        kiosk::App& a = **app;
        a.frame();
        a.settle();
        const WidgetRecLookup button = find_widget(a, "朗读");
        kiosk::ReadAloud* ra = a.read_aloud();
        if (!button.found || !ra || !ra->speaker()) {
          std::printf("# read aloud: no 朗读 button (no audio device?), skipped\n");
        } else {
          std::vector<double> latencies;
          for (int k = 0; k < 5; ++k) {
            const double t0 = kiosk::monotonic_ms();
            a.press(button.x, button.y);
            a.release(button.x, button.y);
            a.frame();  // the tap: the intent starts the reading
            while (ra->speaker()->stats().samples_pulled == 0 && kiosk::monotonic_ms() - t0 < 5000)
              std::this_thread::sleep_for(std::chrono::microseconds(200));
            latencies.push_back(kiosk::monotonic_ms() - t0);
            ra->stop();
            a.frame();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
          }
          bench::figure("kiosk.read_aloud.tap_to_first_sample_median", bench::percentile(latencies, 50), "ms");
          bench::figure("kiosk.read_aloud.tap_to_first_sample_max", bench::percentile(latencies, 100), "ms");
        }
      }
      // synthesis speed on the whole guide, as fast as it goes (no device pacing)
      auto g = (*store)->guide(code);
      auto dept = g ? (*store)->department(g->department_id) : std::nullopt;
      std::string error;
      auto speaker = speech::Speaker::create({}, &error);
      if (g && speaker) {
        const std::string text = speech::guide_script(*g, dept ? &*dept : nullptr, (*store)->site());
        const double t0 = kiosk::monotonic_ms();
        speaker->say(text);
        std::vector<int16_t> buf(4096);
        double first = -1;
        while (speaker->speaking()) {
          if (speaker->pull(buf.data(), buf.size()) > 0 && first < 0)
            first = kiosk::monotonic_ms() - t0;
          else
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        const auto stats = speaker->stats();
        bench::figure("kiosk.read_aloud.guide_syllables",
                      static_cast<double>(speech::syllable_count(speech::toned_pinyin(text))), "syllables");
        bench::figure("kiosk.read_aloud.guide_audio", stats.audio_seconds, "s");
        bench::figure("kiosk.read_aloud.synthesis_first_sample", first, "ms");
        bench::figure("kiosk.read_aloud.synthesis_rtf", stats.synth_seconds / std::max(1e-9, stats.audio_seconds), "x");
      } else {
        std::printf("# read aloud: %s\n", error.c_str());
      }
    }
  }

  // The largest of: demo cold start, 5,000-row table scrolling, idle on the demo home screen.
  bench::figure("kiosk.peak_rss", std::max(peak, peak_rss_mb()), "MB");
  std::error_code ec;
  std::filesystem::remove_all(tmp, ec);
  return 0;
}

BIANMIN_BENCH("kiosk", "kiosk: cold start, scroll frame build time, idle CPU, RSS, font atlas", bench_kiosk);

}  // namespace
