// Index: [Statements] [Documents: what each content kind contributes] [Build] [Rank] [Query]
#include "bianmin/base/utf8.hpp"
#include "search_index.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "search_names.hpp"
#include "search_pinyin.hpp"
#include "search_query.hpp"
#include "search_text.hpp"
#include "bianmin/base/sqlite.hpp"

namespace bianmin::content {
namespace {

// -------------------------------------------------------------------------------------------
// [SECTION] Statements (sql::Stmt from bianmin/base/sqlite.hpp)
// -------------------------------------------------------------------------------------------

Status index_failure(const Status& st, std::string field = {}) {
  return Status::fail("建立搜索索引失败: " + st.error().message, {}, 0, std::move(field));
}

constexpr const char* kSchema = R"sql(
CREATE TABLE search_doc(
  doc_id INTEGER PRIMARY KEY,  -- = search_fts rowid = bucket << 32 | position in the bucket
  kind TEXT NOT NULL,          -- guide, card, policy, policy_qa, notice, department, fund
  item_id TEXT NOT NULL,       -- the item a hit opens
  title TEXT NOT NULL,
  context TEXT NOT NULL,
  shown_from TEXT NOT NULL,    -- notices: the days they are current ('' for other kinds)
  shown_to TEXT NOT NULL
);
CREATE TABLE search_name(      -- exact names: a query equal to `key` finds doc_id first
  key TEXT NOT NULL,           -- search::name_keys() of a title or colloquial name
  doc_id INTEGER NOT NULL,
  PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, alias, aka, body, py, pyf,
  content='', prefix='1', tokenize='unicode61 remove_diacritics 0'
);
)sql";

// Buckets: the order kinds are listed in when they match equally well (a query's words in
// their titles, or in their bodies). Services first; abolished policies last.
enum Bucket : int64_t {
  kServices = 0,  // guides, cards
  kDepartments = 1,
  kFunds = 2,      // newest publication first (position in the bucket)
  kPolicies = 3,   // in force or amended, and their Q&A
  kNotices = 4,    // only those current on the query's day are searched
  kAbolished = 5,  // abolished policies and their Q&A
};
constexpr int kBucketShift = 32;

// -------------------------------------------------------------------------------------------
// [SECTION] Documents
// -------------------------------------------------------------------------------------------

struct Doc {
  HitKind kind = HitKind::Guide;
  std::string item_id, title, context;                                   // what the hit shows
  std::string fts_title, fts_alias, fts_aka, fts_body, fts_py, fts_pyf;  // token streams
  Bucket bucket = kServices;
  std::string shown_from, shown_to;  // notices
  std::string newest;                // funds: sorts the bucket, greatest first
  std::vector<std::string> names;    // exact names: the title, colloquial names, short names
};

Doc make_doc(HitKind kind, std::string item_id, std::string title, std::string context) {
  Doc doc;
  doc.kind = kind;
  doc.item_id = std::move(item_id);
  doc.title = std::move(title);
  doc.context = std::move(context);
  return doc;
}

const char* kind_name(HitKind k) { return hit_kind_code(k); }
std::optional<HitKind> kind_from(std::string_view s) { return hit_kind_from(s); }

// Appends the token streams of several texts to one column.
void add(std::string& column, std::string_view text) { search::append_index_tokens(column, text); }

// Appends the initials of `text` as letter bigrams + final letter, like a Han run.
void add_initials(std::string& column, std::string_view text) {
  for (const std::string& s : search::initials(text)) {
    search::Run run{search::RunKind::Han, std::u32string(s.begin(), s.end()), 0};
    search::append_run_tokens(column, run);
  }
}

// Appends the syllables of `text` (full pinyin, one token per character).
void add_pinyin(std::string& column, std::string_view text) {
  for (const auto& run : search::syllables(text))
    for (const std::string& syllable : run) {
      if (!column.empty()) column += ' ';
      column += syllable;
    }
}

// Lookups by id over the reference data the items point to.
struct Reference {
  std::map<std::string, const Department*> departments;
  std::map<std::string, std::string> topics, life_events;
  std::map<std::string, const Village*> villages;
  const std::vector<ColloquialName>& colloquial;

