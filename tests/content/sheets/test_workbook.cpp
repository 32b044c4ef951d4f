// Workbooks read into cells: .xlsx written here with libxlsxwriter, .xls written with Debian's
// python3-xlwt, CSV in UTF-8 (with and without BOM) and GB18030.
#include <doctest/doctest.h>
#include <iconv.h>
#include <xlsxwriter.h>

#include "bianmin/sheets/workbook.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::sheets;
using bianmin::test::TempDir;

namespace {

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  char* o = out.data();
  std::size_t inleft = utf8.size(), outleft = out.size();
  REQUIRE(iconv(cd, &in, &inleft, &o, &outleft) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - outleft);
  return out;
}

}  // namespace

TEST_CASE(
    "an xlsx is read with its sheets by name, shared strings, numbers, dates, merged ranges and "
    "hidden rows") {
  TempDir dir("sheets");
  const auto path = dir / "book.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* first = workbook_add_worksheet(wb, "说明");
  lxw_worksheet* list = workbook_add_worksheet(wb, "名单");
  lxw_worksheet* secret = workbook_add_worksheet(wb, "底稿");
  worksheet_hide(secret);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* sci = workbook_add_format(wb);
  format_set_num_format(sci, "0.00E+00");
  worksheet_write_string(first, 0, 0, "填表说明", nullptr);
  worksheet_write_string(list, 0, 0, "村", nullptr);
  worksheet_write_string(list, 0, 1, "金额", nullptr);
  worksheet_write_string(list, 1, 0, "青石村", nullptr);
  worksheet_write_number(list, 1, 1, 528.5, nullptr);
  lxw_datetime dt = {2026, 11, 11, 0, 0, 0};
  worksheet_write_datetime(list, 2, 2, &dt, date);
  worksheet_write_number(list, 3, 3, 331122199001011234.0, sci);
  lxw_row_col_options hidden = {LXW_TRUE, 0, 0};
  worksheet_set_row_opt(list, 4, LXW_DEF_ROW_HEIGHT, nullptr, &hidden);
  worksheet_write_string(list, 4, 0, "藏起来的行", nullptr);
  worksheet_merge_range(list, 5, 0, 7, 0, "上坝村", nullptr);
  worksheet_write_boolean(list, 8, 0, 1, nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

  auto book = read_workbook(path);
  REQUIRE_MESSAGE(book.ok(), book.error().to_string());
  CHECK(book->format == WorkbookFormat::Xlsx);
  REQUIRE(book->sheets.size() == 3);
  CHECK(book->sheets[0].name == "说明");
  CHECK(book->sheets[2].hidden);
  const Sheet* s = book->find("名单");
  REQUIRE(s != nullptr);
  REQUIRE(s->at(2, 1) != nullptr);
  CHECK(s->at(2, 1)->type == CellType::Text);
  CHECK(s->at(2, 1)->text == "青石村");
  CHECK(s->at(2, 2)->type == CellType::Number);
  CHECK(s->at(2, 2)->number == 528.5);
  CHECK(s->at(2, 2)->format == "General");
  const Cell* d = s->at(3, 3);
  REQUIRE(d != nullptr);
  CHECK(d->date);
  CHECK(serial_to_date(d->number) == "2026-11-11");
  CHECK(s->at(4, 4)->format == "0.00E+00");
  CHECK_FALSE(s->at(4, 4)->date);
  CHECK(s->row_hidden(5));
  CHECK_FALSE(s->row_hidden(4));
  const Range* m = s->merged_at(7, 1);
  REQUIRE(m != nullptr);
  CHECK(m->first_row == 6);
  CHECK(m->last_row == 8);
  CHECK(s->at(6, 1)->text == "上坝村");
  CHECK(s->at(7, 1) == nullptr);
  CHECK(s->at(9, 1)->type == CellType::Bool);
  CHECK(s->at(1, 9) == nullptr);
}

TEST_CASE("an xlsx with inline strings (libxlsxwriter's constant-memory mode) is read") {
  TempDir dir("sheets");
  const auto path = dir / "inline.xlsx";
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  worksheet_write_string(ws, 0, 0, "姓名", nullptr);
  worksheet_write_string(ws, 1, 0, "欧阳娜娜", nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  std::string bytes = test::read_file(path);
  auto book = read_workbook_bytes(bytes, "inline.xlsx");
  REQUIRE_MESSAGE(book.ok(), book.error().to_string());
  CHECK(book->sheets[0].at(2, 1)->text == "欧阳娜娜");
}

TEST_CASE("an xls written by python3-xlwt is read with text, numbers and dates") {
  TempDir dir("sheets");
  const auto path = dir / "old.xls";
  const std::string script =
      "import sys, datetime, xlwt\n"
      "wb = xlwt.Workbook(encoding='utf-8')\n"
      "ws = wb.add_sheet('名单')\n"
      "wb.add_sheet('汇总').write(0, 0, '合计')\n"
      "for c, h in enumerate(['村', '组', '姓名', '身份证号', '金额', '发放日期']): ws.write(0, c, "
      "h)\n"
      "ws.write(1, 0, '青石村'); ws.write(1, 1, '第一村民小组'); ws.write(1, 2, '张三丰')\n"
      "ws.write(1, 3, 331122199001011234)\n"
      "ws.write(1, 4, 528.5)\n"
      "ws.write(1, 5, datetime.date(2026, 11, 11), xlwt.easyxf(num_format_str='YYYY-MM-DD'))\n"
      "wb.save(sys.argv[1])\n";
  test::write_file(dir / "make.py", script);
  auto made = test::run({"/usr/bin/python3", (dir / "make.py").string(), path.string()});
  REQUIRE_MESSAGE(made.exit_code == 0, made.output);
  auto book = read_workbook(path);
  REQUIRE_MESSAGE(book.ok(), book.error().to_string());
  CHECK(book->format == WorkbookFormat::Xls);
  REQUIRE(book->sheets.size() == 2);
  CHECK(book->sheets[1].name == "汇总");
  const Sheet& s = book->sheets[0];
  CHECK(s.name == "名单");
  CHECK(s.at(2, 3)->text == "张三丰");
  CHECK(s.at(2, 4)->type == CellType::Number);  // Excel's damage, as in the file
  CHECK(s.at(2, 4)->number == 331122199001011234.0);
  CHECK(s.at(2, 5)->number == 528.5);
  CHECK(s.at(2, 6)->text == "2026-11-11");  // FreeXL gives dates as text
  // The same bytes from memory (the hub's upload) go through a scratch file.
  auto again = read_workbook_bytes(test::read_file(path), "old.xls");
  REQUIRE(again.ok());
  CHECK(again->sheets[0].at(2, 3)->text == "张三丰");
}

TEST_CASE("a CSV is read in UTF-8 with or without a byte-order mark, and in GB18030") {
  const std::string text = "村,姓名,身份证号\n青石村,\"欧阳,娜娜\",3.31122E+17\n\n上坝村,李四,530129195705160755\n";
  for (const std::string& bytes : {text, "\xEF\xBB\xBF" + text, to_gb18030(text)}) {
    auto book = read_workbook_bytes(bytes, "名单.csv");
    REQUIRE_MESSAGE(book.ok(), book.error().to_string());
    CHECK(book->format == WorkbookFormat::Csv);
    const Sheet& s = book->sheets[0];
    CHECK(s.name == "名单");
    CHECK(s.at(1, 1)->text == "村");
    CHECK(s.at(2, 2)->text == "欧阳,娜娜");
    CHECK(s.at(2, 3)->text == "3.31122E+17");
    CHECK(s.at(4, 1)->text == "上坝村");  // rows are the lines a text editor shows
  }
}

TEST_CASE("what is not a workbook is refused in plain words, never a crash") {
  CHECK(read_workbook_bytes("PK\x03\x04garbage", "a.xlsx").error().message.find("已损坏") != std::string::npos);
  CHECK(read_workbook_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, 'x'), "a.xls").ok() ==
        false);
  CHECK(read_workbook_bytes("hello", "a.docx").error().message.find(".xlsx、.xls 或 .csv") != std::string::npos);
  CHECK(read_workbook_bytes("\xff\xfe\x00", "a.csv").ok() == false);
  TempDir dir("sheets");
  // A real zip that is not a workbook.
  lxw_workbook* wb = workbook_new((dir / "ok.xlsx").c_str());
  workbook_add_worksheet(wb, "A");
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  std::string bytes = test::read_file(dir / "ok.xlsx");
  auto cut = read_workbook_bytes(bytes.substr(0, bytes.size() / 2), "cut.xlsx");
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().file == "cut.xlsx");
}

