// The read-only query API over a content cache. See store.hpp for the promises and the
// order of every list; schema.cpp for the tables.
//
// Index: [Opening] [Site and reference data] [Guides] [Cards] [Funds] [Policies and notices]
// (Store::search lives in store_search.cpp.)
#include <algorithm>
#include <filesystem>
#include <limits>

#include "schema.hpp"
#include "store_internal.hpp"

namespace bianmin::content {

using sql::Stmt;

// -------------------------------------------------------------------------------------------
// [SECTION] Opening
// -------------------------------------------------------------------------------------------

Store::Store(sqlite3* db, std::filesystem::path path)
    : db_(db), path_(std::move(path)), queries_(std::make_unique<Queries>(db)) {}

Store::~Store() {
  queries_.reset();  // finalize every statement before closing
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Store>> Store::open_readonly(const std::filesystem::path& path) {
  using R = Result<std::unique_ptr<Store>>;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return R::fail(std::filesystem::exists(path, ec) ? "内容缓存不是普通文件" : "找不到内容缓存文件", path.string());
  }
  // mode=ro through a URI: SQLite opens the file O_RDONLY, so nothing can write it even by
  // mistake (no journal, no header update). Not immutable: a renamed-in replacement is seen
  // on reopen.
  const std::string uri = "file:" + sql::uri_escape_path(path.string()) + "?mode=ro";
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return R::fail("无法打开内容缓存: " + msg, path.string());
  }
  Status st = schema::check_cache(db, path.string());
  if (st) st = sql::exec(db, "PRAGMA query_only = 1");
  if (!st) {
    sqlite3_close_v2(db);
    return R(st.error());
  }
  return R(std::unique_ptr<Store>(new Store(db, path)));
}

// -------------------------------------------------------------------------------------------
// [SECTION] Site and reference data
// -------------------------------------------------------------------------------------------

namespace {

// All of meta as key/value (a dozen rows).
std::vector<std::pair<std::string, std::string>> read_meta(sql::StatementCache& stmts) {
  std::vector<std::pair<std::string, std::string>> out;
  auto s = stmts.get("SELECT key, value FROM meta ORDER BY key");
  while (s->step()) out.emplace_back(s->text(0), s->text(1));
  return out;
}

std::string meta_value(const std::vector<std::pair<std::string, std::string>>& meta, std::string_view key) {
  for (const auto& [k, v] : meta)
    if (k == key) return v;
  return {};
}

// The strings of a (owner, position, value) list table, in position order.
std::vector<std::string> read_list(sql::StatementCache& stmts, const char* sql_text, std::string_view owner) {
  std::vector<std::string> out;
  auto s = stmts.get(sql_text);
  s->bind(1, owner);
  while (s->step()) out.push_back(s->text(0));
  return out;
}

}  // namespace

CacheInfo Store::info() const {
  CacheInfo info;
  info.schema_version = static_cast<int>(sql::query_int(db_, "PRAGMA user_version", 0));
  auto meta = read_meta(queries_->stmts);
  info.content_version = meta_value(meta, "content_version");
  info.published_at = meta_value(meta, "published_at");
  info.township = meta_value(meta, "township");
  return info;
}

Status Store::check_intact() const {
  sql::Stmt s(db_, "PRAGMA quick_check(5)");
  std::string found;
  while (s.step()) {
    const std::string line = s.text(0);
    if (line == "ok") return Status::success();
    found += (found.empty() ? "" : "; ") + line;
  }
  if (found.empty()) found = s.error();  // the check itself could not read the file
  return Status::fail("内容缓存已损坏: " + found, path_.string());
}

ContentGlyphs Store::glyphs() const {
  ContentGlyphs g;
  auto s = queries_->stmts.get("SELECT face, chars FROM glyph_set");
  while (s->step()) {
    if (s->text(0) == "text")
      g.text = s->text(1);
    else if (s->text(0) == "heading")
      g.heading = s->text(1);
    else if (s->text(0) == "findable")
      g.findable = s->text(1);
  }
  return g;
}

