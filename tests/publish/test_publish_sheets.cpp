// bianmin-publish sheet-template and import-sheet, run as staff run them: a template, filled,
// imports into the source folder and `check` passes; a sheet Excel damaged is refused with each
// cell named (`FILE:SHEET!D3: …`) and nothing written; the column mapping is remembered.
#include <doctest/doctest.h>
#include <xlsxwriter.h>

#include "publish_fixture.hpp"

using namespace bianmin::test;

namespace {

struct Source : SourceCopy {
  Source() {
    replace("funds/gengdi.yaml", "total: 1161.60\n", "");
    replace("funds/gengdi.yaml", "count: 3\n", "");
  }
  std::string csv() const { return read_file(path("src/funds/gengdi.csv")); }
};

// A household list in the accountant's words; `ids_as_numbers` is what Excel does when the ID
// column was never set to text.
void write_list(const std::filesystem::path& path, bool ids_as_numbers, const char* name_header = "户主姓名") {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  workbook_add_worksheet(wb, "汇总");
  const char* header[] = {"村", "组", name_header, "身份证号码", "补贴金额（元）"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_write_string(ws, 0, 0, "2026年耕地地力保护补贴发放花名册", nullptr);
  const char* ids[] = {"530129196209050308", "530129195705160755"};
  const char* names[] = {"张三丰", "李四"};
  for (int r = 0; r < 2; ++r) {
    lxw_row_t row = static_cast<lxw_row_t>(r + 2);
    worksheet_write_string(ws, row, 0, "青石村", nullptr);
    worksheet_write_string(ws, row, 1, "第一村民小组", nullptr);
    worksheet_write_string(ws, row, 2, names[r], nullptr);
    if (ids_as_numbers)
      worksheet_write_number(ws, row, 3, std::stod(ids[r]), nullptr);
    else
      worksheet_write_string(ws, row, 3, ids[r], nullptr);
    worksheet_write_number(ws, row, 4, 500 + r, nullptr);
  }
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
}

}  // namespace

TEST_CASE("import-sheet: a template filled in imports into the source folder and check passes") {
  Source src;
  const std::string t = src.path("t.xlsx").string();
  auto made = publish({"sheet-template", "household", t, "--src", src.src()});
  REQUIRE_MESSAGE(made.exit_code == 0, made.output);
  auto imported = publish({"import-sheet", t, "--src", src.src(), "--fund", "gengdi-2026"});
  INFO(imported.output);
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.output.find("已从工作表“名单”导入 1 行") != std::string::npos);
  CHECK(src.csv() ==
        "村,组,姓名,身份证号,银行账号,联系电话,数量,金额,发放日期,备注\n"
        "青石村,第一村民小组,张三,11010519491231002X,6222020200001234567,13800138000,5.5,580.80,"
        "2026-11-11,\n");
  auto checked = publish({"check", src.src()});
  CHECK_MESSAGE(checked.exit_code == 0, checked.output);
}

TEST_CASE(
    "import-sheet: a sheet whose ID column Excel turned into numbers names each cell and writes "
    "nothing") {
  Source src;
  const std::string before = src.csv();
  const std::string f = src.path("damaged.xlsx").string();
  write_list(f, true);
  auto r = publish({"import-sheet", f, "--sheet", "名单", "--src", src.src(), "--fund", "gengdi-2026"});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find(f + ":名单!D3:D4: 身份证号被 Excel 存成了数字，只保留了 15 位有效数字") != std::string::npos);
  CHECK(r.output.find("共发现 2 个问题，表格没有导入") != std::string::npos);
  CHECK(src.csv() == before);
}

TEST_CASE("import-sheet: the column mapping is remembered and read the next time") {
  Source src;
  const std::string f = src.path("list.xlsx").string(), m = src.path("gengdi.mapping").string();
  write_list(f, false);
  auto first = publish({"import-sheet", f, "--src", src.src(), "--fund", "gengdi-2026", "--mapping", m});
  INFO(first.output);
  REQUIRE(first.exit_code == 0);  // 汇总 has no header: 名单 is picked
  std::string mapping = read_file(m);
  CHECK(mapping.find("姓名: 户主姓名\n") != std::string::npos);
  CHECK(mapping.find("header_row: 2") != std::string::npos);
  // Next month the accountant calls the column 领款人: the remembered mapping, edited once.
  write_list(f, false, "领款人");
  write_file(m, mapping.replace(mapping.find("户主姓名"), std::string("户主姓名").size(), "领款人"));
  auto second = publish({"import-sheet", f, "--src", src.src(), "--fund", "gengdi-2026", "--mapping", m});
  INFO(second.output);
  CHECK(second.exit_code == 0);
  CHECK(src.csv().find("青石村,第一村民小组,李四,530129195705160755,501.00") != std::string::npos);
}

TEST_CASE("import-sheet: a sheet that is not there is named with the sheets there are") {
  Source src;
  const std::string f = src.path("list.xlsx").string();
  write_list(f, false);
  auto r =
      publish({"import-sheet", f, "--sheet", "Sheet1", "--kind", "household", "--out", src.path("o.csv").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("没有名为“Sheet1”的工作表（有：名单、汇总）") != std::string::npos);
  auto bad = publish({"import-sheet", f, "--kind", "village", "--out", "x.csv"});
  CHECK(bad.exit_code == 2);
}
