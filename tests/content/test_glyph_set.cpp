// The cache's character set (content/src/glyph_set.hpp): written with the cache, it holds every
// character the content can show, so the kiosk sizes its font atlas from one query.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <functional>
#include <string>

#include "bianmin/base/utf8.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "content/fixture_content.hpp"
#include "support/test_support.hpp"

using namespace bianmin::content;
using bianmin::test::fixture_content;
using bianmin::test::kFixtureToday;
using bianmin::test::TempDir;

namespace {

// The characters of `text` that `set` lacks (each a whole UTF-8 sequence).
std::string lacking(const std::string& set, const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    const std::string ch = text.substr(i, n);
    if (static_cast<unsigned char>(ch[0]) >= 0x20 && set.find(ch) == std::string::npos &&
        out.find(ch) == std::string::npos)
      out += ch;
    i += n;
  }
  return out;
}

// Every text the store hands out, as the kiosk reads it: `both` (titles and names, drawn in
// headings too) and `body`. Kept by hand on purpose: it is the oracle the stored set is
// checked against, read through the query API rather than the tables.
void walk(const Store& s, const std::function<void(const std::string&)>& both,
          const std::function<void(const std::string&)>& body) {
  auto site = s.site();
  both(site.township);
  both(site.county);
  both(site.hall.name);
  body(site.hall.address);
  body(site.hall.opening_hours);
  body(site.hall.phone);
  for (const auto& v : site.villages) {
    both(v.name);
    body(v.agent_point_address);
    body(v.agent_point_hours);
    for (const auto& g : v.groups) both(g.name);
  }
  for (const auto& d : s.departments()) {
    both(d.name);
    both(d.short_name);
    body(d.window);
  }
  for (const auto& t : s.topics()) both(t.name);
  for (const auto& e : s.life_events()) {
    both(e.name);
    body(e.description);
    body(e.stage);
  }
  for (const auto& c : s.catalogue()) both(c.name);
  for (const auto& g : s.guides_all()) {
    both(g.name);
    auto full = s.guide(g.code);
    REQUIRE(full);
    const auto& x = *full;
    for (const auto* t : {&x.item_type, &x.summary, &x.fee_standard, &x.fee_basis, &x.window, &x.address, &x.hours,
                          &x.result_name, &x.result_delivery, &x.consult_phone, &x.complaint_phone, &x.updated_date})
      body(*t);
    for (const auto& t : x.serves) body(t);
    for (const auto& b : x.legal_basis) {
      body(b.document);
      body(b.article);
    }
    for (const auto& t : x.conditions) body(t);
    for (const auto& m : x.materials) {
      body(m.name);
      body(m.source);
      body(m.form);
      body(m.medium);
      body(m.condition);
      body(m.notes);
    }
    for (const auto& p : x.process) {
      body(p.name);
      body(p.actor);
      body(p.description);
      body(p.time_limit);
    }
    for (const auto& p : x.special_steps) {
      body(p.name);
      body(p.duration);
    }
    for (const auto& f : x.forms) body(f.name);
    for (const auto& q : x.faq) {
      body(q.question);
      body(q.answer);
    }
    for (const auto& p : x.promises) body(p);
  }
  for (const auto& c : s.cards()) {
    both(c.title);
    auto full = s.card(c.id);
    REQUIRE(full);
    for (const auto* t : {&full->who, &full->where, &full->when, &full->how_long, &full->cost, &full->phone}) body(*t);
    for (const auto& b : full->bring) body(b);
  }
  for (const auto& f : s.funds_all("0000-00-00")) {
    both(f.title);
    both(f.fund_type);
    auto h = s.fund_header(f.id);
    REQUIRE(h);
    for (const auto* t : {&h->policy_basis, &h->standard, &h->unit, &h->period, &h->complaint_phone,
                          &h->complaint_address, &h->application_guide})
      body(*t);
    for (const auto& r : s.fund_rows(f.id, "", "", 0, 1000000)) {
      body(r.beneficiary);
      body(r.remark);
      body(r.id_masked);
    }
    for (const auto& p : s.fund_projects(f.id, "")) {
      both(p.name);
      for (const auto* t : {&p.place, &p.contractor, &p.progress, &p.acceptance, &p.remark}) body(*t);
    }
  }
  for (const auto& p : s.policies()) {
    both(p.title);
    body(p.doc_number);
    auto full = s.policy(p.id);
    REQUIRE(full);
    body(full->issuer);
    body(full->body);
    for (const auto& a : full->attachments) body(a);
    for (const auto& q : full->qa) {
      both(q.question);
      body(q.answer);
    }
  }
  for (const char* day : {"0000-00-00", kFixtureToday, "9999-12-31"})
    for (const auto& n : s.notices_current(day)) {
      both(n.title);
      body(n.body);
    }
}

}  // namespace

