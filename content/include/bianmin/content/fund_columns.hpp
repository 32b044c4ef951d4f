// The columns of a fund publication's CSV (content/FORMAT.md, funds/*.csv): one table per
// kind that the importer reads headers with, and that spreadsheet templates and column
// mappings (content/sheets) are written from, so the three never disagree.
#pragma once
#include <span>

#include "bianmin/content/model.hpp"

namespace bianmin::content {

// What a column holds, so a spreadsheet reader knows how to turn a cell into CSV text.
enum class FundColumnType {
  Text,      // free text (scanned for raw identifiers unless identity)
  Id,        // an ID-card number: digits, kept whole (never a number in a spreadsheet)
  Account,   // a bank account: digits, kept whole
  Phone,     // a phone number: digits, leading 0 matters
  Quantity,  // a plain number
  Money,     // yuan, at most 2 decimals
  Date,      // YYYY-MM-DD
};

struct FundColumn {
  int col;           // the importer's column (same value for synonyms such as 住址/地址)
  const char* zh;    // the name written in a CSV header (templates use it)
  const char* en;    // the English name, accepted too
  bool required;     // the CSV must have the column, and the cell must not be empty
  bool identity;     // holds personal data by design (masked or dropped at build)
  bool in_template;  // written in templates (not synonyms, not addresses: never published,
                     // accepted only so an existing spreadsheet works)
  FundColumnType type;
  const char* example;  // a filled example cell (templates), "" for none
};

// The columns of `kind`, in the order a template writes them.
std::span<const FundColumn> fund_columns(FundKind kind);

}  // namespace bianmin::content
