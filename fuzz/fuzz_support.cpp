#include "fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/importer.hpp"

namespace bianmin::fuzz {

namespace fs = std::filesystem;

namespace {
[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "fuzz set-up: %s\n", what.c_str());
  std::abort();
}
}  // namespace

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    fs::path base = tmp && *tmp ? tmp : "/tmp";
    fs::path d = base / ("bianmin-fuzz-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(d, ec);
    fs::create_directories(d, ec);
    if (ec) die("cannot create " + d.string() + ": " + ec.message());
    std::atexit([] {
      std::error_code e;
      fs::remove_all(scratch_dir(), e);
    });
    return d;
  }();
  return dir;
}

fs::path fixture_source() { return fs::path(BIANMIN_SOURCE_DIR) / "tests/content/fixtures/minimal"; }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) die("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) die("cannot write " + p.string());
}

fs::path fixture_cache(const std::string& name) {
  auto imported = content::import_source(fixture_source());
  if (!imported.problems.empty()) die("the fixture source has problems: " + imported.problems[0].to_string());
  imported.content.content_version = "fuzz-1";
  imported.content.published_at = "2026-11-20T00:00:00+08:00";
  fs::path out = scratch_dir() / name;
  if (auto st = content::write_cache(imported.content, out); !st) die(st.error().to_string());
  return out;
}

}  // namespace bianmin::fuzz
