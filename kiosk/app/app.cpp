#include "app/app.hpp"

#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>
#include <SDL.h>
#include <malloc.h>
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "bianmin/base/utf8.hpp"
#include "bianmin/config/secrets.hpp"
#include "bianmin/config/watchdog.hpp"
#include "screens/screens.hpp"
#include "app/print_desk.hpp"
#include "app/read_aloud.hpp"
#include "widgets/qr_panel.hpp"

namespace bianmin::kiosk {
namespace {

const char* kWeekdays[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};

}  // namespace

// ------------------------------------------------------------------------------------------
// creation
Result<std::unique_ptr<App>> App::create(const KioskOptions& options) {
  std::unique_ptr<App> app(new App());
  Status st = app->init(options);
  if (!st) return st.error();
  return app;
}

App::~App() {
  // The lane first: its jobs finish (outbox events reach the disk) and its callbacks, which
  // point into this App, are dropped.
  lane_.reset();
  print_desk_.reset();
  read_aloud_.reset();
  qr_textures_release();  // before the renderer goes
  if (imgui_) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext(imgui_);
  }
  atlas_.reset();  // after the context that drew with it
}

Status App::init(const KioskOptions& options) {
  opt_ = options;
  elder_ = opt_.elder;
  facts_.elder = elder_;
  virtual_clock_ = opt_.headless && opt_.virtual_time_when_headless;
  if (sodium_init() < 0) return Status::fail("cannot initialise libsodium");
  auto files = find_font_files();
  if (!files) return Status{files.error()};

  double t = monotonic_ms();
  PlatformOptions po;
  po.width = opt_.width;
  po.height = opt_.height;
  po.headless = opt_.headless;
  po.fullscreen = opt_.fullscreen;
  auto plat = Platform::open(po);
  if (!plat) return Status{plat.error()};
  platform_ = std::move(*plat);
  startup_.platform = monotonic_ms() - t;

  // One malloc arena for the whole kiosk. Without this each lane worker gets an arena of its
  // own, and the atlas it builds (tens of MB of glyph bitmaps, freed right after) stays
  // resident there next to the main arena's: the kiosk's RSS went from 65 to 76 MB in
  // bianmin-bench kiosk. The frame thread and two workers contend for nothing that matters.
  mallopt(M_ARENA_MAX, 1);
  // The work lane; a result waiting for the frame wakes the event loop.
  lane_ = std::make_unique<TaskLane>(2, [] {
    SDL_Event ev{};
    ev.type = SDL_USEREVENT;
    SDL_PushEvent(&ev);
  });
  atlas_ = std::make_unique<FontAtlas>(*files, *platform_, *lane_, opt_.verbose);
  atlas_->on_installed = [this](const AtlasRequest& r) {
    if (r.layout == layout_tag()) apply_metrics();  // metrics switch with the fonts they need
    fonts_complete_ = true;
    facts_.atlas_w = static_cast<size_t>(atlas_->fonts().atlas_width);
    facts_.atlas_h = static_cast<size_t>(atlas_->fonts().atlas_height);
    facts_.glyphs = atlas_->fonts().glyphs;
    dirty_ = true;
  };

  IMGUI_CHECKVERSION();
  imgui_ = ImGui::CreateContext(atlas_->imgui_atlas());
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ImGui_ImplSDLRenderer_Init(platform_->renderer());
  qr_textures_attach(platform_->renderer());

  // Outbox: events, ratings and prints for the hall's statistics, written on the lane. A kiosk
  // without a writable state dir still works; it just cannot report.
  outbox_ = std::make_unique<OutboxWriter>(opt_.state_dir / "outbox.db", *lane_);

  facts_.terminal_id = opt_.terminal_id;
  facts_.village = opt_.village;
  facts_.content_path = opt_.content.string();
  facts_.printer = opt_.printer_queue;
  print_desk_ = std::make_unique<PrintDesk>(PrintDeskOptions{
      opt_.printer_queue, opt_.cups_server, slips::parse_paper(opt_.print_paper).value_or(slips::Paper::Roll80),
      opt_.print_timeout_seconds, opt_.terminal_id, opt_.state_dir / "outbox.db", opt_.state_dir / "printer-state",
      opt_.print_language == "escpos" ? printing::Language::EscPos : printing::Language::Pdf, opt_.print_width_dots,
      opt_.print_confirm_above_cm * 10.0});
  facts_.printer_configured = print_desk_->enabled();
  read_aloud_ = std::make_unique<ReadAloud>(opt_);
  facts_.can_read_aloud = read_aloud_->available();
  if (!read_aloud_->available() && opt_.audio_enabled)
    std::fprintf(stderr, "bianmin-kiosk: 朗读 is off: %s\n", read_aloud_->reason().c_str());
  // Handwriting's model opens on its worker thread; a finished recognition wakes the loop.
  input_ = InputEngines::open([] {
    SDL_Event ev{};
    ev.type = SDL_USEREVENT;
    SDL_PushEvent(&ev);
  });
  if (!input_->pinyin)
    std::fprintf(stderr, "bianmin-kiosk: pinyin input unavailable: %s\n", input_->pinyin_problem.c_str());
  facts_.staff_configured = !opt_.staff_pin_hash.empty();
  facts_.config_error = opt_.config_problems;
  update_facts();
  t = monotonic_ms();
  // At start-up the first frame needs the content, so it is opened here; later reopens run on
  // the lane (poll_content).
  auto opened = open_content(opt_.content);
  if (opened) {
    take_content(std::move(*opened));
  } else {
    content_error_ = opened.error().to_string();
    struct stat st {};
    if (::stat(opt_.content.c_str(), &st) == 0)
      refused_stamp_ = FileStamp{static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino),
                                 static_cast<unsigned long long>(st.st_size),
                                 static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
  }
  last_check_ms_ = clock_ms();
  startup_.content = monotonic_ms() - t;
  apply_metrics();
  if (!opt_.route.empty() && !navigate(opt_.route))
    return Status::fail("unknown route: " + opt_.route + " (see --help)");
  last_input_ms_ = clock_ms();
  // Fonts for a fast first frame: an atlas of printable ASCII, a layout pass over the first
  // screen that notes every other character it would draw, and an atlas of just those. The
  // full atlas (every character of UI and content) follows right after the first frame.
  t = monotonic_ms();
  Status fs = build_startup_fonts();
  if (!fs) return fs;
  layout_only_ = true;
  frame();
  layout_only_ = false;
  startup_.fonts = monotonic_ms() - t;
  return Status::success();
}

