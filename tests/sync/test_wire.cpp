// The terminal ↔ hub wire protocol (sync/wire/include/bianmin/sync/wire.hpp): what the agent
// writes the hub reads back unchanged, and the hub refuses what no terminal sends.
#include <doctest/doctest.h>

#include <string>

#include "bianmin/sync/wire.hpp"

using namespace bianmin;
using namespace bianmin::sync;

namespace {

wire::OutboxUpload sample_upload() {
  wire::OutboxUpload u;
  u.batch_id = "0123456789abcdef0123456789abcdef";
  u.events = {StoredEvent{1, {EventKind::View, "guide/62052400SB-GG-0001", "", 0, 1764547200}},
              StoredEvent{2, {EventKind::Search, "", "低保 ***", 3, 1764547201}},
              StoredEvent{3, {EventKind::Print, "card/dibao", "ok; pages=1", 1, 1764547202}},
              StoredEvent{4, {EventKind::Rating, "hall", "办理快捷", 5, 1764547203}},
              StoredEvent{5, {EventKind::Feedback, "", "希望多放几把椅子", 0, 1764547204}}};
  return u;
}

// An upload whose one event has `field` replaced by `json_value` (raw JSON text).
std::string upload_with(const std::string& field, const std::string& json_value) {
  wire::OutboxUpload u;
  u.batch_id = "b1";
  u.events = {StoredEvent{7, {EventKind::Rating, "hall", "", 4, 1764547200}}};
  std::string body = wire::to_json(u);
  const std::string key = "\"" + field + "\":";
  const auto at = body.find(key);
  REQUIRE(at != std::string::npos);
  const auto start = at + key.size();
  const auto end = body.find_first_of(",}", start);
  return body.substr(0, start) + json_value + body.substr(end);
}

std::string problem(const std::string& body) {
  auto r = wire::parse_outbox_upload(body);
  return r.ok() ? std::string("accepted") : r.error().to_string();
}

}  // namespace

TEST_CASE("an outbox batch comes back from its JSON exactly as it was written") {
  const auto u = sample_upload();
  auto back = wire::parse_outbox_upload(wire::to_json(u));
  REQUIRE_MESSAGE(back.ok(), back.error().to_string());
  CHECK(back->batch_id == u.batch_id);
  REQUIRE(back->events.size() == u.events.size());
  for (std::size_t i = 0; i < u.events.size(); ++i) {
    CHECK(back->events[i].seq == u.events[i].seq);
    CHECK(back->events[i].event.kind == u.events[i].event.kind);
    CHECK(back->events[i].event.item == u.events[i].event.item);
    CHECK(back->events[i].event.text == u.events[i].event.text);
    CHECK(back->events[i].event.value == u.events[i].event.value);
    CHECK(back->events[i].event.at == u.events[i].event.at);
  }
}

TEST_CASE("a heartbeat, an enrollment and an acknowledgement come back from their JSON") {
  wire::Heartbeat hb{
      "tongxi-hall", 42,         "2026.11.23-1", "2026-11-23T08:00:00Z", "paper-out", 1234, 86400,     "0.1.0",
      "unconfirmed", 1764580000, "failed",       "manifest: HTTP 404",   1764570000,  600,  "qingshi", "active",
      3600,          2};
  auto hb2 = wire::parse_heartbeat(wire::to_json(hb));
  REQUIRE(hb2.ok());
  CHECK(*hb2 == hb);
  wire::EnrollRequest er{"cun-07", "青石村代办点"};
  CHECK(wire::parse_enroll_request(wire::to_json(er)).value() == er);
  wire::EnrollReply ry{"cun-07", "abcdef"};
  CHECK(wire::parse_enroll_reply(wire::to_json(ry)).value() == ry);
  wire::OutboxAck ack{"b1", true};
  CHECK(wire::parse_outbox_ack(wire::to_json(ack)).value() == ack);
}

TEST_CASE("fields an older agent leaves out take their defaults") {
  auto hb = wire::parse_heartbeat(R"({"channel":"hall"})");
  REQUIRE(hb.ok());
  CHECK(hb->content_version == 0);
  CHECK(hb->printer_state.empty());
  CHECK(hb->freshness.empty());
  CHECK(wire::parse_heartbeat(R"({"freshness":"maybe"})").value().freshness.empty());  // unknown words read as ""
}

TEST_CASE("the hub refuses a rating outside 1 to 5, naming the event and the field") {
  CHECK(problem(upload_with("value", "9")) == "events[0].value: a rating must be 1 to 5, got 9");
  CHECK(problem(upload_with("value", "0")) == "events[0].value: a rating must be 1 to 5, got 0");
  CHECK(problem(upload_with("value", "5")) == "accepted");
}

