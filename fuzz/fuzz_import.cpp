// Fuzzes the importer (content/src/import_*.cpp, yaml_source, csv) the way staff feed it: one
// file of a complete source tree replaced by the input. The first input byte picks the file
// (kFiles), the rest are its bytes.
//
// Besides "no crash, no leak, no undefined behaviour, no exception escapes", one property:
// a source the importer passes (what `bianmin-publish check` says) is one the cache writer
// builds (what `build` does) - the contract of issue 15 point 12.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/importer.hpp"
#include "fuzz_support.hpp"

namespace fs = std::filesystem;
using namespace bianmin;

namespace {

const char* const kFiles[] = {
    "site.yaml",         "guides/dibao.yaml", "cards/dibao.yaml",  "policies/dibao.yaml", "notices/jiezhong.yaml",
    "funds/gengdi.yaml", "funds/gengdi.csv",  "funds/gongyi.yaml", "funds/gongyi.csv",
};
constexpr std::size_t kFileCount = sizeof kFiles / sizeof kFiles[0];

struct Tree {
  fs::path root;
  std::string original[kFileCount];
};

Tree& tree() {
  static Tree t = [] {
    Tree x;
    x.root = fuzz::scratch_dir() / "src";
    fs::copy(fuzz::fixture_source(), x.root, fs::copy_options::recursive);
    for (std::size_t i = 0; i < kFileCount; ++i) x.original[i] = fuzz::read_file(x.root / kFiles[i]);
    return x;
  }();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Tree& t = tree();
  const std::size_t which = data[0] % kFileCount;
  fuzz::write_file(t.root / kFiles[which], std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  auto imported = content::import_source(t.root);
  if (imported.problems.empty()) {
    imported.content.content_version = "fuzz";
    fs::path out = fuzz::scratch_dir() / "content.db";
    if (auto st = content::write_cache(imported.content, out); !st) {
      std::fprintf(stderr, "check passed a source that build refuses: %s\n", st.error().to_string().c_str());
      std::abort();
    }
  }
  fuzz::write_file(t.root / kFiles[which], t.original[which]);
  return 0;
}