Site Store::site() const {
  Site site;
  auto meta = read_meta(queries_->stmts);
  site.township = meta_value(meta, "township");
  site.county = meta_value(meta, "county");
  site.region_code = meta_value(meta, "region_code");
  site.hall.name = meta_value(meta, "hall_name");
  site.hall.address = meta_value(meta, "hall_address");
  site.hall.opening_hours = meta_value(meta, "hall_opening_hours");
  site.hall.phone = meta_value(meta, "hall_phone");
  site.hall.complaint_phone = meta_value(meta, "hall_complaint_phone");
  {
    auto s = queries_->stmts.get(
        "SELECT id, name, agent_point_address, agent_point_phone, agent_point_hours FROM village "
        "ORDER BY position");
    while (s->step()) {
      Village v;
      v.id = s->text(0);
      v.name = s->text(1);
      v.agent_point_address = s->text(2);
      v.agent_point_phone = s->text(3);
      v.agent_point_hours = s->text(4);
      site.villages.push_back(std::move(v));
    }
  }
  for (Village& v : site.villages) {
    auto s = queries_->stmts.get("SELECT id, name FROM village_group WHERE village_id = ? ORDER BY position");
    s->bind(1, v.id);
    while (s->step()) v.groups.push_back(VillageGroup{s->text(0), s->text(1)});
  }
  auto s = queries_->stmts.get("SELECT host FROM allowed_url_host ORDER BY position");
  while (s->step()) site.allowed_url_hosts.push_back(s->text(0));
  auto u = queries_->stmts.get("SELECT guide_code FROM most_used_guide ORDER BY position");
  while (u->step()) site.most_used_guides.push_back(u->text(0));
  return site;
}

namespace {
Department read_department(const Stmt& s) {
  return Department{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.i32(5)};
}
}  // namespace

std::vector<Department> Store::departments() const {
  std::vector<Department> out;
  auto s = queries_->stmts.get(
      "SELECT id, name, short_name, phone, hall_window, sort_order FROM department "
      // the hall's order first (order: 1 = most used); departments without one after them,
      // those with the most services first
      "ORDER BY sort_order = 0, sort_order, "
      "(SELECT count(*) FROM guide g WHERE g.department_id = department.id) DESC, name, id");
  while (s->step()) out.push_back(read_department(*s));
  return out;
}

std::optional<Department> Store::department(std::string_view id) const {
  auto s =
      queries_->stmts.get("SELECT id, name, short_name, phone, hall_window, sort_order FROM department WHERE id = ?");
  s->bind(1, id);
  if (!s->step()) return std::nullopt;
  return read_department(*s);
}

std::vector<Topic> Store::topics() const {
  std::vector<Topic> out;
  auto s = queries_->stmts.get("SELECT id, name, icon, sort_order FROM topic ORDER BY sort_order, name, id");
  while (s->step()) out.push_back(Topic{s->text(0), s->text(1), s->text(2), s->i32(3)});
  return out;
}

std::vector<LifeEvent> Store::life_events() const {
  std::vector<LifeEvent> out;
  {
    auto s = queries_->stmts.get(
        "SELECT id, name, stage, description, sort_order FROM life_event ORDER BY sort_order, name, id");
    while (s->step()) {
      LifeEvent e;
      e.id = s->text(0);
      e.name = s->text(1);
      e.stage = s->text(2);
      e.description = s->text(3);
      e.sort_order = s->i32(4);
      out.push_back(std::move(e));
    }
  }
  for (LifeEvent& e : out) {
    e.guide_codes = read_list(
        queries_->stmts, "SELECT guide_code FROM life_event_guide WHERE life_event_id = ? ORDER BY position", e.id);
  }
  return out;
}

std::vector<ColloquialName> Store::colloquial_names() const {
  std::vector<ColloquialName> out;
  auto s = queries_->stmts.get("SELECT entry, role, text FROM colloquial_name ORDER BY entry, role, position");
  int last = -1;
  while (s->step()) {
    if (s->i32(0) != last) {
      out.emplace_back();
      last = s->i32(0);
    }
    (s->text(1) == "name" ? out.back().names : out.back().means).push_back(s->text(2));
  }
  return out;
}

