// The hall console's accounts, sessions and audit log (tables staff, console_sessions,
// audit_log), beside the hub's own data on the same engine (console_db.hpp): hub.db, or the
// county's PostgreSQL; a connection of its own beside HubStore's.
//
// Promises:
//  - Passwords are stored only as libsodium argon2id strings (crypto_pwhash_str, interactive
//    limits); one hash runs at a time, so a flood of logins cannot exhaust the hub's memory.
//  - A session is a random token the browser holds in an HttpOnly cookie; the store keeps its
//    sha256 only. It ends after `idle_s` without a request or `max_s` after login, whichever
//    comes first, and at logout. Each session has its own CSRF token.
//  - After `max_failures` wrong passwords in a row an account is locked for `lock_s`: during
//    the lock even the right password is refused (and not checked).
//  - Every login, failure, lock, logout and staff change is in the audit log (who, when, what,
//    from where). Names and details are cut to 200 bytes; the log never holds a password.
//  - Times are unix seconds passed in by the caller (tests move the clock); nothing throws.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"
#include "console_db.hpp"

namespace bianmin::console {

// 经办 prepares changes, 审核 approves them (issue 17).
enum class Role { Clerk, Approver };
const char* role_word(Role r);   // "clerk", "approver" (stored)
const char* role_label(Role r);  // "经办", "审核" (shown)
// Accepts "clerk"/"经办" and "approver"/"审核".
std::optional<Role> parse_role(const std::string& s);

struct Policy {
  int max_failures = 5;  // wrong passwords in a row before the lock
  int64_t lock_s = 15 * 60;
  int64_t idle_s = 30 * 60;   // a session unused this long has expired
  int64_t max_s = 12 * 3600;  // and any session after this long
};

struct Staff {
  std::string user;
  std::string display_name;
  Role role = Role::Clerk;
};

struct Session {
  Staff staff;
  std::string csrf;        // sent back by the page in X-CSRF-Token
  int64_t expires_at = 0;  // when it ends if unused (idle), unix seconds
};

struct LoginResult {
  enum Outcome { Ok, BadPassword, Locked } outcome = BadPassword;
  Session session;
  std::string token;         // the cookie's value (Ok only)
  int64_t locked_until = 0;  // Locked
};

struct AuditEntry {
  int64_t at = 0;
  std::string user, action, detail, address;
};

class StaffStore {
 public:
  static Result<std::unique_ptr<StaffStore>> open(const DbPlace& place, Policy policy = {});
  ~StaffStore();
  const Policy& policy() const { return policy_; }

  // Adds an account (or, with `replace`, sets a new password, name and role for an existing
  // one and lifts its lock). Passwords have at least 8 characters.
  Status add_staff(const std::string& user, const std::string& display_name, Role role, const std::string& password,
                   bool replace, int64_t now);
  std::vector<Staff> staff();

  LoginResult login(const std::string& user, const std::string& password, const std::string& address, int64_t now);
  // The session a cookie token names, when still valid (its idle time restarts); nullopt when
  // unknown or expired (an expired one is deleted).
  std::optional<Session> session(const std::string& token, int64_t now);
  void logout(const std::string& token, const std::string& address, int64_t now);

  void audit(const std::string& user, const std::string& action, const std::string& detail, const std::string& address,
             int64_t now);
  // Newest first.
  std::vector<AuditEntry> audit_log(int limit);

 private:
  StaffStore(std::unique_ptr<ConsoleDb> db, Policy p) : db_(std::move(db)), policy_(p) {}
  void audit_locked(const std::string& user, const std::string& action, const std::string& detail,
                    const std::string& address, int64_t now);
  std::unique_ptr<ConsoleDb> db_;
  Policy policy_;
  std::mutex mu_;
};

// Constant-time comparison of two tokens.
bool same_token(const std::string& a, const std::string& b);

}  // namespace bianmin::console
