// The hub's store, the part both engines share (see hub_store.hpp): tokens and codes made and
// hashed, text redacted, follow-ups decided, input checked, the token and screenshot caches.
#include "hub_store.hpp"

#include <ctime>

#include "bianmin/sync/crypto.hpp"
#include "store_engine.hpp"

namespace bianmin::hub {

namespace {
int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

bool is_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  int m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}
}  // namespace

HubStore::HubStore(std::unique_ptr<StoreEngine> engine) : engine_(std::move(engine)) {
  for (auto& [id, rid] : engine_->pending_screenshots()) pending_shots_[id] = rid;
}

HubStore::~HubStore() = default;

Result<std::unique_ptr<HubStore>> HubStore::with(Result<std::unique_ptr<StoreEngine>> engine) {
  if (!engine) return engine.error();
  return std::unique_ptr<HubStore>(new HubStore(std::move(*engine)));
}

Result<std::unique_ptr<HubStore>> HubStore::open(const std::filesystem::path& path) {
  return with(open_sqlite_engine(path));
}

Result<std::unique_ptr<HubStore>> HubStore::open(const StoreChoice& choice) {
  if (choice.engine == StoreChoice::Engine::Postgresql) return with(open_postgresql_engine(choice.connection));
  return with(open_sqlite_engine(choice.sqlite_path));
}

Result<std::string> HubStore::enroll(const std::string& id, const std::string& name, bool replace) {
  std::string token = sync::to_hex(sync::generate_keypair().public_key);  // 32 random bytes
  auto added = engine_->enroll(id, name, sync::sha256_hex(token), now(), replace);
  if (!added) return added.error();
  if (!*added)
    return Result<std::string>::fail("terminal " + id +
                                         " is already enrolled; to replace it, hall staff make a code: "
                                         "bianmin-hub enroll-code --terminal " +
                                         id,
                                     {}, 0, "terminal_id");
  if (replace) {  // the old token stops working at once
    std::lock_guard tl(token_mu_);
    std::erase_if(token_ids_, [&](const auto& kv) { return kv.second == id; });
  }
  return token;
}

Result<std::string> HubStore::new_enroll_code(const std::string& id, int64_t valid_s) {
  // 20 random hex digits: short enough to type at a terminal, far too many to guess.
  std::string code = sync::to_hex(sync::generate_keypair().public_key).substr(0, 20);
  const int64_t t = now();
  if (auto st = engine_->add_enroll_code(sync::sha256_hex(code), id, t, t + valid_s); !st) return st.error();
  return code;
}

std::optional<std::string> HubStore::enroll_code(const std::string& code) {
  if (code.empty()) return std::nullopt;
  return engine_->enroll_code(sync::sha256_hex(code), now());
}

bool HubStore::use_enroll_code(const std::string& code) {
  return engine_->use_enroll_code(sync::sha256_hex(code), now());  // durable: a used code stays used
}

Result<int64_t> HubStore::prune_reports(int days) {
  return engine_->prune_reports(now() - int64_t{days} * 86400, now());
}

std::optional<std::string> HubStore::terminal_for_token(const std::string& token) {
  std::string hash = sync::sha256_hex(token);
  {
    std::lock_guard tl(token_mu_);
    if (auto it = token_ids_.find(hash); it != token_ids_.end()) return it->second;
  }
  auto id = engine_->terminal_for_token(hash);
  if (!id) return std::nullopt;  // unknown tokens are not cached (nobody can fill the map)
  std::lock_guard tl(token_mu_);
  token_ids_[hash] = *id;
  return id;
}

Status HubStore::heartbeat(const std::string& id, const Heartbeat& hb) { return engine_->heartbeat(id, hb, now()); }

Result<bool> HubStore::add_batch(const std::string& id, const std::string& batch_id,
                                 const std::vector<sync::StoredEvent>& events) {
  std::vector<sync::StoredEvent> stored = events;
  std::vector<std::pair<int64_t, std::string>> followups;
  for (auto& se : stored) {
    // The terminal redacts already; the hub does it again so an old or foreign client
    // cannot put an ID number into the store.
    se.event.text = sync::redact_digit_runs(se.event.text);
    if (se.event.kind == sync::EventKind::Rating && ratings::is_poor(se.event.value))
      followups.emplace_back(se.seq, ratings::deadline_after(se.event.at ? se.event.at : now(), followup_days_));
  }
  return engine_->add_batch(id, batch_id, now(), stored, followups);
}