std::vector<CatalogueItem> Store::catalogue_items(std::string_view catalogue_id, std::string_view today) const {
  std::vector<CatalogueItem> out;
#define BIANMIN_CATALOGUE_BELOW                                                     \
  "WITH RECURSIVE below(id) AS (SELECT ?1 UNION SELECT c.id FROM catalogue_node c " \
  "JOIN below ON c.parent_id = below.id) "
  auto g = queries_->stmts.get(BIANMIN_CATALOGUE_BELOW
                               "SELECT g.code, g.name, coalesce(nullif(d.short_name, ''), d.name, '') FROM guide g "
                               "LEFT JOIN department d ON d.id = g.department_id "
                               "WHERE g.catalogue_id IN below ORDER BY g.code");
  g->bind(1, catalogue_id);
  while (g->step()) out.push_back(CatalogueItem{HitKind::Guide, g->text(0), g->text(1), g->text(2)});
  auto p = queries_->stmts.get(BIANMIN_CATALOGUE_BELOW
                               "SELECT id, title, doc_number, status FROM policy WHERE catalogue_id IN below "
                               "ORDER BY status = 'in_force' DESC, status = 'amended' DESC, date DESC, id");
  p->bind(1, catalogue_id);
  while (p->step()) {
    std::string context = p->text(2);
    PolicyStatus st = from_db_code<PolicyStatus>(p->text(3)).value_or(PolicyStatus::InForce);
    if (st != PolicyStatus::InForce) context += (context.empty() ? "" : " · ") + std::string(label(st));
    out.push_back(CatalogueItem{HitKind::Policy, p->text(0), p->text(1), context});
  }
  auto f = queries_->stmts.get(BIANMIN_CATALOGUE_BELOW
                               "SELECT id, title, year, fund_type, (publicity_start <> '' AND publicity_start <= ?2 "
                               "AND (publicity_end = '' OR ?2 <= publicity_end)) AS is_current FROM fund "
                               "WHERE catalogue_id IN below "
                               "ORDER BY is_current DESC, year DESC, publicity_start DESC, id");
#undef BIANMIN_CATALOGUE_BELOW
  f->bind(1, catalogue_id);
  f->bind(2, today);
  while (f->step()) {
    std::string context = f->i32(2) > 0 ? std::to_string(f->i32(2)) + "年" : std::string();
    if (!f->text(3).empty()) context += (context.empty() ? "" : " · ") + f->text(3);
    out.push_back(CatalogueItem{HitKind::Fund, f->text(0), f->text(1), context});
  }
  return out;
}

std::vector<CatalogueNode> Store::catalogue() const {
  std::vector<CatalogueNode> out;
  auto s =
      queries_->stmts.get("SELECT id, parent_id, name, sort_order FROM catalogue_node ORDER BY sort_order, name, id");
  while (s->step()) out.push_back(CatalogueNode{s->text(0), s->text(1), s->text(2), s->i32(3)});
  return out;
}

// -------------------------------------------------------------------------------------------
// [SECTION] Guides
// -------------------------------------------------------------------------------------------

