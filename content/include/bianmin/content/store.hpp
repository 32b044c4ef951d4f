// The query API over a content cache (content.db): the only way the kiosk and the tools read
// content. No SQL outside content/.
//
// Promises:
//  - open_readonly() opens the file with SQLITE_OPEN_READONLY (and immutable=0 so an atomic
//    rename by the sync agent is noticed on reopen); nothing here ever writes it.
//  - Every function returns values, never pointers into SQLite memory, so results outlive
//    the Store. Errors come back as Result/Status, never as exceptions.
//  - A Store is used from one thread at a time (the kiosk's frame thread, or a tool).
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/content/model.hpp"
#include "bianmin/base/result.hpp"

struct sqlite3;

namespace bianmin::content {

struct CacheInfo {
  int schema_version = 0;       // PRAGMA user_version
  std::string content_version;  // as published
  std::string published_at;
  std::string township;
};

// A row in a list of guides.
struct GuideSummary {
  std::string code;
  std::string name;
  std::string department_short;  // e.g. "社保所"
  int visits = 1;                // 到现场次数
  bool fully_online = false;     // 全程网办
  bool has_online_url = false;
  VillageHandling village_handling = VillageHandling::None;
};

struct CardSummary {
  std::string id;
  std::string title;
  std::string topic_id;
};

struct FundSummary {
  std::string id;
  std::string title;
  std::string fund_type;
  int year = 0;
  FundKind kind = FundKind::Household;
  std::string publicity_start;
  std::string publicity_end;
  bool current = false;  // today is within the publicity period
  int64_t total_fen = 0;
  int count = 0;
};

// Sum over the rows matching a filter; must equal the header's figures when unfiltered.
struct FundTotals {
  int rows = 0;
  int64_t amount_fen = 0;
  double quantity = 0;
};

struct PolicySummary {
  std::string id;
  std::string title;
  std::string doc_number;
  std::string date;
  PolicyStatus status = PolicyStatus::InForce;
};

enum class HitKind { Guide, Card, Policy, PolicyQA, Notice, Department, Fund };
// "guide", "card", "policy", "policy_qa", "notice", "department", "fund" (tools print these).
const char* hit_kind_code(HitKind k);
std::optional<HitKind> hit_kind_from(std::string_view code);

struct SearchHit {
  HitKind kind = HitKind::Guide;
  std::string id;       // guide code, card id, policy id, notice id, department id, fund id
  std::string title;    // what to show in the result list
  std::string context;  // a short line under the title (department, doc number, village…)
  double score = 0;     // higher is better; hits come sorted by score, titles weigh more
};

// One item filed under a catalogue node (主动公开目录).
struct CatalogueItem {
  HitKind kind = HitKind::Guide;  // Guide, Policy or Fund
  std::string id;                 // guide code, policy id, fund id
  std::string title;
  std::string context;  // department, doc number, or the fund's year and type
};

// The characters of the content, computed when the cache was written (every character of
// every text field; the subset in titles and names), as UTF-8 with each character once.
struct ContentGlyphs {
  std::string text;
  std::string heading;
  std::string findable;  // titles and names search finds, and colloquial names
};

class Store {
 public:
  // Opens an existing cache read-only and checks its schema version.
  static Result<std::unique_ptr<Store>> open_readonly(const std::filesystem::path& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& path() const { return path_; }
  CacheInfo info() const;
  // Reads every page of the file (PRAGMA quick_check: page structure, no index cross-check).
  // A file damaged after it was installed (a failing SD card, a bad sector) opens and answers
  // queries with rows missing; this says so, with SQLite's first findings, instead.
  Status check_intact() const;
  Site site() const;
  // One small query: the cache's stored character set (see ContentGlyphs).
  ContentGlyphs glyphs() const;

  // reference data (sorted by sort_order, then name, then id; departments by the hall's
  // order — site.yaml's `order`, most used first —, then those without one, most services
  // first, then by name)
  std::vector<Department> departments() const;
  std::vector<Topic> topics() const;
  std::vector<LifeEvent> life_events() const;
  std::vector<CatalogueNode> catalogue() const;
  // What site.yaml's colloquial_names lists, in its order (the search index is built from it).
  std::vector<ColloquialName> colloquial_names() const;
  // Everything filed under a catalogue node or any node below it: guides (by code), then
  // policies (in force first, newest first), then fund publications (current on `today`
  // first, newest first).
  std::vector<CatalogueItem> catalogue_items(std::string_view catalogue_id, std::string_view today) const;
  std::optional<Department> department(std::string_view id) const;

  // guides: sorted by item code (事项编码, which keeps a department's items together),
  // except by life event
  std::vector<GuideSummary> guides_all() const;
  std::vector<GuideSummary> guides_by_department(std::string_view department_id) const;
  std::vector<GuideSummary> guides_by_topic(std::string_view topic_id) const;
  std::vector<GuideSummary> guides_by_life_event(std::string_view life_event_id) const;  // in bundle order
  std::vector<GuideSummary> guides_by_catalogue(std::string_view catalogue_id) const;
  std::optional<ServiceGuide> guide(std::string_view code) const;

  // cards: sorted by title, then id; card_for_guide: the first (by id) derived from the guide
  std::vector<CardSummary> cards() const;
  std::optional<ConvenienceCard> card(std::string_view id) const;
  std::optional<ConvenienceCard> card_for_guide(std::string_view guide_code) const;

  // funds: `today` is an ISO date; current publications come first, then by year desc
  // (then publicity start desc, then id). A fund is for a village when it lists the village
  // or has rows or projects there.
  std::vector<FundSummary> funds_for_village(std::string_view village_id, std::string_view today) const;
  std::vector<FundSummary> funds_all(std::string_view today) const;
  // The header only (rows and projects left empty).
  std::optional<FundPublication> fund_header(std::string_view id) const;
  // Rows of one publication, optionally filtered by village and group ("" = all), in row order.
  // A page: skips `offset` matching rows, returns at most `limit` (negative: all the rest).
  std::vector<FundRow> fund_rows(std::string_view fund_id, std::string_view village_id, std::string_view group_id,
                                 int offset, int limit) const;
  // Household kind: rows, amounts and quantities; project kind: projects and amounts spent.
  // Read from per-group sums made when the cache was built (no scan of the rows).
  FundTotals fund_totals(std::string_view fund_id, std::string_view village_id, std::string_view group_id) const;
  std::vector<FundProject> fund_projects(std::string_view fund_id, std::string_view village_id) const;

  // policies: in force first (then amended, then abolished), then by date desc, then id
  std::vector<PolicySummary> policies() const;
  std::optional<PolicyDocument> policy(std::string_view id) const;

  // notices current on `today` (start <= today <= end; an empty bound is open), newest start first
  std::vector<Notice> notices_current(std::string_view today) const;
  // urgent notices (紧急) to show over every screen at `now` (hall time, "YYYY-MM-DD HH:MM"):
  // started (start <= the day of now) and not yet past urgent_until; newest start first.
  // Empty on content from before urgent notices (schema < 6).
  std::vector<Notice> urgent_notices(std::string_view now) const;

  // Full-text search over guides, cards, policies, Q&A, notices, departments and fund
  // publications (by village and group, never by personal name). Accepts Chinese (1+
  // characters), traditional characters, pinyin initials (A–Z, e.g. "YLBX"), full pinyin,
  // colloquial names (site.yaml) and document numbers. Empty query: no hits.
  // Ranked: an exact title or colloquial name first, then title words, then bodies; within
  // each, services (guides, cards) before departments, fund publications (newest first),
  // policies in force, notices, and abolished policies last. With `today` (YYYY-MM-DD),
  // notices not current on that day are left out.
  std::vector<SearchHit> search(std::string_view query, int limit = 50, std::string_view today = {}) const;

  sqlite3* handle() const { return db_; }  // for content/ internals and tests only

 private:
  Store(sqlite3* db, std::filesystem::path path);
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  // Prepared statements reused across calls (content/src/store_internal.hpp).
  struct Queries;
  std::unique_ptr<Queries> queries_;
};

}  // namespace bianmin::content
