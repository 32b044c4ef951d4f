// The settings schema as data: for the defaults table in config/README.md and for scripts
// that need one effective value (deploy/bianmin-screen reads power.screen_off_at this way).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "bianmin/config/hub_config.hpp"
#include "bianmin/config/kiosk_config.hpp"

namespace bianmin::config {

// A Markdown table: key | type | default | allowed | meaning. Defaults come from a
// default-constructed KioskConfig / HubConfig, so the table cannot drift from the code.
std::string kiosk_defaults_markdown();
std::string hub_defaults_markdown();

// The effective value of a dotted key ("power.screen_off_at") as TOML text, e.g. "\"21:00\"",
// "90", "true"; nullopt for an unknown key.
std::optional<std::string> kiosk_value(const KioskConfig& config, std::string_view key);
std::optional<std::string> hub_value(const HubConfig& config, std::string_view key);

}  // namespace bianmin::config
