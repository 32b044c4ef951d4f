// bianmin-bench sheets [--rows N]: a county's household list (default 100,000 rows, the size a
// county-wide 耕地补贴 sheet reaches) as an .xlsx written with libxlsxwriter (IDs as text, a
// total row), then read (libzip + expat), turned into fund rows and checked with the importer
// over a one-village source, as `bianmin-publish import-sheet` does; and the same list as a
// GB18030 CSV. Figures: ms per step and rows per second.
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench.hpp"
#include "bianmin/sheets/fund_sheet.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace bianmin;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

int bench_sheets(const std::vector<std::string>& args) {
  int rows = 100000;
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--rows") rows = std::max(1, std::atoi(args[i + 1].c_str()));
  const char* tmp = std::getenv("TMPDIR");
  std::string dir_t = std::string(tmp && *tmp ? tmp : "/tmp") + "/bianmin-bench-sheets-XXXXXX";
  if (!::mkdtemp(dir_t.data())) return 1;
  const std::filesystem::path dir = dir_t;
  // One village with ten groups.
  std::filesystem::create_directories(dir / "src/funds");
  std::string site =
      "township: 测试镇\ncounty: 测试县\nregion_code: \"530129\"\nallowed_url_hosts: [a.gov.cn]\n"
      "hall: {name: 测试镇便民服务中心, address: 测试街1号, opening_hours: 周一至周五, phone: "
      "0871-6000001, complaint_phone: 0871-6000002}\n"
      "villages:\n  - id: v1\n    name: 一村\n    groups: [";
  for (int g = 1; g <= 10; ++g)
    site += std::string(g > 1 ? ", " : "") + "{id: g" + std::to_string(g) + ", name: 第" + std::to_string(g) + "组}";
  site +=
      "]\ndepartments:\n  - {id: nongye, name: 农业办, short_name: 农业办, phone: 0871-6000004, "
      "window: 5号窗口}\n";
  write(dir / "src/site.yaml", site);
  write(dir / "src/funds/list.yaml",
        "id: list\ntitle: 耕地补贴\nkind: household\nfund_type: 耕地地力保护补贴\nyear: "
        "2026\ndepartment: nongye\n"
        "policy_basis: 方案\nvillages: [v1]\npublicity: {start: 2026-11-10, end: 2026-11-17}\n"
        "complaint: {phone: 0871-6000002}\nrows: list.csv\n");

  auto t0 = Clock::now();
  const auto xlsx = dir / "list.xlsx";
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(xlsx.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  const char* header[] = {"村", "组", "姓名", "身份证号", "银行账号", "金额"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  std::string csv = "村,组,姓名,身份证号,银行账号,金额\n";
  double total = 0;
  for (int r = 1; r <= rows; ++r) {
    std::string group = "第" + std::to_string(r % 10 + 1) + "组";
    std::string name = "张" + std::to_string(r);
    char id[32], account[32];
    std::snprintf(id, sizeof id, "53012919620101%03d",
                  r % 1000);  // 17 digits, then the check digit
    {
      static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
      int sum = 0;
      for (int k = 0; k < 17; ++k) sum += (id[k] - '0') * w[k];
      id[17] = "10X98765432"[sum % 11];
      id[18] = '\0';
    }
    std::snprintf(account, sizeof account, "622202123%09d", r);  // 18 digits, then the Luhn digit
    {
      int sum = 0;
      for (int k = 17, dbl = 1; k >= 0; --k, dbl ^= 1) {
        int d = account[k] - '0';
        if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      account[18] = static_cast<char>('0' + (10 - sum % 10) % 10);
      account[19] = '\0';
    }
    double amount = 100 + r % 1000 + 0.5;
    total += amount;
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 0, "一村", nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 1, group.c_str(), nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 2, name.c_str(), nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 3, id, text);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 4, account, text);
    worksheet_write_number(ws, static_cast<lxw_row_t>(r), 5, amount, nullptr);
    csv += "一村," + group + "," + name + "," + id + "," + account + "," + std::to_string(amount) + "\n";
  }
  worksheet_write_string(ws, static_cast<lxw_row_t>(rows + 1), 0, "合计", nullptr);
  worksheet_write_number(ws, static_cast<lxw_row_t>(rows + 1), 5, total, nullptr);
  workbook_close(wb);
  bench::figure("sheets_write_xlsx", ms_since(t0), "ms");
  bench::figure("sheets_xlsx_size", static_cast<double>(std::filesystem::file_size(xlsx)) / (1 << 20), "MB");

  t0 = Clock::now();
  auto book = sheets::read_workbook(xlsx);
  if (!book) {
    std::fprintf(stderr, "%s\n", book.error().to_string().c_str());
    return 1;
  }
  double read_ms = ms_since(t0);
  bench::figure("sheets_read_xlsx", read_ms, "ms");
  t0 = Clock::now();
  auto fund = sheets::read_fund_sheet(*book, book->sheets[0], content::FundKind::Household);
  double convert_ms = ms_since(t0);
  bench::figure("sheets_to_rows", convert_ms, "ms");
  t0 = Clock::now();
  (void)sheets::check_fund_sheet(fund, {dir / "src", "list"});
  double check_ms = ms_since(t0);
  bench::figure("sheets_importer_check", check_ms, "ms");
  if (!fund.problems.empty() || fund.rows != rows) {
    std::fprintf(stderr, "unexpected: %zu problems, %d rows\n%s\n", fund.problems.size(), fund.rows,
                 fund.problems.empty() ? "" : sheets::to_string("list.xlsx", fund.problems[0]).c_str());
    return 1;
  }
  bench::figure("sheets_xlsx_rows_per_s", rows / ((read_ms + convert_ms + check_ms) / 1000), "rows/s");

  t0 = Clock::now();
  auto csv_book = sheets::read_workbook_bytes(csv, "list.csv");
  if (!csv_book) return 1;
  auto csv_fund = sheets::read_fund_sheet(*csv_book, csv_book->sheets[0], content::FundKind::Household);
  bench::figure("sheets_csv_read_and_rows", ms_since(t0), "ms");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return csv_fund.rows == rows ? 0 : 1;
}

}  // namespace

BIANMIN_BENCH("sheets", "[--rows N] a county's household list as .xlsx and CSV: write, read, rows, importer check",
              bench_sheets);