  explicit Reference(const ContentSet& set) : colloquial(set.colloquial_names) {
    for (const auto& d : set.departments) departments[d.id] = &d;
    for (const auto& t : set.topics) topics[t.id] = t.name;
    for (const auto& e : set.life_events) life_events[e.id] = e.name;
    for (const auto& v : set.site.villages) villages[v.id] = &v;
  }
  const Department* department(const std::string& id) const {
    auto it = departments.find(id);
    return it == departments.end() ? nullptr : it->second;
  }
  std::string name_of(const std::map<std::string, std::string>& m, const std::string& id) const {
    auto it = m.find(id);
    return it == m.end() ? std::string() : it->second;
  }
};

// The title's colloquial names (site.yaml) go in the alias column, with their initials and
// full pinyin, and are exact names of the document like its title. `titles`: the title
// first (an exact name itself), then other official names whose colloquial names count
// (a fund publication's fund type).
void add_title_names(Doc& doc, const Reference& ref, std::initializer_list<std::string_view> titles) {
  bool first = true;
  for (std::string_view t : titles) {
    if (first && !t.empty()) doc.names.emplace_back(t);
    first = false;
    if (t.empty()) continue;
    for (const std::string& name : search::names_for_title(ref.colloquial, t)) {
      if (std::find(doc.names.begin(), doc.names.end(), name) != doc.names.end()) continue;
      doc.names.push_back(name);
      add(doc.fts_alias, name);
      add_initials(doc.fts_py, name);
      add_pinyin(doc.fts_pyf, name);
    }
  }
}

template <typename T, typename Key>
std::vector<const T*> sorted(const std::vector<T>& items, Key key) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(&item);
  std::stable_sort(out.begin(), out.end(), [&](const T* a, const T* b) { return key(*a) < key(*b); });
  return out;
}

Doc department_doc(const Department& d) {
  Doc doc = make_doc(HitKind::Department, d.id, d.name,
                     d.short_name.empty() ? d.window : d.short_name + (d.window.empty() ? "" : " · " + d.window));
  add(doc.fts_title, d.name);
  add(doc.fts_aka, d.short_name);
  add(doc.fts_aka, d.window);
  add_initials(doc.fts_py, d.name);
  add_pinyin(doc.fts_pyf, d.name);
  add_initials(doc.fts_py, d.short_name);
  add_pinyin(doc.fts_pyf, d.short_name);
  doc.bucket = kDepartments;
  doc.names = {d.name};
  if (!d.short_name.empty()) doc.names.push_back(d.short_name);
  return doc;
}

Doc guide_doc(const ServiceGuide& g, const Reference& ref) {
  const Department* dept = ref.department(g.department_id);
  Doc doc = make_doc(HitKind::Guide, g.code, g.name,
                     dept ? (dept->short_name.empty() ? dept->name : dept->short_name) : std::string());
  add(doc.fts_title, g.name);
  if (dept) {
    add(doc.fts_aka, dept->name);
    add(doc.fts_aka, dept->short_name);
  }
  add(doc.fts_aka, g.code);
  add(doc.fts_body, g.summary);
  for (const auto& c : g.conditions) add(doc.fts_body, c);
  for (const auto& m : g.materials) add(doc.fts_body, m.name);
  add(doc.fts_body, g.result_name);
  add(doc.fts_body, g.item_type);
  for (const auto& t : g.topic_ids) add(doc.fts_body, ref.name_of(ref.topics, t));
  for (const auto& e : g.life_event_ids) add(doc.fts_body, ref.name_of(ref.life_events, e));
  add_initials(doc.fts_py, g.name);
  add_pinyin(doc.fts_pyf, g.name);
  add_title_names(doc, ref, {g.name});
  return doc;
}

