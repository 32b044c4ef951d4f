// The short version of `bianmin-bench sheets` (bench/bench_sheets.cpp): a 2,000-row list
// written, read, turned into rows and checked by the importer with no problem and every row
// kept. The figures themselves are the bench's to print, not a test's to judge.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace bianmin::test;

TEST_CASE("bianmin-bench sheets reads back every row of the list it wrote, with no problem") {
  auto r = run({(binary_dir() / "bench" / "bianmin-bench").string(), "sheets", "--rows", "2000"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("sheets_xlsx_rows_per_s: ") != std::string::npos);
  CHECK(r.output.find("sheets_csv_read_and_rows: ") != std::string::npos);
}
