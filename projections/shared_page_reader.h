// SharedPageReader: reads the log forwards in pages for every projection runner of a set, so
// that runners at the same place in the log read and decode each page once (issue 14: six
// projections decoded every event six times).
//
// Read(from, max_count) answers from a page kept in memory when one holds `from` (a slice of
// it: the runners need not agree on page boundaries), else reads the page from the store and
// keeps it. Runners asking for the same page at the same time share one read. At most
// `max_pages` pages, and at most 4 × `max_page_bytes` of payload, are kept, the least recently
// used dropped first; a page also ends once its events hold `max_page_bytes` of payload, so
// what is kept is bounded whatever the events' size. A page holds each event twice: parsed,
// and as the log stores it (PageEvents), for the projections that keep events as bytes; the
// bounds count payloads only, so the memory kept is about twice them, and more for events of
// small payloads (whose ids, hashes and metadata come on top).
//
// Read ahead: when a read reaches the end of a full page, a thread of the reader's own reads
// the page after it, so that the runner furthest ahead (in a rebuild, the slowest projection,
// which the others have left behind) finds its next page decoded on the other core.
//
// Convoy: runners that Join() the reader and pass their id to Read keep together while they
// catch up far from the head, so that a page is decoded once for all of them. A runner whose
// read needs the store (no kept page holds it) waits while another joined runner that moved in
// the last kIdleAfter is more than the lead (half the kept pages' worth of events) but less
// than the window (eight leads) behind it, and the head is at least a window ahead. In a
// rebuild the fast projections so stay within the lead of the slowest, whose pages are then
// still kept (before, the slowest read and decoded the whole log a second time: a seventh of
// its time). A runner near the head, or with a gap wider than the window (one projection
// rebuilding while the others are live or nearly so), never waits; nor does any runner for
// one that is idle (failed, stopped, retrying).
//
// A kept page is what the log held when it was read. A slice that reaches the end of a page
// read at the head says end_of_log only if the head is still there when the slice is served:
// once later commits follow, the slice ends without it and the runner reads on from the page's
// end, which reads only the new commits from the store (and keeps them for the runners
// behind). So each live commit is decoded about once for all runners, although they gather
// commits at different times, and a runner behind one that reads every commit at once (its
// pages are single commits) goes through them all in one commit of its own, instead of one
// commit per gathering interval (RunnerOptions::live_read_interval). Runners wait on the
// store's CommitNotifier for a position above the one they reached, which fires at once if the
// head has moved, so nothing is missed either way.
//
// Errors: the store's, as ReadAll returns them (a failed read is not kept; each waiting caller
// gets it and may retry).
//
// Thread-safety: thread-safe. The event store must outlive the reader, and Stop() (or the
// destructor) must run before it closes: it joins the read-ahead thread.
#ifndef COOPLEDGER_PROJECTIONS_SHARED_PAGE_READER_H_
#define COOPLEDGER_PROJECTIONS_SHARED_PAGE_READER_H_

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "coop/v1/event.pb.h"
#include "eventstore/event_store.h"

namespace coop::projections {

// A page's events as read from the store, with each one's bytes as the log stores them (a
// serialized RecordedEvent), which projections keeping events as bytes keep instead of
// serializing the event again (stream_row_cache.h).
struct PageEvents {
  std::vector<coop::v1::RecordedEvent> events;
  std::vector<std::string> stored_bytes;  // one for each event
};

// Consecutive events of the log, shared with other readers of the same page (read-only).
class PageView {
 public:
  using Events = std::vector<coop::v1::RecordedEvent>;
  PageView() = default;
  PageView(std::shared_ptr<const PageEvents> page, size_t begin, size_t end, bool end_of_log)
      : page_(std::move(page)), begin_(begin), end_(end), end_of_log_(end_of_log) {}

  Events::const_iterator begin() const { return page_->events.begin() + begin_; }
  Events::const_iterator end() const { return page_->events.begin() + end_; }
  bool empty() const { return begin_ == end_; }
  size_t size() const { return end_ - begin_; }
  const coop::v1::RecordedEvent& back() const { return page_->events[end_ - 1]; }
  // The bytes of the slice's i-th event (i < size()) as the log stores them.
  std::string_view stored_bytes(size_t i) const { return page_->stored_bytes[begin_ + i]; }
  // True if the slice ends where the log did: as of the page's read, for a page read for this
  // call; as of the call, for a kept page (SharedPageReader::Read).
  bool end_of_log() const { return end_of_log_; }

 private:
  std::shared_ptr<const PageEvents> page_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool end_of_log_ = false;
};

class SharedPageReader {
 public:
  static constexpr size_t kDefaultMaxPages = 16;
  static constexpr uint64_t kDefaultMaxPageBytes = 16 << 20;

