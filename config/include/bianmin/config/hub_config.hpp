// /etc/bianmin/hub.toml: the hall server (bianmin-hub serve).
//
// Defaults live only in the member initialisers below; config/README.md's table is generated
// from them (`bianmin-config defaults hub`) and a test keeps it current.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/config/load.hpp"

namespace bianmin::config {

inline constexpr const char* kDefaultHubConfigPath = "/etc/bianmin/hub.toml";

// A person allowed to push bundles. Only the token's hash is stored in the config.
struct StaffToken {
  std::string name;        // who, for the log, e.g. "wangli"
  std::string token_hash;  // "sha256:<64 hex>" from `bianmin-config new-token`
};

struct HubConfig {
  // [server]
  std::string listen_address = "0.0.0.0";  // IPv4/IPv6 address to bind; "127.0.0.1" behind nginx
  int port = 8080;                         // TCP port
  std::string public_url;                  // how terminals reach it; "" = not announced

  // [paths]
  std::string data_dir = "/var/lib/bianmin-hub";  // the hub's SQLite store (if so) and the console's live here
  std::string channel_dir;                        // bundle files; "" = <data_dir>/channels
  std::string trusted_keys =
      "/etc/bianmin/trusted_keys.json";  // publisher keys a push must be signed by; "" = no pushes

  // [store] where the hub keeps terminals, heartbeats and reports (sync/README.md)
  enum class StoreEngine { Sqlite, Postgresql };
  StoreEngine store_engine = StoreEngine::Sqlite;  // sqlite = <data_dir>/hub.db; postgresql = a county's server
  std::string store_connection;  // libpq connection string, e.g. "host=/run/postgresql dbname=bianmin"; no password

  // [staff]
  std::vector<StaffToken> staff_tokens;  // who may push; empty = pushing disabled

  // [terminals]
  std::string enroll_token_hash;       // "sha256:<hex>" terminals present to enroll; "" = closed
  int lagging_after_hours = 24;        // fleet list marks a terminal lagging after this
  int report_retention_days = 400;     // keep terminal reports this long
  int followup_working_days = 5;       // a 差评's follow-up is due this many working days later
  bool screenshot_fund_names = false;  // a screenshot on request may show a fund table with names

  // [publish] (the hall console's publishing, sync/console/publish_flow.hpp)
  std::string publish_channel;  // channel an approved change becomes the next version of; "" = off
  std::string source_dir;       // the hall's source folder; "" = <data_dir>/source
  std::string sealed_key;       // the publisher key sealed with a passphrase; "" = <data_dir>/publisher.key.sealed
  std::string preview_kiosk;    // bianmin-kiosk that renders preview pictures; "" = no pictures
  std::string preview_village_config;  // the village tablet's kiosk.toml as shipped; "" = no tablet picture

  // [limits]
  int max_upload_mb = 1024;             // largest bundle file a push may upload
  int header_timeout_s = 10;            // a request's line and headers must arrive within this
  int body_timeout_s = 600;             // a request's body must arrive within this
  int max_connections_per_address = 8;  // connections served at once from one IP address

  std::filesystem::path channels() const;  // channel_dir, or <data_dir>/channels
  std::filesystem::path store_db() const;  // <data_dir>/hub.db
};

Loaded<HubConfig> load_hub_config(const std::filesystem::path& path);
// What is wrong with a store.connection (or --store-connection) value, "" when nothing: its
// syntax is libpq's (checked when the hub connects); here only what must never be written
// where others can read it (a password: hub.toml is world-readable, a command line is in ps).
std::string store_connection_problem(std::string_view connection);
Loaded<HubConfig> parse_hub_config(std::string_view text, const std::string& name);

}  // namespace bianmin::config