double App::clock_ms() const { return virtual_clock_ ? vclock_ms_ : monotonic_ms(); }

bool App::navigate(const std::string& text) {
  auto r = parse_route(text);
  if (!r) return false;
  routes_.reset();
  if (r->screen != Screen::Home) routes_.push(*r);
  if (r->screen == Screen::Search) person_.search_text = r->query;
  dirty_ = true;
  return true;
}

// ------------------------------------------------------------------------------------------
// content and fonts
Result<App::OpenedContent> App::open_content(const std::filesystem::path& path) {
  using R = Result<OpenedContent>;
  if (path.empty()) return R::fail("no content cache given (--content PATH)");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return R::fail("content cache not found", path.string());
  auto s = content::Store::open_readonly(path);
  if (!s) return R{s.error()};
  // Every page read once (a few ms for a township's cache, see bianmin-bench startup): a file
  // damaged on disk would otherwise show lists with rows silently missing.
  if (Status intact = (*s)->check_intact(); !intact) return R{intact.error()};
  OpenedContent c;
  c.store = std::move(*s);
  c.dev = static_cast<unsigned long long>(st.st_dev);
  c.ino = static_cast<unsigned long long>(st.st_ino);
  c.size = static_cast<unsigned long long>(st.st_size);
  c.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  // The characters were collected when the cache was written (one query); the hall's name
  // and the township are the display face's.
  const content::ContentGlyphs g = c.store->glyphs();
  c.text.add(g.text);
  c.heading.add(g.heading);
  const content::Site site = c.store->site();
  c.display.add(site.hall.name);
  c.display.add(site.township);
  return c;
}

void App::take_content(OpenedContent c) {
  store_ = std::move(c.store);
  stamp_ = FileStamp{c.dev, c.ino, c.size, c.mtime_ns};
  memo_.clear();
  content_error_.clear();
  content_text_ = std::move(c.text);
  heading_text_ = std::move(c.heading);
  display_text_ = std::move(c.display);
  warn_unknown_village();
  const std::string phone = store_->site().hall.phone;
  if (!phone.empty()) last_hall_phone_ = phone;
}

// A village terminal whose terminal.village the content does not know shows a hall's home: say so
// in the journal, where the maintainer who wrote kiosk.toml looks, with the ids the content has.
void App::warn_unknown_village() const {
  if (facts_.village.empty() || !store_) return;
  const auto site = store_->site();
  std::string known;
  for (const auto& v : site.villages) {
    if (v.id == facts_.village) return;
    known += (known.empty() ? "" : ", ") + v.id;
  }
  std::fprintf(stderr,
               "bianmin-kiosk: terminal.village = \"%s\" is not a village of this content (%s has: %s); "
               "home shows no village's publications\n",
               facts_.village.c_str(), site.township.c_str(), known.c_str());
}

void App::apply_metrics() {
  int w = opt_.width, h = opt_.height;
  if (platform_) platform_->output_size(w, h);
  ui_.m = compute_metrics(w, h, opt_.dpi, elder_);
  ui_.c = make_colors(elder_ ? assets::kElderPalette : assets::kNormalPalette);
  ImGuiStyle& st = ImGui::GetStyle();
  st = ImGuiStyle();
  st.WindowPadding = ImVec2(0, 0);
  st.WindowBorderSize = 0;
  st.ChildBorderSize = 0;
  st.ItemSpacing = ImVec2(ui_.m.gap, ui_.m.gap);
  st.WindowRounding = 0;
  st.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(ui_.c.background);
  st.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(ui_.c.text);
}

int App::layout_tag() const {
  int w = opt_.width, h = opt_.height;
  if (platform_) platform_->output_size(w, h);
  return (w << 16) ^ (h << 1) ^ (elder_ ? 1 : 0);
}

AtlasRequest App::font_request(const GlyphSet& text, const GlyphSet& heading, const GlyphSet& display) const {
  int w = opt_.width, h = opt_.height;
  if (platform_) platform_->output_size(w, h);
  AtlasRequest r;
  r.sizes = compute_metrics(w, h, opt_.dpi, elder_).font;
  r.text = text;
  r.heading = heading;
  r.display = display;
  r.layout = layout_tag();
  return r;
}

void App::want_fonts() {
  // Body, small and heading hold the UI's characters as well as the content's.
  const GlyphSet ui = ui_glyphs();
  GlyphSet text = content_text_;
  text.add(ui);
  GlyphSet heading = heading_text_;
  heading.add(ui);
  atlas_->request(font_request(text, heading, display_text_));
}

Status App::build_startup_fonts() {
  GlyphSet s = startup_text_;
  for (unsigned cp = 0x20; cp < 0x7F; ++cp) s.add_codepoint(cp);
  s.add_codepoint(0x2026);  // "…": a title bar shortens its title by widths the layout pass cannot know
  Status st = atlas_->build_now(font_request(s, s, s));
  ui_.fonts = &atlas_->fonts();
  facts_.atlas_w = static_cast<size_t>(atlas_->fonts().atlas_width);
  facts_.atlas_h = static_cast<size_t>(atlas_->fonts().atlas_height);
  facts_.glyphs = atlas_->fonts().glyphs;
  return st;
}

