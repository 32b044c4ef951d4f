// The terminal ↔ hub wire protocol (see wire.hpp for what it promises).
#include "bianmin/sync/wire.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace bianmin::sync::wire {
namespace {

using json = nlohmann::json;

// Reads the fields of one JSON object, keeping the first problem it finds. Absent fields take
// their defaults; present ones must have the right type and range.
class Fields {
 public:
  Fields(const json& object, std::string prefix) : j_(object), prefix_(std::move(prefix)) {}

  std::string text(const char* key, std::size_t max_bytes, bool required = false) {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (required) fail(key, "is required");
      return {};
    }
    if (!it->is_string()) {
      fail(key, "must be a string, got " + std::string(it->type_name()));
      return {};
    }
    std::string s = it->get<std::string>();
    if (required && s.empty()) fail(key, "must not be empty");
    if (s.size() > max_bytes)
      fail(key, "must be at most " + std::to_string(max_bytes) + " bytes, got " + std::to_string(s.size()));
    return s;
  }

  int64_t integer(const char* key, int64_t lo, int64_t hi, bool required = false) {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (required) fail(key, "is required");
      return 0;
    }
    if (!it->is_number_integer()) {
      fail(key, "must be a whole number, got " + (it->is_number() ? it->dump() : std::string(it->type_name())));
      return 0;
    }
    if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(hi)) {
      fail(key, range(lo, hi) + ", got " + it->dump());
      return 0;
    }
    const int64_t v = it->get<int64_t>();
    if (v < lo || v > hi) fail(key, range(lo, hi) + ", got " + std::to_string(v));
    return v;
  }

  bool boolean(const char* key) {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return false;
    if (!it->is_boolean()) {
      fail(key, "must be true or false, got " + std::string(it->type_name()));
      return false;
    }
    return it->get<bool>();
  }

  void fail(const std::string& key, const std::string& message) {
    if (!problem) problem = Problem{"", 0, prefix_ + key, message};
  }

  std::optional<Problem> problem;

 private:
  static std::string range(int64_t lo, int64_t hi) {
    return "must be " + std::to_string(lo) + " to " + std::to_string(hi);
  }
  const json& j_;
  std::string prefix_;
};

// Parses `body` as one JSON object and reads it into a T with `read(fields, object, out)`;
// the first problem found is the answer.
template <typename T, typename Read>
Result<T> parse_as(std::string_view body, Read read) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object()) return Result<T>::fail("a JSON object was expected");
  Fields f(j, "");
  T out;
  read(f, j, out);
  if (f.problem) return *f.problem;
  return out;
}

