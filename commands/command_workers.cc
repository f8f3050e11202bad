#include "commands/command_workers.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace coop::commands {

CommandWorkers::CommandWorkers(int threads, size_t max_queued) : max_queued_(max_queued) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

CommandWorkers::~CommandWorkers() { Stop(); }

bool CommandWorkers::Post(std::function<void()> task) { return TryPost(std::move(task)).ok(); }

absl::Status CommandWorkers::TryPost(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return absl::UnavailableError("the server is shutting down");
  if (max_queued_ != 0 && tasks_.size() >= max_queued_) {
    return absl::ResourceExhaustedError(
        absl::StrCat(tasks_.size(), " calls are already waiting for a thread; retry shortly"));
  }
  tasks_.push_back(std::move(task));
  return absl::OkStatus();
}

size_t CommandWorkers::queued() const {
  absl::MutexLock lock(&mu_);
  return tasks_.size();
}

size_t CommandWorkers::running() const {
  absl::MutexLock lock(&mu_);
  return running_;
}

void CommandWorkers::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void CommandWorkers::Loop() {
  for (;;) {
    std::function<void()> task;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]()
                       ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !tasks_.empty() || stopping_; };
      mu_.Await(absl::Condition(&ready));
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
      ++running_;
    }
    task();
    absl::MutexLock lock(&mu_);
    --running_;
  }
}

}  // namespace coop::commands
