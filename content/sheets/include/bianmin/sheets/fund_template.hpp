// The spreadsheet template of a fund publication's rows (.xlsx, written with libxlsxwriter):
// what a clerk hands the village accountant so the list comes back importable.
//
// Promises:
//  - Sheet 名单: the importer's column names in row 1 (content::fund_columns, in order),
//    a filled example row 2, the header frozen; ID, account and phone columns formatted as
//    text ("@") for the whole column, so Excel keeps every digit typed or pasted there;
//    money as 0.00, dates as yyyy-mm-dd.
//  - Sheet 填写说明: each column, whether it is required, and what to write.
//  - The template read back by read_fund_sheet has no problems (tests/content/sheets).
#pragma once
#include <filesystem>
#include <string>

#include "bianmin/base/result.hpp"
#include "bianmin/content/model.hpp"

namespace bianmin::sheets {

struct TemplateOptions {
  std::string village;  // the example row's village ("" = the column table's example)
  std::string group;    // the example row's group (household)
};

Status write_fund_template(const std::filesystem::path& out, content::FundKind kind,
                           const TemplateOptions& options = {});

}  // namespace bianmin::sheets
