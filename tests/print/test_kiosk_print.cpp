// The kiosk's side of issue 4, on the demo township (BIANMIN_DEMO_DB), headless:
//  - the QR panel on a guide and a card screen is a real code: a screenshot decodes with
//    zbarimg to the content's URL;
//  - 打印 on a guide screen prints through a private cupsd to a fake receipt printer, the
//    toast says 正在打印… then 打印完成, and the print is in the outbox;
//  - with the queue stopped the toast says why and shows the QR code instead (decodes too).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/app.hpp"
#include "bianmin/printing/escpos.hpp"
#include "platform/fonts.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/printing/print_service.hpp"
#include "bianmin/printing/sandbox.hpp"
#include "bianmin/sync/outbox.hpp"
#include "print_support.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace std::chrono_literals;
using bianmin::test::TempDir;

namespace {

std::filesystem::path demo_db() {
  const char* e = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE(e != nullptr);
  REQUIRE(std::filesystem::exists(e));
  return e;
}

kiosk::KioskOptions options(const TempDir& dir) {
  kiosk::KioskOptions o;
  o.content = demo_db();
  o.headless = true;
  o.width = 1080;
  o.height = 1920;
  o.state_dir = dir / "state";
  o.terminal_id = "print-test-01";
  return o;
}

// A private cupsd with one raw queue, "slip", printing to a fake receipt printer; options()
// are the kiosk's, printing there.
struct PrintRig {
  printing::sandbox::PrivateCupsd cupsd;
  printing::sandbox::ReceiptListener printer;
  explicit PrintRig(const TempDir& dir) : cupsd(dir / "cups") {
    Status st = cupsd.start();
    INFO((st.ok() ? std::string() : st.error().message));
    REQUIRE(st.ok());
    REQUIRE(cupsd.add_queue("slip", printer.device_uri()).ok());
  }
  kiosk::KioskOptions options(const TempDir& dir) const {
    kiosk::KioskOptions o = ::options(dir);
    o.printer_queue = "slip";
    o.cups_server = cupsd.server();
    return o;
  }
};

// A guide and a card of the demo that can be handled online.
struct Items {
  std::string guide_code, guide_url, guide_name, card_id, card_url;
};
Items online_items() {
  auto store = content::Store::open_readonly(demo_db());
  REQUIRE(store.ok());
  Items it;
  for (const auto& s : (*store)->guides_all()) {
    auto g = (*store)->guide(s.code);
    if (g && !g->online_url.empty()) {
      it.guide_code = g->code;
      it.guide_url = g->online_url;
      it.guide_name = g->name;
      break;
    }
  }
  for (const auto& s : (*store)->cards()) {
    auto c = (*store)->card(s.id);
    if (c && !c->online_url.empty()) {
      it.card_id = c->id;
      it.card_url = c->online_url;
      break;
    }
  }
  REQUIRE_FALSE(it.guide_code.empty());
  REQUIRE_FALSE(it.card_id.empty());
  return it;
}

kiosk::ScriptStep step(kiosk::ScriptStep::Kind kind, const std::string& text, double ms = 0) {
  kiosk::ScriptStep s;
  s.kind = kind;
  s.text = text;
  s.ms = ms;
  return s;
}

// Whether `text` is on screen now; says what is when it is not.
bool on_screen(kiosk::App& app, const std::string& text) {
  Status st = app.run_step(step(kiosk::ScriptStep::Kind::Expect, text));
  INFO((st.ok() ? std::string() : st.error().message));
  CHECK(st.ok());
  return st.ok();
}

// The print events in the outbox for `item`: their texts ("ok; pages=1", "failed: …").
std::vector<std::string> print_events(const std::filesystem::path& state_dir, const std::string& item) {
  std::vector<std::string> out;
  auto outbox = sync::Outbox::open(state_dir / "outbox.db");
  REQUIRE(outbox.ok());
  auto batch = (*outbox)->take_batch();
  REQUIRE(batch.ok());
  for (const auto& e : batch->events)
    if (e.event.kind == sync::EventKind::Print && e.event.item == item) out.push_back(e.event.text);
  return out;
}

// Draws frames in real time (the print worker runs in real time) until `text` is on screen.
bool wait_for_text(kiosk::App& app, const std::string& text, std::chrono::seconds limit = 120s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    app.frame();
    if (app.run_step(step(kiosk::ScriptStep::Kind::Expect, text)).ok()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

// Waits until <state_dir>/printer-state says `word`, drawing NO frame: the print worker
// writes the file when the printer's state changes, whether or not the kiosk draws.
bool wait_for_printer_state(const std::filesystem::path& state_dir, const std::string& word,
                            std::chrono::seconds limit = 120s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (std::filesystem::exists(state_dir / "printer-state", ec) &&
        test::read_file(state_dir / "printer-state") == word + "\n")
      return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

}  // namespace

TEST_CASE("the QR panel on guide and card screens decodes to the content's URL") {
  const Items items = online_items();
  TempDir dir("kqr");
  for (const auto& one :
       {std::pair{"guide/" + items.guide_code, items.guide_url}, std::pair{"card/" + items.card_id, items.card_url}}) {
    const auto& route = one.first;
    const auto& url = one.second;
    CAPTURE(route);
    auto o = options(dir);
    o.route = route;
    auto app = kiosk::App::create(o);
    REQUIRE(app.ok());
    (*app)->settle();
    const auto png = dir / "screen.png";
    REQUIRE((*app)->screenshot(png).ok());
    auto codes = test::print::decode_qr(png);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == url);
  }
}

TEST_CASE("打印 on a guide prints through cupsd; a stopped printer says so and offers the QR") {
  const Items items = online_items();
  TempDir dir("kprint");
  PrintRig rig(dir);
  auto& [cupsd, printer] = rig;
  auto o = rig.options(dir);
  o.print_paper = "58mm";
  o.print_timeout_seconds = 90;
  o.route = "guide/" + items.guide_code;
  auto app_r = kiosk::App::create(o);
  REQUIRE(app_r.ok());
  kiosk::App& app = **app_r;
  app.settle();

  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::TapLabel, "打印")).ok());
  CHECK(wait_for_text(app, "打印完成"));
  REQUIRE(printer.wait_for(1, 60s));
  // The sync agent's heartbeat reads the printer's state from the state dir.
  CHECK(wait_for_printer_state(o.state_dir, printing::keyword(printing::PrintProblem::None)));
  const auto pdf = dir / "slip.pdf";
  test::write_file(pdf, printer.received().at(0));
  const std::string text = test::print::squeeze(test::print::pdf_text(pdf));
  CHECK(text.find(test::print::squeeze(items.guide_name)) != std::string::npos);
  CHECK(text.find("print-test-01") != std::string::npos);  // the terminal id from the options

  // The printer stops: the person reads why, and gets the QR code instead.
  REQUIRE(cupsd.disable("slip").ok());
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::Wait, "", 3000)).ok());  // past the tap window
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::TapLabel, "打印")).ok());
  CHECK(wait_for_text(app, "打印失败"));
  CHECK(app.run_step(step(kiosk::ScriptStep::Kind::Expect, "扫描二维码")).ok());
  CHECK(wait_for_printer_state(o.state_dir, printing::keyword(printing::PrintProblem::Stopped)));
  const auto png = dir / "failed.png";
  REQUIRE(app.screenshot(png).ok());
  if (const char* keep = std::getenv("BIANMIN_KEEP_SLIPS"))
    std::filesystem::copy_file(png, std::filesystem::path(keep) / "kiosk-print-failed.png",
                               std::filesystem::copy_options::overwrite_existing);
  auto codes = test::print::decode_qr(png);  // the page's panel and the toast's code
  CHECK_FALSE(codes.empty());
  for (const auto& code : codes) CHECK(code == items.guide_url);
  CHECK(printer.received().size() == 1);

  // Both jobs are in the print log.
  auto outbox = sync::Outbox::open(o.state_dir / "outbox.db");
  REQUIRE(outbox.ok());
  auto batch = (*outbox)->take_batch();
  REQUIRE(batch.ok());
  int ok = 0, failed = 0;
  for (const auto& e : batch->events)
    if (e.event.kind == sync::EventKind::Print && e.event.item == "guide/" + items.guide_code) {
      if (e.event.text.rfind("ok", 0) == 0) ++ok;
      if (e.event.text.rfind("failed: 打印机已停用", 0) == 0) ++failed;
    }
  CHECK(ok == 1);
  CHECK(failed == 1);
}