void App::poll_content() {
  notice_screen_request();  // remote_screenshot.cpp: cheap, at most twice a second
  const double now = clock_ms();
  if (now - last_poll_ms_ < opt_.reload_poll_seconds * 1000) return;
  last_poll_ms_ = now;
  if (opt_.content.empty() || reopening_) return;
  struct stat st {};
  if (::stat(opt_.content.c_str(), &st) != 0) return;  // mid-swap or gone: keep what we have
  FileStamp s{static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino),
              static_cast<unsigned long long>(st.st_size),
              static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
  if (s == stamp_ && store_) {
    check_content_intact();
    return;
  }
  if (!store_ && s == refused_stamp_) return;  // refused already: wait for the agent's next file
  // Opening (SQLite's schema and header reads, the character set) runs on the lane; the
  // frames keep drawing the old content, whose connection still reads the old inode.
  reopening_ = true;
  stamp_ = s;  // a file that fails to open is not tried again until it changes
  lane_->submit("reopen content", [this, path = opt_.content] {
    auto opened = std::make_shared<Result<OpenedContent>>(open_content(path));
    lane_->later([this, opened] {
      reopening_ = false;
      if (!*opened) {
        // A broken new file: keep showing the last good content.
        std::fprintf(stderr, "bianmin-kiosk: cannot reopen content: %s\n", opened->error().to_string().c_str());
        if (!store_) {
          refused_stamp_ = stamp_;
          content_error_ = opened->error().to_string();
        }
        if (staff_reload_) facts_.staff_message = opened->error().to_string();
        staff_reload_ = false;
        return;
      }
      take_content(std::move(**opened));
      std::fprintf(stderr, "bianmin-kiosk: content reloaded (%s)\n", store_->info().content_version.c_str());
      if (staff_reload_) facts_.staff_message = "内容已重新载入：" + store_->info().content_version;
      staff_reload_ = false;
      if (!route_exists(*store_, routes_.top())) routes_.reset();
      want_fonts();
      dirty_ = true;
    });
  });
}

// The file in use, checked again while nobody uses the kiosk (a fresh connection on the lane:
// the frame thread's Store is not shared). Damage found replaces the screens with the problem
// screen; a good file is left alone.
void App::check_content_intact() {
  const double now = clock_ms();
  if (!attract_ || reopening_ || !store_ || now - last_check_ms_ < opt_.integrity_recheck_seconds * 1000) return;
  last_check_ms_ = now;
  reopening_ = true;
  const FileStamp checked = stamp_;
  lane_->submit("check content", [this, path = opt_.content, checked] {
    // (the connection closes when the check returns, before the frame thread hears of it)
    auto check = [&path]() -> Status {
      auto opened = content::Store::open_readonly(path);
      return opened ? (*opened)->check_intact() : Status{opened.error()};
    };
    auto result = std::make_shared<Status>(check());
    lane_->later([this, result, checked] {
      reopening_ = false;
      if (*result || !(stamp_ == checked)) return;  // intact, or replaced meanwhile
      std::fprintf(stderr, "bianmin-kiosk: content in use failed its check: %s\n", result->error().to_string().c_str());
      store_.reset();
      memo_.clear();
      content_error_ = result->error().to_string();
      refused_stamp_ = checked;
      routes_.reset();
      dirty_ = true;
    });
  });
}

// ------------------------------------------------------------------------------------------
// facts, events, intents
namespace {

// The staff screen's line for the agent's last run: when, and what it did in its own words.
std::string sync_detail(const sync::SyncStatus& s) {
  char when[32] = "";
  const std::time_t t = static_cast<std::time_t>(s.last_run_at);
  std::tm lt{};
  localtime_r(&t, &lt);
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &lt);
  const char* what = s.outcome == "updated" ? "已更新" : s.outcome == "up_to_date" ? "已是最新" : "失败";
  return std::string("上次同步 ") + when + " " + what + "（版本 " + std::to_string(s.version) + "）：" + s.message;
}

}  // namespace

std::optional<sync::SyncStatus> App::read_sync_status_cached() {
  struct stat st {};
  if (::stat((opt_.state_dir / sync::kSyncStatusFile).c_str(), &st) != 0) {
    sync_status_stamp_ = FileStamp{};
    sync_status_.reset();
    return sync_status_;
  }
  const FileStamp now{static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino),
                      static_cast<unsigned long long>(st.st_size),
                      static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
  if (!(now == sync_status_stamp_)) {
    sync_status_stamp_ = now;
    sync_status_ = sync::read_sync_status(opt_.state_dir);  // the agent renames it in whole
  }
  return sync_status_;
}

void App::update_facts() {
  facts_.staff_locked = clock_ms() < staff_locked_until_ms_;
  std::time_t t = std::time(nullptr);
  std::tm lt{};
  localtime_r(&t, &lt);
  char buf[32];
  if (!opt_.today.empty()) {
    facts_.today = opt_.today;
    std::tm d{};
    if (std::sscanf(opt_.today.c_str(), "%d-%d-%d", &d.tm_year, &d.tm_mon, &d.tm_mday) == 3) {
      d.tm_year -= 1900;
      d.tm_mon -= 1;
      d.tm_hour = 12;
      std::mktime(&d);
      lt.tm_wday = d.tm_wday;
    }
  } else {
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &lt);
    facts_.today = buf;
  }
  facts_.weekday = kWeekdays[lt.tm_wday % 7];
  if (!opt_.now_time.empty())
    facts_.clock = opt_.now_time;
  else {
    std::strftime(buf, sizeof buf, "%H:%M", &lt);
    facts_.clock = buf;
  }
  // Last sync: the agent's own account of its last successful run (<state>/sync-status,
  // written after every run, "nothing new" included); without one, <state>/last-sync is a
  // plain stamp for hand-copied content; else the cache's own age.
  struct stat st {};
  std::time_t synced = 0;
  const auto status = read_sync_status_cached();
  if (status)
    synced = static_cast<std::time_t>(status->last_success_at);
  else if (::stat((opt_.state_dir / "last-sync").c_str(), &st) == 0)
    synced = st.st_mtime;
  else if (!opt_.content.empty() && ::stat(opt_.content.c_str(), &st) == 0)
    synced = st.st_mtime;
  facts_.sync_detail = status ? sync_detail(*status) : std::string();
  if (synced) {
    std::tm s{};
    localtime_r(&synced, &s);
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &s);
    facts_.last_sync = buf;
    facts_.offline = std::difftime(t, synced) > opt_.offline_hours * 3600;
  } else {
    facts_.last_sync = "从未同步";
    facts_.offline = true;
  }
  if (read_aloud_) facts_.reading = read_aloud_->item();
  if (print_desk_) {
    print_desk_->update(clock_ms());
    print_facts();
    if (facts_.staff_unlocked) facts_.printer = print_desk_->printer_text();
  }
}

