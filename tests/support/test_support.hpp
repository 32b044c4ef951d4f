// Helpers every test may use: temporary directories, file I/O, running programs.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace bianmin::test {

// A fresh directory under $TMPDIR, removed (recursively) when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string& tag = "bianmin");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

// The repository's source dir and the build dir (from the test environment).
std::filesystem::path source_dir();
std::filesystem::path binary_dir();

struct RunResult {
  int exit_code = -1;  // the program's exit status, or -1 if it did not exit normally
  std::string output;  // stdout and stderr, interleaved
};
// Runs argv[0] with the given arguments (no shell), capturing output.
RunResult run(const std::vector<std::string>& argv);

}  // namespace bianmin::test
