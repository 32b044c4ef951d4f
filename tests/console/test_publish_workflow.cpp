// The console's publishing workflow (issue 17): who may do what to a change, the store of
// changes and remembered column mappings on a real SQLite file, the change report, and the
// publisher key sealed with a passphrase.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "bianmin/content/importer.hpp"

#include "bianmin/sync/crypto.hpp"
#include "change_report.hpp"
#include "changes.hpp"
#include "item_form.hpp"
#include "publish_flow.hpp"
#include "sealed_key.hpp"
#include "store_engines.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::console;

namespace {
constexpr int64_t T0 = 1796000000;
const Staff kClerk{"zhang", "张晓梅", Role::Clerk};
const Staff kClerk2{"zhao", "赵丽", Role::Clerk};
const Staff kApprover{"wang", "王建国", Role::Approver};

Change change_in(ChangeState s, const std::string& author = "zhang") {
  Change c;
  c.id = 1;
  c.author = author;
  c.state = s;
  return c;
}

content::FundPublication fund(const std::string& id, std::vector<int64_t> amounts) {
  content::FundPublication f;
  f.id = id;
  f.title = id + " 公示";
  f.village_ids = {"xiaowan"};
  for (size_t i = 0; i < amounts.size(); ++i) {
    content::FundRow r;
    r.row_no = static_cast<int>(i + 1);
    r.beneficiary = "李*梅";
    r.id_masked = "4326**********7704";
    r.amount_fen = amounts[i];
    f.rows.push_back(r);
  }
  return f;
}
}  // namespace

TEST_CASE("a 经办 prepares, submits and withdraws an open change; a 审核 may not edit it") {
  for (auto s : {ChangeState::Editing, ChangeState::Returned}) {
    CHECK(may(Action::Edit, change_in(s), kClerk).ok());
    CHECK(may(Action::Submit, change_in(s), kClerk).ok());
    CHECK(may(Action::Withdraw, change_in(s), kClerk).ok());
    CHECK(may(Action::Edit, change_in(s), kClerk2).ok());  // a colleague may carry on
    CHECK_FALSE(may(Action::Edit, change_in(s), kApprover).ok());
  }
  auto waiting = may(Action::Edit, change_in(ChangeState::Submitted), kClerk);
  REQUIRE_FALSE(waiting.ok());
  CHECK(waiting.error().message.find("等待审核") != std::string::npos);
}

TEST_CASE("only a different 审核 approves or sends back a submitted change") {
  auto submitted = change_in(ChangeState::Submitted);
  CHECK(may(Action::Approve, submitted, kApprover).ok());
  CHECK(may(Action::Return, submitted, kApprover).ok());
  auto clerk = may(Action::Approve, submitted, kClerk);
  REQUIRE_FALSE(clerk.ok());
  CHECK(clerk.error().message.find("只有审核人员") != std::string::npos);
  // An account that prepared the change (and was made 审核 later) never approves it.
  auto own = may(Action::Approve, change_in(ChangeState::Submitted, "wang"), kApprover);
  REQUIRE_FALSE(own.ok());
  CHECK(own.error().message.find("不能审核自己") != std::string::npos);
  CHECK_FALSE(may(Action::Return, change_in(ChangeState::Submitted, "wang"), kApprover).ok());
  CHECK_FALSE(may(Action::Approve, change_in(ChangeState::Editing), kApprover).ok());
  CHECK_FALSE(may(Action::Approve, change_in(ChangeState::Returned), kApprover).ok());
}

TEST_CASE("nothing happens to a published or withdrawn change") {
  for (auto s : {ChangeState::Published, ChangeState::Withdrawn})
    for (auto a : {Action::Edit, Action::Submit, Action::Withdraw, Action::Approve, Action::Return}) {
      CHECK_FALSE(may(a, change_in(s), kClerk).ok());
      CHECK_FALSE(may(a, change_in(s), kApprover).ok());
    }
}

