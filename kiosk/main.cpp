// bianmin-kiosk: the touch application villagers use in township halls and village agent
// points. See kiosk/README.md for options, routes and the script language.
#include <cstdio>
#include <iostream>

#include "app/app.hpp"
#include "app/options.hpp"
#include "bianmin/config/check.hpp"

int main(int argc, char** argv) {
  using namespace bianmin::kiosk;
  ParseOutcome parsed = parse_options(argc, argv);
  if (parsed.exit_now) {
    std::fputs(parsed.help_text.c_str(), stdout);
    return 0;
  }
  if (parsed.error) {
    std::fprintf(stderr, "bianmin-kiosk: %s\n", parsed.error->c_str());
    return 2;
  }
  if (parsed.options.check_config)
    return bianmin::config::check_kiosk_config_main(parsed.options.check_config_file, std::cout);
  if (!parsed.options.config_problems.empty())
    std::fprintf(stderr, "bianmin-kiosk: the configuration is broken:\n%s", parsed.options.config_problems.c_str());
  auto app = App::create(parsed.options);
  if (!app) {
    std::fprintf(stderr, "bianmin-kiosk: %s\n", app.error().to_string().c_str());
    return 1;
  }
  return (*app)->run();
}
