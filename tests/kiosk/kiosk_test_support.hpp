// Helpers for kiosk tests: a content cache written from the shared fixture (optionally with a
// big fund publication), running bianmin-kiosk headless, and reading its PNGs.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "bianmin/content/model.hpp"
#include "bianmin/sync/outbox.hpp"
#include "support/test_support.hpp"

namespace bianmin::test {

inline constexpr const char* kBigFundId = "big-2026";

// One route per screen of the fixture content (home, browse, guide, card, funds, policy,
// search, feedback, staff, notice).
inline const std::vector<std::string> kFixtureRoutes = {"home",
                                                        "guides/topic",
                                                        "guides/dept/shebao",
                                                        "guide/62052400SB-GG-0001",
                                                        "cards",
                                                        "card/dibao",
                                                        "funds",
                                                        "funds/qingshi",
                                                        "funds/qingshi/gengdi-2026",
                                                        "policies",
                                                        "policy/gengdi-2017",
                                                        "search/YLBX",
                                                        "feedback",
                                                        "staff",
                                                        "notice/yimiao"};
inline constexpr int kBigFundRows = 5000;

// The fixture content, plus (when `big`) a household publication "big-2026" of kBigFundRows
// rows in village "qingshi", current on kFixtureToday.
content::ContentSet kiosk_content(bool big = false);

// Writes kiosk_content(big) to `path` (dies on failure).
void write_kiosk_cache(const std::filesystem::path& path, bool big = false);

std::filesystem::path kiosk_binary();

// Runs bianmin-kiosk --headless with the fixture's date, a private state dir and `args`.
RunResult run_kiosk(const TempDir& dir, const std::filesystem::path& cache, std::vector<std::string> args);

// Runs a script (written to a file in `dir`) on the kiosk; returns the run result.
RunResult run_script(const TempDir& dir, const std::filesystem::path& cache, const std::string& script,
                     std::vector<std::string> extra = {});

// Every event the kiosk left in <dir>/state/outbox.db (dies if it cannot be read).
std::vector<sync::Event> outbox_events(const TempDir& dir);

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgba;
  size_t distinct_colors() const;                         // up to 4096 (counted on 4-bit channels)
  double fraction_of(unsigned rgb, int tolerance) const;  // share of pixels near a colour
};
Image load_png(const std::filesystem::path& path);

}  // namespace bianmin::test
