// The console's publishing workflow (see publish_flow.hpp).
#include "publish_flow.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "bianmin/base/process.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/enums.hpp"
#include "bianmin/content/fund_columns.hpp"
#include "bianmin/content/importer.hpp"
#include "bianmin/base/money.hpp"
#include "bianmin/sheets/fund_sheet.hpp"
#include "bianmin/sheets/fund_template.hpp"
#include "change_report.hpp"
#include "item_form.hpp"
#include "sealed_key.hpp"

namespace bianmin::console {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

void reply(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(), "application/json; charset=utf-8");
}
void refuse(httplib::Response& res, int status, const std::string& message) {
  reply(res, status, json{{"error", message}});
}

json body_of(const httplib::Request& req) {
  json in = json::parse(req.body, nullptr, false);
  return in.is_object() ? in : json();
}
std::string str(const json& in, const char* key) {
  return in.is_object() && in.contains(key) && in[key].is_string() ? in[key].get<std::string>() : std::string();
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
bool write_file(const fs::path& p, const std::string& text) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush()) return false;
  }
  fs::rename(tmp, p, ec);
  return !ec;
}

// The source files a clerk may upload or download: the content's YAML and CSV, by folder.
bool source_path_ok(const std::string& p) {
  static const std::regex ok(
      R"(^(site\.yaml|(guides|cards|funds|policies|notices)/[A-Za-z0-9_.-]{1,80}\.(yaml|csv))$)");
  return std::regex_match(p, ok) && p.find("..") == std::string::npos;
}

json problems_json(const Problems& ps) {
  json out = json::array();
  for (const auto& p : ps) out.push_back(p.to_string());
  return out;
}

// The problems of one file by field, for the form to show each next to its field
// ("materials[2].name", "time_limit.promised_days", "total").
json field_problems(const Problems& ps, const std::string& file) {
  json out = json::array();
  for (const auto& p : ps)
    if (p.file == file) out.push_back({{"field", p.field}, {"line", p.line}, {"message", p.message}});
  return out;
}

// What the forms choose from: the reference data of the change's own site.yaml.
json site_json(const content::ContentSet& c) {
  auto pairs = [](const auto& items) {
    json out = json::array();
    for (const auto& i : items) out.push_back({{"id", i.id}, {"name", i.name}});
    return out;
  };
  json guides = json::array();
  for (const auto& g : c.guides) guides.push_back({{"id", g.code}, {"name", g.name}});
  return {{"departments", pairs(c.departments)},          {"topics", pairs(c.topics)},
          {"life_events", pairs(c.life_events)},          {"catalogue", pairs(c.catalogue)},
          {"villages", pairs(c.site.villages)},           {"guides", guides},
          {"allowed_url_hosts", c.site.allowed_url_hosts}};
}

// The hall's date and time (UTC+8) for the kiosk's --today/--time.
std::pair<std::string, std::string> hall_now(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t + 8 * 3600);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char d[16], h[8];
  std::strftime(d, sizeof d, "%Y-%m-%d", &tm);
  std::strftime(h, sizeof h, "%H:%M", &tm);
  return {d, h};
}

// Runs the kiosk to one picture; false (with its output in `log`) when it fails or takes
// longer than a minute.
bool render(const std::vector<std::string>& argv, fs::path log) {
  auto pid = process::spawn(argv, log, {{"SDL_AUDIODRIVER", "dummy"}, {"SDL_VIDEODRIVER", "offscreen"}});
  if (!pid) return false;
  for (int i = 0; i < 600; ++i) {
    int status = 0;
    pid_t r = waitpid(*pid, &status, WNOHANG);
    if (r == *pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (r < 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(*pid, SIGKILL);
  process::wait(*pid);
  return false;
}

json change_json(const Change& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"author", c.author},
          {"author_name", c.author_name},
          {"state", state_word(c.state)},
          {"state_label", state_label(c.state)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"reviewer", c.reviewer},
          {"reviewer_name", c.reviewer_name},
          {"comment", c.comment},
          {"version", c.version}};
}

// What one publication column is fed from, for the mapping form.
json columns_json(content::FundKind kind) {
  json out = json::array();
  for (const auto& c : content::fund_columns(kind))
    if (c.in_template) out.push_back({{"name", c.zh}, {"required", c.required}});
  return out;
}

}  // namespace

