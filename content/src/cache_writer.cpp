// Writes a ContentSet into a content cache. See cache_writer.hpp for the promises.
//
// Index: [Ordering] [Inserting] [Files] [write_cache] [upgrade_cache]
#include "bianmin/content/cache_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <tuple>

#include "bianmin/content/search_rebuild.hpp"
#include "glyph_set.hpp"
#include "schema.hpp"
#include "search_index.hpp"
#include "bianmin/base/sqlite.hpp"

namespace bianmin::content {

int schema_version() { return schema::latest_version(); }

namespace {

// -------------------------------------------------------------------------------------------
// [SECTION] Ordering
// -------------------------------------------------------------------------------------------
// Rows go in sorted by primary key so that the same content always produces the same
// sequence of b-tree operations, hence the same bytes, whatever order the importer used.

template <typename T, typename Less>
std::vector<const T*> sorted(const std::vector<T>& items, Less less) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(&item);
  std::stable_sort(out.begin(), out.end(), [&](const T* a, const T* b) { return less(*a, *b); });
  return out;
}

template <typename T>
std::vector<const T*> sorted_by_id(const std::vector<T>& items) {
  return sorted(items, [](const T& a, const T& b) { return a.id < b.id; });
}

// -------------------------------------------------------------------------------------------
// [SECTION] Inserting
// -------------------------------------------------------------------------------------------

class Writer {
 public:
  explicit Writer(sqlite3* db) : db_(db), stmts_(db) {}

  Status write(const ContentSet& set) {
    write_meta(set);
    write_site(set.site);
    for (const Department* d : sorted_by_id(set.departments)) {
      insert("INSERT INTO department VALUES (?,?,?,?,?,?)", "department", d->id, d->id, d->name, d->short_name,
             d->phone, d->window, d->sort_order);
    }
    for (size_t i = 0; i < set.colloquial_names.size(); ++i) {
      const ColloquialName& c = set.colloquial_names[i];
      const std::string entry = std::to_string(i);
      for (const auto& [role, texts] : {std::pair{"name", &c.names}, std::pair{"means", &c.means}})
        for (size_t k = 0; k < texts->size(); ++k)
          insert("INSERT INTO colloquial_name VALUES (?,?,?,?)", "colloquial_name", entry + "/" + role,
                 static_cast<int>(i), std::string(role), static_cast<int>(k), (*texts)[k]);
    }
    for (const Topic* t : sorted_by_id(set.topics)) {
      insert("INSERT INTO topic VALUES (?,?,?,?)", "topic", t->id, t->id, t->name, t->icon, t->sort_order);
    }
    for (const LifeEvent* e : sorted_by_id(set.life_events)) {
      insert("INSERT INTO life_event VALUES (?,?,?,?,?)", "life_event", e->id, e->id, e->name, e->stage, e->description,
             e->sort_order);
      list("INSERT INTO life_event_guide VALUES (?,?,?)", "life_event_guide", e->id, e->guide_codes);
    }
    for (const CatalogueNode* c : sorted_by_id(set.catalogue)) {
      insert("INSERT INTO catalogue_node VALUES (?,?,?,?)", "catalogue_node", c->id, c->id, c->parent_id, c->name,
             c->sort_order);
    }
    for (const ServiceGuide* g :
         sorted(set.guides, [](const ServiceGuide&a, const ServiceGuide&b) { return a.code < b.code; })) {
      write_guide(*g);
    }
    for (const ConvenienceCard* c : sorted_by_id(set.cards)) write_card(*c);
    for (const FundPublication* f : sorted_by_id(set.funds)) write_fund(*f);
    for (const PolicyDocument* p : sorted_by_id(set.policies)) write_policy(*p);
    for (const Notice* n : sorted_by_id(set.notices)) {
      insert("INSERT INTO notice VALUES (?,?,?,?,?)", "notice", n->id, n->id, n->title, n->body, n->start_date,
             n->end_date);
      if (n->urgent) insert("INSERT INTO notice_urgent VALUES (?,?)", "notice", n->id, n->id, n->urgent_until);
    }
    if (status_) status_ = sql::exec(db_, schema::kRefreshFundTotals);
    return status_;
  }

 private:
  // Runs one cached INSERT with the arguments bound in order; the first failure is kept
  // (later inserts are skipped) and names the table and the item's id.
  template <typename... Args>
  void insert(const char* sql_text, const char* table, const std::string& id, const Args&... args) {
    if (!status_) return;
    auto s = stmts_.get(sql_text);
    s->bind_all(args...);
    Status st = s->run();
    if (!st) {
      std::string msg = st.error().message;
      if (msg.find("UNIQUE") != std::string::npos) msg = "id 重复 (" + msg + ")";
      status_ = Status::fail("写入 " + std::string(table) + " \"" + id + "\" 失败: " + msg);
    }
  }

