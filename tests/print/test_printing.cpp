// Printing through a REAL CUPS scheduler: a private cupsd (own config, Unix socket, User lp,
// FileDevice Yes) with a raw queue whose device is socket://127.0.0.1:PORT, where a
// ReceiptListener plays the network receipt printer. Checks the bytes that arrive are the
// slip (text and QR), and that every failure path ends in a plain message without blocking.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <algorithm>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "bianmin/printing/escpos.hpp"
#include "bianmin/printing/print_log.hpp"
#include "bianmin/printing/print_service.hpp"
#include "bianmin/printing/sandbox.hpp"
#include "bianmin/sync/outbox.hpp"
#include "print_support.hpp"
#include "slip_fixtures.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace std::chrono_literals;
using bianmin::test::TempDir;
using printing::JobState;
using printing::sandbox::PrivateCupsd;
using printing::sandbox::ReceiptListener;

namespace {

// Generous: the suite runs two at a time on a loaded 2-core machine.
constexpr auto kJobWait = 120s;

struct Rig {
  TempDir dir{"cupsd"};
  PrivateCupsd cupsd{dir.path() / "cups"};
  Rig() {
    Status s = cupsd.start();
    INFO((s.ok() ? std::string() : s.error().message));
    REQUIRE(s.ok());
  }
  printing::PrintConfig config(const std::string& queue) const {
    printing::PrintConfig c;
    c.server = cupsd.server();
    c.queue = queue;
    c.job_timeout = 90s;
    c.offline_after = 15s;
    c.poll_interval = 200ms;
    c.request_timeout = 10s;
    return c;
  }
};

// What the scheduler and the backends said about jobs (for failure messages).
std::string log_tail(const PrivateCupsd& cupsd) {
  std::istringstream in(cupsd.error_log());
  std::string line, out;
  while (std::getline(in, line))
    if (line.find("[Job ") != std::string::npos && line.find("cupsdMarkDirty") == std::string::npos &&
        line.find("BusyState") == std::string::npos)
      out += line + "\n";
  return out.size() > 8000 ? out.substr(out.size() - 8000) : out;
}

// Polls status() like the frame loop does, until the job ends or `wait` passes.
printing::JobStatus wait_done(const printing::PrintService& svc, printing::JobId id,
                              std::chrono::seconds wait = kJobWait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  printing::JobStatus s = svc.status(id);
  while (!s.finished() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    s = svc.status(id);
  }
  return s;
}

// Jobs CUPS still has open on the queue (lpstat -o lists not-completed jobs).
std::string open_jobs(const PrivateCupsd& cupsd, const std::string& queue) {
  auto r = cupsd.client({"lpstat", "-h", cupsd.server(), "-o", queue});
  return r ? *r : "lpstat failed: " + r.error().message;
}

bool wait_no_open_jobs(const PrivateCupsd& cupsd, const std::string& queue) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (open_jobs(cupsd, queue).empty()) return true;
    std::this_thread::sleep_for(200ms);
  }
  return false;
}

struct Records {
  std::mutex mu;
  std::vector<printing::PrintRecord> all;
  std::function<void(const printing::PrintRecord&)> sink() {
    return [this](const printing::PrintRecord& r) {
      std::lock_guard<std::mutex> lk(mu);
      all.push_back(r);
    };
  }
  std::vector<printing::PrintRecord> get() {
    std::lock_guard<std::mutex> lk(mu);
    return all;
  }
};

}  // namespace

TEST_CASE("blocking_problem: which printer-state-reasons keep a job from printing") {
  using printing::blocking_problem;
  using printing::PrintProblem;
  CHECK(blocking_problem({}) == PrintProblem::None);
  CHECK(blocking_problem({"media-empty-error"}) == PrintProblem::PaperOut);
  CHECK(blocking_problem({"media-needed"}) == PrintProblem::PaperOut);
  CHECK(blocking_problem({"media-jam-error", "offline-report"}) == PrintProblem::Jam);  // most specific
  CHECK(blocking_problem({"offline-report"}) == PrintProblem::Offline);
  CHECK(blocking_problem({"media-low-warning"}) == PrintProblem::None);     // warnings never block
  CHECK(blocking_problem({"connecting-to-device"}) == PrintProblem::None);  // every job connects; timed separately
  CHECK(blocking_problem({"cover-open-error"}) == PrintProblem::CoverOpen);
  CHECK(blocking_problem({"toner-empty-report"}) == PrintProblem::SupplyEmpty);
  CHECK(blocking_problem({"other-error"}) == PrintProblem::Fault);
}

