#include "app/outbox_writer.hpp"

#include <cstdio>
#include <ctime>
#include <mutex>
#include <vector>

#include "platform/task_lane.hpp"

namespace bianmin::kiosk {

// Shared by the frame thread (post) and the flush job; the job owns a reference, so it may
// outlive the writer.
struct OutboxWriter::Queue {
  std::filesystem::path path;
  mutable std::mutex mu;
  std::vector<sync::Event> waiting;  // guarded by mu
  size_t in_hand = 0;                // taken by the flush job, not yet written (guarded by mu)
  bool flushing = false;             // a flush job is queued or running (guarded by mu)
  // Only the flush job touches these (one job at a time).
  std::unique_ptr<sync::Outbox> outbox;
  bool open_failed = false;  // said so on stderr

  void flush() {
    for (;;) {
      std::vector<sync::Event> batch;
      {
        std::lock_guard<std::mutex> lock(mu);
        in_hand = 0;
        if (waiting.empty()) {
          flushing = false;
          return;
        }
        batch.swap(waiting);
        in_hand = batch.size();
      }
      if (!outbox) {
        // Tried again at every flush (the state dir may become writable, a lock may go); said
        // once. Events that find no outbox are dropped: memory must not grow for months.
        auto ob = sync::Outbox::open(path);
        if (ob)
          outbox = std::move(*ob);
        else if (!open_failed) {
          open_failed = true;
          std::fprintf(stderr, "bianmin-kiosk: no outbox (%s); events are not recorded\n",
                       ob.error().to_string().c_str());
        }
      }
      if (!outbox) continue;
      for (const auto& e : batch) {
        Status st = outbox->append(e);
        if (!st) std::fprintf(stderr, "bianmin-kiosk: outbox: %s\n", st.error().to_string().c_str());
      }
    }
  }
};

OutboxWriter::OutboxWriter(std::filesystem::path path, TaskLane& lane) : q_(std::make_shared<Queue>()), lane_(lane) {
  q_->path = std::move(path);
}

void OutboxWriter::post(sync::Event event) {
  if (event.at == 0) event.at = static_cast<int64_t>(std::time(nullptr));
  std::lock_guard<std::mutex> lock(q_->mu);
  q_->waiting.push_back(std::move(event));
  if (q_->flushing) return;
  q_->flushing = true;
  lane_.submit("outbox", [q = q_] { q->flush(); });
}

size_t OutboxWriter::pending() const {
  std::lock_guard<std::mutex> lock(q_->mu);
  return q_->waiting.size() + q_->in_hand;
}

}  // namespace bianmin::kiosk