std::string preview_unavailable(const fs::path& kiosk) {
  if (kiosk.empty())
    return "本中心没有设置生成预览图的程序（hub.toml 的 "
           "publish.preview_kiosk），所以没有预览图；内容照样可以提交和发布";
  if (access(kiosk.c_str(), X_OK) != 0)
    return "本中心的服务器上没有安装 bianmin-kiosk（" + kiosk.string() +
           "），所以不能生成预览图；内容照样可以提交和发布。要看预览图，请管理员安装 bianmin-kiosk-bin"
           "（apt install bianmin-kiosk-bin：只装程序，不会把服务器变成终端）";
  return {};
}

Result<std::unique_ptr<PublishFlow>> PublishFlow::open(Console& console, StaffStore& staff, FlowOptions o) {
  auto changes = ChangeStore::open(o.db, o.changes_dir);
  if (!changes) return changes.error();
  return std::unique_ptr<PublishFlow>(new PublishFlow(console, staff, std::move(o), std::move(*changes)));
}

std::shared_ptr<const content::ImportResult> PublishFlow::imported(const fs::path& dir) {
  std::string fingerprint;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto size = it->file_size(ec);
    auto mtime = it->last_write_time(ec).time_since_epoch().count();
    fingerprint += it->path().string() + "\t" + std::to_string(size) + "\t" + std::to_string(mtime) + "\n";
  }
  {
    std::lock_guard lock(cache_mu_);
    auto hit = cache_.find(dir.string());
    if (hit != cache_.end() && hit->second.first == fingerprint) return hit->second.second;
  }
  auto r = std::make_shared<const content::ImportResult>(content::import_source(dir));
  std::lock_guard lock(cache_mu_);
  if (cache_.size() > 16) cache_.clear();  // a handful of open changes; never grows
  cache_[dir.string()] = {fingerprint, r};
  return r;
}

int64_t PublishFlow::now() const { return o_.clock ? o_.clock() : static_cast<int64_t>(std::time(nullptr)); }

