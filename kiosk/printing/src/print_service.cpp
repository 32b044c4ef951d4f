#include "bianmin/printing/print_service.hpp"

#include "bianmin/printing/escpos.hpp"

#include <cups/cups.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <memory>
#include <optional>

namespace bianmin::printing {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kKeepJobs = 64;

std::string local_time(const char* fmt) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[48];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

// The keyword without its -error / -warning / -report suffix, and which suffix it had.
std::string base_keyword(const std::string& k, std::string* suffix) {
  for (const char* s : {"-error", "-warning", "-report"}) {
    const std::string sfx = s;
    if (k.size() > sfx.size() && k.compare(k.size() - sfx.size(), sfx.size(), sfx) == 0) {
      if (suffix) *suffix = sfx;
      return k.substr(0, k.size() - sfx.size());
    }
  }
  if (suffix) suffix->clear();
  return k;
}

bool has_reason(const std::vector<std::string>& reasons, const std::string& base) {
  for (const auto& r : reasons)
    if (base_keyword(r, nullptr) == base) return true;
  return false;
}

// What CUPS' network backends (socket, ipp, lpd) say while they cannot reach the printer. They
// set no printer-state-reason for it, only printer-state-message; the job is created with
// natural language "en" so these come in English whatever the kiosk's locale.
bool unreachable_message(const std::string& m) {
  static const char* const phrases[] = {"may not exist or is unavailable",
                                        "is not responding",
                                        "is unreachable",
                                        "Unable to locate printer",
                                        "Unable to connect",
                                        "Connection refused",
                                        "Host is down"};
  for (const char* p : phrases)
    if (m.find(p) != std::string::npos) return true;
  return false;
}

// host and port of a socket://host[:port][/...] device URI; port 0 when it is not one.
std::pair<std::string, int> socket_device(const std::string& uri) {
  const std::string scheme = "socket://";
  if (uri.rfind(scheme, 0) != 0) return {{}, 0};
  std::string rest = uri.substr(scheme.size());
  rest = rest.substr(0, rest.find_first_of("/?"));
  int port = 9100;
  std::string host = rest;
  if (!rest.empty() && rest[0] == '[') {  // [v6]:port
    const size_t close = rest.find(']');
    if (close == std::string::npos) return {{}, 0};
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = std::atoi(rest.c_str() + close + 2);
  } else if (const size_t colon = rest.rfind(':'); colon != std::string::npos) {
    host = rest.substr(0, colon);
    port = std::atoi(rest.c_str() + colon + 1);
  }
  if (host.empty() || port <= 0 || port > 65535) return {{}, 0};
  return {host, port};
}

enum class Answer { Ok, Refused, Silent };

// Connects to host:port within `timeout`; with `status_query`, also sends ESC/POS DLE EOT 1
// (printer status, answered by the printer's firmware at once, even mid-job) and waits as
// long again for its one byte. The printer's answer itself is not judged: paper and cover
// are reported through CUPS once a job runs.
Answer ask_device(const std::string& host, int port, std::chrono::milliseconds timeout, bool status_query,
                  std::string* why) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res) {
    *why = "unknown host " + host;
    return Answer::Refused;
  }
  const int ms = static_cast<int>(timeout.count());
  Answer answer = Answer::Refused;
  const int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd >= 0) {
    int rc = connect(fd, res->ai_addr, res->ai_addrlen);
    int err = rc == 0 ? 0 : errno;
    if (rc != 0 && err == EINPROGRESS) {
      pollfd pfd{fd, POLLOUT, 0};
      if (poll(&pfd, 1, ms) == 1) {
        socklen_t len = sizeof err;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      } else {
        err = ETIMEDOUT;
      }
    }
    if (err != 0) {
      *why = std::string("connect: ") + std::strerror(err);
    } else if (!status_query) {
      answer = Answer::Ok;
    } else {
      const char query[] = {0x10, 0x04, 0x01};
      char reply = 0;
      pollfd pfd{fd, POLLIN, 0};
      if (send(fd, query, sizeof query, MSG_NOSIGNAL) == static_cast<ssize_t>(sizeof query) && poll(&pfd, 1, ms) == 1 &&
          recv(fd, &reply, 1, 0) == 1) {
        answer = Answer::Ok;
      } else {
        answer = Answer::Silent;
        *why = "no answer to the status request (DLE EOT 1)";
      }
    }
    close(fd);
  }
  freeaddrinfo(res);
  return answer;
}

