// bianmin-publish build SRC -o content.db: refuses bad sources, is reproducible byte for byte,
// and no raw personal identifier from the source reaches the file a terminal receives.
#include <doctest/doctest.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>

#include "bianmin/content/deidentify.hpp"
#include "bianmin/content/importer.hpp"
#include "bianmin/content/store.hpp"
#include "publish_fixture.hpp"

using namespace bianmin::test;
namespace content = bianmin::content;
namespace fs = std::filesystem;

namespace {

fs::path demo_source() { return source_dir() / "content/demo"; }

fs::path demo_db() {
  const char* env = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE(env != nullptr);
  return env;
}

// Every raw identifier (ID-card number, bank card number, mobile number) written in the demo's
// fund CSVs. The numbers are ASCII digits in UTF-8 and in GB18030 alike, so the bytes can be
// scanned without decoding.
std::set<std::string> raw_identifiers_in_demo_funds() {
  std::set<std::string> found;
  static const std::regex number("[0-9]{11,19}[0-9Xx]?");
  for (const auto& entry : fs::directory_iterator(demo_source() / "funds")) {
    if (entry.path().extension() != ".csv") continue;
    std::string bytes = read_file(entry.path());
    for (std::sregex_iterator it(bytes.begin(), bytes.end(), number), end; it != end; ++it) {
      std::string s = it->str();
      if (content::looks_like_raw_id_number(s) || content::looks_like_bank_card(s) || content::looks_like_mobile(s))
        found.insert(s);
    }
  }
  return found;
}

}  // namespace

TEST_CASE("build writes a cache that holds everything check counted") {
  TempDir dir("bianmin-build");
  auto db = dir.path() / "content.db";
  auto r = publish({"build", demo_source().string(), "-o", db.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("已生成") != std::string::npos);

  auto imported = content::import_source(demo_source());
  REQUIRE(imported.problems.empty());
  auto store = content::Store::open_readonly(db);
  REQUIRE(store);
  auto& s = *store.value();
  CHECK(s.guides_all().size() == imported.content.guides.size());
  CHECK(s.cards().size() == imported.content.cards.size());
  CHECK(s.policies().size() == imported.content.policies.size());
  CHECK(s.funds_all("2026-11-23").size() == imported.content.funds.size());
  CHECK(s.departments().size() == imported.content.departments.size());
  // The default version comes from the source (newest date + digest), never the clock.
  auto info = s.info();
  CHECK(info.content_version.size() == 19);
  CHECK(info.content_version.substr(11) == imported.source_digest.substr(0, 8));
  // …and the publication date is the newest edit, not a notice scheduled for later.
  std::string newest_edit;
  for (const auto& g : imported.content.guides) newest_edit = std::max(newest_edit, g.updated_date);
  for (const auto& c : imported.content.cards) newest_edit = std::max(newest_edit, c.updated_date);
  for (const auto& p : imported.content.policies) newest_edit = std::max(newest_edit, p.date);
  CHECK(imported.latest_date > newest_edit);  // the demo has a notice starting later
  CHECK(info.published_at.rfind(newest_edit, 0) == 0);
  CHECK(info.content_version.substr(0, 10) ==
        newest_edit.substr(0, 4) + "." + newest_edit.substr(5, 2) + "." + newest_edit.substr(8, 2));
}

TEST_CASE("the same source builds a byte-identical database") {
  TempDir dir("bianmin-build");
  auto a = dir.path() / "a.db";
  auto b = dir.path() / "sub/b.db";
  fs::create_directories(b.parent_path());
  REQUIRE(publish({"build", demo_source().string(), "-o", a.string()}).exit_code == 0);
  REQUIRE(publish({"build", demo_source().string(), "-o", b.string()}).exit_code == 0);
  std::string bytes_a = read_file(a);
  CHECK(bytes_a.size() > 100000);
  CHECK(bytes_a == read_file(b));
  // The build tree's demo cache was made by the same command, at another time and path.
  CHECK(bytes_a == read_file(demo_db()));

  SUBCASE("an explicit version changes the file, and is what the cache reports") {
    auto c = dir.path() / "c.db";
    REQUIRE(publish({"build", demo_source().string(), "-o", c.string(), "--version", "2026.11.23-9"}).exit_code == 0);
    CHECK(read_file(c) != bytes_a);
    auto store = content::Store::open_readonly(c);
    REQUIRE(store);
    CHECK(store.value()->info().content_version == "2026.11.23-9");
  }
}

TEST_CASE("build refuses a source with problems, prints them, and keeps the previous cache") {
  SourceCopy s;
  auto db = s.path("content.db");
  REQUIRE(publish({"build", s.src(), "-o", db.string()}).exit_code == 0);
  std::string good = read_file(db);

  s.replace("funds/gengdi.csv", "528.00", "-528.00");
  auto r = publish({"build", s.src(), "-o", db.string()});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.output.find("funds/gengdi.csv:2: 金额:") != std::string::npos, r.output);
  CHECK(r.output.find("没有生成内容") != std::string::npos);
  CHECK(read_file(db) == good);
  CHECK_FALSE(fs::exists(s.path("content.db.tmp")));

  auto fresh = s.path("fresh.db");
  CHECK(publish({"build", s.src(), "-o", fresh.string()}).exit_code == 1);
  CHECK_FALSE(fs::exists(fresh));
}

