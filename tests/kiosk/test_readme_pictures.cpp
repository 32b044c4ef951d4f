// The README's pictures of the kiosk come from terminals exactly as shipped (issue 14): every
// picture README.md and kiosk/README.md show is rendered by kiosk/tools/screenshots.sh from one of the sample
// configs in config/samples, the script never sets a size, dpi or diagonal of its own, and each
// committed picture has its config's screen size. (Pictures rendered at a guessed dpi hid a
// broken village tablet.)
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "bianmin/config/kiosk_config.hpp"
#include "kiosk_test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = BIANMIN_SOURCE_DIR;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The pictures README.md shows, by file name ("hall-home.png").
std::set<std::string> readme_pictures(const std::string& readme) {
  std::set<std::string> names;
  const std::regex pic(R"(assets/screenshots/([A-Za-z0-9_.-]+\.png))");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), pic); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1].str());
  return names;
}

// The script's shots: picture name -> sample config file name.
std::map<std::string, std::string> script_shots(const std::string& script) {
  std::map<std::string, std::string> shots;
  const std::regex line(R"(^shot ([A-Za-z0-9_.-]+) ([A-Za-z0-9_.-]+\.toml) )");
  std::istringstream in(script);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_search(l, m, line)) shots[m[1].str() + ".png"] = m[2].str();
  }
  return shots;
}

}  // namespace

TEST_CASE("every README picture is rendered from a shipped config, at that config's screen size") {
  const std::string readme = read_text(kSource / "README.md") + read_text(kSource / "kiosk/README.md");
  const std::string script = read_text(kSource / "kiosk/tools/screenshots.sh");
  const auto pictures = readme_pictures(readme);
  const auto shots = script_shots(script);
  REQUIRE(pictures.size() >= 4);

  // The screen comes from the config alone.
  for (const char* flag : {"--size", "--dpi", "--diagonal"}) {
    INFO("kiosk/tools/screenshots.sh must not pass " << flag);
    CHECK(script.find(flag) == std::string::npos);
  }
  CHECK(script.find("--config \"$HERE/config/samples/$2\"") != std::string::npos);

  std::set<std::string> configs_used;
  for (const auto& name : pictures) {
    INFO("README picture " << name);
    const auto shot = shots.find(name);
    REQUIRE_MESSAGE(shot != shots.end(), "not rendered by kiosk/tools/screenshots.sh");
    const fs::path config_path = kSource / "config/samples" / shot->second;
    const auto loaded = bianmin::config::load_kiosk_config(config_path);
    REQUIRE_MESSAGE(loaded.ok(), bianmin::config::format_problems(loaded.problems));
    configs_used.insert(shot->second);

    const auto image = bianmin::test::load_png(kSource / "assets/screenshots" / name);
    CHECK(image.w == loaded.config.screen_width);
    CHECK(image.h == loaded.config.screen_height);
    CHECK(image.distinct_colors() > 16);  // a rendered screen, not a blank
  }
  // Both terminals we ship a config for are shown.
  CHECK(configs_used.count("kiosk-hall.toml") == 1);
  CHECK(configs_used.count("kiosk-village.toml") == 1);
}

TEST_CASE("the picture check refuses a script shot that is not from a sample config") {
  const auto shots = script_shots(
      "shot hall-home kiosk-hall.toml home\n"
      "shot odd 1920x1080 home\n");
  CHECK(shots.size() == 1);
  CHECK(shots.count("hall-home.png") == 1);
  CHECK(readme_pictures("![a](assets/screenshots/x.png) ![b](assets/screenshots/y-2.png)").size() == 2);
}
