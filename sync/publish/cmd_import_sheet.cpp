// bianmin-publish import-sheet FILE …: a fund list from a spreadsheet (.xlsx, .xls, .csv) into
// a publication's CSV, every problem named by its cell (`FILE:SHEET!C12: …`), checked with the
// importer's own rules (content/sheets/fund_sheet.hpp). Nothing is written while a problem is
// left. --mapping M remembers which sheet column is which: read when M exists, written when
// the columns were found by their names.
#include <cstdio>
#include <fstream>

#include "bianmin/content/enums.hpp"
#include "bianmin/sheets/fund_sheet.hpp"
#include "commands.hpp"

namespace bianmin::publish {

namespace {

bool write_file(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace

int cmd_import_sheet(const std::vector<std::string>& args) {
  const std::string cmd = "import-sheet";
  ParsedArgs p = parse_args(args, {"sheet", "src", "fund", "kind", "mapping", "out"});
  if (!p.error.empty()) return usage_error(cmd, p.error);
  if (p.positional.size() != 1) return usage_error(cmd, "请给出一个表格文件");
  const std::string file = p.positional[0];
  const auto src = p.get("src"), fund = p.get("fund"), kind_word = p.get("kind"), out = p.get("out"),
             mapping_path = p.get("mapping"), sheet_name = p.get("sheet");
  if (src.has_value() != fund.has_value()) return usage_error(cmd, "--src 和 --fund 要一起给出");
  if (!src && !out) return usage_error(cmd, "请给出 --src SRC --fund ID（写入源目录），或 --out CSV");

  sheets::FundTarget target;
  std::string out_path = out.value_or("");
  content::FundKind kind = content::FundKind::Household;
  if (src) {
    auto header = sheets::find_fund_header(*src, *fund);
    if (!header) {
      std::printf("%s\n", header.error().to_string().c_str());
      return 1;
    }
    target = {*src, *fund};
    kind = header->kind;
    if (out_path.empty()) out_path = (std::filesystem::path(*src) / "funds" / header->rows_file).string();
  }
  if (kind_word) {
    auto k = content::from_source_word<content::FundKind>(*kind_word);
    if (!k) return usage_error(cmd, "--kind 只能是 household（按户发放）或 project（项目公示）");
    if (src && *k != kind) return usage_error(cmd, "--kind 和公示 " + *fund + " 的 kind 不一样");
    kind = *k;
  } else if (!src) {
    return usage_error(cmd, "没有 --src 时请用 --kind 说明公示类型");
  }

  std::optional<sheets::ColumnMapping> mapping;
  bool remember = false;
  if (mapping_path) {
    std::error_code ec;
    if (std::filesystem::exists(*mapping_path, ec)) {
      auto m = sheets::read_mapping(*mapping_path);
      if (!m) {
        std::printf("%s\n", m.error().to_string().c_str());
        return 1;
      }
      if (m->kind != kind) {
        std::printf("%s: 列对应表是%s的，这份公示是%s的\n", mapping_path->c_str(), content::label(m->kind),
                    content::label(kind));
        return 1;
      }
      mapping = std::move(m.value());
    } else {
      remember = true;
    }
  }

  auto workbook = sheets::read_workbook(file);
  if (!workbook) {
    std::printf("%s\n", workbook.error().to_string().c_str());
    return 1;
  }
  const sheets::Sheet* sheet = nullptr;
  std::string names;
  int visible = 0;
  for (const auto& s : workbook->sheets) {
    names += (names.empty() ? "" : "、") + s.name + (s.hidden ? "（隐藏）" : "");
    if (!s.hidden) ++visible, sheet = sheet ? sheet : &s;
  }
  if (sheet_name) {
    sheet = workbook->find(*sheet_name);
    if (!sheet) {
      std::printf("%s: 没有名为“%s”的工作表（有：%s）\n", file.c_str(), sheet_name->c_str(), names.c_str());
      return 1;
    }
  } else if (visible != 1) {
    // The one visible sheet whose header names the publication's columns (a template's
    // 填写说明 sheet, a summary sheet, have none).
    const sheets::Sheet* with_header = nullptr;
    int candidates = 0;
    for (const auto& s : workbook->sheets)
      if (!s.hidden && !sheets::read_fund_sheet(*workbook, s, kind, mapping ? &*mapping : nullptr).columns.empty())
        ++candidates, with_header = with_header ? with_header : &s;
    if (candidates != 1) {
      std::printf("%s: 表格里有好几张工作表（%s）：请用 --sheet 选择放着名单的那张\n", file.c_str(), names.c_str());
      return 2;
    }
    sheet = with_header;
  }

  auto rows = sheets::read_fund_sheet(*workbook, *sheet, kind, mapping ? &*mapping : nullptr);
  const bool columns_found = rows.problems.empty() || rows.rows > 0;
  if (!rows.columns.empty() && columns_found) (void)sheets::check_fund_sheet(rows, target);
  if (remember && !rows.columns.empty() && columns_found) {
    if (write_file(*mapping_path, sheets::mapping_text(rows.mapping)))
      std::printf("列对应已记在 %s（下次同样的表格会照此读取；表格换了样子时改它或删掉它）\n", mapping_path->c_str());
    else
      std::printf("%s: 列对应没有记下（无法写这个文件）\n", mapping_path->c_str());
  }
  if (!rows.problems.empty()) {
    for (const auto& line : sheets::grouped_lines(file, rows.problems)) std::printf("%s\n", line.c_str());
    std::printf("共发现 %zu 个问题，表格没有导入；请在表格里改好后再导入。\n", rows.problems.size());
    return 1;
  }
  if (!write_file(out_path, rows.csv)) {
    std::printf("%s: 无法写入明细文件\n", out_path.c_str());
    return 1;
  }
  std::printf("已从工作表“%s”导入 %d 行", sheet->name.c_str(), rows.rows);
  if (rows.total_row) std::printf("（第 %d 行的合计已和各行核对，没有导入）", *rows.total_row);
  if (rows.skipped_blank) std::printf("，跳过空行 %d 行", rows.skipped_blank);
  std::printf("，写入 %s。\n", out_path.c_str());
  if (src)
    std::printf("请再运行 bianmin-publish check %s 检查整个源目录。\n", src->c_str());
  else
    std::printf("没有给出源目录：村和组是否存在没有检查。\n");
  return 0;
}

}  // namespace bianmin::publish
