// The search index on a real SQLite file: what each kind of query finds, ranking, sanitising,
// privacy of fund rows and determinism (content/src/search_index.hpp, search_query.hpp).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "../../content/src/search_index.hpp"  // internal module under test
#include "../../content/src/search_query.hpp"
#include "support/test_support.hpp"
#include "test_search_fixture.hpp"

using namespace bianmin;
using namespace bianmin::content;
using bianmin::test::has;
using bianmin::test::position;

namespace {

void build(const std::filesystem::path& path, const ContentSet& set) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK);
  Status st = build_search_index(db, set);
  std::string problem = st.ok() ? std::string() : st.error().to_string();
  INFO(problem);
  REQUIRE(st.ok());
  REQUIRE(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

// The fixture's index, opened read-only like the kiosk's Store: no tokenizer or function has
// to be registered on the connection for search to work.
struct Index {
  test::TempDir dir{"search"};
  sqlite3* db = nullptr;
  Index() {
    build(dir / "content.db", test::search_fixture());
    REQUIRE(sqlite3_open_v2((dir / "content.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  }
  ~Index() { sqlite3_close(db); }
  std::vector<SearchHit> find(std::string_view q, int limit = 50) {
    auto r = query_search_index(db, q, limit);
    std::string query(q), expr = search::match_expression(q);
    std::string problem = r.ok() ? std::string() : r.error().to_string();
    INFO("query: ", query, " expr: ", expr, " problem: ", problem);
    REQUIRE(r.ok());
    return r.value();
  }
};

}  // namespace

TEST_CASE_FIXTURE(Index, "a 1-character query finds the items containing that character") {
  auto hits = find("碑");
  CHECK(has(hits, "530129000TY-GG-0006"));  // 烈士纪念碑祭扫预约
  CHECK(hits.size() == 1);
  auto can = find("残");
  CHECK(has(can, "530129000CL-JF-0003"));  // 残疾人两项补贴申请
  CHECK(has(can, "canlian"));              // 残疾人联合会
}

TEST_CASE_FIXTURE(Index, "a 1-character query finds the last character of a title") {
  CHECK(has(find("记"), "530129000SB-GG-0001"));  // 参保登记
}

TEST_CASE_FIXTURE(Index, "2-character queries find words inside longer titles") {
  CHECK(has(find("养老"), "530129000SB-GG-0001"));
  CHECK(has(find("低保"), "530129000MZ-JF-0002"));
  CHECK(has(find("低保"), "dibao-2025"));
  CHECK(has(find("银行"), "530129000SB-GG-0004"));
  CHECK(!has(find("银保"), "530129000SB-GG-0004"));  // characters must be adjacent
}

TEST_CASE_FIXTURE(Index, "long queries match as phrases, across traditional and simplified") {
  CHECK(position(find("城乡居民养老保险参保登记"), "530129000SB-GG-0001") == 0);
  auto phrase = find("居民养老");  // characters in this order, not just anywhere
  CHECK(has(phrase, "530129000SB-GG-0001"));
  CHECK(!has(phrase, "530129000SB-GG-0007"));            // 养老 and 老人 but not 居民养老
  CHECK(has(find("养老 登记"), "530129000SB-GG-0001"));  // space: both words, anywhere
}

TEST_CASE_FIXTURE(Index, "traditional-character queries find simplified text") {
  CHECK(has(find("養老"), "530129000SB-GG-0001"));
  CHECK(has(find("銀行"), "530129000SB-GG-0004"));
  CHECK(has(find("殘疾人"), "530129000CL-JF-0003"));
  CHECK(find("養老").size() == find("养老").size());
}

TEST_CASE_FIXTURE(Index, "a title match ranks above a body-only match") {
  auto hits = find("养老");
  int title = position(hits, "530129000SB-GG-0001");  // 养老 in the title
  int body = position(hits, "530129000SB-GG-0007");   // 养老 three times, in the body only
  REQUIRE(title >= 0);
  REQUIRE(body >= 0);
  CHECK(title < body);
  CHECK(hits[static_cast<size_t>(title)].score > hits[static_cast<size_t>(body)].score);
}

TEST_CASE_FIXTURE(Index, "hits come sorted by score, best first") {
  auto hits = find("保");
  REQUIRE(hits.size() > 3);
  for (size_t k = 1; k < hits.size(); ++k) CHECK(hits[k - 1].score >= hits[k].score);
}

TEST_CASE_FIXTURE(Index, "pinyin initials find titles") {
  auto ylbx = find("YLBX");
  CHECK(has(ylbx, "530129000SB-GG-0001"));  // 城乡居民养老保险参保登记
  CHECK(has(ylbx, "yanglao-banfa"));        // 云溪县城乡居民养老保险实施办法
  CHECK(ylbx.size() == 2);
  CHECK(has(find("ylbx"), "530129000SB-GG-0001"));
  CHECK(has(find("ＹＬＢＸ"), "530129000SB-GG-0001"));
  CHECK(has(find("DB"), "530129000MZ-JF-0002"));  // 最低生活保障（低保）申请
  CHECK(has(find("DB"), "dibao-2025"));           // 2025年农村低保金发放公示
  CHECK(has(find("CJR"), "530129000CL-JF-0003"));
  CHECK(has(find("SBS"), "shebao"));  // a department's short name
}

TEST_CASE_FIXTURE(Index, "full pinyin finds titles, polyphones read right, as it is typed") {
  CHECK(position(find("yanglaobaoxian"), "530129000SB-GG-0001") <= 1);
  CHECK(has(find("yanglao"), "530129000SB-GG-0001"));
  CHECK(has(find("yangl"), "530129000SB-GG-0001"));  // last syllable still being typed
  CHECK(has(find("dibao"), "530129000MZ-JF-0002"));
  CHECK(has(find("yinhang"), "530129000SB-GG-0004"));
  CHECK(!has(find("yinxing"), "530129000SB-GG-0004"));
  CHECK(has(find("chongqing"), "chongqing"));
  CHECK(!has(find("zhongqing"), "chongqing"));
  CHECK(has(find("YangLao"), "530129000SB-GG-0001"));
  CHECK(!has(find("laoyang"), "530129000SB-GG-0001"));  // syllables in order
}

TEST_CASE_FIXTURE(Index, "full pinyin reads 地 as di in 耕地") {
  CHECK(has(find("gengdi"), "gengdi-2026"));
  CHECK(has(find("gengdidili"), "gengdi-2026"));
  CHECK(!has(find("gengde"), "gengdi-2026"));
}

TEST_CASE_FIXTURE(Index, "pinyin initials read polyphones right") {
  // 银行: 行 is xíng by default, háng here
  CHECK(has(find("YH"), "530129000SB-GG-0004"));
  CHECK(!has(find("YX"), "530129000SB-GG-0004"));
  // 重庆: chóng, not zhòng
  CHECK(has(find("CQ"), "chongqing"));
  CHECK(!has(find("ZQ"), "chongqing"));
  // 长辈: zhǎng; 长期: cháng
  CHECK(has(find("ZB"), "zhangbei"));
  CHECK(!has(find("CB"), "zhangbei"));
  CHECK(has(find("CQHL"), "530129000SB-GG-0005"));
  CHECK(!has(find("ZQHL"), "530129000SB-GG-0005"));
  // 会计: kuài; 单县: shàn
  CHECK(has(find("KJ"), "kuaiji"));
  CHECK(!has(find("HJ"), "kuaiji"));
  CHECK(has(find("SX"), "shanxian"));
  CHECK(!has(find("DX"), "shanxian"));
}

TEST_CASE_FIXTURE(Index, "document numbers find their policy, whole or in part") {
  CHECK(position(find("云政办发〔2024〕12号"), "yanglao-banfa") == 0);
  CHECK(has(find("2024〕12"), "yanglao-banfa"));
  CHECK(has(find("12号"), "yanglao-banfa"));
  CHECK(!has(find("12号"), "gaoling-jintie"));
  CHECK(has(find("〔2023〕5号"), "gaoling-jintie"));
  CHECK(find("云政办发〔2024〕12号")[0].kind == HitKind::Policy);  // the policy, not its Q&A
  CHECK(!has(find("〔2023〕5号"), "yanglao-banfa"));
  CHECK(has(find("云政办发[2024]12号"), "yanglao-banfa"));  // brackets as typed on a keypad
}

TEST_CASE_FIXTURE(Index, "abolished policies stay findable and say so") {
  auto hits = find("高龄津贴");
  REQUIRE(has(hits, "gaoling-jintie"));
  CHECK(hits[static_cast<size_t>(position(hits, "gaoling-jintie"))].context.find("已废止") != std::string::npos);
}

TEST_CASE_FIXTURE(Index, "policy Q&A are searchable and lead to their policy") {
  auto hits = find("缴费档次");
  REQUIRE(!hits.empty());
  CHECK(hits[0].kind == HitKind::PolicyQA);
  CHECK(hits[0].id == "yanglao-banfa");
  CHECK(hits[0].title == "每年缴费档次有哪些？");
}

TEST_CASE_FIXTURE(Index, "department names find the department and its items") {
  auto hits = find("社会保障服务中心");
  REQUIRE(!hits.empty());
  CHECK(hits[0].kind == HitKind::Department);
  CHECK(hits[0].id == "shebao");
  auto short_name = find("社保所");
  CHECK(has(short_name, "shebao"));
  CHECK(has(short_name, "530129000SB-GG-0001"));
  CHECK(has(find("民政办"), "530129000MZ-JF-0002"));
}

TEST_CASE_FIXTURE(Index, "notices and cards are searchable") {
  CHECK(has(find("座谈会"), "chongqing"));
  CHECK(has(find("务工人员服务"), "shanxian"));
  CHECK(has(find("身份证"), "shanxian"));  // a card's 带什么
}

TEST_CASE_FIXTURE(Index, "fund publications are found by title, fund type, village and group") {
  CHECK(has(find("耕地地力"), "gengdi-2026"));
  CHECK(has(find("保护补贴"), "gengdi-2026"));
  CHECK(has(find("青石村"), "gengdi-2026"));
  CHECK(has(find("上湾组"), "gengdi-2026"));
  CHECK(has(find("下寨组"), "dibao-2025"));
  CHECK(!has(find("下寨组"), "gengdi-2026"));
  CHECK(has(find("最低生活保障金"), "dibao-2025"));
  CHECK(has(find("道路硬化"), "yishiyiyi-2026"));  // project-type: by project name
  CHECK(has(find("一事一议"), "yishiyiyi-2026"));
}

TEST_CASE_FIXTURE(Index, "a beneficiary's name from fund rows finds nothing") {
  CHECK(find("王建国").empty());
  CHECK(find("建国").empty());
  CHECK(find("赵铁柱").empty());  // a name in a row's remark
  CHECK(find("WJG").empty());
  CHECK(find("张*华").empty());
}

TEST_CASE_FIXTURE(Index, "FTS5 syntax typed by a user is searched as text, never an error") {
  for (const char* q : {"\"",
                        "*",
                        "AND",
                        "OR",
                        "NOT",
                        "(",
                        ")",
                        "养老\"",
                        "\"养老 OR",
                        "NEAR(养老",
                        "{title}:养老",
                        "title:养老",
                        "-养老",
                        "^养老",
                        "养老*",
                        "+",
                        ":",
                        "'",
                        "\\",
                        "'; DROP TABLE search_doc; --",
                        "养老 AND 保险",
                        "a\"b",
                        "\x01\x02",
                        "\xff\xfe",
                        "保险)",
                        "((((",
                        "\"\"\"\"",
                        "NEAR",
                        "*养老*"}) {
    CAPTURE(q);
    auto r = query_search_index(db, q, 50);
    CHECK(r.ok());
  }
  CHECK(has(find("AND"), "etc"));  // a word like any other
  CHECK(has(find("(养老)"), "530129000SB-GG-0001"));
  CHECK(has(find("\"养老\""), "530129000SB-GG-0001"));
}

TEST_CASE_FIXTURE(Index, "a pasted page is cut to a query of 64 characters") {
  std::string page = "城乡居民养老保险参保登记";
  for (int k = 0; k < 2000; ++k) page += "，养老保险怎么交？";
  CHECK(query_search_index(db, page, 50).ok());
  CHECK(has(find(page), "530129000SB-GG-0001"));  // the phrase, then the cut-off rest
}

TEST_CASE_FIXTURE(Index, "an empty query gives no hits") {
  CHECK(find("").empty());
  CHECK(find("   ").empty());
  CHECK(find("，。！").empty());
  CHECK(search::match_expression("").empty());
}

TEST_CASE_FIXTURE(Index, "when titles fill the page, the page is title matches") {
  auto full = find("保");
  auto page = find("保", 3);
  REQUIRE(page.size() == 3);
  for (const auto& hit : page) CHECK(hit.title.find("保") != std::string::npos);
  size_t with_title = 0;
  for (const auto& hit : full) with_title += hit.title.find("保") != std::string::npos;
  REQUIRE(with_title > 3);
  for (size_t k = 0; k < with_title; ++k) CHECK(full[k].title.find("保") != std::string::npos);
}

TEST_CASE_FIXTURE(Index, "limit caps the number of hits") {
  CHECK(find("保", 2).size() == 2);
  CHECK(find("保", 0).empty());
}

TEST_CASE("the same content builds a byte-identical index, whatever order its lists are in") {
  test::TempDir dir("search");
  build(dir / "a.db", test::search_fixture());
  build(dir / "b.db", test::search_fixture());
  auto a = test::read_file(dir / "a.db");
  CHECK(!a.empty());
  CHECK(a == test::read_file(dir / "b.db"));

  ContentSet reversed = test::search_fixture();
  auto flip = [](auto& v) { std::reverse(v.begin(), v.end()); };
  flip(reversed.departments);
  flip(reversed.guides);
  flip(reversed.cards);
  flip(reversed.policies);
  flip(reversed.notices);
  flip(reversed.funds);
  for (auto& f : reversed.funds) {
    flip(f.rows);
    flip(f.projects);
  }
  build(dir / "c.db", reversed);
  CHECK(a == test::read_file(dir / "c.db"));

  ContentSet changed = test::search_fixture();
  changed.guides[0].name += "（变更）";
  build(dir / "d.db", changed);
  CHECK(a != test::read_file(dir / "d.db"));
}

TEST_CASE("a file without a search index reports a problem, and Store-style search gives no hits") {
  test::TempDir dir("search");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir / "empty.db").c_str(), &db) == SQLITE_OK);
  CHECK(!query_search_index(db, "养老", 10).ok());
  CHECK(run_search(db, "养老", 10).empty());
  sqlite3_close(db);
}

TEST_CASE_FIXTURE(Index, "a long question with no exact phrase still finds what shares its words") {
  auto hits = find("养老保险怎么交");
  REQUIRE(!hits.empty());
  CHECK(has(hits, "530129000SB-GG-0001"));
  CHECK(!has(hits, "530129000TY-GG-0006"));  // 烈士纪念碑祭扫预约 shares nothing
  CHECK(find("碑文拓片").empty());           // no bigram in common: single characters are not enough
}
