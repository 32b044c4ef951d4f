// Size limits (issue 15 point 11): a field or file past its limit is refused, and the message
// names the field or file, the size found and the limit.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

namespace {
std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

TEST_CASE("a guide summary over the long-text limit is refused with its length and the limit") {
  SourceFixture fx;
  fx.replace("guides/dibao.yaml", "summary: 带户口簿", "summary: " + repeat("很长", 3000) + "带户口簿");
  auto r = fx.import();
  CHECK_PROBLEM(r, "guides/dibao.yaml", 8, "summary", "简版指南太长：有 6020 个字，最多 5000 个字");
}

TEST_CASE("a short field over its limit is refused; limits count characters, not bytes") {
  // 500 Chinese characters are 1500 bytes and fit; 501 do not.
  SourceFixture fy;
  fy.replace("guides/dibao.yaml", "name: 最低生活保障申请", "name: " + repeat("低", content::kMaxTextChars));
  auto ok = fy.import();
  CHECK_MESSAGE(ok.problems.empty(), test::dump(ok.problems));
  SourceFixture fz;
  fz.replace("guides/dibao.yaml", "name: 最低生活保障申请", "name: " + repeat("低", content::kMaxTextChars + 1));
  CHECK_PROBLEM(fz.import(), "guides/dibao.yaml", 2, "name", "名称太长：有 501 个字，最多 500 个字");
}

TEST_CASE("a CSV cell over the limit is refused naming its column") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "含复垦耕地", repeat("备", content::kMaxTextChars + 1));
  CHECK_PROBLEM(fx.import(), "funds/gengdi.csv", 4, "备注", "这一格太长：有 501 个字");
}

TEST_CASE("a YAML file over the file limit is refused naming the file and the limit") {
  SourceFixture fx;
  fx.append("policies/dibao.yaml", "# " + repeat("x", content::kMaxYamlFileBytes) + "\n");
  CHECK_PROBLEM(fx.import(), "policies/dibao.yaml", 0, "", "文件太大：有 5 MB，这类文件最多 4 MB");
}

TEST_CASE("a fund CSV over the file limit is refused before it is read") {
  SourceFixture fx;
  // A sparse file: the size is what counts, and the importer must not read it to find out.
  std::filesystem::resize_file(fx.root() / "funds/gengdi.csv", content::kMaxCsvFileBytes + (1 << 20));
  auto r = fx.import();
  CHECK_PROBLEM(r, "funds/gengdi.csv", 0, "", "文件太大：有 101 MB，这类文件最多 100 MB");
  CHECK(r.problems.size() == 1);  // and nothing else about that publication
}
