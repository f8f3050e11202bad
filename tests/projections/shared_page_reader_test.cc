// The shared page reader (projections/shared_page_reader.h) over a real RocksDB log, and the
// runners of a set reading through it.
#include "projections/shared_page_reader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "projections/projection_set.h"
#include "tests/projections/runner_fixture.h"

namespace coop::projections {
namespace {

class SharedPageReaderTest : public RunnerFixture {};

std::vector<uint64_t> Positions(const PageView& page) {
  std::vector<uint64_t> out;
  for (const auto& event : page) out.push_back(event.position());
  return out;
}

TEST_F(SharedPageReaderTest, AReadPageAnswersLaterReadsInsideIt) {
  AppendEvents(30);
  SharedPageReader reader(events_.get(), SharedPageReader::kDefaultMaxPages,
                          SharedPageReader::kDefaultMaxPageBytes, /*read_ahead=*/false);
  auto first = reader.Read(1, 10);
  ASSERT_OK(first);
  EXPECT_EQ(Positions(*first), std::vector<uint64_t>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_FALSE(first->end_of_log());

  // The same page, and a slice of it that starts inside it: no read of the store.
  auto again = reader.Read(1, 10);
  ASSERT_OK(again);
  EXPECT_EQ(Positions(*again), Positions(*first));
  auto inside = reader.Read(7, 10);
  ASSERT_OK(inside);
  EXPECT_EQ(Positions(*inside), std::vector<uint64_t>({7, 8, 9, 10}));
  auto shorter = reader.Read(2, 3);
  ASSERT_OK(shorter);
  EXPECT_EQ(Positions(*shorter), std::vector<uint64_t>({2, 3, 4}));
  EXPECT_EQ(reader.counters().store_reads, 1u);
  EXPECT_EQ(reader.counters().shared, 3u);

  // Past the kept page: read from the store, up to the head.
  auto last = reader.Read(21, 100);
  ASSERT_OK(last);
  EXPECT_EQ(last->size(), 10u);
  EXPECT_TRUE(last->end_of_log());
  auto beyond = reader.Read(31, 100);
  ASSERT_OK(beyond);
  EXPECT_TRUE(beyond->empty());
  EXPECT_TRUE(beyond->end_of_log());
  EXPECT_EQ(reader.counters().store_reads, 3u);

  // A slice of a page read at the head says end_of_log only where it reaches the page's end.
  auto middle = reader.Read(25, 2);
  ASSERT_OK(middle);
  EXPECT_EQ(Positions(*middle), std::vector<uint64_t>({25, 26}));
  EXPECT_FALSE(middle->end_of_log());
  auto tail = reader.Read(29, 100);
  ASSERT_OK(tail);
  EXPECT_EQ(Positions(*tail), std::vector<uint64_t>({29, 30}));
  EXPECT_TRUE(tail->end_of_log());
}

TEST_F(SharedPageReaderTest,
       GivenAPageKeptAtAnOlderHeadWhenARunnerReadsItsTailThenItReadsOnAndEachCommitIsReadOnce) {
  SharedPageReader reader(events_.get(), SharedPageReader::kDefaultMaxPages,
                          SharedPageReader::kDefaultMaxPageBytes, /*read_ahead=*/false);
  AppendEvents(3);
  // A runner that reads every commit at once keeps a page of the first commits, at the head.
  auto first = reader.Read(1, 100);
  ASSERT_OK(first);
  EXPECT_EQ(Positions(*first), std::vector<uint64_t>({1, 2, 3}));
  EXPECT_TRUE(first->end_of_log());
  // Served again while the head is still there, its tail still ends the log.
  auto again = reader.Read(2, 100);
  ASSERT_OK(again);
  EXPECT_EQ(Positions(*again), std::vector<uint64_t>({2, 3}));
  EXPECT_TRUE(again->end_of_log());
  AppendEvents(5);
  // A runner behind it asks from position 2: it gets the kept tail, which no longer says
  // end_of_log (the runner would take it for the head and wait), without a store read.
  auto behind = reader.Read(2, 100);
  ASSERT_OK(behind);
  EXPECT_EQ(Positions(*behind), std::vector<uint64_t>({2, 3}));
  EXPECT_FALSE(behind->end_of_log());
  auto exact = reader.Read(1, 3);  // a slice ending exactly where the old page does
  ASSERT_OK(exact);
  EXPECT_EQ(Positions(*exact), std::vector<uint64_t>({1, 2, 3}));
  EXPECT_FALSE(exact->end_of_log());
  EXPECT_EQ(reader.counters().store_reads, 1u);
  // Reading on from the page's end reads only the new commits, up to the head.
  auto rest = reader.Read(4, 100);
  ASSERT_OK(rest);
  EXPECT_EQ(Positions(*rest), std::vector<uint64_t>({4, 5, 6, 7, 8}));
  EXPECT_TRUE(rest->end_of_log());
  EXPECT_EQ(reader.counters().store_reads, 2u);
  // Every later reader of those positions shares the two reads.
  auto inside = reader.Read(1, 2);
  ASSERT_OK(inside);
  EXPECT_EQ(Positions(*inside), std::vector<uint64_t>({1, 2}));
  auto tail = reader.Read(7, 100);
  ASSERT_OK(tail);
  EXPECT_EQ(Positions(*tail), std::vector<uint64_t>({7, 8}));
  EXPECT_TRUE(tail->end_of_log());
  EXPECT_EQ(reader.counters().store_reads, 2u);
}

TEST_F(SharedPageReaderTest, KeepsAtMostMaxPagesLeastRecentlyUsedDroppedFirst) {
  AppendEvents(40);
  SharedPageReader reader(events_.get(), /*max_pages=*/2, SharedPageReader::kDefaultMaxPageBytes,
                          /*read_ahead=*/false);
  ASSERT_OK(reader.Read(1, 10));
  ASSERT_OK(reader.Read(11, 10));
  ASSERT_OK(reader.Read(1, 10));   // kept; now the most recently used
  ASSERT_OK(reader.Read(21, 10));  // drops 11..20
  EXPECT_EQ(reader.counters().store_reads, 3u);
  ASSERT_OK(reader.Read(5, 10));  // still kept
  EXPECT_EQ(reader.counters().store_reads, 3u);
  ASSERT_OK(reader.Read(11, 10));  // was dropped: read again
  EXPECT_EQ(reader.counters().store_reads, 4u);
}

TEST_F(SharedPageReaderTest, PagesAndWhatIsKeptAreBoundedInBytes) {
  for (int i = 0; i < 12; ++i) {
    auto request = coop::testing::AppendTo("blob-" + std::to_string(i), coop::testing::Any());
    request.mutable_streams(0)->mutable_events(0)->set_payload(std::string(1000, 'x'));
    ASSERT_OK(events_->Append(request));
  }
  SharedPageReader reader(events_.get(), 16, /*max_page_bytes=*/2500, /*read_ahead=*/false);
  auto page = reader.Read(1, 100);
  ASSERT_OK(page);
  EXPECT_EQ(page->size(), 3u);  // the third event crosses 2,500 bytes
  EXPECT_FALSE(page->end_of_log());

  // At most 4 x 2,500 bytes are kept, though 16 pages would be allowed: the fourth page of
  // 3,000 bytes drops the least recently used one.
  ASSERT_OK(reader.Read(4, 100));
  ASSERT_OK(reader.Read(7, 100));
  ASSERT_OK(reader.Read(2, 100));  // kept (9,000 bytes); now the most recently used
  EXPECT_EQ(reader.counters().store_reads, 3u);
  ASSERT_OK(reader.Read(10, 100));  // 12,000 bytes: 4..6 goes
  ASSERT_OK(reader.Read(1, 100));
  ASSERT_OK(reader.Read(7, 100));
  EXPECT_EQ(reader.counters().store_reads, 4u);
  ASSERT_OK(reader.Read(5, 100));
  EXPECT_EQ(reader.counters().store_reads, 5u);
}

TEST_F(SharedPageReaderTest, TheNextFullPageIsReadAheadOnce) {
  AppendEvents(35);
  SharedPageReader reader(events_.get());
  auto first = reader.Read(1, 10);
  ASSERT_OK(first);
  // The page after a full one is read on the reader's thread ...
  for (int i = 0; i < 3000 && reader.counters().read_ahead == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(reader.counters().read_ahead, 1u);
  auto second = reader.Read(11, 10);  // ... and answers the next read (or it waits for it)
  ASSERT_OK(second);
  EXPECT_EQ(Positions(*second).front(), 11u);
  EXPECT_EQ(reader.counters().store_reads, 1u);
  // That read asks for the one after it; a page that does not fill up (the head) does not.
  for (int i = 0; i < 3000 && reader.counters().read_ahead < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto third = reader.Read(21, 10);
  ASSERT_OK(third);
  for (int i = 0; i < 3000 && reader.counters().read_ahead < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto last = reader.Read(31, 10);
  ASSERT_OK(last);
  EXPECT_EQ(last->size(), 5u);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // nothing more is read ahead
  const auto counters = reader.counters();
  EXPECT_EQ(counters.store_reads + counters.read_ahead, 4u);  // each page read once
  EXPECT_EQ(counters.read_ahead, 3u);                         // pages 11, 21 and 31
  reader.Stop();
  reader.Stop();  // idempotent; reads go on without reading ahead
  ASSERT_OK(reader.Read(1, 10));
}

TEST_F(SharedPageReaderTest, ConcurrentReadersSeeTheSameEvents) {
  const uint64_t head = AppendEvents(500, 7);
  SharedPageReader reader(events_.get(), 4);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      uint64_t next = 1;
      while (next <= head) {
        auto page = reader.Read(next, 13 + t);  // page sizes differ: slices of others' pages
        if (!page.ok() || page->empty()) {
          ++wrong;
          return;
        }
        for (const auto& event : *page) {
          if (event.position() != next) ++wrong;
          ++next;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // How many reads were shared depends on the threads' timing; what each saw may not.
  EXPECT_EQ(wrong.load(), 0);
}

// A projection that records the first and last positions of every commit (BeginPage ..
// FinishPage) in memory, and counts events per stream like CountPerStream.
class CommitRecorder final : public Projection {
 public:
  std::string name() const override { return "commit_recorder"; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override {
    return counter_.Apply(event, writer);
  }
  void BeginPage(uint64_t first_position) override { first_ = first_position; }
  absl::Status FinishPage(ProjectionWriter&, uint64_t last_position) override {
    absl::MutexLock lock(&mu_);
    commits_.emplace_back(first_, last_position);
    return absl::OkStatus();
  }
  std::vector<std::pair<uint64_t, uint64_t>> commits() const {
    absl::MutexLock lock(&mu_);
    return commits_;
  }

 private:
  CountPerStream counter_;
  uint64_t first_ = 0;
  mutable absl::Mutex mu_;
  std::vector<std::pair<uint64_t, uint64_t>> commits_;
};

TEST_F(SharedPageReaderTest, CatchingUpCommitsSeveralPagesTogetherLiveCommitsAtOnce) {
  const uint64_t head = AppendEvents(250);
  CommitRecorder projection;
  RunnerOptions options;
  options.page_size = 10;
  options.catch_up_commit_events = 100;
  ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
  ASSERT_OK(runner.Start());
  ASSERT_OK(runner.WaitForPosition(head, absl::Seconds(30)));
  using Commits = std::vector<std::pair<uint64_t, uint64_t>>;
  EXPECT_EQ(projection.commits(), Commits({{1, 100}, {101, 200}, {201, 250}}));
  auto total = projections_->ReadRow("commit_recorder", "total");
  ASSERT_OK(total);
  EXPECT_EQ(total->value_or(""), "250@250");

  // Live: each commit of the log is applied and committed on its own.
  const uint64_t head2 = AppendEvents(1);
  ASSERT_OK(runner.WaitForPosition(head2, absl::Seconds(30)));
  EXPECT_EQ(projection.commits().back(), std::make_pair(head2, head2));
  runner.Stop();
}

TEST_F(SharedPageReaderTest, TheRunnersOfASetReadEachPageOnceWhenTogether) {
  const uint64_t head = AppendEvents(150, 11);
  RunnerOptions options;
  options.page_size = 10;
  ProjectionSet set(events_.get(), projections_.get(), options);
  for (int i = 0; i < 3; ++i) {
    set.Add(std::make_unique<CountPerStream>(1, "count_" + std::to_string(i)));
  }
  ASSERT_OK(set.StartAll());
  ASSERT_OK(set.WaitForPosition({"count_0", "count_1", "count_2"}, head, absl::Seconds(30)));
  // Every runner built the same rows from the shared pages.
  auto reference = projections_->ReadRows("count_0");
  ASSERT_OK(reference);
  EXPECT_EQ(reference->size(), 12u);  // 11 streams and the total
  for (const char* name : {"count_1", "count_2"}) {
    auto rows = projections_->ReadRows(name);
    ASSERT_OK(rows);
    EXPECT_EQ(*rows, *reference) << name;
  }
  // 15 pages (fewer than the 16 kept) for three runners: each page is read from the store once;
  // besides, each runner reads the empty page at the head at least once.
  const auto counters = set.page_reader().counters();
  EXPECT_LE(counters.store_reads, 15u + 3u * 2u);
  EXPECT_GE(counters.shared, 30u);
}

// CountPerStream that takes `pause` over each page, as a projection with more to write does.
class CountWithPause final : public Projection {
 public:
  CountWithPause(std::string name, absl::Duration pause) : count_(1, name), pause_(pause) {}
  std::string name() const override { return count_.name(); }
  uint32_t version() const override { return count_.version(); }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override {
    return count_.Apply(event, writer);
  }
  absl::Status FinishPage(ProjectionWriter& writer, uint64_t last_position) override {
    absl::SleepFor(pause_);
    return count_.FinishPage(writer, last_position);
  }

 private:
  CountPerStream count_;
  absl::Duration pause_;
};

TEST_F(SharedPageReaderTest, RunnersGatheringLiveCommitsAtDifferentTimesReadEachCommitAboutOnce) {
  RunnerOptions options;
  options.live_read_interval = absl::Milliseconds(20);
  ProjectionSet set(events_.get(), projections_.get(), options);
  std::vector<std::string> names;
  for (int i = 0; i < 4; ++i) {
    names.push_back("count_" + std::to_string(i));
    set.Add(std::make_unique<CountWithPause>(names.back(), absl::Milliseconds(3 + 11 * i)));
  }
  ASSERT_OK(set.StartAll());
  // Commits keep coming, one event each, while the runners gather them, each on its own
  // schedule.
  uint64_t head = 0;
  for (int i = 0; i < 400; ++i) {
    head = AppendEvents(1);
    std::this_thread::sleep_for(std::chrono::microseconds(2500));
  }
  ASSERT_OK(set.WaitForPosition(names, head, absl::Seconds(30)));
  // A runner finding another's page kept reads on from its end rather than reading it all
  // again: the log is decoded about once, not once a runner (four times).
  const auto counters = set.page_reader().counters();
  EXPECT_LE(counters.events_read, head * 3 / 2) << "store reads " << counters.store_reads;
  auto reference = projections_->ReadRows("count_0");
  ASSERT_OK(reference);
  for (const auto& name : names) {
    auto rows = projections_->ReadRows(name);
    ASSERT_OK(rows);
    EXPECT_EQ(*rows, *reference) << name;
  }
}

// Waits (at most 30 s) until `reader` counts `waits` convoy waits.
void AwaitConvoyWaits(const SharedPageReader& reader, uint64_t waits) {
  for (int i = 0; i < 3000 && reader.counters().convoy_waits < waits; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(reader.counters().convoy_waits, waits);
}

// A read of `from` on its own thread; done() once it has returned.
class ReadInThread {
 public:
  ReadInThread(SharedPageReader& reader, uint64_t from, uint64_t runner)
      : thread_([this, &reader, from, runner] {
          auto page = reader.Read(from, 10, runner);
          first_ = page.ok() && !page->empty() ? page->begin()->position() : 0;
          done_ = true;
        }) {}
  ~ReadInThread() { thread_.join(); }
  bool done() const { return done_; }
  uint64_t Join() {
    thread_.join();
    thread_ = std::thread([] {});
    return first_;
  }

 private:
  std::atomic<bool> done_{false};
  uint64_t first_ = 0;
  std::thread thread_;
};

// Two kept pages: the lead is one page (10 events), the window eight (80).
TEST_F(SharedPageReaderTest, AJoinedRunnerTooFarAheadWaitsUntilTheOneBehindMovesUp) {
  AppendEvents(200);
  SharedPageReader reader(events_.get(), /*max_pages=*/2, SharedPageReader::kDefaultMaxPageBytes,
                          /*read_ahead=*/false);
  const uint64_t behind = reader.Join();
  const uint64_t ahead = reader.Join();
  ASSERT_OK(reader.Read(1, 10, behind));
  ASSERT_OK(reader.Read(11, 10, ahead));  // within the lead: no wait
  EXPECT_EQ(reader.counters().convoy_waits, 0u);

  ReadInThread far(reader, 31, ahead);  // 30 events ahead: waits
  AwaitConvoyWaits(reader, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(far.done());
  ASSERT_OK(reader.Read(11, 10, behind));  // still 20 behind: still waits
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(far.done());
  ASSERT_OK(reader.Read(21, 10, behind));  // within the lead of 31: it goes on
  EXPECT_EQ(far.Join(), 31u);

  // A reader outside the convoy never waits, nor a runner for one that left.
  ASSERT_OK(reader.Read(101, 10));
  reader.Leave(behind);
  ASSERT_OK(reader.Read(71, 10, ahead));
  EXPECT_EQ(reader.counters().convoy_waits, 1u);
}

TEST_F(SharedPageReaderTest, AWaitEndsWhenTheRunnerBehindLeavesOrTurnsIdle) {
  AppendEvents(200);
  SharedPageReader reader(events_.get(), 2, SharedPageReader::kDefaultMaxPageBytes, false);
  const uint64_t behind = reader.Join();
  const uint64_t ahead = reader.Join();
  ASSERT_OK(reader.Read(1, 10, behind));
  {
    ReadInThread far(reader, 41, ahead);
    AwaitConvoyWaits(reader, 1);
    reader.Leave(behind);  // e.g. its projection failed or stopped
    EXPECT_EQ(far.Join(), 41u);
  }
  const uint64_t slow = reader.Join();
  ASSERT_OK(reader.Read(11, 10, slow));
  const auto started = std::chrono::steady_clock::now();
  ReadInThread far(reader, 51, ahead);
  AwaitConvoyWaits(reader, 2);
  EXPECT_EQ(far.Join(), 51u);  // `slow` does not move: after kIdleAfter it is not waited for
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));
}

TEST_F(SharedPageReaderTest, NearTheHeadOrBeyondTheWindowNobodyWaits) {
  AppendEvents(100);
  SharedPageReader reader(events_.get(), 2, SharedPageReader::kDefaultMaxPageBytes, false);
  const uint64_t behind = reader.Join();
  const uint64_t ahead = reader.Join();
  ASSERT_OK(reader.Read(1, 10, behind));
  ASSERT_OK(reader.Read(31, 10, ahead));  // the head (100) is within a window (80) of 31
  ASSERT_OK(reader.Read(91, 10, ahead));  // 90 behind: beyond the window, a separate reader
  AppendEvents(200);
  ASSERT_OK(reader.Read(141, 10, ahead));
  EXPECT_EQ(reader.counters().convoy_waits, 0u);
}

// A projection slower than the others by a sleep per commit.
class SlowCounter final : public Projection {
 public:
  std::string name() const override { return "slow"; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override {
    return counter_.Apply(event, writer);
  }
  absl::Status FinishPage(ProjectionWriter&, uint64_t) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return absl::OkStatus();
  }

 private:
  CountPerStream counter_;
};

TEST_F(SharedPageReaderTest, InARebuildTheFastRunnersKeepWithTheSlowestSoEachPageIsReadOnce) {
  const uint64_t head = AppendEvents(1500, 17);
  RunnerOptions options;
  options.page_size = 5;  // 300 pages; the lead is 40 events, the window 320
  ProjectionSet set(events_.get(), projections_.get(), options);
  set.Add(std::make_unique<SlowCounter>());
  for (int i = 0; i < 3; ++i) {
    set.Add(std::make_unique<CountPerStream>(1, "fast_" + std::to_string(i)));
  }
  ASSERT_OK(set.StartAll());
  ASSERT_OK(set.WaitForPosition({"slow", "fast_0", "fast_1", "fast_2"}, head, absl::Seconds(60)));
  // 300 pages, each read once, but for the last window (64 pages), where the fast runners go
  // on alone and the slow one reads again, and the reads at the head: about 430-560 reads on
  // a busy machine. Without the convoy the fast runners leave the slow one behind, and pages
  // are read (or read ahead) about 1,100 times.
  const auto counters = set.page_reader().counters();
  EXPECT_GT(counters.convoy_waits, 0u);
  EXPECT_LE(counters.store_reads + counters.read_ahead, 800u)
      << counters.store_reads << " store reads, " << counters.read_ahead << " read ahead";
  auto rows = projections_->ReadRows("slow");
  ASSERT_OK(rows);
  for (const char* name : {"fast_0", "fast_1", "fast_2"}) {
    auto fast = projections_->ReadRows(name);
    ASSERT_OK(fast);
    EXPECT_EQ(*fast, *rows) << name;
  }
}

}  // namespace
}  // namespace coop::projections