Doc card_doc(const ConvenienceCard& c, const Reference& ref) {
  std::string topic = ref.name_of(ref.topics, c.topic_id);
  Doc doc = make_doc(HitKind::Card, c.id, c.title, topic.empty() ? "明白卡" : "明白卡 · " + topic);
  add(doc.fts_title, c.title);
  add(doc.fts_aka, topic);
  for (const std::string* s : {&c.who, &c.where, &c.when, &c.how_long, &c.cost}) add(doc.fts_body, *s);
  for (const auto& b : c.bring) add(doc.fts_body, b);
  add_initials(doc.fts_py, c.title);
  add_pinyin(doc.fts_pyf, c.title);
  add_title_names(doc, ref, {c.title});
  return doc;
}

std::string policy_context(const PolicyDocument& p) {
  std::string s = p.doc_number;
  if (p.status != PolicyStatus::InForce) s += (s.empty() ? "" : " · ") + std::string(label(p.status));
  return s;
}

Bucket policy_bucket(const PolicyDocument& p) { return p.status == PolicyStatus::Abolished ? kAbolished : kPolicies; }

Doc policy_doc(const PolicyDocument& p, const Reference& ref) {
  Doc doc = make_doc(HitKind::Policy, p.id, p.title, policy_context(p));
  add(doc.fts_title, p.title);
  add(doc.fts_aka, p.doc_number);
  add(doc.fts_aka, p.issuer);
  add(doc.fts_body, p.body);
  for (const auto& a : p.attachments) add(doc.fts_body, a);
  add_initials(doc.fts_py, p.title);
  add_pinyin(doc.fts_pyf, p.title);
  doc.bucket = policy_bucket(p);
  add_title_names(doc, ref, {p.title});
  if (!p.doc_number.empty()) doc.names.push_back(p.doc_number);
  return doc;
}

Doc policy_qa_doc(const PolicyDocument& p, const QA& qa) {
  Doc doc = make_doc(HitKind::PolicyQA, p.id, qa.question, p.title);
  add(doc.fts_title, qa.question);
  add(doc.fts_body, qa.answer);  // the doc number finds the policy itself, not each answer
  add_initials(doc.fts_py, qa.question);
  add_pinyin(doc.fts_pyf, qa.question);
  doc.bucket = policy_bucket(p);
  doc.names = {qa.question};
  return doc;
}

Doc notice_doc(const Notice& n, const Reference& ref) {
  Doc doc = make_doc(HitKind::Notice, n.id, n.title, n.start_date + " 至 " + n.end_date);
  add(doc.fts_title, n.title);
  add(doc.fts_body, n.body);
  add_initials(doc.fts_py, n.title);
  add_pinyin(doc.fts_pyf, n.title);
  doc.bucket = kNotices;
  doc.shown_from = n.start_date;
  doc.shown_to = n.end_date;
  add_title_names(doc, ref, {n.title});
  return doc;
}

