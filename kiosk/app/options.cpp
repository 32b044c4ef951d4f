#include "app/options.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "bianmin/config/kiosk_config.hpp"

namespace bianmin::kiosk {
namespace {

const char* kHelp =
    "usage: bianmin-kiosk [options]\n"
    "  --config FILE           read the terminal's kiosk.toml (options below override it)\n"
    "  --check-config [FILE]   check a kiosk.toml (default /etc/bianmin/kiosk.toml): prints\n"
    "                          file:line: key: problem lines and exits 1 when it is broken\n"
    "  --content PATH          content cache (content.db) to show\n"
    "  --route ROUTE           first screen: home, guides, guides/dept/ID, guide/CODE, cards,\n"
    "                          card/ID, funds, funds/VILLAGE, funds/VILLAGE/PUB, policies,\n"
    "                          policy/ID, search/QUERY, feedback, staff\n"
    "  --size WxH              window size (default 1080x1920)\n"
    "  --dpi N                 physical pixel density (default: guessed from the size)\n"
    "  --elder                 start in elder mode (长辈模式)\n"
    "  --fullscreen            full screen window\n"
    "  --headless              render offscreen with the software renderer (no display needed)\n"
    "  --screenshot OUT.png    render the route, save a PNG and exit\n"
    "  --script FILE           run a script of taps, drags, waits, expects and shots, then exit\n"
    "  --layout-report         with each PNG also write PNG.layout.tsv (texts, targets, bars)\n"
    "  --today YYYY-MM-DD      pretend today is this date; --time HH:MM the clock shown\n"
    "  --idle-seconds N        idle time before the countdown (default 90)\n"
    "  --countdown-seconds N   countdown before returning home (default 15)\n"
    "  --attract-seconds N     idle time before the attract loop (default 300)\n"
    "  --offline-hours N       show 离线 when not synced for this long (default 24)\n"
    "  --state-dir DIR         terminal state (last sync stamp, outbox) (default /var/lib/bianmin)\n"
    "  --terminal-id ID        this terminal's id\n"
    "  --help-phone PHONE      phone shown when the content cannot be opened\n"
    "  --village ID            a village terminal's own village (its publications first on home)\n"
    "  --staff-pin-hash HASH   staff PIN hash as printed by `bianmin-config hash-pin`\n"
    "                          (staff mode is locked without it)\n"
    "  --printer QUEUE         CUPS queue for slips\n"
    "  --paper 58mm|80mm|a4    slip paper (default 80mm)\n"
    "  --print-language escpos|pdf  what the printer speaks: ESC/POS raster (receipt printer\n"
    "                          on a raw queue) or PDF (default pdf)\n"
    "  --print-dots N          ESC/POS print head width in dots (default 384 for 58mm, 576 for 80mm)\n"
    "  --print-confirm-cm N    ask before printing a slip longer than N cm (default 30, 0 = never)\n"
    "  --print-timeout N       cancel a print job not done after N seconds (default 60)\n"
    "  --cups-server PATH      CUPS socket or host[:port] (default: libcups' default)\n"
    "  --integrity-recheck N   while idle, check the content cache for damage every N seconds\n"
    "                          (default 3600)\n"
    "  --no-audio              no 朗读 (read aloud) buttons\n"
    "  --volume N              speech volume in percent (default 80)\n"
    "  --audio-out FILE.wav    speech into a WAV file instead of the sound device (tests)\n"
    "  --verbose               log intents and frame times to stderr\n";

bool parse_double(std::string_view s, double& out) {
  std::string tmp(s);
  char* end = nullptr;
  out = std::strtod(tmp.c_str(), &end);
  return end && *end == '\0' && !tmp.empty();
}

}  // namespace

void apply_config(const config::KioskConfig& c, KioskOptions& o) {
  o.terminal_id = c.terminal_id;
  o.village = c.role == config::Role::Village ? c.village_id : std::string();
  o.state_dir = c.state_dir;
  o.content = c.content_db();
  o.width = c.screen_width;
  o.height = c.screen_height;
  if (c.dpi > 0 || c.diagonal_inches > 0) o.dpi = c.pixels_per_mm() * 25.4;
  o.idle_seconds = c.idle_warn_seconds;
  o.countdown_seconds = c.idle_countdown_seconds;
  o.attract_seconds = c.attract_seconds > 0 ? c.attract_seconds : 1e9;  // 0 = never
  o.elder = c.elder_mode_default;
  o.offline_hours = c.offline_after_hours;
  o.printer_queue = c.printer_queue;
  o.print_paper = config::paper_name(c.paper);
  o.print_language = config::printer_language_name(c.printer_language);
  o.print_width_dots = c.printer_width_dots;
  o.print_confirm_above_cm = c.print_confirm_above_cm;
  o.print_timeout_seconds = c.print_timeout_seconds;
  o.audio_enabled = c.audio_enabled;
  o.audio_volume = c.audio_volume;
  o.staff_pin_hash = c.staff_pin_hash;
  o.help_phone = c.help_phone;
}

ParseOutcome parse_options(int argc, char** argv) {
  ParseOutcome r;
  KioskOptions& o = r.options;
  // The file first, so that every flag overrides it wherever it stands on the line.
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string_view(argv[i]) != "--config") continue;
    o.config_file = argv[i + 1];
    auto loaded = config::load_kiosk_config(o.config_file);
    apply_config(loaded.config, o);  // valid fields apply even when others are broken
    if (!loaded.ok()) o.config_problems = config::format_problems(loaded.problems);
  }
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto need = [&](std::string_view name) -> const char* {
      if (i + 1 >= argc) {
        r.error = std::string(name) + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    auto need_number = [&](std::string_view name, double& out) {
      const char* v = need(name);
      if (!v) return;
      if (!parse_double(v, out) || out < 0) r.error = std::string(name) + ": not a number: " + v;
    };
    if (a == "--help" || a == "-h") {
      r.exit_now = true;
      r.help_text = kHelp;
      return r;
    } else if (a == "--config") {
      need(a);  // read above
    } else if (a == "--check-config") {
      o.check_config = true;
      o.check_config_file = config::kDefaultKioskConfigPath;
      if (i + 1 < argc && std::string_view(argv[i + 1]).rfind("--", 0) != 0) o.check_config_file = argv[++i];
    } else if (a == "--content") {
      if (const char* v = need(a)) o.content = v;
    } else if (a == "--route") {
      if (const char* v = need(a)) o.route = v;
    } else if (a == "--size") {
      if (const char* v = need(a)) {
        int w = 0, h = 0;
        if (std::sscanf(v, "%dx%d", &w, &h) != 2 || w < 320 || h < 320 || w > 8192 || h > 8192)
          r.error = std::string("--size: expected WxH between 320 and 8192, got ") + v;
        o.width = w;
        o.height = h;
      }
    } else if (a == "--dpi") {
      need_number(a, o.dpi);
    } else if (a == "--elder") {
      o.elder = true;
    } else if (a == "--fullscreen") {
      o.fullscreen = true;
    } else if (a == "--headless") {
      o.headless = true;
    } else if (a == "--screenshot") {
      if (const char* v = need(a)) o.screenshot = v;
    } else if (a == "--script") {
      if (const char* v = need(a)) o.script = v;
    } else if (a == "--layout-report") {
      o.layout_report = true;
    } else if (a == "--today") {
      if (const char* v = need(a)) o.today = v;
    } else if (a == "--time") {
      if (const char* v = need(a)) o.now_time = v;
    } else if (a == "--idle-seconds") {
      need_number(a, o.idle_seconds);
    } else if (a == "--countdown-seconds") {
      need_number(a, o.countdown_seconds);
    } else if (a == "--attract-seconds") {
      need_number(a, o.attract_seconds);
    } else if (a == "--offline-hours") {
      need_number(a, o.offline_hours);
    } else if (a == "--state-dir") {
      if (const char* v = need(a)) o.state_dir = v;
    } else if (a == "--help-phone") {
      if (const char* v = need(a)) o.help_phone = v;
    } else if (a == "--terminal-id") {
      if (const char* v = need(a)) o.terminal_id = v;
    } else if (a == "--village") {
      if (const char* v = need(a)) o.village = v;
    } else if (a == "--staff-pin-hash") {
      if (const char* v = need(a)) o.staff_pin_hash = v;
    } else if (a == "--printer") {
      if (const char* v = need(a)) o.printer_queue = v;
    } else if (a == "--paper") {
      if (const char* v = need(a)) o.print_paper = v;
    } else if (a == "--print-language") {
      if (const char* v = need(a)) o.print_language = v;
    } else if (a == "--print-confirm-cm") {
      if (const char* v = need(a)) o.print_confirm_above_cm = std::atoi(v);
    } else if (a == "--print-dots") {
      if (const char* v = need(a)) o.print_width_dots = std::atoi(v);
    } else if (a == "--print-timeout") {
      if (const char* v = need(a)) o.print_timeout_seconds = std::atoi(v);
    } else if (a == "--integrity-recheck") {
      if (const char* v = need(a)) o.integrity_recheck_seconds = std::max(1.0, std::atof(v));
    } else if (a == "--cups-server") {
      if (const char* v = need(a)) o.cups_server = v;
    } else if (a == "--no-audio") {
      o.audio_enabled = false;
    } else if (a == "--volume") {
      if (const char* v = need(a)) o.audio_volume = std::atoi(v);
    } else if (a == "--audio-out") {
      if (const char* v = need(a)) o.audio_out = v;
    } else if (a == "--verbose") {
      o.verbose = true;
    } else {
      r.error = std::string("unknown option: ") + std::string(a) + " (see --help)";
    }
    if (r.error) return r;
  }
  return r;
}

}  // namespace bianmin::kiosk
