// The console's accounts, sessions and audit log (sync/console/staff_store.hpp), on both of
// the hub's engines (a real SQLite file and a real PostgreSQL, store_engines.hpp), with the
// clock moved by hand.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "bianmin/base/process.hpp"
#include "bianmin/sync/crypto.hpp"
#include "staff_store.hpp"
#include "store_engines.hpp"
#include "support/test_support.hpp"

using namespace bianmin::console;
using bianmin::test::Engine;
using bianmin::test::for_each_engine;

namespace {
constexpr int64_t T0 = 1796000000;

std::unique_ptr<StaffStore> open_store(const Engine& e, Policy p = {}) {
  auto s = StaffStore::open(e.console(), p);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().to_string()));
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
  for_each_engine(dir.path(), [&](const Engine& e) {
    auto s = open_store(e);
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

    // What is stored: an argon2id string, never the password; the session token hashed.
    auto raw = ConsoleDb::open(e.console(), "SELECT 1");
    REQUIRE(raw.ok());
    auto hash = (*raw)->run("SELECT pw_hash FROM staff WHERE \"user\"='zhang'");
    REQUIRE(hash.rows.size() == 1);
    CHECK(hash.text(0, 0).rfind("$argon2id$", 0) == 0);
    CHECK(hash.text(0, 0).find("zhang-password-1") == std::string::npos);
    auto sessions = (*raw)->run("SELECT token_sha256 FROM console_sessions");
    REQUIRE(sessions.rows.size() == 1);
    CHECK(sessions.text(0, 0) == bianmin::sync::sha256_hex(ok.token));  // the raw token is nowhere
  });
}

TEST_CASE("accounts: names and passwords are checked, an existing one is only replaced on purpose") {
  bianmin::test::TempDir dir("console");
  for_each_engine(dir.path(), [&](const Engine& e) {
    auto s = open_store(e);
    CHECK_FALSE(s->add_staff("li", "", Role::Approver, "short", false, T0).ok());
    CHECK_FALSE(s->add_staff("li si", "", Role::Approver, "long-enough-1", false, T0).ok());
    CHECK_FALSE(s->add_staff("", "", Role::Approver, "long-enough-1", false, T0).ok());
    REQUIRE(s->add_staff("li", "", Role::Approver, "long-enough-1", false, T0).ok());
    auto again = s->add_staff("li", "", Role::Clerk, "long-enough-2", false, T0);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().field == "user");
    CHECK(again.error().message.find("exists already") != std::string::npos);
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
  });
}

TEST_CASE("wrong passwords in a row lock the account for a while, the right one included") {
  bianmin::test::TempDir dir("console");
  Policy p;
  p.max_failures = 3;
  p.lock_s = 600;
  for_each_engine(dir.path(), [&](const Engine& e) {
    auto s = open_store(e, p);
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
  });
}

TEST_CASE("sessions end when idle, when too old, and at logout") {
  bianmin::test::TempDir dir("console");
  Policy p;
  p.idle_s = 1800;
  p.max_s = 4 * 3600;
  for_each_engine(dir.path(), [&](const Engine& e) {
    auto s = open_store(e, p);
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
  });
}

TEST_CASE("the audit log keeps text with a NUL byte or bad UTF-8 whole, newest first, on both engines") {
  bianmin::test::TempDir dir("console");
  for_each_engine(dir.path(), [&](const Engine& e) {
    auto s = open_store(e);
    s->audit("zhang", "发布", std::string("第 1 版\0（附言）", 22), "10.0.0.5", T0);
    s->audit("zhang", "导入", "名单\xff\xfe.xlsx", "10.0.0.5", T0);  // not UTF-8: stored, not refused
    s->audit("zhang", "退出", "", "10.0.0.5", T0 + 1);
    auto log = s->audit_log(10);
    REQUIRE(log.size() == 3);
    CHECK(log[0].action == "退出");
    CHECK(log[1].detail == "名单\xEF\xBF\xBD\xEF\xBF\xBD.xlsx");
    CHECK(log[2].detail.rfind("第 1 版", 0) == 0);
    CHECK(log[2].detail.find("（附言）") != std::string::npos);  // not cut at the NUL
    CHECK(log[2].address == "10.0.0.5");
  });
}

TEST_CASE("serve ends (and systemd starts it again) when the console's tables cannot be made") {
  bianmin::test::TempDir dir("serve");
  {
    // An index in the way of the audit log's table: the hub's store opens, the console's cannot.
    auto raw = ConsoleDb::open(dir / "hub.db", "CREATE TABLE t(x); CREATE INDEX audit_log ON t(x)");
    REQUIRE(raw.ok());
  }
  auto pid = bianmin::process::spawn({(bianmin::test::binary_dir() / "sync/hub/bianmin-hub").string(), "serve",
                                      "--data", dir.path().string(), "--listen", "127.0.0.1:0"},
                                     dir / "hub.log");
  REQUIRE(pid.ok());
  int status = -1;
  for (int i = 0; i < 300 && status < 0; ++i) {  // 30 s at most
    int ws = 0;
    if (::waitpid(*pid, &ws, WNOHANG) == *pid)
      status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128;
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (status < 0) {
    ::kill(*pid, SIGKILL);
    bianmin::process::wait(*pid);
  }
  std::string log = bianmin::test::read_file(dir / "hub.log");
  INFO(log);
  CHECK(status == 1);  // not 2 or 78: the unit's Restart= applies
  CHECK(log.find("the console is off") != std::string::npos);
  CHECK(log.find("audit_log") != std::string::npos);
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

TEST_CASE("the console's SQL, written once, as PostgreSQL reads it") {
  CHECK(numbered_parameters("SELECT a FROM t WHERE b=? AND c='?' AND \"d?\"=? LIMIT ?") ==
        "SELECT a FROM t WHERE b=$1 AND c='?' AND \"d?\"=$2 LIMIT $3");
  CHECK(postgresql_schema("CREATE TABLE x(id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, t TEXT)") ==
        "CREATE TABLE x(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, t TEXT)");
}
