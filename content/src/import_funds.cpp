// funds/*.yaml + funds/*.csv: fund publications (资金公示). The header names its CSV of rows;
// rows are checked (village and group known, money is money, totals add up, no raw
// identifiers outside the identity columns) and de-identified here, at publish time.
//
// Streams the CSV one record at a time and does constant work per row (hash lookups), so a
// county's million rows import in linear time.
#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <unordered_map>

#include "bianmin/base/money.hpp"
#include "bianmin/content/deidentify.hpp"
#include "bianmin/content/fund_columns.hpp"
#include "csv.hpp"
#include "import_common.hpp"
#include "text_encoding.hpp"

namespace bianmin::content {

namespace {

std::string trim(std::string_view s) { return trim_spaces(s); }

// Columns a CSV may have. Identity columns hold raw identifiers by design (masked or dropped
// at build); every other column is refused if it holds one.
enum Col {
  kVillage,
  kGroup,
  kName,
  kIdNumber,
  kAccount,
  kPhone,
  kQuantity,
  kAmount,
  kPaidDate,
  kRemark,
  kAddress,
  kProjectName,
  kPlace,
  kBudget,
  kSpent,
  kContractor,
  kProgress,
  kAcceptance,
  kColCount
};

// The column table (public, so templates and sheet mappings use the same names).
constexpr FundColumnType kT = FundColumnType::Text;
constexpr FundColumn kHouseholdColumns[] = {
    {kVillage, "村", "village", true, false, true, kT, "青石村"},
    {kGroup, "组", "group", true, false, true, kT, "第一村民小组"},
    {kName, "姓名", "name", true, true, true, kT, "张三"},
    // GB 11643's own example number (a valid check digit, nobody's ID).
    {kIdNumber, "身份证号", "id_number", false, true, true, FundColumnType::Id, "11010519491231002X"},
    {kAccount, "银行账号", "account", false, true, true, FundColumnType::Account, "6222020200001234567"},
    {kPhone, "联系电话", "phone", false, true, true, FundColumnType::Phone, "13800138000"},
    {kQuantity, "数量", "quantity", false, false, true, FundColumnType::Quantity, "5.5"},
    {kAmount, "金额", "amount", true, false, true, FundColumnType::Money, "580.80"},
    {kPaidDate, "发放日期", "paid_date", false, false, true, FundColumnType::Date, "2026-11-11"},
    {kRemark, "备注", "remark", false, false, true, kT, ""},
    // Addresses below group level are never published: accepted (so an existing spreadsheet
    // works) and dropped.
    {kAddress, "住址", "address", false, true, false, kT, ""},
    {kAddress, "家庭住址", "home_address", false, true, false, kT, ""},
    {kAddress, "地址", "addr", false, true, false, kT, ""},
};
constexpr FundColumn kProjectColumns[] = {
    {kVillage, "村", "village", true, false, true, kT, "青石村"},
    {kProjectName, "项目名称", "name", true, false, true, kT, "青石村通组道路硬化"},
    {kPlace, "地点", "place", false, false, true, kT, "第一村民小组"},
    {kBudget, "预算", "budget", false, false, true, FundColumnType::Money, "386000.00"},
    {kSpent, "已支出", "spent", true, false, true, FundColumnType::Money, "379420.50"},
    {kContractor, "承建单位", "contractor", false, false, true, kT, "云溪县通达路桥工程有限公司"},
    {kProgress, "进度", "progress", false, false, true, kT, "已完工"},
    {kAcceptance, "验收", "acceptance", false, false, true, kT, "2026-09-28 验收合格"},
    {kRemark, "备注", "remark", false, false, true, kT, ""},
};

// The largest sum of a publication's amounts (fen): ten trillion yuan, far above any real fund
// and far below where 64-bit sums (here and in SQL) overflow.
constexpr int64_t kMaxTotalFen = int64_t{1000000000000000};

bool is_identity(Col c) { return c == kName || c == kIdNumber || c == kAccount || c == kPhone || c == kAddress; }

bool plain_number(std::string_view s) {  // digits with an optional decimal part
  if (s.empty()) return false;
  std::size_t dot = s.find('.');
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
  return dot != 0 && dot != s.size() - 1;
}

bool id_shaped(std::string_view s) {  // 15 or 18 characters of digits, X or * (masked), folded
  if (s.size() != 15 && s.size() != 18) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= '0' && c <= '9') || c == '*' || (i == s.size() - 1 && (c == 'X' || c == 'x'));
    if (!ok) return false;
  }
  return true;
}