  // A list of strings owned by `owner`, keyed by position.
  void list(const char* sql_text, const char* table, const std::string& owner, const std::vector<std::string>& items) {
    for (size_t i = 0; i < items.size(); ++i) insert(sql_text, table, owner, owner, static_cast<int>(i), items[i]);
  }

  void meta(const char* key, const std::string& value) {
    insert("INSERT INTO meta VALUES (?,?)", "meta", key, key, value);
  }

  void write_meta(const ContentSet& set) {
    // Keys sorted for the same reason as rows (the b-tree does not care, bytes would not).
    meta("content_version", set.content_version);
    meta("county", set.site.county);
    meta("hall_address", set.site.hall.address);
    meta("hall_complaint_phone", set.site.hall.complaint_phone);
    meta("hall_name", set.site.hall.name);
    meta("hall_opening_hours", set.site.hall.opening_hours);
    meta("hall_phone", set.site.hall.phone);
    meta("published_at", set.published_at);
    meta("region_code", set.site.region_code);
    meta("township", set.site.township);
  }

  void write_site(const Site& site) {
    for (size_t i = 0; i < site.villages.size(); ++i) {
      const Village& v = site.villages[i];
      insert("INSERT INTO village VALUES (?,?,?,?,?,?)", "village", v.id, v.id, static_cast<int>(i), v.name,
             v.agent_point_address, v.agent_point_phone, v.agent_point_hours);
      for (size_t j = 0; j < v.groups.size(); ++j) {
        const VillageGroup& g = v.groups[j];
        insert("INSERT INTO village_group VALUES (?,?,?,?)", "village_group", v.id + "/" + g.id, v.id, g.id,
               static_cast<int>(j), g.name);
      }
    }
    for (size_t i = 0; i < site.allowed_url_hosts.size(); ++i) {
      const std::string& h = site.allowed_url_hosts[i];
      insert("INSERT INTO allowed_url_host VALUES (?,?)", "allowed_url_host", h, h, static_cast<int>(i));
    }
    for (size_t i = 0; i < site.most_used_guides.size(); ++i) {
      const std::string& code = site.most_used_guides[i];
      insert("INSERT INTO most_used_guide VALUES (?,?)", "most_used_guide", code, code, static_cast<int>(i));
    }
  }

  void write_guide(const ServiceGuide& g) {
    const std::string& c = g.code;
    insert("INSERT INTO guide VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", "guide", c, c, g.name,
           g.item_type, g.department_id, g.catalogue_id, g.summary, g.statutory_days, g.promised_days, g.immediate,
           g.free_of_charge, g.fee_standard, g.fee_basis, g.window, g.address, g.hours, db_code(g.village_handling),
           g.online_url, g.fully_online, g.visits, g.result_name, g.result_delivery, g.consult_phone, g.complaint_phone,
           g.version, g.effective_date, g.updated_date);
    list("INSERT INTO guide_serves VALUES (?,?,?)", "guide_serves", c, g.serves);
    list("INSERT INTO guide_topic VALUES (?,?,?)", "guide_topic", c, g.topic_ids);
    list("INSERT INTO guide_life_event VALUES (?,?,?)", "guide_life_event", c, g.life_event_ids);
    list("INSERT INTO guide_condition VALUES (?,?,?)", "guide_condition", c, g.conditions);
    list("INSERT INTO guide_promise VALUES (?,?,?)", "guide_promise", c, g.promises);
    list("INSERT INTO guide_tip VALUES (?,?,?)", "guide_tip", c, g.tips);
    for (size_t i = 0; i < g.legal_basis.size(); ++i) {
      const LegalBasis& b = g.legal_basis[i];
      insert("INSERT INTO guide_legal_basis VALUES (?,?,?,?)", "guide_legal_basis", c, c, static_cast<int>(i),
             b.document, b.article);
    }
    for (size_t i = 0; i < g.materials.size(); ++i) {
      const Material& m = g.materials[i];
      insert("INSERT INTO guide_material VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", "guide_material", c, c, static_cast<int>(i),
             m.name, m.source, m.form, m.copies, m.medium, m.required, m.condition, m.notes, m.has_blank_form,
             m.has_sample);
    }
    for (size_t i = 0; i < g.process.size(); ++i) {
      const ProcessStep& p = g.process[i];
      insert("INSERT INTO guide_process_step VALUES (?,?,?,?,?,?)", "guide_process_step", c, c, static_cast<int>(i),
             p.name, p.actor, p.description, p.time_limit);
    }
    for (size_t i = 0; i < g.special_steps.size(); ++i) {
      const SpecialStep& s = g.special_steps[i];
      insert("INSERT INTO guide_special_step VALUES (?,?,?,?,?,?)", "guide_special_step", c, c, static_cast<int>(i),
             s.name, s.duration, s.counted_in_limit, s.charged);
    }
    for (size_t i = 0; i < g.forms.size(); ++i) {
      const FormRef& f = g.forms[i];
      insert("INSERT INTO guide_form VALUES (?,?,?,?,?)", "guide_form", c, c, static_cast<int>(i), f.name, f.has_blank,
             f.has_sample);
    }
    for (size_t i = 0; i < g.faq.size(); ++i) {
      insert("INSERT INTO guide_faq VALUES (?,?,?,?)", "guide_faq", c, c, static_cast<int>(i), g.faq[i].question,
             g.faq[i].answer);
    }
  }