int timeout_cb(http_t*, void*) { return 0; }  // a request past request_timeout is abandoned

std::string ipp_text(ipp_t* resp, const char* name) {
  ipp_attribute_t* a = ippFindAttribute(resp, name, IPP_TAG_ZERO);
  if (!a) return {};
  const char* s = ippGetString(a, 0, nullptr);
  return s ? s : "";
}

std::vector<std::string> ipp_keywords(ipp_t* resp, const char* name) {
  std::vector<std::string> out;
  ipp_attribute_t* a = ippFindAttribute(resp, name, IPP_TAG_KEYWORD);
  if (!a) return out;
  for (int i = 0; i < ippGetCount(a); ++i) {
    const char* s = ippGetString(a, i, nullptr);
    if (s && std::string(s) != "none") out.emplace_back(s);
  }
  return out;
}

}  // namespace

const char* language_name(Language language) { return language == Language::EscPos ? "escpos" : "pdf"; }

slips::Format PrintConfig::format(slips::Paper paper) const {
  if (language != Language::EscPos) return slips::Format(paper);
  return slips::Format(paper, raster_dots > 0 ? raster_dots : slips::default_raster_dots(paper));
}

std::string text(PrintProblem problem) {
  switch (problem) {
#define BIANMIN_PRINT_PROBLEM_TEXT(name, text, keyword) \
  case PrintProblem::name:                              \
    return text;
    BIANMIN_PRINT_PROBLEMS(BIANMIN_PRINT_PROBLEM_TEXT)
#undef BIANMIN_PRINT_PROBLEM_TEXT
  }
  return {};
}

std::string keyword(PrintProblem problem) {
  switch (problem) {
#define BIANMIN_PRINT_PROBLEM_KEYWORD(name, text, keyword) \
  case PrintProblem::name:                                 \
    return keyword;
    BIANMIN_PRINT_PROBLEMS(BIANMIN_PRINT_PROBLEM_KEYWORD)
#undef BIANMIN_PRINT_PROBLEM_KEYWORD
  }
  return {};
}

PrintProblem blocking_problem(const std::vector<std::string>& reasons) {
  // Most specific first: a jam often comes with "offline" too.
  struct Rule {
    const char* base;
    PrintProblem problem;
  };
  static const Rule rules[] = {
      {"media-jam", PrintProblem::Jam},           {"media-empty", PrintProblem::PaperOut},
      {"media-needed", PrintProblem::PaperOut},   {"door-open", PrintProblem::CoverOpen},
      {"cover-open", PrintProblem::CoverOpen},    {"marker-supply-empty", PrintProblem::SupplyEmpty},
      {"toner-empty", PrintProblem::SupplyEmpty}, {"offline", PrintProblem::Offline},
      {"shutdown", PrintProblem::Offline},        {"timed-out", PrintProblem::Offline},
  };
  for (const Rule& rule : rules)
    for (const auto& r : reasons) {
      std::string sfx;
      if (base_keyword(r, &sfx) == rule.base && sfx != "-warning") return rule.problem;
    }
  for (const auto& r : reasons) {
    std::string sfx;
    base_keyword(r, &sfx);
    if (sfx == "-error") return PrintProblem::Fault;
  }
  return PrintProblem::None;
}

