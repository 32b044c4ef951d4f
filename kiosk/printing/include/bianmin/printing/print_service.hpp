// Printing through CUPS without ever blocking the kiosk.
//
// Promises:
//  - PrintService owns one worker thread. submit*() only queue work and return a handle at
//    once; status() and printer() return snapshots at once. No public call waits for CUPS, the
//    printer, the network or the slip renderer: the frame thread may call them every frame.
//  - The worker renders the slip if asked to (slips are pure functions, safe off the frame
//    thread), checks the queue, then sends the job with libcups (IPP Create-Job +
//    Send-Document) in the printer's language: application/pdf for Language::Pdf, or for
//    Language::EscPos the slip's raster as ESC/POS (escpos.hpp) in application/vnd.cups-raw,
//    which a raw queue hands to the receipt printer unchanged; and follows job-state and the printer's
//    printer-state-reasons until the job completes, fails, or passes `job_timeout`. A job still
//    open then is cancelled (IPP Cancel-Job) and reported as failed.
//  - A failed job, and a printer that cannot print, say why as one PrintProblem; text() is
//    its plain Chinese for the villager and staff (缺纸, 卡纸, 打印机离线, 打印机已停用,
//    打印超时 …), keyword() its stable ASCII word for machines (the sync heartbeat). The
//    kiosk offers the QR code instead of a failed slip.
//  - A queue that is stopped or not accepting jobs, or a printer that reports an error
//    (no paper, jam, offline) before the job is sent, is not given the job at all (it would
//    print hours later, to nobody): the job fails at once with that reason. The same errors
//    appearing while the job is open cancel it; a printer the backend cannot reach for
//    `offline_after` cancels it as 打印机离线.
//  - Every job that ends (done or failed) produces one PrintRecord, handed to the `on_record`
//    callback on the worker thread (keep it short and thread-safe: the kiosk appends it to its
//    outbox, see print_log.hpp).
//  - Every check of the printer (at start, every printer_refresh while idle, every
//    poll_interval while a job is open, and soon after refresh_printer()) hands the fresh
//    snapshot to the `on_printer` callback on the worker thread, whoever looks or not: the
//    kiosk writes the printer's state for the sync heartbeat from it when the word changes.
//  - A network receipt printer (device socket://host:port) is also asked directly, on the
//    worker, at every idle check and while a job waits to connect: a refused or unanswered
//    connection is Offline at once (not after offline_after), and for Language::EscPos a
//    printer that takes the connection but does not answer the real-time status request
//    (DLE EOT 1) within probe_timeout is Wedged. So the state the hub sees turns within
//    printer_refresh + 2 * probe_timeout of a printer being switched off or hanging.
//  - A job submitted with confirm_over_mm > 0 whose slip is longer than that is rendered but
//    not sent: it waits in AwaitingConfirm (status says how long it is) until confirm(id)
//    sends it or cancel(id) drops it. Nothing is logged for a slip nobody wanted.
//  - cancel(id) stops a queued or open job at once (Cancel-Job in CUPS if it was sent); it
//    ends as failed with Cancelled and the message 已取消打印.
//  - The destructor stops the worker within about one request_timeout, cancelling the open
//    job in CUPS; queued jobs are dropped without printing.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/slips/slips.hpp"

namespace bianmin::printing {

// What the printer understands: PDF (A4 printers with a real CUPS driver) or ESC/POS
// (58/80 mm thermal receipt printers behind a raw queue).
enum class Language { Pdf, EscPos };
const char* language_name(Language language);  // "pdf", "escpos" (the config file's words)

struct PrintConfig {
  // CUPS server: "" = libcups' default (CUPS_SERVER, client.conf, the local scheduler);
  // "/run/cups/cups.sock" = a Unix socket; "host" or "host:port" = TCP.
  std::string server;
  std::string queue;  // destination name; "" = the server's default destination
  Language language = Language::Pdf;
  int raster_dots = 0;  // EscPos: print head width in dots; 0 = slips::default_raster_dots(paper)
  std::chrono::milliseconds job_timeout{60000};      // open longer than this: cancelled
  std::chrono::milliseconds offline_after{15000};    // backend unable to connect this long: offline
  std::chrono::milliseconds poll_interval{300};      // how often job and printer are asked
  std::chrono::milliseconds request_timeout{5000};   // one IPP connection or request, at most
  std::chrono::milliseconds printer_refresh{10000};  // idle refresh of printer() (and the hub's word)
  std::chrono::milliseconds probe_timeout{2000};     // socket:// printer: connect, then status answer
  bool probe_device = true;                          // ask socket:// printers directly (off: only what CUPS says)

