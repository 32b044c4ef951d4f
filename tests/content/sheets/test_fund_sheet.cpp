// A sheet turned into a fund publication's rows: what Excel did to the data is named by cell,
// the importer's own rules run over the rows, templates import back, mappings are remembered.
#include <doctest/doctest.h>
#include <iconv.h>
#include <xlsxwriter.h>

#include <algorithm>

#include "bianmin/content/importer.hpp"
#include "bianmin/sheets/fund_sheet.hpp"
#include "bianmin/sheets/fund_template.hpp"
#include "publish/publish_fixture.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::sheets;
using bianmin::test::TempDir;
using content::FundKind;

namespace {

// The problem at `cell` ("D4", or "9" for a whole row, "" for the sheet), or "".
std::string problem_at(const FundSheet& rows, const std::string& cell) {
  for (const auto& p : rows.problems) {
    std::string where = p.row == 0 ? "" : p.col == 0 ? std::to_string(p.row) : a1(p.row, p.col);
    if (where == cell) return p.message;
  }
  return "";
}

std::string all_problems(const FundSheet& rows) {
  std::string s;
  for (const auto& line : grouped_lines("x.xlsx", rows.problems)) s += line + "\n";
  return s;
}

// The village accountant's sheet after Excel: a title row, a header in their words, 村 merged
// down, ID and account numbers typed as numbers, a date left as a serial, an amount typed
// with a thousands separator, an amount merged over two rows, a blank row, a hidden row, a
// total row that does not add up, and the signatures under it.
void write_damaged(const std::filesystem::path& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "花名册");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  worksheet_merge_range(ws, 0, 0, 0, 8, "2026年耕地地力保护补贴发放花名册", nullptr);
  const char* header[] = {"村",         "村民小组",       "户主姓名", "身份证号码", "银行卡号",
                          "面积（亩）", "补贴金额（元）", "发放日期", "备注"};
  for (int c = 0; c < 9; ++c) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_merge_range(ws, 2, 0, 4, 0, "青石村", nullptr);  // A3:A5
  // Row 3: as it should be.
  worksheet_write_string(ws, 2, 1, "第一村民小组", nullptr);
  worksheet_write_string(ws, 2, 2, "张三丰", nullptr);
  worksheet_write_string(ws, 2, 3, "530129196209050308", nullptr);
  worksheet_write_string(ws, 2, 4, "6222021234567890128", nullptr);
  worksheet_write_number(ws, 2, 5, 5, nullptr);
  worksheet_write_number(ws, 2, 6, 528, nullptr);
  worksheet_write_number(ws, 2, 7, 46337, date);
  // Row 4: numbers where digits belong, a serial without a date format, "1,264.00" as text.
  worksheet_write_string(ws, 3, 1, "第二村民小组", nullptr);
  worksheet_write_string(ws, 3, 2, "李四", nullptr);
  worksheet_write_number(ws, 3, 3, 530129195705160755.0, nullptr);
  worksheet_write_number(ws, 3, 4, 6222021234567890136.0, nullptr);
  worksheet_write_number(ws, 3, 5, 2.5, nullptr);
  worksheet_write_string(ws, 3, 6, "1,264.00", nullptr);
  worksheet_write_number(ws, 3, 7, 46337, nullptr);
  // Row 5: the ID as Excel saves it to CSV and back.
  worksheet_write_string(ws, 4, 1, "第一村民小组", nullptr);
  worksheet_write_string(ws, 4, 2, "王五", nullptr);
  worksheet_write_string(ws, 4, 3, "3.31122E+17", nullptr);
  worksheet_write_number(ws, 4, 6, 528, nullptr);
  // Row 6 blank. Rows 7-8: one amount merged over two households.
  for (int r : {6, 7}) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 0, "上坝村", nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 1, "坝头组", nullptr);
  }
  worksheet_write_string(ws, 6, 2, "赵六", nullptr);
  worksheet_write_string(ws, 7, 2, "钱七", nullptr);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "0.00");
  worksheet_merge_range(ws, 6, 6, 7, 6, "", money);
  worksheet_write_number(ws, 6, 6, 369.6, money);
  // Row 9 hidden.
  lxw_row_col_options hidden = {LXW_TRUE, 0, 0};
  worksheet_set_row_opt(ws, 8, LXW_DEF_ROW_HEIGHT, nullptr, &hidden);
  worksheet_write_string(ws, 8, 0, "上坝村", nullptr);
  worksheet_write_string(ws, 8, 1, "坝头组", nullptr);
  worksheet_write_string(ws, 8, 2, "孙八", nullptr);
  worksheet_write_number(ws, 8, 6, 100, nullptr);
  // Row 10: the total (wrong: the rows add up to 2689.60). Row 11: signatures.
  worksheet_write_string(ws, 9, 0, "合 计", nullptr);
  worksheet_write_number(ws, 9, 6, 2789.6, nullptr);
  worksheet_write_string(ws, 10, 0, "制表人：李会计", nullptr);
  worksheet_write_string(ws, 10, 4, "审核人：王主任", nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
}