void App::record(sync::EventKind kind, const std::string& item, const std::string& text, int64_t value) {
  if (opt_.verbose)
    std::fprintf(stderr, "bianmin-kiosk: event %s %s %s %lld\n", sync::event_kind_name(kind), item.c_str(),
                 text.c_str(), static_cast<long long>(value));
  if (!outbox_) return;
  sync::Event e;
  e.kind = kind;
  e.item = item;
  e.text = text;
  e.value = value;
  outbox_->post(std::move(e));  // written on the lane: the frame never waits for the lock or fsync
}

void App::print(const intent::Print& item) {
  const std::string name = print_log_item(item);
  std::fprintf(stderr, "bianmin-kiosk: print %s\n", name.c_str());
  if (!store_ || !print_desk_) return;
  // Rendering and CUPS run on the print worker; the outcome is logged to the outbox there.
  print_desk_->print(*store_, item, clock_ms());
  if (!print_desk_->enabled()) record(sync::EventKind::Print, name, "failed: no printer", 1);
  print_facts();
  dirty_ = true;
}

void App::print_facts() {
  facts_.print_status = print_desk_->status_text();
  facts_.print_qr_url = print_desk_->qr_url();
  facts_.print_cancellable = print_desk_->cancellable();
  facts_.print_awaiting_confirm = print_desk_->awaiting_confirm();
}

void App::reset_person() {
  routes_.reset();
  if (elder_ != opt_.elder) {
    // The next person starts with the terminal's default (config ui.elder_mode_default).
    elder_ = opt_.elder;
    facts_.elder = elder_;
    want_fonts();  // the metrics switch when the atlas for them is installed
  }
  person_ = PersonState();
  if (read_aloud_) read_aloud_->stop();
  ui_.forget_scroll();
  facts_.staff_unlocked = false;
  facts_.staff_message.clear();
  facts_.print_status.clear();
  if (print_desk_) print_desk_->dismiss();
  dirty_ = true;
}

void App::handle_intents() {
  std::vector<Intent> list;
  list.swap(intents_);
  for (auto& in : list) {
    dirty_ = true;
    std::visit([this](auto& i) { handle(i); }, in);
  }
}

// Leaving the screen (Navigate, Back, Home) ends its reading.
void App::handle(intent::Navigate& i) {
  if (read_aloud_) read_aloud_->stop();
  routes_.push(i.to);
  // What was opened, as the outbox names it.
  switch (i.to.screen) {
    case Screen::Guide:
      record(sync::EventKind::View, "guide/" + i.to.id, "", 0);
      break;
    case Screen::Card:
      record(sync::EventKind::View, "card/" + i.to.id, "", 0);
      break;
    case Screen::FundTable:
      record(sync::EventKind::View, "fund/" + i.to.id, "", 0);
      break;
    case Screen::Policy:
      record(sync::EventKind::View, "policy/" + i.to.id, "", 0);
      break;
    default:
      break;
  }
}

void App::handle(intent::Back&) {
  if (read_aloud_) read_aloud_->stop();
  if (routes_.top().screen == Screen::Staff) facts_.staff_unlocked = false;
  routes_.pop();
}

void App::handle(intent::Home&) {
  if (read_aloud_) read_aloud_->stop();
  routes_.reset();
  facts_.staff_unlocked = false;
}

void App::handle(intent::ToggleElder&) {
  elder_ = !elder_;
  facts_.elder = elder_;
  want_fonts();  // the metrics switch when the atlas for them is installed
}

void App::handle(intent::Print& i) { print(i); }

void App::handle(intent::Rate& i) {
  record(sync::EventKind::Rating, i.guide_code.empty() ? "hall" : "guide/" + i.guide_code, i.reasons, i.level);
  person_.feedback_sent = true;
}

void App::handle(intent::Suggest& i) {
  // the words as written; the outbox redacts digit runs (a phone or ID number typed in)
  record(sync::EventKind::Feedback, i.guide_code.empty() ? "hall" : "guide/" + i.guide_code, i.text, 0);
}

void App::handle(intent::ReadAloud& i) {
  if (read_aloud_) read_aloud_->toggle(i.item, i.text);
}

