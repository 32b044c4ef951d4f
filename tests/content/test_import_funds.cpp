// funds/*.yaml + funds/*.csv: fund publications, their rows, and de-identification at
// import time (content/FORMAT.md, shared/CONTENT.md).
#include <doctest/doctest.h>
#include <iconv.h>

#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

static const char* kHeader = "funds/gengdi.yaml";
static const char* kRows = "funds/gengdi.csv";

namespace {

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

const content::FundPublication& fund(const content::ImportResult& r, const std::string& id) {
  for (const auto& f : r.content.funds)
    if (f.id == id) return f;
  FAIL("no fund " << id);
  return r.content.funds.at(0);
}

}  // namespace

TEST_CASE("household rows are read and de-identified") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  const auto& f = fund(r, "gengdi-2026");
  CHECK(f.kind == content::FundKind::Household);
  CHECK(f.total_fen == 116160);
  CHECK(f.count == 3);
  CHECK(f.publicity_start == "2026-11-10");
  REQUIRE(f.rows.size() == 3);
  const auto& a = f.rows[0];
  CHECK(a.row_no == 1);
  CHECK(a.village_id == "qingshi");
  CHECK(a.group_id == "g01");  // by name
  CHECK(a.beneficiary == "张*丰");
  CHECK(a.id_masked == "5301**********0308");
  CHECK(a.account_masked == "***************0128");
  CHECK(a.quantity == doctest::Approx(5));
  CHECK(a.amount_fen == 52800);
  CHECK(a.paid_date == "2026-11-11");
  CHECK(f.rows[1].village_id == "qingshi");  // by id
  CHECK(f.rows[1].group_id == "g02");
  CHECK(f.rows[1].beneficiary == "李*");
  CHECK(f.rows[1].remark == "代领,户主子女");
  CHECK(f.rows[2].beneficiary == "欧阳*娜");
  CHECK(f.rows[2].village_id == "shangba");
  CHECK(f.rows[2].account_masked.empty());
}

TEST_CASE("full names are kept only when the publication asks for them") {
  SourceFixture fx;
  fx.replace(kHeader, "full_names: false", "full_names: true");
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  CHECK(fund(r, "gengdi-2026").rows[0].beneficiary == "张三丰");
  CHECK(fund(r, "gengdi-2026").rows[0].id_masked == "5301**********0308");  // still masked
}

TEST_CASE("mask widths come from the header and are capped") {
  SourceFixture fx;
  fx.append(kHeader, "mask: {id_keep_head: 6, id_keep_tail: 2, account_keep_tail: 3}\n");
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  CHECK(fund(r, "gengdi-2026").rows[0].id_masked == "530129**********08");
  CHECK(fund(r, "gengdi-2026").rows[0].account_masked == "****************128");
  SourceFixture wide;
  wide.append(kHeader, "mask: {id_keep_head: 8}\n");
  CHECK_PROBLEM(wide.import(), kHeader, 19, "mask.id_keep_head", "出生日期必须隐藏");
}

TEST_CASE("phone numbers and addresses of individuals are never stored") {
  SourceFixture fx;
  fx.replace(kRows, "备注\r\n", "备注,住址\r\n");
  fx.replace(kRows, "2026-11-11,\r\n", "2026-11-11,,青石村一组18号\r\n");
  fx.replace(kRows, "\"代领,户主子女\"\r\n", "\"代领,户主子女\",青石村二组3号\r\n");
  fx.replace(kRows, "含复垦耕地\r\n", "含复垦耕地,坝头组7号\r\n");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  for (const auto& row : fund(r, "gengdi-2026").rows) {
    for (const std::string* s : {&row.beneficiary, &row.id_masked, &row.account_masked, &row.remark, &row.paid_date,
                                 &row.village_id, &row.group_id}) {
      CHECK(s->find("1391234") == std::string::npos);
      CHECK(s->find("号") == std::string::npos);
    }
  }
}

TEST_CASE("English column names are accepted in any order") {
  SourceFixture fx;
  fx.write(kRows,
           "amount,name,group,village\n528.00,张三丰,g01,qingshi\n264.00,李四,g02,qingshi\n"
           "369.60,欧阳娜娜,g01,shangba\n");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  CHECK(fund(r, "gengdi-2026").rows[2].beneficiary == "欧阳*娜");
}