// A copy of the importer's minimal fixture whose 耕地 publication states no total or count
// (rows come from the sheet).
struct Source {
  test::SourceCopy copy;
  Source() {
    copy.replace("funds/gengdi.yaml", "total: 1161.60\n", "");
    copy.replace("funds/gengdi.yaml", "count: 3\n", "");
  }
  FundTarget target() const { return {copy.src(), "gengdi-2026"}; }
};

}  // namespace

TEST_CASE("every kind of Excel damage in one sheet is named at its cell, all at once") {
  TempDir dir("sheets");
  write_damaged(dir / "damaged.xlsx");
  auto book = read_workbook(dir / "damaged.xlsx");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  CHECK(rows.header_row == 2);
  INFO(all_problems(rows));
  CHECK(problem_at(rows, "D4").find("身份证号被 Excel 存成了数字，只保留了 15 位有效数字") == 0);
  CHECK(problem_at(rows, "D4").find("现在是 5.30129E+17（530129195705161000）") != std::string::npos);
  CHECK(problem_at(rows, "E4").find("银行账号被 Excel 存成了数字") == 0);
  CHECK(problem_at(rows, "H4").find("发放日期是一个数字，像是 Excel 的日期序号") == 0);
  CHECK(problem_at(rows, "H4").find("现在是 46337（即 2026-11-11）") != std::string::npos);
  CHECK(problem_at(rows, "D5").find("身份证号被 Excel 改成了科学计数法") == 0);
  CHECK(problem_at(rows, "G7").find("G7:G8 是合并单元格") == 0);
  CHECK(problem_at(rows, "9").find("第 9 行被隐藏了") == 0);
  CHECK(problem_at(rows, "G10").find("合计行写的是 2789.60 元，上面各行金额加起来是 2689.60 元，相差 100.00 元") == 0);
  CHECK(rows.problems.size() == 7);
  CHECK(all_problems(rows).find("x.xlsx:花名册!9:9: 第 9 行被隐藏了") != std::string::npos);  // a row as Excel names it
  // What was right or could be read without guessing is in the rows.
  CHECK(rows.total_row == 10);
  CHECK(rows.skipped_blank == 1);
  CHECK(rows.rows == 5);  // rows 3, 4, 5, 7, 8 (not the hidden one, the total, the signatures)
  CHECK(rows.csv.find("青石村,第一村民小组,张三丰,530129196209050308,6222021234567890128,5,528.00,"
                      "2026-11-11,") != std::string::npos);
  CHECK(rows.csv.find("青石村,第二村民小组,李四,") != std::string::npos);  // 村 merged down: filled
  CHECK(rows.csv.find(",1264.00,") != std::string::npos);                  // "1,264.00" typed as text
}

TEST_CASE("a total row that adds up is checked and dropped, and the rows then pass the importer") {
  TempDir dir("sheets");
  const auto path = dir / "ok.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  const char* header[] = {"村", "组", "姓名", "身份证号", "金额"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "青石村", nullptr);
  worksheet_write_string(ws, 1, 1, "第一村民小组", nullptr);
  worksheet_write_string(ws, 1, 2, "张三丰", nullptr);
  worksheet_write_string(ws, 1, 3, "530129196209050308", text);
  worksheet_write_number(ws, 1, 4, 528, nullptr);
  worksheet_write_string(ws, 2, 0, "上坝村", nullptr);
  worksheet_write_string(ws, 2, 1, "坝头组", nullptr);
  worksheet_write_string(ws, 2, 2, "欧阳娜娜", nullptr);
  worksheet_write_number(ws, 2, 4, 369.6, nullptr);
  worksheet_write_string(ws, 3, 0, "合计", nullptr);
  worksheet_write_formula_num(ws, 3, 4, "=SUM(E2:E3)", nullptr, 897.6);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  auto book = read_workbook(path);
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  Source src;
  CHECK(check_fund_sheet(rows, src.target()));
  INFO(all_problems(rows));
  CHECK(rows.problems.empty());
  CHECK(rows.total_row == 4);
  CHECK(rows.rows == 2);
}

