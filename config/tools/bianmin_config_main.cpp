// bianmin-config: the maintainers' configuration tool (check files, make PIN/token hashes,
// print the defaults table, read one effective value for shell scripts).
#include <iostream>
#include <string>
#include <vector>

#include "bianmin/config/check.hpp"
#include "bianmin/config/schema_doc.hpp"
#include "bianmin/config/secrets.hpp"

using namespace bianmin::config;

static int usage() {
  std::cerr << "用法:\n"
               "  bianmin-config check [--hub] [FILE]    检查配置文件（默认 /etc/bianmin/kiosk.toml 或 hub.toml）\n"
               "  bianmin-config hash-pin [PIN]          生成 staff.pin_hash（不给 PIN 时从标准输入读一行）\n"
               "  bianmin-config new-token               生成一个令牌及其哈希（staff / enroll_token_hash）\n"
               "  bianmin-config hash-token [TOKEN]      计算已有令牌的哈希\n"
               "  bianmin-config defaults kiosk|hub      打印默认值表（Markdown）\n"
               "  bianmin-config get [--hub] FILE KEY    打印一个设置项的生效值（字符串不带引号）\n";
  return 2;
}

static std::string arg_or_stdin(const std::vector<std::string>& args, size_t i) {
  if (i < args.size()) return args[i];
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage();
  const std::string cmd = args[0];
  bool hub = false;
  std::vector<std::string> rest;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--hub")
      hub = true;
    else
      rest.push_back(args[i]);
  }
  if (cmd == "check") {
    std::string path = rest.empty() ? (hub ? kDefaultHubConfigPath : kDefaultKioskConfigPath) : rest[0];
    return hub ? check_hub_config_main(path, std::cout) : check_kiosk_config_main(path, std::cout);
  }
  if (cmd == "hash-pin") {
    std::string pin = arg_or_stdin(rest, 0);
    if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
      std::cerr << "PIN 应为 4 到 12 位数字\n";
      return 1;
    }
    std::cout << hash_pin(pin) << "\n";
    return 0;
  }
  if (cmd == "new-token") {
    std::string token = new_token();
    std::cout << "token = " << token << "\nhash  = " << hash_token(token) << "\n";
    return 0;
  }
  if (cmd == "hash-token") {
    std::string token = arg_or_stdin(rest, 0);
    if (token.empty()) return usage();
    std::cout << hash_token(token) << "\n";
    return 0;
  }
  if (cmd == "defaults" && rest.size() == 1 && (rest[0] == "kiosk" || rest[0] == "hub")) {
    std::cout << (rest[0] == "hub" ? hub_defaults_markdown() : kiosk_defaults_markdown());
    return 0;
  }
  if (cmd == "get" && rest.size() == 2) {
    std::optional<std::string> value;
    if (hub) {
      auto loaded = load_hub_config(rest[0]);
      if (!loaded.ok()) {
        std::cerr << format_problems(loaded.problems);
        return 1;
      }
      value = hub_value(loaded.config, rest[1]);
    } else {
      auto loaded = load_kiosk_config(rest[0]);
      if (!loaded.ok()) {
        std::cerr << format_problems(loaded.problems);
        return 1;
      }
      value = kiosk_value(loaded.config, rest[1]);
    }
    if (!value) {
      std::cerr << "未知的设置项: " << rest[1] << "\n";
      return 2;
    }
    std::string v = *value;
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    std::cout << v << "\n";
    return 0;
  }
  return usage();
}