void PublishFlow::routes(httplib::Server& srv) {
  const std::string base = "/console/api/changes";
  // The change named in the path, after the session and CSRF checks; answers 404 itself.
  struct Ctx {
    Session s;
    Change c;
  };
  auto open_change = [this](const httplib::Request& req, httplib::Response& res) -> std::optional<Ctx> {
    auto s = console_.require(req, res);
    if (!s) return std::nullopt;
    auto c = changes_->get(std::stoll(req.matches[1]));
    if (!c) {
      refuse(res, 404, "没有这个修改");
      return std::nullopt;
    }
    return Ctx{*s, *c};
  };
  auto audit = [this](const Session& s, const std::string& action, const std::string& detail,
                      const httplib::Request& req) {
    staff_.audit(s.staff.user, action, detail, Console::address(req), now());
  };
  auto allowed = [](Action a, const Ctx& x, httplib::Response& res) {
    auto st = may(a, x.c, x.s.staff);
    if (!st) refuse(res, 403, st.error().message);
    return static_cast<bool>(st);
  };

  srv.Get(base, [this](const httplib::Request& req, httplib::Response& res) {
    auto s = console_.require(req, res);
    if (!s) return;
    json list = json::array();
    for (const auto& c : changes_->list()) list.push_back(change_json(c));
    auto key = sealed_key_id(o_.sealed_key);
    std::error_code ec;
    reply(res, 200,
          json{{"changes", list},
               {"channel", o_.channel},
               {"source_ok", fs::exists(o_.source / "site.yaml", ec)},
               {"key_id", key ? *key : std::string()},
               {"key_problem", key ? std::string() : key.error().message},
               {"previews", preview_unavailable(o_.kiosk).empty()},
               {"previews_problem", preview_unavailable(o_.kiosk)}});
  });
  srv.Post(base, [this, audit](const httplib::Request& req, httplib::Response& res) {
    auto s = console_.require(req, res);
    if (!s) return;
    if (s->staff.role != Role::Clerk) return refuse(res, 403, "只有经办人员可以准备修改");
    std::string title = str(body_of(req), "title");
    if (title.empty() || title.size() > 200) return refuse(res, 400, "请写一句话说明这次修改（200 字节以内）");
    std::error_code ec;
    if (!fs::exists(o_.source / "site.yaml", ec))
      return refuse(res, 503, "本中心的内容源目录还没有准备好（" + o_.source.string() + "），请联系管理员");
    auto live = content::import_source(o_.source);
    auto c = changes_->create(title, s->staff, o_.source, live.source_digest, now());
    if (!c) return refuse(res, 500, c.error().message);
    audit(*s, "新建修改", "#" + std::to_string(c->id) + " " + title, req);
    reply(res, 200, change_json(*c));
  });

  srv.Get(base + R"(/(\d{1,12}))", [this, open_change](const httplib::Request& req, httplib::Response& res) {
    auto x = open_change(req, res);
    if (!x) return;
    auto draft = imported(changes_->src(x->c.id));
    auto live = imported(o_.source);
    json j = change_json(x->c);
    j["problems"] = problems_json(draft->problems);
    j["warnings"] = problems_json(draft->warnings);
    j["report"] = report_json(compare(live->content, draft->content));
    j["stale"] = x->c.state != ChangeState::Published && live->source_digest != x->c.base_digest;
    json funds = json::array();
    for (const auto& f : draft->content.funds)
      funds.push_back({{"id", f.id}, {"title", f.title}, {"kind", content::enum_entry(f.kind).source}});
    j["funds"] = funds;
    json files = json::array();
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(changes_->src(x->c.id), ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string rel = fs::relative(it->path(), changes_->src(x->c.id)).generic_string();
      if (source_path_ok(rel)) files.push_back(rel);
    }
    std::sort(files.begin(), files.end());
    j["files"] = files;
    json pics = json::array();
    auto manifest = json::parse(read_file(changes_->work(x->c.id) / "preview" / "pictures.json"), nullptr, false);
    if (manifest.is_array()) pics = manifest;
    j["pictures"] = pics;
    // Pictures of an earlier state of the change (edited since): the page marks them stale.
    j["pictures_stale"] =
        !pics.empty() && read_file(changes_->work(x->c.id) / "preview" / "source.digest") != draft->source_digest;
    j["site"] = site_json(draft->content);
    j["previews_problem"] = preview_unavailable(o_.kiosk);
    reply(res, 200, j);
  });

  // A fund list from a spreadsheet into one publication of the change.
  srv.Post(base + R"(/(\d{1,12})/sheet)", [this, open_change, audit, allowed](const httplib::Request& req,
                                                                              httplib::Response& res) {
    auto x = open_change(req, res);
    if (!x || !allowed(Action::Edit, *x, res)) return;
    json in = body_of(req);
    std::string fund = str(in, "fund"), name = str(in, "name"), data;
    if (fund.empty()) return refuse(res, 400, "请选择要更新的资金公示");
    if (!sync::from_base64(str(in, "data"), data) || data.empty()) return refuse(res, 400, "没有收到表格文件");
    fs::path src = changes_->src(x->c.id);
    auto header = sheets::find_fund_header(src, fund);
    if (!header) return refuse(res, 400, header.error().to_string());
    std::string kind_word = content::enum_entry(header->kind).source;
    auto workbook = sheets::read_workbook_bytes(data, name.empty() ? "表格" : name);
    if (!workbook) return refuse(res, 400, workbook.error().message);

    // The column mapping: given now (and then remembered), else the one remembered for the kind.
    std::optional<sheets::ColumnMapping> mapping;
    bool given = in.contains("columns") && in["columns"].is_object() && !in["columns"].empty();
    if (given) {
      sheets::ColumnMapping m;
      m.kind = header->kind;
      for (const auto& [col, letters] : in["columns"].items())
        if (letters.is_string() && !letters.get<std::string>().empty()) m.columns.emplace_back(col, letters);
      if (in.contains("header_row") && in["header_row"].is_number_integer()) m.header_row = in["header_row"];
      auto checked = sheets::parse_mapping(sheets::mapping_text(m), "列对应");
      if (!checked) return refuse(res, 400, checked.error().message);
      mapping = *checked;
    } else if (auto text = changes_->mapping(kind_word)) {
      if (auto m = sheets::parse_mapping(*text, "列对应"); m && m->kind == header->kind) mapping = *m;
    }
    const sheets::ColumnMapping* mp = mapping ? &*mapping : nullptr;

    // The sheet: the one asked for, else the one visible sheet with the publication's columns.
    json sheet_names = json::array();
    const sheets::Sheet* sheet = nullptr;
    for (const auto& s : workbook->sheets)
      if (!s.hidden) sheet_names.push_back(s.name);
    if (std::string want = str(in, "sheet"); !want.empty()) {
      sheet = workbook->find(want);
      if (!sheet) return refuse(res, 400, "表格里没有名为“" + want + "”的工作表");
    } else {
      int visible = 0, with_header = 0;
      const sheets::Sheet *first = nullptr, *found = nullptr;
      for (const auto& s : workbook->sheets) {
        if (s.hidden) continue;
        ++visible;
        if (!first) first = &s;
        if (!sheets::read_fund_sheet(*workbook, s, header->kind, mp).columns.empty())
          ++with_header, found = found ? found : &s;
      }
      if (visible == 1)
        sheet = first;
      else if (with_header == 1)
        sheet = found;
      else
        return reply(res, 200,
                     json{{"ok", false},
                          {"pick_sheet", true},
                          {"sheets", sheet_names},
                          {"message", "表格里有好几张工作表，请选择放着名单的那一张"}});
    }
    auto rows = sheets::read_fund_sheet(*workbook, *sheet, header->kind, mp);
    json found = json::object();
    for (const auto& [zh, col] : rows.columns) found[zh] = sheets::column_letters(col);
    bool missing = rows.columns.empty();
    for (const auto& c : content::fund_columns(header->kind))
      if (c.required && c.in_template && !found.contains(c.zh)) missing = true;
    if (missing) {
      // A required column was not found by its name: the clerk says which column is which
      // (once per fund kind: remembered after a good import).
      json headers = json::array();
      int hr = rows.header_row;
      for (int r = 1; r <= std::min(sheet->max_row, 10) && !hr; ++r)
        for (int c = 1; c <= sheet->max_col; ++c)
          if (auto cell = sheet->at(r, c); cell && cell->type == sheets::CellType::Text) hr = r;
      for (int c = 1; hr && c <= sheet->max_col; ++c) {
        auto cell = sheet->at(hr, c);
        headers.push_back({{"letters", sheets::column_letters(c)}, {"text", cell ? cell->text : std::string()}});
      }
      return reply(res, 200,
                   json{{"ok", false},
                        {"need_mapping", true},
                        {"sheet", sheet->name},
                        {"header_row", hr},
                        {"headers", headers},
                        {"columns", columns_json(header->kind)},
                        {"found", found},
                        {"problems", json::array()},
                        {"message", "有的列没有认出：请告诉系统每一列是什么（同一类公示只需设置一次）"}});
    }
    (void)sheets::check_fund_sheet(rows, sheets::FundTarget{src, fund});
    if (!rows.problems.empty()) {
      json cells = json::array();
      for (const auto& p : rows.problems)
        cells.push_back({{"sheet", p.sheet},
                         {"row", p.row},
                         {"col", p.col},
                         {"column", p.col ? sheets::column_letters(p.col) : std::string()},
                         {"cell", p.row && p.col ? p.sheet + "!" + sheets::a1(p.row, p.col) : p.sheet},
                         {"message", p.message}});
      json lines = json::array();
      for (const auto& l : sheets::grouped_lines(name, rows.problems)) lines.push_back(l);
      audit(x->s, "导入表格未通过",
            "#" + std::to_string(x->c.id) + " " + fund + "：" + name + "，" + std::to_string(rows.problems.size()) +
                " 个问题",
            req);
      return reply(res, 200,
                   json{{"ok", false},
                        {"sheet", sheet->name},
                        {"problems", cells},
                        {"lines", lines},
                        {"message", "共发现 " + std::to_string(rows.problems.size()) +
                                        " 个问题，表格没有导入；请在表格里改好后再上传。"}});
    }
    if (!write_file(src / "funds" / header->rows_file, rows.csv)) return refuse(res, 500, "无法写入明细文件");
    if (given || !mapping)
      (void)changes_->set_mapping(kind_word, sheets::mapping_text(rows.mapping), x->s.staff.user, now());
    (void)changes_->touch(x->c.id, now());
    std::string done = "已从工作表“" + sheet->name + "”导入 " + std::to_string(rows.rows) + " 行";
    if (rows.total_row) done += "（第 " + std::to_string(*rows.total_row) + " 行的合计已和各行核对，没有导入）";
    if (rows.skipped_blank) done += "，跳过空行 " + std::to_string(rows.skipped_blank) + " 行";
    audit(x->s, "导入表格",
          "#" + std::to_string(x->c.id) + " " + fund + "：" + name + "，" + std::to_string(rows.rows) + " 行", req);
    reply(res, 200,
          json{{"ok", true},
               {"sheet", sheet->name},
               {"rows", rows.rows},
               {"message", done + "。"},
               {"problems", json::array()}});
  });

  // A source file (YAML or CSV) uploaded whole: bulk work, and what the forms do not cover.
  srv.Post(base + R"(/(\d{1,12})/file)", [this, open_change, audit, allowed](const httplib::Request& req,
                                                                             httplib::Response& res) {
    auto x = open_change(req, res);
    if (!x || !allowed(Action::Edit, *x, res)) return;
    json in = body_of(req);
    std::string path = str(in, "path");
    if (!source_path_ok(path))
      return refuse(
          res, 400,
          "文件名不对：应像 guides/xxx.yaml、funds/xxx.csv 这样，放在 guides、cards、funds、policies、notices 之一");
    bool remove = in.value("remove", false);
    fs::path target = changes_->src(x->c.id) / path;
    if (remove) {
      std::error_code ec;
      fs::remove(target, ec);
    } else if (!write_file(target, str(in, "text"))) {
      return refuse(res, 500, "无法写入 " + path);
    }
    (void)changes_->touch(x->c.id, now());
    audit(x->s, remove ? "删除源文件" : "上传源文件", "#" + std::to_string(x->c.id) + " " + path, req);
    reply(res, 200, json{{"ok", true}, {"problems", problems_json(imported(changes_->src(x->c.id))->problems)}});
  });
  srv.Get(base + R"(/(\d{1,12})/file)", [this, open_change](const httplib::Request& req, httplib::Response& res) {
    auto x = open_change(req, res);
    if (!x) return;
    std::string path = req.get_param_value("path");
    if (!source_path_ok(path)) return refuse(res, 400, "文件名不对");
    std::error_code ec;
    fs::path p = changes_->src(x->c.id) / path;
    if (!fs::is_regular_file(p, ec)) return refuse(res, 404, "没有这个文件");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition", "attachment; filename=\"" + fs::path(path).filename().string() + "\"");
    res.set_content(read_file(p), path.ends_with(".csv") ? "text/csv; charset=utf-8" : "text/yaml; charset=utf-8");
  });

  // Forms (notices, policies, cards): one YAML file's fields, and the fields written back;
  // the importer then checks the whole change.
  srv.Get(base + R"(/(\d{1,12})/item)", [this, open_change](const httplib::Request& req, httplib::Response& res) {
    auto x = open_change(req, res);
    if (!x) return;
    std::string path = req.get_param_value("path");
    if (!source_path_ok(path) || !path.ends_with(".yaml")) return refuse(res, 400, "文件名不对");
    auto fields = read_item(changes_->src(x->c.id) / path);
    if (!fields) return refuse(res, 400, fields.error().message);
    auto draft = imported(changes_->src(x->c.id));
    json out{{"path", path}, {"fields", *fields}, {"problems", field_problems(draft->problems, path)}};
    // A fund header: what its rows hold, for the form to set total and count against.
    if (path.starts_with("funds/") && fields->contains("id") && (*fields)["id"].is_string())
      for (const auto& f : draft->content.funds)
        if (f.id == (*fields)["id"].get<std::string>()) {
          int64_t sum = 0;
          for (const auto& r : f.rows) sum += r.amount_fen;
          for (const auto& p : f.projects) sum += p.spent_fen;
          out["rows_check"] = {{"rows", f.rows.size() + f.projects.size()},
                               {"total", money::format_yuan_plain(sum)},
                               {"kind", f.kind == content::FundKind::Project ? "project" : "household"}};
        }
    reply(res, 200, out);
  });
  srv.Post(base + R"(/(\d{1,12})/item)",
           [this, open_change, audit, allowed](const httplib::Request& req, httplib::Response& res) {
             auto x = open_change(req, res);
             if (!x || !allowed(Action::Edit, *x, res)) return;
             json in = body_of(req);
             std::string path = str(in, "path");
             if (!source_path_ok(path) || !path.ends_with(".yaml") || path == "site.yaml")
               return refuse(res, 400, "编号只能用小写字母、数字和短横线，例如 tingshui-2026-12-02");
             std::error_code ec;
             if (in.value("remove", false)) {
               // Refused while another file still names the item: the clerk reads where, beside
               // the 删除 button, and changes that file first.
               auto left = remove_unused_item(changes_->src(x->c.id), path);
               if (!left) return refuse(res, 400, left.error().message);
               if (!left->empty()) {
                 json where = json::array();
                 for (const auto& p : *left) where.push_back(p.to_string());
                 return reply(res, 409,
                              json{{"error", "没有删除：别处还用着它。先改好下面这些地方，再删除"}, {"in_use", where}});
               }
               (void)changes_->touch(x->c.id, now());
               audit(x->s, "删除条目", "#" + std::to_string(x->c.id) + " " + path, req);
               return reply(res, 200,
                            json{{"ok", true},
                                 {"removed", path},
                                 {"all_problems", problems_json(imported(changes_->src(x->c.id))->problems)}});
             }
             if (!in.contains("fields") || !in["fields"].is_object()) return refuse(res, 400, "表单内容不对");
             bool is_new = !fs::exists(changes_->src(x->c.id) / path, ec);
             if (auto st = write_item(changes_->src(x->c.id) / path, in["fields"]); !st)
               return refuse(res, 400, st.error().message);
             (void)changes_->touch(x->c.id, now());
             audit(x->s, is_new ? "新建条目" : "修改条目", "#" + std::to_string(x->c.id) + " " + path, req);
             auto draft = imported(changes_->src(x->c.id));
             json mine = json::array();
             for (const auto& p : draft->problems)
               if (p.file == path) mine.push_back(p.to_string());
             reply(res, 200,
                   json{{"ok", mine.empty()},
                        {"problems", mine},
                        {"fields", field_problems(draft->problems, path)},
                        {"all_problems", problems_json(draft->problems)}});
           });

  // Preview pictures: the change built as the terminals will get it, shown by the kiosk itself.
  srv.Post(base + R"(/(\d{1,12})/preview)", [this, open_change](const httplib::Request& req, httplib::Response& res) {
    auto x = open_change(req, res);
    if (!x) return;
    if (auto why = preview_unavailable(o_.kiosk); !why.empty()) return refuse(res, 503, why);
    std::lock_guard lock(preview_mu_);
    content::ImportResult draft = *imported(changes_->src(x->c.id));
    if (!draft.problems.empty()) return refuse(res, 400, "还有问题没有改好，先改好再看预览");
    auto live = imported(o_.source);
    draft.content.content_version = content::default_content_version(draft);
    draft.content.published_at = content::default_published_at(draft);
    fs::path dir = changes_->work(x->c.id) / "preview";
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir / "state", ec);
    if (auto st = content::write_cache(draft.content, dir / "content.db"); !st)
      return refuse(res, 500, st.error().to_string());
    auto routes = preview_routes(compare(live->content, draft.content), draft.content, 2);
    auto [today, time] = hall_now(now());
    struct Variant {
      const char* name;
      const char* label;
      std::vector<std::string> args;
    };
    std::vector<Variant> variants = {{"hall", "大厅竖屏", {"--size", "1080x1920"}},
                                     {"hall-elder", "大厅竖屏·长辈模式", {"--size", "1080x1920", "--elder"}}};
    if (!o_.village_config.empty() && fs::exists(o_.village_config, ec))
      variants.push_back({"village", "村代办点平板", {"--config", o_.village_config.string()}});
    json pics = json::array();
    int n = 0, failed = 0;
    for (const auto& r : routes)
      for (const auto& v : variants) {
        std::string file = "p" + std::to_string(++n) + ".png";
        std::vector<std::string> argv = {o_.kiosk.string(), "--headless"};
        argv.insert(argv.end(), v.args.begin(), v.args.end());
        std::vector<std::string> rest = {"--content",     (dir / "content.db").string(),
                                         "--state-dir",   (dir / "state").string(),
                                         "--today",       today,
                                         "--time",        time,
                                         "--cups-server", (dir / "no-cupsd.sock").string(),
                                         "--route",       r.route,
                                         "--screenshot",  (dir / file).string()};
        argv.insert(argv.end(), rest.begin(), rest.end());
        if (!render(argv, dir / "kiosk.log")) {
          ++failed;
          continue;
        }
        pics.push_back({{"file", file}, {"title", r.title}, {"variant", v.label}, {"route", r.route}});
      }
    write_file(dir / "pictures.json", pics.dump());
    write_file(dir / "source.digest", draft.source_digest);  // the pictures show these exact bytes
    if (pics.empty()) return refuse(res, 500, "预览图没有生成（见 " + (dir / "kiosk.log").string() + "）");
    reply(res, 200, json{{"pictures", pics}, {"failed", failed}});
  });
  srv.Get(base + R"(/(\d{1,12})/preview/(p\d{1,3}\.png))",
          [this, open_change](const httplib::Request& req, httplib::Response& res) {
            auto x = open_change(req, res);
            if (!x) return;
            fs::path p = changes_->work(x->c.id) / "preview" / std::string(req.matches[2]);
            std::error_code ec;
            if (!fs::is_regular_file(p, ec)) return refuse(res, 404, "没有这张预览图");
            res.set_header("Cache-Control", "no-store");
            res.set_content(read_file(p), "image/png");
          });

  // The workflow.
  srv.Post(
      base + R"(/(\d{1,12})/(submit|withdraw|return|approve))",
      [this, open_change, audit, allowed](const httplib::Request& req, httplib::Response& res) {
        auto x = open_change(req, res);
        if (!x) return;
        const std::string what = req.matches[2];
        const std::string tag = "#" + std::to_string(x->c.id) + " " + x->c.title;
        json in = body_of(req);
        if (what == "submit") {
          if (!allowed(Action::Submit, *x, res)) return;
          auto draft = content::import_source(changes_->src(x->c.id));
          if (!draft.problems.empty())
            return refuse(res, 400, "还有 " + std::to_string(draft.problems.size()) + " 个问题没有改好，不能提交");
          (void)changes_->set_state(x->c.id, ChangeState::Submitted, nullptr, "", 0, now());
          audit(x->s, "提交审核", tag, req);
        } else if (what == "withdraw") {
          if (!allowed(Action::Withdraw, *x, res)) return;
          (void)changes_->set_state(x->c.id, ChangeState::Withdrawn, nullptr, "", 0, now());
          audit(x->s, "撤销修改", tag, req);
        } else if (what == "return") {
          if (!allowed(Action::Return, *x, res)) return;
          std::string comment = str(in, "comment");
          if (comment.empty()) return refuse(res, 400, "请写明退回的原因，经办人员好照着修改");
          (void)changes_->set_state(x->c.id, ChangeState::Returned, &x->s.staff, comment.substr(0, 1000), 0, now());
          audit(x->s, "退回修改", tag + "：" + comment.substr(0, 150), req);
        } else {
          if (!allowed(Action::Approve, *x, res)) {
            audit(x->s, "拒绝批准", tag + "：" + res.body.substr(0, 150), req);
            return;
          }
          if (o_.channel.empty() || !o_.publish) return refuse(res, 503, "本中心没有设置发布频道（--publish-channel）");
          std::lock_guard lock(publish_mu_);
          auto live = content::import_source(o_.source);
          if (live.source_digest != x->c.base_digest)
            return refuse(res, 409, "这个修改准备之后，又有别的修改发布了：请退回，由经办人员新建一个修改重新准备");
          auto draft = content::import_source(changes_->src(x->c.id));
          if (!draft.problems.empty()) return refuse(res, 400, "这个修改还有问题，不能发布");
          auto key = unseal_key(o_.sealed_key, str(in, "passphrase"));
          if (!key) {
            audit(x->s, "批准失败", tag + "：" + key.error().message, req);
            return refuse(res, 403, key.error().message);
          }
          draft.content.content_version = content::default_content_version(draft);
          draft.content.published_at = content::default_published_at(draft);
          fs::path db = changes_->work(x->c.id) / "publish.db";
          std::error_code ec;
          fs::create_directories(db.parent_path(), ec);
          auto written = content::write_cache(draft.content, db);
          Result<int64_t> version = written ? o_.publish(o_.channel, db, *key) : Result<int64_t>(written.error());
          wipe(*key);
          fs::remove(db, ec);
          if (!version) {
            audit(x->s, "发布失败", tag + "：" + version.error().message, req);
            return refuse(res, 500, "没有发布：" + version.error().message);
          }
          // The approved folder becomes the hall's source folder (the previous one is kept
          // beside it as <source>.previous).
          fs::path next = o_.source;
          next += ".next";
          fs::path prev = o_.source;
          prev += ".previous";
          fs::remove_all(next, ec);
          if (auto st = copy_folder(changes_->src(x->c.id), next); !st) return refuse(res, 500, st.error().message);
          fs::remove_all(prev, ec);
          fs::rename(o_.source, prev, ec);
          fs::rename(next, o_.source, ec);
          if (ec) return refuse(res, 500, "已发布，但源目录没有更新：" + ec.message());
          (void)changes_->set_state(x->c.id, ChangeState::Published, &x->s.staff, "", *version, now());
          audit(x->s, "批准发布",
                tag + "：频道 " + o_.channel + " 第 " + std::to_string(*version) + " 版（" +
                    draft.content.content_version + "，密钥 " + key->key_id + "）",
                req);
        }
        auto c = changes_->get(x->c.id);
        reply(res, 200, change_json(*c));
      });

  srv.Get(R"(/console/api/templates/(household|project)\.xlsx)",
          [this](const httplib::Request& req, httplib::Response& res) {
            if (!console_.require(req, res)) return;
            std::string kind = req.matches[1];
            auto k = content::from_source_word<content::FundKind>(kind);
            char tmpl[] = "/tmp/bianmin-template-XXXXXX";
            int fd = mkstemp(tmpl);
            if (fd < 0 || !k) return refuse(res, 500, "无法生成模板");
            close(fd);
            auto st = sheets::write_fund_template(tmpl, *k);
            std::string bytes = read_file(tmpl);
            unlink(tmpl);
            if (!st) return refuse(res, 500, st.error().message);
            res.set_header("Cache-Control", "no-store");
            res.set_header("Content-Disposition", "attachment; filename=\"template-" + kind + ".xlsx\"");
            res.set_content(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
          });
}

}  // namespace bianmin::console