TEST_CASE("every print problem has its plain Chinese text and its heartbeat keyword") {
  using printing::PrintProblem;
  // What people read and what the hub stores: changing one is a visible change.
  const std::pair<PrintProblem, std::pair<const char*, const char*>> expected[] = {
      {PrintProblem::None, {"打印机正常", "ok"}},
      {PrintProblem::Jam, {"卡纸", "jam"}},
      {PrintProblem::PaperOut, {"缺纸", "paper-out"}},
      {PrintProblem::CoverOpen, {"打印机盖打开", "error"}},
      {PrintProblem::SupplyEmpty, {"耗材用完", "error"}},
      {PrintProblem::Offline, {"打印机离线", "offline"}},
      {PrintProblem::Wedged, {"打印机无响应", "wedged"}},
      {PrintProblem::Fault, {"打印机故障", "error"}},
      {PrintProblem::Stopped, {"打印机已停用", "stopped"}},
      {PrintProblem::NoScheduler, {"打印服务没有运行", "offline"}},
      {PrintProblem::NoResponse, {"打印服务没有响应", "offline"}},
      {PrintProblem::NoQueue, {"没有设置打印机", "offline"}},
      {PrintProblem::UnknownQueue, {"找不到打印机", "offline"}},
      {PrintProblem::Refused, {"打印机不接受任务", "error"}},
      {PrintProblem::Timeout, {"打印超时", "timeout"}},
      {PrintProblem::RenderFailed, {"小票生成失败", "render-failed"}},
      {PrintProblem::Cancelled, {"已取消", "cancelled"}},
  };
  for (const auto& one : expected) {
    const auto problem = one.first;
    const auto& words = one.second;
    CAPTURE(static_cast<int>(problem));
    CHECK(printing::text(problem) == words.first);
    CHECK(printing::keyword(problem) == words.second);
  }
  // Every value (kAllPrintProblems comes from the same rows as the enum) has a text and a
  // keyword, and a value added later must be added above too, with the words it shows.
  REQUIRE(std::size(printing::kAllPrintProblems) == std::size(expected));
  std::set<std::string> texts;
  for (size_t i = 0; i < std::size(printing::kAllPrintProblems); ++i) {
    const PrintProblem problem = printing::kAllPrintProblems[i];
    CAPTURE(i);
    CHECK(static_cast<size_t>(problem) == i);  // declaration order, no gaps
    CHECK(problem == expected[i].first);
    CHECK_FALSE(printing::text(problem).empty());
    const std::string word = printing::keyword(problem);
    CHECK_FALSE(word.empty());
    // One word a shell script or the hub's table can hold: lower-case ASCII and '-'.
    CHECK(std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }));
    texts.insert(printing::text(problem));
  }
  CHECK(texts.size() == std::size(expected));  // people can tell every problem apart
}

TEST_CASE("failure_message: the sentence a villager reads for a failed job") {
  using printing::failure_message;
  using printing::PrintProblem;
  CHECK(failure_message(PrintProblem::PaperOut) == "打印失败：打印机没有纸了，请告诉工作人员");
  CHECK(failure_message(PrintProblem::Timeout) == "打印失败：打印时间太长，已取消，请告诉工作人员");
  CHECK(failure_message(PrintProblem::Fault) == "打印失败：打印机故障，请告诉工作人员");
  for (PrintProblem problem : printing::kAllPrintProblems) {
    CAPTURE(static_cast<int>(problem));
    CHECK(failure_message(problem).rfind("打印失败：", 0) == 0);
    CHECK(failure_message(problem).find("请告诉工作人员") != std::string::npos);
  }
}