struct Decoded {
  std::string storage;  // owns converted text when the source was GB18030
  std::string_view text;
  bool ok = false;
};

Decoded decode(const std::string& bytes, const std::string& encoding, const std::string& rel, Problems& problems) {
  Decoded d;
  std::string_view view(bytes);
  bool declared_utf8 = encoding == "utf-8";
  bool declared_gb = encoding == "gb18030" || encoding == "gbk";
  bool had_bom = text::strip_utf8_bom(view);
  std::size_t bad = utf8::find_invalid(view);
  if (declared_utf8 || had_bom || (!declared_gb && bad == utf8::npos)) {
    if (bad != utf8::npos) {
      problems.push_back({rel, text::line_at(view, bad), "",
                          "文件不是 UTF-8 编码（这一行有无法识别的字节）。用 Excel 保存的表格多是 "
                          "GB18030/GBK 编码：请在公示的 .yaml 里写 encoding: gb18030，或另存为 UTF-8"});
      return d;
    }
    d.text = view;
  } else {
    auto converted = text::gb18030_to_utf8(bytes);
    if (!converted) {
      problems.push_back({rel, converted.error().line, "",
                          declared_gb ? converted.error().message
                                      : "文件既不是 UTF-8 也不是 GB18030/GBK 编码，无法识别；请另存为 UTF-8"});
      return d;
    }
    d.storage = std::move(converted.value());
    d.text = d.storage;
  }
  if (std::size_t nul = d.text.find('\0'); nul != std::string_view::npos) {
    problems.push_back({rel, text::line_at(d.text, nul), "",
                        "这一行有空字符（NUL）：表格软件导出的文件坏了，或选错了编码；请另存为 UTF-8 的 CSV 后再试"});
    return d;
  }
  d.ok = true;
  return d;
}

}  // namespace

std::span<const FundColumn> fund_columns(FundKind kind) {
  if (kind == FundKind::Project) return kProjectColumns;
  return kHouseholdColumns;
}

