// write_fund_template (fund_template.hpp) with Debian's libxlsxwriter.
#include "bianmin/sheets/fund_template.hpp"

#include <xlsxwriter.h>

#include <cstdio>

#include "bianmin/content/enums.hpp"
#include "bianmin/content/fund_columns.hpp"

namespace bianmin::sheets {

using content::FundColumnType;

namespace {

const char* advice(const content::FundColumn& c) {
  switch (c.type) {
    case FundColumnType::Id:
      return "18 位身份证号（最后一位可以是 X）。这一列已设成文本格式：不要改成数字，否则 Excel "
             "会把后 3 位变成 0";
    case FundColumnType::Account:
      return "银行卡号或一卡通账号，只写数字。这一列已设成文本格式：不要改成数字";
    case FundColumnType::Phone:
      return "联系电话（不公示，只用于核对）。这一列已设成文本格式";
    case FundColumnType::Money:
      return "金额，单位元，最多 2 位小数，不能是负数；不要写“元”";
    case FundColumnType::Quantity:
      return "数量（亩、人、月等，按公示写的单位）";
    case FundColumnType::Date:
      return "日期，如 2026-11-11";
    case FundColumnType::Text:
      break;
  }
  std::string_view zh = c.zh;
  if (zh == "村") return "村名（和 site.yaml 里写的一样），或村的编号";
  if (zh == "组") return "村民小组名，或组的编号";
  if (zh == "姓名") return "姓名（公示时只显示姓和最后一个字，如 张*华）";
  if (zh == "备注") return "备注：不能写身份证号、银行卡号、手机号";
  return "";
}

}  // namespace

Status write_fund_template(const std::filesystem::path& out, content::FundKind kind, const TemplateOptions& options) {
  const std::string name = out.string();
  lxw_workbook* wb = workbook_new(name.c_str());
  if (!wb) return Status::fail("无法创建表格文件", name);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  lxw_worksheet* help = workbook_add_worksheet(wb, "填写说明");

  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "0.00");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);

  worksheet_write_string(help, 0, 0, "列名", head);
  worksheet_write_string(help, 0, 1, "必填", head);
  worksheet_write_string(help, 0, 2, "怎么填", head);
  worksheet_set_column(help, 0, 0, 12, nullptr);
  worksheet_set_column(help, 1, 1, 6, nullptr);
  worksheet_set_column(help, 2, 2, 80, wrap);

  lxw_row_t help_row = 1;
  lxw_col_t col = 0;
  for (const auto& c : content::fund_columns(kind)) {
    if (!c.in_template) continue;
    lxw_format* f = nullptr;
    double width = 14;
    switch (c.type) {
      case FundColumnType::Id:
        f = text;
        width = 22;
        break;
      case FundColumnType::Account:
        f = text;
        width = 24;
        break;
      case FundColumnType::Phone:
        f = text;
        width = 15;
        break;
      case FundColumnType::Money:
        f = money;
        width = 14;
        break;
      case FundColumnType::Date:
        f = date;
        width = 13;
        break;
      case FundColumnType::Quantity:
        width = 10;
        break;
      case FundColumnType::Text:
        width = std::string_view(c.zh) == "备注" ? 24 : 16;
        break;
    }
    worksheet_set_column(ws, col, col, width, f);
    worksheet_write_string(ws, 0, col, c.zh, head);
    std::string example = c.example;
    if (std::string_view(c.zh) == "村" && !options.village.empty()) example = options.village;
    if (std::string_view(c.zh) == "组" && !options.group.empty()) example = options.group;
    if (!example.empty()) {
      if (c.type == FundColumnType::Money || c.type == FundColumnType::Quantity) {
        worksheet_write_number(ws, 1, col, std::stod(example), f);
      } else if (c.type == FundColumnType::Date) {
        lxw_datetime dt{};
        std::sscanf(example.c_str(), "%d-%d-%d", &dt.year, &dt.month, &dt.day);
        worksheet_write_datetime(ws, 1, col, &dt, date);
      } else {
        worksheet_write_string(ws, 1, col, example.c_str(), f);
      }
    }
    worksheet_write_string(help, help_row, 0, c.zh, nullptr);
    worksheet_write_string(help, help_row, 1, c.required ? "是" : "", nullptr);
    worksheet_write_string(help, help_row, 2, advice(c), nullptr);
    ++help_row;
    ++col;
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_write_string(help, help_row + 1, 0,
                         "第 2 "
                         "行是填写示例，填好自己的名单后请删掉它。不要合并单元格、不要隐藏行；最后"
                         "一行可以是“合计”（会和各行相加核对后去掉）。",
                         nullptr);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return Status::fail(std::string("表格文件没有写成：") + lxw_strerror(err), name);
  return Status::success();
}

}  // namespace bianmin::sheets