TEST_CASE("a guide slip goes through a real cupsd to a socket printer, byte for byte") {
  Rig rig;
  ReceiptListener printer;
  REQUIRE(printer.port() > 0);
  REQUIRE(rig.cupsd.add_queue("slip", printer.device_uri()).ok());

  TempDir out("printed");
  const auto outbox_path = out / "outbox.db";
  Records records;
  printing::OutboxLogger logger(outbox_path);
  auto guide = test::print::fixture_guide();
  auto dept = test::print::fixture_department();
  auto ctx = test::print::fixture_context();
  auto slip = slips::render_guide_slip(guide, &dept, ctx, slips::Paper::Roll80);
  REQUIRE(slip.ok());
  const std::string pdf = slip->pdf;
  {
    printing::PrintService svc(rig.config("slip"), [&](const printing::PrintRecord& r) {
      records.sink()(r);
      logger(r);
    });
    const auto t0 = std::chrono::steady_clock::now();
    const printing::JobId id = svc.submit(std::move(*slip), "guide/" + guide.code);
    const auto submit_took = std::chrono::steady_clock::now() - t0;
    CHECK(submit_took < 1s);  // it only queues; the frame thread never waits for CUPS
    CHECK(svc.status(id).known);
    CHECK(svc.status(id).message == "正在打印…");

    auto st = wait_done(svc, id);
    INFO(st.message, " / ", log_tail(rig.cupsd));
    REQUIRE(st.state == JobState::Done);
    CHECK(st.message == "打印完成");
    CHECK(st.cups_job_id > 0);

    auto p = svc.printer();
    CHECK(p.reachable);
    CHECK(p.ok);
    CHECK(p.accepting);
    CHECK(p.device_uri == printer.device_uri());

    // The staff test slip goes the same way, rendered on the worker.
    const printing::JobId tid = svc.submit_test_slip(ctx, slips::Paper::Roll80);
    CHECK(wait_done(svc, tid).state == JobState::Done);
  }
  REQUIRE(printer.wait_for(2, 30s));
  auto got = printer.received();
  REQUIRE(got.size() == 2);
  CHECK(got[0] == pdf);  // a raw queue hands the printer exactly what we sent

  const auto file = out / "received.pdf";
  test::write_file(file, got[0]);
  const std::string text = test::print::squeeze(test::print::pdf_text(file));
  CHECK(text.find(test::print::squeeze(guide.name)) != std::string::npos);
  CHECK(text.find("带齐材料") != std::string::npos);
  auto codes = test::print::decode_qr(test::print::render_page(file, 1, 200));
  REQUIRE(codes.size() == 1);
  CHECK(codes[0] == guide.online_url);

  const auto test_file = out / "test.pdf";
  test::write_file(test_file, got[1]);
  CHECK(test::print::pdf_text(test_file).find("打印测试") != std::string::npos);

  // The print log: one record per job, and the outbox holds them.
  auto recs = records.get();
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].ok);
  CHECK(recs[0].item == "guide/" + guide.code);
  CHECK(recs[0].pages == 1);
  CHECK(recs[0].queue == "slip");
  CHECK(recs[0].cups_job_id > 0);
  CHECK_FALSE(recs[0].time.empty());
  CHECK(recs[1].item == "test");
  CHECK(logger.last_error() == "");
  auto outbox = sync::Outbox::open(outbox_path);
  REQUIRE(outbox.ok());
  auto batch = (*outbox)->take_batch();
  REQUIRE(batch.ok());
  REQUIRE(batch->events.size() == 2);
  CHECK(batch->events[0].event.kind == sync::EventKind::Print);
  CHECK(batch->events[0].event.item == "guide/" + guide.code);
  CHECK(batch->events[0].event.text == "ok; pages=1");
  CHECK(batch->events[0].event.at > 0);
}

