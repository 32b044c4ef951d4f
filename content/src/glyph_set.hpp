// The cache's character set (content/ internals): every character the content can show, stored
// in the cache itself (table glyph_set) when it is written, so a kiosk sizes its font atlas
// with one query instead of reading all content, and the sync agent, which applies
// changesets to the file, never computes it (the table travels in the changeset like any other).
//
// Promises:
//  - refresh_glyph_set() fills glyph_set from the file's own rows: face 'text' holds every
//    character of every TEXT column of every content table (all but the search index and
//    glyph_set itself), so nothing the kiosk draws from content is missing; face 'heading'
//    holds the characters of the titles and names drawn in headings (kHeadingColumns);
//    face 'findable' those of what search finds by title or name, and the colloquial names
//    (kFindableColumns): the input's vocabulary.
//  - Each face is its characters once each, in code point order, as UTF-8: deterministic, so
//    the same content gives the same bytes (the cache is signed and diffed).
#pragma once
#include <sqlite3.h>

#include "bianmin/base/result.hpp"

namespace bianmin::content {

// (Re)computes the glyph_set table from the content in `db` (inside the caller's transaction).
Status refresh_glyph_set(sqlite3* db);

}  // namespace bianmin::content
