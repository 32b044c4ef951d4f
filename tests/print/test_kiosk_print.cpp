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

kiosk::ScriptStep step(kiosk::ScriptStep::Kind kind, const std::string& text) {
  kiosk::ScriptStep s;
  s.kind = kind;
  s.text = text;
  return s;
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
  for (auto [route, url] : {std::pair{"guide/" + items.guide_code, items.guide_url},
                            std::pair{"card/" + items.card_id, items.card_url}}) {
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