TEST_CASE("a GB18030 CSV (as Excel saves it) is read when declared") {
  SourceFixture fx;
  std::string gb = to_gb18030(test::read_file(fx.root() / kRows));
  REQUIRE(gb != test::read_file(fx.root() / kRows));
  fx.write(kRows, gb);
  fx.replace(kHeader, "encoding: utf-8", "encoding: gbk");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  const auto& f = fund(r, "gengdi-2026");
  CHECK(f.rows[0].group_id == "g01");
  CHECK(f.rows[0].beneficiary == "张*丰");
  CHECK(f.rows[1].remark == "代领,户主子女");
}

TEST_CASE("a GB18030 CSV is detected when the header does not say") {
  SourceFixture fx;
  fx.write(kRows, to_gb18030(test::read_file(fx.root() / kRows)));
  fx.replace(kHeader, "encoding: utf-8\n", "");
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  CHECK(fund(r, "gengdi-2026").rows[2].beneficiary == "欧阳*娜");
}

TEST_CASE("a UTF-8 CSV with a byte-order mark is read") {
  SourceFixture fx;
  fx.write(kRows, "\xef\xbb\xbf" + test::read_file(fx.root() / kRows));
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
}

TEST_CASE("a CSV declared UTF-8 that is not is refused with its line") {
  SourceFixture fx;
  fx.replace(kRows, "含复垦耕地", "\xba\xac\xb8\xb4\xbf\xd1");  // GBK bytes
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 4, "", "不是 UTF-8");
}

TEST_CASE("publicity ending before it starts is reported") {
  SourceFixture fx;
  fx.replace(kHeader, "end: 2026-11-17", "end: 2026-11-01");
  auto r = fx.import();
  CHECK_PROBLEM(r, kHeader, 11, "publicity.end", "早于开始日期");
}

TEST_CASE("amounts with more than 2 decimals, negative or not numbers are not money") {
  SourceFixture fx;
  fx.replace(kRows, "528.00", "528.001");
  fx.replace(kRows, "264.00", "-264.00");
  fx.replace(kRows, "369.60", "369元");
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 2, "金额", "最多两位小数");
  CHECK_PROBLEM(r, kRows, 3, "金额", "不能是负数");
  CHECK_PROBLEM(r, kRows, 4, "金额", "“369元”");
}

TEST_CASE("a header total that is not money is reported") {
  SourceFixture fx;
  fx.replace(kHeader, "total: 1161.60", "total: 1,161.60");
  auto r = fx.import();
  CHECK_PROBLEM(r, kHeader, 15, "total", "“1,161.60”");
}

TEST_CASE("a header total or count that does not add up is reported") {
  SourceFixture fx;
  fx.replace(kHeader, "total: 1161.60", "total: 1161.50");
  fx.replace(kHeader, "count: 3", "count: 4");
  auto r = fx.import();
  CHECK_PROBLEM(r, kHeader, 15, "total", "加起来是1161.60元，相差0.10元");
  CHECK_PROBLEM(r, kHeader, 16, "count", "里有3条");
}

TEST_CASE("project rows add up their spending") {
  SourceFixture fx;
  auto r = fx.import();
  REQUIRE(r.problems.empty());
  const auto& f = fund(r, "gongyi-2026");
  REQUIRE(f.projects.size() == 1);
  CHECK(f.projects[0].budget_fen == 38600000);
  CHECK(f.projects[0].spent_fen == 37942050);
  CHECK(f.projects[0].contractor == "云溪县通达路桥工程有限公司");
  fx.replace("funds/gongyi.yaml", "total: 379420.50", "total: 386000.00");
  CHECK_PROBLEM(fx.import(), "funds/gongyi.yaml", 0, "total", "已支出加起来是379420.50元");
}

TEST_CASE("a row with the wrong number of columns is reported") {
  SourceFixture fx;
  fx.replace(kRows, "含复垦耕地", "含复垦耕地,多出来的");
  fx.replace(kRows, "张三丰,", "张三丰");
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 2, "", "这一行有9列，表头有10列");
  CHECK_PROBLEM(r, kRows, 4, "", "这一行有11列，表头有10列");
}