TEST_CASE("the hub refuses out-of-range numbers and wrong types") {
  CHECK(problem(upload_with("seq", "0")) == "events[0].seq: must be 1 to 9223372036854775807, got 0");
  CHECK(problem(upload_with("at", "-5")) == "events[0].at: must be 0 to 4102444800, got -5");
  CHECK(problem(upload_with("at", "99999999999")) == "events[0].at: must be 0 to 4102444800, got 99999999999");
  CHECK(problem(upload_with("value", "2.5")) == "events[0].value: must be a whole number, got 2.5");
  CHECK(problem(upload_with("value", "\"4\"")) == "events[0].value: must be a whole number, got string");
  CHECK(problem(upload_with("value", "18446744073709551615")) ==
        "events[0].value: must be -9223372036854775808 to 9223372036854775807, got 18446744073709551615");
  CHECK(problem(upload_with("kind", "\"teleport\"")) == "events[0].kind: unknown event kind \"teleport\"");
  CHECK(problem(upload_with("item", "\"" + std::string(201, 'x') + "\"")) ==
        "events[0].item: must be at most 200 bytes, got 201");
}

TEST_CASE("the hub refuses print copies, batch sizes and bodies no terminal sends") {
  wire::OutboxUpload u;
  u.batch_id = "b1";
  u.events = {StoredEvent{1, {EventKind::Print, "card/x", "ok", 0, 1}}};
  CHECK(problem(wire::to_json(u)) == "events[0].value: copies must be 1 to 100, got 0");
  u.events.assign(1001, StoredEvent{1, {EventKind::View, "", "", 0, 1}});
  CHECK(problem(wire::to_json(u)) == "events: at most 1000 events in one batch, got 1001");
  CHECK(problem("[]") == "a JSON object was expected");
  CHECK(problem("not json") == "a JSON object was expected");
  CHECK(problem(R"({"events":[]})") == "batch_id: is required");
  CHECK(problem(R"({"batch_id":"b","events":{}})") == "events: must be a list");
  CHECK(problem(R"({"batch_id":"b","events":[1]})") == "events[0]: must be an object");
}

TEST_CASE("the hub refuses a heartbeat with negative figures or wrong types") {
  CHECK(wire::parse_heartbeat(R"({"disk_free_mb":-1})").error().to_string() ==
        "disk_free_mb: must be 0 to 1099511627776, got -1");
  CHECK(wire::parse_heartbeat(R"({"content_version":-3})").error().to_string() ==
        "content_version: must be 0 to 9223372036854775807, got -3");
  CHECK(wire::parse_heartbeat(R"({"channel":5})").error().to_string() == "channel: must be a string, got number");
  CHECK(wire::parse_heartbeat(R"({"uptime_s":"long"})").error().to_string() ==
        "uptime_s: must be a whole number, got string");
}

TEST_CASE("the hub refuses a heartbeat's sync status out of range and forgets unknown outcomes") {
  CHECK(wire::parse_heartbeat(R"({"interval_s":-1})").error().to_string() == "interval_s: must be 0 to 604800, got -1");
  CHECK(wire::parse_heartbeat(R"({"sync_run_at":5000000000})").error().to_string() ==
        "sync_run_at: must be 0 to 4102444800, got 5000000000");
  CHECK_FALSE(wire::parse_heartbeat(R"({"sync_message":7})").ok());
  CHECK_FALSE(wire::parse_heartbeat("{\"sync_message\":\"" + std::string(513, 'x') + "\"}").ok());
  CHECK(wire::parse_heartbeat(R"({"sync_outcome":"hacked"})")->sync_outcome.empty());
  CHECK(wire::parse_heartbeat(R"({"sync_outcome":"updated"})")->sync_outcome == "updated");
  CHECK(wire::parse_heartbeat(R"({"kiosk_state":"\u001b[2J"})")->kiosk_state.empty());
  CHECK_FALSE(wire::parse_heartbeat(R"({"kiosk_restarts":-1})").ok());
}

TEST_CASE("an enrollment needs a terminal id of at most 100 bytes") {
  CHECK(wire::parse_enroll_request(R"({"name":"x"})").error().to_string() == "terminal_id: is required");
  CHECK(wire::parse_enroll_request(R"({"terminal_id":""})").error().to_string() == "terminal_id: must not be empty");
  CHECK(wire::parse_enroll_request("{\"terminal_id\":\"" + std::string(101, 'a') + "\"}").error().to_string() ==
        "terminal_id: must be at most 100 bytes, got 101");
}
