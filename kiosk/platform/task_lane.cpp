#include "platform/task_lane.hpp"

#include <algorithm>

namespace bianmin::kiosk {

TaskLane::TaskLane(int workers, std::function<void()> wake) : wake_(std::move(wake)) {
  for (int i = 0; i < std::max(1, workers); ++i) threads_.emplace_back([this] { work(); });
}

TaskLane::~TaskLane() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void TaskLane::submit(std::string name, std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(Job{std::move(name), std::move(job)});
  }
  jobs_cv_.notify_one();
}

void TaskLane::later(std::function<void()> callback) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    later_.push_back(std::move(callback));
  }
  if (wake_) wake_();
}

size_t TaskLane::run_later() {
  std::vector<std::function<void()>> run;
  {
    std::lock_guard<std::mutex> lock(mu_);
    run.swap(later_);
  }
  // Outside the lock: a callback may submit more work or queue another callback.
  for (auto& f : run) f();
  return run.size();
}

bool TaskLane::has_later() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !later_.empty();
}

bool TaskLane::busy() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !queue_.empty() || !running_.empty();
}

std::vector<std::string> TaskLane::busy_names() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> names = running_;
  for (const auto& j : queue_) names.push_back(j.name);
  return names;
}

void TaskLane::wait_idle() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_cv_.wait(lock, [this] { return queue_.empty() && running_.empty(); });
}

void TaskLane::work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    // Finish what is queued even when stopping: outbox events must reach the disk.
    jobs_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    Job job = std::move(queue_.front());
    queue_.pop_front();
    running_.push_back(job.name);
    lock.unlock();
    job.run();
    job.run = nullptr;  // what the job captured goes here, not under the lock
    lock.lock();
    running_.erase(std::find(running_.begin(), running_.end(), job.name));
    idle_cv_.notify_all();
  }
}

}  // namespace bianmin::kiosk
