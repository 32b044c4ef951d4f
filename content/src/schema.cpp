// The content cache schema, as a list of migrations.
//
// Index: [Version 1: content tables] [Version 2: fund totals] [Version 3: finding aids]
//        [Version 4: glyph set]
//        [Migration driver]
//        [Enum codes] [Checks]
//
// Conventions: every table is WITHOUT ROWID with a PRIMARY KEY of stable source ids, so a
// changeset between two caches names items by their ids and the rows of a table sit in key
// order on disk (a page of fund rows is a short sequential read). Text columns are NOT NULL
// ('' for empty). Enums are stored as short English codes, booleans as 0/1, money as
// integer fen. Never edit a released step: add a new one.
#include "schema.hpp"

#include "bianmin/base/sqlite.hpp"
#include "glyph_set.hpp"

namespace bianmin::content::schema {

namespace {

// -------------------------------------------------------------------------------------------
// [SECTION] Version 1: content tables
// -------------------------------------------------------------------------------------------
const char* kVersion1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,  -- content_version, published_at, township, county, region_code, hall_*
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE village (
  id                  TEXT PRIMARY KEY,
  position            INTEGER NOT NULL,  -- order in the site file (display order)
  name                TEXT NOT NULL,
  agent_point_address TEXT NOT NULL,
  agent_point_phone   TEXT NOT NULL,
  agent_point_hours   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE village_group (
  village_id TEXT NOT NULL,
  id         TEXT NOT NULL,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (village_id, id)
) WITHOUT ROWID;

CREATE TABLE allowed_url_host (
  host     TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE department (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  short_name  TEXT NOT NULL,
  phone       TEXT NOT NULL,
  hall_window TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE topic (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  icon       TEXT NOT NULL,
  sort_order INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE life_event (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  stage       TEXT NOT NULL,
  description TEXT NOT NULL,
  sort_order  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE life_event_guide (  -- LifeEvent::guide_codes, in the order a person does them
  life_event_id TEXT NOT NULL,
  position      INTEGER NOT NULL,
  guide_code    TEXT NOT NULL,
  PRIMARY KEY (life_event_id, position)
) WITHOUT ROWID;

CREATE TABLE catalogue_node (
  id         TEXT PRIMARY KEY,
  parent_id  TEXT NOT NULL,
  name       TEXT NOT NULL,
  sort_order INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE guide (
  code             TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  item_type        TEXT NOT NULL,
  department_id    TEXT NOT NULL,
  catalogue_id     TEXT NOT NULL,
  summary          TEXT NOT NULL,
  statutory_days   INTEGER NOT NULL,
  promised_days    INTEGER NOT NULL,
  immediate        INTEGER NOT NULL,
  free_of_charge   INTEGER NOT NULL,
  fee_standard     TEXT NOT NULL,
  fee_basis        TEXT NOT NULL,
  hall_window      TEXT NOT NULL,
  address          TEXT NOT NULL,
  hours            TEXT NOT NULL,
  village_handling TEXT NOT NULL,  -- none / direct / proxy / assist / inform_only
  online_url       TEXT NOT NULL,
  fully_online     INTEGER NOT NULL,
  visits           INTEGER NOT NULL,
  result_name      TEXT NOT NULL,
  result_delivery  TEXT NOT NULL,
  consult_phone    TEXT NOT NULL,
  complaint_phone  TEXT NOT NULL,
  version          TEXT NOT NULL,
  effective_date   TEXT NOT NULL,
  updated_date     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX guide_by_department ON guide (department_id);
CREATE INDEX guide_by_catalogue ON guide (catalogue_id);

CREATE TABLE guide_serves (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  serves     TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_topic (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  topic_id   TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;
CREATE INDEX guide_topic_by_topic ON guide_topic (topic_id);

CREATE TABLE guide_life_event (
  guide_code    TEXT NOT NULL, position INTEGER NOT NULL,
  life_event_id TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;
CREATE INDEX guide_life_event_by_event ON guide_life_event (life_event_id);

CREATE TABLE guide_legal_basis (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  document   TEXT NOT NULL,
  article    TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_condition (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  condition  TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_material (
  guide_code     TEXT NOT NULL, position INTEGER NOT NULL,
  name           TEXT NOT NULL,
  source         TEXT NOT NULL,
  form           TEXT NOT NULL,
  copies         INTEGER NOT NULL,
  medium         TEXT NOT NULL,
  required       INTEGER NOT NULL,
  condition      TEXT NOT NULL,
  notes          TEXT NOT NULL,
  has_blank_form INTEGER NOT NULL,
  has_sample     INTEGER NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_process_step (
  guide_code  TEXT NOT NULL, position INTEGER NOT NULL,
  name        TEXT NOT NULL,
  actor       TEXT NOT NULL,
  description TEXT NOT NULL,
  time_limit  TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_special_step (
  guide_code       TEXT NOT NULL, position INTEGER NOT NULL,
  name             TEXT NOT NULL,
  duration         TEXT NOT NULL,
  counted_in_limit INTEGER NOT NULL,
  charged          INTEGER NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_form (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  name       TEXT NOT NULL,
  has_blank  INTEGER NOT NULL,
  has_sample INTEGER NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_faq (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  question   TEXT NOT NULL,
  answer     TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE guide_promise (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  promise    TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;

CREATE TABLE card (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  guide_code   TEXT NOT NULL,  -- '' for a standalone card
  topic_id     TEXT NOT NULL,
  who          TEXT NOT NULL,
  where_to_go  TEXT NOT NULL,
  when_to_go   TEXT NOT NULL,
  how_long     TEXT NOT NULL,
  cost         TEXT NOT NULL,
  phone        TEXT NOT NULL,
  online_url   TEXT NOT NULL,
  updated_date TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX card_by_guide ON card (guide_code);

CREATE TABLE card_bring (
  card_id  TEXT NOT NULL, position INTEGER NOT NULL,
  item     TEXT NOT NULL,
  PRIMARY KEY (card_id, position)
) WITHOUT ROWID;

CREATE TABLE fund (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  kind              TEXT NOT NULL,  -- household / project
  fund_type         TEXT NOT NULL,
  year              INTEGER NOT NULL,
  department_id     TEXT NOT NULL,
  policy_basis      TEXT NOT NULL,
  standard          TEXT NOT NULL,
  unit              TEXT NOT NULL,
  period            TEXT NOT NULL,
  publicity_start   TEXT NOT NULL,
  publicity_end     TEXT NOT NULL,
  complaint_phone   TEXT NOT NULL,
  complaint_address TEXT NOT NULL,
  application_guide TEXT NOT NULL,
  full_names        INTEGER NOT NULL,
  total_fen         INTEGER NOT NULL,  -- as stated in the header
  row_count         INTEGER NOT NULL,  -- as stated in the header
  catalogue_id      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE fund_village (
  fund_id    TEXT NOT NULL, position INTEGER NOT NULL,
  village_id TEXT NOT NULL,
  PRIMARY KEY (fund_id, position)
) WITHOUT ROWID;
CREATE INDEX fund_village_by_village ON fund_village (village_id);

-- Household rows. A county cache holds about a million. The key clusters a publication's
-- rows by village and group, so the usual path (a village, then a group: "is my household on
-- the list") reads contiguous pages; (fund_id, row_no) stays unique and gives the
-- publication's row order; fund_row_by_village gives a village's rows in row order. The
-- secondary indexes carry the key's columns, so they cover the page queries in store.cpp.
CREATE TABLE fund_row (
  fund_id        TEXT NOT NULL,
  row_no         INTEGER NOT NULL,  -- 1-based position in the source CSV
  village_id     TEXT NOT NULL,
  group_id       TEXT NOT NULL,
  beneficiary    TEXT NOT NULL,
  id_masked      TEXT NOT NULL,
  account_masked TEXT NOT NULL,
  quantity       REAL NOT NULL,
  amount_fen     INTEGER NOT NULL,
  paid_date      TEXT NOT NULL,
  remark         TEXT NOT NULL,
  PRIMARY KEY (fund_id, village_id, group_id, row_no)
) WITHOUT ROWID;
CREATE UNIQUE INDEX fund_row_by_no ON fund_row (fund_id, row_no);
CREATE INDEX fund_row_by_village ON fund_row (fund_id, village_id, row_no);

CREATE TABLE fund_project (
  fund_id    TEXT NOT NULL,
  row_no     INTEGER NOT NULL,
  village_id TEXT NOT NULL,
  name       TEXT NOT NULL,
  place      TEXT NOT NULL,
  budget_fen INTEGER NOT NULL,
  spent_fen  INTEGER NOT NULL,
  contractor TEXT NOT NULL,
  progress   TEXT NOT NULL,
  acceptance TEXT NOT NULL,
  remark     TEXT NOT NULL,
  PRIMARY KEY (fund_id, row_no)
) WITHOUT ROWID;
CREATE INDEX fund_project_by_village ON fund_project (fund_id, village_id);

CREATE TABLE policy (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  doc_number   TEXT NOT NULL,
  issuer       TEXT NOT NULL,
  date         TEXT NOT NULL,
  status       TEXT NOT NULL,  -- in_force / abolished / amended
  body         TEXT NOT NULL,
  catalogue_id TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE policy_attachment (
  policy_id TEXT NOT NULL, position INTEGER NOT NULL,
  name      TEXT NOT NULL,
  PRIMARY KEY (policy_id, position)
) WITHOUT ROWID;

CREATE TABLE policy_qa (
  policy_id TEXT NOT NULL, position INTEGER NOT NULL,
  question  TEXT NOT NULL,
  answer    TEXT NOT NULL,
  PRIMARY KEY (policy_id, position)
) WITHOUT ROWID;

CREATE TABLE policy_topic (
  policy_id TEXT NOT NULL, position INTEGER NOT NULL,
  topic_id  TEXT NOT NULL,
  PRIMARY KEY (policy_id, position)
) WITHOUT ROWID;
CREATE INDEX policy_topic_by_topic ON policy_topic (topic_id);

CREATE TABLE notice (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// -------------------------------------------------------------------------------------------
// [SECTION] Version 2: fund totals
// -------------------------------------------------------------------------------------------
// Sums per (publication, village, group), derived from the rows when the cache is built, so
// the totals of a whole county-sized publication read a few hundred small rows instead of
// scanning a million. Project publications count projects and sum the amount spent (group
// '' only). The step fills the table from any rows already present.
const char* kVersion2 = R"sql(
CREATE TABLE fund_total (
  fund_id    TEXT NOT NULL,
  village_id TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  row_count  INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  quantity   REAL NOT NULL,
  PRIMARY KEY (fund_id, village_id, group_id)
) WITHOUT ROWID;
CREATE INDEX fund_total_by_village ON fund_total (village_id);
)sql";

// -------------------------------------------------------------------------------------------
// [SECTION] Version 3: what helps villagers find things
// -------------------------------------------------------------------------------------------
// Colloquial names (site.yaml colloquial_names: one entry = several names for several title
// words), the services people ask for most, and the order departments are listed in.
const char* kVersion3 = R"sql(
CREATE TABLE colloquial_name (
  entry    INTEGER NOT NULL,  -- position of the entry in site.yaml
  role     TEXT NOT NULL,     -- 'name' (what people say) or 'means' (words of official titles)
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (entry, role, position)
) WITHOUT ROWID;
CREATE TABLE most_used_guide (
  guide_code TEXT PRIMARY KEY,
  position   INTEGER NOT NULL
) WITHOUT ROWID;
ALTER TABLE department ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
)sql";

// -------------------------------------------------------------------------------------------
// [SECTION] Version 4: glyph set
// -------------------------------------------------------------------------------------------
// The characters of the content, per font face, derived when the cache is built
// (content/src/glyph_set.hpp): the kiosk builds its font atlas from one query. The step fills
// it from the content already in the file.
const char* kVersion4 = R"sql(
CREATE TABLE glyph_set (
  face  TEXT PRIMARY KEY,  -- 'text': every character of the content; 'heading': titles and names
  chars TEXT NOT NULL      -- each character once, in code point order (UTF-8)
) WITHOUT ROWID;
)sql";

// -------------------------------------------------------------------------------------------
// [SECTION] Version 5: words villagers understand
// -------------------------------------------------------------------------------------------
// A card says whether the money in `cost` is paid or received ('pay' for every card written
// before the field existed: that is what `cost` meant), and guides carry 温馨提示 lines.
const char* kVersion5 = R"sql(
ALTER TABLE card ADD COLUMN money TEXT NOT NULL DEFAULT 'pay';
CREATE TABLE guide_tip (
  guide_code TEXT NOT NULL, position INTEGER NOT NULL,
  tip        TEXT NOT NULL,
  PRIMARY KEY (guide_code, position)
) WITHOUT ROWID;
)sql";

// -------------------------------------------------------------------------------------------
// [SECTION] Version 6: urgent notices
// -------------------------------------------------------------------------------------------
// A notice marked 紧急 and until when (hall time, "YYYY-MM-DD HH:MM") the kiosk shows it over
// any screen. A table of its own: a terminal on an older build simply does not read it.
const char* kVersion6 = R"sql(
CREATE TABLE notice_urgent (
  notice_id TEXT PRIMARY KEY,
  until     TEXT NOT NULL
) WITHOUT ROWID;
)sql";

}  // namespace

const char* const kRefreshFundTotals = R"sql(
DELETE FROM fund_total;
INSERT INTO fund_total (fund_id, village_id, group_id, row_count, amount_fen, quantity)
  SELECT r.fund_id, r.village_id, r.group_id, count(*), sum(r.amount_fen), total(r.quantity)
  FROM fund_row r JOIN fund f ON f.id = r.fund_id AND f.kind = 'household'
  GROUP BY r.fund_id, r.village_id, r.group_id;
INSERT INTO fund_total (fund_id, village_id, group_id, row_count, amount_fen, quantity)
  SELECT p.fund_id, p.village_id, '', count(*), sum(p.spent_fen), 0.0
  FROM fund_project p JOIN fund f ON f.id = p.fund_id AND f.kind = 'project'
  GROUP BY p.fund_id, p.village_id;
)sql";

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps = {
      {1, "content tables: site, reference data, guides, cards, funds, policies, notices", kVersion1},
      {2, "precomputed fund totals per publication, village and group", kVersion2},
      {3, "colloquial names, most-used services, department order", kVersion3},
      {4, "the content's characters per font face, for the kiosk's font atlas", kVersion4},
      {5, "cards say whether money is paid or received; guides' 温馨提示", kVersion5},
      {6, "urgent notices (紧急) and until when they show over every screen", kVersion6},
  };
  return steps;
}

int latest_version() { return migrations().back().version; }

// -------------------------------------------------------------------------------------------
// [SECTION] Migration driver
// -------------------------------------------------------------------------------------------

Status migrate(sqlite3* db, int target) {
  if (target <= 0) target = latest_version();
  if (target > latest_version()) {
    return Status::fail("没有结构版本 " + std::to_string(target) + " 的迁移步骤 (本程序最高支持 " +
                        std::to_string(latest_version()) + ")");
  }
  int64_t app_id = sql::query_int(db, "PRAGMA application_id", -1);
  int64_t current = sql::query_int(db, "PRAGMA user_version", -1);
  int64_t tables = sql::query_int(db, "SELECT count(*) FROM sqlite_master", -1);
  if (app_id < 0 || current < 0 || tables < 0) {
    return Status::fail("无法读取数据库文件头: " + std::string(sqlite3_errmsg(db)));
  }
  if (app_id == 0 && current == 0 && tables == 0) {
    // A fresh database: claim it as a cache.
    Status st = sql::exec(db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
    if (!st) return st;
  } else if (app_id != kApplicationId) {
    return Status::fail("该文件不是便民内容缓存 (application_id 不符)");
  }
  if (current > latest_version()) {
    return Status::fail("内容缓存的结构版本 " + std::to_string(current) + " 比本程序支持的版本 " +
                        std::to_string(latest_version()) + " 新，请先升级本程序");
  }
  for (const Migration& m : migrations()) {
    if (m.version <= current || m.version > target) continue;
    sql::Transaction tx(db);
    if (!tx.begun()) return tx.begun();
    Status st = sql::exec(db, m.sql);
    if (st && m.version == 2) st = sql::exec(db, kRefreshFundTotals);
    if (st && m.version == 4) st = refresh_glyph_set(db);
    if (st) st = sql::exec(db, ("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    if (st) st = tx.commit();
    if (!st) {
      return Status::fail("结构迁移到版本 " + std::to_string(m.version) + " 失败: " + st.error().message);
    }
  }
  return Status::success();
}

// -------------------------------------------------------------------------------------------
// [SECTION] Checks
// -------------------------------------------------------------------------------------------

Status check_cache(sqlite3* db, const std::string& file) {
  sql::Stmt app(db, "PRAGMA application_id");
  if (!app.step()) {
    // SQLITE_NOTADB for a file that is not SQLite at all.
    return Status::fail("无法读取内容缓存 (不是 SQLite 数据库或已损坏): " + app.error(), file);
  }
  int64_t app_id = app.i64(0);
  if (app_id != kApplicationId) {
    return Status::fail("该文件不是便民内容缓存 (application_id " + std::to_string(app_id) + ")", file);
  }
  int64_t version = sql::query_int(db, "PRAGMA user_version", -1);
  if (version > latest_version()) {
    return Status::fail("内容缓存的结构版本 " + std::to_string(version) + " 比本程序支持的版本 " +
                            std::to_string(latest_version()) + " 新，请先升级本程序",
                        file);
  }
  if (version < latest_version()) {
    return Status::fail("内容缓存的结构版本 " + std::to_string(version) + " 过旧 (本程序需要版本 " +
                            std::to_string(latest_version()) + ")，请重新发布或升级该缓存",
                        file);
  }
  return Status::success();
}

}  // namespace bianmin::content::schema
