// `--check-config` in one line for every program:
//
//   if (args.check_config) return bianmin::config::check_kiosk_config_main(path, std::cout);
//
// Prints "配置正确: PATH" and returns 0 when the file is valid; otherwise prints every problem
// ("file:line: key: message", one per line) and returns 1.
#pragma once
#include <filesystem>
#include <ostream>

namespace bianmin::config {

int check_kiosk_config_main(const std::filesystem::path& path, std::ostream& out);
int check_hub_config_main(const std::filesystem::path& path, std::ostream& out);

}  // namespace bianmin::config