void App::handle(intent::Search& i) {
  // Never store a query that could be an ID number; the outbox also redacts digit runs.
  if (std::any_of(i.query.begin(), i.query.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) i.query.clear();
  record(sync::EventKind::Search, "", i.query, i.hits);
}

namespace {
constexpr int kStaffPinTries = 5;                 // wrong PINs in a row before the lock
constexpr double kStaffLockMs = 5 * 60 * 1000.0;  // how long the lock lasts
}  // namespace

void App::handle(intent::StaffPin& i) {
  const double now = clock_ms();
  if (opt_.staff_pin_hash.empty()) {
    facts_.staff_message = "未设置管理员密码，无法进入";
  } else if (now < staff_locked_until_ms_) {
    facts_.staff_message = "密码错误次数过多，已锁定，请稍后再试";
  } else if (config::verify_pin(i.pin, opt_.staff_pin_hash)) {
    staff_wrong_pins_ = 0;
    facts_.staff_unlocked = true;
    facts_.staff_message.clear();
  } else if (++staff_wrong_pins_ >= kStaffPinTries) {
    staff_wrong_pins_ = 0;
    staff_locked_until_ms_ = now + kStaffLockMs;
    std::fprintf(stderr, "bianmin-kiosk: staff PIN wrong %d times in a row: staff entry locked for %.0f minutes\n",
                 kStaffPinTries, kStaffLockMs / 60000);
    facts_.staff_message = "密码错误次数过多，已锁定 5 分钟";
  } else {
    facts_.staff_message = "密码错误，还可再试 " + std::to_string(kStaffPinTries - staff_wrong_pins_) + " 次";
  }
  facts_.staff_locked = now < staff_locked_until_ms_;
  person_.pin.clear();
}

void App::handle(intent::StaffExit&) {
  facts_.staff_unlocked = false;
  routes_.reset();
}

void App::handle(intent::ReloadContent&) {
  last_poll_ms_ = -1e18;
  if (!reopening_) stamp_ = FileStamp{};
  staff_reload_ = true;
  facts_.staff_message = "正在重新载入内容…";
  poll_content();  // the lane reopens it; the message says how it went
}

void App::handle(intent::ContinueUse&) { last_input_ms_ = clock_ms(); }

void App::handle(intent::PrintConfirm&) {
  if (!print_desk_) return;
  print_desk_->confirm();
  print_facts();
}

void App::handle(intent::PrintCancel&) {
  if (!print_desk_) return;
  print_desk_->cancel();
  print_facts();
}

// ------------------------------------------------------------------------------------------
// input
void App::press(float x, float y) {
  last_input_ms_ = clock_ms();
  staff_hold_fired_ = false;
  if (attract_ || countdown_showing_) {
    // Waking the screen / dismissing the countdown is all this touch does.
    attract_ = false;
    countdown_showing_ = false;
    swallow_touch_ = true;
  }
  if (!swallow_touch_) ui_.press(ImVec2(x, y), clock_ms());
  dirty_ = true;
}

void App::move(float x, float y) {
  if (ui_.touch.down) {
    last_input_ms_ = clock_ms();
    dirty_ = true;
  }
  ui_.move(ImVec2(x, y), clock_ms());
}

void App::release(float x, float y) {
  last_input_ms_ = clock_ms();
  if (swallow_touch_) {
    swallow_touch_ = false;
    return;
  }
  ui_.release(ImVec2(x, y), clock_ms());
  dirty_ = true;
}

void App::handle_event(const SDL_Event& ev) {
  int w = 0, h = 0;
  platform_->output_size(w, h);
  int ww = 0, wh = 0;
  SDL_GetWindowSize(platform_->window(), &ww, &wh);
  const float sx = ww > 0 ? static_cast<float>(w) / static_cast<float>(ww) : 1.0f;
  const float sy = wh > 0 ? static_cast<float>(h) / static_cast<float>(wh) : 1.0f;
  switch (ev.type) {
    case SDL_QUIT:
      quit_ = true;
      break;
    case SDL_USEREVENT:
      dirty_ = true;
      break;  // a worker has a result (handwriting candidates)
    case SDL_MOUSEBUTTONDOWN:
      if (ev.button.button == SDL_BUTTON_LEFT && ev.button.which != SDL_TOUCH_MOUSEID)
        press(static_cast<float>(ev.button.x) * sx, static_cast<float>(ev.button.y) * sy);
      break;
    case SDL_MOUSEMOTION:
      if (ev.motion.which != SDL_TOUCH_MOUSEID)
        move(static_cast<float>(ev.motion.x) * sx, static_cast<float>(ev.motion.y) * sy);
      break;
    case SDL_MOUSEBUTTONUP:
      if (ev.button.button == SDL_BUTTON_LEFT && ev.button.which != SDL_TOUCH_MOUSEID)
        release(static_cast<float>(ev.button.x) * sx, static_cast<float>(ev.button.y) * sy);
      break;
    case SDL_MOUSEWHEEL:
      ui_.touch.wheel += static_cast<float>(ev.wheel.y);
      last_input_ms_ = clock_ms();
      dirty_ = true;
      break;
    case SDL_FINGERDOWN:
      press(ev.tfinger.x * static_cast<float>(w), ev.tfinger.y * static_cast<float>(h));
      break;
    case SDL_FINGERMOTION:
      move(ev.tfinger.x * static_cast<float>(w), ev.tfinger.y * static_cast<float>(h));
      break;
    case SDL_FINGERUP:
      release(ev.tfinger.x * static_cast<float>(w), ev.tfinger.y * static_cast<float>(h));
      break;
    case SDL_WINDOWEVENT:
      if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) want_fonts();
      dirty_ = true;
      break;
    default:
      break;
  }
}

// ------------------------------------------------------------------------------------------
// timing: what would change the picture, and when
std::string App::signature() const {
  std::string s = facts_.clock + "|" + facts_.today + "|" + facts_.print_status + "|" + (facts_.offline ? "o" : "") +
                  "|" + (read_aloud_ ? read_aloud_->item() : std::string());
  const double idle = clock_ms() - last_input_ms_;
  const bool has_person = person_present();
  if (has_person && idle > opt_.idle_seconds * 1000)
    s += "|cd" + std::to_string(static_cast<int>((idle - opt_.idle_seconds * 1000) / 1000));
  if (idle > opt_.attract_seconds * 1000) s += "|at" + std::to_string(static_cast<int>(idle / 8000));
  if (ui_.touch.down && !ui_.touch.dragging && ui_.touch.start.x < ui_.m.touch && ui_.touch.start.y < ui_.m.touch)
    s += "|hold" + std::to_string(static_cast<int>((clock_ms() - ui_.touch.start_ms) / 1000));
  return s;
}

