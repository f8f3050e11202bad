// The cooperative registry projection over a real event store and projection store: rows
// fold the stream with domain::Evolve and honour corrections (voided and amended events).
#include "projections/cooperative_registry_projection.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "projections/projection_runner.h"
#include "projections/projection_store.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

using coop::eventstore::RocksEventStore;

class CooperativeRegistryProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto events = RocksEventStore::Open(dir_.Sub("events"), {});
    ASSERT_OK(events);
    events_ = std::move(*events);
    auto store = ProjectionStore::Open(dir_.Sub("projections"));
    ASSERT_OK(store);
    projections_ = std::move(*store);
  }

  // Appends one event to `stream`; returns its id.
  std::string Append(const std::string& stream, const google::protobuf::Message& payload,
                     const std::string& occurred_on) {
    auto request = coop::testing::AppendMessage(stream, payload, occurred_on);
    const std::string id = request.streams(0).events(0).event_id();
    EXPECT_OK(events_->Append(request));
    return id;
  }

  std::string Register(const std::string& id, const std::string& code) {
    coop::v1::CooperativeRegistered registered;
    registered.set_cooperative_id(id);
    registered.set_code(code);
    registered.set_kind(coop::v1::COOPERATIVE);
    registered.set_name("HTX Khánh An");
    registered.set_law_regime(coop::v1::LAW_2023);
    registered.mutable_address()->set_code("32059");
    registered.mutable_address()->set_unit_set("2025-03");
    registered.set_charter_capital_vnd(500'000'000);
    registered.mutable_members()->set_official(9);
    return Append("coop-" + id, registered, "2024-09-01");
  }

  std::string ReportMembers(const std::string& id, int64_t official, const std::string& on) {
    coop::v1::CooperativeMembershipReported reported;
    reported.mutable_members()->set_official(official);
    return Append("coop-" + id, reported, on);
  }

  // Runs the projection up to the head and returns the view of `id`.
  coop::v1::CooperativeView View(const std::string& id, ProjectionStore* store = nullptr) {
    if (store == nullptr) store = projections_.get();
    ProjectionRunner runner(events_.get(), store, &projection_);
    EXPECT_OK(runner.Start());
    EXPECT_OK(runner.WaitForPosition(events_->notifier().head(), absl::Seconds(30)));
    runner.Stop();
    auto row = store->ReadRow(projection_.name(), CooperativeRegistryProjection::ViewKey(id));
    EXPECT_OK(row);
    coop::v1::CooperativeView view;
    if (row.ok() && row->has_value()) {
      EXPECT_TRUE(view.ParseFromString(**row));
    }
    return view;
  }

  // Expects the projection's rows to equal those a fresh projection (no kept folds) builds from
  // position 1 into a scratch store; returns the events the fresh one folded.
  uint64_t ExpectRowsEqualARebuild() {
    auto scratch = ProjectionStore::Open(dir_.Sub("scratch"));
    EXPECT_OK(scratch);
    if (!scratch.ok()) return 0;
    CooperativeRegistryProjection fresh;
    ProjectionRunner runner(events_.get(), scratch->get(), &fresh);
    EXPECT_OK(runner.Start());
    EXPECT_OK(runner.WaitForPosition(events_->notifier().head(), absl::Seconds(30)));
    runner.Stop();
    auto rows = projections_->ReadRows(projection_.name());
    auto rebuilt = (*scratch)->ReadRows(projection_.name());
    EXPECT_OK(rows);
    EXPECT_OK(rebuilt);
    if (rows.ok() && rebuilt.ok()) {
      EXPECT_EQ(*rows, *rebuilt);
    }
    return fresh.events_folded();
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<RocksEventStore> events_;
  std::unique_ptr<ProjectionStore> projections_;
  CooperativeRegistryProjection projection_;
};

