// Changes to the hall's content and who may do what to them (see changes.hpp).
#include "changes.hpp"

#include <sqlite3.h>

#include "bianmin/base/sqlite.hpp"

namespace bianmin::console {
using sql::Stmt;
namespace fs = std::filesystem;

namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS changes(
  id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, author TEXT NOT NULL,
  author_name TEXT NOT NULL DEFAULT '', state TEXT NOT NULL, created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, base_digest TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '',
  reviewer_name TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sheet_mappings(
  kind TEXT PRIMARY KEY, text TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at INTEGER NOT NULL);
)sql";

constexpr ChangeState kStates[] = {ChangeState::Editing, ChangeState::Submitted, ChangeState::Returned,
                                   ChangeState::Published, ChangeState::Withdrawn};

ChangeState parse_state(const std::string& s) {
  for (auto st : kStates)
    if (s == state_word(st)) return st;
  return ChangeState::Withdrawn;  // unknown: nothing may happen to it
}

constexpr const char* kColumns =
    "id, title, author, author_name, state, created_at, updated_at, base_digest, reviewer, reviewer_name, comment, "
    "version";

Change read_change(const Stmt& st) {
  Change c;
  c.id = st.i64(0);
  c.title = st.text(1);
  c.author = st.text(2);
  c.author_name = st.text(3);
  c.state = parse_state(st.text(4));
  c.created_at = st.i64(5);
  c.updated_at = st.i64(6);
  c.base_digest = st.text(7);
  c.reviewer = st.text(8);
  c.reviewer_name = st.text(9);
  c.comment = st.text(10);
  c.version = st.i64(11);
  return c;
}
}  // namespace

const char* state_word(ChangeState s) {
  switch (s) {
    case ChangeState::Editing:
      return "editing";
    case ChangeState::Submitted:
      return "submitted";
    case ChangeState::Returned:
      return "returned";
    case ChangeState::Published:
      return "published";
    case ChangeState::Withdrawn:
      return "withdrawn";
  }
  return "withdrawn";
}

const char* state_label(ChangeState s) {
  switch (s) {
    case ChangeState::Editing:
      return "编写中";
    case ChangeState::Submitted:
      return "待审核";
    case ChangeState::Returned:
      return "已退回";
    case ChangeState::Published:
      return "已发布";
    case ChangeState::Withdrawn:
      return "已撤销";
  }
  return "已撤销";
}

Status may(Action what, const Change& c, const Staff& who) {
  if (c.state == ChangeState::Published) return Status::fail("这个修改已经发布，不能再改动");
  if (c.state == ChangeState::Withdrawn) return Status::fail("这个修改已经撤销");
  bool open = c.state == ChangeState::Editing || c.state == ChangeState::Returned;
  switch (what) {
    case Action::Edit:
    case Action::Submit:
    case Action::Withdraw:
      if (who.role != Role::Clerk) return Status::fail("只有经办人员可以准备、提交或撤销修改");
      if (!open) return Status::fail("这个修改正在等待审核，不能改动（请审核人员退回后再改）");
      return {};
    case Action::Approve:
    case Action::Return:
      if (who.role != Role::Approver) return Status::fail("只有审核人员可以批准或退回修改");
      if (who.user == c.author) return Status::fail("不能审核自己准备的修改，请另一位审核人员处理");
      if (c.state != ChangeState::Submitted) return Status::fail("这个修改还没有提交审核");
      return {};
  }
  return Status::fail("没有这个操作");
}

Status copy_folder(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::path tmp = to;
  tmp += ".tmp";
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp.parent_path(), ec);
  fs::copy(from, tmp, fs::copy_options::recursive, ec);
  if (ec) return Status::fail("cannot copy the source folder: " + ec.message(), from.string());
  fs::rename(tmp, to, ec);
  if (ec) return Status::fail("cannot copy the source folder: " + ec.message(), to.string());
  return {};
}