std::string length_text(double mm) {
  char buf[32];
  if (mm >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f 米", mm / 1000);
  else
    std::snprintf(buf, sizeof buf, "%d 厘米", static_cast<int>(std::lround(mm / 10)));
  return buf;
}

std::string length_question(double mm) { return "这张小票很长，约 " + length_text(mm) + "。要打印吗？"; }

std::string failure_message(PrintProblem problem) {
  std::string s;
  switch (problem) {
    case PrintProblem::PaperOut:
      s = "打印机没有纸了";
      break;
    case PrintProblem::Jam:
      s = "打印机卡纸了";
      break;
    case PrintProblem::Offline:
      s = "打印机没有连接";
      break;
    case PrintProblem::Stopped:
      s = "打印机暂停使用";
      break;
    case PrintProblem::Timeout:
      s = "打印时间太长，已取消";
      break;
    case PrintProblem::CoverOpen:
      s = "打印机盖子没有关好";
      break;
    case PrintProblem::None:
      break;
    default:
      s = text(problem);
      break;
  }
  return "打印失败：" + (s.empty() ? s : s + "，") + "请告诉工作人员";
}

// One connection to the scheduler; every request on it gives up after request_timeout.
class PrintService::Conn {
 public:
  Conn(const PrintConfig& cfg, int* cancel) {
    std::string server = cfg.server.empty() ? std::string(cupsServer()) : cfg.server;
    int port = ippPort();
    if (!server.empty() && server[0] != '/') {
      // "host:port" (an IPv6 literal would be bracketed: "[::1]:631").
      const size_t colon = server.rfind(':');
      if (colon != std::string::npos && server.find(']', colon) == std::string::npos && server.find(':') == colon) {
        port = std::atoi(server.c_str() + colon + 1);
        server.resize(colon);
      }
    }
    const int ms = static_cast<int>(cfg.request_timeout.count());
    http_ = httpConnect2(server.c_str(), port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, ms, cancel);
    if (http_) httpSetTimeout(http_, ms / 1000.0, timeout_cb, nullptr);
    queue_ = cfg.queue;
    if (http_ && queue_.empty()) {
      const char* d = cupsGetDefault2(http_);
      if (d) queue_ = d;
    }
  }
  ~Conn() {
    if (http_) httpClose(http_);
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  http_t* get() const { return http_; }
  const std::string& queue() const { return queue_; }
  std::string printer_uri() const {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), "/printers/%s",
                     queue_.c_str());
    return uri;
  }

 private:
  http_t* http_ = nullptr;
  std::string queue_;
};

PrintService::PrintService(PrintConfig config, std::function<void(const PrintRecord&)> on_record,
                           std::function<void(const PrinterStatus&)> on_printer)
    : config_(std::move(config)), on_record_(std::move(on_record)), on_printer_(std::move(on_printer)) {
  printer_.queue = config_.queue;
  printer_.message = "正在检查打印机…";
  worker_ = std::thread([this] { run(); });
}

PrintService::~PrintService() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
  }
  __atomic_store_n(&cancel_, 1, __ATOMIC_SEQ_CST);
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

JobId PrintService::submit(slips::Slip slip, std::string item) {
  auto shared = std::make_shared<slips::Slip>(std::move(slip));
  return submit(RenderFn([shared]() -> Result<slips::Slip> { return std::move(*shared); }), std::move(item));
}

JobId PrintService::submit(RenderFn render, std::string item, double confirm_over_mm) {
  std::lock_guard<std::mutex> lk(mu_);
  const JobId id = next_id_++;
  queue_.push_back({id, std::move(render), std::move(item), Clock::now(), confirm_over_mm});
  JobStatus s;
  s.known = true;
  s.state = JobState::Queued;
  s.message = "正在打印…";
  jobs_[id] = s;
  while (jobs_.size() > kKeepJobs) jobs_.erase(jobs_.begin());
  cv_.notify_all();
  return id;
}

JobId PrintService::submit_test_slip(const slips::SlipContext& ctx, slips::Paper paper) {
  const std::string name = config_.queue;
  const slips::Format format = config_.format(paper);
  return submit(RenderFn([ctx, format, name] { return slips::render_test_slip(ctx, format, name); }), "test");
}

JobStatus PrintService::status(JobId id) const {
  std::lock_guard<std::mutex> lk(mu_);
  auto it = jobs_.find(id);
  return it == jobs_.end() ? JobStatus{} : it->second;
}

