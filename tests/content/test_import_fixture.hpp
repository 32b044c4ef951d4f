// Helpers for the importer tests: a private copy of a fixture source tree (fixtures/<name>)
// that a test may break on purpose, and lookups in the problems an import reports.
#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "bianmin/content/importer.hpp"
#include "support/test_support.hpp"

namespace bianmin::test {

class SourceFixture {
 public:
  explicit SourceFixture(const std::string& name = "minimal") : dir_("bianmin-import") {
    std::filesystem::copy(source_dir() / "tests/content/fixtures" / name, dir_.path(),
                          std::filesystem::copy_options::recursive);
  }
  const std::filesystem::path& root() const { return dir_.path(); }

  // Replaces the first occurrence of `from` in file `rel` (which must contain it).
  void replace(const std::string& rel, const std::string& from, const std::string& to) {
    std::string text = read_file(root() / rel);
    auto pos = text.find(from);
    REQUIRE_MESSAGE(pos != std::string::npos, rel << " has no " << from);
    text.replace(pos, from.size(), to);
    write_file(root() / rel, text);
  }
  void write(const std::string& rel, const std::string& bytes) { write_file(root() / rel, bytes); }
  void append(const std::string& rel, const std::string& bytes) {
    write_file(root() / rel, read_file(root() / rel) + bytes);
  }
  void remove(const std::string& rel) { std::filesystem::remove(root() / rel); }

  content::ImportResult import() const { return content::import_source(root()); }

 private:
  TempDir dir_;
};

inline std::string dump(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

// The problem in `file` (line 0 = any) whose field is `field` and whose message contains
// `text`; nullptr when there is none.
inline const Problem* find_problem(const Problems& problems, const std::string& file, int line,
                                   const std::string& field, const std::string& text = {}) {
  for (const auto& p : problems)
    if (p.file == file && (line == 0 || p.line == line) && p.field == field &&
        p.message.find(text) != std::string::npos)
      return &p;
  return nullptr;
}

}  // namespace bianmin::test

// CHECK that exactly the given problem is among `result`'s, printing all of them otherwise.
#define CHECK_PROBLEM(result, file, line, field, text)                                     \
  CHECK_MESSAGE(::bianmin::test::find_problem((result).problems, file, line, field, text), \
                ::bianmin::test::dump((result).problems))
