#include "support/test_support.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "bianmin/base/process.hpp"

namespace bianmin::test {

TempDir::TempDir(const std::string& tag) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (tag + ".XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << bytes;
}

std::filesystem::path source_dir() {
  const char* env = std::getenv("BIANMIN_SOURCE_DIR");
  return env ? env : BIANMIN_SOURCE_DIR;
}

std::filesystem::path binary_dir() {
  const char* env = std::getenv("BIANMIN_BINARY_DIR");
  return env ? env : BIANMIN_BINARY_DIR;
}

RunResult run(const std::vector<std::string>& argv) {
  auto r = process::run(argv);
  if (!r) throw std::runtime_error(r.error().message);
  return RunResult{r->exit_code, std::move(r->text)};
}

}  // namespace bianmin::test
