#include "eventstore/commit_notifier.h"

#include <utility>
#include <vector>

namespace coop::eventstore {

CommitNotifier::CommitNotifier(uint64_t initial_head) : head_(initial_head) {
  dispatcher_ = std::thread([this] { DispatchLoop(); });
}

CommitNotifier::~CommitNotifier() { Shutdown(); }

void CommitNotifier::Publish(uint64_t head) {
  absl::MutexLock lock(&mu_);
  if (head > head_) head_ = head;
  dispatch_pending_ = true;
}

uint64_t CommitNotifier::head() const {
  absl::MutexLock lock(&mu_);
  return head_;
}

bool CommitNotifier::is_shut_down() const {
  absl::MutexLock lock(&mu_);
  return shut_down_;
}

uint64_t CommitNotifier::NotifyWhenAbove(uint64_t after, std::function<void()> wake) {
  absl::MutexLock lock(&mu_);
  if (shut_down_) return 0;
  const uint64_t ticket = next_ticket_++;
  waiters_.emplace(ticket, Waiter{after, std::move(wake)});
  if (head_ > after) dispatch_pending_ = true;
  return ticket;
}

void CommitNotifier::Cancel(uint64_t ticket) {
  absl::MutexLock lock(&mu_);
  waiters_.erase(ticket);
}

void CommitNotifier::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) return;
    shut_down_ = true;
    dispatch_pending_ = true;
  }
  if (dispatcher_.joinable()) dispatcher_.join();
}

void CommitNotifier::DispatchLoop() {
  for (;;) {
    std::vector<std::function<void()>> due;
    bool stop;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(&dispatch_pending_));
      dispatch_pending_ = false;
      stop = shut_down_;
      for (auto it = waiters_.begin(); it != waiters_.end();) {
        if (stop || head_ > it->second.after) {
          due.push_back(std::move(it->second.wake));
          it = waiters_.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (auto& wake : due) wake();
    if (stop) return;
  }
}

}  // namespace coop::eventstore
