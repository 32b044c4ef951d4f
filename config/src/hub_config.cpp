// hub.toml: the field list, cross-field checks and derived paths.
#include "bianmin/config/hub_config.hpp"

#include <arpa/inet.h>

#include <cctype>

#include <set>

#include "bianmin/config/schema_doc.hpp"
#include "bianmin/config/secrets.hpp"
#include "schema.hpp"

namespace bianmin::config {

using detail::Field;
using H = HubConfig;

namespace {

std::string valid_address(std::string_view s) {
  std::string text(s);
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1) return {};
  return "应为 IP 地址，如 0.0.0.0、127.0.0.1 或 ::";
}

std::string valid_token_hash(std::string_view s) {
  return is_token_hash(s) ? std::string() : "不是 bianmin-config new-token 生成的 sha256:<64 位十六进制>";
}

std::string valid_optional_token_hash(std::string_view s) { return s.empty() ? std::string() : valid_token_hash(s); }

// A channel name as the hub's routes accept it ([A-Za-z0-9_-], 1-64 characters), or "".
std::string valid_optional_channel(std::string_view s) {
  if (s.size() > 64) return "最多 64 个字符";
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return "只能用字母、数字、_ 和 -";
  return {};
}

std::string valid_connection(std::string_view s) { return store_connection_problem(s); }

std::string valid_name(std::string_view s) {
  if (s.empty() || s.size() > 64) return "长度应为 1 到 64";
  return {};
}

const std::vector<Field<StaffToken>>& staff_fields() {
  static const std::vector<Field<StaffToken>> fields = {
      detail::string_field<StaffToken>("name", &StaffToken::name, "1 到 64 个字符", valid_name,
                                       "工作人员，写入发布日志", true),
      detail::secret_string_field<StaffToken>("token_hash", &StaffToken::token_hash, "sha256:<64 位十六进制>",
                                              valid_token_hash, "发布令牌的哈希（bianmin-config new-token）", true),
  };
  return fields;
}

const std::vector<Field<H>>& hub_fields() {
  using namespace detail;
  static const std::vector<Field<H>> fields = {
      string_field<H>("server.listen_address", &H::listen_address, "IPv4 或 IPv6 地址", valid_address,
                      "监听地址；放在 nginx 后面时用 127.0.0.1"),
      int_field<H>("server.port", &H::port, 1, 65535, "监听端口"),
      string_field<H>("server.public_url", &H::public_url, "http:// 或 https:// 地址，或 \"\"", valid_optional_http_url,
                      "终端访问本服务器的地址（写入登记说明）；\"\" = 不公布"),
      string_field<H>("paths.data_dir", &H::data_dir, "绝对路径", valid_absolute_path,
                      "服务器数据目录（SQLite 库 hub.db），服务唯一可写的目录"),
      string_field<H>("paths.channel_dir", &H::channel_dir, "绝对路径，或 \"\"", valid_optional_absolute_path,
                      "发布包目录（每个频道一个子目录）；\"\" = <data_dir>/channels"),
      string_field<H>(
          "paths.trusted_keys", &H::trusted_keys, "绝对路径，或 \"\"", valid_optional_absolute_path,
          "发布者公钥清单（bianmin-publish trust 维护）；推送的内容须由其中未停用的密钥签名；\"\" = 不接受推送"),
      enum_field<H, H::StoreEngine>(
          "store.engine", &H::store_engine,
          {{"sqlite", H::StoreEngine::Sqlite}, {"postgresql", H::StoreEngine::Postgresql}},
          "终端、心跳和上报存在哪里：sqlite = <data_dir>/hub.db；postgresql = store.connection 指的 PostgreSQL 库"),
      secret_string_field<H>(
          "store.connection", &H::store_connection, "libpq 连接串，或 \"\"", valid_connection,
          "engine = \"postgresql\" 时连接的库，如 \"host=/run/postgresql dbname=bianmin\"（不写口令）"),
      table_array_field<H, StaffToken>("staff", &H::staff_tokens, staff_fields(), "每段含 name、token_hash",
                                       "允许发布内容的工作人员；[] = 不接受发布"),
      secret_string_field<H>("terminals.enroll_token_hash", &H::enroll_token_hash, "sha256:<64 位十六进制>，或 \"\"",
                             valid_optional_token_hash, "终端登记时出示的令牌的哈希；\"\" = 不接受新终端登记"),
      int_field<H>("terminals.lagging_after_hours", &H::lagging_after_hours, 1, 24 * 365,
                   "终端多少小时未上报或未更新即标为滞后，小时"),
      int_field<H>("terminals.report_retention_days", &H::report_retention_days, 1, 3650, "终端上报记录保留天数，天"),
      int_field<H>("terminals.followup_working_days", &H::followup_working_days, 1, 60,
                   "差评（不满意、非常不满意）的办结期限：评价后的工作日数（不含周六周日），天"),
      bool_field<H>("terminals.screenshot_fund_names", &H::screenshot_fund_names,
                    "管理台请求终端截屏时，终端正显示带姓名的资金公示表也可截屏；false = 此时拒绝截屏"),
      string_field<H>("publish.channel", &H::publish_channel, "频道名，或 \"\"", valid_optional_channel,
                      "管理台审核批准的修改发布到这个频道；\"\" = 不能从管理台发布"),
      string_field<H>("publish.source_dir", &H::source_dir, "绝对路径，或 \"\"", valid_optional_absolute_path,
                      "本中心内容的源目录（bianmin-publish build 读同一个目录）；\"\" = <data_dir>/source"),
      string_field<H>("publish.sealed_key", &H::sealed_key, "绝对路径，或 \"\"", valid_optional_absolute_path,
                      "用签名口令加密的发布密钥（bianmin-hub seal-key）；\"\" = <data_dir>/publisher.key.sealed"),
      string_field<H>("publish.preview_kiosk", &H::preview_kiosk, "绝对路径，或 \"\"", valid_optional_absolute_path,
                      "生成预览图的 bianmin-kiosk（如 /usr/bin/bianmin-kiosk）；\"\" = 不生成预览图"),
      string_field<H>("publish.preview_village_config", &H::preview_village_config, "绝对路径，或 \"\"",
                      valid_optional_absolute_path, "村代办点平板的 kiosk.toml（预览图照它的屏幕生成）；\"\" = 不生成"),
      int_field<H>("limits.max_upload_mb", &H::max_upload_mb, 1, 65536, "单个发布文件的上传上限，MB"),
      int_field<H>("limits.header_timeout_s", &H::header_timeout_s, 1, 300,
                   "一个请求的请求行和头部须在此时间内收完，否则断开，秒"),
      int_field<H>("limits.body_timeout_s", &H::body_timeout_s, 10, 86400,
                   "一个请求的正文须在此时间内收完，否则断开，秒"),
      int_field<H>("limits.max_connections_per_address", &H::max_connections_per_address, 1, 1000,
                   "同一 IP 地址同时可占用的连接数；超出的连接立即回 503，个"),
  };
  return fields;
}

void cross_checks(detail::Parsed<H>& p) {
  // (A connection string that was written but refused has its own problem on its own line.)
  auto refused = [&](const std::string& key) {
    for (const auto& problem : p.sink.problems)
      if (problem.field == key) return true;
    return false;
  };
  if (p.config.store_engine == H::StoreEngine::Postgresql && p.config.store_connection.empty() &&
      !refused("store.connection"))
    p.sink.add(p.seen.count("store.engine") ? p.seen.at("store.engine") : 0, "store.connection",
               "store.engine = \"postgresql\" 时须写 store.connection（libpq 连接串）");
  std::set<std::string> names;
  for (const auto& t : p.config.staff_tokens)
    if (!names.insert(t.name).second)
      p.sink.add(p.seen.count("staff") ? p.seen.at("staff") : 0, "staff", "工作人员 " + t.name + " 重复");
}

}  // namespace