PrinterStatus PrintService::printer() const {
  std::lock_guard<std::mutex> lk(mu_);
  return printer_;
}

void PrintService::set_printer(const PrinterStatus& p) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    printer_ = p;
  }
  if (on_printer_) on_printer_(p);  // outside the lock: it may write a file
}

void PrintService::refresh_printer() {
  std::lock_guard<std::mutex> lk(mu_);
  refresh_ = true;
  cv_.notify_all();
}

void PrintService::set_status(JobId id, JobState state, const std::string& message, PrintProblem problem, int cups_id) {
  std::lock_guard<std::mutex> lk(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return;
  it->second.state = state;
  it->second.message = message;
  it->second.problem = problem;
  it->second.reason = state == JobState::Failed ? text(problem) : std::string();
  it->second.cups_job_id = cups_id;
}

bool PrintService::confirm(JobId id) {
  std::lock_guard<std::mutex> lk(mu_);
  auto h = held_.find(id);
  if (h == held_.end()) return false;
  Pending p = std::move(h->second.first);
  auto slip = std::make_shared<slips::Slip>(std::move(h->second.second));
  held_.erase(h);
  p.render = [slip]() -> Result<slips::Slip> { return std::move(*slip); };
  p.confirm_over_mm = 0;
  queue_.push_front(std::move(p));
  auto it = jobs_.find(id);
  if (it != jobs_.end()) {
    it->second.state = JobState::Queued;
    it->second.message = "正在打印…";
  }
  cv_.notify_all();
  return true;
}

bool PrintService::cancel(JobId id) {
  std::lock_guard<std::mutex> lk(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.finished()) return false;
  auto q = std::find_if(queue_.begin(), queue_.end(), [id](const Pending& p) { return p.id == id; });
  if (q != queue_.end() || held_.count(id)) {
    if (q != queue_.end()) queue_.erase(q);  // never sent: nothing to tell CUPS, nothing to log
    held_.erase(id);
    it->second.state = JobState::Failed;
    it->second.problem = PrintProblem::Cancelled;
    it->second.reason = text(PrintProblem::Cancelled);
    it->second.message = "已取消打印";
    return true;
  }
  cancel_job_ = id;  // the worker is on it: it stops at its next look
  cv_.notify_all();
  return true;
}

bool PrintService::cancel_requested(JobId id) {
  std::lock_guard<std::mutex> lk(mu_);
  return cancel_job_ == id;
}

PrinterStatus PrintService::probe(PrinterStatus p) {
  if (!config_.probe_device || !p.ok) return p;
  const auto [host, port] = socket_device(p.device_uri);
  if (port == 0) return p;
  std::string why;
  const Answer a = ask_device(host, port, config_.probe_timeout, config_.language == Language::EscPos, &why);
  if (a == Answer::Ok) return p;
  p.problem = a == Answer::Silent ? PrintProblem::Wedged : PrintProblem::Offline;
  p.ok = false;
  p.message = text(p.problem);
  if (p.state_message.empty()) p.state_message = why;
  return p;
}

bool PrintService::sleep_for(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lk(mu_);
  cv_.wait_for(lk, d, [this] { return stop_ || cancel_job_ != 0; });
  return !stop_;
}

void PrintService::run() {
  for (;;) {
    Pending job;
    bool have_job = false;
    {
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait_for(lk, config_.printer_refresh, [this] { return stop_ || refresh_ || !queue_.empty(); });
      if (stop_) break;
      if (!queue_.empty()) {
        job = std::move(queue_.front());
        queue_.pop_front();
        have_job = true;
      }
      refresh_ = false;
    }
    if (have_job) {
      process(job);
    } else {
      Conn conn(config_, &cancel_);
      set_printer(probe(query_printer(conn)));
    }
  }
  // Jobs never sent: tell whoever still looks at them.
  std::lock_guard<std::mutex> lk(mu_);
  for (const auto& q : queue_) {
    auto it = jobs_.find(q.id);
    if (it != jobs_.end()) {
      it->second.state = JobState::Failed;
      it->second.problem = PrintProblem::Cancelled;
      it->second.reason = text(PrintProblem::Cancelled);
      it->second.message = "打印已取消";
    }
  }
  queue_.clear();
  for (const auto& [id, held] : held_) {
    auto it = jobs_.find(id);
    if (it != jobs_.end()) {
      it->second.state = JobState::Failed;
      it->second.problem = PrintProblem::Cancelled;
      it->second.reason = text(PrintProblem::Cancelled);
      it->second.message = "打印已取消";
    }
  }
  held_.clear();
}

PrinterStatus PrintService::query_printer(Conn& conn) {
  PrinterStatus p;
  p.checked = true;
  p.checked_at = local_time("%Y-%m-%d %H:%M:%S");
  p.queue = conn.queue();
  auto fail = [&p](PrintProblem problem) {
    p.problem = problem;
    p.message = problem == PrintProblem::UnknownQueue ? "找不到打印机“" + p.queue + "”" : text(problem);
    return p;
  };
  if (!conn.get()) return fail(PrintProblem::NoScheduler);
  if (p.queue.empty()) return fail(PrintProblem::NoQueue);
  ipp_t* req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, conn.printer_uri().c_str());
  static const char* const wanted[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs",
                                       "printer-state-message", "device-uri"};
  ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", static_cast<int>(std::size(wanted)),
                nullptr, wanted);
  ipp_t* resp = cupsDoRequest(conn.get(), req, "/");
  const ipp_status_t st = cupsLastError();
  if (!resp || st > IPP_STATUS_OK_CONFLICTING) {
    if (resp) ippDelete(resp);
    return fail(st == IPP_STATUS_ERROR_NOT_FOUND ? PrintProblem::UnknownQueue : PrintProblem::NoResponse);
  }
  p.reachable = true;
  const int state = ippGetInteger(ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM), 0);
  p.idle = state == IPP_PSTATE_IDLE;
  p.printing = state == IPP_PSTATE_PROCESSING;
  p.stopped = state == IPP_PSTATE_STOPPED;
  p.accepting = ippGetBoolean(ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN), 0);
  p.reasons = ipp_keywords(resp, "printer-state-reasons");
  // "paused" is how CUPS marks a queue stopped by staff; it is the stop, not a fault.
  p.reasons.erase(std::remove(p.reasons.begin(), p.reasons.end(), "paused"), p.reasons.end());
  p.state_message = ipp_text(resp, "printer-state-message");
  p.device_uri = ipp_text(resp, "device-uri");
  ippDelete(resp);
  p.problem = blocking_problem(p.reasons);
  if (p.problem == PrintProblem::None && (p.stopped || !p.accepting)) p.problem = PrintProblem::Stopped;
  p.ok = p.problem == PrintProblem::None;
  p.message = p.ok && p.printing ? "正在打印" : text(p.problem);
  return p;
}