bool App::person_present() const {
  return routes_.depth() > 1 || !person_.search_text.empty() || !person_.ticks.empty() || person_.rating != 0 ||
         elder_ != opt_.elder || text_input_used(person_.search_input) || !person_.suggestion.empty() ||
         text_input_used(person_.suggestion_input) || !person_.urgent_dismissed.empty();
}

bool App::needs_frame() const {
  return dirty_ || lane_->has_later() || ui_.want_frame || signature() != last_signature_ ||
         (print_desk_ && !print_desk_->status_text().empty());  // a print toast follows its job
}

int App::next_timeout_ms() const {
  if (ui_.want_frame) return 16;
  if (print_desk_ && print_desk_->busy()) return 250;
  if (read_aloud_ && !read_aloud_->item().empty()) return 200;  // notice the end of the speech
  double t = 1000;  // at most a second: countdown seconds, hold timers, clock minutes, reload polls
  const double idle = clock_ms() - last_input_ms_;
  if (idle < opt_.idle_seconds * 1000)
    t = std::max(t, std::min(opt_.idle_seconds * 1000 - idle, opt_.reload_poll_seconds * 1000));
  return static_cast<int>(std::clamp(t, 16.0, 60000.0));
}

// ------------------------------------------------------------------------------------------
// the frame
void App::rasterize() {
  SDL_Renderer* r = platform_->renderer();
  const ImU32 bg = ui_.c.background;
  SDL_SetRenderDrawColor(r, bg & 0xFF, (bg >> 8) & 0xFF, (bg >> 16) & 0xFF, 255);
  SDL_RenderClear(r);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

void App::frame() {
  // Results of the lane's work (an atlas, a reopened cache) take effect between two frames.
  lane_->run_later();
  ++frames_;
  const double t0 = monotonic_ms();
  const double now = clock_ms();
  poll_content();
  if (read_aloud_) read_aloud_->update(now);
  update_facts();
  const double idle = now - last_input_ms_;
  const bool has_person = person_present();
  // Idle: countdown, then reset home; later the attract loop.
  bool countdown = false;
  if (has_person && idle > opt_.idle_seconds * 1000) {
    if (idle > (opt_.idle_seconds + opt_.countdown_seconds) * 1000)
      reset_person();
    else
      countdown = true;
  }
  countdown_showing_ = countdown;
  if (!has_person && idle > opt_.attract_seconds * 1000 && routes_.depth() == 1 && !ui_.touch.down) {
    attract_ = true;
    if (read_aloud_) read_aloud_->stop();
  }

  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(ui_.m.width, ui_.m.height);
  io.DeltaTime = static_cast<float>(std::max(0.001, ui_.dt));
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // touch has no hover (ImGui 1.86 workaround)
  io.MouseDown[0] = false;
  // No ImGui_ImplSDLRenderer_NewFrame(): all it does is make the font texture, which
  // platform/font_atlas.cpp owns (built from the alpha atlas without an RGBA copy).
  ImGui::NewFrame();
  ui_.begin_frame(now);
  // An urgent notice (紧急) covers every screen: the screen below takes no touch meanwhile.
  const std::vector<content::Notice> urgent = store_ && facts_.config_error.empty()
                                                  ? urgent_to_show(*store_, memo_, facts_, person_)
                                                  : std::vector<content::Notice>{};
  ui_.input_blocked = countdown || attract_ || !urgent.empty();

  // Staff: a long press (5 s) in the top-left corner opens the PIN pad.
  // A terminal without a PIN has no staff mode: the hold does nothing at all.
  if (!opt_.staff_pin_hash.empty() && ui_.touch.down && !ui_.touch.dragging && !staff_hold_fired_ &&
      ui_.touch.start.x < ui_.m.touch && ui_.touch.start.y < ui_.m.touch && now - ui_.touch.start_ms >= 5000) {
    staff_hold_fired_ = true;
    ui_.touch.dragging = true;  // the release that follows is not a tap
    intents_.push_back(intent::Navigate{Route::to(Screen::Staff)});
  }

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_NoScrollWithMouse);
  // Fixed parts of screens (outside their scroll areas) keep the page's right margin.
  ImGui::GetCurrentWindow()->WorkRect.Max.x = ui_.m.width - ui_.m.pad;
  ImGui::GetCurrentWindow()->ContentRegionRect.Max.x = ui_.m.width - ui_.m.pad;
  if (!facts_.config_error.empty() || !store_) {
    // A broken kiosk.toml or content that cannot be read: plain words and the phone on screen;
    // the details (English, file names) go to the log once, never to the public screen.
    const bool config = !facts_.config_error.empty();
    const std::string details =
        config ? "配置文件 " + opt_.config_file.string() + ": " + facts_.config_error : content_error_;
    if (details != logged_problem_) {
      std::fprintf(stderr, "bianmin-kiosk: %s: %s\n", config ? "config problem" : "content unavailable",
                   details.c_str());
      logged_problem_ = details;
    }
    // the hall's phone from the content (the last good one, when the file in use is damaged)
    std::string phone = last_hall_phone_.empty() ? opt_.help_phone : last_hall_phone_;
    if (store_) {
      const content::Site site = memo_.get<content::Site>("site", [&] { return store_->site(); });
      if (!site.hall.phone.empty()) phone = site.hall.phone;
    }
    // staff (the corner hold, a PIN set) see the details
    if (routes_.top().screen == Screen::Staff)
      draw_staff_without_content(ui_, person_, facts_, intents_, details);
    else
      draw_problem(ui_, config ? "本机暂时不能使用" : "办事内容暂时打不开", "请找大厅工作人员帮忙，或打电话问。",
                   phone);
  } else if (attract_) {
    const Route route = routes_.top();
    ScreenContext ctx{
        ui_, *store_, person_, facts_, memo_, route, intents_, ImVec2(0, 0), ImVec2(ui_.m.width, ui_.m.height), {}};
    draw_attract(ctx, now - last_input_ms_);
  } else {
    const Route route = routes_.top();
    const bool home = route.screen == Screen::Home;
    ScreenContext ctx{ui_,
                      *store_,
                      person_,
                      facts_,
                      memo_,
                      route,
                      intents_,
                      ImVec2(0, home ? 0 : ui_.m.top_bar),
                      ImVec2(ui_.m.width, ui_.m.height - ui_.m.nav_bar),
                      {},
                      input_.get()};
    ImGui::SetCursorScreenPos(ctx.area_min);
    switch (route.screen) {
      case Screen::Home:
        draw_home(ctx);
        break;
      case Screen::Guides:
        draw_guides(ctx);
        break;
      case Screen::GuideList:
        draw_guide_list(ctx);
        break;
      case Screen::Guide:
        draw_guide(ctx);
        break;
      case Screen::Cards:
        draw_cards(ctx);
        break;
      case Screen::Card:
        draw_card(ctx);
        break;
      case Screen::FundVillages:
        draw_fund_villages(ctx);
        break;
      case Screen::FundList:
        draw_fund_list(ctx);
        break;
      case Screen::FundTable:
        draw_fund_table(ctx);
        break;
      case Screen::Policies:
        draw_policies(ctx);
        break;
      case Screen::Policy:
        draw_policy(ctx);
        break;
      case Screen::Search:
        draw_search(ctx);
        break;
      case Screen::Feedback:
        draw_feedback(ctx);
        break;
      case Screen::Staff:
        draw_staff(ctx);
        break;
      case Screen::Notice:
        draw_notice(ctx);
        break;
    }
    draw_chrome(ctx, home);
  }
  ImGui::End();
  if (!urgent.empty()) {
    ScreenContext ctx{
        ui_, *store_, person_, facts_, memo_, routes_.top(), intents_, ImVec2(0, 0), ImVec2(ui_.m.width, ui_.m.height),
        {}};
    ui_.input_blocked = countdown || attract_;  // in the attract loop the first touch only wakes the screen
    draw_urgent_overlay(ctx, urgent);
  }
  if (countdown && store_ && !attract_) {
    const int left =
        std::max(1, static_cast<int>(std::ceil(opt_.countdown_seconds - (idle / 1000 - opt_.idle_seconds))));
    draw_idle_overlay(ui_, left, intents_);
  }
  ImGui::Render();
  last_build_ms_ = monotonic_ms() - t0;

  // Headless runs rasterize only the frames that are captured: scripts and the benchmark
  // build every frame (that is the UI logic) but need pixels only for `shot`.
  if ((!opt_.headless || capture_) && !layout_only_) rasterize();
  if (!layout_only_) answer_screen_request();  // the hall console asked for this screen (remote_screenshot.cpp)
  last_widgets_ = ui_.widgets;
  last_texts_ = ui_.texts;
  bool redraw = false;
  if (layout_only_) {
    // Start-up layout pass: the first screen's characters make the small first atlas (built
    // here: there is nothing to show yet).
    const size_t before = startup_text_.count();
    startup_text_.add(ui_.missing_glyphs);
    if (startup_text_.count() != before) {
      Status st = build_startup_fonts();
      if (!st) std::fprintf(stderr, "bianmin-kiosk: %s\n", st.error().to_string().c_str());
    }
    redraw = true;  // the first real frame
  } else if (!fonts_complete_ || !ui_.missing_glyphs.empty()) {
    // The first screen is up: ask the lane for the atlas of every character (elder mode, a
    // reload or a new screen then need no glyphs). Text the atlas lacks (a printer message, a
    // notice that became current today) is added everywhere (body, headings); the frame is
    // drawn again when the atlas arrives. Asking again for what is coming costs nothing.
    if (!ui_.missing_glyphs.empty()) {
      if (opt_.verbose) std::fprintf(stderr, "bianmin-kiosk: missing glyphs: %s\n", ui_.missing_glyphs.c_str());
      content_text_.add(ui_.missing_glyphs);
      heading_text_.add(ui_.missing_glyphs);
    }
    want_fonts();
  }
  ui_.end_frame();
  memo_.end_frame();  // the screens' references into the memo end with the frame
  dirty_ = redraw;
  handle_intents();
  last_signature_ = signature();
}

