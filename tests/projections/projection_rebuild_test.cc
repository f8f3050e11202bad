// A rebuild builds the new rows beside the old ones and switches when it is live (issue 10:
// "a rebuild never gives a wrong answer with OK"): readers keep the old rows meanwhile, a
// crash on either side of the switch leaves one complete generation serving, and a version
// change is UNAVAILABLE until the new version is live.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "base/json_log.h"
#include "eventstore/clock.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "projections/projection_runner.h"
#include "projections/projection_set.h"
#include "projections/projection_store.h"
#include "rocksdb/db.h"
#include "tests/projections/runner_fixture.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

constexpr char kName[] = "count_per_stream";

// Holds a rebuild after its first page (RunnerOptions::after_rebuild_page) until released, so
// a test can look at it mid-way without racing it.
class HeldRebuild {
 public:
  std::function<void(uint64_t)> Hook() {
    return [this](uint64_t position) {
      if (!first_page_.HasBeenNotified()) {
        first_position_ = position;
        first_page_.Notify();
      }
      release_.WaitForNotificationWithTimeout(absl::Seconds(60));
    };
  }
  // Waits for the first page; the position it reached.
  uint64_t WaitForFirstPage() {
    EXPECT_TRUE(first_page_.WaitForNotificationWithTimeout(absl::Seconds(60)));
    return first_position_.load();
  }
  void Release() {
    if (!release_.HasBeenNotified()) release_.Notify();
  }

 private:
  absl::Notification first_page_;
  absl::Notification release_;
  std::atomic<uint64_t> first_position_{0};
};

class ProjectionRebuildTest : public RunnerFixture {
 protected:
  // Builds the projection up to the head with a plain runner.
  void Build(Projection& projection) {
    ProjectionRunner runner(events_.get(), projections_.get(), &projection);
    ASSERT_OK(runner.Start());
    ASSERT_OK(runner.WaitForPosition(events_->notifier().head(), absl::Seconds(30)));
    ASSERT_TRUE(WaitForState(runner, ProjectionState::kLive));
    runner.Stop();
  }

  Rows RowsOf(ProjectionStore::Snapshot* snapshot = nullptr) {
    auto rows = projections_->ScanRows(kName, "", "", 1000, snapshot);
    EXPECT_OK(rows);
    return rows.ok() ? *rows : Rows{};
  }

  uint64_t Checkpoint(ProjectionStore::Snapshot* snapshot = nullptr) {
    auto meta = projections_->ReadMeta(kName, snapshot);
    EXPECT_OK(meta);
    return meta.ok() && meta->has_value() ? (*meta)->checkpoint : 0;
  }

  // The rows of a CountPerStream of `version` built from scratch in a fresh store.
  Rows RebuildFromScratch(uint32_t version = 1) {
    CountPerStream projection(version);
    return RunnerFixture::RebuildFromScratch(projection);
  }

  // The column families of the projection store, read from its files (store closed).
  std::vector<std::string> Families() {
    projections_.reset();
    std::vector<std::string> names;
    EXPECT_TRUE(
        rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir_.Sub("projections"), &names)
            .ok());
    std::sort(names.begin(), names.end());
    OpenProjections();
    return names;
  }
};