  void write_card(const ConvenienceCard& k) {
    insert("INSERT INTO card VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", "card", k.id, k.id, k.title, k.guide_code, k.topic_id,
           k.who, k.where, k.when, k.how_long, k.cost, k.phone, k.online_url, k.updated_date, db_code(k.money));
    list("INSERT INTO card_bring VALUES (?,?,?)", "card_bring", k.id, k.bring);
  }

  void write_fund(const FundPublication& f) {
    insert("INSERT INTO fund VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", "fund", f.id, f.id, f.title,
           db_code(f.kind), f.fund_type, f.year, f.department_id, f.policy_basis, f.standard, f.unit, f.period,
           f.publicity_start, f.publicity_end, f.complaint_phone, f.complaint_address, f.application_guide,
           f.full_names, f.total_fen, f.count, f.catalogue_id);
    list("INSERT INTO fund_village VALUES (?,?,?)", "fund_village", f.id, f.village_ids);
    // Row numbers are unique within a publication (checked here, where the row can be named:
    // the unique index is built after the rows).
    auto by_no = sorted(f.rows, [](const FundRow& a, const FundRow& b) { return a.row_no < b.row_no; });
    for (size_t i = 1; i < by_no.size() && status_; ++i) {
      if (by_no[i]->row_no == by_no[i - 1]->row_no) {
        status_ = Status::fail("写入 fund_row \"" + f.id + "#" + std::to_string(by_no[i]->row_no) +
                               "\" 失败: id 重复 (行号重复)");
      }
    }
    // Inserted in key order (village, group, row_no).
    for (const FundRow* r : sorted(f.rows, [](const FundRow&a, const FundRow&b) {
           return std::tie(a.village_id, a.group_id, a.row_no) < std::tie(b.village_id, b.group_id, b.row_no);
         })) {
      insert("INSERT INTO fund_row VALUES (?,?,?,?,?,?,?,?,?,?,?)", "fund_row", f.id + "#" + std::to_string(r->row_no),
             f.id, r->row_no, r->village_id, r->group_id, r->beneficiary, r->id_masked, r->account_masked, r->quantity,
             r->amount_fen, r->paid_date, r->remark);
    }
    for (const FundProject* p :
         sorted(f.projects, [](const FundProject&a, const FundProject&b) { return a.row_no < b.row_no; })) {
      insert("INSERT INTO fund_project VALUES (?,?,?,?,?,?,?,?,?,?,?)", "fund_project",
             f.id + "#" + std::to_string(p->row_no), f.id, p->row_no, p->village_id, p->name, p->place, p->budget_fen,
             p->spent_fen, p->contractor, p->progress, p->acceptance, p->remark);
    }
  }

  void write_policy(const PolicyDocument& p) {
    insert("INSERT INTO policy VALUES (?,?,?,?,?,?,?,?)", "policy", p.id, p.id, p.title, p.doc_number, p.issuer, p.date,
           db_code(p.status), p.body, p.catalogue_id);
    list("INSERT INTO policy_attachment VALUES (?,?,?)", "policy_attachment", p.id, p.attachments);
    list("INSERT INTO policy_topic VALUES (?,?,?)", "policy_topic", p.id, p.topic_ids);
    for (size_t i = 0; i < p.qa.size(); ++i) {
      insert("INSERT INTO policy_qa VALUES (?,?,?,?)", "policy_qa", p.id, p.id, static_cast<int>(i), p.qa[i].question,
             p.qa[i].answer);
    }
  }