TEST_CASE("the printer-state file follows the queue (ok, stopped, ok, offline) with no frame drawn") {
  TempDir dir("kstate");
  PrintRig rig(dir);
  auto& [cupsd, printer] = rig;
  auto o = rig.options(dir);
  auto app = kiosk::App::create(o);
  REQUIRE(app.ok());
  // From here on nobody calls frame(): the kiosk sits idle, nothing is drawn, and the print
  // worker's own checks (every printer_refresh, 10 s) must carry each change to the file.
  using printing::keyword;
  using printing::PrintProblem;
  CHECK(wait_for_printer_state(o.state_dir, keyword(PrintProblem::None)));
  REQUIRE(cupsd.disable("slip").ok());
  CHECK(wait_for_printer_state(o.state_dir, keyword(PrintProblem::Stopped)));
  REQUIRE(cupsd.enable("slip").ok());
  CHECK(wait_for_printer_state(o.state_dir, keyword(PrintProblem::None)));
  cupsd.stop();  // the scheduler is gone: the hub must see the printer offline
  CHECK(wait_for_printer_state(o.state_dir, keyword(PrintProblem::NoScheduler)));
  CHECK(test::read_file(o.state_dir / "printer-state") == "offline\n");
  CHECK_FALSE(std::filesystem::exists(o.state_dir / "printer-state.tmp"));
  CHECK(printer.accepted() == 0);  // checking the printer never prints
}

