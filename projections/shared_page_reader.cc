#include "projections/shared_page_reader.h"

#include <algorithm>
#include <utility>

namespace coop::projections {

struct SharedPageReader::Loading {
  bool done = false;  // guarded by the reader's mu_
  absl::Status status;
  Page page;
};

SharedPageReader::SharedPageReader(coop::eventstore::EventStore* events, size_t max_pages,
                                   uint64_t max_page_bytes, bool read_ahead)
    : events_(events), max_pages_(max_pages), max_page_bytes_(max_page_bytes) {
  if (read_ahead) {
    ahead_thread_ = std::thread([this] { ReadAheadLoop(); });
    pthread_setname_np(ahead_thread_.native_handle(), "coop-read-ahead");
  }
}

SharedPageReader::~SharedPageReader() { Stop(); }

void SharedPageReader::Stop() {
  absl::MutexLock stop_lock(&stop_mu_);
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (ahead_thread_.joinable()) ahead_thread_.join();
}

absl::StatusOr<PageView> SharedPageReader::Read(uint64_t from, uint32_t max_count,
                                                uint64_t runner) {
  std::shared_ptr<Loading> loading;
  {
    absl::MutexLock lock(&mu_);
    if (auto it = convoy_.find(runner); it != convoy_.end() && it->second.from != from) {
      it->second = {from, absl::Now()};
    }
    if (!IsCovered(from) && !loading_.contains(from) &&
        MustWaitForConvoy(runner, from, max_count)) {
      ++counters_.convoy_waits;
      const auto can_go = [this, runner, from, max_count]() ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return !MustWaitForConvoy(runner, from, max_count);
      };
      // Re-checked at least every 100 ms: a runner behind may turn idle without a change.
      while (!mu_.AwaitWithTimeout(absl::Condition(&can_go), absl::Milliseconds(100))) {
      }
    }
    if (auto kept = FindKept(from, max_count, runner)) {
      ++counters_.shared;
      return *std::move(kept);
    }
    if (auto it = loading_.find(from); it != loading_.end()) {
      // Another runner (or the read-ahead) is reading this page: share its read.
      const std::shared_ptr<Loading> other = it->second;
      mu_.Await(absl::Condition(&other->done));
      if (!other->status.ok()) return other->status;
      ++counters_.shared;
      return Slice(other->page, from, max_count, runner, /*fresh=*/true);
    }
    loading = std::make_shared<Loading>();
    loading_[from] = loading;
    ++counters_.store_reads;
  }
  return Load(from, max_count, loading, /*for_caller=*/true, runner);
}

absl::StatusOr<PageView> SharedPageReader::Load(uint64_t from, uint32_t max_count,
                                                const std::shared_ptr<Loading>& loading,
                                                bool for_caller, uint64_t runner) {
  coop::eventstore::ReadAllQuery query;
  query.from_position = from;
  query.max_count = max_count;
  query.max_bytes = max_page_bytes_;
  query.with_stored_bytes = true;
  auto read = events_->ReadAll(query);

  std::vector<Page> retired;  // freed after the lock when nobody reads ahead (declared first)
  absl::MutexLock lock(&mu_);
  if (!ahead_thread_.joinable() || stopping_) retired.swap(retired_);
  loading_.erase(from);
  loading->done = true;
  if (!read.ok()) {
    loading->status = read.status();
    return read.status();
  }
  loading->page.first = from;
  auto data = std::make_shared<PageEvents>();
  data->events = std::move(read->events);
  data->stored_bytes = std::move(read->stored_bytes);
  if (data->stored_bytes.size() != data->events.size()) {
    loading->status = absl::InternalError(
        "kho sự kiện không trả về byte đã lưu / the event store returned no stored bytes");
    return loading->status;
  }
  loading->page.data = std::move(data);
  loading->page.end_of_log = read->end_of_log;
  counters_.events_read += loading->page.data->events.size();
  for (const auto& event : loading->page.data->events) {
    loading->page.bytes += event.payload().size();
  }
  const Page& page = loading->page;
  if (page.data->events.empty()) return PageView(page.data, 0, 0, page.end_of_log);
  Keep(page);
  // One page ahead of what callers asked for, not more: a page read ahead asks for none.
  return for_caller ? Slice(page, from, max_count, runner, /*fresh=*/true) : PageView();
}