TEST_CASE("a change is a copy of the source folder; its states, reviewer and comment are stored") {
  test::TempDir dir("changes");
  test::write_file(dir / "source/site.yaml", "township: 桐溪镇\n");
  test::write_file(dir / "source/funds/a.csv", "村,组\n");
  test::for_each_engine(dir.path(), [&](const test::Engine& e) {
    auto store = ChangeStore::open(e.console(), dir / ("changes-" + e.name));
    REQUIRE(store.ok());
    auto& s = **store;
    auto c = s.create("更新名单", kClerk, dir / "source", "digest-1", T0);
    REQUIRE(c.ok());
    CHECK(c->state == ChangeState::Editing);
    CHECK(c->author_name == "张晓梅");
    CHECK(c->base_digest == "digest-1");
    CHECK(test::read_file(s.src(c->id) / "funds/a.csv") == "村,组\n");
    // Editing the copy leaves the hall's folder alone.
    test::write_file(s.src(c->id) / "funds/a.csv", "村,组,姓名\n");
    CHECK(test::read_file(dir / "source/funds/a.csv") == "村,组\n");

    REQUIRE(s.set_state(c->id, ChangeState::Submitted, nullptr, "", 0, T0 + 10).ok());
    REQUIRE(s.set_state(c->id, ChangeState::Returned, &kApprover, "第 3 行金额不对", 0, T0 + 20).ok());
    auto back = s.get(c->id);
    REQUIRE(back);
    CHECK(back->state == ChangeState::Returned);
    CHECK(back->reviewer == "wang");
    CHECK(back->reviewer_name == "王建国");
    CHECK(back->comment == "第 3 行金额不对");
    CHECK(back->updated_at == T0 + 20);
    REQUIRE(s.set_state(c->id, ChangeState::Published, &kApprover, "", 7, T0 + 30).ok());
    CHECK(s.get(c->id)->version == 7);

    auto second = s.create("第二个", kClerk2, dir / "source", "digest-2", T0 + 40);
    REQUIRE(second.ok());
    auto all = s.list();
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == second->id);  // newest first
    CHECK_FALSE(s.get(999));
  });
}

TEST_CASE("a fund kind's column mapping is remembered on the hub") {
  test::TempDir dir("changes");
  test::for_each_engine(dir.path(), [&](const test::Engine& e) {
    auto store = ChangeStore::open(e.console(), dir / "changes");
    REQUIRE(store.ok());
    CHECK_FALSE((*store)->mapping("household"));
    REQUIRE((*store)->set_mapping("household", "kind: household\n姓名: C\n", "zhang", T0).ok());
    REQUIRE((*store)->set_mapping("household", "kind: household\n姓名: D\n", "zhang", T0 + 1).ok());
    CHECK((*store)->mapping("household") == "kind: household\n姓名: D\n");
    CHECK_FALSE((*store)->mapping("project"));
    // Reopened (a hub restart): still there.
    store->reset();
    auto again = ChangeStore::open(e.console(), dir / "changes");
    REQUIRE(again.ok());
    CHECK((*again)->mapping("household") == "kind: household\n姓名: D\n");
  });
}

TEST_CASE("the change report lists added, changed and removed items with fund rows and totals") {
  content::ContentSet before, after;
  before.funds = {fund("a", {5000, 5000}), fund("b", {100}), fund("gone", {1})};
  after.funds = {fund("a", {5000, 5000}), fund("b", {100, 250}), fund("new", {5000, 10000, 5000})};
  content::Notice n;
  n.id = "closed";
  n.title = "元旦放假";
  after.notices = {n};
  auto r = compare(before, after);
  CHECK_FALSE(r.empty());
  CHECK_FALSE(r.site_changed);
  REQUIRE(r.items.size() == 4);  // b changed, new added, gone removed, the notice added; a unchanged
  auto item = [&](const std::string& id) {
    for (const auto& i : r.items)
      if (i.id == id) return i;
    FAIL("no item " << id);
    return ItemChange{};
  };
  CHECK(item("b").what == ItemChange::Changed);
  CHECK(item("new").what == ItemChange::Added);
  CHECK(item("gone").what == ItemChange::Removed);
  CHECK(item("closed").kind == "notice");
  REQUIRE(r.funds.size() == 3);
  const auto& b = r.funds[0];
  CHECK(b.id == "b");
  CHECK(b.rows_before == 1);
  CHECK(b.rows == 2);
  CHECK(b.total_before_fen == 100);
  CHECK(b.total_fen == 350);
  auto j = report_json(r);
  CHECK(j["funds"][1]["total"] == "200.00");
  std::string deid = j["funds"][1]["deidentified"].dump();
  CHECK(deid.find("4326**********7704") != std::string::npos);
  CHECK(deid.find("3 个只显示姓和末字") != std::string::npos);
  CHECK(deid.find("联系电话：一律不公开") != std::string::npos);

  auto routes = preview_routes(r, after, 3);
  REQUIRE(routes.size() == 3);
  CHECK(routes[0].route == "funds/xiaowan/b");
  CHECK(routes[1].route == "funds/xiaowan/new");
  CHECK(routes[2].route == "home");  // the notice shows on home
  CHECK(compare(after, after).empty());
  CHECK(preview_routes(compare(after, after), after, 2).front().route == "home");
}