std::filesystem::path HubConfig::channels() const {
  if (!channel_dir.empty()) return channel_dir;
  return std::filesystem::path(data_dir) / "channels";
}

std::filesystem::path HubConfig::store_db() const { return std::filesystem::path(data_dir) / "hub.db"; }

Loaded<HubConfig> parse_hub_config(std::string_view text, const std::string& name) {
  auto p = detail::run_schema(text, name, hub_fields());
  if (p.parsed) cross_checks(p);
  detail::sort_by_line(p.sink.problems);
  return Loaded<HubConfig>{std::move(p.config), std::move(p.sink.problems)};
}

Loaded<HubConfig> load_hub_config(const std::filesystem::path& path) {
  detail::Sink sink{path.string(), {}};
  std::string text;
  if (!detail::read_text(path.string(), text, sink)) return Loaded<HubConfig>{HubConfig{}, std::move(sink.problems)};
  return parse_hub_config(text, path.string());
}

std::string hub_defaults_markdown() { return detail::defaults_markdown(hub_fields()); }

std::optional<std::string> hub_value(const HubConfig& config, std::string_view key) {
  return detail::value_of(hub_fields(), config, key);
}

std::string store_connection_problem(std::string_view s) {
  if (s.size() > 1000) return "最多 1000 个字符";
  std::string lower(s);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("password") != std::string::npos)
    return "口令不要写在 hub.toml 或命令行里：用本机 unix 套接字的 peer 认证，或 passfile=";
  return {};
}

}  // namespace bianmin::config