TEST_CASE("build lists problems exactly as check does, then says nothing was built") {
  SourceCopy s;
  s.replace("guides/dibao.yaml", "    form: 原件\n    copies: 1\nprocess", "    form: 原件\n    copies: 两份\nprocess");
  s.replace("funds/gengdi.csv", "528.00", "528.001");
  const std::string check_tail = "共发现 2 个问题，请逐条修改后再检查。\n";
  const std::string build_tail = "共发现 2 个问题，没有生成内容。请逐条修改后再生成。\n";
  auto checked = publish({"check", s.src()});
  auto built = publish({"build", s.src(), "-o", s.path("content.db").string()});
  CHECK(checked.exit_code == 1);
  CHECK(built.exit_code == 1);
  REQUIRE_MESSAGE(checked.output.size() > check_tail.size(), checked.output);
  REQUIRE_MESSAGE(built.output.size() > build_tail.size(), built.output);
  CHECK(checked.output.substr(checked.output.size() - check_tail.size()) == check_tail);
  CHECK(built.output.substr(built.output.size() - build_tail.size()) == build_tail);
  const std::string lines = checked.output.substr(0, checked.output.size() - check_tail.size());
  CHECK(lines.find("guides/dibao.yaml:20: materials[2].copies: ") == 0);
  CHECK(built.output.substr(0, built.output.size() - build_tail.size()) == lines);
}

TEST_CASE("build without -o is a usage error") {
  SourceCopy s;
  auto r = publish({"build", s.src()});
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("-o") != std::string::npos);
}

TEST_CASE("no raw identifier from the demo's fund rows appears anywhere in the built database") {
  auto raw = raw_identifiers_in_demo_funds();
  // The demo's source rows really carry raw numbers (ID cards, bank cards, phones); without
  // them this test would prove nothing.
  REQUIRE(raw.size() > 1000);
  std::string bytes = read_file(demo_db());
  std::vector<std::string> leaked;
  for (const auto& id : raw) {
    if (bytes.find(id) != std::string::npos) leaked.push_back(id);
    // Also the tail-less middle part that would identify a person: the birth date block of
    // an ID number next to its region prefix.
    if (id.size() == 18 && bytes.find(id.substr(0, 14)) != std::string::npos) leaked.push_back(id + " (head)");
  }
  CHECK_MESSAGE(leaked.empty(), "leaked: " << (leaked.empty() ? "" : leaked.front()) << " and "
                                           << (leaked.size() ? leaked.size() - 1 : 0) << " more");
}

TEST_CASE("masked names: full names of a masked publication do not reach the database") {
  // UTF-8 CSVs of household publications: the third column is 姓名 in the demo's layout.
  auto imported = content::import_source(demo_source());
  REQUIRE(imported.problems.empty());
  std::string bytes = read_file(demo_db());
  // A person may also be listed in a publication whose department publishes full names
  // during publicity (e.g. the current 低保 quarter); those names are meant to be there.
  std::set<std::string> published_in_full;
  for (const auto& fund : imported.content.funds)
    if (fund.full_names)
      for (const auto& row : fund.rows) published_in_full.insert(row.beneficiary);
  REQUIRE_FALSE(published_in_full.empty());
  int checked = 0;
  std::vector<std::string> leaked;
  for (const auto& fund : imported.content.funds) {
    if (fund.kind != content::FundKind::Household || fund.full_names) continue;
    fs::path csv = demo_source() / "funds" / (fund.id + ".csv");
    if (!fs::exists(csv)) continue;
    std::string text = read_file(csv);
    if (text.rfind("村,组,姓名", 0) != 0) continue;  // other encodings and layouts: skip
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
      if (c == std::string::npos) continue;
      std::string name = line.substr(b + 1, c - b - 1);
      if (name.size() < 9) continue;  // 3+ characters: the masked form hides the middle one
      if (published_in_full.count(name)) continue;
      ++checked;
      if (bytes.find(name) != std::string::npos) leaked.push_back(name);
    }
  }
  CHECK(checked > 500);
  CHECK_MESSAGE(leaked.empty(), "leaked: " << (leaked.empty() ? "" : leaked.front()));
}