TEST_F(ProjectionRebuildTest, AForcedRebuildKeepsServingTheOldRowsUntilTheNewOnesAreLive) {
  // Given a projection built up to position 40
  const uint64_t head = AppendEvents(40);
  CountPerStream projection;
  Build(projection);
  const Rows before = RowsOf();
  ASSERT_EQ(before.size(), 6u);  // 5 streams + total

  // When it is rebuilt, and the rebuild is held after its first page
  HeldRebuild held;
  RunnerOptions options;
  options.page_size = 5;
  options.force_rebuild = true;
  options.after_rebuild_page = held.Hook();
  ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
  absl::Cleanup release = [&] { held.Release(); };
  ASSERT_OK(runner.Start());
  EXPECT_EQ(held.WaitForFirstPage(), 5u);

  // Then its status shows the rebuild's progress
  ProjectionStatus status = runner.status();
  EXPECT_EQ(status.state, ProjectionState::kRebuilding);
  EXPECT_EQ(status.position, 5u);
  EXPECT_EQ(status.head, head);
  // and readers see the old rows and checkpoint, whole, by name and in a snapshot
  EXPECT_EQ(RowsOf(), before);
  EXPECT_EQ(projections_->ReadRow(kName, "total")->value_or(""), "40@40");
  EXPECT_EQ(Checkpoint(), head);
  auto during = projections_->NewSnapshot();
  EXPECT_EQ(RowsOf(during.get()), before);
  // and a wait for what the old rows hold is answered at once
  EXPECT_OK(runner.WaitForPosition(head, absl::ZeroDuration()));
  // while one past them waits for the new rows to be live
  const uint64_t head2 = AppendEvents(3);
  EXPECT_EQ(runner.WaitForPosition(head2, absl::Milliseconds(20)).code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(projections_->ReadRow(kName, "total")->value_or(""), "40@40");

  // When the rebuild goes on: the wait is answered by the new rows once they are live
  absl::Status waited;
  std::thread waiter([&] { waited = runner.WaitForPosition(head2, absl::Seconds(60)); });
  held.Release();
  waiter.join();
  ASSERT_OK(waited);
  EXPECT_EQ(projections_->ReadRow(kName, "total")->value_or(""), "43@43");
  EXPECT_EQ(Checkpoint(), head2);
  ASSERT_TRUE(WaitForState(runner, ProjectionState::kLive));
  EXPECT_EQ(runner.status().position, head2);
  // and the snapshot taken during the rebuild still reads the old generation, consistently
  EXPECT_EQ(RowsOf(during.get()), before);
  EXPECT_EQ(Checkpoint(during.get()), head);
  during.reset();
  runner.Stop();
  EXPECT_EQ(RowsOf(), RebuildFromScratch());
}

TEST_F(ProjectionRebuildTest, ACrashBeforeTheSwitchKeepsTheOldRowsAndTheRebuildResumes) {
  // Given a projection built up to position 40
  const uint64_t head = AppendEvents(40);
  CountPerStream projection;
  Build(projection);
  const Rows before = RowsOf();
  // When a rebuild stops after two pages of five (as if the server died there)
  {
    RunnerOptions options;
    options.page_size = 5;
    options.force_rebuild = true;
    options.stop_after_pages = 2;
    ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
    ASSERT_OK(runner.Start());
    ASSERT_TRUE(WaitForState(runner, ProjectionState::kStopped));
    EXPECT_EQ(runner.status().position, 10u);
  }
  // Then the old rows still serve, before and after the store is opened again
  EXPECT_EQ(RowsOf(), before);
  OpenProjections();
  EXPECT_EQ(RowsOf(), before);
  EXPECT_EQ(Checkpoint(), head);

  // When the projection starts again, after more events
  const uint64_t head2 = AppendEvents(4);
  std::ostringstream log;
  const base::JsonLog json_log(&log, base::LogLevel::kInfo);
  RunnerOptions options;
  options.page_size = 5;
  options.log = &json_log;
  ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
  ASSERT_OK(runner.Start());
  // Then the rebuild resumes from its own checkpoint and completes
  EXPECT_NE(
      log.str().find("\"projection\":\"count_per_stream\",\"start\":\"resumes its rebuild after "
                     "position 10"),
      std::string::npos)
      << log.str();
  ASSERT_OK(runner.WaitForPosition(head2, absl::Seconds(30)));
  ASSERT_TRUE(WaitForState(runner, ProjectionState::kLive));
  runner.Stop();
  EXPECT_EQ(Checkpoint(), head2);
  EXPECT_EQ(RowsOf(), RebuildFromScratch());
}

TEST_F(ProjectionRebuildTest, TheSwitchDropsTheOldGeneration) {
  AppendEvents(20);
  CountPerStream projection;
  Build(projection);
  EXPECT_EQ(Families(), (std::vector<std::string>{kName, "default"}));
  for (int generation = 1; generation <= 2; ++generation) {
    RunnerOptions options;
    options.force_rebuild = true;
    options.page_size = 3;
    ProjectionRunner runner(events_.get(), projections_.get(), &projection, options);
    ASSERT_OK(runner.Start());
    ASSERT_TRUE(WaitForState(runner, ProjectionState::kLive));
    runner.Stop();
    // Only the generation that serves is left (the old one dropped once switched).
    EXPECT_EQ(Families(),
              (std::vector<std::string>{absl::StrCat(kName, "~", generation), "default"}));
    EXPECT_EQ(RowsOf(), RebuildFromScratch());
  }
}

TEST_F(ProjectionRebuildTest, AVersionChangeIsUnavailableUntilTheNewVersionIsLive) {
  // Given version 1 built up to position 30
  const uint64_t head = AppendEvents(30);
  CountPerStream v1(1);
  Build(v1);
  // When the server starts with version 2, and the rebuild is held after its first page
  HeldRebuild held;
  RunnerOptions options;
  options.page_size = 5;
  options.after_rebuild_page = held.Hook();
  ProjectionSet set(events_.get(), projections_.get(), options);
  set.Add(std::make_unique<CountPerStream>(2));
  absl::Cleanup release = [&] { held.Release(); };
  ASSERT_OK(set.StartAll());
  EXPECT_EQ(held.WaitForFirstPage(), 5u);
  auto runner = set.Runner(kName);
  ASSERT_NE(runner, nullptr);
  EXPECT_EQ(runner->status().state, ProjectionState::kRebuilding);

  // Then queries of it are UNAVAILABLE, saying how far the rebuild is: the old rows were
  // written by other code
  for (uint64_t position : {uint64_t{0}, head}) {
    absl::Status st = set.WaitForPosition({kName}, position, absl::Seconds(1));
    EXPECT_EQ(st.code(), absl::StatusCode::kUnavailable) << st;
    EXPECT_EQ(st.message(),
              "projection count_per_stream is being rebuilt: position 5 of head 30; retry later");
  }
  // and so are reads of its rows by name
  EXPECT_EQ(projections_->ReadRow(kName, "total").status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(projections_->ScanRows(kName, "", "", 10).status().code(),
            absl::StatusCode::kUnavailable);

  // When the rebuild goes on to the head
  held.Release();
  ASSERT_TRUE(WaitForState(*runner, ProjectionState::kLive));
  // Then the new version answers
  ASSERT_OK(set.WaitForPosition({kName}, head, absl::Seconds(30)));
  ASSERT_OK(set.WaitForPosition({kName}, 0, absl::Seconds(30)));
  EXPECT_EQ(projections_->ReadRow(kName, "total")->value_or(""), "30@30");
  auto meta = projections_->ReadMeta(kName);
  ASSERT_OK(meta);
  EXPECT_EQ((*meta)->version, 2u);
  set.StopAll();
  EXPECT_EQ(RowsOf(), RebuildFromScratch(2));
}

TEST_F(ProjectionRebuildTest, AWaitSpanningARebuildIsAnsweredByTheNewGeneration) {
  // Given a set serving a projection, and a rebuild held after its first page
  const uint64_t head = AppendEvents(20);
  HeldRebuild held;
  RunnerOptions options;
  options.page_size = 4;
  options.after_rebuild_page = held.Hook();
  ProjectionSet set(events_.get(), projections_.get(), options);
  set.Add(std::make_unique<CountPerStream>());
  absl::Cleanup release = [&] { held.Release(); };
  ASSERT_OK(set.StartAll());
  ASSERT_OK(set.WaitForPosition({kName}, head, absl::Seconds(30)));
  ASSERT_OK(set.Rebuild(kName));
  EXPECT_EQ(held.WaitForFirstPage(), 4u);
  // When a query waits for a position the old rows do not hold
  const uint64_t head2 = AppendEvents(2);
  EXPECT_OK(set.WaitForPosition({kName}, head, absl::ZeroDuration()));
  EXPECT_EQ(set.WaitForPosition({kName}, head2, absl::Milliseconds(20)).code(),
            absl::StatusCode::kDeadlineExceeded);
  absl::Status waited;
  std::thread waiter([&] { waited = set.WaitForPosition({kName}, head2, absl::Seconds(60)); });
  held.Release();
  waiter.join();
  // Then it is answered once the new rows are live, and they hold it
  ASSERT_OK(waited);
  EXPECT_EQ(projections_->ReadRow(kName, "total")->value_or(""), "22@22");
  set.StopAll();
}

// The store's generations on disk, as a crash may leave them: one family per generation
// ("<name>" is generation 0, "<name>~N" generation N) and the active one named in the default
// family ("active/<name>" -> N, u64 big-endian; none: generation 0).
class GenerationsOnDiskTest : public ::testing::Test {
 protected:
  // Writes families `p` (checkpoint 10, row a=old) and `p~1` (checkpoint 12, row a=new), and
  // the active pointer to generation 1 if `switched`, directly with RocksDB.
  void Write(bool switched) {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
        {"p", rocksdb::ColumnFamilyOptions()},
        {"p~1", rocksdb::ColumnFamilyOptions()}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path(), families, &handles, &db).ok());
    const std::string meta_key("\x00meta", 5);
    rocksdb::WriteOptions write;
    EXPECT_TRUE(db->Put(write, handles[1], meta_key, ProjectionStore::EncodeMeta({1, 10})).ok());
    EXPECT_TRUE(db->Put(write, handles[1],
                        "\x01"
                        "a",
                        "old")
                    .ok());
    EXPECT_TRUE(db->Put(write, handles[2], meta_key, ProjectionStore::EncodeMeta({1, 12})).ok());
    EXPECT_TRUE(db->Put(write, handles[2],
                        "\x01"
                        "a",
                        "new")
                    .ok());
    if (switched) {
      EXPECT_TRUE(
          db->Put(write, handles[0], "active/p", std::string("\0\0\0\0\0\0\0\x01", 8)).ok());
    }
    for (auto* handle : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
    EXPECT_TRUE(db->Close().ok());
    delete db;
  }

  std::vector<std::string> Families() {
    std::vector<std::string> names;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir_.path(), &names).ok());
    std::sort(names.begin(), names.end());
    return names;
  }

  coop::testing::TempDir dir_;
};

