// bianmin-kiosk: the touch application villagers use in township halls and village agent
// points. See kiosk/README.md for options, routes and the script language.
#include <cstdio>

#include "app/app.hpp"
#include "app/options.hpp"

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
  auto app = App::create(parsed.options);
  if (!app) {
    std::fprintf(stderr, "bianmin-kiosk: %s\n", app.error().to_string().c_str());
    return 1;
  }
  return (*app)->run();
}
