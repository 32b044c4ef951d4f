// The kiosk's work lane: slow work (font atlas builds, reopening a content cache, outbox
// writes with fsync) runs on a small pool of worker threads, and its results come back to the
// frame thread as callbacks run at the start of the next frame (ImHex's TaskManager::doLater).
//
// Promises:
//  - submit() returns at once; the job runs on a worker. Jobs run in submission order, at
//    most `workers` at a time, so one stuck job (an outbox locked for seconds) does not hold
//    up the others while another worker is free.
//  - later() may be called from any thread; run_later() runs the queued callbacks on the
//    calling thread (the frame thread), in the order they were queued. A job never touches
//    frame state directly: it queues a callback that does.
//  - `wake` (if set) is called from the worker whenever a callback is queued, so a frame loop
//    sleeping in SDL_WaitEventTimeout can be woken (SDL_PushEvent is thread-safe).
//  - wait_idle() blocks until no job is queued or running (headless runs and tests use it to
//    be deterministic; the interactive loop never calls it).
//  - The destructor lets every queued job finish (outbox events are not lost on a clean
//    exit), joins the workers and drops the callbacks not yet run.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bianmin::kiosk {

class TaskLane {
 public:
  explicit TaskLane(int workers = 2, std::function<void()> wake = {});
  ~TaskLane();
  TaskLane(const TaskLane&) = delete;
  TaskLane& operator=(const TaskLane&) = delete;

  // Runs `job` on a worker. `name` is for diagnostics (busy_names()).
  void submit(std::string name, std::function<void()> job);
  // Queues `callback` for the frame thread (any thread may call this).
  void later(std::function<void()> callback);
  // Runs the queued callbacks here; returns how many ran.
  size_t run_later();

  bool has_later() const;                       // callbacks are waiting for the frame thread
  bool busy() const;                            // a job is queued or running
  std::vector<std::string> busy_names() const;  // queued and running jobs, for staff/tests
  void wait_idle();                             // until no job is queued or running

 private:
  void work();

  struct Job {
    std::string name;
    std::function<void()> run;
  };
  mutable std::mutex mu_;
  std::condition_variable jobs_cv_;  // a job was queued, or stopping
  std::condition_variable idle_cv_;  // a job finished
  std::deque<Job> queue_;
  std::vector<std::string> running_;
  std::vector<std::function<void()>> later_;
  std::function<void()> wake_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace bianmin::kiosk
