// Lists on wide screens (issue 14): two columns of rows where each column is at least 150 mm
// and 20 characters wide (a 43" landscape screen), one column on a tablet and on portrait
// screens; the reading order goes left, right, then down.
#include <doctest/doctest.h>

#include "bianmin/content/cache_writer.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

// The fixture plus seven more cards (8 in all), titled 卡片一 … 卡片七 after the first.
void write_many_cards(const std::filesystem::path& path) {
  content::ContentSet set = kiosk_content();
  REQUIRE(!set.cards.empty());
  const char* names[] = {"一", "二", "三", "四", "五", "六", "七"};
  const content::ConvenienceCard first = set.cards.front();
  for (int i = 0; i < 7; ++i) {
    content::ConvenienceCard c = first;
    c.id = "extra-" + std::to_string(i);
    c.title = std::string("卡片") + names[i];
    set.cards.push_back(c);
  }
  Status st = content::write_cache(set, path);
  REQUIRE_MESSAGE(static_cast<bool>(st), "write_cache failed");
}

unsigned px(const Image& img, int x, int y) {
  const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(img.w) + static_cast<size_t>(x)) * 4;
  return (unsigned(img.rgba[i]) << 16) | (unsigned(img.rgba[i + 1]) << 8) | img.rgba[i + 2];
}

// The screen lines that cross two rows side by side: the row's colour unbroken around a quarter
// and three quarters of the width, and between them, near the middle, a run of the page's background (the
// colour of the left margin) at least `run` pixels wide. One column has none.
std::vector<int> split_lines(const Image& img, int run) {
  std::vector<int> out;
  for (int y = img.h / 10; y < img.h * 9 / 10; ++y) {
    const unsigned bg = px(img, 3, y), row = px(img, img.w / 4, y);
    if (row == bg) continue;
    bool band = true;  // the row's colour, unbroken, across both halves (not a line of text)
    for (int f : {5, 6, 7, 13, 14, 15}) band = band && px(img, img.w * f / 20, y) == row;
    if (!band) continue;
    int best = 0, cur = 0;
    for (int x = img.w * 2 / 5; x < img.w * 3 / 5; ++x) {
      cur = px(img, x, y) == bg ? cur + 1 : 0;
      best = std::max(best, cur);
    }
    if (best >= run) out.push_back(y);
  }
  return out;
}

struct Terminal {
  const char* size;
  const char* dpi;
  bool elder;
  bool two;
};

}  // namespace

TEST_CASE("lists: two columns on a wide landscape screen, one on a tablet and in portrait") {
  TempDir dir("kiosk-wide-lists");
  write_many_cards(dir / "content.db");
  const Terminal terminals[] = {
      {"1920x1080", "51.2", false, true},   // 43"
      {"1920x1080", "51.2", true, true},    // 43", elder mode
      {"1280x800", "150", false, false},    // 10.1" tablet
      {"1280x800", "150", true, false},     // 10.1" tablet, elder mode
      {"1080x1920", "102.5", false, false}  // 21.5" portrait hall screen
  };
  for (const auto& t : terminals) {
    for (const char* route : {"cards", "funds"}) {
      const auto png = dir / "list.png";
      std::vector<std::string> args = {"--size",  t.size, "--dpi",        t.dpi,
                                       "--route", route,  "--screenshot", png.string()};
      if (t.elder) args.push_back("--elder");
      const RunResult r = run_kiosk(dir, dir / "content.db", args);
      const std::string where = std::string(t.size) + " at " + t.dpi + " dpi" + (t.elder ? ", elder: " : ": ") + route;
      INFO(where);
      INFO(r.output);
      REQUIRE(r.exit_code == 0);
      const Image img = load_png(png);
      const auto lines = split_lines(img, 6);
      if (t.two)
        CHECK(lines.size() > 40);  // several rows' height
      else
        CHECK(lines.empty());
    }
  }
}

TEST_CASE("two columns read left to right: the row right of the first card is the second") {
  TempDir dir("kiosk-wide-order");
  write_many_cards(dir / "content.db");
  const auto png = dir / "cards.png";
  const std::vector<std::string> wide = {"--size", "1920x1080", "--dpi", "51.2"};
  std::vector<std::string> args = wide;
  args.insert(args.end(), {"--route", "cards", "--screenshot", png.string()});
  RunResult r = run_kiosk(dir, dir / "content.db", args);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto lines = split_lines(load_png(png), 6);
  REQUIRE(!lines.empty());
  const int y = lines.front() + 10;  // inside the first pair of rows
  r = run_script(dir, dir / "content.db",
                 "route cards\ntap 1440 " + std::to_string(y) + "\nexpect \"卡片一\"\nexpect \"谁能办\"\n", wide);
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
