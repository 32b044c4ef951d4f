// Everything the kiosk can be told, in one small struct: from /etc/bianmin/kiosk.toml
// (`--config FILE`, read by bianmin_config) and from the command line, which overrides the
// file (tests, docs, maintainers). Each field says its unit and default.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bianmin::kiosk {

struct KioskOptions {
  // what to show
  std::filesystem::path content;  // content cache (content.db); --content PATH
  std::string route = "home";     // first screen; --route ROUTE (see route.hpp)
  bool elder = false;             // start in 长辈模式; --elder

  // screen
  int width = 1080;  // window / offscreen size in pixels; --size WxH
  int height = 1920;
  double dpi = 0;           // physical pixel density; 0 = guess from the size; --dpi N
  bool fullscreen = false;  // --fullscreen (the installed service uses it)
  bool headless = false;    // offscreen video driver + software renderer; --headless

  // runs for tests, docs and maintainers
  std::filesystem::path screenshot;  // render the route, write this PNG, exit; --screenshot
  std::filesystem::path script;      // drive the UI from a script, then exit; --script FILE
  std::string today;                 // override today's date "YYYY-MM-DD"; --today
  std::string now_time;              // override the clock "HH:MM" shown on home; --time
  // Every PNG written (--screenshot, `shot`) also gets PNG.layout.tsv: each drawn text with its
  // rectangle, clip and colour, each touch target, each scroll bar (the layout check reads
  // them); --layout-report
  bool layout_report = false;

  // behaviour
  double idle_seconds = 90;                              // no touch for this long: countdown overlay; --idle-seconds
  double countdown_seconds = 15;                         // countdown length before reset to home; --countdown-seconds
  double attract_seconds = 300;                          // no touch for this long: attract loop; --attract-seconds
  double offline_hours = 24;                             // not synced for this long: show 离线; --offline-hours
  std::filesystem::path state_dir = "/var/lib/bianmin";  // last-sync stamp, outbox; --state-dir
  std::string terminal_id = "demo-terminal";             // --terminal-id
  std::string village;                                   // a village terminal's village id ("" = hall); --village
  std::string staff_pin_hash;                            // "sha256:SALT:HASH" (bianmin-config hash-pin); empty = locked
  std::string help_phone;              // kiosk.toml terminal.help_phone: shown when the content cannot be opened
  std::string printer_queue;           // CUPS queue; empty = no printer; --printer
  std::string print_paper = "80mm";    // "58mm", "80mm" or "a4"; --paper
  std::string print_language = "pdf";  // "escpos" (receipt printer, raw queue) or "pdf"; --print-language
  int print_width_dots = 0;            // escpos print head width in dots, 0 = by paper; --print-dots
  int print_confirm_above_cm = 30;     // ask before printing a longer slip; 0 = never; --print-confirm-cm
  int print_timeout_seconds = 60;      // a job open longer is cancelled and reported; --print-timeout
  std::string cups_server;             // CUPS server or socket; empty = libcups' default; --cups-server
  bool audio_enabled = true;           // 朗读 buttons (hidden anyway without a sound device); --no-audio
  int audio_volume = 80;               // speech loudness, percent; --volume N
  // Headless: speech goes to this WAV file instead of a sound device, played at the app's
  // clock (so `wait 3000` plays 3 s); --audio-out FILE.wav
  std::filesystem::path audio_out;
  double reload_poll_seconds = 2;  // how often to look for a new content cache
  // While nobody uses the kiosk, how often the cache in use is read through again for damage
  // (PRAGMA quick_check on the lane); --integrity-recheck N
  double integrity_recheck_seconds = 3600;
  bool verbose = false;  // --verbose: log frames and intents to stderr
  // Headless runs use a virtual clock (tests wait 90 s in no time); the benchmark's idle
  // measurement turns it off to run the real loop.
  bool virtual_time_when_headless = true;

  // configuration file
  std::filesystem::path config_file;        // --config FILE (kiosk.toml); empty = flags only
  std::string config_problems;              // non-empty: the file is broken ("file:line: key: message"
                                            // lines); the kiosk shows 终端配置错误 instead of its screens
  bool check_config = false;                // --check-config [FILE]: validate, print problems, exit
  std::filesystem::path check_config_file;  // default /etc/bianmin/kiosk.toml
};

// Parses argv. On error returns a message (plain words, names the option). `--help` sets
// `help_text` and returns success with `exit_now`.
struct ParseOutcome {
  KioskOptions options;
  std::optional<std::string> error;
  bool exit_now = false;
  std::string help_text;
};
ParseOutcome parse_options(int argc, char** argv);

}  // namespace bianmin::kiosk
namespace bianmin::config {
struct KioskConfig;
}
namespace bianmin::kiosk {
// Copies what the kiosk uses from a kiosk.toml into the options (the file's defaults included).
void apply_config(const config::KioskConfig& c, KioskOptions& o);

}  // namespace bianmin::kiosk