TEST_CASE("a row with broken quoting is reported and the next rows still read") {
  SourceFixture fx;
  fx.replace(kRows, "李四", "李\"四");
  fx.replace(kHeader, "count: 3", "count: 3");
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 3, "", "引号");
  CHECK(fund(r, "gengdi-2026").rows.size() == 2);
}

TEST_CASE("raw identifiers outside the identity columns are refused with row and column") {
  SourceFixture fx;
  fx.replace(kRows, "含复垦耕地", "卡号6222021234567890128");
  fx.replace(kRows, "\"代领,户主子女\"", "\"代领人身份证530129195705160755\"");
  fx.replace(kRows, "2026-11-11,\r\n", "2026-11-11,电话13912345678\r\n");
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 2, "备注", "手机号");
  CHECK_PROBLEM(r, kRows, 3, "备注", "身份证号（530129195705160755）");
  CHECK_PROBLEM(r, kRows, 4, "备注", "银行卡号");
}

TEST_CASE("masked values in other columns pass") {
  SourceFixture fx;
  fx.replace(kRows, "含复垦耕地", "代领人5301**********0308，卡尾号0128");
  auto r = fx.import();
  CHECK_MESSAGE(r.problems.empty(), test::dump(r.problems));
}

TEST_CASE("raw identifiers in the header's text are refused") {
  SourceFixture fx;
  fx.append(kHeader, "application_guide: 有疑问请联系村会计13912345678\n");
  auto r = fx.import();
  CHECK_PROBLEM(r, kHeader, 19, "application_guide", "手机号");
}

TEST_CASE("unknown villages and groups in rows, and villages outside the header, are reported") {
  SourceFixture fx;
  fx.replace(kRows, "青石村,第一村民小组", "青山村,第一村民小组");
  fx.replace(kRows, "qingshi,g02", "qingshi,g09");
  fx.replace(kHeader, "villages: [qingshi, shangba]", "villages: [qingshi]");
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 2, "村", "青山村");
  CHECK_PROBLEM(r, kRows, 3, "组", "g09");
  CHECK_PROBLEM(r, kRows, 4, "村", "不在这份公示的 villages 列表里");
}

TEST_CASE("an unknown village in the header and an unknown department are reported") {
  SourceFixture fx;
  fx.replace(kHeader, "villages: [qingshi, shangba]", "villages: [qingshi, xiaba]");
  fx.replace(kHeader, "department: nongye", "department: nongyeban");
  auto r = fx.import();
  CHECK_PROBLEM(r, kHeader, 10, "villages", "村“xiaba”");
  CHECK_PROBLEM(r, kHeader, 6, "department", "nongyeban");
}

TEST_CASE("unknown and missing columns are reported on the header line") {
  SourceFixture fx;
  fx.replace(kRows, "金额", "钱数");
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 1, "钱数", "不认识的列名");
  CHECK_PROBLEM(r, kRows, 1, "金额", "缺少必需的列");
}

TEST_CASE("malformed paid dates and quantities in rows are reported") {
  SourceFixture fx;
  fx.replace(kRows, "5,528.00,2026-11-11", "五亩,528.00,2026.11.11");
  auto r = fx.import();
  CHECK_PROBLEM(r, kRows, 2, "数量", "五亩");
  CHECK_PROBLEM(r, kRows, 2, "发放日期", "2026.11.11");
}

TEST_CASE("a missing rows file and a missing required header field are reported") {
  SourceFixture fx;
  fx.replace(kHeader, "rows: gengdi.csv", "rows: gengdi-2026.csv");
  fx.replace(kHeader, "policy_basis: 云溪县2026年耕地地力保护补贴实施方案\n", "");
  auto r = fx.import();
  CHECK_PROBLEM(r, kHeader, 0, "rows", "找不到明细文件 funds/gengdi-2026.csv");
  CHECK_PROBLEM(r, kHeader, 0, "policy_basis", "缺少必填项");
}

TEST_CASE("duplicate fund ids are reported") {
  SourceFixture fx;
  fx.write("funds/zz.yaml", test::read_file(fx.root() / kHeader));
  auto r = fx.import();
  CHECK_PROBLEM(r, "funds/zz.yaml", 1, "id", "重复");
}