TEST_CASE("the importer's own rules are named at the sheet's cells") {
  TempDir dir("sheets");
  const std::string csv =
      "姓名,村,组,金额,备注\n"
      "张三丰,青石村,第一村民小组,528.00,\n"
      "李四,下坝村,第一村民小组,100,\n"
      "王五,青石村,第九组,-5,电话13812345678\n";
  test::write_file(dir / "list.csv", csv);
  auto book = read_workbook(dir / "list.csv");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  REQUIRE(rows.problems.empty());
  Source src;
  REQUIRE(check_fund_sheet(rows, src.target()));
  INFO(all_problems(rows));
  CHECK(problem_at(rows, "B3").find("村“下坝村”在 site.yaml 的 villages 里没有") != std::string::npos);
  CHECK(problem_at(rows, "C4").find("村民小组“第九组”") != std::string::npos);
  CHECK(problem_at(rows, "D4").find("金额：") == 0);
  CHECK(problem_at(rows, "E4").find("手机号") != std::string::npos);  // de-identification refuses it
  // Printed as staff read it.
  auto lines = grouped_lines("list.csv", rows.problems);
  CHECK(std::find_if(lines.begin(), lines.end(),
                     [](const std::string& l) { return l.rfind("list.csv:list!B3: 村：", 0) == 0; }) != lines.end());
}

TEST_CASE("the same damage down a whole column is one line naming the cells as a range") {
  std::string csv = "村,组,姓名,身份证号,金额\n";
  for (int i = 0; i < 50; ++i) csv += "青石村,第一村民小组,张三,3.31122E+17,10\n";
  auto book = read_workbook_bytes(csv, "名单.csv");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  CHECK(rows.problems.size() == 50);
  auto lines = grouped_lines("名单.csv", rows.problems);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("名单.csv:名单!D2:D51: 身份证号被 Excel 改成了科学计数法", 0) == 0);
  CHECK(lines[0].find("（共 50 格，如 D2）") != std::string::npos);
}