TEST_CASE("ESC/POS: a guide slip reaches a fake receipt printer as a raster it can print and cut") {
  Rig rig;
  ReceiptListener printer;
  REQUIRE(rig.cupsd.add_queue("receipt", printer.device_uri()).ok());
  auto cfg = rig.config("receipt");
  cfg.language = printing::Language::EscPos;  // raster_dots 0: 384 on 58 mm paper
  const auto guide = test::print::fixture_guide();
  const auto dept = test::print::fixture_department();
  const auto ctx = test::print::fixture_context();
  Records records;
  {
    printing::PrintService svc(cfg, records.sink());
    const slips::Format format = svc.config().format(slips::Paper::Roll58);
    CHECK(format.raster_dots == 384);
    const auto id = svc.submit(
        printing::PrintService::RenderFn([&, format] { return slips::render_guide_slip(guide, &dept, ctx, format); }),
        "guide/" + guide.code);
    auto st = wait_done(svc, id);
    INFO(st.message, " / ", log_tail(rig.cupsd));
    REQUIRE(st.state == JobState::Done);
    // The staff test slip speaks the same language.
    CHECK(wait_done(svc, svc.submit_test_slip(ctx, slips::Paper::Roll58)).state == JobState::Done);
  }
  REQUIRE(printer.wait_for(2, 30s));
  const auto got = printer.received();
  REQUIRE(got.size() == 2);
  TempDir out("escpos-printed");
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    auto job = printing::sandbox::parse_escpos(got[i]);  // only known commands, or an error
    INFO((job.ok() ? std::string() : job.error().message));
    REQUIRE(job.ok());
    CHECK(job->commands.front() == "ESC @");
    CHECK(job->ends_with_cut);
    CHECK(job->fed_lines > 0);
    CHECK(job->raster.width == 384);  // exactly the print head, not one dot more
    CHECK(job->raster.height > 400);
    const auto png = out / ("received-" + std::to_string(i) + ".png");
    test::write_file(png, slips::raster_png(job->raster));
    if (const char* keep = std::getenv("BIANMIN_KEEP_SLIPS"))
      test::write_file(std::filesystem::path(keep) / png.filename(), slips::raster_png(job->raster));
    const auto codes = test::print::decode_qr(png);
    REQUIRE(codes.size() == 1);
    const std::string ocr = test::print::ocr_chinese(png);
    INFO("OCR: ", ocr);
    if (i == 0) {
      CHECK(codes[0] == guide.online_url);
      CHECK(test::print::read_fraction(guide.name, ocr) >= 0.9);
    } else {
      CHECK(codes[0] == "BIANMIN-TEST " + ctx.terminal_id);
      CHECK(test::print::read_fraction("打印测试", ocr) >= 0.75);
    }
  }
  auto recs = records.get();
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].ok);
  CHECK(recs[1].ok);
}