void PrintService::finish(const Pending& job, const std::string& title, int pages, int cups_id, PrintProblem problem) {
  const bool ok = problem == PrintProblem::None;
  bool asked = false;  // cancel() stopped it: the person knows, no need to call staff
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (cancel_job_ == job.id) {
      asked = problem == PrintProblem::Cancelled;
      cancel_job_ = 0;
    }
  }
  set_status(job.id, ok ? JobState::Done : JobState::Failed,
             ok      ? "打印完成"
             : asked ? "已取消打印"
                     : failure_message(problem),
             problem, cups_id);
  if (!on_record_) return;
  PrintRecord r;
  r.time = local_time("%Y-%m-%dT%H:%M:%S%z");
  r.unix_time = static_cast<int64_t>(std::time(nullptr));
  r.item = job.item;
  r.title = title;
  r.queue = config_.queue;
  r.pages = pages;
  r.ok = ok;
  r.problem = problem;
  r.reason = ok ? std::string() : text(problem);
  r.cups_job_id = cups_id;
  r.seconds = std::chrono::duration<double>(Clock::now() - job.submitted).count();
  on_record_(r);
}

// IPP Create-Job, like cupsCreateJob() but in English: the job's language is the one its
// backend speaks in printer-state-message (see unreachable_message()).
int PrintService::create_job(Conn& conn, const std::string& title) {
  ipp_t* req = ippNewRequest(IPP_OP_CREATE_JOB);
  if (ipp_attribute_t* lang = ippFindAttribute(req, "attributes-natural-language", IPP_TAG_LANGUAGE))
    ippSetString(req, &lang, 0, "en");
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, conn.printer_uri().c_str());
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title.c_str());
  const std::string resource = "/printers/" + conn.queue();
  ipp_t* resp = cupsDoRequest(conn.get(), req, resource.c_str());
  int id = 0;
  if (resp && cupsLastError() <= IPP_STATUS_OK_CONFLICTING)
    id = ippGetInteger(ippFindAttribute(resp, "job-id", IPP_TAG_INTEGER), 0);
  if (resp) ippDelete(resp);
  return id;
}

