// The kiosk's side of the outbox: events (views, searches, ratings, prints) handed to the
// work lane, so a navigation never waits for SQLite's lock or an fsync.
//
// Promises:
//  - post() returns at once, stamping the event with the current time; the events reach
//    <state_dir>/outbox.db in the order they were posted (one flush job at a time drains the
//    queue), durably (Outbox::append: WAL, synchronous=FULL).
//  - The outbox is opened on the lane at the first flush (and again at later flushes until
//    that works). A kiosk whose state dir cannot hold one still works: it says so once on
//    stderr and drops the events.
//  - A locked outbox (the sync agent uploading, another process holding a write lock) stalls
//    only the flush job, up to the outbox's busy timeout per event; frames keep coming.
//    Events that still fail are logged and dropped, as before.
//  - Destroying the TaskLane lets a queued flush finish, so a clean exit loses nothing.
#pragma once
#include <filesystem>
#include <memory>

#include "bianmin/sync/outbox.hpp"

namespace bianmin::kiosk {

class TaskLane;

class OutboxWriter {
 public:
  OutboxWriter(std::filesystem::path path, TaskLane& lane);
  void post(sync::Event event);
  size_t pending() const;  // posted, not yet appended (or dropped)

 private:
  struct Queue;
  std::shared_ptr<Queue> q_;
  TaskLane& lane_;
};

}  // namespace bianmin::kiosk
