// What both engines of the hub's store read back, written once: the columns of the queries
// they share and the mapping of a result row to the store's structs (store_engine.hpp). `Row`
// is any reader with text(col) and i64(col) of the current row: sql::Stmt for SQLite
// (store_sqlite.cpp), PgRow for PostgreSQL (store_postgresql.cpp). Each engine adds its own
// WHERE, ORDER BY and placeholders.
#pragma once
#include <cstdint>
#include <string>

#include "hub_store.hpp"
#include "ratings.hpp"

namespace bianmin::hub::rows {

// A terminal with its last heartbeat and the count of its batches and events: terminal().
constexpr const char* kTerminalSelect =
    "SELECT id, name, last_seen, channel, content_version, content_label, last_sync, printer_state, "
    "disk_free_mb, uptime_s, app_version, freshness, sync_run_at, sync_outcome, sync_message, "
    "sync_success_at, interval_s, village, kiosk_state, kiosk_up_s, kiosk_restarts, "
    "(SELECT count(*) FROM batches b WHERE b.terminal_id=t.id), "
    "(SELECT coalesce(sum(events),0) FROM batches b WHERE b.terminal_id=t.id) "
    "FROM terminals t ";
// A rating event and its terminal's name (events e LEFT JOIN terminals t): rating().
constexpr const char* kRatingColumns = "e.terminal_id, coalesce(t.name,''), e.item, e.text, e.value, e.at";
// A suggestion (a feedback event with text): suggestion().
constexpr const char* kSuggestionSelect =
    "SELECT e.terminal_id, coalesce(t.name,''), e.item, e.text, e.at FROM events e "
    "LEFT JOIN terminals t ON t.id=e.terminal_id WHERE e.kind='feedback' AND e.text<>'' ";
// A follow-up with the rating that opened it: followup().
constexpr const char* kFollowUpSelect =
    "SELECT f.id, f.owner, f.deadline, f.outcome, f.done, f.updated_at, f.updated_by, "
    "e.terminal_id, coalesce(t.name,''), e.item, e.text, e.value, e.at "
    "FROM followups f JOIN events e ON e.terminal_id=f.terminal_id AND e.batch_id=f.batch_id AND e.seq=f.seq "
    "LEFT JOIN terminals t ON t.id=e.terminal_id ";
// A terminal's screenshot request and answer (not the picture): screenshot().
constexpr const char* kScreenshotSelect =
    "SELECT request_id, requested_at, requested_by, answer_id, answered_at, outcome, message, image_at "
    "FROM screenshots ";

template <class Row>
TerminalRow terminal(const Row& r) {
  TerminalRow t;
  t.id = r.text(0);
  t.name = r.text(1);
  t.last_seen = r.i64(2);
  t.hb.channel = r.text(3);
  t.hb.content_version = r.i64(4);
  t.hb.content_label = r.text(5);
  t.hb.last_sync = r.text(6);
  t.hb.printer_state = r.text(7);
  t.hb.disk_free_mb = r.i64(8);
  t.hb.uptime_s = r.i64(9);
  t.hb.app_version = r.text(10);
  t.hb.freshness = r.text(11);
  t.hb.sync_run_at = r.i64(12);
  t.hb.sync_outcome = r.text(13);
  t.hb.sync_message = r.text(14);
  t.hb.sync_success_at = r.i64(15);
  t.hb.interval_s = r.i64(16);
  t.hb.village = r.text(17);
  t.hb.kiosk_state = r.text(18);
  t.hb.kiosk_up_s = r.i64(19);
  t.hb.kiosk_restarts = r.i64(20);
  t.batches = r.i64(21);
  t.events = r.i64(22);
  return t;
}

// kRatingColumns from column `c` on.
template <class Row>
ratings::Rating rating(const Row& r, int c = 0) {
  ratings::Rating out;
  out.terminal_id = r.text(c);
  out.terminal_name = r.text(c + 1);
  out.item = r.text(c + 2);
  out.reasons = r.text(c + 3);
  out.value = r.i64(c + 4);
  out.at = r.i64(c + 5);
  return out;
}

template <class Row>
ratings::Suggestion suggestion(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4)};
}

template <class Row>
ratings::FollowUp followup(const Row& r) {
  ratings::FollowUp f;
  f.id = r.i64(0);
  f.owner = r.text(1);
  f.deadline = r.text(2);
  f.outcome = r.text(3);
  f.done = r.i64(4) != 0;
  f.updated_at = r.i64(5);
  f.updated_by = r.text(6);
  f.rating = rating(r, 7);
  return f;
}

template <class Row>
ScreenshotRow screenshot(const Row& r) {
  return ScreenshotRow{r.i64(0), r.i64(1), r.text(2), r.i64(3), r.i64(4), r.text(5), r.text(6), r.i64(7)};
}

}  // namespace bianmin::hub::rows
