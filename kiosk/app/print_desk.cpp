#include "app/print_desk.hpp"

#include "bianmin/printing/print_log.hpp"

#include <algorithm>
#include <cfloat>
#include <fstream>

namespace bianmin::kiosk {

namespace {

constexpr double kShowDoneMs = 6000;     // 打印完成 stays this long
constexpr double kShowFailedMs = 20000;  // a failure (with the QR offer) stays longer

// Replaces `path` with `word` and a newline through a temp file and a rename, so the sync
// agent never reads half a word. False when the disk is full or read-only.
bool write_word(const std::filesystem::path& path, const std::string& word) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << word << "\n";
    if (!out.flush()) return false;
  }
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

// The print worker's on_printer callback: writes the printer's word when it differs from
// what the file says. Only the worker calls it, so its memory needs no lock.
struct PrinterStateWriter {
  std::filesystem::path path;
  std::string written;  // the word in the file; "" until a write succeeded
  void operator()(const printing::PrinterStatus& p) {
    if (!p.checked) return;
    const std::string word = printing::keyword(p.problem);
    if (word != written && write_word(path, word)) written = word;
  }
};

}  // namespace

std::string print_log_item(const intent::Print& item) {
  switch (item.kind) {
    case intent::PrintKind::Guide:
      return "guide/" + item.id;
    case intent::PrintKind::Card:
      return "card/" + item.id;
    case intent::PrintKind::Fund:
      return "fund/" + item.id + "/" + item.village + "/" + item.group;
    case intent::PrintKind::Test:
      break;
  }
  return "test";
}

PrintDesk::PrintDesk(PrintDeskOptions options) : opt_(std::move(options)) {
  if (opt_.queue.empty()) {
    if (!opt_.printer_state.empty()) write_word(opt_.printer_state, "none");
    return;
  }
  printing::PrintConfig cfg;
  cfg.server = opt_.server;
  cfg.queue = opt_.queue;
  cfg.language = opt_.language;
  cfg.raster_dots = opt_.raster_dots;
  cfg.job_timeout = std::chrono::seconds(std::max(5, opt_.timeout_seconds));
  std::function<void(const printing::PrintRecord&)> log;
  if (!opt_.outbox.empty()) log = printing::outbox_logger(opt_.outbox);
  std::function<void(const printing::PrinterStatus&)> on_printer;
  if (!opt_.printer_state.empty()) on_printer = PrinterStateWriter{opt_.printer_state, {}};
  service_ = std::make_unique<printing::PrintService>(cfg, std::move(log), std::move(on_printer));
}

PrintDesk::~PrintDesk() = default;

