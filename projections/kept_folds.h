// KeptFolds: a registry's in-memory folds of its busiest streams, kept between pages so that
// an entity touched again is brought up to date by folding only its new events (incremental),
// not its whole history. Each kept fold says which event it has folded up to (the stream
// version and the log position of that event); the caller checks this against the stream row
// before using it, and re-folds from the start when it does not match or a correction
// (which may change any earlier event) follows it. So a kept fold is an optimisation only: a
// fold that was evicted, or kept from a page that was later rolled back, gives the same view.
//
// Bounded: at most `capacity` folds, the least recently used evicted first.
// Not thread-safe (one per projection, used by its runner's thread).
#ifndef COOPLEDGER_PROJECTIONS_KEPT_FOLDS_H_
#define COOPLEDGER_PROJECTIONS_KEPT_FOLDS_H_

#include <cstdint>
#include <list>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"

namespace coop::projections {

template <typename Fold>
class KeptFolds {
 public:
  struct Kept {
    Fold fold;
    uint64_t version = 0;   // the stream version of the last event folded (0: none)
    uint64_t position = 0;  // the log position of that event
  };

  explicit KeptFolds(size_t capacity) : capacity_(capacity) {}

  // The kept fold of `key`, or null. Marks it most recently used.
  Kept* Find(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }
  // A new empty fold for `key` (replacing any kept one), most recently used.
  Kept* Reset(const std::string& key) {
    if (auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.emplace_front(key, Kept());
    index_[key] = order_.begin();
    while (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    return &order_.front().second;
  }
  void Clear() {
    index_.clear();
    order_.clear();
  }
  size_t size() const { return order_.size(); }

 private:
  using Entry = std::pair<std::string, Kept>;
  const size_t capacity_;
  std::list<Entry> order_;  // most recently used first
  absl::flat_hash_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_KEPT_FOLDS_H_