TEST_F(CooperativeRegistryProjectionTest, FoldsRegistrationReportsAndSuspension) {
  const std::string id = base::NewRandomUuid();
  Register(id, "2000000001");
  ReportMembers(id, 12, "2024-12-31");
  coop::v1::CooperativeSuspended suspended;
  suspended.set_from("2025-01-10");
  suspended.set_until("2025-06-30");
  Append("coop-" + id, suspended, "2025-01-10");
  // Other streams and non-cooperative types are ignored.
  coop::v1::CooperativeCodeReserved reserved;
  reserved.set_cooperative_id(id);
  Append("coopcode-2000000001", reserved, "2024-09-01");

  auto view = View(id);
  EXPECT_EQ(view.cooperative_id(), id);
  EXPECT_EQ(view.code(), "2000000001");
  EXPECT_EQ(view.name(), "HTX Khánh An");
  EXPECT_EQ(view.kind(), coop::v1::COOPERATIVE);
  EXPECT_EQ(view.law_regime(), coop::v1::LAW_2023);
  // The row holds the status its latest event left: suspended until 2025-06-30.
  EXPECT_EQ(view.status(), "suspended");
  EXPECT_EQ(view.registered_on(), "2024-09-01");
  EXPECT_EQ(view.address().code(), "32059");
  EXPECT_EQ(view.members().official(), 12);
  EXPECT_EQ(view.charter_capital_vnd(), 500'000'000);
  EXPECT_EQ(view.suspended_until(), "2025-06-30");
  EXPECT_EQ(view.version(), 3u);
  // Read on a day, the calendar applies (COOP-18): still suspended on its last day, active
  // from the next, with the change in its history.
  auto on_last_day = view;
  CooperativeRegistryProjection::AsOn(absl::CivilDay(2025, 6, 30), &on_last_day);
  EXPECT_EQ(on_last_day.status(), "suspended");
  EXPECT_EQ(on_last_day.status_history_size(), view.status_history_size());
  auto after = view;
  CooperativeRegistryProjection::AsOn(absl::CivilDay(2025, 7, 1), &after);
  EXPECT_EQ(after.status(), "active");
  EXPECT_EQ(after.status_rule(), "COOP-18");
  EXPECT_TRUE(after.suspended_until().empty());
  ASSERT_EQ(after.status_history_size(), view.status_history_size() + 1);
  EXPECT_EQ(after.status_history().rbegin()->on(), "2025-07-01");
  EXPECT_EQ(CooperativeRegistryProjection::StatusOn(absl::CivilDay(2025, 7, 1), view), "active");
  auto rows = projections_->ReadRows(projection_.name());
  ASSERT_OK(rows);
  EXPECT_EQ(rows->size(), 5u)
      << "one view, one stream row and area index rows for commune, district and province";
}

TEST_F(CooperativeRegistryProjectionTest, AVoidedReportBringsBackTheEarlierFigure) {
  const std::string id = base::NewRandomUuid();
  Register(id, "2000000002");
  const std::string first = ReportMembers(id, 12, "2024-12-31");
  const std::string second = ReportMembers(id, 15, "2025-03-31");
  EXPECT_EQ(View(id).members().official(), 15);

  coop::v1::EventVoided voided;
  voided.set_event_id(second);
  voided.set_reason("entered twice");
  Append("coop-" + id, voided, "2025-04-01");
  EXPECT_EQ(View(id).members().official(), 12) << "the earlier figure counts again";

  coop::v1::CooperativeMembershipReported replacement;
  replacement.mutable_members()->set_official(20);
  coop::v1::EventAmended amended;
  amended.set_event_id(first);
  amended.set_reason("typo");
  amended.set_replacement(replacement.SerializeAsString());
  Append("coop-" + id, amended, "2025-04-02");
  EXPECT_EQ(View(id).members().official(), 20);

  // A rebuild from position 1 in a fresh store gives the same rows.
  auto scratch = ProjectionStore::Open(dir_.Sub("scratch"));
  ASSERT_OK(scratch);
  EXPECT_EQ(View(id, scratch->get()).members().official(), 20);
  auto live = projections_->ReadRows(projection_.name());
  auto rebuilt = (*scratch)->ReadRows(projection_.name());
  ASSERT_OK(live);
  ASSERT_OK(rebuilt);
  EXPECT_EQ(*live, *rebuilt);
}