TEST_F(GenerationsOnDiskTest, ACrashAfterTheSwitchServesTheNewGenerationAndDropsTheOld) {
  Write(/*switched=*/true);
  {
    auto store = ProjectionStore::Open(dir_.path());
    ASSERT_OK(store);
    EXPECT_EQ((*store)->ReadRow("p", "a")->value_or(""), "new");
    auto meta = (*store)->ReadMeta("p");
    ASSERT_OK(meta);
    EXPECT_EQ((*meta)->checkpoint, 12u);
  }
  EXPECT_EQ(Families(), (std::vector<std::string>{"default", "p~1"}));
}

TEST_F(GenerationsOnDiskTest, ACrashBeforeTheSwitchServesTheOldGenerationAndKeepsTheNew) {
  Write(/*switched=*/false);
  {
    auto store = ProjectionStore::Open(dir_.path());
    ASSERT_OK(store);
    EXPECT_EQ((*store)->ReadRow("p", "a")->value_or(""), "old");
    auto meta = (*store)->ReadMeta("p");
    ASSERT_OK(meta);
    EXPECT_EQ((*meta)->checkpoint, 10u);
  }
  // The generation being built is kept, for its rebuild to resume.
  EXPECT_EQ(Families(), (std::vector<std::string>{"default", "p", "p~1"}));
}