Result<std::unique_ptr<ChangeStore>> ChangeStore::open(const fs::path& db_path, const fs::path& dir) {
  using R = Result<std::unique_ptr<ChangeStore>>;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  sql::Connection g(raw);
  if (rc != SQLITE_OK) return R::fail("cannot open the console's store", db_path.string());
  sqlite3_busy_timeout(raw, 5000);
  for (const char* s : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", kSchema})
    if (auto st = sql::exec(raw, s); !st)
      return R::fail("cannot prepare the changes' store: " + st.error().message, db_path.string());
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return R::fail("cannot create the changes' folder: " + ec.message(), dir.string());
  return std::unique_ptr<ChangeStore>(new ChangeStore(g.release(), dir));
}

ChangeStore::~ChangeStore() { sqlite3_close_v2(db_); }

fs::path ChangeStore::src(int64_t id) const { return dir_ / std::to_string(id) / "src"; }
fs::path ChangeStore::work(int64_t id) const { return dir_ / std::to_string(id) / "work"; }

Result<Change> ChangeStore::create(const std::string& title, const Staff& author, const fs::path& source,
                                   const std::string& digest, int64_t now) {
  using R = Result<Change>;
  int64_t id = 0;
  {
    std::lock_guard lock(mu_);
    Stmt st(db_,
            "INSERT INTO changes(title, author, author_name, state, created_at, updated_at, base_digest) "
            "VALUES(?,?,?,?,?,?,?) RETURNING id");
    st.bind_all(title, author.user, author.display_name, state_word(ChangeState::Editing), now, now, digest);
    if (!st.step()) return R::fail("cannot store the change: " + st.error());
    id = st.i64(0);
  }
  std::error_code ec;
  fs::remove_all(dir_ / std::to_string(id), ec);  // a folder left by a store that was reset
  if (auto c = copy_folder(source, src(id)); !c) return c.error();
  auto c = get(id);
  if (!c) return R::fail("the change vanished");
  return *c;
}

std::optional<Change> ChangeStore::get(int64_t id) {
  std::lock_guard lock(mu_);
  Stmt st(db_, std::string("SELECT ") + kColumns + " FROM changes WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_change(st);
}

std::vector<Change> ChangeStore::list(int limit) {
  std::lock_guard lock(mu_);
  std::vector<Change> out;
  Stmt st(db_, std::string("SELECT ") + kColumns + " FROM changes ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  while (st.step()) out.push_back(read_change(st));
  return out;
}

Status ChangeStore::set_state(int64_t id, ChangeState s, const Staff* reviewer, const std::string& comment,
                              int64_t version, int64_t now) {
  std::lock_guard lock(mu_);
  Stmt st(db_,
          "UPDATE changes SET state=?, updated_at=?, reviewer=coalesce(?, reviewer), "
          "reviewer_name=coalesce(?, reviewer_name), comment=?, version=? WHERE id=?");
  st.bind(1, state_word(s)).bind(2, now);
  if (reviewer)
    st.bind(3, reviewer->user).bind(4, reviewer->display_name);
  else
    st.bind_null(3).bind_null(4);
  st.bind(5, comment).bind(6, version).bind(7, id);
  return st.run();
}

Status ChangeStore::touch(int64_t id, int64_t now) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "UPDATE changes SET updated_at=? WHERE id=?");
  st.bind_all(now, id);
  return st.run();
}

std::optional<std::string> ChangeStore::mapping(const std::string& kind) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT text FROM sheet_mappings WHERE kind=?");
  st.bind(1, kind);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

Status ChangeStore::set_mapping(const std::string& kind, const std::string& text, const std::string& by, int64_t now) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "INSERT OR REPLACE INTO sheet_mappings(kind, text, updated_by, updated_at) VALUES(?,?,?,?)");
  st.bind_all(kind, text, by, now);
  return st.run();
}

}  // namespace bianmin::console
