// Changes to the hall's content and who may do what to them (see changes.hpp).
#include "changes.hpp"

namespace bianmin::console {
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

Change read_change(const DbRows& r, size_t row) {
  Change c;
  c.id = r.i64(row, 0);
  c.title = r.text(row, 1);
  c.author = r.text(row, 2);
  c.author_name = r.text(row, 3);
  c.state = parse_state(r.text(row, 4));
  c.created_at = r.i64(row, 5);
  c.updated_at = r.i64(row, 6);
  c.base_digest = r.text(row, 7);
  c.reviewer = r.text(row, 8);
  c.reviewer_name = r.text(row, 9);
  c.comment = r.text(row, 10);
  c.version = r.i64(row, 11);
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

Result<std::unique_ptr<ChangeStore>> ChangeStore::open(const DbPlace& place, const fs::path& dir) {
  using R = Result<std::unique_ptr<ChangeStore>>;
  auto db = ConsoleDb::open(place, kSchema);
  if (!db) return db.error();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return R::fail("cannot create the changes' folder: " + ec.message(), dir.string());
  return std::unique_ptr<ChangeStore>(new ChangeStore(std::move(*db), dir));
}

ChangeStore::~ChangeStore() = default;

fs::path ChangeStore::src(int64_t id) const { return dir_ / std::to_string(id) / "src"; }
fs::path ChangeStore::work(int64_t id) const { return dir_ / std::to_string(id) / "work"; }

Result<Change> ChangeStore::create(const std::string& title, const Staff& author, const fs::path& source,
                                   const std::string& digest, int64_t now) {
  using R = Result<Change>;
  int64_t id = 0;
  {
    std::lock_guard lock(mu_);
    auto st = db_->run(
        "INSERT INTO changes(title, author, author_name, state, created_at, updated_at, base_digest) "
        "VALUES(?,?,?,?,?,?,?) RETURNING id",
        {title, author.user, author.display_name, state_word(ChangeState::Editing), now, now, digest});
    if (st.empty()) return R::fail("cannot store the change: " + st.error);
    id = st.i64(0, 0);
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
  auto r = db_->run(std::string("SELECT ") + kColumns + " FROM changes WHERE id=?", {id});
  if (r.empty()) return std::nullopt;
  return read_change(r, 0);
}

std::vector<Change> ChangeStore::list(int limit) {
  std::lock_guard lock(mu_);
  std::vector<Change> out;
  auto r = db_->run(std::string("SELECT ") + kColumns + " FROM changes ORDER BY id DESC LIMIT ?", {limit});
  for (size_t i = 0; i < r.rows.size(); ++i) out.push_back(read_change(r, i));
  return out;
}

Status ChangeStore::set_state(int64_t id, ChangeState s, const Staff* reviewer, const std::string& comment,
                              int64_t version, int64_t now) {
  std::lock_guard lock(mu_);
  return db_
      ->run(
          "UPDATE changes SET state=?, updated_at=?, reviewer=coalesce(?, reviewer), "
          "reviewer_name=coalesce(?, reviewer_name), comment=?, version=? WHERE id=?",
          {state_word(s), now, reviewer ? DbParam(reviewer->user) : DbParam(nullptr),
           reviewer ? DbParam(reviewer->display_name) : DbParam(nullptr), comment, version, id})
      .status();
}

Status ChangeStore::touch(int64_t id, int64_t now) {
  std::lock_guard lock(mu_);
  return db_->run("UPDATE changes SET updated_at=? WHERE id=?", {now, id}).status();
}

std::optional<std::string> ChangeStore::mapping(const std::string& kind) {
  std::lock_guard lock(mu_);
  auto r = db_->run("SELECT text FROM sheet_mappings WHERE kind=?", {kind});
  if (r.empty()) return std::nullopt;
  return r.text(0, 0);
}

Status ChangeStore::set_mapping(const std::string& kind, const std::string& text, const std::string& by, int64_t now) {
  std::lock_guard lock(mu_);
  return db_
      ->run(
          "INSERT INTO sheet_mappings(kind, text, updated_by, updated_at) VALUES(?,?,?,?) ON CONFLICT(kind) DO "
          "UPDATE SET text=excluded.text, updated_by=excluded.updated_by, updated_at=excluded.updated_at",
          {kind, text, by, now})
      .status();
}

}  // namespace bianmin::console
