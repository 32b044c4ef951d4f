// The console's accounts, sessions and audit log (see staff_store.hpp).
#include "staff_store.hpp"

#include <sodium.h>

#include "bianmin/sync/crypto.hpp"

namespace bianmin::console {

namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS staff(
  "user" TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK(role IN ('clerk','approver')), pw_hash TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS console_sessions(
  token_sha256 TEXT PRIMARY KEY, "user" TEXT NOT NULL, csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log(
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, "user" TEXT NOT NULL,
  action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '');
)sql";

// One argon2id computation at a time (64 MiB each): logins queue instead of eating memory.
std::mutex g_hash_mu;

std::string random_hex(size_t bytes) {
  std::string b(bytes, '\0');
  randombytes_buf(b.data(), b.size());
  return sync::to_hex(b);
}

// Cut to `n` bytes on a UTF-8 character boundary.
std::string cut(const std::string& s, size_t n = 200) {
  if (s.size() <= n) return s;
  size_t i = n;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return s.substr(0, i);
}

// A hash of a random password: unknown accounts cost as much time as known ones.
const std::string& dummy_hash() {
  static const std::string h = [] {
    char out[crypto_pwhash_STRBYTES];
    std::string pw = random_hex(16);
    if (crypto_pwhash_str(out, pw.c_str(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      return std::string();
    return std::string(out);
  }();
  return h;
}
}  // namespace

const char* role_word(Role r) { return r == Role::Approver ? "approver" : "clerk"; }
const char* role_label(Role r) { return r == Role::Approver ? "审核" : "经办"; }
std::optional<Role> parse_role(const std::string& s) {
  if (s == "clerk" || s == "经办") return Role::Clerk;
  if (s == "approver" || s == "审核") return Role::Approver;
  return std::nullopt;
}

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::unique_ptr<StaffStore>> StaffStore::open(const DbPlace& place, Policy policy) {
  using R = Result<std::unique_ptr<StaffStore>>;
  if (sodium_init() < 0) return R::fail("libsodium cannot start");
  auto db = ConsoleDb::open(place, kSchema);
  if (!db) return db.error();
  return std::unique_ptr<StaffStore>(new StaffStore(std::move(*db), policy));
}

StaffStore::~StaffStore() = default;

Status StaffStore::add_staff(const std::string& user, const std::string& display_name, Role role,
                             const std::string& password, bool replace, int64_t now) {
  if (user.empty() || user.size() > 64) return Status::fail("a user name has 1 to 64 bytes", {}, 0, "user");
  for (unsigned char c : user)
    if (c < 0x21 || c == 0x7f) return Status::fail("a user name has no spaces or control characters", {}, 0, "user");
  if (password.size() < 8) return Status::fail("a password has at least 8 characters", {}, 0, "password");
  if (password.size() > 1024) return Status::fail("a password has at most 1024 bytes", {}, 0, "password");
  char hash[crypto_pwhash_STRBYTES];
  {
    std::lock_guard h(g_hash_mu);
    if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      return Status::fail("out of memory while hashing the password");
  }
  std::lock_guard lock(mu_);
  auto ins =
      db_->run(replace ? "INSERT INTO staff(\"user\", display_name, role, pw_hash, created_at) VALUES(?,?,?,?,?) "
                         "ON CONFLICT(\"user\") DO UPDATE SET display_name=excluded.display_name, "
                         "role=excluded.role, pw_hash=excluded.pw_hash, failures=0, locked_until=0"
                       : "INSERT INTO staff(\"user\", display_name, role, pw_hash, created_at) VALUES(?,?,?,?,?)",
               {user, cut(display_name.empty() ? user : display_name, 100), role_word(role), std::string(hash), now});
  if (ins.duplicate)
    return Status::fail("staff account " + user + " exists already (--replace sets a new password)", {}, 0, "user");
  if (!ins.ok) return Status::fail("cannot store the account: " + ins.error);
  if (replace)  // a new password ends the account's sessions
    db_->run("DELETE FROM console_sessions WHERE \"user\"=?", {user});
  audit_locked("", replace ? "修改工作人员" : "添加工作人员", user + "（" + role_label(role) + "）", "命令行", now);
  return Status::success();
}

std::vector<Staff> StaffStore::staff() {
  std::lock_guard lock(mu_);
  std::vector<Staff> out;
  auto r = db_->run("SELECT \"user\", display_name, role FROM staff ORDER BY \"user\"");
  for (size_t i = 0; i < r.rows.size(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), parse_role(r.text(i, 2)).value_or(Role::Clerk)});
  return out;
}

LoginResult StaffStore::login(const std::string& user_in, const std::string& password, const std::string& address,
                              int64_t now) {
  LoginResult r;
  std::string user = cut(user_in, 64);
  std::optional<Staff> staff;
  std::string hash;
  {
    std::lock_guard lock(mu_);
    auto st = db_->run("SELECT display_name, role, pw_hash, locked_until FROM staff WHERE \"user\"=?", {user});
    if (!st.empty()) {
      staff = Staff{user, st.text(0, 0), parse_role(st.text(0, 1)).value_or(Role::Clerk)};
      hash = st.text(0, 2);
      if (st.i64(0, 3) > now) {
        r.outcome = LoginResult::Locked;
        r.locked_until = st.i64(0, 3);
        audit_locked(user, "登录被拒", "账户锁定中", address, now);
        return r;
      }
    }
  }
  bool ok = false;
  {
    std::lock_guard h(g_hash_mu);
    const std::string& against = staff ? hash : dummy_hash();
    ok = password.size() <= 1024 && !against.empty() &&
         crypto_pwhash_str_verify(against.c_str(), password.c_str(), password.size()) == 0 && staff.has_value();
  }
  std::lock_guard lock(mu_);
  if (!staff) {
    audit_locked(user, "登录失败", "没有这个账户", address, now);
    return r;
  }
  if (!ok) {
    auto st = db_->run("UPDATE staff SET failures=failures+1 WHERE \"user\"=? RETURNING failures", {user});
    int64_t failures = st.empty() ? 0 : st.i64(0, 0);
    audit_locked(user, "登录失败", "密码错误（连续第 " + std::to_string(failures) + " 次）", address, now);
    if (failures >= policy_.max_failures) {
      db_->run("UPDATE staff SET failures=0, locked_until=? WHERE \"user\"=?", {now + policy_.lock_s, user});
      r.outcome = LoginResult::Locked;
      r.locked_until = now + policy_.lock_s;
      audit_locked(user, "账户锁定",
                   "连续 " + std::to_string(failures) + " 次密码错误，锁定 " +
                       std::to_string((policy_.lock_s + 59) / 60) + " 分钟",
                   address, now);
    }
    return r;
  }
  db_->run("UPDATE staff SET failures=0, locked_until=0 WHERE \"user\"=?", {user});
  r.token = random_hex(32);
  r.session.staff = *staff;
  r.session.csrf = random_hex(32);
  r.session.expires_at = now + std::min(policy_.idle_s, policy_.max_s);
  auto s =
      db_->run("INSERT INTO console_sessions(token_sha256, \"user\", csrf, created_at, last_seen) VALUES(?,?,?,?,?)",
               {sync::sha256_hex(r.token), user, r.session.csrf, now, now});
  if (!s.ok) {
    r.token.clear();
    audit_locked(user, "登录失败", "无法保存会话", address, now);
    return r;  // BadPassword: the caller says "try again"
  }
  // Sessions that ended long ago go (a hall logs in a few times a day).
  db_->run("DELETE FROM console_sessions WHERE last_seen < ? OR created_at < ?",
           {now - policy_.idle_s, now - policy_.max_s});
  r.outcome = LoginResult::Ok;
  audit_locked(user, "登录", role_label(staff->role), address, now);
  return r;
}

std::optional<Session> StaffStore::session(const std::string& token, int64_t now) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::lock_guard lock(mu_);
  std::string key = sync::sha256_hex(token);
  auto st = db_->run(
      "SELECT s.\"user\", s.csrf, s.created_at, s.last_seen, st.display_name, st.role "
      "FROM console_sessions s JOIN staff st ON st.\"user\" = s.\"user\" WHERE s.token_sha256=?",
      {key});
  if (st.empty()) return std::nullopt;
  Session s;
  s.staff = Staff{st.text(0, 0), st.text(0, 4), parse_role(st.text(0, 5)).value_or(Role::Clerk)};
  s.csrf = st.text(0, 1);
  int64_t created = st.i64(0, 2), last = st.i64(0, 3);
  if (now - last >= policy_.idle_s || now - created >= policy_.max_s) {
    db_->run("DELETE FROM console_sessions WHERE token_sha256=?", {key});
    audit_locked(s.staff.user, "会话过期", now - created >= policy_.max_s ? "超过最长登录时间" : "长时间未操作", "",
                 now);
    return std::nullopt;
  }
  db_->run("UPDATE console_sessions SET last_seen=? WHERE token_sha256=?", {now, key});
  s.expires_at = std::min(now + policy_.idle_s, created + policy_.max_s);
  return s;
}

void StaffStore::logout(const std::string& token, const std::string& address, int64_t now) {
  std::lock_guard lock(mu_);
  auto st = db_->run("DELETE FROM console_sessions WHERE token_sha256=? RETURNING \"user\"", {sync::sha256_hex(token)});
  if (!st.empty()) audit_locked(st.text(0, 0), "退出", "", address, now);
}

void StaffStore::audit(const std::string& user, const std::string& action, const std::string& detail,
                       const std::string& address, int64_t now) {
  std::lock_guard lock(mu_);
  audit_locked(user, action, detail, address, now);
}

void StaffStore::audit_locked(const std::string& user, const std::string& action, const std::string& detail,
                              const std::string& address, int64_t now) {
  db_->run("INSERT INTO audit_log(at, \"user\", action, detail, address) VALUES(?,?,?,?,?)",
           {now, cut(user, 64), cut(action, 64), cut(detail), cut(address, 64)});
}

std::vector<AuditEntry> StaffStore::audit_log(int limit) {
  std::lock_guard lock(mu_);
  std::vector<AuditEntry> out;
  auto st = db_->run("SELECT at, \"user\", action, detail, address FROM audit_log ORDER BY id DESC LIMIT ?", {limit});
  for (size_t i = 0; i < st.rows.size(); ++i)
    out.push_back({st.i64(i, 0), st.text(i, 1), st.text(i, 2), st.text(i, 3), st.text(i, 4)});
  return out;
}

}  // namespace bianmin::console