TEST_CASE("the stored character set covers every character of the content") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "c.db"));
  auto store = Store::open_readonly(dir / "c.db");
  REQUIRE(store.ok());
  const ContentGlyphs g = (*store)->glyphs();
  REQUIRE_FALSE(g.text.empty());
  size_t texts = 0;
  walk(
      **store,
      [&](const std::string& t) {
        ++texts;
        CHECK_MESSAGE(lacking(g.text, t).empty(), t);
        CHECK_MESSAGE(lacking(g.heading, t).empty(), "heading: " << t);
      },
      [&](const std::string& t) {
        ++texts;
        CHECK_MESSAGE(lacking(g.text, t).empty(), t);
      });
  CHECK(texts > 100);
  // Headings hold titles and names only: far fewer characters than all the text.
  CHECK(g.heading.size() < g.text.size());
}

TEST_CASE("each character is stored once, in code point order") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "c.db"));
  auto store = Store::open_readonly(dir / "c.db");
  REQUIRE(store.ok());
  const std::string t = (*store)->glyphs().text;
  std::u32string cps;
  for (size_t i = 0; i < t.size();) cps.push_back(bianmin::utf8::decode(t, i));
  for (size_t i = 1; i < cps.size(); ++i) CHECK(cps[i - 1] < cps[i]);
  CHECK(t.find("民") != std::string::npos);
}

TEST_CASE("upgrading a cache written before the glyph set fills it from the content") {
  TempDir dir;
  auto file = dir / "c.db";
  // Content a version-3 file can hold: guides had no 温馨提示 then (step 5 adds them).
  ContentSet content = fixture_content();
  for (auto& g : content.guides) g.tips.clear();
  REQUIRE(write_cache(content, file));
  std::string before;
  {
    auto store = Store::open_readonly(file);
    REQUIRE(store.ok());
    before = (*store)->glyphs().text;
  }
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    // Back to a version-3 file: without what steps 4 (glyph_set) and 5 (card money, guide
    // tips) add, so the upgrade runs both again.
    REQUIRE(
        sqlite3_exec(
            db,
            "DROP TABLE glyph_set; DROP TABLE guide_tip; DROP TABLE notice_urgent; ALTER TABLE card DROP COLUMN money; "
            "PRAGMA user_version = 3;",
            nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  REQUIRE(upgrade_cache(file));
  auto store = Store::open_readonly(file);
  REQUIRE(store.ok());
  CHECK((*store)->glyphs().text == before);
}

TEST_CASE(
    "the findable set is the input's vocabulary: titles and names search finds, and "
    "colloquial names, but not fund rows or notices") {
  TempDir dir;
  REQUIRE(write_cache(fixture_content(), dir / "c.db"));
  auto store = Store::open_readonly(dir / "c.db");
  REQUIRE(store.ok());
  const ContentGlyphs g = (*store)->glyphs();
  REQUIRE_FALSE(g.findable.empty());
  size_t names = 0;
  for (const auto& x : (*store)->guides_all()) {
    ++names;
    CHECK_MESSAGE(lacking(g.findable, x.name).empty(), x.name);
  }
  for (const auto& x : (*store)->cards()) {
    ++names;
    CHECK_MESSAGE(lacking(g.findable, x.title).empty(), x.title);
  }
  for (const auto& x : (*store)->policies()) {
    ++names;
    CHECK_MESSAGE(lacking(g.findable, x.title).empty(), x.title);
  }
  for (const auto& x : (*store)->departments()) CHECK_MESSAGE(lacking(g.findable, x.name).empty(), x.name);
  for (const auto& c : (*store)->colloquial_names())
    for (const auto& n : c.names) {
      ++names;
      CHECK_MESSAGE(lacking(g.findable, n).empty(), n);
    }
  CHECK(names > 5);
  // Fund publications' titles are headings, but not part of the vocabulary: a character only
  // they hold is in 'heading' and not in 'findable'.
  std::string only_funds;
  for (const auto& f : (*store)->funds_all("0000-00-00")) only_funds += lacking(g.findable, f.title);
  CHECK_FALSE(only_funds.empty());
  CHECK(lacking(g.heading, only_funds).empty());
  CHECK(g.findable.size() < g.heading.size());
}