void PrintDesk::print(const content::Store& store, const intent::Print& item, double now_ms) {
  // One job per tap window: a second tap while one is on its way, or just after, is the same wish.
  if (busy() || now_ms - last_submit_ms_ < kTapWindowMs) return;
  failed_ = false;
  awaiting_ = false;
  url_.clear();
  show_until_ms_ = now_ms + kShowFailedMs;
  if (!service_) {
    text_ = "本机未连接打印机，请扫码或拍照保存";
    failed_ = true;
    return;
  }
  slips::SlipContext ctx;
  ctx.site = store.site();
  ctx.content_version = store.info().content_version;
  ctx.terminal_id = opt_.terminal_id;
  const slips::Paper paper = opt_.paper;
  const slips::Format format = service_->config().format(paper);
  printing::PrintService::RenderFn render;
  using intent::PrintKind;
  if (item.kind == PrintKind::Test) {
    job_ = service_->submit_test_slip(ctx, paper);
    last_submit_ms_ = now_ms;
    text_ = "正在打印…";
    return;
  } else if (item.kind == PrintKind::Guide) {
    auto g = store.guide(item.id);
    if (g) {
      url_ = g->online_url;
      std::optional<content::Department> d = store.department(g->department_id);
      render = [g = *g, d, ctx, format] { return slips::render_guide_slip(g, d ? &*d : nullptr, ctx, format); };
    }
  } else if (item.kind == PrintKind::Card) {
    auto c = store.card(item.id);
    if (c) {
      url_ = c->online_url;
      render = [c = *c, ctx, format] { return slips::render_card_slip(c, ctx, format); };
    }
  } else if (item.kind == PrintKind::Fund) {
    auto h = store.fund_header(item.id);
    if (h) {
      slips::FundExtract x;
      x.header = *h;
      const std::string& village = item.village;
      const std::string& group = item.group;
      if (auto d = store.department(h->department_id)) x.department_name = d->name;
      for (const auto& v : ctx.site.villages)
        if (v.id == village) {
          x.village_name = v.name;
          for (const auto& gr : v.groups)
            if (gr.id == group) x.group_name = gr.name;
        }
      if (h->kind == content::FundKind::Household && group.empty()) {
        // A whole village: each group's totals (its names are printed group by group).
        for (const auto& v : ctx.site.villages)
          if (v.id == village)
            for (const auto& gr : v.groups) {
              const content::FundTotals t = store.fund_totals(item.id, village, gr.id);
              if (t.rows > 0) x.groups.push_back({gr.name, t});
            }
        if (x.groups.empty()) x.rows = store.fund_rows(item.id, village, group, 0, -1);
      } else if (h->kind == content::FundKind::Household) {
        x.rows = store.fund_rows(item.id, village, group, 0, -1);
      } else
        x.projects = store.fund_projects(item.id, village);
      x.totals = store.fund_totals(item.id, village, group);
      render = [x = std::move(x), ctx, format] { return slips::render_fund_extract(x, ctx, format); };
    }
  }
  if (!render) {
    text_ = "没有找到要打印的内容";
    failed_ = true;
    return;
  }
  job_ = service_->submit(std::move(render), print_log_item(item), opt_.confirm_above_mm);
  last_submit_ms_ = now_ms;
  text_ = "正在打印…";
}

void PrintDesk::confirm() {
  if (service_ && job_ != 0 && awaiting_ && service_->confirm(job_)) {
    awaiting_ = false;
    text_ = "正在打印…";
  }
}

void PrintDesk::cancel() {
  if (service_ && job_ != 0) service_->cancel(job_);  // update() shows the outcome
}

bool PrintDesk::update(double now_ms) {
  const std::string before = text_;
  if (service_ && job_ != 0) {
    const printing::JobStatus s = service_->status(job_);
    if (s.known) {
      if (s.state == printing::JobState::Done) {
        text_ = s.message;
        failed_ = false;
        show_until_ms_ = now_ms + kShowDoneMs;
        job_ = 0;
      } else if (s.state == printing::JobState::Failed) {
        text_ = s.message;
        awaiting_ = false;
        failed_ = s.problem != printing::PrintProblem::Cancelled || s.message != "已取消打印";
        if (failed_ && !url_.empty()) text_ += "。也可以用手机扫描二维码";
        show_until_ms_ = now_ms + kShowFailedMs;
        job_ = 0;
      } else {
        awaiting_ = s.state == printing::JobState::AwaitingConfirm;
        text_ = s.message;
      }
    }
  }
  if (job_ == 0 && !text_.empty() && now_ms > show_until_ms_) dismiss();
  return text_ != before;
}

bool PrintDesk::busy() const { return job_ != 0; }

std::string PrintDesk::printer_text() const {
  if (!service_) return "未配置";
  const printing::PrinterStatus p = service_->printer();
  std::string s = opt_.queue + "（" + slips::paper_name(opt_.paper) +
                  (opt_.language == printing::Language::EscPos ? "，ESC/POS" : "，PDF") + "）：" + p.message;
  if (!p.state_message.empty()) s += "\n" + p.state_message;
  if (!p.checked_at.empty()) s += "\n检查于 " + p.checked_at;
  return s;
}

void PrintDesk::dismiss() {
  if (awaiting_) {
    cancel();
    job_ = 0;
    awaiting_ = false;
  }
  text_.clear();
  url_.clear();
  failed_ = false;
}

}  // namespace bianmin::kiosk