TEST_CASE("a slip longer than the limit waits for a yes, says its length, and a no prints nothing") {
  Rig rig;
  ReceiptListener printer;
  REQUIRE(rig.cupsd.add_queue("slip", printer.device_uri()).ok());
  Records records;
  printing::PrintService svc(rig.config("slip"), records.sink());
  const auto ctx = test::print::fixture_context();
  const auto long_fund = test::print::fixture_fund(120);
  auto render = [&] { return slips::render_fund_extract(long_fund, ctx, slips::Paper::Roll58); };
  auto wait_state = [&](printing::JobId id, JobState want) {
    const auto deadline = std::chrono::steady_clock::now() + kJobWait;
    while (svc.status(id).state != want && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(50ms);
    return svc.status(id);
  };
  const auto no = svc.submit(printing::PrintService::RenderFn(render), "fund/x", 300);
  auto st = wait_state(no, JobState::AwaitingConfirm);
  REQUIRE(st.state == JobState::AwaitingConfirm);
  CHECK(st.length_mm > 300);
  CHECK(st.message == printing::length_question(st.length_mm));
  CHECK(st.message.find("米") != std::string::npos);
  CHECK(svc.cancel(no));
  CHECK(svc.status(no).message == "已取消打印");

  const auto yes = svc.submit(printing::PrintService::RenderFn(render), "fund/x", 300);
  REQUIRE(wait_state(yes, JobState::AwaitingConfirm).state == JobState::AwaitingConfirm);
  CHECK(svc.confirm(yes));
  CHECK(wait_done(svc, yes).state == JobState::Done);
  // A short slip never asks.
  const auto short_id = svc.submit(
      printing::PrintService::RenderFn([&] { return slips::render_test_slip(ctx, slips::Paper::Roll58, "slip"); }),
      "test", 300);
  CHECK(wait_done(svc, short_id).state == JobState::Done);
  REQUIRE(printer.wait_for(2, 30s));
  CHECK(printer.received().size() == 2);
  auto recs = records.get();
  REQUIRE(recs.size() == 2);  // the declined slip was never printed, so it is not in the log
  CHECK(recs[0].item == "fund/x");
  CHECK(recs[0].ok);
  CHECK(printing::length_text(620) == "62 厘米");
  CHECK(printing::length_text(2290) == "2.3 米");
}

TEST_CASE("a stopped or rejecting queue fails at once and nothing reaches the printer") {
  Rig rig;
  ReceiptListener printer;
  REQUIRE(rig.cupsd.add_queue("slip", printer.device_uri()).ok());
  Records records;
  printing::PrintService svc(rig.config("slip"), records.sink());
  auto ctx = test::print::fixture_context();

  REQUIRE(rig.cupsd.disable("slip").ok());
  svc.refresh_printer();
  auto st = wait_done(svc, svc.submit_test_slip(ctx, slips::Paper::Roll58));
  CHECK(st.state == JobState::Failed);
  CHECK(st.reason == "打印机已停用");
  CHECK(st.problem == printing::PrintProblem::Stopped);
  CHECK(st.message.rfind("打印失败：", 0) == 0);
  CHECK(st.cups_job_id == 0);  // never given to CUPS
  CHECK(svc.printer().stopped);
  CHECK(svc.printer().problem == printing::PrintProblem::Stopped);
  CHECK(svc.printer().message == "打印机已停用");

  REQUIRE(rig.cupsd.enable("slip").ok());
  REQUIRE(rig.cupsd.reject("slip").ok());
  st = wait_done(svc, svc.submit_test_slip(ctx, slips::Paper::Roll58));
  CHECK(st.state == JobState::Failed);
  CHECK(st.reason == "打印机已停用");
  CHECK_FALSE(svc.printer().accepting);
  CHECK(open_jobs(rig.cupsd, "slip").empty());
  CHECK(printer.accepted() == 0);

  // Staff turn it back on: printing works again.
  REQUIRE(rig.cupsd.accept("slip").ok());
  st = wait_done(svc, svc.submit_test_slip(ctx, slips::Paper::Roll58));
  CHECK(st.state == JobState::Done);
  CHECK(printer.wait_for(1, 30s));
  auto recs = records.get();
  REQUIRE(recs.size() == 3);
  CHECK_FALSE(recs[0].ok);
  CHECK(recs[0].reason == "打印机已停用");
  CHECK(recs[2].ok);
}

TEST_CASE("a printer that refuses connections fails the job within 5 s, never sent") {
  Rig rig;
  ReceiptListener printer;
  const std::string uri = printer.device_uri();
  printer.refuse();  // switched off: the port answers with RST
  REQUIRE(rig.cupsd.add_queue("slip", uri).ok());
  auto cfg = rig.config("slip");
  cfg.job_timeout = 300s;  // the offline rule must fire first
  Records records;
  printing::PrintService svc(cfg, records.sink());
  const auto t0 = std::chrono::steady_clock::now();
  const auto id = svc.submit_test_slip(test::print::fixture_context(), slips::Paper::Roll80);
  auto st = wait_done(svc, id);
  const auto took = std::chrono::steady_clock::now() - t0;
  INFO(st.message, " / ", svc.printer().state_message, " / ", log_tail(rig.cupsd));
  CHECK(st.state == JobState::Failed);
  CHECK(st.reason == "打印机离线");
  CHECK(st.problem == printing::PrintProblem::Offline);
  CHECK(st.message == printing::failure_message(printing::PrintProblem::Offline));
  CHECK(took < 5s);
  CHECK(st.cups_job_id == 0);  // the kiosk's own check found it off: nothing left to print later
  CHECK(open_jobs(rig.cupsd, "slip").empty());
  auto recs = records.get();
  REQUIRE(recs.size() == 1);
  CHECK_FALSE(recs[0].ok);
  CHECK(recs[0].reason == "打印机离线");
  CHECK(recs[0].problem == printing::PrintProblem::Offline);
}

TEST_CASE("a printer switched off mid-job is reported offline and the job cancelled") {
  Rig rig;
  ReceiptListener printer;
  const std::string uri = printer.device_uri();
  printer.refuse();
  REQUIRE(rig.cupsd.add_queue("slip", uri).ok());
  auto cfg = rig.config("slip");
  cfg.probe_device = false;  // only what CUPS' backend says: connecting, connecting…
  cfg.offline_after = 4s;
  cfg.job_timeout = 300s;
  printing::PrintService svc(cfg);
  auto st = wait_done(svc, svc.submit_test_slip(test::print::fixture_context(), slips::Paper::Roll80));
  INFO(st.message, " / ", log_tail(rig.cupsd));
  CHECK(st.reason == "打印机离线");
  CHECK(st.cups_job_id > 0);  // it was sent, then cancelled
  CHECK(wait_no_open_jobs(rig.cupsd, "slip"));
}

TEST_CASE("the printer state turns offline or wedged within 30 s while nobody prints") {
  Rig rig;
  auto ctx = test::print::fixture_context();
  auto wait_problem = [](const printing::PrintService& svc, printing::PrintProblem want) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (svc.printer().checked && svc.printer().problem == want) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  };
  SUBCASE("switched off") {
    ReceiptListener printer;
    REQUIRE(rig.cupsd.add_queue("receipt", printer.device_uri()).ok());
    auto cfg = rig.config("receipt");
    cfg.language = printing::Language::EscPos;
    std::mutex mu;
    std::vector<std::string> words;  // what the hub would be told, in order
    printing::PrintService svc(cfg, {}, [&](const printing::PrinterStatus& p) {
      std::lock_guard<std::mutex> lk(mu);
      if (words.empty() || words.back() != printing::keyword(p.problem)) words.push_back(printing::keyword(p.problem));
    });
    REQUIRE(wait_problem(svc, printing::PrintProblem::None));
    CHECK(printer.status_requests() >= 1);  // it asked the printer itself
    CHECK(printer.received().empty());      // and printed nothing
    const auto t0 = std::chrono::steady_clock::now();
    printer.refuse();
    CHECK(wait_problem(svc, printing::PrintProblem::Offline));
    CHECK(std::chrono::steady_clock::now() - t0 < 30s);
    std::lock_guard<std::mutex> lk(mu);
    CHECK(words == std::vector<std::string>{"ok", "offline"});
  }
  SUBCASE("wedged: takes the connection, never answers") {
    ReceiptListener printer(ReceiptListener::Mode::Hang);
    REQUIRE(rig.cupsd.add_queue("receipt", printer.device_uri()).ok());
    auto cfg = rig.config("receipt");
    cfg.language = printing::Language::EscPos;
    printing::PrintService svc(cfg);
    CHECK(wait_problem(svc, printing::PrintProblem::Wedged));
    CHECK(printing::keyword(svc.printer().problem) == "wedged");
    // A job is not handed to it: it would hang until the timeout.
    auto st = wait_done(svc, svc.submit_test_slip(ctx, slips::Paper::Roll80), 20s);
    CHECK(st.state == JobState::Failed);
    CHECK(st.reason == "打印机无响应");
    CHECK(st.cups_job_id == 0);
  }
}

