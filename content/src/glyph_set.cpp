#include "glyph_set.hpp"

#include <string>
#include <vector>

#include "bianmin/base/sqlite.hpp"
#include "bianmin/base/utf8.hpp"

namespace bianmin::content {
namespace {

// The columns drawn with the heading face: screen titles, list rows, tiles, the hall's name.
// A column missing here only costs a missing glyph in a heading, which the kiosk then adds.
struct Column {
  const char* table;
  const char* column;
  const char* where;  // "" or a condition on the row
};
const Column kHeadingColumns[] = {
    {"meta", "value", "key IN ('township', 'county', 'hall_name')"},
    {"village", "name", ""},
    {"village_group", "name", ""},
    {"department", "name", ""},
    {"department", "short_name", ""},
    {"topic", "name", ""},
    {"life_event", "name", ""},
    {"catalogue_node", "name", ""},
    {"guide", "name", ""},
    {"card", "title", ""},
    {"fund", "title", ""},
    {"fund", "fund_type", ""},
    {"fund_project", "name", ""},
    {"policy", "title", ""},
    {"policy_qa", "question", ""},
    {"notice", "title", ""},
};

// What search finds by its title or name, and the villagers' own words for it (site.yaml
// colloquial_names): handwriting and pinyin candidates made of these characters come first,
// so 医 for yi comes before characters that headings of fund rows and notices use but no
// title does.
const Column kFindableColumns[] = {
    {"guide", "name", ""},
    {"card", "title", ""},
    {"policy", "title", ""},
    {"department", "name", ""},
    {"topic", "name", ""},
    {"life_event", "name", ""},
    {"colloquial_name", "text", "role = 'name'"},
};

struct CodePoints {
  std::vector<bool> seen = std::vector<bool>(0x110000, false);
  void add(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const utf8::Decoded d = utf8::decode_at(s, i);
      i += d.size;
      if (d.valid && d.cp < seen.size()) seen[d.cp] = true;
    }
  }
  std::string utf8() const {
    std::string out;
    for (char32_t cp = 0x20; cp < seen.size(); ++cp)
      if (seen[cp]) utf8::append(out, cp);
    return out;
  }
};

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

Status add_column(sqlite3* db, const std::string& table, const std::string& column, const std::string& where,
                  CodePoints& out) {
  std::string sql = "SELECT " + quoted(column) + " FROM " + quoted(table);
  if (!where.empty()) sql += " WHERE " + where;
  sql::Stmt st(db, sql);
  if (!st.ok()) return Status::fail("读取 " + table + "." + column + " 失败: " + st.error());
  while (st.step()) out.add(st.text(0));
  if (st.rc() != SQLITE_DONE) return Status::fail("读取 " + table + "." + column + " 失败: " + st.error());
  return Status::success();
}

}  // namespace

Status refresh_glyph_set(sqlite3* db) {
  CodePoints text, heading, findable;
  // Every TEXT column of every ordinary table but the search index and this table.
  std::vector<std::pair<std::string, std::string>> columns;
  {
    sql::Stmt t(db,
                "SELECT l.name, c.name FROM pragma_table_list l JOIN pragma_table_info(l.name) c "
                "WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "AND l.name NOT LIKE 'search\\_%' ESCAPE '\\' AND l.name <> 'glyph_set' AND c.type = 'TEXT' "
                "ORDER BY l.name, c.cid");
    while (t.step()) columns.emplace_back(t.text(0), t.text(1));
    if (t.rc() != SQLITE_DONE) return Status::fail("读取内容表结构失败: " + t.error());
  }
  for (const auto& [table, column] : columns) {
    Status st = add_column(db, table, column, "", text);
    if (!st) return st;
  }
  for (const Column& c : kHeadingColumns) {
    Status st = add_column(db, c.table, c.column, c.where, heading);
    if (!st) return st;
  }
  for (const Column& c : kFindableColumns) {
    Status st = add_column(db, c.table, c.column, c.where, findable);
    if (!st) return st;
  }
  Status st = sql::exec(db, "DELETE FROM glyph_set");
  if (!st) return st;
  sql::Stmt ins(db, "INSERT INTO glyph_set (face, chars) VALUES (?, ?)");
  const std::pair<const char*, const CodePoints*> faces[] = {
      {"heading", &heading}, {"text", &text}, {"findable", &findable}};
  for (const auto& [face, set] : faces) {
    ins.reset();
    ins.bind(1, face).bind(2, set->utf8());
    st = ins.run();
    if (!st) return Status::fail("写入 glyph_set 失败: " + st.error().message);
  }
  return Status::success();
}

}  // namespace bianmin::content