TEST_CASE("the publisher key sealed with a passphrase opens only with it and holds no plain secret") {
  test::TempDir dir("sealed");
  auto k = sync::generate_keypair();
  CHECK_FALSE(seal_key(dir / "short.sealed", k, "short").ok());  // at least 10 characters
  REQUIRE(seal_key(dir / "k.sealed", k, "qingshi passphrase 2026").ok());
  std::string text = test::read_file(dir / "k.sealed");
  CHECK(text.find(sync::to_hex(k.secret_key).substr(0, 64)) == std::string::npos);
  CHECK(sealed_key_id(dir / "k.sealed").value() == k.key_id);
  auto wrong = unseal_key(dir / "k.sealed", "qingshi passphrase 2025");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().message == "签名口令不对");
  auto right = unseal_key(dir / "k.sealed", "qingshi passphrase 2026");
  REQUIRE(right.ok());
  CHECK(right->secret_key == k.secret_key);
  CHECK(right->key_id == k.key_id);
  wipe(*right);
  CHECK(right->secret_key.empty());
  CHECK_FALSE(sealed_key_id(dir / "missing.sealed").ok());
}

TEST_CASE("a form writes the fields of one YAML file and keeps the keys it does not show") {
  test::TempDir dir("item");
  test::write_file(dir / "policies/p.yaml",
                   "id: p\ntitle: 旧标题\nqa:\n  - {q: 谁可以申请？, a: 本村村民。}\ntopics: [a, b]\n");
  nlohmann::json change = {
      {"title", "新标题"}, {"body", "第一段。\n\n第二段。"}, {"topics", {"minzheng"}}, {"doc_number", ""}};
  REQUIRE(write_item(dir / "policies/p.yaml", change).ok());
  auto back = read_item(dir / "policies/p.yaml");
  REQUIRE(back.ok());
  CHECK((*back)["title"] == "新标题");
  CHECK((*back)["body"] == "第一段。\n\n第二段。\n");  // a literal block ends with its newline
  CHECK((*back)["topics"] == nlohmann::json::array({"minzheng"}));
  CHECK((*back)["qa"][0]["q"] == "谁可以申请？");  // not sent by the form: kept as it was
  CHECK(test::read_file(dir / "policies/p.yaml").find("body: |") != std::string::npos);
  // An empty field removes the key; a new file starts empty.
  REQUIRE(write_item(dir / "policies/p.yaml", {{"topics", nlohmann::json::array()}}).ok());
  CHECK_FALSE(read_item(dir / "policies/p.yaml")->contains("topics"));
  REQUIRE(write_item(dir / "notices/n.yaml", {{"id", "n"}, {"urgent", true}}).ok());
  CHECK((*read_item(dir / "notices/n.yaml"))["urgent"] == "true");
  test::write_file(dir / "bad.yaml", "- a list\n- not a map\n");
  CHECK_FALSE(write_item(dir / "bad.yaml", {{"id", "x"}}).ok());
  CHECK_FALSE(read_item(dir / "bad.yaml").ok());
}