TEST_CASE("cancel: a queued job is never sent, an open one is cancelled in CUPS at once") {
  Rig rig;
  ReceiptListener printer(ReceiptListener::Mode::Hang);
  REQUIRE(rig.cupsd.add_queue("slip", printer.device_uri()).ok());
  auto cfg = rig.config("slip");
  cfg.probe_device = false;  // the job must reach the hanging printer
  Records records;
  printing::PrintService svc(cfg, records.sink());
  auto ctx = test::print::fixture_context();
  const auto open_id = svc.submit_test_slip(ctx, slips::Paper::Roll80);
  const auto queued_id = svc.submit_test_slip(ctx, slips::Paper::Roll80);
  const auto deadline = std::chrono::steady_clock::now() + kJobWait;
  while (svc.status(open_id).cups_job_id == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  REQUIRE(svc.status(open_id).cups_job_id > 0);
  CHECK(svc.cancel(queued_id));
  CHECK(svc.status(queued_id).state == JobState::Failed);
  CHECK(svc.status(queued_id).message == "已取消打印");
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(svc.cancel(open_id));
  auto st = wait_done(svc, open_id, 10s);
  CHECK(std::chrono::steady_clock::now() - t0 < 3s);
  CHECK(st.state == JobState::Failed);
  CHECK(st.problem == printing::PrintProblem::Cancelled);
  CHECK(st.message == "已取消打印");
  CHECK_FALSE(svc.cancel(open_id));  // already ended
  CHECK(wait_no_open_jobs(rig.cupsd, "slip"));
  auto recs = records.get();
  REQUIRE(recs.size() == 1);  // the queued one never reached CUPS, so there is nothing to log
  CHECK(recs[0].reason == "已取消");
}

TEST_CASE("a job that never finishes is cancelled after the configured time") {
  Rig rig;
  ReceiptListener printer(ReceiptListener::Mode::Hang);  // accepts, never reads, never closes
  REQUIRE(rig.cupsd.add_queue("slip", printer.device_uri()).ok());
  auto cfg = rig.config("slip");
  cfg.probe_device = false;  // about a job already sent (a check would find it wedged first)
  cfg.job_timeout = 8s;
  printing::PrintService svc(cfg);
  const auto id = svc.submit_test_slip(test::print::fixture_context(), slips::Paper::Roll80);
  auto st = wait_done(svc, id);
  INFO(st.message, " / ", log_tail(rig.cupsd));
  CHECK(st.state == JobState::Failed);
  CHECK(st.reason == "打印超时");
  CHECK(st.problem == printing::PrintProblem::Timeout);
  CHECK(printer.accepted() >= 1);  // the printer did get the connection
  CHECK(wait_no_open_jobs(rig.cupsd, "slip"));
}

TEST_CASE("paper out and paper jam reported by the backend are plain messages") {
  Rig rig;
  REQUIRE(rig.cupsd.add_queue("nopaper", "bianmin-fault://media-empty-error").ok());
  REQUIRE(rig.cupsd.add_queue("jammed", "bianmin-fault://media-jam-error").ok());
  auto ctx = test::print::fixture_context();
  for (const auto& one : {std::pair<std::string, std::string>{"nopaper", "缺纸"}, {"jammed", "卡纸"}}) {
    const std::string& queue = one.first;
    const std::string& reason = one.second;
    CAPTURE(queue);
    printing::PrintService svc(rig.config(queue));
    auto st = wait_done(svc, svc.submit_test_slip(ctx, slips::Paper::Roll58));
    INFO(st.message, " / ", log_tail(rig.cupsd));
    CHECK(st.state == JobState::Failed);
    CHECK(st.reason == reason);
    CHECK(wait_no_open_jobs(rig.cupsd, queue));
  }
}

TEST_CASE("a wedged printer never holds up the kiosk: shutting down cancels the open job") {
  Rig rig;
  ReceiptListener printer(ReceiptListener::Mode::Hang);
  REQUIRE(rig.cupsd.add_queue("slip", printer.device_uri()).ok());
  auto cfg = rig.config("slip");
  cfg.probe_device = false;  // about a job already sent
  cfg.job_timeout = 600s;
  Records records;
  std::optional<printing::PrintService> svc;
  svc.emplace(cfg, records.sink());
  const auto id = svc->submit_test_slip(test::print::fixture_context(), slips::Paper::Roll80);
  REQUIRE(printer.wait_for(1, kJobWait));  // the backend is now stuck talking to the printer
  // While it hangs, every call the frame thread makes still answers at once.
  for (int i = 0; i < 20; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(svc->status(id).message == "正在打印…");
    (void)svc->printer();
    CHECK(std::chrono::steady_clock::now() - t0 < 500ms);
    std::this_thread::sleep_for(20ms);
  }
  CHECK(svc->status(id).cups_job_id > 0);
  const auto t0 = std::chrono::steady_clock::now();
  svc.reset();
  CHECK(std::chrono::steady_clock::now() - t0 < 60s);
  auto recs = records.get();
  REQUIRE(recs.size() == 1);
  CHECK_FALSE(recs[0].ok);
  CHECK(recs[0].reason == "已取消");
  CHECK(recs[0].problem == printing::PrintProblem::Cancelled);
  CHECK(wait_no_open_jobs(rig.cupsd, "slip"));
}

TEST_CASE("no scheduler at all: the job fails plainly, staff see why") {
  TempDir dir("nocups");
  printing::PrintConfig cfg;
  cfg.server = (dir / "no-such.sock").string();
  cfg.queue = "slip";
  cfg.request_timeout = 3s;
  printing::PrintService svc(cfg);
  auto st = wait_done(svc, svc.submit_test_slip(test::print::fixture_context(), slips::Paper::A4));
  CHECK(st.state == JobState::Failed);
  CHECK(st.reason == "打印机离线");
  auto p = svc.printer();
  CHECK(p.checked);
  CHECK_FALSE(p.reachable);
  CHECK(p.problem == printing::PrintProblem::NoScheduler);
  CHECK(p.message == "打印服务没有运行");
}