// Fund publications are found by what they are and where the money went (villages and
// groups), never by who received it: rows contribute only their village and group ids.
Doc fund_doc(const FundPublication& f, const Reference& ref) {
  std::string context = f.year > 0 ? std::to_string(f.year) + "年" : std::string();
  if (!f.fund_type.empty()) context += (context.empty() ? "" : " · ") + f.fund_type;
  Doc doc = make_doc(HitKind::Fund, f.id, f.title, context);
  add(doc.fts_title, f.title);
  add(doc.fts_aka, f.fund_type);
  if (const Department* dept = ref.department(f.department_id)) {
    add(doc.fts_aka, dept->name);
    add(doc.fts_aka, dept->short_name);
  }
  std::set<std::string> village_ids(f.village_ids.begin(), f.village_ids.end());
  std::set<std::pair<std::string, std::string>> groups;
  for (const FundRow& r : f.rows) {
    village_ids.insert(r.village_id);
    groups.emplace(r.village_id, r.group_id);
  }
  for (const FundProject& p : f.projects) village_ids.insert(p.village_id);
  for (const std::string& vid : village_ids) {
    auto it = ref.villages.find(vid);
    if (it != ref.villages.end()) add(doc.fts_aka, it->second->name);
  }
  for (const auto& [vid, gid] : groups) {
    auto it = ref.villages.find(vid);
    if (it == ref.villages.end()) continue;
    for (const VillageGroup& g : it->second->groups)
      if (g.id == gid) add(doc.fts_aka, g.name);
  }
  add(doc.fts_body, f.policy_basis);
  add(doc.fts_body, f.standard);
  add(doc.fts_body, f.period);
  add(doc.fts_body, f.application_guide);
  // In row order whatever order the set holds them in: the bytes must not depend on it.
  for (const FundProject* p : sorted(f.projects, [](const FundProject& x) { return x.row_no; })) {
    add(doc.fts_body, p->name);
    add(doc.fts_body, p->place);
  }
  add_initials(doc.fts_py, f.title);
  add_pinyin(doc.fts_pyf, f.title);
  add_initials(doc.fts_py, f.fund_type);
  add_pinyin(doc.fts_pyf, f.fund_type);
  doc.bucket = kFunds;
  char year[16];
  std::snprintf(year, sizeof year, "%06d", std::max(0, f.year));
  doc.newest = std::string(year) + "|" + f.publicity_start;
  add_title_names(doc, ref, {f.title, f.fund_type});
  return doc;
}

}  // namespace

// -------------------------------------------------------------------------------------------
// [SECTION] Build
// -------------------------------------------------------------------------------------------

Status build_search_index(sqlite3* db, const ContentSet& set) {
  if (Status st = sql::exec(db, kSchema); !st) return index_failure(st);

  sql::Stmt doc_insert(db,
                       "INSERT INTO search_doc(doc_id, kind, item_id, title, context, shown_from, shown_to) "
                       "VALUES(?,?,?,?,?,?,?)");
  sql::Stmt name_insert(db, "INSERT OR IGNORE INTO search_name(key, doc_id) VALUES(?,?)");
  sql::Stmt fts_insert(db, "INSERT INTO search_fts(rowid, title, alias, aka, body, py, pyf) VALUES(?,?,?,?,?,?,?)");
  if (!doc_insert.ok() || !fts_insert.ok() || !name_insert.ok())
    return Status::fail("建立搜索索引失败: " + std::string(sqlite3_errmsg(db)));

  std::map<int64_t, int64_t> next_in_bucket;
  auto insert_one = [&](const Doc& d) -> Status {
    const int64_t id = (static_cast<int64_t>(d.bucket) << kBucketShift) | ++next_in_bucket[d.bucket];
    doc_insert.bind_all(id, kind_name(d.kind), d.item_id, d.title, d.context, d.shown_from, d.shown_to);
    fts_insert.bind_all(id, d.fts_title, d.fts_alias, d.fts_aka, d.fts_body, d.fts_py, d.fts_pyf);
    for (sql::Stmt* stmt : {&doc_insert, &fts_insert})
      if (Status st = stmt->run(); !st) return index_failure(st, d.item_id);
    for (const std::string& name : d.names)
      for (const std::string& key : search::name_keys(name)) {
        name_insert.bind_all(key, id);
        if (Status st = name_insert.run(); !st) return index_failure(st, d.item_id);
      }
    return Status::success();
  };

  // Documents are collected in a fixed order (kind, then id), then stably sorted by bucket,
  // then (funds) newest first, then title length: doc_id order is the tie-break between
  // equal scores, so shorter (more specific) titles come first. Same content, same order,
  // same bytes.
  std::vector<Doc> docs;
  auto insert = [&docs](Doc d) {
    docs.push_back(std::move(d));
    return Status::success();
  };
  const Reference ref(set);
  for (const Department* d : sorted(set.departments, [](const Department& x) { return x.id; }))
    if (Status st = insert(department_doc(*d)); !st) return st;
  for (const ServiceGuide* g : sorted(set.guides, [](const ServiceGuide& x) { return x.code; }))
    if (Status st = insert(guide_doc(*g, ref)); !st) return st;
  for (const ConvenienceCard* c : sorted(set.cards, [](const ConvenienceCard& x) { return x.id; }))
    if (Status st = insert(card_doc(*c, ref)); !st) return st;
  for (const PolicyDocument* p : sorted(set.policies, [](const PolicyDocument& x) { return x.id; })) {
    if (Status st = insert(policy_doc(*p, ref)); !st) return st;
    for (const QA& qa : p->qa)
      if (Status st = insert(policy_qa_doc(*p, qa)); !st) return st;
  }
  for (const Notice* n : sorted(set.notices, [](const Notice& x) { return x.id; }))
    if (Status st = insert(notice_doc(*n, ref)); !st) return st;
  for (const FundPublication* f : sorted(set.funds, [](const FundPublication& x) { return x.id; }))
    if (Status st = insert(fund_doc(*f, ref)); !st) return st;

  std::vector<size_t> title_length(docs.size());
  for (size_t k = 0; k < docs.size(); ++k) {
    title_length[k] = utf8::length(docs[k].title);
  }
  std::vector<size_t> order(docs.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (docs[a].bucket != docs[b].bucket) return docs[a].bucket < docs[b].bucket;
    if (docs[a].newest != docs[b].newest) return docs[a].newest > docs[b].newest;
    return title_length[a] < title_length[b];
  });
  for (size_t k : order)
    if (Status st = insert_one(docs[k]); !st) return st;

  // One merged b-tree: fastest to query, and independent of how inserts were batched.
  Status st = sql::exec(db, "INSERT INTO search_fts(search_fts) VALUES('optimize')");
  return st ? st : index_failure(st);
}

