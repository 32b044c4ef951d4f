// What an engine of the hub's store does (hub_store.hpp): store and find, nothing else. Tokens
// and codes arrive hashed, event and follow-up text redacted, follow-ups decided, times given:
// HubStore does that once for both engines. Implemented by store_sqlite.cpp and
// store_postgresql.cpp; tests/sync/test_hub_store.cpp runs the same cases against both.
//
// Every write that returns is durable (a batch before its acknowledgement) except heartbeat()
// and the lag clock of record_version(), which may be lost to a power cut (hub_store.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hub_store.hpp"

namespace bianmin::hub {

class StoreEngine {
 public:
  virtual ~StoreEngine() = default;

  // false = `id` is enrolled already (never when `replace`: then its token is replaced).
  virtual Result<bool> enroll(const std::string& id, const std::string& name, const std::string& token_sha256,
                              int64_t at, bool replace) = 0;
  virtual Status add_enroll_code(const std::string& code_sha256, const std::string& terminal_id, int64_t at,
                                 int64_t expires_at) = 0;
  virtual std::optional<std::string> enroll_code(const std::string& code_sha256, int64_t now) = 0;
  virtual bool use_enroll_code(const std::string& code_sha256, int64_t now) = 0;
  // Deletes batches received before `cutoff` and their events, codes expired before `now`;
  // returns the number of events deleted.
  virtual Result<int64_t> prune_reports(int64_t cutoff, int64_t now) = 0;
  virtual std::optional<std::string> terminal_for_token(const std::string& token_sha256) = 0;
  virtual Status heartbeat(const std::string& id, const Heartbeat& hb, int64_t at) = 0;
  // One transaction: the batch, its events, and a follow-up (seq, deadline) for each of
  // `followups`. false = the batch was stored before (nothing changes).
  virtual Result<bool> add_batch(const std::string& id, const std::string& batch_id, int64_t at,
                                 const std::vector<sync::StoredEvent>& events,
                                 const std::vector<std::pair<int64_t, std::string>>& followups) = 0;
  virtual std::vector<TerminalRow> terminals() = 0;  // ordered by id (bytewise)
  virtual int64_t event_count() = 0;
  virtual void record_version(const std::string& channel, int64_t version, int64_t at) = 0;
  virtual int64_t version_published_at(const std::string& channel, int64_t version) = 0;

  // A new request id, larger than any before; 0 = no such terminal.
  virtual Result<int64_t> request_screenshot(const std::string& id, const std::string& by, int64_t at) = 0;
  // Every (terminal, request id) not answered yet.
  virtual std::vector<std::pair<std::string, int64_t>> pending_screenshots() = 0;
  // Answers request `rid` when it is the terminal's pending one (false otherwise). `png`
  // null = a refusal: the last picture and its time stay.
  virtual Result<bool> store_screenshot(const std::string& id, int64_t rid, const std::string& outcome,
                                        const std::string& message, int64_t at, int64_t taken_at,
                                        const std::string* png) = 0;
  virtual std::optional<ScreenshotRow> screenshot(const std::string& id) = 0;
  virtual std::optional<std::string> screenshot_png(const std::string& id) = 0;

  // Ordered as ratings(): by time, terminal, sequence (follow-ups: time, id).
  virtual std::vector<ratings::Rating> ratings(int64_t from, int64_t to) = 0;
  virtual std::vector<ratings::Suggestion> suggestions(int64_t from, int64_t to) = 0;
  virtual std::vector<ratings::FollowUp> followups(int64_t from, int64_t to) = 0;
  virtual std::optional<ratings::FollowUp> followup(int64_t id) = 0;
  // false = no follow-up `id`.
  virtual Result<bool> update_followup(int64_t id, const std::string& owner, const std::string& deadline,
                                       const std::string& outcome, bool done, const std::string& by, int64_t at) = 0;
};

Result<std::unique_ptr<StoreEngine>> open_sqlite_engine(const std::filesystem::path& path);
Result<std::unique_ptr<StoreEngine>> open_postgresql_engine(const std::string& connection);

}  // namespace bianmin::hub
