// The search index inside a content cache, and the query that reads it. Internal to content/:
// the cache writer calls build_search_index(), Store::search() calls run_search().
//
// Tables (both written only by build_search_index, in one deterministic order):
//   search_doc(doc_id INTEGER PRIMARY KEY, kind, item_id, title, context, shown_from, shown_to)
//       one row per searchable thing: what a hit shows and where it leads; doc_id's high
//       bits are its bucket (services, departments, funds, policies, notices, abolished);
//   search_name(key, doc_id): exact names (titles, colloquial names, short names, doc
//       numbers; as typed, in initials and in full pinyin, search_names.hpp): a query equal
//       to one lists its documents first;
//   search_fts: FTS5, contentless (the text lives in the content tables), columns
//       title / alias (colloquial names) / aka / body / py / pyf, tokenised by unicode61 over token streams that
//       search_text.hpp produces (Han bigrams + run-final unigrams, folded to simplified),
//       with a 1-character prefix index so 1-character queries are one index lookup.
//       `py` holds the initials of titles (search_pinyin.hpp) as letter bigrams, `pyf`
//       their full pinyin, one syllable per token.
//       Documents are stored shortest title first, so equal scores list specific titles
//       first.
// Rank: exact names first (in bucket order), then bianmin_rank(), an FTS5 auxiliary function
// registered on a connection by its first search: tier (a title or colloquial-name match
// above a body-only one), then bucket (services before departments, funds — newest first —,
// policies, notices, abolished policies), then column-weighted, saturating term frequency
// (title 10, alias 10, aka 4 — department, doc number, fund type, village and group
// names —, body 1, py 10, pyf 10) plus a bonus for a match at the start of a title.
//
// What is indexed: departments (name, short name), guides (name; department; summary,
// conditions, materials, result, topics, life events), cards, policies (title; doc number
// and issuer; body), each policy Q&A, notices, and fund publications by title, fund type,
// department, village and group names and header text. Fund rows' beneficiaries, remarks and
// numbers are never indexed.
#pragma once
#include <string_view>
#include <vector>

#include "bianmin/content/model.hpp"
#include "bianmin/base/result.hpp"
#include "bianmin/content/store.hpp"

struct sqlite3;

namespace bianmin::content {

// Creates and fills the search tables in `db` (call inside the writer's transaction, before
// VACUUM). Same ContentSet, same rows in the same order, same bytes.
Status build_search_index(sqlite3* db, const ContentSet& set);

// Runs a query against a cache holding the search tables; best hits first, at most `limit`.
// No hits for an empty query or a non-positive limit; an SQLite failure (no search index in
// the file, I/O error) comes back as a Problem.
// With `today` (YYYY-MM-DD), notices not current that day are left out.
Result<std::vector<SearchHit>> query_search_index(sqlite3* db, std::string_view query, int limit,
                                                  std::string_view today = {});

// query_search_index() for the query API: failures give no hits.
std::vector<SearchHit> run_search(sqlite3* db, std::string_view query, int limit, std::string_view today = {});

}  // namespace bianmin::content
