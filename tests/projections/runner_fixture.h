// What the runner and rebuild tests share: a projection that counts events per stream, and a
// fixture with a real RocksDB event log (its clock manual) and projection store in a fresh
// temporary folder.
#ifndef COOPLEDGER_TESTS_PROJECTIONS_RUNNER_FIXTURE_H_
#define COOPLEDGER_TESTS_PROJECTIONS_RUNNER_FIXTURE_H_

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "eventstore/clock.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "projections/projection.h"
#include "projections/projection_runner.h"
#include "projections/projection_store.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::projections {

using Rows = std::vector<std::pair<std::string, std::string>>;

// Counts events per stream: row "stream/<id>" -> "<count>@<last position>", and a "total" row.
// Read-modify-write through the writer, so a page touching a stream twice exercises Get of
// staged rows, and an event applied twice (or skipped) changes the rows.
class CountPerStream final : public Projection {
 public:
  explicit CountPerStream(uint32_t version = 1, std::string name = "count_per_stream")
      : version_(version), name_(std::move(name)) {}
  std::string name() const override { return name_; }
  uint32_t version() const override { return version_; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override {
    if (fail_at_ != 0 && event.position() == fail_at_) {
      return absl::InternalError("refused on purpose");
    }
    for (const std::string& key :
         {std::string("stream/") + event.stream_id(), std::string("total")}) {
      auto row = writer.Get(key);
      if (!row.ok()) return row.status();
      uint64_t count = 0;
      if (row->has_value()) {
        std::string digits = (*row)->substr(0, (*row)->find('@'));
        if (!absl::SimpleAtoi(digits, &count)) return absl::DataLossError("bad row");
      }
      writer.Put(key, absl::StrCat(count + 1, "@", event.position()));
    }
    return absl::OkStatus();
  }
  // Apply fails at this position (0: never).
  void fail_at(uint64_t position) { fail_at_ = position; }

 private:
  uint32_t version_;
  std::string name_;
  uint64_t fail_at_ = 0;
};

class RunnerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    eventstore::StoreOptions options;
    options.clock = &clock_;
    auto events = eventstore::RocksEventStore::Open(dir_.Sub("events"), options);
    ASSERT_OK(events);
    events_ = std::move(*events);
    OpenProjections();
  }

  // Opens the projection store again, as after a crash or a restart.
  void OpenProjections() {
    projections_.reset();
    auto store = ProjectionStore::Open(dir_.Sub("projections"));
    ASSERT_OK(store);
    projections_ = std::move(*store);
  }

  // Appends `events` events spread round-robin over `streams` streams; returns the head.
  uint64_t AppendEvents(int events, int streams = 5) {
    uint64_t last = 0;
    for (int i = 0; i < events; ++i) {
      auto result = events_->Append(
          coop::testing::AppendTo(absl::StrCat("coop-", i % streams), coop::testing::Any()));
      EXPECT_OK(result);
      if (result.ok()) last = result->last_position();
    }
    return last;
  }

  // The rows of `projection` built from scratch in a fresh store.
  Rows RebuildFromScratch(Projection& projection) {
    auto store = ProjectionStore::Open(dir_.Sub(absl::StrCat("scratch-", scratch_++)));
    EXPECT_OK(store);
    if (!store.ok()) return {};
    ProjectionRunner runner(events_.get(), store->get(), &projection);
    EXPECT_OK(runner.Start());
    EXPECT_OK(runner.WaitForPosition(events_->notifier().head(), absl::Seconds(30)));
    runner.Stop();
    auto rows = (*store)->ReadRows(projection.name());
    EXPECT_OK(rows);
    return rows.ok() ? *rows : Rows{};
  }

  // Polls for up to 30 s.
  static bool WaitForState(const ProjectionRunner& runner, ProjectionState state) {
    for (int i = 0; i < 6000; ++i) {
      if (runner.status().state == state) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

  coop::testing::TempDir dir_;
  eventstore::ManualClock clock_{1'700'000'000'000'000};
  std::unique_ptr<eventstore::RocksEventStore> events_;
  std::unique_ptr<ProjectionStore> projections_;
  int scratch_ = 0;
};

}  // namespace coop::projections

#endif  // COOPLEDGER_TESTS_PROJECTIONS_RUNNER_FIXTURE_H_