TEST_F(CooperativeRegistryProjectionTest, AKeptFoldTakesOnlyNewEventsAndACorrectionRefolds) {
  const std::string id = base::NewRandomUuid();
  Register(id, "2000000004");
  EXPECT_EQ(View(id).members().official(), 9);
  std::vector<std::string> reports;
  for (int i = 1; i <= 5; ++i) {
    reports.push_back(ReportMembers(id, 10 + i, absl::StrCat("202", 4 + i, "-12-31")));
    EXPECT_EQ(View(id).members().official(), 10 + i);  // one page per report
  }
  // Six pages, one new event each: six events folded, not 1 + 2 + … + 6 = 21.
  EXPECT_EQ(projection_.events_folded(), 6u);

  // A voided report may change any earlier figure: the stream is folded again from its start
  // (the five events that still count).
  coop::v1::EventVoided voided;
  voided.set_event_id(reports.back());
  voided.set_reason("entered twice");
  Append("coop-" + id, voided, "2029-12-31");
  EXPECT_EQ(View(id).members().official(), 14);
  EXPECT_EQ(projection_.events_folded(), 6u + 5u);
  ReportMembers(id, 30, "2030-06-30");
  EXPECT_EQ(View(id).members().official(), 30);
  EXPECT_EQ(projection_.events_folded(), 6u + 5u + 1u) << "kept again after the re-fold";

  // The rows equal a rebuild from position 1 by a projection with no kept folds.
  EXPECT_EQ(ExpectRowsEqualARebuild(), 6u) << "read in one page: folded once";
}

TEST_F(CooperativeRegistryProjectionTest,
       GivenAPageFinishedButNotCommittedWhenItIsAppliedAgainThenTheRowsEqualARebuild) {
  const std::string id = base::NewRandomUuid();
  Register(id, "2000000005");
  ReportMembers(id, 11, "2024-12-31");
  ReportMembers(id, 12, "2025-12-31");
  ASSERT_OK(projections_->EnsureProjection(projection_.name()));
  auto log = events_->ReadAll({});
  ASSERT_OK(log);
  ASSERT_EQ(log->events.size(), 3u);
  // Applies log positions [first, last] as the runner does; commits if asked.
  const auto apply = [&](uint64_t first, uint64_t last, bool commit) {
    auto batch = projections_->NewBatch(projection_.name());
    ASSERT_OK(batch);
    projection_.BeginPage(first);
    for (uint64_t position = first; position <= last; ++position) {
      ASSERT_OK(projection_.Apply(log->events[position - 1], *batch));
    }
    ASSERT_OK(projection_.FinishPage(*batch, last));
    batch->SetMeta({projection_.version(), last});
    if (commit) ASSERT_OK(projections_->Commit(*batch));
  };
  apply(1, 1, true);
  apply(2, 3, false);  // its kept fold now stands past the stored row
  apply(2, 3, true);   // the runner reads the page again from its checkpoint
  EXPECT_EQ(projection_.events_folded(), 1u + 2u + 3u)
      << "the fold that did not stop at the stored row folds the stream again";
  ExpectRowsEqualARebuild();
}

TEST_F(CooperativeRegistryProjectionTest, RatingsAndScanRowsPageInKeyOrder) {
  const std::string id = base::NewRandomUuid();
  Register(id, "2000000003");
  coop::v1::CooperativeRated rated;
  rated.set_year(2024);
  rated.set_score(85);
  rated.set_grade(coop::v1::GOOD);
  Append("coop-" + id, rated, "2025-02-01");
  auto view = View(id);
  EXPECT_EQ(view.last_rating_year(), 2024);
  EXPECT_EQ(view.last_rating_grade(), coop::v1::GOOD);

  auto views =
      projections_->ScanRows(projection_.name(), CooperativeRegistryProjection::kViewPrefix,
                             CooperativeRegistryProjection::kViewEnd, 10);
  ASSERT_OK(views);
  ASSERT_EQ(views->size(), 1u);
  EXPECT_EQ((*views)[0].first, CooperativeRegistryProjection::ViewKey(id));
}

}  // namespace
}  // namespace coop::projections