TEST_CASE(
    "a GB18030 CSV that Excel saved with IDs in scientific notation and cut to 15 digits is "
    "caught") {
  std::string utf8 =
      "村,组,姓名,身份证号,金额\n青石村,第一村民小组,张三,3.31122E+17,\"1,200.50\"\n"
      "青石村,第一村民小组,李四,530129195705160000,200\n";
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string gb(utf8.size() * 2, '\0');
  char* in = utf8.data();
  char* out = gb.data();
  std::size_t inleft = utf8.size(), outleft = gb.size();
  REQUIRE(iconv(cd, &in, &inleft, &out, &outleft) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  gb.resize(gb.size() - outleft);
  auto book = read_workbook_bytes(gb, "名单.csv");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  INFO(all_problems(rows));
  CHECK(problem_at(rows, "D2").find("科学计数法") != std::string::npos);
  CHECK(problem_at(rows, "D3").find("截成了 15 位有效数字") != std::string::npos);
  CHECK(rows.csv.find(",1200.50\n") != std::string::npos);
}

TEST_CASE("a template imports back: header, example row, text-formatted ID columns, then a filled list") {
  TempDir dir("sheets");
  Source src;
  REQUIRE(write_fund_template(dir / "t.xlsx", FundKind::Household, {"青石村", "第一村民小组"}).ok());
  auto book = read_workbook(dir / "t.xlsx");
  REQUIRE(book.ok());
  const Sheet* list = book->find("名单");
  REQUIRE(list != nullptr);
  REQUIRE(book->find("填写说明") != nullptr);
  std::vector<std::string> header;
  for (int c = 1; c <= list->max_col; ++c) header.push_back(list->at(1, c)->text);
  CHECK(header == std::vector<std::string>{"村", "组", "姓名", "身份证号", "银行账号", "联系电话", "数量", "金额",
                                           "发放日期", "备注"});
  CHECK(list->at(2, 4)->text == "11010519491231002X");
  FundSheet example = read_fund_sheet(*book, *list, FundKind::Household);
  REQUIRE(check_fund_sheet(example, src.target()));
  INFO(all_problems(example));
  CHECK(example.problems.empty());
  CHECK(example.rows == 1);

  // Filled as the accountant fills it: the template's header, rows typed into its text columns.
  lxw_workbook* wb = workbook_new((dir / "filled.xlsx").c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  for (std::size_t c = 0; c < header.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), nullptr);
  const char* people[][4] = {{"青石村", "第一村民小组", "张三丰", "530129196209050308"},
                             {"青石村", "第二村民小组", "李四", "530129195705160755"},
                             {"上坝村", "坝头组", "欧阳娜娜", "530129197805194898"}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c)
      worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), people[r][c],
                             c == 3 ? text : nullptr);
    worksheet_write_number(ws, static_cast<lxw_row_t>(r + 1), 7, 100.5 * (r + 1), nullptr);
  }
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  auto filled = read_workbook(dir / "filled.xlsx");
  REQUIRE(filled.ok());
  FundSheet rows = read_fund_sheet(*filled, filled->sheets[0], FundKind::Household);
  REQUIRE(check_fund_sheet(rows, src.target()));
  INFO(all_problems(rows));
  REQUIRE(rows.problems.empty());
  // Written where the publication's header says, the whole source builds, de-identified.
  test::write_file(src.copy.path("src/funds/gengdi.csv"), rows.csv);
  auto imported = content::import_source(src.copy.src());
  REQUIRE(imported.problems.empty());
  const auto& fund = *std::find_if(imported.content.funds.begin(), imported.content.funds.end(),
                                   [](const auto& f) { return f.id == "gengdi-2026"; });
  REQUIRE(fund.rows.size() == 3);
  CHECK(fund.rows[2].beneficiary == "欧阳*娜");
  CHECK(fund.rows[2].id_masked == "5301**********4898");
  CHECK(fund.total_fen == 60300);
}

TEST_CASE("a project template imports back") {
  TempDir dir("sheets");
  REQUIRE(write_fund_template(dir / "p.xlsx", FundKind::Project).ok());
  auto book = read_workbook(dir / "p.xlsx");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, *book->find("名单"), FundKind::Project);
  REQUIRE(check_fund_sheet(rows, {}));
  INFO(all_problems(rows));
  CHECK(rows.problems.empty());
  CHECK(rows.csv.find("青石村,青石村通组道路硬化,第一村民小组,386000.00,379420.50,") != std::string::npos);
}

TEST_CASE("a column mapping names columns by header or letters, and survives writing and reading") {
  TempDir dir("sheets");
  const std::string csv = "甲,乙,丙,丁\n青石村,第一村民小组,张三丰,528\n";
  auto book = read_workbook_bytes(csv, "x.csv");
  REQUIRE(book.ok());
  // Headers nobody could guess: found nothing.
  CHECK(read_fund_sheet(*book, book->sheets[0], FundKind::Household).columns.empty());
  test::write_file(dir / "m.txt", "# 耕地补贴的表格\nkind: household\n村: 甲\n组：乙\n姓名: C\n金额: \"丁\"\n");
  auto m = read_mapping(dir / "m.txt");
  REQUIRE_MESSAGE(m.ok(), m.error().to_string());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household, &*m);
  INFO(all_problems(rows));
  CHECK(rows.problems.empty());
  CHECK(rows.csv == "村,组,姓名,金额\n青石村,第一村民小组,张三丰,528\n");
  test::write_file(dir / "again.txt", mapping_text(rows.mapping));
  auto again = read_mapping(dir / "again.txt");
  REQUIRE(again.ok());
  CHECK(again->columns == rows.mapping.columns);
  CHECK(again->header_row == 1);
  // Mistakes are named at their line.
  test::write_file(dir / "bad.txt", "kind: household\n姓名 户主\n");
  CHECK(read_mapping(dir / "bad.txt").error().line == 2);
  test::write_file(dir / "bad2.txt", "kind: household\n项目名称: A\n");
  CHECK(read_mapping(dir / "bad2.txt").error().message.find("不是按户发放公示的列") != std::string::npos);
}

