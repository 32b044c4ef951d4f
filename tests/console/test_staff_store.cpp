// The console's accounts, sessions and audit log (sync/console/staff_store.hpp), on a real
// SQLite file, with the clock moved by hand.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "staff_store.hpp"
#include "support/test_support.hpp"

using namespace bianmin::console;

namespace {
constexpr int64_t T0 = 1796000000;

std::unique_ptr<StaffStore> open_store(const bianmin::test::TempDir& dir, Policy p = {}) {
  auto s = StaffStore::open(dir.path() / "hub.db", p);
  REQUIRE(s.ok());
  return std::move(*s);
}

bool audit_has(StaffStore& s, const std::string& action, const std::string& detail_part = "") {
  for (const auto& e : s.audit_log(100))
    if (e.action == action && e.detail.find(detail_part) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("a staff account logs in with its password only, which is stored as an argon2id hash") {
  bianmin::test::TempDir dir("console");
  auto s = open_store(dir);
  REQUIRE(s->add_staff("zhang", "张晓梅", Role::Clerk, "zhang-password-1", false, T0).ok());
  auto ok = s->login("zhang", "zhang-password-1", "10.0.0.5", T0);
  REQUIRE(ok.outcome == LoginResult::Ok);
  CHECK(ok.token.size() == 64);
  CHECK(ok.session.csrf.size() == 64);
  CHECK(ok.session.csrf != ok.token);
  CHECK(ok.session.staff.display_name == "张晓梅");
  CHECK(ok.session.staff.role == Role::Clerk);
  CHECK(s->login("zhang", "zhang-password-2", "10.0.0.5", T0).outcome == LoginResult::BadPassword);
  CHECK(s->login("nobody", "zhang-password-1", "10.0.0.5", T0).outcome == LoginResult::BadPassword);
  CHECK(audit_has(*s, "登录失败", "没有这个账户"));
  CHECK(audit_has(*s, "登录", "经办"));

  // What is on disk: an argon2id string, never the password; the session token hashed.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir.path() / "hub.db").c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT pw_hash FROM staff WHERE user='zhang'", -1, &st, nullptr);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  std::string hash = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("zhang-password-1") == std::string::npos);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM console_sessions WHERE token_sha256=?", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, ok.token.c_str(), -1, SQLITE_TRANSIENT);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == 0);  // the raw token is nowhere in the store
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_CASE("accounts: names and passwords are checked, an existing one is only replaced on purpose") {
  bianmin::test::TempDir dir("console");
  auto s = open_store(dir);
  CHECK_FALSE(s->add_staff("li", "", Role::Approver, "short", false, T0).ok());
  CHECK_FALSE(s->add_staff("li si", "", Role::Approver, "long-enough-1", false, T0).ok());
  CHECK_FALSE(s->add_staff("", "", Role::Approver, "long-enough-1", false, T0).ok());
  REQUIRE(s->add_staff("li", "", Role::Approver, "long-enough-1", false, T0).ok());
  auto again = s->add_staff("li", "", Role::Clerk, "long-enough-2", false, T0);
  CHECK_FALSE(again.ok());
  auto first = s->login("li", "long-enough-1", "", T0);
  REQUIRE(first.outcome == LoginResult::Ok);
  CHECK(first.session.staff.role == Role::Approver);
  CHECK(first.session.staff.display_name == "li");  // no name given: the user name
  // A new password (--replace) ends the account's sessions.
  REQUIRE(s->add_staff("li", "李四", Role::Approver, "long-enough-2", true, T0 + 1).ok());
  CHECK_FALSE(s->session(first.token, T0 + 2));
  CHECK(s->login("li", "long-enough-1", "", T0 + 2).outcome == LoginResult::BadPassword);
  CHECK(s->login("li", "long-enough-2", "", T0 + 2).outcome == LoginResult::Ok);
  CHECK(audit_has(*s, "添加工作人员", "li（审核）"));
  CHECK(audit_has(*s, "修改工作人员", "li"));
  REQUIRE(s->staff().size() == 1);
  CHECK(s->staff()[0].display_name == "李四");
}

TEST_CASE("wrong passwords in a row lock the account for a while, the right one included") {
  bianmin::test::TempDir dir("console");
  Policy p;
  p.max_failures = 3;
  p.lock_s = 600;
  auto s = open_store(dir, p);
  REQUIRE(s->add_staff("wang", "王建国", Role::Approver, "wang-password-1", false, T0).ok());
  // A success in between resets the count.
  CHECK(s->login("wang", "x1", "", T0).outcome == LoginResult::BadPassword);
  CHECK(s->login("wang", "x2", "", T0).outcome == LoginResult::BadPassword);
  CHECK(s->login("wang", "wang-password-1", "", T0).outcome == LoginResult::Ok);
  CHECK(s->login("wang", "x3", "", T0).outcome == LoginResult::BadPassword);
  CHECK(s->login("wang", "x4", "", T0).outcome == LoginResult::BadPassword);
  auto locked = s->login("wang", "x5", "", T0 + 10);
  CHECK(locked.outcome == LoginResult::Locked);
  CHECK(locked.locked_until == T0 + 10 + 600);
  CHECK(audit_has(*s, "账户锁定", "连续 3 次"));
  auto right = s->login("wang", "wang-password-1", "", T0 + 300);
  CHECK(right.outcome == LoginResult::Locked);
  CHECK(right.token.empty());
  CHECK(audit_has(*s, "登录被拒", "锁定"));
  // After the lock: the right password works, and the count starts again.
  CHECK(s->login("wang", "wang-password-1", "", T0 + 611).outcome == LoginResult::Ok);
  CHECK(s->login("wang", "x6", "", T0 + 612).outcome == LoginResult::BadPassword);
  // An unknown name is never "locked" (it would tell which names exist).
  for (int i = 0; i < 5; ++i) CHECK(s->login("ghost", "x", "", T0).outcome == LoginResult::BadPassword);
}

TEST_CASE("sessions end when idle, when too old, and at logout") {
  bianmin::test::TempDir dir("console");
  Policy p;
  p.idle_s = 1800;
  p.max_s = 4 * 3600;
  auto s = open_store(dir, p);
  REQUIRE(s->add_staff("zhang", "", Role::Clerk, "zhang-password-1", false, T0).ok());

  auto a = s->login("zhang", "zhang-password-1", "", T0);
  REQUIRE(a.outcome == LoginResult::Ok);
  auto got = s->session(a.token, T0 + 1700);
  REQUIRE(got);
  CHECK(got->csrf == a.session.csrf);
  CHECK(got->expires_at == T0 + 1700 + 1800);  // each request restarts the idle time
  CHECK(s->session(a.token, T0 + 1700 + 1799));
  CHECK_FALSE(s->session(a.token, T0 + 1700 + 1799 + 1800));  // idle too long
  CHECK_FALSE(s->session(a.token, T0 + 1700 + 1799 + 1));     // and it is gone for good
  CHECK(audit_has(*s, "会话过期", "长时间未操作"));

  auto b = s->login("zhang", "zhang-password-1", "", T0);
  REQUIRE(b.outcome == LoginResult::Ok);
  for (int64_t t = T0 + 1000; t < T0 + 4 * 3600; t += 1000) REQUIRE(s->session(b.token, t));
  CHECK_FALSE(s->session(b.token, T0 + 4 * 3600));  // at most max_s, however busy
  CHECK(audit_has(*s, "会话过期", "最长"));

  auto c = s->login("zhang", "zhang-password-1", "", T0);
  REQUIRE(s->session(c.token, T0 + 5));
  s->logout(c.token, "10.0.0.5", T0 + 6);
  CHECK_FALSE(s->session(c.token, T0 + 7));
  CHECK(audit_has(*s, "退出"));
  CHECK_FALSE(s->session("", T0));
  CHECK_FALSE(s->session("not-a-token", T0));
}

TEST_CASE("roles and tokens") {
  CHECK(parse_role("经办") == Role::Clerk);
  CHECK(parse_role("approver") == Role::Approver);
  CHECK(parse_role("审核") == Role::Approver);
  CHECK_FALSE(parse_role("admin"));
  CHECK(std::string(role_label(Role::Approver)) == "审核");
  CHECK(same_token("abc", "abc"));
  CHECK_FALSE(same_token("abc", "abd"));
  CHECK_FALSE(same_token("", ""));
  CHECK_FALSE(same_token("abc", "abcd"));
}
