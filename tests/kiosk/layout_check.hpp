// The layout check (issue 14): reads a kiosk screenshot and the PNG.layout.tsv the kiosk wrote
// with it (--layout-report) and lists what a villager would not be able to read or touch:
// texts over each other, texts outside their clip or their button, targets under 12 mm
// (elder 15 mm) at the terminal's dpi, texts under 4.5:1 and scroll bars under 3:1 contrast,
// measured on the rendered pixels.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace bianmin::test {

struct LayoutProblem {
  std::string kind;  // overlap | clipped | spills | target | contrast | bar
  std::string text;  // the text or the target's label
  std::string detail;
};

// dpi: the terminal's real density (from its diagonal); elder: 15 mm targets instead of 12.
std::vector<LayoutProblem> check_layout(const std::filesystem::path& png, double dpi, bool elder);

// WCAG contrast ratio of two sRGB colours 0xRRGGBB.
double contrast_ratio(unsigned a, unsigned b);

}  // namespace bianmin::test
