#include "widgets/print_status.hpp"

#include "bianmin/base/utf8.hpp"
#include "bianmin/printing/print_log.hpp"
#include "widgets/qr_panel.hpp"

#include <algorithm>
#include <cfloat>
#include <fstream>

namespace bianmin::kiosk {

namespace {

constexpr double kShowDoneMs = 6000;     // 打印完成 stays this long
constexpr double kShowFailedMs = 20000;  // a failure (with the QR offer) stays longer

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

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

void PrintDesk::print(const content::Store& store, const std::string& item, double now_ms) {
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
  const auto parts = split(item, '/');
  if (item == "test") {
    job_ = service_->submit_test_slip(ctx, paper);
    last_submit_ms_ = now_ms;
    text_ = "正在打印…";
    return;
  } else if (parts.size() == 2 && parts[0] == "guide") {
    auto g = store.guide(parts[1]);
    if (g) {
      url_ = g->online_url;
      std::optional<content::Department> d = store.department(g->department_id);
      render = [g = *g, d, ctx, format] {
        return slips::render_guide_slip(g, d ? &*d : nullptr, ctx, format);
      };
    }
  } else if (parts.size() == 2 && parts[0] == "card") {
    auto c = store.card(parts[1]);
    if (c) {
      url_ = c->online_url;
      render = [c = *c, ctx, format] { return slips::render_card_slip(c, ctx, format); };
    }
  } else if (parts.size() >= 3 && parts[0] == "fund") {
    auto h = store.fund_header(parts[1]);
    if (h) {
      slips::FundExtract x;
      x.header = *h;
      const std::string village = parts[2], group = parts.size() > 3 ? parts[3] : "";
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
              const content::FundTotals t = store.fund_totals(parts[1], village, gr.id);
              if (t.rows > 0) x.groups.push_back({gr.name, t});
            }
        if (x.groups.empty()) x.rows = store.fund_rows(parts[1], village, group, 0, -1);
      } else if (h->kind == content::FundKind::Household) {
        x.rows = store.fund_rows(parts[1], village, group, 0, -1);
      } else
        x.projects = store.fund_projects(parts[1], village);
      x.totals = store.fund_totals(parts[1], village, group);
      render = [x = std::move(x), ctx, format] { return slips::render_fund_extract(x, ctx, format); };
    }
  }
  if (!render) {
    text_ = "没有找到要打印的内容";
    failed_ = true;
    return;
  }
  job_ = service_->submit(std::move(render), item, opt_.confirm_above_mm);
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

PrintToastTap draw_print_toast(Ui& ui, const std::string& text, const std::string& qr_url, float bottom_y,
                               bool cancel, bool confirm) {
  const Metrics& m = ui.m;
  ImFont* f = ui.fonts->body;
  const float max_w = m.width - m.pad * 2;
  const float qr = qr_url.empty() ? 0 : std::min(max_w * 0.5f, m.touch * 4.0f);
  const int buttons = confirm ? 2 : cancel ? 1 : 0;
  const float button_w = std::max(m.touch * 2.6f, ui.measure("确定打印", f).x + m.pad * 2);
  const float buttons_w = buttons * button_w + (buttons > 1 ? m.gap : 0);
  const float text_w = std::min(ui.measure(text, f).x, max_w - m.pad * 2);
  // Wrapped lines drawn with ui.draw_text, so scripts see them and glyphs missing from the
  // atlas (printer messages come from kiosk/printing) are added on the next frame.
  std::vector<std::string_view> lines;
  for (const char* p = text.c_str(), *end = p + text.size(); p < end;) {
    const char* brk = f->CalcWordWrapPositionA(1.0f, p, end, text_w + 1);
    if (brk <= p) brk = p + 1;
    while (brk < end && utf8::is_continuation(static_cast<unsigned char>(*brk))) ++brk;  // whole characters
    lines.emplace_back(p, static_cast<size_t>(brk - p));
    p = brk;
    while (p < end && *p == ' ') ++p;
  }
  const float lh = f->FontSize * 1.04f;
  const float w = std::max({text_w, qr, buttons_w}) + m.pad * 2;
  const float h = lh * static_cast<float>(lines.size()) + m.pad + (qr > 0 ? qr + m.pad * 0.5f : 0) +
                  (buttons > 0 ? m.touch + m.pad * 0.5f : 0);
  ImVec2 a((m.width - w) * 0.5f, bottom_y - h);
  ImVec2 b(a.x + w, bottom_y);
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  fg->AddRectFilled(a, b, IM_COL32(28, 37, 51, 235), m.radius);
  ui.set_overlay(a, b);
  float y = a.y + m.pad * 0.5f;
  for (auto line : lines) {
    ui.draw_text(fg, f, ImVec2(a.x + m.pad, y), IM_COL32_WHITE, line);
    y += lh;
  }
  PrintToastTap tap = PrintToastTap::None;
  if (buttons > 0) {
    // Drawn on the foreground list like the rest of the toast; only the toast takes taps here.
    const bool was = ui.in_overlay;
    ui.in_overlay = true;
    float x = a.x + (w - buttons_w) * 0.5f;
    auto toast_button = [&](const char* label, ImU32 fill, PrintToastTap what) {
      const ImVec2 bmin(x, y + m.pad * 0.25f), bmax(x + button_w, y + m.pad * 0.25f + m.touch);
      fg->AddRectFilled(bmin, bmax, fill, m.radius);
      const ImVec2 ts = ui.measure(label, f);
      ui.draw_text(fg, f, ImVec2(bmin.x + (button_w - ts.x) * 0.5f, bmin.y + (m.touch - ts.y) * 0.5f),
                   IM_COL32_WHITE, label);
      if (ui.hit(bmin, bmax, label)) tap = what;
      x += button_w + m.gap;
    };
    if (confirm) toast_button("确定打印", ui.c.accent, PrintToastTap::Confirm);
    toast_button(confirm ? "不打印" : "取消打印", IM_COL32(90, 100, 115, 255), PrintToastTap::Cancel);
    ui.in_overlay = was;
    y += m.touch + m.pad * 0.5f;
  }
  if (qr > 0) {
    const ImVec2 q(a.x + (w - qr) * 0.5f, b.y - m.pad * 0.5f - qr);
    // White under the code: its quiet zone must not sit on the dark toast.
    const float drawn = qr_image(fg, qr_url, q, qr);
    if (drawn <= 0) fg->AddRectFilled(q, ImVec2(q.x + qr, q.y + qr), IM_COL32_WHITE);
  }
  return tap;
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
