// `check` and `build` validate by one path (issue 15 point 12): what build refuses, check
// refuses with the same words; a refused build leaves no file behind (and an existing output
// untouched); sums never overflow into garbage; repeated mistakes print as line ranges (point 13).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "publish_fixture.hpp"

using namespace bianmin::test;
namespace fs = std::filesystem;

namespace {

// Amounts that add up past any real fund (each 999,999,999,999,999 yuan).
void huge_amounts(SourceCopy& s) {
  s.replace("funds/gengdi.csv", "528.00", "999999999999999");
  s.replace("funds/gengdi.csv", "264.00", "999999999999999");
  s.replace("funds/gengdi.csv", "369.60", "999999999999999");
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("check refuses amounts that build could not add up, in the same words") {
  SourceCopy s;
  huge_amounts(s);
  s.replace("funds/gengdi.yaml", "total: 1161.60\n", "");
  auto check = publish({"check", s.src()});
  CHECK(check.exit_code == 1);
  CHECK_MESSAGE(check.output.find("超出能处理的范围") != std::string::npos, check.output);
  TempDir out("bianmin-validation");
  auto build = publish({"build", s.src(), "-o", (out.path() / "content.db").string()});
  CHECK(build.exit_code == 1);
  CHECK_MESSAGE(build.output.find("超出能处理的范围") != std::string::npos, build.output);
  CHECK(build.output.find("integer overflow") == std::string::npos);
}

TEST_CASE("a stated total beside overflowing rows prints no garbage sum") {
  SourceCopy s;
  huge_amounts(s);
  auto r = publish({"check", s.src()});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.output.find("-84") == std::string::npos, r.output);  // no wrapped-around sum
  CHECK(r.output.find("./") == std::string::npos);
  CHECK(r.output.find("相差") == std::string::npos);  // no difference computed from a broken sum
}

TEST_CASE("a refused build leaves no file, and an existing output as it was") {
  SourceCopy s;
  huge_amounts(s);
  TempDir out("bianmin-validation");
  auto fresh = out.path() / "fresh.db";
  CHECK(publish({"build", s.src(), "-o", fresh.string()}).exit_code == 1);
  CHECK_FALSE(fs::exists(fresh));
  auto kept = out.path() / "kept.db";
  write_file(kept, "the previous cache");
  CHECK(publish({"build", s.src(), "-o", kept.string()}).exit_code == 1);
  CHECK(read_file(kept) == "the previous cache");
  for (const auto& e : fs::directory_iterator(out.path()))
    CHECK_MESSAGE((e.path() == kept), "left behind: " << e.path());
}

TEST_CASE("check passes exactly what build builds") {
  SourceCopy s;
  auto check = publish({"check", s.src()});
  REQUIRE_MESSAGE(check.exit_code == 0, check.output);
  TempDir out("bianmin-validation");
  auto build = publish({"build", s.src(), "-o", (out.path() / "content.db").string()});
  CHECK_MESSAGE(build.exit_code == 0, build.output);
  CHECK(fs::file_size(out.path() / "content.db") > 0);
}

TEST_CASE("a mistake repeated down a column prints as one line with the line ranges") {
  SourceCopy s;
  // 2,000 rows whose amount has a thousands separator (Excel's number format).
  std::string csv = "村,组,姓名,金额\n";
  for (int i = 0; i < 2000; ++i) csv += "青石村,第一村民小组,张三,\"1,234.00\"\n";
  write_file(fs::path(s.src()) / "funds/gengdi.csv", csv);
  s.replace("funds/gengdi.yaml", "total: 1161.60\ncount: 3\n", "");
  auto r = publish({"check", s.src()});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.output.find("funds/gengdi.csv:第 2–2001 行: 金额: ") != std::string::npos, r.output.substr(0, 2000));
  CHECK(r.output.find("（共 2000 行，如第 2 行）") != std::string::npos);
  CHECK(count_lines(r.output) < 10);
  CHECK(r.output.find("共发现 2000 个问题") != std::string::npos);
}