// -------------------------------------------------------------------------------------------
// [SECTION] Rank
// -------------------------------------------------------------------------------------------

namespace {

// bianmin_rank(search_fts, w_title, w_alias, w_aka, w_body, w_py, w_pyf): an FTS5 auxiliary
// function. Relevance = sum over columns of w_col * 2·tf/(tf+1) (bm25's saturating term
// frequency with column weights), + 2 when the match starts a title (or its pinyin). Unlike
// bm25() it needs no per-row document length, which costs a b-tree lookup for every
// matching row and made 1-character queries over a county's 10,000+ guides miss the 10 ms
// budget. The score orders by tier first (a match in a title, colloquial name or their
// pinyin, above a match only in names and bodies), then by bucket (the rowid's high bits:
// services first, see Bucket), then by relevance (fund publications: newest first, by
// rowid, whatever their relevance). Between equal scores the lower rowid wins: the shorter
// title (see build_search_index). With a 7th argument of 1 (the relaxed query, where any of
// the query's words may match), how many of the query's words a document holds comes before
// everything else: 耕地补贴公示 lists the publications (耕地, 补贴 and 公示) before the guide
// (耕地 and 补贴 only).
constexpr int kColumns = 6;  // title, alias, aka, body, py, pyf
constexpr int kTitleColumns[] = {0, 1, 4, 5};
constexpr double kTitleStartBonus = 2.0;
constexpr double kCoverageWeight = 1e9, kTierWeight = 1e7, kBucketWeight = 1e5;  // relevance < 1e3
constexpr int kMaxPhrases = 64;  // a query is at most 64 characters (search_query.hpp)
const char* const kRankFunction = "bianmin_rank";
const char* const kRankCall = "bianmin_rank(search_fts, 10.0, 10.0, 4.0, 1.0, 10.0, 10.0, ?4)";

void rank_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* out, int argc,
                   sqlite3_value** argv) {
  int count = 0;
  int rc = api->xInstCount(fts, &count);
  int tf[kColumns] = {};
  bool matched[kMaxPhrases] = {};
  bool title_start = false;
  for (int i = 0; rc == SQLITE_OK && i < count; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc != SQLITE_OK) break;
    if (column >= 0 && column < kColumns) ++tf[column];
    if (phrase >= 0 && phrase < kMaxPhrases) matched[phrase] = true;
    if ((column <= 1 || column >= 4) && offset == 0) title_start = true;
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(out, rc);
    return;
  }
  double relevance = title_start ? kTitleStartBonus : 0.0;
  for (int c = 0; c < kColumns; ++c) {
    if (tf[c] == 0) continue;
    double weight = c < argc ? sqlite3_value_double(argv[c]) : 1.0;
    relevance += weight * 2.0 * tf[c] / (tf[c] + 1.0);
  }
  bool title_tier = false;
  for (int c : kTitleColumns) title_tier = title_tier || tf[c] > 0;
  const int64_t bucket = api->xRowid(fts) >> kBucketShift;
  double score = (title_tier ? kTierWeight : 0.0) - static_cast<double>(bucket) * kBucketWeight;
  if (bucket != kFunds) score += relevance;
  if (argc > kColumns && sqlite3_value_int(argv[kColumns]) != 0)
    score += kCoverageWeight * static_cast<double>(std::count(matched, matched + kMaxPhrases, true));
  sqlite3_result_double(out, score);
}

