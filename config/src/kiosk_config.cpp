// kiosk.toml: the field list (the one place keys, limits and meanings are declared), the
// cross-field checks, and the derived values.
#include "bianmin/config/kiosk_config.hpp"

#include <cmath>
#include <set>

#include "bianmin/config/schema_doc.hpp"
#include "bianmin/config/secrets.hpp"
#include "schema.hpp"

namespace bianmin::config {

using detail::Field;
using K = KioskConfig;

const char* role_name(Role role) { return role == Role::Hall ? "hall" : "village"; }
const char* printer_language_name(PrinterLanguage l) { return l == PrinterLanguage::EscPos ? "escpos" : "pdf"; }
const char* orientation_name(Orientation o) {
  switch (o) {
    case Orientation::Landscape:
      return "landscape";
    case Orientation::Portrait:
      return "portrait";
    case Orientation::LandscapeFlipped:
      return "landscape-flipped";
    case Orientation::PortraitFlipped:
      return "portrait-flipped";
  }
  return "portrait";
}
const char* paper_name(Paper paper) {
  switch (paper) {
    case Paper::Mm58:
      return "58mm";
    case Paper::Mm80:
      return "80mm";
    case Paper::A4:
      return "a4";
  }
  return "80mm";
}
int paper_width_mm(Paper paper) {
  switch (paper) {
    case Paper::Mm58:
      return 58;
    case Paper::Mm80:
      return 80;
    case Paper::A4:
      return 210;
  }
  return 80;
}

namespace {

std::string valid_village(std::string_view s) {
  if (s.empty() || s.size() > 64) return "长度应为 1 到 64";
  for (char ch : s)
    if (ch == ' ' || ch == '/' || ch == '\t') return "不能含空格或 /";
  return {};
}

std::string valid_clock(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() != 5 || s[2] != ':') return "应写成 \"HH:MM\"，如 \"21:00\"";
  for (int i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return "应写成 \"HH:MM\"，如 \"21:00\"";
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return "时间不存在";
  return {};
}

std::string valid_queue(std::string_view s) {
  if (s.size() > 127) return "太长（最多 127 个字符）";
  for (char ch : s)
    if (ch == ' ' || ch == '/' || ch == '#' || ch == '\t' || static_cast<unsigned char>(ch) < 32)
      return "CUPS 队列名不能含空格、/ 或 #";
  return {};
}

std::string valid_proxy(std::string_view s) {
  if (s.empty()) return {};
  for (std::string_view scheme : {"http://", "https://", "socks5://", "socks5h://"})
    if (s.rfind(scheme, 0) == 0 && s.size() > scheme.size()) return {};
  return "应以 http://、https://、socks5:// 或 socks5h:// 开头";
}

std::string valid_channel(std::string_view s) {
  if (s.size() > 32) return "最多 32 个字符";
  return detail::valid_identifier(s);
}

std::string valid_phone(std::string_view s) {
  if (s.size() > 24) return "最多 24 个字符";
  for (char ch : s)
    if (!(ch >= '0' && ch <= '9') && ch != '-' && ch != ' ') return "只能是数字、- 和空格";
  return {};
}

std::string valid_pin_hash(std::string_view s) {
  if (s.empty() || is_pin_hash(s)) return {};
  return "不是 bianmin-config hash-pin 生成的格式";
}

std::string valid_key(std::string_view s) {
  return is_ed25519_public_key_base64(s) ? std::string() : "应为 32 字节 ed25519 公钥的 base64（44 个字符）";
}

const std::vector<Field<PublisherKey>>& key_fields() {
  static const std::vector<Field<PublisherKey>> fields = {
      detail::string_field<PublisherKey>("id", &PublisherKey::id, "小写字母、数字、-", detail::valid_identifier,
                                         "密钥编号，与发布包 manifest 中的 key id 一致", true),
      detail::string_field<PublisherKey>("key", &PublisherKey::public_key, "base64，44 个字符", valid_key,
                                         "发布者的 ed25519 公钥（bianmin-publish keygen 输出）", true),
      detail::bool_field<PublisherKey>("retired", &PublisherKey::retired, "true = 已停用：用它签名的发布包一律拒收"),
  };
  return fields;
}

const std::vector<Field<K>>& kiosk_fields() {
  using namespace detail;
  static const std::vector<Field<K>> fields = {
      string_field<K>("terminal.id", &K::terminal_id, "小写字母、数字、-，1 到 64 个字符", valid_identifier,
                      "终端编号，在本乡镇唯一，如 hall-01", true),
      enum_field<K, Role>("terminal.role", &K::role, {{"hall", Role::Hall}, {"village", Role::Village}},
                          "hall = 乡镇便民服务中心大厅，village = 村代办点", true),
      string_field<K>("terminal.village", &K::village_id, "内容中的村编号", valid_village,
                      "所在村（role = \"village\" 时必填），首页优先显示本村资金公开"),
      string_field<K>("terminal.location", &K::location, "任意文字", valid_any, "安放位置，显示在终端列表中"),
      string_field<K>("terminal.help_phone", &K::help_phone, "数字、- 和空格，或 \"\"", valid_phone,
                      "求助电话，内容打不开时显示在屏幕上；内容正常时显示内容中大厅的咨询电话"),
      int_field<K>("screen.width", &K::screen_width, 320, 8192, "屏幕宽度，像素（按安装方向）"),
      int_field<K>("screen.height", &K::screen_height, 320, 8192, "屏幕高度，像素（按安装方向）"),
      double_field<K>("screen.diagonal_inches", &K::diagonal_inches, 0, 120, "0 或 5..120",
                      "屏幕对角线，英寸；0 = 未知（改填 dpi）。用于把触控目标做到至少 12 毫米"),
      int_field<K>("screen.dpi", &K::dpi, 0, 1000, "每英寸像素；0 = 未知（改填 diagonal_inches）"),
      enum_field<K, Orientation>("screen.orientation", &K::orientation,
                                 {{"landscape", Orientation::Landscape},
                                  {"portrait", Orientation::Portrait},
                                  {"landscape-flipped", Orientation::LandscapeFlipped},
                                  {"portrait-flipped", Orientation::PortraitFlipped}},
                                 "屏幕安装方向，会话启动时按此旋转输出"),
      string_field<K>("power.screen_off_at", &K::screen_off_at, "\"HH:MM\" 或 \"\"", valid_clock,
                      "每晚关屏时间（本地时间）；\"\" = 不关屏"),
      string_field<K>("power.screen_on_at", &K::screen_on_at, "\"HH:MM\" 或 \"\"", valid_clock,
                      "每早开屏时间（本地时间）；与 screen_off_at 同时填写"),
      int_field<K>("idle.warn_seconds", &K::idle_warn_seconds, 10, 3600, "无人触摸多少秒后显示“继续使用”倒计时，秒"),
      int_field<K>("idle.countdown_seconds", &K::idle_countdown_seconds, 5, 120,
                   "倒计时多少秒后回到首页并清除上一位的操作，秒"),
      int_field<K>("idle.attract_seconds", &K::attract_seconds, 0, 86400,
                   "首页空闲多少秒后播放通知与亮点轮播，秒；0 = 不播放"),
      bool_field<K>("ui.elder_mode_default", &K::elder_mode_default, "开机及每次复位后是否为长辈模式"),
      int_field<K>("ui.offline_after_hours", &K::offline_after_hours, 1, 24 * 365,
                   "距上次成功同步超过多少小时显示“离线”，小时"),
      string_field<K>("printer.queue", &K::printer_queue, "CUPS 队列名，或 \"\"", valid_queue,
                      "小票打印机的 CUPS 队列；\"\" = 无打印机（不显示打印按钮）"),
      enum_field<K, Paper>("printer.paper", &K::paper,
                           {{"58mm", Paper::Mm58}, {"80mm", Paper::Mm80}, {"a4", Paper::A4}},
                           "纸张：58mm / 80mm 热敏小票，或 a4"),
      enum_field<K, PrinterLanguage>("printer.language", &K::printer_language,
                                     {{"escpos", PrinterLanguage::EscPos}, {"pdf", PrinterLanguage::Pdf}},
                                     "打印机语言：escpos = 热敏小票机（原始队列，按点阵图打印并切纸），"
                                     "pdf = 有驱动的打印机（如 A4）；安装脚本按所建队列填写"),
      int_field<K>("printer.width_dots", &K::printer_width_dots, 0, 2048,
                   "escpos 打印头宽度，点（8 的倍数）；0 = 按纸张：58mm 为 384，80mm 为 576（203 dpi）"),
      int_field<K>("printer.timeout_seconds", &K::print_timeout_seconds, 5, 600,
                   "打印任务超过多少秒未完成就放弃并提示，秒"),
      int_field<K>("printer.confirm_above_cm", &K::print_confirm_above_cm, 0, 1000,
                   "小票超过多少厘米先问一句（显示长度）再打印，厘米；0 = 不问"),
      bool_field<K>("audio.enabled", &K::audio_enabled,
                    "在办事指南、明白卡、政策问答和通知上显示“朗读”按钮；没有声卡的终端自动不显示"),
      int_field<K>("audio.volume", &K::audio_volume, 0, 100, "朗读音量，占满音量的百分比"),
      string_field<K>("sync.hub_url", &K::hub_url, "http:// 或 https:// 地址，或 \"\"", valid_optional_http_url,
                      "乡镇服务器 bianmin-hub 的地址；\"\" = 不同步（手工拷贝内容）"),
      string_field<K>("sync.channel", &K::channel, "小写字母、数字、-", valid_channel, "订阅的发布频道"),
      secret_string_field<K>("sync.proxy", &K::proxy, "http://、https://、socks5:// 地址，或 \"\"", valid_proxy,
                             "访问服务器使用的代理；\"\" = 直连"),
      int_field<K>("sync.interval_minutes", &K::sync_interval_minutes, 1, 1440, "同步间隔，分钟"),
      table_array_field<K, PublisherKey>("sync.trusted_keys", &K::trusted_keys, key_fields(), "每段含 id、key、retired",
                                         "信任的发布者公钥；至少一个未停用", true),
      string_list_field<K>("qr.allowed_hosts", &K::allowed_qr_hosts, "主机名或 *.域名 的数组", valid_hostname_pattern,
                           "二维码只能指向这些主机（https）；[] = 不显示任何二维码"),
      secret_string_field<K>("staff.pin_hash", &K::staff_pin_hash, "bianmin-config hash-pin 的输出，或 \"\"",
                             valid_pin_hash, "工作人员模式 PIN 的哈希；\"\" = 关闭工作人员模式"),
      string_field<K>("paths.state_dir", &K::state_dir, "绝对路径", valid_absolute_path,
                      "终端唯一可写的目录（内容缓存、待上传记录）"),
      string_field<K>("paths.content", &K::content_path, "绝对路径，或 \"\"", valid_optional_absolute_path,
                      "内容缓存文件；\"\" = <state_dir>/content.db"),
  };
  return fields;
}

void cross_checks(detail::Parsed<K>& p) {
  K& c = p.config;
  auto line = [&](const std::string& key) {
    auto it = p.seen.find(key);
    return it == p.seen.end() ? 0 : it->second;
  };
  if (c.role == Role::Village && c.village_id.empty() && p.seen.count("terminal.role"))
    p.sink.add(line("terminal.role"), "terminal.village",
               "role = \"village\" 时必须填写 village（本村在内容中的编号）");
  if (c.diagonal_inches > 0 && c.dpi > 0)
    p.sink.add(line("screen.dpi"), "screen.dpi", "diagonal_inches 与 dpi 只能填一个（另一个写 0）");
  if (c.diagonal_inches > 0 && c.diagonal_inches < 5)
    p.sink.add(line("screen.diagonal_inches"), "screen.diagonal_inches", "超出范围：允许 0 或 5..120");
  if (c.screen_off_at.empty() != c.screen_on_at.empty())
    p.sink.add(line(c.screen_off_at.empty() ? "power.screen_on_at" : "power.screen_off_at"),
               c.screen_off_at.empty() ? "power.screen_off_at" : "power.screen_on_at",
               "screen_off_at 与 screen_on_at 要么都填，要么都不填");
  else if (!c.screen_off_at.empty() && c.screen_off_at == c.screen_on_at)
    p.sink.add(line("power.screen_on_at"), "power.screen_on_at", "开屏与关屏时间不能相同");
  if (c.printer_language == PrinterLanguage::EscPos && c.paper == Paper::A4)
    p.sink.add(line("printer.language"), "printer.language",
               "escpos 只用于 58mm / 80mm 热敏小票；A4 打印机请用 language = \"pdf\"");
  if (c.printer_width_dots % 8 != 0 || (c.printer_width_dots > 0 && c.printer_width_dots < 128))
    p.sink.add(line("printer.width_dots"), "printer.width_dots",
               "打印头宽度须为 0 或 128..2048 之间 8 的倍数（常见 384 或 576）");
  if (p.seen.count("sync.trusted_keys")) {
    std::set<std::string> ids;
    for (const auto& k : c.trusted_keys)
      if (!ids.insert(k.id).second)
        p.sink.add(line("sync.trusted_keys"), "sync.trusted_keys", "密钥编号 " + k.id + " 重复");
    if (!c.trusted_keys.empty() && c.active_keys().empty())
      p.sink.add(line("sync.trusted_keys"), "sync.trusted_keys",
                 "所有公钥都已停用（retired = true）；至少需要一个在用的公钥");
  }
}

}  // namespace

std::filesystem::path KioskConfig::content_db() const {
  if (!content_path.empty()) return content_path;
  return std::filesystem::path(state_dir) / "content.db";
}

std::filesystem::path KioskConfig::outbox_db() const { return std::filesystem::path(state_dir) / "outbox.db"; }

double KioskConfig::pixels_per_mm() const {
  if (dpi > 0) return dpi / 25.4;
  if (diagonal_inches > 0) {
    double diag_px = std::sqrt(double(screen_width) * screen_width + double(screen_height) * screen_height);
    return diag_px / (diagonal_inches * 25.4);
  }
  return 96 / 25.4;
}

bool KioskConfig::qr_url_allowed(std::string_view url) const {
  std::string_view rest;
  if (url.rfind("https://", 0) == 0)
    rest = url.substr(8);
  else if (url.rfind("http://", 0) == 0)
    rest = url.substr(7);
  else
    return false;
  std::string host(rest.substr(0, rest.find_first_of("/:?#")));
  if (host.find('@') != std::string::npos) return false;  // userinfo tricks: never
  for (char& ch : host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (host.empty()) return false;
  for (const auto& pattern : allowed_qr_hosts) {
    if (pattern.rfind("*.", 0) == 0) {
      std::string suffix = pattern.substr(1);  // ".gov.cn"
      if (host.size() > suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0)
        return true;
    } else if (host == pattern) {
      return true;
    }
  }
  return false;
}

std::vector<PublisherKey> KioskConfig::active_keys() const {
  std::vector<PublisherKey> out;
  for (const auto& k : trusted_keys)
    if (!k.retired) out.push_back(k);
  return out;
}

Loaded<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& name) {
  auto p = detail::run_schema(text, name, kiosk_fields());
  if (p.parsed) cross_checks(p);
  detail::sort_by_line(p.sink.problems);
  return Loaded<KioskConfig>{std::move(p.config), std::move(p.sink.problems)};
}

Loaded<KioskConfig> load_kiosk_config(const std::filesystem::path& path) {
  detail::Sink sink{path.string(), {}};
  std::string text;
  if (!detail::read_text(path.string(), text, sink))
    return Loaded<KioskConfig>{KioskConfig{}, std::move(sink.problems)};
  return parse_kiosk_config(text, path.string());
}

std::string kiosk_defaults_markdown() { return detail::defaults_markdown(kiosk_fields()); }

std::optional<std::string> kiosk_value(const KioskConfig& config, std::string_view key) {
  return detail::value_of(kiosk_fields(), config, key);
}

}  // namespace bianmin::config
