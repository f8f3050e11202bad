#include "projections/shared_page_reader.h"

#include <algorithm>
#include <utility>

namespace coop::projections {

struct SharedPageReader::Loading {
  bool done = false;  // guarded by the reader's mu_
  absl::Status status;
  Page page;
};

absl::StatusOr<PageView> SharedPageReader::Read(uint64_t from, uint32_t max_count) {
  std::shared_ptr<Loading> loading;
  {
    absl::MutexLock lock(&mu_);
    if (auto kept = FindKept(from, max_count)) {
      ++counters_.shared;
      return *std::move(kept);
    }
    if (auto it = loading_.find(from); it != loading_.end()) {
      // Another runner is reading this page: share its read.
      const std::shared_ptr<Loading> other = it->second;
      mu_.Await(absl::Condition(&other->done));
      if (!other->status.ok()) return other->status;
      ++counters_.shared;
      const size_t size = other->page.events->size();
      const size_t end = std::min<size_t>(size, max_count);
      return PageView(other->page.events, 0, end, other->page.end_of_log && end == size);
    }
    loading = std::make_shared<Loading>();
    loading_[from] = loading;
    ++counters_.store_reads;
  }
  coop::eventstore::ReadAllQuery query;
  query.from_position = from;
  query.max_count = max_count;
  query.max_bytes = max_page_bytes_;
  auto read = events_->ReadAll(query);

  absl::MutexLock lock(&mu_);
  loading_.erase(from);
  loading->done = true;
  if (!read.ok()) {
    loading->status = read.status();
    return read.status();
  }
  loading->page.first = from;
  loading->page.events = std::make_shared<const PageView::Events>(std::move(read->events));
  loading->page.end_of_log = read->end_of_log;
  const Page& page = loading->page;
  if (!page.events->empty()) Keep(page);
  return PageView(page.events, 0, page.events->size(), page.end_of_log);
}

SharedPageReader::Counters SharedPageReader::counters() const {
  absl::MutexLock lock(&mu_);
  return counters_;
}

std::optional<PageView> SharedPageReader::FindKept(uint64_t from, uint32_t max_count) {
  for (auto it = kept_.begin(); it != kept_.end(); ++it) {
    const uint64_t last = it->first + it->events->size() - 1;
    if (from < it->first || from > last) continue;
    kept_.splice(kept_.begin(), kept_, it);  // most recently used
    const Page& page = kept_.front();
    const size_t begin = from - page.first;
    const size_t end = std::min<size_t>(page.events->size(), begin + max_count);
    return PageView(page.events, begin, end, page.end_of_log && end == page.events->size());
  }
  return std::nullopt;
}

void SharedPageReader::Keep(Page page) {
  page.first = page.events->front().position();
  kept_.push_front(std::move(page));
  while (kept_.size() > max_pages_) kept_.pop_back();
}

}  // namespace coop::projections