// The range of Event::value for each kind (outbox.hpp says what value means per kind).
void check_value(Fields& f, EventKind kind, int64_t value) {
  switch (kind) {
    case EventKind::Rating:
      if (value < 1 || value > 5) f.fail("value", "a rating must be 1 to 5, got " + std::to_string(value));
      break;
    case EventKind::Print:
      if (value < 1 || value > kMaxCopies)
        f.fail("value", "copies must be 1 to " + std::to_string(kMaxCopies) + ", got " + std::to_string(value));
      break;
    case EventKind::Search:
    case EventKind::View:
    case EventKind::Feedback:
      if (value < 0 || value > kMaxCount)
        f.fail("value", "must be 0 to " + std::to_string(kMaxCount) + ", got " + std::to_string(value));
      break;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Enroll
// ---------------------------------------------------------------------------------------------

std::string to_json(const EnrollRequest& r) { return json{{"terminal_id", r.terminal_id}, {"name", r.name}}.dump(); }

Result<EnrollRequest> parse_enroll_request(std::string_view body) {
  return parse_as<EnrollRequest>(body, [](Fields& f, const json&, EnrollRequest& r) {
    r.terminal_id = f.text("terminal_id", kMaxIdBytes, true);
    r.name = f.text("name", kMaxNameBytes);
  });
}

std::string to_json(const EnrollReply& r) { return json{{"terminal_id", r.terminal_id}, {"token", r.token}}.dump(); }

Result<EnrollReply> parse_enroll_reply(std::string_view body) {
  return parse_as<EnrollReply>(body, [](Fields& f, const json&, EnrollReply& r) {
    r.terminal_id = f.text("terminal_id", kMaxIdBytes);
    r.token = f.text("token", kMaxNameBytes, true);
  });
}

// ---------------------------------------------------------------------------------------------
// Heartbeat
// ---------------------------------------------------------------------------------------------

std::string to_json(const Heartbeat& h) {
  return json{{"channel", h.channel},
              {"content_version", h.content_version},
              {"content_label", h.content_label},
              {"last_sync", h.last_sync},
              {"printer_state", h.printer_state},
              {"disk_free_mb", h.disk_free_mb},
              {"uptime_s", h.uptime_s},
              {"app_version", h.app_version},
              {"freshness", h.freshness},
              {"sync_run_at", h.sync_run_at},
              {"sync_outcome", h.sync_outcome},
              {"sync_message", h.sync_message},
              {"sync_success_at", h.sync_success_at},
              {"interval_s", h.interval_s},
              {"village", h.village},
              {"kiosk_state", h.kiosk_state},
              {"kiosk_up_s", h.kiosk_up_s},
              {"kiosk_restarts", h.kiosk_restarts}}
      .dump();
}

Result<Heartbeat> parse_heartbeat(std::string_view body) {
  return parse_as<Heartbeat>(body, [](Fields& f, const json&, Heartbeat& h) {
    h.channel = f.text("channel", kMaxShortBytes);
    h.content_version = f.integer("content_version", 0, INT64_MAX);
    h.content_label = f.text("content_label", kMaxNameBytes);
    h.last_sync = f.text("last_sync", kMaxShortBytes);
    h.printer_state = f.text("printer_state", kMaxShortBytes);
    h.disk_free_mb = f.integer("disk_free_mb", 0, int64_t{1} << 40);
    h.uptime_s = f.integer("uptime_s", 0, kMaxUnixTime);
    h.app_version = f.text("app_version", kMaxShortBytes);
    h.freshness = f.text("freshness", kMaxShortBytes);
    if (h.freshness != "ok" && h.freshness != "unconfirmed") h.freshness.clear();
    h.sync_run_at = f.integer("sync_run_at", 0, kMaxUnixTime);
    h.sync_outcome = f.text("sync_outcome", kMaxShortBytes);
    if (h.sync_outcome != "up_to_date" && h.sync_outcome != "updated" && h.sync_outcome != "failed")
      h.sync_outcome.clear();
    h.sync_message = f.text("sync_message", kMaxTextBytes);
    h.sync_success_at = f.integer("sync_success_at", 0, kMaxUnixTime);
    h.interval_s = f.integer("interval_s", 0, kMaxIntervalS);
    h.village = f.text("village", kMaxShortBytes);
    h.kiosk_state = f.text("kiosk_state", kMaxShortBytes);
    if (h.kiosk_state != "active" && h.kiosk_state != "inactive" && h.kiosk_state != "failed" &&
        h.kiosk_state != "activating" && h.kiosk_state != "deactivating")
      h.kiosk_state.clear();
    h.kiosk_up_s = f.integer("kiosk_up_s", 0, kMaxUnixTime);
    h.kiosk_restarts = f.integer("kiosk_restarts", 0, kMaxCount);
  });
}

// ---------------------------------------------------------------------------------------------
// Outbox
// ---------------------------------------------------------------------------------------------

std::string to_json(const OutboxUpload& u) {
  json events = json::array();
  for (const auto& e : u.events)
    events.push_back({{"seq", e.seq},
                      {"kind", event_kind_name(e.event.kind)},
                      {"at", e.event.at},
                      {"item", e.event.item},
                      {"text", e.event.text},
                      {"value", e.event.value}});
  return json{{"batch_id", u.batch_id}, {"events", events}}.dump();
}

namespace {

// One event of a batch; its problems name it ("events[3].value").
StoredEvent read_event(Fields& f, const json& e, const std::string& at) {
  StoredEvent se;
  if (!e.is_object()) {
    f.fail(at, "must be an object");
    return se;
  }
  Fields ef(e, at + ".");
  se.seq = ef.integer("seq", 1, INT64_MAX, true);
  const std::string kind = ef.text("kind", kMaxShortBytes, true);
  if (auto k = event_kind_from_name(kind))
    se.event.kind = *k;
  else if (!ef.problem)
    ef.fail("kind", "unknown event kind \"" + kind + "\"");
  se.event.at = ef.integer("at", 0, kMaxUnixTime);
  se.event.item = ef.text("item", kMaxItemBytes);
  se.event.text = ef.text("text", kMaxTextBytes);
  se.event.value = ef.integer("value", INT64_MIN, INT64_MAX);
  if (!ef.problem) check_value(ef, se.event.kind, se.event.value);
  if (ef.problem && !f.problem) f.problem = ef.problem;
  return se;
}

}  // namespace

Result<OutboxUpload> parse_outbox_upload(std::string_view body) {
  return parse_as<OutboxUpload>(body, [](Fields& f, const json& j, OutboxUpload& u) {
    u.batch_id = f.text("batch_id", kMaxShortBytes, true);
    auto events = j.find("events");
    if (events == j.end() || !events->is_array()) return f.fail("events", "must be a list");
    if (events->size() > kMaxBatchEvents)
      return f.fail("events", "at most " + std::to_string(kMaxBatchEvents) + " events in one batch, got " +
                                  std::to_string(events->size()));
    u.events.reserve(events->size());
    for (std::size_t i = 0; i < events->size() && !f.problem; ++i)
      u.events.push_back(read_event(f, (*events)[i], "events[" + std::to_string(i) + "]"));
  });
}

std::string to_json(const OutboxAck& a) { return json{{"ack", a.ack}, {"duplicate", a.duplicate}}.dump(); }

Result<OutboxAck> parse_outbox_ack(std::string_view body) {
  return parse_as<OutboxAck>(body, [](Fields& f, const json&, OutboxAck& a) {
    a.ack = f.text("ack", kMaxShortBytes, true);
    a.duplicate = f.boolean("duplicate");
  });
}

}  // namespace bianmin::sync::wire
