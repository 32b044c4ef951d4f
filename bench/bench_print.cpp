// bianmin-bench print [--db PATH] [--n N] [--jobs N]: slip rendering and printing.
//  - render: every slip type from the demo township's cache (the guide with the most materials,
//    as the default checklist and in full, and a card) at 58 mm, 80 mm and A4 as PDF, and as
//    ESC/POS at 384 and 576 dots (render time, and bytes of the job the printer gets), N times
//    each; the lengths in mm of the checklist and the full guide slip;
//  - submit: a private cupsd with a raw socket:// queue and a fake receipt printer (needs root),
//    timing PrintService::submit() as the frame thread sees it (it must not wait) and the whole
//    job from submit to 打印完成 as the villager sees it.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "bench.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/printing/escpos.hpp"
#include "bianmin/printing/print_service.hpp"
#include "bianmin/printing/sandbox.hpp"
#include "bianmin/slips/slips.hpp"

namespace {

using namespace bianmin;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

void report(const std::string& name, const std::vector<double>& v, const char* unit) {
  bench::figure(name + "_median", bench::percentile(v, 50), unit);
  bench::figure(name + "_p99", bench::percentile(v, 99), unit);
}

int bench_print(const std::vector<std::string>& args) {
  std::filesystem::path db;
  if (const char* e = std::getenv("BIANMIN_DEMO_DB")) db = e;
  int n = 30, jobs = 20;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--db")
      db = args[i + 1];
    else if (args[i] == "--n")
      n = std::max(1, std::atoi(args[i + 1].c_str()));
    else if (args[i] == "--jobs")
      jobs = std::max(1, std::atoi(args[i + 1].c_str()));
  }
  if (db.empty()) db = "build/demo/content.db";
  auto store = content::Store::open_readonly(db);
  if (!store) {
    std::fprintf(stderr, "bench print: %s (give --db or BIANMIN_DEMO_DB)\n", store.error().to_string().c_str());
    return 1;
  }
  const content::Store& s = **store;
  slips::SlipContext ctx;
  ctx.site = s.site();
  ctx.content_version = s.info().content_version;
  ctx.terminal_id = "bench-01";

  // The heaviest guide: most materials and conditions.
  std::optional<content::ServiceGuide> guide;
  for (const auto& sum : s.guides_all()) {
    auto g = s.guide(sum.code);
    if (g &&
        (!guide || g->materials.size() + g->conditions.size() > guide->materials.size() + guide->conditions.size()))
      guide = g;
  }
  if (!guide) {
    std::fprintf(stderr, "bench print: no guides in %s\n", db.c_str());
    return 1;
  }
  std::optional<content::Department> dept = s.department(guide->department_id);
  std::optional<content::ConvenienceCard> card;
  if (auto cards = s.cards(); !cards.empty()) card = s.card(cards.front().id);

  const slips::Paper papers[] = {slips::Paper::Roll58, slips::Paper::Roll80, slips::Paper::A4};
  slips::Slip sample;
  for (auto paper : papers) {
    const std::string pn = slips::paper_name(paper);
    std::vector<double> g_ms, c_ms;
    for (int i = 0; i < n; ++i) {
      auto t0 = Clock::now();
      auto slip = slips::render_guide_slip(*guide, dept ? &*dept : nullptr, ctx, paper);
      g_ms.push_back(ms_since(t0));
      if (!slip) {
        std::fprintf(stderr, "bench print: %s\n", slip.error().message.c_str());
        return 1;
      }
      if (paper == slips::Paper::Roll80) sample = *slip;
      if (card) {
        t0 = Clock::now();
        (void)slips::render_card_slip(*card, ctx, paper);
        c_ms.push_back(ms_since(t0));
      }
    }
    report("print.render_guide_" + pn, g_ms, "ms");
    if (!c_ms.empty()) report("print.render_card_" + pn, c_ms, "ms");
  }
  bench::figure("print.guide_slip_80mm_bytes", static_cast<double>(sample.pdf.size()), "bytes");
  bench::figure("print.guide_slip_80mm_length", sample.height_mm, "mm");
  for (auto paper : {slips::Paper::Roll58, slips::Paper::Roll80}) {
    const std::string pn = slips::paper_name(paper);
    auto checklist = slips::render_guide_slip(*guide, dept ? &*dept : nullptr, ctx, paper);
    auto full = slips::render_guide_slip(*guide, dept ? &*dept : nullptr, ctx, paper, slips::GuideDetail::Full);
    if (checklist) bench::figure("print.guide_checklist_" + pn + "_length", checklist->height_mm, "mm");
    if (full) bench::figure("print.guide_full_" + pn + "_length", full->height_mm, "mm");
  }

