// check_fund_sheet: the importer's own rules over a sheet's rows. The rows are written as the
// publication's CSV into a scratch folder beside the source's site.yaml and the publication's
// header, content::import_source reads that folder, and each problem it finds in the CSV is
// named by the cell it came from (CSV line -> sheet row, CSV column -> sheet column).
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>

#include "bianmin/content/enums.hpp"
#include "bianmin/content/importer.hpp"
#include "bianmin/sheets/fund_sheet.hpp"

namespace bianmin::sheets {

namespace fs = std::filesystem;

namespace {

class ScratchDir {
 public:
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string t = std::string(tmp && *tmp ? tmp : "/tmp") + "/bianmin-sheet-XXXXXX";
    if (::mkdtemp(t.data())) path_ = t;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace

Result<FundHeader> find_fund_header(const fs::path& src, const std::string& fund_id) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(src / "funds", ec)) {
    auto ext = e.path().extension();
    if (ext == ".yaml" || ext == ".yml") files.push_back(e.path());
  }
  if (ec) return Result<FundHeader>::fail("源目录里没有 funds/ 目录", src.string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    try {
      YAML::Node n = YAML::LoadFile(f.string());
      if (!n.IsMap() || !n["id"] || n["id"].as<std::string>() != fund_id) continue;
      FundHeader h;
      h.yaml = f;
      if (n["rows"]) h.rows_file = n["rows"].as<std::string>();
      if (n["kind"]) {
        auto k = content::from_source_word<content::FundKind>(n["kind"].as<std::string>());
        if (k) h.kind = *k;
      }
      if (h.rows_file.empty() || h.rows_file.find('/') != std::string::npos ||
          h.rows_file.find("..") != std::string::npos)
        return Result<FundHeader>::fail("公示的 rows: 应该写明细文件名，如 " + fund_id + ".csv", f.string(), 0, "rows");
      if (n["encoding"]) {
        std::string enc = n["encoding"].as<std::string>();
        if (enc != "utf-8")
          return Result<FundHeader>::fail(
              "公示写着 encoding: " + enc + "，从表格导入的明细是 UTF-8：请删掉 encoding 这一行（或写 utf-8）",
              f.string(), 0, "encoding");
      }
      return h;
    } catch (const YAML::Exception&) {
      continue;  // a broken header is the importer's to name (check SRC); it is not this one
    }
  }
  return Result<FundHeader>::fail("funds/ 里没有 id 为“" + fund_id + "”的公示（先写好公示的 .yaml，再导入它的明细）",
                                  (src / "funds").string());
}

bool check_fund_sheet(FundSheet& rows, const FundTarget& target) {
  auto fail = [&](std::string m) {
    rows.problems.push_back({rows.sheet, 0, 0, std::move(m)});
    return false;
  };
  ScratchDir scratch;
  if (scratch.path().empty()) return fail("无法创建临时目录，没有用导入规则检查");
  std::error_code ec;
  fs::create_directories(scratch.path() / "funds", ec);
  std::string rows_file = "sheet.csv";
  std::string header_rel;
  if (!target.src.empty()) {
    auto header = find_fund_header(target.src, target.fund_id);
    if (!header) return fail(header.error().to_string());
    if (header->kind != rows.kind)
      return fail("公示 " + header->yaml.filename().string() + " 是" + content::label(header->kind) + "，表格是按" +
                  content::label(rows.kind) + "读的：两者要一致");
    rows_file = header->rows_file;
    header_rel = "funds/" + header->yaml.filename().string();
    fs::copy_file(target.src / "site.yaml", scratch.path() / "site.yaml", ec);
    if (ec) return fail("无法读取 " + (target.src / "site.yaml").string());
    fs::copy_file(header->yaml, scratch.path() / header_rel, ec);
    if (ec) return fail("无法读取 " + header->yaml.string());
  } else {
    // The rows alone: a header that only names the kind (its own problems are not reported,
    // and without site.yaml the importer does not check villages and groups).
    std::string kind = content::enum_entry(rows.kind).source;
    if (!write_text(scratch.path() / "funds/sheet.yaml",
                    "id: sheet\ntitle: 表格检查\nkind: " + kind +
                        "\nfund_type: 表格检查\nyear: 2026\n"
                        "department: check\npolicy_basis: 表格检查\nvillages: [check]\n"
                        "publicity: {start: 2026-01-01, end: 2026-01-02}\ncomplaint: {phone: "
                        "0000-0000000}\n"
                        "rows: sheet.csv\n"))
      return fail("无法写临时文件，没有用导入规则检查");
  }
  if (!write_text(scratch.path() / "funds" / rows_file, rows.csv)) return fail("无法写临时文件，没有用导入规则检查");

  auto result = content::import_source(scratch.path());
  const std::string csv_rel = "funds/" + rows_file;
  std::set<std::pair<int, int>> named;  // cells that already have a problem (the first says most)
  for (const auto& p : rows.problems) named.emplace(p.row, p.col);
  named.insert(rows.quiet_cells.begin(), rows.quiet_cells.end());
  std::set<std::pair<int, int>> numeric(rows.numeric_cells.begin(), rows.numeric_cells.end());
  for (const auto& p : result.problems) {
    if (p.file == csv_rel && p.line >= 2 && static_cast<std::size_t>(p.line - 2) < rows.csv_rows.size()) {
      int row = rows.csv_rows[static_cast<std::size_t>(p.line - 2)];
      int col = 0;
      for (const auto& [name, c] : rows.columns)
        if (name == p.field) col = c;
      if (named.count({row, col})) continue;
      std::string message = (col ? p.field + "：" : "") + p.message;
      if (col && numeric.count({row, col}))
        message +=
            "（这一格在表格里是数字：如果原来是“01”这样的编号，开头的 0 已被 Excel "
            "去掉，请把这一列设成“文本”格式后重新录入）";
      rows.problems.push_back({rows.sheet, row, col, std::move(message)});
    } else if (p.file == header_rel && !header_rel.empty()) {
      Problem q = p;
      q.file = (target.src / p.file).string();
      rows.problems.push_back({"", 0, 0, q.to_string()});
    } else if (p.file == csv_rel) {
      rows.problems.push_back({rows.sheet, 0, 0, p.message});
    }
    // site.yaml's own problems (guides missing from this scratch folder, say) are `check SRC`'s.
  }
  return true;
}

}  // namespace bianmin::sheets