TEST_CASE("a two-row header with cells merged down over both rows is found") {
  TempDir dir("sheets");
  lxw_workbook* wb = workbook_new((dir / "h.xlsx").c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  worksheet_merge_range(ws, 0, 0, 1, 0, "村", nullptr);
  worksheet_merge_range(ws, 0, 1, 1, 1, "组别", nullptr);
  worksheet_merge_range(ws, 0, 2, 0, 3, "补贴对象", nullptr);
  worksheet_write_string(ws, 1, 2, "姓名", nullptr);
  worksheet_write_string(ws, 1, 3, "公民身份号码", nullptr);
  worksheet_merge_range(ws, 0, 4, 1, 4, "发放金额\n（元）", nullptr);
  worksheet_write_string(ws, 2, 0, "青石村", nullptr);
  worksheet_write_string(ws, 2, 1, "第一村民小组", nullptr);
  worksheet_write_string(ws, 2, 2, "张三丰", nullptr);
  worksheet_write_string(ws, 2, 3, "530129196209050308", nullptr);
  worksheet_write_number(ws, 2, 4, 528, nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  auto book = read_workbook(dir / "h.xlsx");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  INFO(all_problems(rows));
  CHECK(rows.problems.empty());
  CHECK(rows.header_row == 2);
  CHECK(rows.csv == "村,组,姓名,身份证号,金额\n青石村,第一村民小组,张三丰,530129196209050308,528.00\n");
}

TEST_CASE(
    "a leading 0 Excel dropped is named: a number where the importer wanted a code, and "
    "00-formatted codes are kept") {
  TempDir dir("sheets");
  lxw_workbook* wb = workbook_new((dir / "z.xlsx").c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  lxw_format* padded = workbook_add_format(wb);
  format_set_num_format(padded, "000");
  const char* header[] = {"村", "组", "姓名", "金额", "备注"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "青石村", nullptr);
  worksheet_write_number(ws, 1, 1, 1, nullptr);  // was "01" before Excel made it a number
  worksheet_write_string(ws, 1, 2, "张三丰", nullptr);
  worksheet_write_number(ws, 1, 3, 10, nullptr);
  worksheet_write_number(ws, 1, 4, 7, padded);  // shown as 007
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  auto book = read_workbook(dir / "z.xlsx");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  Source src;
  REQUIRE(check_fund_sheet(rows, src.target()));
  INFO(all_problems(rows));
  CHECK(problem_at(rows, "B2").find("村民小组“1”") != std::string::npos);
  CHECK(problem_at(rows, "B2").find("开头的 0 已被 Excel 去掉") != std::string::npos);
  CHECK(rows.csv.find(",007\n") != std::string::npos);
}

TEST_CASE(
    "IDs of different people stored as numbers down a column are one line: the values come after "
    "现在是") {
  TempDir dir("sheets");
  lxw_workbook* wb = workbook_new((dir / "n.xlsx").c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  const char* header[] = {"村", "组", "姓名", "身份证号", "金额"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  const double ids[] = {530129196209050308.0, 432625196209050308.0, 110105194912310021.0};
  for (int r = 0; r < 3; ++r) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), 0, "青石村", nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), 1, "第一村民小组", nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), 2, "张三", nullptr);
    worksheet_write_number(ws, static_cast<lxw_row_t>(r + 1), 3, ids[r], nullptr);
    worksheet_write_number(ws, static_cast<lxw_row_t>(r + 1), 4, 10, nullptr);
  }
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  auto book = read_workbook(dir / "n.xlsx");
  REQUIRE(book.ok());
  FundSheet rows = read_fund_sheet(*book, book->sheets[0], FundKind::Household);
  auto lines = grouped_lines("n.xlsx", rows.problems);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("n.xlsx:名单!D2:D4: 身份证号被 Excel 存成了数字", 0) == 0);
  CHECK(lines[0].find("现在是 5.30129E+17（530129196209050000）（共 3 格，如 D2）") != std::string::npos);
}