void PrintService::process(Pending& job) {
  set_status(job.id, JobState::Printing, "正在打印…", PrintProblem::None, 0);
  auto slip = job.render ? job.render() : Result<slips::Slip>::fail("没有内容");
  if (!slip) {
    finish(job, {}, 0, 0, PrintProblem::RenderFailed);
    return;
  }
  const std::string& title = slip->title;
  const int pages = slip->pages;
  {
    std::lock_guard<std::mutex> lk(mu_);
    auto it = jobs_.find(job.id);
    if (it != jobs_.end()) it->second.length_mm = slip->height_mm;
  }
  if (job.confirm_over_mm > 0 && slip->height_mm > job.confirm_over_mm && !cancel_requested(job.id)) {
    // Too long to print without asking: keep it until the person says yes or no.
    std::lock_guard<std::mutex> lk(mu_);
    auto it = jobs_.find(job.id);
    if (it != jobs_.end()) {
      it->second.state = JobState::AwaitingConfirm;
      it->second.message = length_question(slip->height_mm);
    }
    held_.emplace(job.id, std::make_pair(std::move(job), std::move(*slip)));
    return;
  }
  // The document in the printer's language; a slip rendered for the other one is a bug.
  std::string escpos_bytes;
  const char* doc_format = CUPS_FORMAT_PDF;
  const std::string* doc = &slip->pdf;
  if (config_.language == Language::EscPos) {
    escpos_bytes = slip->raster.empty() ? std::string() : escpos::raster_job(slip->raster);
    doc = &escpos_bytes;
    doc_format = CUPS_FORMAT_RAW;
  }
  if (doc->empty()) {
    finish(job, title, pages, 0, PrintProblem::RenderFailed);
    return;
  }

  if (cancel_requested(job.id)) {
    finish(job, title, pages, 0, PrintProblem::Cancelled);
    return;
  }

  Conn conn(config_, &cancel_);
  PrinterStatus p = probe(query_printer(conn));
  set_printer(p);
  if (!p.reachable) {
    // No scheduler or no such queue: for the villager the printer simply is not there.
    finish(job, title, pages, 0, PrintProblem::Offline);
    return;
  }
  if (!p.ok) {
    finish(job, title, pages, 0, p.problem);
    return;
  }

  const std::string queue = conn.queue();
  const int cups_id = create_job(conn, title);
  if (cups_id <= 0) {
    finish(job, title, pages, 0, PrintProblem::Refused);
    return;
  }
  auto cancel_job = [&] { cupsCancelJob2(conn.get(), queue.c_str(), cups_id, 0); };
  bool sent =
      cupsStartDocument(conn.get(), queue.c_str(), cups_id, title.c_str(), doc_format, 1) == HTTP_STATUS_CONTINUE;
  for (size_t off = 0; sent && off < doc->size(); off += 65536) {
    const size_t n = std::min<size_t>(65536, doc->size() - off);
    sent = cupsWriteRequestData(conn.get(), doc->data() + off, n) == HTTP_STATUS_CONTINUE;
  }
  if (!sent || cupsFinishDocument(conn.get(), queue.c_str()) != IPP_STATUS_OK) {
    cancel_job();
    finish(job, title, pages, cups_id, PrintProblem::Refused);
    return;
  }
  set_status(job.id, JobState::Printing, "正在打印…", PrintProblem::None, cups_id);

  // Follow the job until it ends, an error shows, or time runs out.
  char job_uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, job_uri, sizeof job_uri, "ipp", nullptr, "localhost", ippPort(), "/jobs/%d",
                   cups_id);
  bool connecting = false;  // the backend has been trying to reach the printer since...
  Clock::time_point connecting_since{};
  int failed_polls = 0;
  auto ask_job_state = [&]() -> int {  // 0 when the scheduler did not answer
    ipp_t* req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, job_uri);
    static const char* const wanted[] = {"job-state", "job-state-reasons"};
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", static_cast<int>(std::size(wanted)),
                  nullptr, wanted);
    ipp_t* resp = cupsDoRequest(conn.get(), req, "/");
    int state = 0;
    if (resp && cupsLastError() <= IPP_STATUS_OK_CONFLICTING)
      state = ippGetInteger(ippFindAttribute(resp, "job-state", IPP_TAG_ENUM), 0);
    if (resp) ippDelete(resp);
    return state;
  };
  for (;;) {
    const int jstate = ask_job_state();
    failed_polls = jstate == 0 ? failed_polls + 1 : 0;
    p = query_printer(conn);
    set_printer(p);
    const auto now = Clock::now();
    if (jstate == IPP_JSTATE_COMPLETED) {
      finish(job, title, pages, cups_id, PrintProblem::None);
      return;
    }
    if (jstate == IPP_JSTATE_CANCELED || jstate == IPP_JSTATE_ABORTED) {
      const PrintProblem why = blocking_problem(p.reasons);
      finish(job, title, pages, cups_id, why == PrintProblem::None ? PrintProblem::Fault : why);
      return;
    }
    if (cancel_requested(job.id)) {
      cancel_job();
      finish(job, title, pages, cups_id, PrintProblem::Cancelled);
      return;
    }
    if (has_reason(p.reasons, "connecting-to-device") || unreachable_message(p.state_message)) {
      if (!connecting) connecting_since = now;
      connecting = true;
    } else {
      connecting = false;
    }
    PrintProblem why = blocking_problem(p.reasons);
    // Still connecting after a second: ask the printer ourselves; one that refuses or does not
    // answer is offline now, not after offline_after.
    if (why == PrintProblem::None && connecting && now - connecting_since >= std::chrono::seconds(1) &&
        probe(p).problem == PrintProblem::Offline)
      why = PrintProblem::Offline;
    const bool none = why == PrintProblem::None;
    if (none && p.reachable && (p.stopped || !p.accepting))
      why = PrintProblem::Stopped;
    else if (none && connecting && now - connecting_since >= config_.offline_after)
      why = PrintProblem::Offline;
    else if (none && failed_polls * config_.poll_interval >= config_.offline_after)
      why = PrintProblem::Offline;  // the scheduler itself stopped answering
    else if (none && now - job.submitted >= config_.job_timeout)
      why = PrintProblem::Timeout;
    if (why != PrintProblem::None) {
      cancel_job();
      finish(job, title, pages, cups_id, why);
      return;
    }
    if (!sleep_for(config_.poll_interval) || cancel_requested(job.id)) {
      // The kiosk is stopping (or the person said stop): a job that has just completed
      // printed, and is logged so; anything else is cancelled.
      if (!cancel_requested(job.id) && ask_job_state() == IPP_JSTATE_COMPLETED) {
        finish(job, title, pages, cups_id, PrintProblem::None);
        return;
      }
      cancel_job();
      finish(job, title, pages, cups_id, PrintProblem::Cancelled);
      return;
    }
  }
}

}  // namespace bianmin::printing