// Registers bianmin_rank on `db` through the fts5_api pointer (works on read-only
// connections: nothing is written).
bool register_rank_function(sqlite3* db) {
  fts5_api* api = nullptr;
  sql::Stmt stmt(db, "SELECT fts5(?1)");
  if (!stmt.ok()) return false;
  sqlite3_bind_pointer(stmt.get(), 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  stmt.step();
  if (api == nullptr || api->iVersion < 2) return false;
  return api->xCreateFunction(api, kRankFunction, nullptr, rank_function, nullptr) == SQLITE_OK;
}

}  // namespace

// -------------------------------------------------------------------------------------------
// [SECTION] Query
// -------------------------------------------------------------------------------------------

namespace {

using Hits = Result<std::vector<SearchHit>>;

// Notices not current on ?3 (none when ?3 is ''): a range of doc_ids, so a short read.
const std::string kHiddenNotices = "(SELECT doc_id FROM search_doc WHERE doc_id BETWEEN " +
                                   std::to_string(int64_t{kNotices} << kBucketShift) + " AND " +
                                   std::to_string((int64_t{kNotices + 1} << kBucketShift) - 1) +
                                   " AND ?3 <> '' AND NOT (shown_from <= ?3 AND (shown_to = '' OR ?3 <= shown_to)))";

SearchHit read_hit(const sql::Stmt& stmt, HitKind kind) {
  return SearchHit{kind, stmt.text(1), stmt.text(2), stmt.text(3), stmt.real(4)};
}

// Documents with an exact name equal to the query (titles, colloquial names, as typed or
// in pinyin), in bucket order; their score is above any FTS match's.
Hits run_exact(sqlite3* db, std::string_view query, std::string_view today, int limit) {
  const std::string key = search::name_key(query);
  if (key.empty()) return std::vector<SearchHit>{};
  sql::Stmt stmt(db,
                 "SELECT d.kind, d.item_id, d.title, d.context, 2e7 FROM search_name n "
                 "JOIN search_doc d ON d.doc_id = n.doc_id WHERE n.key = ?1 AND d.doc_id NOT IN " +
                     kHiddenNotices + " ORDER BY d.doc_id LIMIT ?2");
  if (!stmt.ok()) return Hits::fail("搜索失败: " + stmt.error());
  stmt.bind_all(key, limit, std::string(today));
  std::vector<SearchHit> hits;
  while (stmt.step())
    if (auto kind = kind_from(stmt.text(0))) hits.push_back(read_hit(stmt, *kind));
  if (stmt.rc() != SQLITE_DONE) return Hits::fail("搜索失败: " + stmt.error());
  return hits;
}

// `relaxed`: the expression ORs the query's words (see bianmin_rank's coverage).
Hits run_match(sqlite3* db, const std::string& expr, std::string_view today, int limit, bool relaxed = false) {
  const std::string query_sql = std::string(
                                    "SELECT d.kind, d.item_id, d.title, d.context, f.score "
                                    "FROM (SELECT rowid, ") +
                                kRankCall +
                                " AS score FROM search_fts "
                                "      WHERE search_fts MATCH ?1 AND rowid NOT IN " +
                                kHiddenNotices +
                                " ORDER BY score DESC, rowid LIMIT ?2) AS f "
                                "JOIN search_doc AS d ON d.doc_id = f.rowid ORDER BY f.score DESC, d.doc_id";
  // The rank function lives in the connection, not the file: the first search on a
  // connection (the writer's, the kiosk's read-only Store, a tool's) registers it.
  sql::Stmt stmt(db, query_sql);
  if (!stmt.ok() && register_rank_function(db)) stmt = sql::Stmt(db, query_sql);
  if (!stmt.ok()) return Result<std::vector<SearchHit>>::fail("搜索失败: " + stmt.error());
  stmt.bind_all(expr, limit, std::string(today), relaxed ? 1 : 0);
  std::vector<SearchHit> hits;
  while (stmt.step())
    if (auto kind = kind_from(stmt.text(0))) hits.push_back(read_hit(stmt, *kind));
  if (stmt.rc() != SQLITE_DONE) return Result<std::vector<SearchHit>>::fail("搜索失败: " + stmt.error());
  return hits;
}

}  // namespace