TEST(ProjectionStoreGenerationsTest, BuildingBesideTheActiveGenerationThenSwitching) {
  coop::testing::TempDir dir;
  auto opened = ProjectionStore::Open(dir.path());
  ASSERT_OK(opened);
  ProjectionStore& store = **opened;
  EXPECT_EQ(store.BeginBuilding("p", 1).code(), absl::StatusCode::kNotFound);
  ASSERT_OK(store.EnsureProjection("p"));
  auto active = store.NewBatch("p");
  ASSERT_OK(active);
  active->Put("a", "old");
  active->SetMeta({1, 10});
  ASSERT_OK(store.Commit(*active));
  EXPECT_EQ(store.NewBatch("p", Generation::kBuilding).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store.SwitchToBuilding("p").code(), absl::StatusCode::kFailedPrecondition);

  // A building generation of the same version: readers keep the active one.
  ASSERT_OK(store.BeginBuilding("p", 1));
  auto building = store.NewBatch("p", Generation::kBuilding);
  ASSERT_OK(building);
  EXPECT_FALSE(building->Get("a")->has_value());  // it starts empty
  building->Put("stale", "x");
  ASSERT_OK(store.Commit(*building));
  EXPECT_EQ(store.ReadRow("p", "a")->value_or(""), "old");
  EXPECT_FALSE(store.ReadRow("p", "stale")->has_value());

  // Begun again (a rebuild asked for during a rebuild): a fresh, empty generation.
  ASSERT_OK(store.BeginBuilding("p", 1));
  auto meta = store.ReadGenerationMeta("p", Generation::kBuilding);
  ASSERT_OK(meta);
  EXPECT_EQ((*meta)->checkpoint, 0u);
  building = store.NewBatch("p", Generation::kBuilding);
  ASSERT_OK(building);
  EXPECT_FALSE(building->Get("stale")->has_value());
  building->Put("a", "new");
  building->SetMeta({1, 12});
  ASSERT_OK(store.Commit(*building));
  auto before = store.NewSnapshot();
  ASSERT_OK(store.SwitchToBuilding("p"));
  EXPECT_EQ(store.ReadRow("p", "a")->value_or(""), "new");
  EXPECT_EQ((*store.ReadMeta("p"))->checkpoint, 12u);
  EXPECT_EQ(store.ReadRow("p", "a", before.get())->value_or(""), "old");
  EXPECT_EQ((*store.ReadMeta("p", before.get()))->checkpoint, 10u);
  before.reset();

  // Another version being built: reads by name are refused until it is dropped or switched.
  ASSERT_OK(store.BeginBuilding("p", 2));
  EXPECT_EQ(store.ReadRow("p", "a").status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store.ReadMeta("p").status().code(), absl::StatusCode::kUnavailable);
  auto during = store.NewSnapshot();
  EXPECT_EQ(store.ScanKeys("p", "", "", 10, during.get()).status().code(),
            absl::StatusCode::kUnavailable);
  during.reset();
  EXPECT_EQ((*store.ReadGenerationMeta("p", Generation::kActive))->version, 1u);
  ASSERT_OK(store.DropBuilding("p"));
  EXPECT_EQ(store.ReadRow("p", "a")->value_or(""), "new");
  EXPECT_EQ(store.ReadGenerationMeta("p", Generation::kBuilding).status().code(),
            absl::StatusCode::kNotFound);
  store.Close();
  // A snapshot asked of a closed store reads nothing: UNAVAILABLE, not a crash.
  auto after_close = store.NewSnapshot();
  EXPECT_EQ(store.ReadRow("p", "a", after_close.get()).status().code(),
            absl::StatusCode::kUnavailable);
  after_close.reset();
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &names).ok());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"default", "p~2"}));
}

}  // namespace
}  // namespace coop::projections