void import_funds(ImportContext& ctx) {
  static const std::vector<std::string> kEncodings = {"utf-8", "gb18030", "gbk"};
  std::set<std::string> village_ids;
  for (const auto& v : ctx.content.site.villages) village_ids.insert(v.id);
  std::unordered_map<std::string, std::string> id_file;

  for (const auto& path : yaml_files(ctx.root / "funds")) {
    const std::string rel = relative_name(ctx, path);
    auto root = load_yaml(path, rel, ctx.problems);
    if (!root) continue;
    MapReader r(ctx.problems, rel, *root);
    FundPublication f;
    f.id = r.slug("id", Need::Required);
    if (!f.id.empty()) {
      auto [it, fresh] = id_file.emplace(f.id, rel);
      if (!fresh) r.problem("id", "公示编号“" + f.id + "”和 " + it->second + " 重复了");
    }
    f.title = r.text("title", Need::Required);
    f.kind = r.choice("kind", Need::Required, FundKind::Household);
    f.fund_type = r.text("fund_type", Need::Required);
    f.year = r.integer("year", Need::Required, 1949, 0);
    if (f.year > latest_allowed_year()) {
      r.problem("year", "年度 " + std::to_string(f.year) + " 太远了（最晚只能写到 " +
                            std::to_string(latest_allowed_year()) + " 年），是不是写错了？");
      f.year = 0;
    }
    f.department_id = r.slug("department", Need::Required);
    ctx.check_ref(r, "department", f.department_id, ctx.departments, "部门");
    f.policy_basis = r.text("policy_basis", Need::Required);
    f.standard = r.text("standard");
    f.unit = r.text("unit");
    f.period = r.text("period");
    f.village_ids = r.text_list("villages", Need::Required, true);
    ctx.check_ref_list(r, "villages", f.village_ids, village_ids, "村");
    {
      MapReader p = r.nested("publicity", Need::Required);
      f.publicity_start = p.date("start", Need::Required);
      f.publicity_end = p.date("end", Need::Required);
      if (!f.publicity_start.empty() && !f.publicity_end.empty() && f.publicity_end < f.publicity_start)
        p.problem("end", "公示结束日期 " + f.publicity_end + " 早于开始日期 " + f.publicity_start);
      p.finish();
    }
    ctx.note_date(f.publicity_start);
    {
      MapReader c = r.nested("complaint", Need::Required);
      f.complaint_phone = c.text("phone", Need::Required, Scan::NoMobiles);
      f.complaint_address = c.text("address");
      c.finish();
    }
    f.application_guide = r.text("application_guide");
    f.full_names = r.boolean("full_names", false);
    MaskOptions mask;
    {
      MapReader m = r.nested("mask");
      mask.id_keep_head = m.integer("id_keep_head", Need::Optional, 0, mask.id_keep_head);
      mask.id_keep_tail = m.integer("id_keep_tail", Need::Optional, 0, mask.id_keep_tail);
      mask.account_keep_tail = m.integer("account_keep_tail", Need::Optional, 0, mask.account_keep_tail);
      if (mask.id_keep_head > 6) m.problem("id_keep_head", "身份证号最多保留前6位（地区码），出生日期必须隐藏");
      if (mask.id_keep_tail > 4) m.problem("id_keep_tail", "身份证号最多保留后4位");
      if (mask.account_keep_tail > 4) m.problem("account_keep_tail", "银行账号最多保留后4位");
      m.finish();
    }
    f.catalogue_id = r.slug("catalogue", Need::Optional, true);
    ctx.check_ref(r, "catalogue", f.catalogue_id, ctx.catalogue, "公开目录");
    std::optional<int64_t> total = r.money("total");
    bool has_count = r.has("count");
    f.count = r.integer("count", Need::Optional, 0, 0);
    std::string rows_name = r.text("rows", Need::Required, Scan::None);
    int enc = r.choice("encoding", kEncodings, Need::Optional, -2);
    std::string encoding = enc >= 0 ? kEncodings[enc] : "";
    r.finish();

    if (!rows_name.empty() && (rows_name.find("..") != std::string::npos || rows_name[0] == '/')) {
      r.problem("rows", "明细文件要放在 funds/ 目录里，写文件名即可，如 gengdi-2026.csv");
      rows_name.clear();
    }
    if (rows_name.empty()) {
      ctx.content.funds.push_back(std::move(f));
      continue;
    }
    const std::string csv_rel = relative_name(ctx, ctx.root / "funds" / rows_name);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(ctx.root / "funds" / rows_name, ec)) {
      r.problem("rows", "找不到明细文件 " + csv_rel);
      ctx.content.funds.push_back(std::move(f));
      continue;
    }
    auto bytes = read_source_file(ctx.root / "funds" / rows_name, csv_rel, ctx.problems, kMaxCsvFileBytes);
    if (!bytes) {
      ctx.content.funds.push_back(std::move(f));
      continue;
    }
    Decoded text = decode(*bytes, encoding, csv_rel, ctx.problems);
    if (!text.ok) {
      ctx.content.funds.push_back(std::move(f));
      continue;
    }

    // ---- header line
    const bool household = f.kind == FundKind::Household;
    const auto columns = fund_columns(f.kind);
    CsvReader csv(text.text);
    std::vector<std::string> fields;
    if (!csv.next(fields) || !csv.error().empty()) {
      ctx.problems.push_back(
          {csv_rel, csv.line(), "", csv.error().empty() ? "明细文件是空的，第一行应该是列名" : csv.error()});
      ctx.content.funds.push_back(std::move(f));
      continue;
    }
    const int header_line = csv.line();
    const std::size_t ncols = fields.size();
    std::vector<int> col_of(ncols, -1);  // CSV column -> Col
    std::vector<std::string> col_name(ncols);
    int where[kColCount];
    std::fill(std::begin(where), std::end(where), -1);
    bool header_ok = true;
    for (std::size_t i = 0; i < ncols; ++i) {
      col_name[i] = trim(fields[i]);
      const FundColumn* match = nullptr;
      for (const auto& c : columns)
        if (col_name[i] == c.zh || col_name[i] == c.en) match = &c;
      if (!match) {
        std::string list;
        for (const auto& c : columns)
          if (c.col != kAddress) list += (list.empty() ? "" : "、") + std::string(c.zh);
        ctx.problems.push_back(
            {csv_rel, header_line, col_name[i], "不认识的列名“" + col_name[i] + "”（可用的列：" + list + "）"});
        header_ok = false;
        continue;
      }
      if (where[match->col] >= 0 && match->col != kAddress) {
        ctx.problems.push_back({csv_rel, header_line, col_name[i], "这一列出现了两次"});
        header_ok = false;
        continue;
      }
      where[match->col] = static_cast<int>(i);
      col_of[i] = match->col;
    }
    std::vector<Col> required = household ? std::vector<Col>{kVillage, kGroup, kName, kAmount}
                                          : std::vector<Col>{kVillage, kProjectName, kSpent};
    for (Col c : required) {
      if (where[c] >= 0) continue;
      for (const auto& cn : columns)
        if (cn.col == c) {
          ctx.problems.push_back({csv_rel, header_line, cn.zh, std::string("缺少必需的列“") + cn.zh + "”"});
          break;
        }
      header_ok = false;
    }
    if (!header_ok) {
      ctx.content.funds.push_back(std::move(f));
      continue;
    }

    // ---- rows
    int records = 0;
    bool sum_ok = true;
    int64_t sum = 0;
    auto cell = [&](Col c) -> const std::string& {
      static const std::string empty;
      return where[c] >= 0 ? fields[where[c]] : empty;
    };
    auto row_problem = [&](Col c, std::string message) {
      ctx.problems.push_back({csv_rel, csv.line(), col_name[where[c]], std::move(message)});
    };
    while (csv.next(fields)) {
      ++records;
      if (!csv.error().empty()) {
        ctx.problems.push_back({csv_rel, csv.line(), "", csv.error()});
        sum_ok = false;
        continue;
      }
      if (fields.size() != ncols) {
        ctx.problems.push_back({csv_rel, csv.line(), "",
                                "这一行有" + std::to_string(fields.size()) + "列，表头有" + std::to_string(ncols) +
                                    "列：" +
                                    (fields.size() > ncols ? "多了逗号？（字段里的逗号要用英文双引号把整个字段括起来）"
                                                           : "少了内容或逗号？")});
        sum_ok = false;
        continue;
      }
      for (auto& s : fields) s = trim(s);
      bool cells_ok = true;
      for (std::size_t i = 0; i < ncols; ++i) {
        if (fields[i].empty()) continue;
        std::size_t invisible = 0;
        fields[i] = trim(strip_invisible(fields[i], &invisible));
        if (invisible > 0)
          ctx.problems.push_back({csv_rel, csv.line(), col_name[i], invisible_warning(invisible), Severity::Warning});
        const Col col = static_cast<Col>(col_of[i]);
        std::string bad = control_character_problem(fields[i]);
        if (bad.empty()) bad = length_problem(fields[i], kMaxTextChars, "这一格");
        if (bad.empty() && (col == kName || col == kVillage || col == kGroup || col == kProjectName))
          bad = pictograph_problem(fields[i], "这一格");
        if (!bad.empty()) {
          ctx.problems.push_back({csv_rel, csv.line(), col_name[i], bad});
          fields[i].clear();
          cells_ok = false;
          continue;
        }
        // Raw identifiers outside the identity columns, and in the name column (a name is
        // published whole when full_names is set, and a masked number still shows digits).
        Col c = static_cast<Col>(col_of[i]);
        if (is_identity(c) && c != kName) continue;
        if (auto raw = find_raw_identifier(fields[i])) {
          ctx.problems.push_back({csv_rel, csv.line(), col_name[i],
                                  std::string("这一列不能出现") + label(raw->kind) + "（" + raw->text +
                                      "）：个人信息只能写在身份证号、银行账号、联系电话列"});
        }
      }
      if (!cells_ok) sum_ok = false;
      // Village (id or name, one of the header's villages) and group (within the village).
      std::string vid = ctx.village_id(cell(kVillage));
      std::size_t vindex = 0;
      if (cell(kVillage).empty()) {
        row_problem(kVillage, "村不能为空");
      } else if (vid.empty()) {
        if (ctx.site_ok) row_problem(kVillage, "村“" + cell(kVillage) + "”在 site.yaml 的 villages 里没有");
      } else {
        vindex = ctx.village_index.at(cell(kVillage));
        if (!f.village_ids.empty() && std::find(f.village_ids.begin(), f.village_ids.end(), vid) == f.village_ids.end())
          row_problem(kVillage, "村“" + cell(kVillage) + "”不在这份公示的 villages 列表里");
      }
      auto money_cell = [&](Col c, bool required_cell) -> int64_t {
        const std::string& v = cell(c);
        if (v.empty()) {
          if (required_cell) {
            row_problem(c, col_name[where[c]] + "不能为空");
            sum_ok = false;
          }
          return 0;
        }
        auto fen = parse_money(v);
        if (!fen) {
          row_problem(c, money_problem(v));
          sum_ok = false;
          return 0;
        }
        return *fen;
      };

      // The sum is checked: rows that add up past what a 64-bit number holds are refused here,
      // not left to overflow into a garbage total (or fail the build later).
      auto add_to_sum = [&](Col c, int64_t fen) {
        if (!sum_ok) return;
        if (__builtin_add_overflow(sum, fen, &sum) || sum > kMaxTotalFen) {
          row_problem(c, "各行金额加到这一行已超过 " + money::format_yuan_plain(kMaxTotalFen) +
                             " 元，超出能处理的范围；请检查金额是否多写了位数");
          sum_ok = false;
        }
      };
      if (household) {
        FundRow row;
        row.row_no = records;
        row.village_id = vid;
        if (!vid.empty()) {
          const auto& groups = ctx.group_ids[vindex];
          auto it = groups.find(cell(kGroup));
          if (cell(kGroup).empty())
            row_problem(kGroup, "组不能为空");
          else if (it == groups.end())
            row_problem(kGroup, "村民小组“" + cell(kGroup) + "”在 site.yaml 的这个村里没有");
          else
            row.group_id = it->second;
        }
        if (cell(kName).empty()) row_problem(kName, "姓名不能为空（只有空格也算空）");
        row.beneficiary = f.full_names ? cell(kName) : mask_name(cell(kName));
        if (!cell(kIdNumber).empty()) {
          // Fullwidth digits (what a Chinese input method types) are the same number.
          std::string id = fold_identifier_text(cell(kIdNumber));
          id.erase(std::remove(id.begin(), id.end(), ' '), id.end());
          if (!id_shaped(id)) {
            row_problem(kIdNumber,
                        "身份证号应该是18位（最后一位可以是X），现在是" + std::to_string(utf8::length(id)) + "位");
          } else {
            row.id_masked = mask_id_number(id, mask);
          }
        }
        if (!cell(kAccount).empty()) {
          std::string account = fold_identifier_text(cell(kAccount));
          bool digits = std::all_of(account.begin(), account.end(), [](char ch) {
            return (ch >= '0' && ch <= '9') || ch == ' ' || ch == '-' || ch == '*';
          });
          if (!digits)
            row_problem(kAccount, "银行账号只能是数字（可以用空格或“-”分组），现在是" +
                                      std::to_string(utf8::length(account)) + "个字符的“" + mask_name(account) + "”");
          else
            row.account_masked = mask_bank_account(account, mask);
        }
        // kPhone and kAddress are never stored.
        if (!cell(kQuantity).empty()) {
          const std::string& q = cell(kQuantity);
          if (!plain_number(q) || std::min(q.find('.'), q.size()) > 9)
            row_problem(kQuantity, "数量应该是不小于0、小于十亿的数字，如 5.5，现在是“" + q + "”");
          else
            row.quantity = std::strtod(q.c_str(), nullptr);
        }
        row.amount_fen = money_cell(kAmount, true);
        add_to_sum(kAmount, row.amount_fen);
        if (!cell(kPaidDate).empty()) {
          if (std::string p = date_problem(cell(kPaidDate), "发放日期"); p.empty())
            row.paid_date = cell(kPaidDate);
          else
            row_problem(kPaidDate, p);
        }
        row.remark = cell(kRemark);
        f.rows.push_back(std::move(row));
      } else {
        FundProject p;
        p.row_no = records;
        p.village_id = vid;
        p.name = cell(kProjectName);
        if (p.name.empty()) row_problem(kProjectName, "项目名称不能为空");
        p.place = cell(kPlace);
        p.budget_fen = money_cell(kBudget, false);
        p.spent_fen = money_cell(kSpent, true);
        add_to_sum(kSpent, p.spent_fen);
        p.contractor = cell(kContractor);
        p.progress = cell(kProgress);
        p.acceptance = cell(kAcceptance);
        p.remark = cell(kRemark);
        f.projects.push_back(std::move(p));
      }
    }

    if (has_count && f.count != records)
      r.problem("count", "合计条数写的是" + std::to_string(f.count) + "条，明细文件 " + csv_rel + " 里有" +
                             std::to_string(records) + "条");
    if (!has_count) f.count = records;
    if (total && *total > kMaxTotalFen) {
      r.problem("total", "合计金额超过 " + money::format_yuan_plain(kMaxTotalFen) +
                             " 元，超出能处理的范围；请检查是否多写了位数");
    } else if (total && sum_ok && *total != sum)
      r.problem("total", "合计金额写的是" + money::format_yuan_plain(*total) + "元，明细各行" +
                             (household ? "金额" : "已支出") + "加起来是" + money::format_yuan_plain(sum) + "元，相差" +
                             money::format_yuan_plain(*total > sum ? *total - sum : sum - *total) + "元");
    f.total_fen = total ? *total : sum;
    ctx.content.funds.push_back(std::move(f));
  }
}

}  // namespace bianmin::content