TEST_CASE("date serials follow Excel's 1900 system (its fictional 1900-02-29) and the 1904 system") {
  CHECK(serial_to_date(1) == "1900-01-01");
  CHECK(serial_to_date(59) == "1900-02-28");
  CHECK(serial_to_date(60) == "");
  CHECK(serial_to_date(61) == "1900-03-01");
  CHECK(serial_to_date(46337) == "2026-11-11");
  CHECK(serial_to_date(46337.75) == "2026-11-11");
  CHECK(serial_to_date(44875, true) == "2026-11-11");
  CHECK(serial_to_date(0) == "");
  CHECK(serial_to_date(1e12) == "");
}

TEST_CASE("number formats that show dates are told from those that do not") {
  CHECK(format_is_date("yyyy-mm-dd"));
  CHECK(format_is_date("yyyy\"年\"m\"月\"d\"日\""));
  CHECK(format_is_date("[$-F800]dddd, mmmm dd, yyyy"));
  CHECK(format_is_date("m/d/yy"));
  CHECK_FALSE(format_is_date("General"));
  CHECK_FALSE(format_is_date("0.00E+00"));
  CHECK_FALSE(format_is_date("#,##0.00\"元\""));
  CHECK_FALSE(format_is_date("[Red]0.00"));
  CHECK_FALSE(format_is_date("h:mm"));
}

TEST_CASE("cell addresses and numbers are written as Excel writes them") {
  CHECK(a1(12, 3) == "C12");
  CHECK(column_letters(27) == "AA");
  CHECK(column_letters(16384) == "XFD");
  CHECK(column_from_letters("aa") == 27);
  CHECK(column_from_letters("XFE") == 0);
  CHECK(column_from_letters("姓名") == 0);
  CHECK(format_number(530129.0) == "530129");
  CHECK(format_number(105.6) == "105.6");
  CHECK(format_number(0.1 + 0.2) == "0.3");
  CHECK(format_number(331122199001011234.0) == "331122199001011264");
}

TEST_CASE("a crafted .xls that breaks libfreexl is refused as damaged, the reader's process unharmed") {
  // fuzz/corpus/sheets/regress-*: its first byte is the fuzzer's selector, the rest the file.
  // Debian's libfreexl 1.0.6 writes below a stack buffer (inside iconv) on it: the reader runs
  // FreeXL in a child process, so the damage stays there.
  std::string bytes = test::read_file(test::source_dir() / "fuzz/corpus/sheets/regress-freexl-iconv-stack-underflow");
  bytes.erase(0, 1);
  auto book = read_workbook_bytes(bytes, "crafted.xls");
  REQUIRE_FALSE(book.ok());
  CHECK(book.error().file == "crafted.xls");
  CHECK(book.error().message.find(".xls") != std::string::npos);
}
