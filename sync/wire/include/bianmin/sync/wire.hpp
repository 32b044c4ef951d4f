// The terminal ↔ hub wire protocol: the JSON bodies bianmin-sync sends and bianmin-hub reads
// (and the answers back). The one definition both sides use, so the agent and the hub cannot
// drift apart.
//
//   POST /api/enroll      EnrollRequest  → EnrollReply     (enroll token)
//   POST /api/heartbeat   Heartbeat      → {"ok": true}    (terminal token)
//   POST /api/outbox      OutboxUpload   → OutboxAck       (terminal token)
//
// Promises:
//  - to_json() then the matching parse_*() gives back what was written (tests/sync/test_wire.cpp).
//  - parse_*() refuse what a terminal can never legitimately send: a body that is not a JSON
//    object, a field of the wrong type, a value out of its range (limits below). The Problem
//    names the field ("events[3].value") and says what was expected and what came, so the
//    hub's 400 answer tells an engineer what is wrong. Fields that are absent take their
//    defaults (older agents leave some out).
//  - Nothing throws.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/sync/outbox.hpp"

namespace bianmin::sync::wire {

// Limits a terminal stays within (the outbox itself cuts items and texts to these).
inline constexpr std::size_t kMaxIdBytes = 100;       // terminal_id
inline constexpr std::size_t kMaxNameBytes = 200;     // terminal name, content label
inline constexpr std::size_t kMaxShortBytes = 64;     // channel, batch id, states, versions
inline constexpr std::size_t kMaxItemBytes = 200;     // Event::item
inline constexpr std::size_t kMaxTextBytes = 512;     // Event::text
inline constexpr std::size_t kMaxBatchEvents = 1000;  // the agent sends 500 at most
inline constexpr int64_t kMaxUnixTime = 4102444800;   // 2100-01-01: beyond is a broken clock
inline constexpr int64_t kMaxCopies = 100;            // Print: copies
inline constexpr int64_t kMaxCount = 1000000000;      // counts (search hits)
inline constexpr int64_t kMaxIntervalS = 7 * 86400;   // a sync interval beyond a week is a typo

struct EnrollRequest {
  std::string terminal_id;  // required, 1..kMaxIdBytes
  std::string name;
  bool operator==(const EnrollRequest&) const = default;
};

struct EnrollReply {
  std::string terminal_id;
  std::string token;  // the terminal's own token from now on
  bool operator==(const EnrollReply&) const = default;
};

struct Heartbeat {
  std::string channel;  // as the terminal names it; the hub never uses it as a path
  int64_t content_version = 0;
  std::string content_label;
  std::string last_sync;      // ISO time of the last successful sync, "" = never
  std::string printer_state;  // e.g. "ok", "paper-out", "offline"
  int64_t disk_free_mb = 0;
  int64_t uptime_s = 0;
  std::string app_version;
  // "ok", or "unconfirmed" when the terminal's signed manifest expired and it cannot confirm
  // its content is current; "" from terminals that do not say (any other word reads as "").
  std::string freshness;
  // The agent's last run as it wrote it to <state>/sync-status (bianmin/sync/sync_status.hpp):
  // an explicit status, never a file's modification time. 0 / "" = not said (older agents).
  int64_t sync_run_at = 0;      // unix seconds of the last run
  std::string sync_outcome;     // "up_to_date", "updated", "failed" (any other word reads as "")
  std::string sync_message;     // the agent's own words for that run
  int64_t sync_success_at = 0;  // unix seconds of the last run that ended current
  int64_t interval_s = 0;       // how often this terminal syncs (its timer); 0 = not said
  std::string village;          // kiosk.toml terminal.village_id ("" = a hall terminal)
  // The kiosk's unit as systemd reports it (the kiosk itself records neither): "" = not known
  // (no systemd to ask), else "active", "inactive", "failed", "activating", "deactivating".
  std::string kiosk_state;
  int64_t kiosk_up_s = 0;      // since the kiosk (re)started, when active
  int64_t kiosk_restarts = 0;  // systemd's NRestarts: automatic restarts since boot
  bool operator==(const Heartbeat&) const = default;
};

struct OutboxUpload {
  std::string batch_id;  // required, 1..kMaxShortBytes; the same on every retry
  std::vector<StoredEvent> events;
};

struct OutboxAck {
  std::string ack;         // the batch id acknowledged
  bool duplicate = false;  // true when the hub had stored this batch before
  bool operator==(const OutboxAck&) const = default;
};

std::string to_json(const EnrollRequest& r);
std::string to_json(const EnrollReply& r);
std::string to_json(const Heartbeat& h);
std::string to_json(const OutboxUpload& u);
std::string to_json(const OutboxAck& a);

Result<EnrollRequest> parse_enroll_request(std::string_view body);
Result<EnrollReply> parse_enroll_reply(std::string_view body);
Result<Heartbeat> parse_heartbeat(std::string_view body);
Result<OutboxUpload> parse_outbox_upload(std::string_view body);
Result<OutboxAck> parse_outbox_ack(std::string_view body);

}  // namespace bianmin::sync::wire
