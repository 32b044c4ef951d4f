// Running bianmin-publish from the build tree, and private copies of fixture source trees.
#pragma once
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace bianmin::test {

inline std::string publish_binary() { return (binary_dir() / "sync/publish/bianmin-publish").string(); }

inline RunResult publish(std::vector<std::string> args) {
  args.insert(args.begin(), publish_binary());
  return run(args);
}

// A copy of tests/content/fixtures/<name> in a private temporary directory.
class SourceCopy {
 public:
  explicit SourceCopy(const std::string& name = "minimal") : dir_("bianmin-publish") {
    std::filesystem::copy(source_dir() / "tests/content/fixtures" / name, dir_.path() / "src",
                          std::filesystem::copy_options::recursive);
  }
  std::string src() const { return (dir_.path() / "src").string(); }
  std::filesystem::path path(const std::string& rel) const { return dir_.path() / rel; }
  void replace(const std::string& rel, const std::string& from, const std::string& to) {
    std::string text = read_file(dir_.path() / "src" / rel);
    auto pos = text.find(from);
    if (pos == std::string::npos) throw std::runtime_error(rel + " has no " + from);
    text.replace(pos, from.size(), to);
    write_file(dir_.path() / "src" / rel, text);
  }

 private:
  TempDir dir_;
};

}  // namespace bianmin::test