  // How slips for this printer are rendered on `paper`: a PDF, or a raster raster_dots wide.
  slips::Format format(slips::Paper paper) const;
};

// Why a job failed or why the printer cannot print now: one row per problem with its name,
// its text (plain Chinese, short, for people) and its keyword (one ASCII word, stable across
// versions, for machines: the hub stores and shows it). Both derive from the value and
// nothing else; a row cannot be added without them. Keywords: a printer the kiosk cannot
// reach is "offline" whichever link is missing; cover, supplies, other faults and a refused
// job are "error"; timeout, render-failed and cancelled only ever describe one job.
#define BIANMIN_PRINT_PROBLEMS(X)                                                                \
  X(None, "打印机正常", "ok") /* nothing wrong */                                                \
  /* What the printer reports (printer-state-reasons), most specific first: */                   \
  X(Jam, "卡纸", "jam")                 /* media-jam */                                          \
  X(PaperOut, "缺纸", "paper-out")      /* media-empty, media-needed */                          \
  X(CoverOpen, "打印机盖打开", "error") /* door-open, cover-open */                              \
  X(SupplyEmpty, "耗材用完", "error")   /* marker-supply-empty, toner-empty */                   \
  X(Offline, "打印机离线", "offline")   /* offline, shutdown, timed-out; or unreachable */       \
  X(Wedged, "打印机无响应", "wedged")   /* connects but answers no status query */               \
  X(Fault, "打印机故障", "error")       /* another -error reason, or CUPS aborted the job */     \
  /* What CUPS says about the queue and about itself: */                                         \
  X(Stopped, "打印机已停用", "stopped")         /* queue stopped or not accepting jobs */        \
  X(NoScheduler, "打印服务没有运行", "offline") /* nothing answers at the configured server */   \
  X(NoResponse, "打印服务没有响应", "offline")  /* connected, but the request got no answer */   \
  X(NoQueue, "没有设置打印机", "offline")       /* no queue configured and no server default */  \
  X(UnknownQueue, "找不到打印机", "offline")    /* the scheduler does not know the queue */      \
  /* What happens to one job: */                                                                 \
  X(Refused, "打印机不接受任务", "error")          /* Create-Job or Send-Document failed */      \
  X(Timeout, "打印超时", "timeout")                /* open longer than job_timeout: cancelled */ \
  X(RenderFailed, "小票生成失败", "render-failed") /* the slip could not be made */              \
  X(Cancelled, "已取消", "cancelled")              /* the person or the service stopped the job */

enum class PrintProblem {
#define BIANMIN_PRINT_PROBLEM_NAME(name, text, keyword) name,
  BIANMIN_PRINT_PROBLEMS(BIANMIN_PRINT_PROBLEM_NAME)
#undef BIANMIN_PRINT_PROBLEM_NAME
};

// Every value, in declaration order.
inline constexpr PrintProblem kAllPrintProblems[] = {
#define BIANMIN_PRINT_PROBLEM_VALUE(name, text, keyword) PrintProblem::name,
    BIANMIN_PRINT_PROBLEMS(BIANMIN_PRINT_PROBLEM_VALUE)
#undef BIANMIN_PRINT_PROBLEM_VALUE
};

// The row's text: 打印机正常, 缺纸, 卡纸, 打印机离线, 打印机已停用, 打印超时 …
std::string text(PrintProblem problem);
// The row's keyword: ok, paper-out, jam, offline, stopped, error, timeout …
std::string keyword(PrintProblem problem);

enum class JobState { Queued, Printing, AwaitingConfirm, Done, Failed };

using JobId = uint64_t;  // 0 is never a valid handle

struct JobStatus {
  bool known = false;  // false: no such handle (or forgotten: the last 64 are kept)
  JobState state = JobState::Queued;
  std::string message;  // what to show: 正在打印…, 打印完成, or 打印失败：<sentence>
  PrintProblem problem = PrintProblem::None;  // when failed: why
  std::string reason;    // when failed: text(problem) (缺纸, 卡纸, 打印机离线 …); else ""
  int cups_job_id = 0;   // 0 until CUPS accepted the job
  double length_mm = 0;  // the slip's length once rendered (a roll: the paper it takes)
  bool finished() const { return state == JobState::Done || state == JobState::Failed; }
};

struct PrinterStatus {
  bool checked = false;    // false until the worker asked CUPS once
  bool reachable = false;  // the CUPS scheduler answered and the queue exists
  std::string queue;
  bool idle = false, printing = false, stopped = false;  // printer-state
  bool accepting = false;                                // printer-is-accepting-jobs
  std::vector<std::string> reasons;                      // printer-state-reasons keywords, "none" dropped
  std::string device_uri;
  std::string state_message;                  // printer-state-message from the backend (English, for staff)
  PrintProblem problem = PrintProblem::None;  // what keeps a job from printing (once checked)
  std::string message;                        // plain Chinese summary: 打印机正常, 正在打印, or text(problem)
                                              // (找不到打印机 names the queue: 找不到打印机“slip”)
  bool ok = false;                            // checked, and problem is None: a job would be sent
  std::string checked_at;                     // local time of the check, "YYYY-MM-DD HH:MM:SS"
};

// One line of the print log (time, item, pages, outcome).
struct PrintRecord {
  std::string time;  // when the job ended, ISO 8601 local time with offset
  int64_t unix_time = 0;
  std::string item;   // what was printed, e.g. "guide/62052400SB-GG-0003", "test"
  std::string title;  // job title
  std::string queue;
  int pages = 0;
  bool ok = false;                            // outcome: printed (true) or failed (false)
  PrintProblem problem = PrintProblem::None;  // why, when failed
  std::string reason;                         // text(problem) when failed, else ""
  int cups_job_id = 0;
  double seconds = 0;  // from submit() to the end
};

// The problem (Jam, PaperOut, CoverOpen, SupplyEmpty, Offline, Fault) that
// printer-state-reasons keywords report as keeping a job from printing; None when none does.
// Suffixes -error and -report count, -warning never blocks; connecting-to-device is not
// blocking by itself (every job connects), the service times it with offline_after.
PrintProblem blocking_problem(const std::vector<std::string>& reasons);

// A length on paper as people say it: "62 厘米", "2.3 米".
std::string length_text(double mm);
// The question shown for a slip waiting for confirm(): "这张小票很长，约 62 厘米。要打印吗？"
std::string length_question(double mm);

// The sentence a villager reads for a failed job: "打印失败：打印机没有纸了，请告诉工作人员".
std::string failure_message(PrintProblem problem);

class PrintService {
 public:
  using RenderFn = std::function<Result<slips::Slip>()>;