// ------------------------------------------------------------------------------------------
// running
namespace {

// PNG.layout.tsv for the layout check: one record a line, tab-separated, pixels as integers
// rounded outwards. M w h px_per_mm elder | T x0 y0 x1 y1 clip_x0 clip_y0 clip_x1 clip_y1
// RRGGBBAA in_scroll text | W x0 y0 x1 y1 (the whole target) clipped label | B x0 y0 x1 y1
Status write_layout_report(const std::filesystem::path& out, const Ui& ui) {
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  if (!f) return Status::fail("cannot write " + out.string());
  auto flat = [](std::string s) {
    for (char& ch : s)
      if (ch == '\t' || ch == '\n') ch = ' ';
    return s;
  };
  auto r = [&](ImVec2 a, ImVec2 b) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.1f\t%.1f\t%.1f\t%.1f", a.x, a.y, b.x, b.y);
    return std::string(buf);
  };
  f << "M\t" << ui.m.width << '\t' << ui.m.height << '\t' << ui.m.px_per_mm << '\t' << (ui.m.elder ? 1 : 0) << '\n';
  for (const auto& t : ui.drawn_texts) {
    char col[16];
    std::snprintf(col, sizeof col, "%02X%02X%02X%02X", t.col & 0xFF, (t.col >> 8) & 0xFF, (t.col >> 16) & 0xFF,
                  (t.col >> 24) & 0xFF);
    f << "T\t" << r(t.min, t.max) << '\t' << r(t.clip_min, t.clip_max) << '\t' << col << '\t' << (t.in_scroll ? 1 : 0)
      << '\t' << flat(t.text) << '\n';
  }
  for (const auto& w : ui.widgets)
    f << "W\t" << r(w.full_min, w.full_max) << '\t' << (w.clipped ? 1 : 0) << '\t' << flat(w.label) << '\t'
      << r(w.min, w.max) << '\n';  // the whole target, then its part that can be tapped
  for (const auto& b : ui.bars) f << "B\t" << r(b.min, b.max) << '\n';
  f.flush();
  if (!f) return Status::fail("cannot write " + out.string());
  return Status::success();
}

}  // namespace