namespace {

// Columns of a GuideSummary, from guide g left-joined with department d.
#define BIANMIN_GUIDE_SUMMARY_COLUMNS                                                          \
  "g.code, g.name, coalesce(nullif(d.short_name, ''), d.name, ''), g.visits, g.fully_online, " \
  "g.online_url <> '', g.village_handling "
#define BIANMIN_GUIDE_SUMMARY_FROM " FROM guide g LEFT JOIN department d ON d.id = g.department_id "

std::vector<GuideSummary> read_guide_summaries(Stmt& s) {
  std::vector<GuideSummary> out;
  while (s.step()) {
    GuideSummary g;
    g.code = s.text(0);
    g.name = s.text(1);
    g.department_short = s.text(2);
    g.visits = s.i32(3);
    g.fully_online = s.boolean(4);
    g.has_online_url = s.boolean(5);
    g.village_handling = from_db_code<VillageHandling>(s.text(6)).value_or(VillageHandling::None);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace

std::vector<GuideSummary> Store::guides_all() const {
  auto s = queries_->stmts.get("SELECT " BIANMIN_GUIDE_SUMMARY_COLUMNS BIANMIN_GUIDE_SUMMARY_FROM "ORDER BY g.code");
  return read_guide_summaries(*s);
}

std::vector<GuideSummary> Store::guides_by_department(std::string_view department_id) const {
  auto s = queries_->stmts.get("SELECT " BIANMIN_GUIDE_SUMMARY_COLUMNS BIANMIN_GUIDE_SUMMARY_FROM
                               "WHERE g.department_id = ? ORDER BY g.code");
  s->bind(1, department_id);
  return read_guide_summaries(*s);
}

std::vector<GuideSummary> Store::guides_by_topic(std::string_view topic_id) const {
  auto s = queries_->stmts.get("SELECT " BIANMIN_GUIDE_SUMMARY_COLUMNS BIANMIN_GUIDE_SUMMARY_FROM
                               "WHERE g.code IN (SELECT guide_code FROM guide_topic WHERE topic_id = ?) "
                               "ORDER BY g.code");
  s->bind(1, topic_id);
  return read_guide_summaries(*s);
}

std::vector<GuideSummary> Store::guides_by_life_event(std::string_view life_event_id) const {
  // The bundle's own order first; guides that name the event but are missing from the
  // bundle's list follow, by code.
  auto s =
      queries_->stmts.get("SELECT " BIANMIN_GUIDE_SUMMARY_COLUMNS
                          "FROM (SELECT guide_code, min(ord) AS ord FROM ("
                          "        SELECT guide_code, position AS ord FROM life_event_guide WHERE life_event_id = ?1"
                          "        UNION ALL"
                          "        SELECT guide_code, 1000000000 FROM guide_life_event WHERE life_event_id = ?1)"
                          "      GROUP BY guide_code) m"
                          " JOIN guide g ON g.code = m.guide_code"
                          " LEFT JOIN department d ON d.id = g.department_id "
                          "ORDER BY m.ord, g.code");
  s->bind(1, life_event_id);
  return read_guide_summaries(*s);
}

std::vector<GuideSummary> Store::guides_by_catalogue(std::string_view catalogue_id) const {
  auto s = queries_->stmts.get("SELECT " BIANMIN_GUIDE_SUMMARY_COLUMNS BIANMIN_GUIDE_SUMMARY_FROM
                               "WHERE g.catalogue_id = ? ORDER BY g.code");
  s->bind(1, catalogue_id);
  return read_guide_summaries(*s);
}

std::optional<ServiceGuide> Store::guide(std::string_view code) const {
  auto& stmts = queries_->stmts;
  ServiceGuide g;
  {
    auto s = stmts.get(
        "SELECT code, name, item_type, department_id, catalogue_id, summary, statutory_days, "
        "promised_days, immediate, free_of_charge, fee_standard, fee_basis, hall_window, address, hours, "
        "village_handling, online_url, fully_online, visits, result_name, result_delivery, consult_phone, "
        "complaint_phone, version, effective_date, updated_date FROM guide WHERE code = ?");
    s->bind(1, code);
    if (!s->step()) return std::nullopt;
    int i = 0;
    g.code = s->text(i++);
    g.name = s->text(i++);
    g.item_type = s->text(i++);
    g.department_id = s->text(i++);
    g.catalogue_id = s->text(i++);
    g.summary = s->text(i++);
    g.statutory_days = s->i32(i++);
    g.promised_days = s->i32(i++);
    g.immediate = s->boolean(i++);
    g.free_of_charge = s->boolean(i++);
    g.fee_standard = s->text(i++);
    g.fee_basis = s->text(i++);
    g.window = s->text(i++);
    g.address = s->text(i++);
    g.hours = s->text(i++);
    g.village_handling = from_db_code<VillageHandling>(s->text(i++)).value_or(VillageHandling::None);
    g.online_url = s->text(i++);
    g.fully_online = s->boolean(i++);
    g.visits = s->i32(i++);
    g.result_name = s->text(i++);
    g.result_delivery = s->text(i++);
    g.consult_phone = s->text(i++);
    g.complaint_phone = s->text(i++);
    g.version = s->text(i++);
    g.effective_date = s->text(i++);
    g.updated_date = s->text(i++);
  }
  g.serves = read_list(stmts, "SELECT serves FROM guide_serves WHERE guide_code = ? ORDER BY position", code);
  g.topic_ids = read_list(stmts, "SELECT topic_id FROM guide_topic WHERE guide_code = ? ORDER BY position", code);
  g.life_event_ids =
      read_list(stmts, "SELECT life_event_id FROM guide_life_event WHERE guide_code = ? ORDER BY position", code);
  g.conditions = read_list(stmts, "SELECT condition FROM guide_condition WHERE guide_code = ? ORDER BY position", code);
  g.promises = read_list(stmts, "SELECT promise FROM guide_promise WHERE guide_code = ? ORDER BY position", code);
  g.tips = read_list(stmts, "SELECT tip FROM guide_tip WHERE guide_code = ? ORDER BY position", code);
  {
    auto s = stmts.get("SELECT document, article FROM guide_legal_basis WHERE guide_code = ? ORDER BY position");
    s->bind(1, code);
    while (s->step()) g.legal_basis.push_back(LegalBasis{s->text(0), s->text(1)});
  }
  {
    auto s = stmts.get(
        "SELECT name, source, form, copies, medium, required, condition, notes, has_blank_form, has_sample "
        "FROM guide_material WHERE guide_code = ? ORDER BY position");
    s->bind(1, code);
    while (s->step()) {
      Material m;
      m.name = s->text(0);
      m.source = s->text(1);
      m.form = s->text(2);
      m.copies = s->i32(3);
      m.medium = s->text(4);
      m.required = s->boolean(5);
      m.condition = s->text(6);
      m.notes = s->text(7);
      m.has_blank_form = s->boolean(8);
      m.has_sample = s->boolean(9);
      g.materials.push_back(std::move(m));
    }
  }
  {
    auto s = stmts.get(
        "SELECT name, actor, description, time_limit FROM guide_process_step WHERE guide_code = ? "
        "ORDER BY position");
    s->bind(1, code);
    while (s->step()) g.process.push_back(ProcessStep{s->text(0), s->text(1), s->text(2), s->text(3)});
  }
  {
    auto s = stmts.get(
        "SELECT name, duration, counted_in_limit, charged FROM guide_special_step WHERE guide_code = ? "
        "ORDER BY position");
    s->bind(1, code);
    while (s->step()) g.special_steps.push_back(SpecialStep{s->text(0), s->text(1), s->boolean(2), s->boolean(3)});
  }
  {
    auto s = stmts.get("SELECT name, has_blank, has_sample FROM guide_form WHERE guide_code = ? ORDER BY position");
    s->bind(1, code);
    while (s->step()) g.forms.push_back(FormRef{s->text(0), s->boolean(1), s->boolean(2)});
  }
  {
    auto s = stmts.get("SELECT question, answer FROM guide_faq WHERE guide_code = ? ORDER BY position");
    s->bind(1, code);
    while (s->step()) g.faq.push_back(QA{s->text(0), s->text(1)});
  }
  return g;
}

// -------------------------------------------------------------------------------------------
// [SECTION] Cards
// -------------------------------------------------------------------------------------------

namespace {
#define BIANMIN_CARD_COLUMNS                                                                      \
  "SELECT id, title, guide_code, topic_id, who, where_to_go, when_to_go, how_long, cost, phone, " \
  "online_url, updated_date, money FROM card "

ConvenienceCard read_card(const Stmt& s) {
  ConvenienceCard c;
  c.id = s.text(0);
  c.title = s.text(1);
  c.guide_code = s.text(2);
  c.topic_id = s.text(3);
  c.who = s.text(4);
  c.where = s.text(5);
  c.when = s.text(6);
  c.how_long = s.text(7);
  c.cost = s.text(8);
  c.phone = s.text(9);
  c.online_url = s.text(10);
  c.updated_date = s.text(11);
  c.money = from_db_code<CardMoney>(s.text(12)).value_or(CardMoney::Pay);
  return c;
}
}  // namespace

std::vector<CardSummary> Store::cards() const {
  std::vector<CardSummary> out;
  auto s = queries_->stmts.get("SELECT id, title, topic_id FROM card ORDER BY title, id");
  while (s->step()) out.push_back(CardSummary{s->text(0), s->text(1), s->text(2)});
  return out;
}

std::optional<ConvenienceCard> Store::card(std::string_view id) const {
  std::optional<ConvenienceCard> c;
  {
    auto s = queries_->stmts.get(BIANMIN_CARD_COLUMNS "WHERE id = ?");
    s->bind(1, id);
    if (!s->step()) return std::nullopt;
    c = read_card(*s);
  }
  c->bring = read_list(queries_->stmts, "SELECT item FROM card_bring WHERE card_id = ? ORDER BY position", c->id);
  return c;
}

std::optional<ConvenienceCard> Store::card_for_guide(std::string_view guide_code) const {
  if (guide_code.empty()) return std::nullopt;  // '' marks standalone cards
  std::string id;
  {
    auto s = queries_->stmts.get("SELECT id FROM card WHERE guide_code = ? ORDER BY id LIMIT 1");
    s->bind(1, guide_code);
    if (!s->step()) return std::nullopt;
    id = s->text(0);
  }
  return card(id);
}

// -------------------------------------------------------------------------------------------
// [SECTION] Funds
// -------------------------------------------------------------------------------------------

const char* fund_rows_sql(bool by_village, bool by_group) {
  // A group's rows are one key range (the key is fund, village, group, row_no). A village's
  // or the whole publication's page comes in two steps: the page's keys from the index in
  // row order (a covering index: OFFSET skips small index entries, not rows), then those
  // rows by key (sorting just the page). INDEXED BY because without statistics the planner
  // may prefer walking the whole publication in key order.
#define BIANMIN_FUND_ROW_COLUMNS                                                                        \
  "SELECT row_no, village_id, group_id, beneficiary, id_masked, account_masked, quantity, amount_fen, " \
  "paid_date, remark FROM fund_row "
#define BIANMIN_FUND_ROW_KEYS \
  "WHERE (fund_id, village_id, group_id, row_no) IN (SELECT fund_id, village_id, group_id, row_no FROM fund_row "
  if (by_village && by_group) {
    return BIANMIN_FUND_ROW_COLUMNS
        "WHERE fund_id = ?1 AND village_id = ?2 AND group_id = ?3 AND row_no > ?6 ORDER BY row_no "
        "LIMIT ?4 OFFSET ?5";
  }
  if (by_village) {
    return BIANMIN_FUND_ROW_COLUMNS BIANMIN_FUND_ROW_KEYS
        "INDEXED BY fund_row_by_village WHERE fund_id = ?1 AND village_id = ?2 AND row_no > ?6 "
        "ORDER BY row_no LIMIT ?4 OFFSET ?5) ORDER BY row_no";
  }
  if (by_group) {  // a group id without its village (ids are unique per village only): rare
    return BIANMIN_FUND_ROW_COLUMNS
        "INDEXED BY fund_row_by_no WHERE fund_id = ?1 AND group_id = ?3 AND row_no > ?6 ORDER BY row_no "
        "LIMIT ?4 OFFSET ?5";
  }
  return BIANMIN_FUND_ROW_COLUMNS BIANMIN_FUND_ROW_KEYS
      "INDEXED BY fund_row_by_no WHERE fund_id = ?1 AND row_no > ?6 ORDER BY row_no LIMIT ?4 OFFSET ?5) "
      "ORDER BY row_no";
#undef BIANMIN_FUND_ROW_KEYS
#undef BIANMIN_FUND_ROW_COLUMNS
}

namespace {
// ?1 is today. A publication is current from its start through its end (an empty end: open).
#define BIANMIN_FUND_SUMMARY_COLUMNS                                                                   \
  "SELECT id, title, fund_type, year, kind, publicity_start, publicity_end, "                          \
  "(publicity_start <> '' AND publicity_start <= ?1 AND (publicity_end = '' OR ?1 <= publicity_end)) " \
  "AS is_current, total_fen, row_count FROM fund "
#define BIANMIN_FUND_SUMMARY_ORDER " ORDER BY is_current DESC, year DESC, publicity_start DESC, id"

std::vector<FundSummary> read_fund_summaries(Stmt& s) {
  std::vector<FundSummary> out;
  while (s.step()) {
    FundSummary f;
    f.id = s.text(0);
    f.title = s.text(1);
    f.fund_type = s.text(2);
    f.year = s.i32(3);
    f.kind = from_db_code<FundKind>(s.text(4)).value_or(FundKind::Household);
    f.publicity_start = s.text(5);
    f.publicity_end = s.text(6);
    f.current = s.boolean(7);
    f.total_fen = s.i64(8);
    f.count = s.i32(9);
    out.push_back(std::move(f));
  }
  return out;
}

FundRow read_fund_row(const Stmt& s) {
  FundRow r;
  r.row_no = s.i32(0);
  r.village_id = s.text(1);
  r.group_id = s.text(2);
  r.beneficiary = s.text(3);
  r.id_masked = s.text(4);
  r.account_masked = s.text(5);
  r.quantity = s.real(6);
  r.amount_fen = s.i64(7);
  r.paid_date = s.text(8);
  r.remark = s.text(9);
  return r;
}
}  // namespace

std::vector<FundSummary> Store::funds_all(std::string_view today) const {
  auto s = queries_->stmts.get(BIANMIN_FUND_SUMMARY_COLUMNS BIANMIN_FUND_SUMMARY_ORDER);
  s->bind(1, today);
  return read_fund_summaries(*s);
}

std::vector<FundSummary> Store::funds_for_village(std::string_view village_id, std::string_view today) const {
  auto s =
      queries_->stmts.get(BIANMIN_FUND_SUMMARY_COLUMNS
                          "WHERE id IN (SELECT fund_id FROM fund_village WHERE village_id = ?2 "
                          "UNION SELECT fund_id FROM fund_total WHERE village_id = ?2)" BIANMIN_FUND_SUMMARY_ORDER);
  s->bind(1, today).bind(2, village_id);
  return read_fund_summaries(*s);
}

std::optional<FundPublication> Store::fund_header(std::string_view id) const {
  FundPublication f;
  {
    auto s = queries_->stmts.get(
        "SELECT id, title, kind, fund_type, year, department_id, policy_basis, standard, unit, period, "
        "publicity_start, publicity_end, complaint_phone, complaint_address, application_guide, full_names, "
        "total_fen, row_count, catalogue_id FROM fund WHERE id = ?");
    s->bind(1, id);
    if (!s->step()) return std::nullopt;
    int i = 0;
    f.id = s->text(i++);
    f.title = s->text(i++);
    f.kind = from_db_code<FundKind>(s->text(i++)).value_or(FundKind::Household);
    f.fund_type = s->text(i++);
    f.year = s->i32(i++);
    f.department_id = s->text(i++);
    f.policy_basis = s->text(i++);
    f.standard = s->text(i++);
    f.unit = s->text(i++);
    f.period = s->text(i++);
    f.publicity_start = s->text(i++);
    f.publicity_end = s->text(i++);
    f.complaint_phone = s->text(i++);
    f.complaint_address = s->text(i++);
    f.application_guide = s->text(i++);
    f.full_names = s->boolean(i++);
    f.total_fen = s->i64(i++);
    f.count = s->i32(i++);
    f.catalogue_id = s->text(i++);
  }
  f.village_ids =
      read_list(queries_->stmts, "SELECT village_id FROM fund_village WHERE fund_id = ? ORDER BY position", f.id);
  return f;
}

std::vector<FundRow> Store::fund_rows(std::string_view fund_id, std::string_view village_id, std::string_view group_id,
                                      int offset, int limit) const {
  std::vector<FundRow> out;
  if (limit == 0) return out;
  if (offset < 0) offset = 0;
  // Continue from the nearest page end at or before `offset` (see Queries::RowCursor).
  auto& cursor = queries_->row_cursor;
  if (cursor.fund != fund_id || cursor.village != village_id || cursor.group != group_id) {
    cursor.fund = fund_id;
    cursor.village = village_id;
    cursor.group = group_id;
    cursor.checkpoints.clear();
  }
  int64_t after = std::numeric_limits<int64_t>::min();
  int skip = offset;
  if (auto it = cursor.checkpoints.upper_bound(offset); it != cursor.checkpoints.begin()) {
    --it;
    after = it->second;
    skip = offset - it->first;
  }
  auto s = queries_->stmts.get(fund_rows_sql(!village_id.empty(), !group_id.empty()));
  s->bind(1, fund_id)
      .bind(2, village_id)
      .bind(3, group_id)
      .bind(4, limit < 0 ? -1 : limit)
      .bind(5, skip)
      .bind(6, after);
  if (limit > 0) out.reserve(static_cast<size_t>(std::min(limit, 1000)));
  while (s->step()) out.push_back(read_fund_row(*s));
  if (!out.empty()) {
    if (cursor.checkpoints.size() >= 10000) cursor.checkpoints.clear();  // bounded memory
    cursor.checkpoints[offset + static_cast<int>(out.size())] = out.back().row_no;
  }
  return out;
}

FundTotals Store::fund_totals(std::string_view fund_id, std::string_view village_id, std::string_view group_id) const {
  FundTotals t;
  auto s = queries_->stmts.get(
      "SELECT coalesce(sum(row_count), 0), coalesce(sum(amount_fen), 0), total(quantity) FROM fund_total "
      "WHERE fund_id = ?1 AND (?2 = '' OR village_id = ?2) AND (?3 = '' OR group_id = ?3)");
  s->bind(1, fund_id).bind(2, village_id).bind(3, group_id);
  if (s->step()) {
    t.rows = s->i32(0);
    t.amount_fen = s->i64(1);
    t.quantity = s->real(2);
  }
  return t;
}

std::vector<FundProject> Store::fund_projects(std::string_view fund_id, std::string_view village_id) const {
  std::vector<FundProject> out;
  auto s = queries_->stmts.get(
      "SELECT row_no, village_id, name, place, budget_fen, spent_fen, contractor, progress, acceptance, remark "
      "FROM fund_project WHERE fund_id = ?1 AND (?2 = '' OR village_id = ?2) ORDER BY row_no");
  s->bind(1, fund_id).bind(2, village_id);
  while (s->step()) {
    FundProject p;
    p.row_no = s->i32(0);
    p.village_id = s->text(1);
    p.name = s->text(2);
    p.place = s->text(3);
    p.budget_fen = s->i64(4);
    p.spent_fen = s->i64(5);
    p.contractor = s->text(6);
    p.progress = s->text(7);
    p.acceptance = s->text(8);
    p.remark = s->text(9);
    out.push_back(std::move(p));
  }
  return out;
}

// -------------------------------------------------------------------------------------------
// [SECTION] Policies and notices
// -------------------------------------------------------------------------------------------

std::vector<PolicySummary> Store::policies() const {
  std::vector<PolicySummary> out;
  auto s = queries_->stmts.get(
      "SELECT id, title, doc_number, date, status FROM policy "
      "ORDER BY CASE status WHEN 'in_force' THEN 0 WHEN 'amended' THEN 1 ELSE 2 END, date DESC, id");
  while (s->step()) {
    out.push_back(PolicySummary{s->text(0), s->text(1), s->text(2), s->text(3),
                                from_db_code<PolicyStatus>(s->text(4)).value_or(PolicyStatus::InForce)});
  }
  return out;
}

std::optional<PolicyDocument> Store::policy(std::string_view id) const {
  auto& stmts = queries_->stmts;
  PolicyDocument p;
  {
    auto s =
        stmts.get("SELECT id, title, doc_number, issuer, date, status, body, catalogue_id FROM policy WHERE id = ?");
    s->bind(1, id);
    if (!s->step()) return std::nullopt;
    p.id = s->text(0);
    p.title = s->text(1);
    p.doc_number = s->text(2);
    p.issuer = s->text(3);
    p.date = s->text(4);
    p.status = from_db_code<PolicyStatus>(s->text(5)).value_or(PolicyStatus::InForce);
    p.body = s->text(6);
    p.catalogue_id = s->text(7);
  }
  p.attachments = read_list(stmts, "SELECT name FROM policy_attachment WHERE policy_id = ? ORDER BY position", p.id);
  p.topic_ids = read_list(stmts, "SELECT topic_id FROM policy_topic WHERE policy_id = ? ORDER BY position", p.id);
  auto s = stmts.get("SELECT question, answer FROM policy_qa WHERE policy_id = ? ORDER BY position");
  s->bind(1, p.id);
  while (s->step()) p.qa.push_back(QA{s->text(0), s->text(1)});
  return p;
}

std::vector<Notice> Store::notices_current(std::string_view today) const {
  std::vector<Notice> out;
  auto s = queries_->stmts.get(
      "SELECT id, title, body, start_date, end_date FROM notice "
      "WHERE (start_date = '' OR start_date <= ?1) AND (end_date = '' OR ?1 <= end_date) "
      "ORDER BY start_date DESC, id");
  s->bind(1, today);
  while (s->step()) out.push_back(Notice{s->text(0), s->text(1), s->text(2), s->text(3), s->text(4)});
  return out;
}

std::vector<Notice> Store::urgent_notices(std::string_view now) const {
  std::vector<Notice> out;
  if (info().schema_version < 6 || now.size() < 10) return out;
  auto s = queries_->stmts.get(
      "SELECT n.id, n.title, n.body, n.start_date, n.end_date, u.until FROM notice n "
      "JOIN notice_urgent u ON u.notice_id = n.id "
      "WHERE (n.start_date = '' OR n.start_date <= ?1) AND ?2 < u.until "
      "ORDER BY n.start_date DESC, n.id");
  s->bind(1, now.substr(0, 10));
  s->bind(2, now);
  while (s->step()) out.push_back(Notice{s->text(0), s->text(1), s->text(2), s->text(3), s->text(4), true, s->text(5)});
  return out;
}

}  // namespace bianmin::content