TEST_CASE("a guide's form writes nested maps and lists of maps, merging maps and keeping keys it does not send") {
  test::TempDir dir("guide-form");
  test::write_file(dir / "guides/g.yaml",
                   "code: 432625000MZ-JF-0003\nname: 旧名称\ntime_limit: {statutory_days: 30, promised_days: 15}\n"
                   "materials:\n  - {name: 旧材料, copies: 2}\nwhere: {window: 2号窗口, hours: 上午}\n");
  nlohmann::json fields = {
      {"name", "最低生活保障申请"},
      {"time_limit", {{"promised_days", 10}, {"immediate", false}}},
      {"fees", {{"free", false}, {"standard", "每件10元"}, {"basis", ""}}},
      {"where", {{"window", ""}}},  // hours is not sent: kept
      {"online", {{"url", ""}}},    // a map left empty is removed
      {"materials", nlohmann::json::array({{{"name", "居民身份证"}, {"copies", 1}, {"required", true}},
                                           {{"name", "病历"}, {"required", false}, {"condition", "有病历的"}},
                                           nlohmann::json::object()})},
      {"tips", nlohmann::json::array({"第一条", ""})}};
  auto written = write_item(dir / "guides/g.yaml", fields);
  std::string why = written.ok() ? std::string() : written.error().to_string();
  INFO(why);
  REQUIRE(written.ok());
  auto back = read_item(dir / "guides/g.yaml");
  REQUIRE(back.ok());
  CHECK((*back)["code"] == "432625000MZ-JF-0003");
  CHECK((*back)["time_limit"] ==
        nlohmann::json({{"statutory_days", "30"}, {"promised_days", "10"}, {"immediate", "false"}}));
  CHECK((*back)["fees"] == nlohmann::json({{"free", "false"}, {"standard", "每件10元"}}));  // false is written
  CHECK((*back)["where"] == nlohmann::json({{"hours", "上午"}}));
  CHECK_FALSE(back->contains("online"));
  REQUIRE((*back)["materials"].size() == 2);  // the empty item is dropped
  CHECK((*back)["materials"][0] == nlohmann::json({{"name", "居民身份证"}, {"copies", "1"}, {"required", "true"}}));
  CHECK((*back)["materials"][1]["condition"] == "有病历的");
  CHECK((*back)["tips"] == nlohmann::json::array({"第一条"}));
  CHECK_FALSE(write_item(dir / "guides/g.yaml", {{"name", {{"a", {{"b", {{"c", {{"d", {{"e", "深"}}}}}}}}}}}}).ok());
}

TEST_CASE("a guide written by the form passes the importer, and a missing required element is named by its field") {
  test::TempDir dir("guide-import");
  std::filesystem::copy(test::source_dir() / "content/demo", dir.path(), std::filesystem::copy_options::recursive);
  nlohmann::json guide = {
      {"code", "432625000MZ-JF-0099"},
      {"name", "临时生活补助申请"},
      {"type", "行政给付"},
      {"serves", {"自然人"}},
      {"department", "minzheng"},
      {"topics", {"minzhengjiuzhu"}},
      {"catalogue", "zwfw/bszn/gr"},
      {"summary", "家里突遇困难的，带身份证到镇民政办申请。"},
      {"conditions", {"本镇户籍居民"}},
      {"materials", nlohmann::json::array({{{"name", "居民身份证"}, {"copies", 1}, {"required", true}}})},
      {"process", nlohmann::json::array({{{"name", "申请"}, {"actor", "申请人"}}})},
      {"time_limit", {{"promised_days", 5}, {"immediate", false}}},
      {"fees", {{"free", true}}},
      {"online", {{"url", "https://evil.example.com/x"}}},
      {"visits", 1},
      {"version", "2026.1"},
      {"effective", "2026-12-01"},
      {"updated", "2026-12-01"}};
  REQUIRE(write_item(dir / "guides/linshi.yaml", guide).ok());
  auto fields_of = [&](const std::string& file) {
    std::set<std::string> out;
    for (const auto& p : content::import_source(dir.path()).problems)
      if (p.file == file) out.insert(p.field);
    return out;
  };
  CHECK(fields_of("guides/linshi.yaml") == std::set<std::string>{"online.url"});  // the host is not allowed
  REQUIRE(write_item(dir / "guides/linshi.yaml", {{"online", {{"url", ""}}}, {"summary", ""}}).ok());
  CHECK(fields_of("guides/linshi.yaml") == std::set<std::string>{"summary"});  // 缺少必填项（简版指南）
  REQUIRE(write_item(dir / "guides/linshi.yaml", {{"summary", "家里突遇困难的，到镇民政办申请。"}}).ok());
  auto done = content::import_source(dir.path());
  CHECK(done.problems.empty());
  CHECK(std::any_of(done.content.guides.begin(), done.content.guides.end(),
                    [](const content::ServiceGuide& g) { return g.code == "432625000MZ-JF-0099"; }));
}

