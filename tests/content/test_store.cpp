// Store: every field survives write_cache + Store, lists come in their documented order,
// the file is opened read-only and bad files are refused with a clear problem.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "content/fixture_content.hpp"
#include "support/test_support.hpp"

using namespace bianmin::content;
using bianmin::Status;
using bianmin::test::fixture_content;
using bianmin::test::kFixtureToday;
using bianmin::test::read_file;
using bianmin::test::TempDir;

namespace {

// A fresh cache of the fixture, opened read-only.
struct Cache {
  TempDir dir{"bianmin-store"};
  ContentSet content = fixture_content();
  std::filesystem::path file = dir / "content.db";
  std::unique_ptr<Store> store;
  Cache() {
    Status st = write_cache(content, file);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().to_string()));
    auto opened = Store::open_readonly(file);
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().to_string()));
    store = std::move(*opened);
  }
};

template <typename T, typename Key>
std::vector<T> sorted_by(std::vector<T> v, Key key) {
  std::sort(v.begin(), v.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
  return v;
}

template <typename T>
std::vector<std::string> ids(const std::vector<T>& v) {
  std::vector<std::string> out;
  for (const T& x : v) out.push_back(x.id);
  return out;
}

std::vector<std::string> codes(const std::vector<GuideSummary>& v) {
  std::vector<std::string> out;
  for (const GuideSummary& g : v) out.push_back(g.code);
  return out;
}

const FundPublication& fund_of(const ContentSet& c, const std::string& id) {
  return *std::find_if(c.funds.begin(), c.funds.end(), [&](const FundPublication& f) { return f.id == id; });
}

std::string open_problem(const std::filesystem::path& p) {
  auto r = Store::open_readonly(p);
  REQUIRE_FALSE(r.ok());
  return r.error().to_string();
}

void exec_rw(const std::filesystem::path& p, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

// A tripwire for the round trip: when a field is added to the model, these sizes change and
// this test fails until the field is stored (schema.cpp: a new migration; cache_writer.cpp;
// store.cpp), filled in tests/content/fixture_content.cpp, and the size updated here.
// (libstdc++ on x86-64 only; a bool may hide in padding, so this is a reminder, not a proof.)
#if defined(__x86_64__) && defined(__GLIBCXX__)
TEST_CASE("the model has the fields this round trip knows about") {
  CHECK_MESSAGE(sizeof(VillageGroup) == 64, "VillageGroup changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(Village) == 184, "Village changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(Hall) == 160, "Hall changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(Site) == 328, "Site changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(Department) == 168, "Department changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(Topic) == 104, "Topic changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(LifeEvent) == 160, "LifeEvent changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(CatalogueNode) == 104, "CatalogueNode changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(LegalBasis) == 64, "LegalBasis changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(Material) == 216, "Material changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(ProcessStep) == 128, "ProcessStep changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(SpecialStep) == 72, "SpecialStep changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(FormRef) == 40, "FormRef changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(QA) == 64, "QA changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(ServiceGuide) == 928, "ServiceGuide changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(ConvenienceCard) == 416, "ConvenienceCard changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(FundRow) == 248, "FundRow changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(FundProject) == 248, "FundProject changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(FundPublication) == 560, "FundPublication changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(PolicyDocument) == 304, "PolicyDocument changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(Notice) == 200, "Notice changed: store, fill and test the new field");
  CHECK_MESSAGE(sizeof(ContentSet) == 632, "ContentSet changed: store, fill and test the new field");
}
#endif

// -------------------------------------------------------------------------------------------
// Round trip: every field of every kind (the model's operator== compares all fields).
// -------------------------------------------------------------------------------------------

TEST_CASE("cache info and the site come back as written") {
  Cache c;
  CacheInfo info = c.store->info();
  CHECK(info.schema_version == schema_version());
  CHECK(info.content_version == c.content.content_version);
  CHECK(info.published_at == c.content.published_at);
  CHECK(info.township == "青石镇");
  CHECK(c.store->site() == c.content.site);  // villages and groups keep the site file's order
}

TEST_CASE("reference data round-trips field by field") {
  Cache c;
  CHECK(sorted_by(c.store->departments(), [](auto& d) { return d.id; }) ==
        sorted_by(c.content.departments, [](auto& d) { return d.id; }));
  CHECK(sorted_by(c.store->topics(), [](auto& d) { return d.id; }) ==
        sorted_by(c.content.topics, [](auto& d) { return d.id; }));
  CHECK(sorted_by(c.store->life_events(), [](auto& d) { return d.id; }) ==
        sorted_by(c.content.life_events, [](auto& d) { return d.id; }));
  CHECK(sorted_by(c.store->catalogue(), [](auto& d) { return d.id; }) ==
        sorted_by(c.content.catalogue, [](auto& d) { return d.id; }));
  for (const Department& d : c.content.departments) CHECK(c.store->department(d.id) == d);
  CHECK_FALSE(c.store->department("nope").has_value());
  CHECK(c.store->colloquial_names() == c.content.colloquial_names);  // in site.yaml's order
}

TEST_CASE("every guide round-trips field by field") {
  Cache c;
  REQUIRE(c.content.guides.size() == 5);
  for (const ServiceGuide& g : c.content.guides) {
    CAPTURE(g.code);
    auto back = c.store->guide(g.code);
    REQUIRE(back.has_value());
    CHECK(*back == g);
    // The parts one by one, so a failure says which part was lost.
    CHECK(back->materials == g.materials);
    CHECK(back->process == g.process);
    CHECK(back->legal_basis == g.legal_basis);
    CHECK(back->special_steps == g.special_steps);
    CHECK(back->forms == g.forms);
    CHECK(back->faq == g.faq);
    CHECK(back->tips == g.tips);
  }
  CHECK_FALSE(c.store->guide("no-such-code").has_value());
}

TEST_CASE("every card round-trips field by field") {
  Cache c;
  for (const ConvenienceCard& k : c.content.cards) {
    CAPTURE(k.id);
    CHECK(c.store->card(k.id) == k);
  }
  CHECK(c.store->card_for_guide("62052400MZ-JF-0002")->id == "dibao");
  CHECK(c.store->card("dibao")->money == CardMoney::Receive);  // the fixture's benefit card
  CHECK(c.store->card("yibao-jiaofei")->money == CardMoney::Pay);
  CHECK(c.store->guide("62052400MZ-JF-0002")->tips.size() == 2);
  CHECK_FALSE(c.store->card_for_guide("62052400NY-JF-0001").has_value());
  CHECK_FALSE(c.store->card_for_guide("").has_value());  // standalone cards belong to no guide
  CHECK_FALSE(c.store->card("nope").has_value());
}

TEST_CASE("every fund publication round-trips: header, rows and projects") {
  Cache c;
  for (const FundPublication& f : c.content.funds) {
    CAPTURE(f.id);
    auto header = c.store->fund_header(f.id);
    REQUIRE(header.has_value());
    CHECK(header->rows.empty());
    CHECK(header->projects.empty());
    FundPublication back = *header;
    back.rows = c.store->fund_rows(f.id, "", "", 0, -1);
    back.projects = c.store->fund_projects(f.id, "");
    CHECK(back == f);
  }
  CHECK_FALSE(c.store->fund_header("nope").has_value());
}

TEST_CASE("every policy round-trips with its Q&A, the abolished one included") {
  Cache c;
  for (const PolicyDocument& p : c.content.policies) {
    CAPTURE(p.id);
    CHECK(c.store->policy(p.id) == p);
  }
  CHECK(c.store->policy("gengdi-2017")->status == PolicyStatus::Abolished);
  CHECK_FALSE(c.store->policy("nope").has_value());
}

TEST_CASE("every notice round-trips on a day it is current") {
  Cache c;
  for (const Notice& n : c.content.notices) {
    CAPTURE(n.id);
    auto current = c.store->notices_current(n.start_date);
    auto it = std::find_if(current.begin(), current.end(), [&](const Notice& x) { return x.id == n.id; });
    REQUIRE(it != current.end());
    CHECK(*it == n);
  }
}

// -------------------------------------------------------------------------------------------
// Ordering and filtering
// -------------------------------------------------------------------------------------------

TEST_CASE("reference data is sorted by sort order, then name; departments in the hall's order") {
  Cache c;
  CHECK(ids(c.store->topics()) ==
        std::vector<std::string>{"shehuibaozhang", "minzhengjiuzhu", "nongyenongcun", "hunyinshengyu"});
  CHECK(ids(c.store->life_events()) == std::vector<std::string>{"xinshenger", "yanglao"});
  // sort_order ties (1) broken by name: 办事指南 < 惠民资金 < 政务服务 in code point order.
  CHECK(ids(c.store->catalogue()) == std::vector<std::string>{"zwfw/bszn", "czzj/hmzj", "zwfw", "czzj", "zcwj"});
  // departments: order 1, 2, then those without an order (most services first, then name)
  CHECK(ids(c.store->departments()) == std::vector<std::string>{"minzheng", "shebao", "nongye"});
}

TEST_CASE("guide lists are sorted by code and filtered by department, topic and catalogue") {
  Cache c;
  std::vector<std::string> all(bianmin::test::kFixtureGuideCodes.begin(), bianmin::test::kFixtureGuideCodes.end());
  CHECK(codes(c.store->guides_all()) == all);
  CHECK(codes(c.store->guides_by_department("minzheng")) ==
        std::vector<std::string>{"62052400MZ-GG-0003", "62052400MZ-JF-0002"});
  CHECK(codes(c.store->guides_by_topic("shehuibaozhang")) ==
        std::vector<std::string>{"62052400MZ-JF-0002", "62052400SB-GG-0001", "62052400SB-JF-0002"});
  CHECK(codes(c.store->guides_by_catalogue("zwfw/bszn")) == all);
  CHECK(c.store->guides_by_topic("nope").empty());
}

TEST_CASE("a guide summary carries what the list row shows") {
  Cache c;
  auto list = c.store->guides_by_department("shebao");
  REQUIRE(list.size() == 2);
  const ServiceGuide& g = c.content.guides[0];  // 62052400SB-GG-0001
  REQUIRE(list[0].code == g.code);
  CHECK(list[0].name == g.name);
  CHECK(list[0].department_short == "社保所");
  CHECK(list[0].visits == g.visits);
  CHECK(list[0].fully_online == g.fully_online);
  CHECK(list[0].has_online_url);
  CHECK(list[0].village_handling == g.village_handling);
}

TEST_CASE("guides of a life event come in the bundle's order") {
  Cache c;
  CHECK(codes(c.store->guides_by_life_event("xinshenger")) ==
        std::vector<std::string>{"62052400SB-JF-0002", "62052400SB-GG-0001"});
  CHECK(codes(c.store->guides_by_life_event("yanglao")) ==
        std::vector<std::string>{"62052400SB-GG-0001", "62052400MZ-JF-0002"});
}

TEST_CASE("cards are sorted by title") {
  Cache c;
  auto cards = c.store->cards();
  REQUIRE(cards.size() == 3);
  CHECK(std::is_sorted(cards.begin(), cards.end(), [](auto& a, auto& b) { return a.title < b.title; }));
  CHECK(cards[0].topic_id == c.store->card(cards[0].id)->topic_id);
}

TEST_CASE("current fund publications come first, then by year") {
  Cache c;
  auto all = c.store->funds_all(kFixtureToday);
  CHECK(ids(all) == std::vector<std::string>{"gengdi-2026", "yishiyiyi-2026", "dibao-2025"});
  CHECK(all[0].current);
  CHECK(all[1].current);
  CHECK_FALSE(all[2].current);
  CHECK(all[0].total_fen == fund_of(c.content, "gengdi-2026").total_fen);
  CHECK(all[0].count == 12);
  CHECK(all[1].kind == FundKind::Project);
  // After every publicity period: by year desc.
  auto later = c.store->funds_all("2027-06-01");
  CHECK(ids(later) == std::vector<std::string>{"gengdi-2026", "yishiyiyi-2026", "dibao-2025"});
  for (auto& f : later) CHECK_FALSE(f.current);
  // During the 2025 publicity only dibao is current.
  CHECK(c.store->funds_all("2025-12-05")[0].id == "dibao-2025");
  // The last day of the period still counts.
  CHECK(c.store->funds_all("2026-11-17")[0].current);
}

TEST_CASE("funds for a village are the ones that list it") {
  Cache c;
  CHECK(ids(c.store->funds_for_village("shangba", kFixtureToday)) ==
        std::vector<std::string>{"gengdi-2026", "yishiyiyi-2026"});
  CHECK(ids(c.store->funds_for_village("qingshi", kFixtureToday)) ==
        std::vector<std::string>{"gengdi-2026", "yishiyiyi-2026", "dibao-2025"});
  CHECK(c.store->funds_for_village("nope", kFixtureToday).empty());
}

TEST_CASE("fund rows filter by village and group, in row order, a page at a time") {
  Cache c;
  const FundPublication& f = fund_of(c.content, "gengdi-2026");
  auto row_nos = [](const std::vector<FundRow>& rows) {
    std::vector<int> out;
    for (auto& r : rows) out.push_back(r.row_no);
    return out;
  };
  CHECK(row_nos(c.store->fund_rows(f.id, "", "", 0, 100)) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  CHECK(row_nos(c.store->fund_rows(f.id, "qingshi", "", 0, 100)) == std::vector<int>{1, 2, 4, 7, 9, 11});
  CHECK(row_nos(c.store->fund_rows(f.id, "shangba", "g01", 0, 100)) == std::vector<int>{3, 6, 12});
  CHECK(row_nos(c.store->fund_rows(f.id, "", "g02", 0, 100)) == std::vector<int>{2, 7, 8, 11});
  // Pages.
  CHECK(row_nos(c.store->fund_rows(f.id, "", "", 0, 5)) == std::vector<int>{1, 2, 3, 4, 5});
  CHECK(row_nos(c.store->fund_rows(f.id, "", "", 5, 5)) == std::vector<int>{6, 7, 8, 9, 10});
  CHECK(row_nos(c.store->fund_rows(f.id, "", "", 10, 5)) == std::vector<int>{11, 12});
  CHECK(c.store->fund_rows(f.id, "", "", 12, 5).empty());
  CHECK(row_nos(c.store->fund_rows(f.id, "qingshi", "", 2, 2)) == std::vector<int>{4, 7});
  CHECK(row_nos(c.store->fund_rows(f.id, "qingshi", "g01", 1, 10)) == std::vector<int>{4, 9});
  CHECK(c.store->fund_rows(f.id, "", "", 0, 0).empty());
  CHECK(c.store->fund_rows("nope", "", "", 0, 10).empty());
  // Whole rows come back, not just keys.
  CHECK(c.store->fund_rows(f.id, "shangba", "g03", 1, 1).at(0) == f.rows[9]);
}

TEST_CASE("pages come out the same scrolling forward, backward, jumping, or switching filters") {
  // A publication of 1,000 rows over both villages, row numbers with gaps.
  TempDir dir;
  ContentSet content = fixture_content();
  FundPublication& f = content.funds[0];
  f.rows.clear();
  const char* groups[] = {"g01", "g02", "g03"};
  for (int i = 0; i < 1000; ++i) {
    FundRow r;
    r.row_no = 3 * i + 1 + (i % 2);
    r.village_id = i % 3 == 0 ? "qingshi" : "shangba";
    r.group_id = r.village_id == "qingshi" ? groups[i % 2] : groups[(i / 3) % 3];
    r.beneficiary = "张*" + std::to_string(i);
    r.amount_fen = 100 + i;
    f.rows.push_back(r);
  }
  REQUIRE(write_cache(content, dir / "c.db"));
  auto opened = Store::open_readonly(dir / "c.db");
  REQUIRE(opened.ok());
  Store& s = **opened;

  struct Filter {
    std::string village, group;
  };
  std::vector<Filter> filters = {{"", ""}, {"qingshi", ""}, {"shangba", "g02"}, {"", "g01"}};
  auto slice = [](const std::vector<FundRow>& all, int offset, int limit) {
    std::vector<int> out;
    for (int i = offset; i < static_cast<int>(all.size()) && (limit < 0 || i < offset + limit); ++i)
      out.push_back(all[static_cast<size_t>(i)].row_no);
    return out;
  };
  auto row_nos = [](const std::vector<FundRow>& rows) {
    std::vector<int> out;
    for (auto& r : rows) out.push_back(r.row_no);
    return out;
  };
  // Every filter's full list first, from a fresh store state per filter.
  std::vector<std::vector<FundRow>> full;
  for (const Filter& flt : filters) full.push_back(s.fund_rows(f.id, flt.village, flt.group, 0, -1));
  CHECK(full[0].size() == 1000);
  for (size_t k = 0; k < filters.size(); ++k) {
    const Filter& flt = filters[k];
    const auto& all = full[k];
    CAPTURE(flt.village);
    CAPTURE(flt.group);
    REQUIRE_FALSE(all.empty());
    const int n = static_cast<int>(all.size());
    for (int off = 0; off < n + 40; off += 40)
      CHECK(row_nos(s.fund_rows(f.id, flt.village, flt.group, off, 40)) == slice(all, off, 40));
    for (int off = n; off >= 0; off -= 30)
      CHECK(row_nos(s.fund_rows(f.id, flt.village, flt.group, off, 30)) == slice(all, off, 30));
    for (int off : {7, 3, 250, 249, 251, 0, 600, 17, 999, 5}) {
      CHECK(row_nos(s.fund_rows(f.id, flt.village, flt.group, off, 13)) == slice(all, off, 13));
      CHECK(row_nos(s.fund_rows(f.id, "", "", off, 5)) == slice(full[0], off, 5));  // another filter between
    }
    CHECK(row_nos(s.fund_rows(f.id, flt.village, flt.group, 11, -1)) == slice(all, 11, -1));
  }
}

TEST_CASE("fund totals add up and equal the header when unfiltered") {
  Cache c;
  for (const FundPublication& f : c.content.funds) {
    CAPTURE(f.id);
    FundTotals t = c.store->fund_totals(f.id, "", "");
    CHECK(t.rows == f.count);
    CHECK(t.amount_fen == f.total_fen);
  }
  const FundPublication& f = fund_of(c.content, "gengdi-2026");
  for (const Village& v : c.content.site.villages) {
    for (const VillageGroup& g : v.groups) {
      for (const auto& scope : std::vector<std::pair<std::string, std::string>>{{v.id, ""}, {v.id, g.id}, {"", g.id}}) {
        const std::string& village = scope.first;
        const std::string& group = scope.second;
        CAPTURE(village);
        CAPTURE(group);
        FundTotals expected;
        for (const FundRow& r : f.rows) {
          if ((village.empty() || r.village_id == village) && (group.empty() || r.group_id == group)) {
            expected.rows++;
            expected.amount_fen += r.amount_fen;
            expected.quantity += r.quantity;
          }
        }
        FundTotals t = c.store->fund_totals(f.id, village, group);
        CHECK(t.rows == expected.rows);
        CHECK(t.amount_fen == expected.amount_fen);
        CHECK(t.quantity == doctest::Approx(expected.quantity));
        CHECK(static_cast<int>(c.store->fund_rows(f.id, village, group, 0, -1).size()) == expected.rows);
      }
    }
  }
  CHECK(c.store->fund_totals(f.id, "", "").quantity == doctest::Approx(35.75));
  FundTotals none = c.store->fund_totals("nope", "", "");
  CHECK(none.rows == 0);
  CHECK(none.amount_fen == 0);
}

TEST_CASE("project totals count projects and sum the amounts spent") {
  Cache c;
  FundTotals t = c.store->fund_totals("yishiyiyi-2026", "qingshi", "");
  CHECK(t.rows == 2);
  CHECK(t.amount_fen == 12000000 + 7950000);
  auto projects = c.store->fund_projects("yishiyiyi-2026", "qingshi");
  REQUIRE(projects.size() == 2);
  CHECK(projects[0].row_no == 2);
  CHECK(projects[1].row_no == 3);
}

TEST_CASE("policies: in force first, then amended, then abolished; by date desc within") {
  Cache c;
  auto list = c.store->policies();
  CHECK(ids(list) == std::vector<std::string>{"yanglao-2024", "dibao-2023", "gengdi-2017"});
  CHECK(list[0].status == PolicyStatus::InForce);
  CHECK(list[1].status == PolicyStatus::Amended);
  CHECK(list[2].status == PolicyStatus::Abolished);
  CHECK(list[0].doc_number == "云政办发〔2024〕12号");
  CHECK(list[0].date == "2024-03-15");
  CHECK(list[0].title == c.store->policy("yanglao-2024")->title);
}

TEST_CASE("status outranks date when sorting policies") {
  TempDir dir;
  ContentSet content = fixture_content();
  for (PolicyDocument& p : content.policies) {
    if (p.id == "gengdi-2017") p.date = "2026-01-01";  // abolished but newest
  }
  REQUIRE(write_cache(content, dir / "c.db"));
  auto s = Store::open_readonly(dir / "c.db");
  REQUIRE(s.ok());
  CHECK(ids((*s)->policies()) == std::vector<std::string>{"yanglao-2024", "dibao-2023", "gengdi-2017"});
}

TEST_CASE("only notices current on the day are shown, bounds inclusive") {
  Cache c;
  CHECK(ids(c.store->notices_current(kFixtureToday)) == std::vector<std::string>{"yimiao"});
  CHECK(ids(c.store->notices_current("2026-11-20")) == std::vector<std::string>{"yimiao"});
  CHECK(c.store->notices_current("2026-11-21").empty());
  CHECK(ids(c.store->notices_current("2026-10-08")) == std::vector<std::string>{"tingdian"});
  CHECK(ids(c.store->notices_current("2027-01-01")) == std::vector<std::string>{"xinnian"});
}

// -------------------------------------------------------------------------------------------
// Read-only
// -------------------------------------------------------------------------------------------

TEST_CASE("using every query leaves the file's bytes and mtime unchanged") {
  Cache c;
  std::string before = read_file(c.file);
  struct stat st_before {};
  REQUIRE(::stat(c.file.c_str(), &st_before) == 0);

  Store& s = *c.store;
  (void)s.info();
  (void)s.site();
  (void)s.departments();
  (void)s.topics();
  (void)s.life_events();
  (void)s.catalogue();
  (void)s.department("shebao");
  (void)s.guides_all();
  (void)s.guides_by_department("shebao");
  (void)s.guides_by_topic("shehuibaozhang");
  (void)s.guides_by_life_event("xinshenger");
  (void)s.guides_by_catalogue("zwfw/bszn");
  for (const char* code : bianmin::test::kFixtureGuideCodes) (void)s.guide(code);
  (void)s.cards();
  (void)s.card("dibao");
  (void)s.card_for_guide("62052400MZ-JF-0002");
  (void)s.funds_for_village("qingshi", kFixtureToday);
  (void)s.funds_all(kFixtureToday);
  (void)s.fund_header("gengdi-2026");
  (void)s.fund_rows("gengdi-2026", "qingshi", "g01", 0, 10);
  (void)s.fund_totals("gengdi-2026", "", "");
  (void)s.fund_projects("yishiyiyi-2026", "");
  (void)s.policies();
  (void)s.policy("gengdi-2017");
  (void)s.notices_current(kFixtureToday);
  c.store.reset();

  struct stat st_after {};
  REQUIRE(::stat(c.file.c_str(), &st_after) == 0);
  CHECK(read_file(c.file) == before);
  CHECK(st_after.st_mtim.tv_sec == st_before.st_mtim.tv_sec);
  CHECK(st_after.st_mtim.tv_nsec == st_before.st_mtim.tv_nsec);
  // Nothing beside the file either (no journal, no WAL, no shm).
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(c.dir.path())) names.insert(e.path().filename());
  CHECK(names == std::set<std::string>{"content.db"});
}

TEST_CASE("the store's connection refuses writes") {
  Cache c;
  char* err = nullptr;
  int rc = sqlite3_exec(c.store->handle(), "DELETE FROM guide", nullptr, nullptr, &err);
  sqlite3_free(err);
  CHECK(rc != SQLITE_OK);
  CHECK(sqlite3_db_readonly(c.store->handle(), "main") == 1);
  CHECK(c.store->guides_all().size() == 5);
}

TEST_CASE("results outlive the store") {
  std::optional<ServiceGuide> g;
  {
    Cache c;
    g = c.store->guide("62052400SB-GG-0001");
  }
  REQUIRE(g.has_value());
  CHECK(g->name == "城乡居民基本养老保险参保登记");
}

TEST_CASE("a path with spaces, '?' and '#' and Chinese opens") {
  TempDir dir;
  auto file = dir / "内容 cache?#%.db";
  REQUIRE(write_cache(fixture_content(), file));
  auto s = Store::open_readonly(file);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().to_string()));
  CHECK((*s)->path() == file);
  CHECK((*s)->guides_all().size() == 5);
}