Status App::screenshot(const std::filesystem::path& out) {
  // Draw the frame again and read it back before presenting.
  dirty_ = true;
  capture_ = true;
  ui_.record_layout = opt_.layout_report;
  frame();
  ui_.record_layout = false;
  capture_ = false;
  std::vector<uint8_t> px;
  int w = 0, h = 0;
  if (!platform_->read_pixels(px, w, h)) return Status::fail(std::string("cannot read pixels: ") + SDL_GetError());
  SDL_RenderPresent(platform_->renderer());
  if (opt_.layout_report) {
    set_png_fast(true);
    std::filesystem::path report = out;
    report += ".layout.tsv";
    Status st = write_layout_report(report, ui_);
    if (!st) return st;
  }
  return write_png(out, px, w, h);
}

void App::settle() {
  for (int i = 0; i < 600; ++i) {
    if (!needs_frame()) {
      // Nothing to draw: headless runs are deterministic, so they wait for the lane's work
      // (an atlas, a reopened cache) and draw what it brings.
      if (!lane_->busy()) break;
      lane_->wait_idle();
      if (!needs_frame()) break;
    }
    if (virtual_clock_) vclock_ms_ += 16;
    frame();
  }
}

void App::advance(double ms) {
  const double end = clock_ms() + ms;
  while (clock_ms() < end) {
    double step = ui_.want_frame ? 16 : std::min(250.0, end - clock_ms());
    if (virtual_clock_)
      vclock_ms_ += std::min(step, end - clock_ms());
    else
      SDL_Delay(static_cast<Uint32>(std::max(1.0, std::min(step, end - clock_ms()))));
    if (read_aloud_) read_aloud_->update(clock_ms());  // headless speech plays at this clock
    if (needs_frame() || clock_ms() - last_poll_ms_ >= opt_.reload_poll_seconds * 1000) frame();
  }
}

int App::interactive_loop(double max_seconds) {
  const double start = monotonic_ms();
  // Under systemd (Type=notify, WatchdogSec=): READY=1 once the first frame is on screen, then
  // WATCHDOG=1 from this loop, so a frozen loop gets the kiosk restarted. The loop sleeps only
  // as long as the watchdog allows. Outside systemd both are no-ops.
  config::Watchdog watchdog;
  bool ready_sent = false;
  while (!quit_) {
    if (max_seconds > 0 && monotonic_ms() - start > max_seconds * 1000) break;
    if (needs_frame()) {
      frame();
      SDL_RenderPresent(platform_->renderer());
    }
    if (!ready_sent) {
      config::notify_ready();
      ready_sent = true;
    }
    watchdog.tick();
    SDL_Event ev;
    int timeout = std::min(next_timeout_ms(), watchdog.max_sleep_ms());
    if (max_seconds > 0)
      timeout = std::min(timeout, static_cast<int>(std::max(1.0, max_seconds * 1000 - (monotonic_ms() - start))));
    if (platform_->wait_event(ev, timeout)) {
      handle_event(ev);
      while (SDL_PollEvent(&ev)) handle_event(ev);
    }
    if (!virtual_clock_) poll_content();
  }
  return 0;
}

int App::run() {
  if (!opt_.script.empty()) {
    std::ifstream in(opt_.script);
    if (!in) {
      std::fprintf(stderr, "bianmin-kiosk: cannot read the script %s\n", opt_.script.c_str());
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto steps = parse_script(ss.str(), opt_.script.string());
    if (!steps) {
      std::fprintf(stderr, "bianmin-kiosk: %s\n", steps.error().to_string().c_str());
      return 2;
    }
    frame();
    settle();
    for (const auto& s : *steps) {
      Status st = run_step(s);
      if (!st) {
        std::fprintf(stderr, "bianmin-kiosk: %s:%d: %s\n", opt_.script.c_str(), s.line, st.error().message.c_str());
        return 1;
      }
    }
    // A job still open: let it end (bounded by its own timeout), so the log says what happened.
    if (Status st = wait_print(opt_.print_timeout_seconds * 1000.0 + 10000); !st)
      std::fprintf(stderr, "bianmin-kiosk: %s\n", st.error().message.c_str());
    if (!opt_.screenshot.empty()) {
      Status st = screenshot(opt_.screenshot);
      if (!st) {
        std::fprintf(stderr, "bianmin-kiosk: %s\n", st.error().to_string().c_str());
        return 1;
      }
    }
    std::printf("script passed: %zu steps\n", steps->size());
    return 0;
  }
  if (!opt_.screenshot.empty()) {
    frame();
    settle();
    Status st = screenshot(opt_.screenshot);
    if (!st) {
      std::fprintf(stderr, "bianmin-kiosk: %s\n", st.error().to_string().c_str());
      return 1;
    }
    return 0;
  }
  if (opt_.headless) {
    std::fprintf(stderr, "bianmin-kiosk: --headless needs --screenshot or --script\n");
    return 2;
  }
  return interactive_loop();
}

}  // namespace bianmin::kiosk