PageView SharedPageReader::Slice(const Page& page, uint64_t from, uint32_t max_count,
                                 uint64_t runner, bool fresh) {
  const size_t begin = from - page.first;
  const size_t end = std::min<size_t>(page.data->events.size(), begin + max_count);
  const bool to_its_end = end == page.data->events.size();
  if (to_its_end) MaybeReadAhead(page, max_count, runner);
  // A kept page read at an older head: its end is the end of the log only while the head has
  // not moved past it (else the caller reads on from there, and gets only the new commits).
  const bool at_head = fresh || events_->notifier().head() < page.first + page.data->events.size();
  return PageView(page.data, begin, end, page.end_of_log && to_its_end && at_head);
}

void SharedPageReader::MaybeReadAhead(const Page& page, uint32_t max_count, uint64_t runner) {
  if (page.end_of_log || page.data->events.size() < max_count) return;  // at (or near) the head
  const uint64_t next = page.first + page.data->events.size();
  if (loading_.contains(next) || IsKept(next)) return;
  // Not past the convoy's lead: the runner would find it kept and not wait.
  if (MustWaitForConvoy(runner, next, max_count)) return;
  ahead_ = {next, max_count};
}

void SharedPageReader::ReadAheadLoop() {
  std::vector<Page> retired;
  for (;;) {
    retired.clear();  // outside the lock
    std::shared_ptr<Loading> loading;
    std::pair<uint64_t, uint32_t> ahead;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](SharedPageReader* r) ABSL_NO_THREAD_SAFETY_ANALYSIS {
            return r->stopping_ || r->ahead_.first != 0 || !r->retired_.empty();
          },
          this));
      if (stopping_) return;
      retired.swap(retired_);
      if (ahead_.first == 0) continue;
      ahead = ahead_;
      ahead_ = {0, 0};
      if (loading_.contains(ahead.first) || IsKept(ahead.first)) continue;
      loading = std::make_shared<Loading>();
      loading_[ahead.first] = loading;
      ++counters_.read_ahead;
    }
    retired.clear();
    // A failed read is not kept: the caller that wants the page reads it again.
    Load(ahead.first, ahead.second, loading, /*for_caller=*/false, 0).IgnoreError();
  }
}

uint64_t SharedPageReader::Join() {
  absl::MutexLock lock(&mu_);
  const uint64_t id = next_runner_++;
  convoy_[id] = {0, absl::Now()};
  return id;
}

void SharedPageReader::Leave(uint64_t runner) {
  absl::MutexLock lock(&mu_);
  convoy_.erase(runner);
}

bool SharedPageReader::MustWaitForConvoy(uint64_t runner, uint64_t from, uint32_t max_count) const {
  if (!convoy_.contains(runner)) return false;
  const uint64_t lead = ConvoyLead(max_count);
  const uint64_t window = ConvoyWindow(max_count);
  if (lead == 0 || events_->notifier().head() < from + window) return false;
  const absl::Time idle_before = absl::Now() - kIdleAfter;
  for (const auto& [id, member] : convoy_) {
    if (id == runner || member.from == 0 || member.moved < idle_before) continue;
    if (member.from + lead < from && member.from + window > from) return true;
  }
  return false;
}

SharedPageReader::Counters SharedPageReader::counters() const {
  absl::MutexLock lock(&mu_);
  return counters_;
}

std::optional<PageView> SharedPageReader::FindKept(uint64_t from, uint32_t max_count,
                                                   uint64_t runner) {
  for (auto it = kept_.begin(); it != kept_.end(); ++it) {
    const uint64_t last = it->first + it->data->events.size() - 1;
    if (from < it->first || from > last) continue;
    kept_.splice(kept_.begin(), kept_, it);  // most recently used
    return Slice(kept_.front(), from, max_count, runner, /*fresh=*/false);
  }
  return std::nullopt;
}

bool SharedPageReader::IsCovered(uint64_t position) const {
  for (const Page& page : kept_) {
    if (position >= page.first && position < page.first + page.data->events.size()) return true;
  }
  return false;
}

bool SharedPageReader::IsKept(uint64_t first) const {
  for (const Page& page : kept_) {
    if (page.first == first) return true;
  }
  return false;
}

void SharedPageReader::Keep(Page page) {
  kept_bytes_ += page.bytes;
  kept_.push_front(std::move(page));
  while (kept_.size() > max_pages_ || (kept_.size() > 1 && kept_bytes_ > 4 * max_page_bytes_)) {
    // Freeing a page of thousands of events takes a while: the read-ahead thread does it,
    // outside the lock (or the caller, after it: Load).
    kept_bytes_ -= kept_.back().bytes;
    retired_.push_back(std::move(kept_.back()));
    kept_.pop_back();
  }
}

}  // namespace coop::projections