TEST_CASE("deleting a fund publication's header deletes its rows too; the report lists it as removed") {
  test::TempDir dir("remove");
  std::filesystem::copy(test::source_dir() / "content/demo", dir.path(), std::filesystem::copy_options::recursive);
  auto before = content::import_source(dir.path());
  REQUIRE(before.problems.empty());
  REQUIRE(std::filesystem::exists(dir / "funds/gaoling-2025.csv"));
  REQUIRE(remove_item(dir / "funds/gaoling-2025.yaml").ok());
  CHECK_FALSE(std::filesystem::exists(dir / "funds/gaoling-2025.yaml"));
  CHECK_FALSE(std::filesystem::exists(dir / "funds/gaoling-2025.csv"));
  CHECK_FALSE(remove_item(dir / "funds/gaoling-2025.yaml").ok());  // already gone: said so
  auto after = content::import_source(dir.path());
  CHECK(after.problems.empty());
  auto report = compare(before.content, after.content);
  REQUIRE(report.items.size() == 1);
  CHECK(report.items[0].id == "gaoling-2025");
  CHECK(report.items[0].what == ItemChange::Removed);
}

TEST_CASE("without bianmin-kiosk on the hub the console says why there are no previews") {
  CHECK(preview_unavailable("").find("没有设置") != std::string::npos);
  auto missing = preview_unavailable("/nonexistent/bianmin-kiosk");
  CHECK(missing.find("没有安装 bianmin-kiosk") != std::string::npos);
  CHECK(missing.find("照样可以提交和发布") != std::string::npos);
  // The package that brings the program without making the hub a terminal (deploy/README.md).
  CHECK(missing.find("apt install bianmin-kiosk-bin") != std::string::npos);
  test::TempDir dir("kiosk");
  test::write_file(dir / "bianmin-kiosk", "not a program");  // not executable
  CHECK_FALSE(preview_unavailable(dir / "bianmin-kiosk").empty());
  CHECK(preview_unavailable("/bin/true").empty());
}

TEST_CASE("an item another file still names is not deleted: the answer says where it is used") {
  test::TempDir dir("remove-used");
  std::filesystem::copy(test::source_dir() / "content/demo", dir.path(), std::filesystem::copy_options::recursive);
  const std::string card = test::read_file(dir / "cards/fangzha.yaml");
  // site.yaml's colloquial names send 防诈骗, 电信诈骗 … to “防范电信诈骗”, which only this card's title holds.
  auto used = remove_unused_item(dir.path(), "cards/fangzha.yaml");
  REQUIRE(used.ok());
  REQUIRE_FALSE(used->empty());
  CHECK((*used)[0].file == "site.yaml");
  CHECK((*used)[0].field.rfind("colloquial_names", 0) == 0);
  CHECK(test::read_file(dir / "cards/fangzha.yaml") == card);  // put back as it was
  CHECK(content::import_source(dir.path()).problems.empty());

  // An item nothing names goes, with its rows for a fund header.
  auto unused = remove_unused_item(dir.path(), "funds/gaoling-2025.yaml");
  REQUIRE(unused.ok());
  CHECK(unused->empty());
  CHECK_FALSE(std::filesystem::exists(dir / "funds/gaoling-2025.yaml"));
  CHECK_FALSE(std::filesystem::exists(dir / "funds/gaoling-2025.csv"));
  CHECK_FALSE(remove_unused_item(dir.path(), "funds/gaoling-2025.yaml").ok());  // already gone: said so
}