  sqlite3* db_;
  sql::StatementCache stmts_;
  Status status_;
};

// -------------------------------------------------------------------------------------------
// [SECTION] Files
// -------------------------------------------------------------------------------------------

void remove_quietly(const std::filesystem::path& p) {
  std::error_code ec;
  std::filesystem::remove(p, ec);
}

Status fsync_path(const std::filesystem::path& p, bool directory) {
  int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return Status::fail(std::string("无法打开以同步到磁盘: ") + std::strerror(errno), p.string());
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::fail(std::string("同步到磁盘失败: ") + std::strerror(err), p.string());
  return Status::success();
}

// Owns the connection while the temporary file is being written.
struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { close(); }
  int close() {
    int rc = sqlite3_close(db);
    db = nullptr;
    return rc;
  }
};

Status with_file(Status st, const std::filesystem::path& path) {
  if (!st && st.problem->file.empty()) st.problem->file = path.string();
  return st;
}

}  // namespace

// -------------------------------------------------------------------------------------------
// [SECTION] write_cache
// -------------------------------------------------------------------------------------------

Status write_cache(const ContentSet& set, const std::filesystem::path& path) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  remove_quietly(tmp);
  remove_quietly(tmp.string() + "-journal");

  auto fail = [&](Status st) {
    remove_quietly(tmp);
    remove_quietly(tmp.string() + "-journal");
    return with_file(std::move(st), path);
  };

  Connection conn;
  int rc = sqlite3_open_v2(tmp.c_str(), &conn.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = conn.db != nullptr ? sqlite3_errmsg(conn.db) : sqlite3_errstr(rc);
    conn.close();
    return fail(Status::fail("无法创建内容缓存文件: " + msg));
  }
  sqlite3* db = conn.db;

  // Fixed page size and rollback journal: both are part of the file's bytes. Durability is
  // ours to provide (fsync before the rename), so SQLite need not sync the temporary file.
  // A large page cache keeps the fund row indexes in memory while a county-sized cache is
  // written (1M rows: ~22 s with 32 MB, ~15 s with 256 MB on the shared build machine).
  Status st = sql::exec(db,
                        "PRAGMA page_size = 4096;"
                        "PRAGMA journal_mode = DELETE;"
                        "PRAGMA synchronous = OFF;"
                        "PRAGMA cache_size = -131072;"
                        "PRAGMA foreign_keys = OFF;");
  if (st) st = schema::migrate(db);
  if (!st) return fail(st);

  {
    sql::Transaction tx(db);
    if (!tx.begun()) return fail(tx.begun());
    // The fund row indexes are built after the rows (one sort each) rather than row by row
    // (a random insert per row): the same indexes, much less work for a million rows.
    std::vector<std::pair<std::string, std::string>> deferred;
    {
      sql::Stmt idx(db,
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name = 'fund_row' ORDER BY name");
      while (idx.step()) deferred.emplace_back(idx.text(0), idx.text(1));
    }
    for (const auto& [name, create] : deferred) {
      if (st) st = sql::exec(db, ("DROP INDEX " + name).c_str());
    }
    if (st) st = Writer(db).write(set);
    for (const auto& [name, create] : deferred) {
      if (st) st = sql::exec(db, create.c_str());
    }
    // The characters the content shows (glyph_set.hpp), from the rows just written.
    if (st) st = refresh_glyph_set(db);
    // The search index (content/src/search*.cpp) is built here, inside the same transaction.
    if (st) st = build_search_index(db, set);
    if (st) st = tx.commit();
    if (!st) return fail(st);
  }

  // VACUUM rewrites the file in key order with no free pages: the bytes depend only on the
  // content and the SQLite version.
  st = sql::exec(db, "VACUUM");
  if (!st) return fail(st);
  if (conn.close() != SQLITE_OK) return fail(Status::fail("关闭内容缓存文件失败"));

  st = fsync_path(tmp, false);
  if (!st) return fail(st);
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail(Status::fail("无法替换内容缓存文件: " + ec.message()));
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  return with_file(fsync_path(dir, true), path);
}

// -------------------------------------------------------------------------------------------
// [SECTION] upgrade_cache
// -------------------------------------------------------------------------------------------

Status upgrade_cache(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return Status::fail("找不到内容缓存文件", path.string());
  Connection conn;
  int rc = sqlite3_open_v2(path.c_str(), &conn.db, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = conn.db != nullptr ? sqlite3_errmsg(conn.db) : sqlite3_errstr(rc);
    return Status::fail("无法打开内容缓存文件: " + msg, path.string());
  }
  const int64_t before = sql::query_int(conn.db, "PRAGMA user_version", -1);
  Status st = schema::migrate(conn.db);
  // The search index is derived and its shape follows this build's code: rebuild it from the
  // upgraded content (version 3 added colloquial names and exact names to it).
  if (st && before != schema::latest_version()) st = rebuild_search_index(conn.db);
  if (st && conn.close() != SQLITE_OK) st = Status::fail("关闭内容缓存文件失败");
  return with_file(std::move(st), path);
}

}  // namespace bianmin::content
