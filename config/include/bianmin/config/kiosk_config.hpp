// /etc/bianmin/kiosk.toml: everything one terminal needs to know about itself.
//
// The defaults below (member initialisers) are the ONLY place defaults live; config/README.md's
// table is generated from them (`bianmin-config defaults kiosk`) and a test keeps it current.
// Read by bianmin-kiosk and bianmin-sync on the terminal; written by provision-terminal.sh.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/config/load.hpp"

namespace bianmin::config {

inline constexpr const char* kDefaultKioskConfigPath = "/etc/bianmin/kiosk.toml";

enum class Role { Hall, Village };  // a township hall terminal, or one at a village agent point
enum class Orientation { Landscape, Portrait, LandscapeFlipped, PortraitFlipped };
enum class Paper { Mm58, Mm80, A4 };         // receipt roll widths, or a normal office printer
enum class PrinterLanguage { EscPos, Pdf };  // thermal receipt printer (raw queue), or a PDF driver

const char* role_name(Role role);                      // "hall", "village"
const char* orientation_name(Orientation o);           // "landscape", "portrait", ...
const char* paper_name(Paper paper);                   // "58mm", "80mm", "a4"
int paper_width_mm(Paper paper);                       // 58, 80, 210
const char* printer_language_name(PrinterLanguage l);  // "escpos", "pdf"

// A publisher's ed25519 public key the terminal trusts for content bundles.
struct PublisherKey {
  std::string id;          // key id as named in bundle manifests, e.g. "hall-2026"
  std::string public_key;  // base64 (standard alphabet) of the 32-byte ed25519 key
  bool retired = false;    // true: bundles signed with it are refused (key rotation)
};

struct KioskConfig {
  // [terminal]
  std::string terminal_id;  // required; unique in the township, [a-z0-9-], e.g. "hall-01"
  Role role = Role::Hall;   // required
  std::string village_id;   // required when role = village: the content's village id
  std::string location;     // free text for the fleet list, e.g. "大厅入口左侧"
  std::string help_phone;   // shown when the content cannot be opened; "" = none (the content's hall phone otherwise)

  // [screen]
  int screen_width = 1080;                          // pixels, as the panel is mounted (after rotation)
  int screen_height = 1920;                         // pixels
  double diagonal_inches = 0;                       // physical diagonal; 0 = unknown (use dpi)
  int dpi = 0;                                      // pixels per inch; 0 = unknown (use diagonal_inches)
  Orientation orientation = Orientation::Portrait;  // how the output is rotated by the session

  // [power] nightly screen-off, applied by bianmin-screen.timer ("" = screen always on)
  std::string screen_off_at;  // "HH:MM" local time, e.g. "21:00"
  std::string screen_on_at;   // "HH:MM" local time, e.g. "07:30"

  // [idle]
  int idle_warn_seconds = 90;       // no touch this long: show the "继续使用" countdown
  int idle_countdown_seconds = 20;  // then this long before returning home and forgetting
  int attract_seconds = 300;        // idle this long on home: show the attract loop; 0 = never

  // [ui]
  bool elder_mode_default = false;  // start (and reset to) 长辈模式
  int offline_after_hours = 48;     // show "离线" when the last good sync is older than this

  // [printer]
  std::string printer_queue;  // CUPS queue name; "" = no printer, print buttons hidden
  Paper paper = Paper::Mm80;
  PrinterLanguage printer_language = PrinterLanguage::Pdf;  // provisioning sets it from the queue
  int printer_width_dots = 0;       // escpos: print head width in dots; 0 = 384 (58mm) / 576 (80mm)
  int print_timeout_seconds = 60;   // give up on a job (and tell the person) after this long
  int print_confirm_above_cm = 30;  // ask before printing a slip longer than this; 0 = never ask

  // [audio] reading aloud (朗读); a terminal without a sound device hides the button anyway
  bool audio_enabled = true;  // show 朗读 on guides, cards, policies and notices
  int audio_volume = 80;      // loudness of the speech, percent of full scale (0..100)

  // [sync]
  std::string hub_url;                     // "http(s)://host[:port]"; "" = no sync (content copied by hand)
  std::string channel = "stable";          // which bundle channel on the hub
  std::string proxy;                       // "http://host:port" or "socks5://host:port"; "" = direct
  int sync_interval_minutes = 10;          // bianmin-sync.timer period (provision script applies it)
  std::vector<PublisherKey> trusted_keys;  // at least one key that is not retired

  // [qr]
  std::vector<std::string> allowed_qr_hosts = {"*.gov.cn"};  // hosts a QR code may point to

  // [staff]
  std::string staff_pin_hash;  // from `bianmin-config hash-pin`; "" = staff mode disabled

  // [paths]
  std::string state_dir = "/var/lib/bianmin";  // the only directory the kiosk and agent write
  std::string content_path;                    // content cache; "" = <state_dir>/content.db

  // Derived values (what the programs should use rather than re-deriving).
  std::filesystem::path content_db() const;  // content_path, or <state_dir>/content.db
  std::filesystem::path outbox_db() const;   // <state_dir>/outbox.db
  // Pixels per millimetre on the physical screen: from dpi, else from the diagonal and the
  // pixel size, else 96 dpi (a desktop monitor) so a missing setting errs on large targets.
  double pixels_per_mm() const;
  // True when a QR code for `url` may be shown: https (or http) and the host matches an entry of
  // allowed_qr_hosts exactly or, for "*.example.cn", any subdomain of example.cn.
  bool qr_url_allowed(std::string_view url) const;
  // The keys a bundle signature may use (not retired).
  std::vector<PublisherKey> active_keys() const;
};

// Reads and validates a kiosk config file. See load.hpp for what is promised.
Loaded<KioskConfig> load_kiosk_config(const std::filesystem::path& path);
// The same, from text in memory (`name` is used as the file name in problems).
Loaded<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& name);

}  // namespace bianmin::config