namespace {

// Exact names first, then the matches not among them, at most `limit` in all.
Hits merged(Hits exact, Hits rest, int limit) {
  if (!exact) return exact;
  if (!rest) return rest;
  std::vector<SearchHit> out = std::move(exact.value());
  for (SearchHit& h : rest.value()) {
    if (static_cast<int>(out.size()) >= limit) break;
    bool seen = std::any_of(out.begin(), out.end(),
                            [&](const SearchHit& e) { return e.kind == h.kind && e.id == h.id && e.title == h.title; });
    if (!seen) out.push_back(std::move(h));
  }
  return out;
}

}  // namespace

Result<std::vector<SearchHit>> query_search_index(sqlite3* db, std::string_view query, int limit,
                                                  std::string_view today) {
  if (limit <= 0) return std::vector<SearchHit>{};
  std::string expr = search::match_expression(query);
  if (expr.empty()) return std::vector<SearchHit>{};
  auto exact = run_exact(db, query, today, limit);
  if (!exact) return exact;
  const int want = limit + static_cast<int>(exact->size());  // room for the exact ones again
  // Any title match outscores every match without one (the tier, see bianmin_rank). So
  // when titles alone fill the page, they are the page: rank only them (a common character
  // is in 3,800 titles but 13,000 documents of a county).
  auto titles = run_match(db, search::match_expression(query, search::Scope::Titles), today, want);
  if (!titles || static_cast<int>(titles->size()) >= want) return merged(std::move(exact), std::move(titles), limit);
  auto hits = run_match(db, expr, today, want);
  if (!hits || !titles->empty()) return merged(std::move(exact), std::move(hits), limit);
  // No title has the whole phrase ("养老保险怎么交", "宅基地审批"): titles and names sharing
  // most of its words come first (农村村民宅基地申请审批), then bodies with the whole phrase;
  // when nothing has the phrase, whatever shares some of its words.
  std::string relaxed = search::relaxed_match_expression(query);
  if (relaxed.empty()) return merged(std::move(exact), std::move(hits), limit);
  auto near = run_match(db, relaxed, today, want, true);
  if (!near) return near;
  const size_t words = search::relaxed_word_count(query);
  std::vector<SearchHit> first;
  for (SearchHit& h : near.value()) {
    const double covered = std::floor(h.score / kCoverageWeight);
    if (hits->empty() || covered * 2 >= static_cast<double>(words)) first.push_back(std::move(h));
  }
  return merged(std::move(exact), merged(std::move(first), std::move(hits), want), limit);
}

std::vector<SearchHit> run_search(sqlite3* db, std::string_view query, int limit, std::string_view today) {
  auto hits = query_search_index(db, query, limit, today);
  return hits ? std::move(hits.value()) : std::vector<SearchHit>{};
}

}  // namespace bianmin::content
