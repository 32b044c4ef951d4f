// The kiosk application: one frame loop over (route stack, person state, content store).
//
// Promises:
//  - Redraws only when something changed: input, an animation (inertia), the clock's minute,
//    the idle countdown's second, a content reload, a print status. Otherwise it sleeps in
//    SDL_WaitEventTimeout, so an idle kiosk uses next to no CPU.
//  - Idle: after `idle_seconds` without touch a countdown overlay offers 继续使用; when it
//    runs out the kiosk goes home and forgets the path, search text, ticks and scroll
//    positions. After `attract_seconds` an attract loop shows current notices; a touch wakes it
//    (that touch does nothing else).
//  - Live reload: a new content cache swapped in by rename is noticed within
//    `reload_poll_seconds` and reopened between frames; the screen stays if its item still
//    exists, else the kiosk goes home.
//  - A damaged cache (PRAGMA quick_check fails: a failing SD card) is never shown: at start-up
//    and on a reload it is refused (a reload keeps the last good content), and while nobody
//    uses the kiosk the file in use is checked again every `integrity_recheck_seconds` on the lane;
//    damage found then replaces the screens with the plain problem screen and the hall's
//    phone until the agent installs a good file. The details go to the log and the staff screen.
//  - Headless runs (screenshots, scripts, the benchmark) use a virtual clock, so tests that
//    wait 90 s of idle time take milliseconds and do not depend on the machine's load.
#pragma once
#include <SDL.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/options.hpp"
#include "app/outbox_writer.hpp"
#include "app/script.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/sync/outbox.hpp"
#include "bianmin/sync/screen_request.hpp"
#include "bianmin/sync/sync_status.hpp"
#include "platform/font_atlas.hpp"
#include "platform/fonts.hpp"
#include "platform/platform.hpp"
#include "platform/task_lane.hpp"
#include "screens/screen.hpp"
#include "widgets/ui.hpp"

struct ImGuiContext;

namespace bianmin::kiosk {
class PrintDesk;
class ReadAloud;
struct InputEngines;
}  // namespace bianmin::kiosk

namespace bianmin::kiosk {

class App {
 public:
  static Result<std::unique_ptr<App>> create(const KioskOptions& options);
  ~App();

  // Runs what the options ask: --screenshot, --script, or the interactive loop. Returns the
  // process exit code.
  int run();

  // --- pieces used by run(), the benchmark and tests ----------------------------------------
  void frame();             // builds and renders one frame at the current clock
  double clock_ms() const;  // the app's clock (virtual when headless)
  void advance(double ms);  // virtual clock: let time pass, drawing frames as needed
  void settle();            // draw until nothing animates (bounded)
  Status screenshot(const std::filesystem::path& out);
  Status run_step(const ScriptStep& step);  // one script step
  bool navigate(const std::string& route);

  // input, in window pixels
  void press(float x, float y);
  void move(float x, float y);
  void release(float x, float y);

  const Ui& ui() const { return ui_; }
  const Fonts& fonts() const { return atlas_->fonts(); }
  const Route& route() const { return routes_.top(); }
  ReadAloud* read_aloud() { return read_aloud_.get(); }
  double last_build_ms() const { return last_build_ms_; }  // CPU time to build the last frame
  double font_build_ms() const { return atlas_->fonts().build_ms; }
  // The work lane (font atlas builds, content reopening, outbox writes), for tests and the
  // benchmark: its queue, and waiting for it (headless runs only).
  TaskLane& lane() { return *lane_; }
  bool fonts_complete() const { return fonts_complete_; }  // the full atlas is installed
  uint64_t frames_drawn() const { return frames_; }
  size_t outbox_pending() const { return outbox_ ? outbox_->pending() : 0; }
  // Where start-up time went (milliseconds), for the benchmark and --verbose.
  struct StartupTimes {
    double platform = 0;  // SDL window and renderer
    double content = 0;   // opening the cache and collecting its characters
    double fonts = 0;     // the font atlas and its texture
  };
  const StartupTimes& startup_times() const { return startup_; }
  bool needs_frame() const;
  int interactive_loop(double max_seconds = 0);  // 0 = until quit