// -------------------------------------------------------------------------------------------
// Refusals
// -------------------------------------------------------------------------------------------

TEST_CASE("a missing file is refused with a clear problem") {
  TempDir dir;
  std::string p = open_problem(dir / "nothing.db");
  CHECK(p.find("找不到内容缓存文件") != std::string::npos);
  CHECK(p.find("nothing.db") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "nothing.db"));  // and not created
}

TEST_CASE("a file that is not SQLite is refused") {
  TempDir dir;
  bianmin::test::write_file(dir / "junk.db", std::string(8192, 'x'));
  std::string p = open_problem(dir / "junk.db");
  CHECK(p.find("不是 SQLite 数据库") != std::string::npos);
}

TEST_CASE("a SQLite file that is not a Bianmin cache is refused") {
  TempDir dir;
  exec_rw(dir / "other.db", "CREATE TABLE t (x PRIMARY KEY); PRAGMA user_version = 1;");
  std::string p = open_problem(dir / "other.db");
  CHECK(p.find("不是便民内容缓存") != std::string::npos);
}

TEST_CASE("a cache with a newer schema than this build is refused") {
  Cache c;
  c.store.reset();
  exec_rw(c.file, ("PRAGMA user_version = " + std::to_string(schema_version() + 1)).c_str());
  std::string p = open_problem(c.file);
  CHECK(p.find("比本程序支持的版本") != std::string::npos);
  CHECK(p.find(std::to_string(schema_version() + 1)) != std::string::npos);
}