  explicit SharedPageReader(coop::eventstore::EventStore* events,
                            size_t max_pages = kDefaultMaxPages,
                            uint64_t max_page_bytes = kDefaultMaxPageBytes, bool read_ahead = true);
  ~SharedPageReader();  // Stop()
  SharedPageReader(const SharedPageReader&) = delete;
  SharedPageReader& operator=(const SharedPageReader&) = delete;

  // Up to `max_count` (>= 1) events from position `from` (>= 1) on; empty, with end_of_log,
  // at the head. `runner`: an id from Join(), or 0 for a reader outside the convoy.
  absl::StatusOr<PageView> Read(uint64_t from, uint32_t max_count, uint64_t runner = 0);

  // The convoy (above). Join returns an id (never 0). Leave forgets it and ends a wait of its
  // Read at once (which then reads as outside the convoy); idempotent.
  uint64_t Join();
  void Leave(uint64_t runner);
  // A runner that has not moved for this long is not waited for.
  static constexpr absl::Duration kIdleAfter = absl::Seconds(2);

  // Ends reading ahead (joins its thread); Read goes on working. Idempotent.
  void Stop();

  // Pages read from the store for a caller, pages read ahead, and reads that a kept page (or
  // another caller's read) answered.
  struct Counters {
    uint64_t store_reads = 0;
    uint64_t read_ahead = 0;
    uint64_t shared = 0;
    uint64_t convoy_waits = 0;  // reads that waited for a runner behind
    uint64_t events_read = 0;   // events read (and decoded) from the store, for all pages
  };
  Counters counters() const;

 private:
  struct Page {
    uint64_t first = 0;  // position of events->front()
    uint64_t bytes = 0;  // of its events' payloads
    std::shared_ptr<const PageEvents> data;
    bool end_of_log = false;
  };
  struct Loading;  // a read in progress, which others asking for the same `from` wait for

  // Up to `max_count` events of `page` from `from` (which it holds); asks for the page after
  // it to be read ahead if the slice reaches its end (and `runner` may go on to it). `fresh`:
  // the page was read for this call, so its end_of_log stands as read; else it stands only
  // while the head is still at the page's end.
  PageView Slice(const Page& page, uint64_t from, uint32_t max_count, uint64_t runner, bool fresh)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A slice of a kept page holding `from`; nullopt if none does. Marks it recently used.
  std::optional<PageView> FindKept(uint64_t from, uint32_t max_count, uint64_t runner)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Keep(Page page) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool IsKept(uint64_t first) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A kept page holds `position` (a read from it needs no store read).
  bool IsCovered(uint64_t position) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Reads a page registered in loading_ from the store and keeps it; `for_caller`: a runner
  // asked for it (so the page after it may be read ahead).
  absl::StatusOr<PageView> Load(uint64_t from, uint32_t max_count,
                                const std::shared_ptr<Loading>& loading, bool for_caller,
                                uint64_t runner) ABSL_LOCKS_EXCLUDED(mu_);
  // After a read that reached the end of `page`: asks for the page after it, if full.
  void MaybeReadAhead(const Page& page, uint32_t max_count, uint64_t runner)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ReadAheadLoop();
  // True while `runner`, reading `max_count` from `from`, must wait for another runner.
  bool MustWaitForConvoy(uint64_t runner, uint64_t from, uint32_t max_count) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  uint64_t ConvoyLead(uint32_t max_count) const { return max_pages_ / 2 * max_count; }
  uint64_t ConvoyWindow(uint32_t max_count) const { return 8 * ConvoyLead(max_count); }

  struct Member {
    uint64_t from = 0;  // of its last read
    absl::Time moved;   // when `from` last changed
  };

  coop::eventstore::EventStore* const events_;
  const size_t max_pages_;
  const uint64_t max_page_bytes_;
  mutable absl::Mutex mu_;
  std::list<Page> kept_ ABSL_GUARDED_BY(mu_);     // most recently used first
  uint64_t kept_bytes_ ABSL_GUARDED_BY(mu_) = 0;  // payload bytes of kept_
  std::map<uint64_t, std::shared_ptr<Loading>> loading_ ABSL_GUARDED_BY(mu_);  // by `from`
  Counters counters_ ABSL_GUARDED_BY(mu_);
  // The next page to read ahead: {from, max_count}; from 0 = none.
  std::pair<uint64_t, uint32_t> ahead_ ABSL_GUARDED_BY(mu_) = {0, 0};
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<Page> retired_ ABSL_GUARDED_BY(mu_);          // dropped from kept_, to be freed
  std::map<uint64_t, Member> convoy_ ABSL_GUARDED_BY(mu_);  // by Join()'s id
  uint64_t next_runner_ ABSL_GUARDED_BY(mu_) = 1;
  std::thread ahead_thread_;
  absl::Mutex stop_mu_;  // serialises Stop()
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_SHARED_PAGE_READER_H_