  // ESC/POS: the same slips as a raster, and the bytes the receipt printer gets.
  for (auto paper : {slips::Paper::Roll58, slips::Paper::Roll80}) {
    const slips::Format format(paper, slips::default_raster_dots(paper));
    const std::string dots = std::to_string(format.raster_dots);
    struct Kind {
      const char* name;
      std::function<Result<slips::Slip>()> render;
    };
    std::vector<Kind> kinds = {
        {"guide", [&] { return slips::render_guide_slip(*guide, dept ? &*dept : nullptr, ctx, format); }}};
    if (card) kinds.push_back({"card", [&] { return slips::render_card_slip(*card, ctx, format); }});
    kinds.push_back({"test", [&] { return slips::render_test_slip(ctx, format, "bench"); }});
    for (const Kind& k : kinds) {
      std::vector<double> ms;
      size_t bytes = 0;
      for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        auto slip = k.render();
        if (!slip) {
          std::fprintf(stderr, "bench print: %s\n", slip.error().message.c_str());
          return 1;
        }
        bytes = printing::escpos::raster_job(slip->raster).size();
        ms.push_back(ms_since(t0));
      }
      const std::string base = std::string("print.escpos_") + k.name + "_" + dots;
      report(base, ms, "ms");
      bench::figure(base + "_bytes", static_cast<double>(bytes), "bytes");
    }
  }

  if (geteuid() != 0) {
    std::fprintf(stderr, "bench print: not root, no private cupsd: submit figures skipped\n");
    return 0;
  }
  char tmpl[] = "/tmp/bianmin-bench-print.XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const std::filesystem::path dir = tmpl;
  int rc = 0;
  {
    printing::sandbox::PrivateCupsd cupsd(dir / "cups");
    const auto t0 = Clock::now();
    Status st = cupsd.start();
    if (!st) {
      std::fprintf(stderr, "bench print: %s\n", st.error().message.c_str());
      rc = 1;
    } else {
      bench::figure("print.cupsd_start", ms_since(t0), "ms");
      printing::sandbox::ReceiptListener printer;
      st = cupsd.add_queue("bench", printer.device_uri());
      if (!st) {
        std::fprintf(stderr, "bench print: %s\n", st.error().message.c_str());
        rc = 1;
      } else {
        printing::PrintConfig cfg;
        cfg.server = cupsd.server();
        cfg.queue = "bench";
        cfg.poll_interval = std::chrono::milliseconds(50);
        printing::PrintService svc(cfg);
        std::vector<double> call_us, done_ms;
        for (int i = 0; i < jobs; ++i) {
          const auto t1 = Clock::now();
          const auto id = svc.submit(sample, "bench");
          call_us.push_back(ms_since(t1) * 1000);
          printing::JobStatus js = svc.status(id);
          while (!js.finished() && ms_since(t1) < 120000) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            js = svc.status(id);
          }
          if (js.state != printing::JobState::Done) {
            std::fprintf(stderr, "bench print: job %d: %s\n", i, js.message.c_str());
            rc = 1;
            break;
          }
          done_ms.push_back(ms_since(t1));
        }
        report("print.submit_call", call_us, "us");
        report("print.submit_to_done", done_ms, "ms");
      }
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return rc;
}

}  // namespace

BIANMIN_BENCH("print",
              "slip render time per type and paper; submit call and submit-to-printed time through a private cupsd",
              bench_print);