TEST_CASE("a cache with an older schema is refused until upgraded") {
  Cache c;
  c.store.reset();
  // Version 1 had no precomputed fund totals, nor version 3's finding aids (or version 4's glyph set); its search
  // index had no colloquial names.
  exec_rw(c.file,
          "DROP TABLE fund_total; DROP TABLE glyph_set; DROP TABLE colloquial_name; DROP TABLE most_used_guide; "
          "ALTER TABLE department DROP COLUMN sort_order; DROP TABLE search_name; DROP TABLE guide_tip; DROP TABLE "
          "notice_urgent; "
          "ALTER TABLE card DROP COLUMN money; PRAGMA user_version = 1;");
  std::string p = open_problem(c.file);
  CHECK(p.find("过旧") != std::string::npos);

  REQUIRE(upgrade_cache(c.file));
  auto s = Store::open_readonly(c.file);
  REQUIRE(s.ok());
  const FundPublication& f = fund_of(c.content, "gengdi-2026");
  CHECK((*s)->fund_totals(f.id, "", "").amount_fen == f.total_fen);
  CHECK((*s)->fund_totals("yishiyiyi-2026", "", "").rows == 3);
  // the search index is rebuilt in the new shape (an exact-name table, a colloquial column)
  CHECK(!(*s)->search("耕地", 50, "2026-11-12").empty());
}

TEST_CASE("a version 4 cache (before cards said paid or received) upgrades: cards pay, guides have no tips") {
  Cache c;
  c.store.reset();
  exec_rw(
      c.file,
      "DROP TABLE guide_tip; DROP TABLE notice_urgent; ALTER TABLE card DROP COLUMN money; PRAGMA user_version = 4;");
  CHECK(open_problem(c.file).find("过旧") != std::string::npos);
  REQUIRE(upgrade_cache(c.file));
  auto s = Store::open_readonly(c.file);
  REQUIRE(s.ok());
  for (const ConvenienceCard& k : c.content.cards) {
    CAPTURE(k.id);
    auto back = (*s)->card(k.id);
    REQUIRE(back.has_value());
    CHECK(back->money == CardMoney::Pay);  // what `cost` meant before the field existed
    CHECK(back->cost == k.cost);
  }
  for (const ServiceGuide& g : c.content.guides) {
    auto back = (*s)->guide(g.code);
    REQUIRE(back.has_value());
    CHECK(back->tips.empty());
    CHECK(back->promises == g.promises);
  }
}