 private:
  App() = default;
  Status init(const KioskOptions& options);
  // A content cache opened (on the lane when reloading), with its characters.
  struct OpenedContent {
    std::unique_ptr<content::Store> store;
    GlyphSet text, heading, display;
    unsigned long long dev = 0, ino = 0, size = 0;
    long long mtime_ns = 0;
  };
  static Result<OpenedContent> open_content(const std::filesystem::path& path);
  void take_content(OpenedContent c);  // frame thread: the opened cache replaces the old one
  void want_fonts();                   // asks the lane for the atlas of every character in use
  Status build_startup_fonts();        // only what the first screen showed (startup_text_)
  AtlasRequest font_request(const GlyphSet& text, const GlyphSet& heading, const GlyphSet& display) const;
  int layout_tag() const;  // the metrics an atlas is built for (elder, size)
  void warn_unknown_village() const;
  void apply_metrics();
  void poll_content();
  void handle_intents();
  void reset_person();
  bool person_present() const;  // someone left a trace the idle reset must forget
  void update_facts();
  void record(sync::EventKind kind, const std::string& item, const std::string& text, int64_t value);
  void handle_event(const SDL_Event& ev);
  int next_timeout_ms() const;
  std::string signature() const;
  void print(const intent::Print& item);
  void print_facts();  // the print desk's state into facts_ (the toast)
  // One per intent type (std::visit in handle_intents()).
  void handle(intent::Navigate& i);
  void handle(intent::Back&);
  void handle(intent::Home&);
  void handle(intent::ToggleElder&);
  void handle(intent::Print& i);
  void handle(intent::Rate& i);
  void handle(intent::Search& i);
  void handle(intent::StaffPin& i);
  void handle(intent::StaffExit&);
  void handle(intent::ReloadContent&);
  void handle(intent::ContinueUse&);
  void handle(intent::PrintConfirm&);
  void handle(intent::PrintCancel&);
  void handle(intent::Suggest& i);
  void handle(intent::ReadAloud& i);
  Status wait_for_text(const std::string& text, double ms);  // script: real time, until `text` is drawn
  Status wait_print(double ms);                              // script: until the print job ends (real time), up to ms

  KioskOptions opt_;
  std::unique_ptr<Platform> platform_;
  ImGuiContext* imgui_ = nullptr;
  // The lane is stopped first in ~App (its jobs use the atlas and the outbox queue).
  std::unique_ptr<TaskLane> lane_;
  std::unique_ptr<FontAtlas> atlas_;
  // The content's characters (stored in the cache at publish time), plus characters a frame
  // found missing (e.g. printer messages).
  GlyphSet content_text_, heading_text_, display_text_;
  // Start-up: the first frame is drawn with an atlas of just the characters it shows (found by
  // a layout pass), then the full atlas is built on the lane and installed when ready.
  bool fonts_complete_ = false;  // the full atlas is installed
  bool layout_only_ = false;     // a frame that finds characters and draws nothing
  GlyphSet startup_text_;
  uint64_t frames_ = 0;

  std::unique_ptr<content::Store> store_;
  std::string content_error_;
  std::string last_hall_phone_;  // the last good content's hall phone, for the problem screen
  std::string logged_problem_;   // the last problem written to the log (each is logged once)
  struct FileStamp {
    unsigned long long dev = 0, ino = 0, size = 0;
    long long mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
  } stamp_;
  double last_poll_ms_ = 0;
  // <state>/sync-status, read again only when the file changes (update_facts runs every frame)
  std::optional<sync::SyncStatus> read_sync_status_cached();
  FileStamp sync_status_stamp_;
  std::optional<sync::SyncStatus> sync_status_;
  // A screenshot for the hall console (remote_screenshot.cpp): looked for in poll_content(),
  // answered by the next frame with its own pixels.
  void notice_screen_request();
  void answer_screen_request();
  std::optional<sync::ScreenRequest> screen_request_;
  double screen_request_checked_ms_ = -1e9;
  void rasterize();             // draws ImGui's draw data into the renderer
  bool reopening_ = false;      // a reopen job or an integrity check is on the lane
  FileStamp refused_stamp_;     // a file that failed to open while none was open: not retried until it changes
  double last_check_ms_ = 0;    // the last integrity check of the file in use (clock_ms)
  void check_content_intact();  // on the lane, when idle; see the promise above
  bool staff_reload_ = false;   // staff asked for the reload: say how it went

  std::unique_ptr<OutboxWriter> outbox_;
  std::unique_ptr<PrintDesk> print_desk_;  // printing (app/print_desk.hpp)
  std::unique_ptr<ReadAloud> read_aloud_;  // 朗读 (app/read_aloud.hpp)
  std::unique_ptr<InputEngines> input_;    // handwriting and pinyin (widgets/text_input.hpp)
  RouteStack routes_;
  PersonState person_;
  AppFacts facts_;
  Memo memo_;
  Ui ui_;
  std::vector<Intent> intents_;
  bool elder_ = false;

  bool virtual_clock_ = false;
  double vclock_ms_ = 0;
  double last_input_ms_ = 0;
  bool attract_ = false;
  bool countdown_showing_ = false;
  bool swallow_touch_ = false;  // the touch that woke the attract loop / dismissed an overlay
  bool staff_hold_fired_ = false;
  // Wrong staff PINs in a row, and until when (app clock) the PIN pad is locked after
  // kStaffPinTries of them. Kept across the idle reset: walking away does not buy more tries.
  int staff_wrong_pins_ = 0;
  double staff_locked_until_ms_ = -1;
  bool dirty_ = true;
  bool capture_ = false;  // headless: rasterize this frame (a screenshot)
  bool quit_ = false;
  std::string last_signature_;
  double last_build_ms_ = 0;
  StartupTimes startup_;
  std::vector<WidgetRec> last_widgets_;
  std::vector<std::string> last_texts_;
  friend class ScriptRunner;
};

}  // namespace bianmin::kiosk