  explicit PrintService(PrintConfig config, std::function<void(const PrintRecord&)> on_record = {},
                        std::function<void(const PrinterStatus&)> on_printer = {});
  ~PrintService();
  PrintService(const PrintService&) = delete;
  PrintService& operator=(const PrintService&) = delete;

  // Queues a rendered slip for printing; returns at once.
  JobId submit(slips::Slip slip, std::string item);
  // Queues a slip the worker renders first (keeps pango off the frame thread); returns at once.
  // A slip longer than `confirm_over_mm` (> 0) waits for confirm(id) before it is sent.
  JobId submit(RenderFn render, std::string item, double confirm_over_mm = 0);
  // Sends a job waiting in AwaitingConfirm; false when it is not waiting.
  bool confirm(JobId id);
  // Renders the test slip (slips::render_test_slip) for this queue, in its language, and
  // submits it.
  JobId submit_test_slip(const slips::SlipContext& ctx, slips::Paper paper);

  // Stops the job (queued: never sent; open: cancelled in CUPS); false if it already ended.
  bool cancel(JobId id);

  JobStatus status(JobId id) const;
  PrinterStatus printer() const;  // last snapshot (refreshed while printing and when idle)
  void refresh_printer();         // asks the worker for a fresh snapshot soon

  const PrintConfig& config() const { return config_; }

 private:
  struct Pending {
    JobId id = 0;
    RenderFn render;
    std::string item;
    std::chrono::steady_clock::time_point submitted;
    double confirm_over_mm = 0;
  };
  class Conn;
  void run();
  void process(Pending& job);
  void finish(const Pending& job, const std::string& title, int pages, int cups_id,
              PrintProblem problem);  // None: printed
  void set_status(JobId id, JobState state, const std::string& message, PrintProblem problem, int cups_id);
  PrinterStatus query_printer(Conn& conn);
  void set_printer(const PrinterStatus& p);  // stores the snapshot, then calls on_printer_
  int create_job(Conn& conn, const std::string& title);
  bool sleep_for(std::chrono::milliseconds d);  // false when stopping
  bool cancel_requested(JobId id);              // cancel(id) was called for this job
  PrinterStatus probe(PrinterStatus p);         // adds what the device itself answers

  PrintConfig config_;
  std::function<void(const PrintRecord&)> on_record_;
  std::function<void(const PrinterStatus&)> on_printer_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  std::map<JobId, JobStatus> jobs_;
  std::map<JobId, std::pair<Pending, slips::Slip>> held_;  // rendered, AwaitingConfirm
  PrinterStatus printer_;
  JobId next_id_ = 1;
  bool stop_ = false;
  bool refresh_ = true;
  JobId cancel_job_ = 0;  // the open job cancel() asked to stop
  int cancel_ = 0;        // handed to httpConnect2 (set atomically on stop): aborts a connect in progress
  std::thread worker_;
};

}  // namespace bianmin::printing