TEST_CASE("a kiosk without a printer says none in the printer-state file at start") {
  TempDir dir("knone");
  auto o = options(dir);
  o.printer_queue.clear();
  auto app = kiosk::App::create(o);
  REQUIRE(app.ok());
  CHECK(test::read_file(o.state_dir / "printer-state") == "none\n");
}

TEST_CASE("ESC/POS from the kiosk: a double tap prints one checklist slip, cut, wait-print waits for it") {
  const Items items = online_items();
  TempDir dir("kescpos");
  PrintRig rig(dir);
  auto o = rig.options(dir);
  o.print_paper = "58mm";
  o.print_language = "escpos";
  o.route = "guide/" + items.guide_code;
  auto app_r = kiosk::App::create(o);
  REQUIRE(app_r.ok());
  kiosk::App& app = **app_r;
  app.settle();
  // Two quick taps (a few frames apart, not the script's settled taps): one slip.
  const kiosk::WidgetRec* button = nullptr;
  for (const auto& w : app.ui().widgets)
    if (w.label == "打印") button = &w;
  REQUIRE(button != nullptr);
  const float x = (button->min.x + button->max.x) / 2, y = (button->min.y + button->max.y) / 2;
  for (int tap = 0; tap < 2; ++tap) {
    app.press(x, y);
    app.frame();
    app.advance(60);
    app.release(x, y);
    app.frame();
  }
  app.advance(200);
  // 取消打印 is offered while it prints.
  on_screen(app, "正在打印");
  on_screen(app, "取消打印");
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::WaitPrint, "", 120000)).ok());
  on_screen(app, "打印完成");
  REQUIRE(rig.printer.wait_for(1, 30s));
  std::this_thread::sleep_for(1s);  // a second job would have arrived by now
  const auto got = rig.printer.received();
  REQUIRE(got.size() == 1);
  auto job = printing::sandbox::parse_escpos(got[0]);
  INFO((job.ok() ? std::string() : job.error().message));
  REQUIRE(job.ok());
  CHECK(job->raster.width == 384);
  CHECK(job->ends_with_cut);
  const auto png = dir / "kiosk-escpos.png";
  test::write_file(png, slips::raster_png(job->raster));
  if (const char* keep = std::getenv("BIANMIN_KEEP_SLIPS"))
    test::write_file(std::filesystem::path(keep) / "kiosk-escpos.png", slips::raster_png(job->raster));
  auto codes = test::print::decode_qr(png);
  REQUIRE(codes.size() == 1);
  CHECK(codes[0] == items.guide_url);
  CHECK(job->raster.height < 8 * 300);  // the checklist: under 30 cm
  const auto events = print_events(o.state_dir, "guide/" + items.guide_code);
  REQUIRE(events.size() == 1);
  CHECK(events[0].rfind("ok", 0) == 0);
}

