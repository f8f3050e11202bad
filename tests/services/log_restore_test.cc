// The offline restore (services/log_restore.h) on logs whose shape the store's own group
// commit made: one recorded_at shared by appends that interleave streams (X, Y, X) and by more
// events than one append may carry. Given such a log and its export, when it is restored into
// an empty folder, then every event comes back byte for byte at its position, with its stream
// version and recorded-at time, and the tree root is the same; a changed export stops the
// restore at the changed position and leaves the folder empty; a folder that holds anything is
// refused.
#include "services/log_restore.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "coop/v1/audit.pb.h"
#include "eventstore/clock.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "eventstore/store_options.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"
#include "tests/support/writer_gate.h"

namespace coop::testing {
namespace {

constexpr int64_t kT0 = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z

std::vector<coop::v1::RecordedEvent> EveryEvent(eventstore::EventStore& store) {
  eventstore::ReadAllQuery query;
  auto page = store.ReadAll(query);
  EXPECT_OK(page);
  std::vector<coop::v1::RecordedEvent> events;
  while (page.ok()) {
    events.insert(events.end(), page->events.begin(), page->events.end());
    if (page->end_of_log) break;
    query.from_position = page->next_position;
    page = store.ReadAll(query);
    EXPECT_OK(page);
  }
  return events;
}

void WriteExport(const std::string& path, const std::vector<coop::v1::RecordedEvent>& events) {
  std::ofstream out(path, std::ios::trunc);
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  for (const auto& event : events) {
    coop::v1::ExportLine line;
    *line.mutable_event() = event;
    std::string json;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(line, &json, options).ok());
    out << json << "\n";
  }
}

class LogRestoreTest : public ::testing::Test {
 protected:
  // Given: a first batch in which X, Y and X again share one recorded_at, then a batch of
  // 12,000 events in three streams (more than the 10,000 one append may carry), then one more
  // event.
  void SetUp() override {
    eventstore::ManualClock clock(kT0);
    eventstore::StoreOptions options;
    options.clock = &clock;
    WriterGate gate;
    eventstore::RocksOptions rocks;
    rocks.before_batch_hook = gate.Hook();
    auto store = eventstore::RocksEventStore::Open(dir_.Sub("original"), options, rocks);
    ASSERT_OK(store);
    absl::Notification done[4];
    int i = 0;
    for (const char* stream : {"x-1", "y-1", "x-1", "z-1"}) {
      (*store)->AppendAsync(AppendTo(stream, Any(), 2),
                            [&, n = i](absl::StatusOr<coop::v1::AppendResponse> r) {
                              EXPECT_OK(r);
                              done[n].Notify();
                            });
      if (i++ == 0) gate.WaitUntilHeld();  // the writer holds the first append in its hook
    }
    gate.Release();
    for (auto& d : done) d.WaitForNotification();
    clock.Set(kT0 + 1'000'000);
    // Three appends under one recorded_at (the clock stands still): 12,000 events that the
    // restore must split, since one append carries at most 10,000.
    for (const char* stream : {"big-a", "big-b", "big-c"}) {
      ASSERT_OK((*store)->Append(AppendTo(stream, Any(), 4'000)));
    }
    clock.Set(kT0 + 2'000'000);
    ASSERT_OK((*store)->Append(AppendTo("x-1", Any(), 1)));
    original_ = EveryEvent(**store);
    root_ = *(*store)->TreeRoot(original_.size());
    (*store)->Close();
    WriteExport(dir_.Sub("log.ndjson"), original_);
  }

  TempDir dir_;
  std::vector<coop::v1::RecordedEvent> original_;
  std::string root_;
};

TEST_F(LogRestoreTest, EveryEventComesBackAtItsPositionWithItsTimeAndVersion) {
  // The first batch interleaves streams under one recorded_at.
  ASSERT_EQ(original_[0].recorded_at_micros(), original_[4].recorded_at_micros());
  ASSERT_EQ(original_[0].stream_id(), original_[4].stream_id());
  ASSERT_NE(original_[0].stream_id(), original_[2].stream_id());

  auto report = services::RestoreLog(dir_.Sub("log.ndjson"), dir_.Sub("restored"), {});
  ASSERT_OK(report);
  EXPECT_EQ(report->events, original_.size());
  EXPECT_EQ(report->chain_head, original_.back().hash());
  EXPECT_EQ(report->tree_root, root_);
  EXPECT_FALSE(report->matched_signed_head);  // this export has no signed head

  auto restored = eventstore::RocksEventStore::Open(dir_.Sub("restored"), {});
  ASSERT_OK(restored);
  const auto events = EveryEvent(**restored);
  ASSERT_EQ(events.size(), original_.size());
  for (size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(events[i].SerializeAsString(), original_[i].SerializeAsString()) << i;
  }
  EXPECT_EQ(*(*restored)->TreeRoot(events.size()), root_);
  auto verified = (*restored)->Verify(0, 0);
  ASSERT_OK(verified);
  EXPECT_TRUE(verified->ok());
}

TEST_F(LogRestoreTest, AChangedExportStopsAtItsPositionAndLeavesNothing) {
  // The last event changed: everything before it has been written when the restore notices.
  auto changed = original_;
  changed.back().mutable_metadata()->set_actor("someone-else");
  const std::string position = std::to_string(changed.back().position());
  WriteExport(dir_.Sub("changed.ndjson"), changed);
  auto report = services::RestoreLog(dir_.Sub("changed.ndjson"), dir_.Sub("restored"), {});
  ASSERT_EQ(report.status().code(), absl::StatusCode::kDataLoss) << report.status();
  EXPECT_NE(report.status().message().find("position " + position), std::string::npos)
      << report.status();
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("restored"))) << "a folder it created goes again";
  // Into a folder that existed (empty): the folder stays, empty.
  std::filesystem::create_directories(dir_.Sub("empty"));
  report = services::RestoreLog(dir_.Sub("changed.ndjson"), dir_.Sub("empty"), {});
  ASSERT_EQ(report.status().code(), absl::StatusCode::kDataLoss) << report.status();
  EXPECT_TRUE(std::filesystem::is_empty(dir_.Sub("empty")));
  // An export with no event restores nothing.
  WriteExport(dir_.Sub("none.ndjson"), {});
  report = services::RestoreLog(dir_.Sub("none.ndjson"), dir_.Sub("none"), {});
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument) << report.status();
}

TEST_F(LogRestoreTest, AFolderThatHoldsAnythingIsRefused) {
  std::filesystem::create_directories(dir_.Sub("used"));
  std::ofstream(dir_.Sub("used/notes.txt")) << "keep me\n";
  auto report = services::RestoreLog(dir_.Sub("log.ndjson"), dir_.Sub("used"), {});
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition) << report.status();
  EXPECT_TRUE(std::filesystem::exists(dir_.Sub("used/notes.txt")));
  report = services::RestoreLog(dir_.Sub("missing.ndjson"), dir_.Sub("other"), {});
  EXPECT_EQ(report.status().code(), absl::StatusCode::kNotFound) << report.status();
}

}  // namespace
}  // namespace coop::testing