std::vector<TerminalRow> HubStore::terminals() { return engine_->terminals(); }

int64_t HubStore::event_count() { return engine_->event_count(); }

void HubStore::record_version(const std::string& channel, int64_t version, int64_t at) {
  engine_->record_version(channel, version, at);
}

int64_t HubStore::version_published_at(const std::string& channel, int64_t version) {
  return engine_->version_published_at(channel, version);
}

std::vector<ratings::Rating> HubStore::ratings(int64_t from, int64_t to) { return engine_->ratings(from, to); }

std::vector<ratings::Suggestion> HubStore::suggestions(int64_t from, int64_t to) {
  return engine_->suggestions(from, to);
}

std::vector<ratings::FollowUp> HubStore::followups(int64_t from, int64_t to) { return engine_->followups(from, to); }

std::optional<ratings::FollowUp> HubStore::followup(int64_t id) { return engine_->followup(id); }

Status HubStore::update_followup(int64_t id, const std::string& owner, const std::string& deadline,
                                 const std::string& outcome, bool done, const std::string& by, int64_t at) {
  if (!is_date(deadline))
    return Status::fail("办结期限应为日期，如 2026-12-09，现在是“" + deadline.substr(0, 40) + "”", {}, 0, "deadline");
  if (owner.size() > 200) return Status::fail("负责人太长（最多 200 字节）", {}, 0, "owner");
  if (outcome.size() > 4000) return Status::fail("处理结果太长（最多 4000 字节）", {}, 0, "outcome");
  // The outcome may quote a villager's call: no ID or phone number goes into the store.
  auto found = engine_->update_followup(id, owner, deadline, sync::redact_digit_runs(outcome), done, by, at);
  if (!found) return Status{found.error()};
  if (!*found) return Status::fail("没有这条差评跟进（编号 " + std::to_string(id) + "）", {}, 0, "id");
  return Status::success();
}

Result<int64_t> HubStore::request_screenshot(const std::string& id, const std::string& by, int64_t at) {
  auto rid = engine_->request_screenshot(id, by, at);
  if (!rid) return rid;
  if (*rid == 0) return Result<int64_t>::fail("没有这台终端：" + id.substr(0, 64), {}, 0, "terminal_id");
  std::lock_guard sl(shot_mu_);
  pending_shots_[id] = *rid;
  return rid;
}

int64_t HubStore::pending_screenshot(const std::string& id) {
  std::lock_guard sl(shot_mu_);
  auto it = pending_shots_.find(id);
  return it == pending_shots_.end() ? 0 : it->second;
}

Status HubStore::store_screenshot(const std::string& id, int64_t rid, const std::string& outcome,
                                  const std::string& message, int64_t taken_at, const std::string& png) {
  if (outcome != "ok" && outcome != "refused") return Status::fail("outcome: ok or refused", {}, 0, "outcome");
  if (outcome == "ok" && png.empty()) return Status::fail("a screenshot without its picture", {}, 0, "png");
  auto stored = engine_->store_screenshot(id, rid, outcome, message.substr(0, 200), now(), taken_at,
                                          outcome == "ok" ? &png : nullptr);
  if (!stored) return Status{stored.error()};
  if (!*stored)
    return Status::fail("no screenshot request " + std::to_string(rid) + " is waiting for this terminal", {}, 0, "id");
  std::lock_guard sl(shot_mu_);
  if (auto it = pending_shots_.find(id); it != pending_shots_.end() && it->second == rid) pending_shots_.erase(it);
  return Status::success();
}

std::optional<ScreenshotRow> HubStore::screenshot(const std::string& id) { return engine_->screenshot(id); }

std::optional<std::string> HubStore::screenshot_png(const std::string& id) { return engine_->screenshot_png(id); }

}  // namespace bianmin::hub