TEST_CASE("a slip longer than printer.confirm_above_cm asks first, showing its length") {
  const Items items = online_items();
  TempDir dir("kconfirm");
  PrintRig rig(dir);
  auto o = rig.options(dir);
  o.print_paper = "58mm";
  o.print_confirm_above_cm = 5;  // every slip is longer than 5 cm
  o.route = "guide/" + items.guide_code;
  auto app_r = kiosk::App::create(o);
  REQUIRE(app_r.ok());
  kiosk::App& app = **app_r;
  app.settle();
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::TapLabel, "打印")).ok());
  REQUIRE(wait_for_text(app, "要打印吗"));
  CHECK(app.run_step(step(kiosk::ScriptStep::Kind::Expect, "厘米")).ok());
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::TapLabel, "不打印")).ok());
  CHECK(wait_for_text(app, "已取消打印"));
  CHECK(app.run_step(step(kiosk::ScriptStep::Kind::ExpectNot, "扫描二维码")).ok());  // not a failure

  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::Wait, "", 3000)).ok());
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::TapLabel, "打印")).ok());
  REQUIRE(wait_for_text(app, "要打印吗"));
  // wait-print returns at the question (a script can answer it), not after its timeout.
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::WaitPrint, "", 60000)).ok());
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::TapLabel, "确定打印")).ok());
  REQUIRE(app.run_step(step(kiosk::ScriptStep::Kind::WaitPrint, "", 120000)).ok());
  on_screen(app, "打印完成");
  REQUIRE(rig.printer.wait_for(1, 30s));
  CHECK(rig.printer.received().size() == 1);
  const auto events = print_events(o.state_dir, "guide/" + items.guide_code);
  REQUIRE(events.size() == 1);  // the slip nobody wanted was never printed, nor logged
  CHECK(events[0].rfind("ok", 0) == 0);
}

TEST_CASE("without a printer queue there is no 打印 button") {
  const Items items = online_items();
  TempDir dir("knobutton");
  auto o = options(dir);
  o.printer_queue.clear();
  for (const std::string& route : {"guide/" + items.guide_code, "card/" + items.card_id}) {
    CAPTURE(route);
    o.route = route;
    auto app = kiosk::App::create(o);
    REQUIRE(app.ok());
    (*app)->settle();
    CHECK_FALSE((*app)->run_step(step(kiosk::ScriptStep::Kind::TapLabel, "打印")).ok());
  }
}

TEST_CASE("every word the print worker can show is in the kiosk's first font atlas") {
  const kiosk::GlyphSet ui = kiosk::ui_glyphs();
  std::vector<std::string> texts = {"正在打印…",
                                    "打印完成",
                                    "已取消打印",
                                    "打印已取消",
                                    "确定打印",
                                    "不打印",
                                    "取消打印",
                                    printing::length_question(2290),
                                    printing::length_question(620),
                                    "。也可以用手机扫描二维码",
                                    "本机未连接打印机，请扫码或拍照保存"};
  for (printing::PrintProblem p : printing::kAllPrintProblems) {
    texts.push_back(printing::text(p));
    texts.push_back(printing::failure_message(p));
  }
  for (const auto& t : texts) {
    CAPTURE(t);
    kiosk::GlyphSet g;
    g.add(t);
    for (unsigned cp = 0x80; cp < 0x10000; ++cp)
      if (g.has(cp)) {
        CAPTURE(cp);
        CHECK(ui.has(cp));
      }
  }
}
