// The group registry projection over a real event store and projection store: group rows
// fold the stream with domain::Evolve, carry the grants given to the group, follow a grant
// whose recipient is amended (to the cooperative registry), keep area index rows, and a
// rebuild gives identical rows.
#include "projections/group_registry_projection.h"

#include <gtest/gtest.h>

#include <string>

#include "base/uuid.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "projections/area_index.h"
#include "projections/cooperative_registry_projection.h"
#include "projections/projection_runner.h"
#include "projections/projection_store.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::projections {
namespace {

using coop::eventstore::RocksEventStore;

class GroupRegistryProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto events = RocksEventStore::Open(dir_.Sub("events"), {});
    ASSERT_OK(events);
    events_ = std::move(*events);
    auto store = ProjectionStore::Open(dir_.Sub("projections"));
    ASSERT_OK(store);
    projections_ = std::move(*store);
  }

  std::string Append(const std::string& stream, const google::protobuf::Message& payload,
                     const std::string& occurred_on) {
    auto request = coop::testing::AppendMessage(stream, payload, occurred_on);
    const std::string id = request.streams(0).events(0).event_id();
    EXPECT_OK(events_->Append(request));
    return id;
  }

  // Runs both registries up to the head in `store`.
  void Run(ProjectionStore* store) {
    for (Projection* projection :
         {static_cast<Projection*>(&groups_), static_cast<Projection*>(&cooperatives_)}) {
      ProjectionRunner runner(events_.get(), store, projection);
      EXPECT_OK(runner.Start());
      EXPECT_OK(runner.WaitForPosition(events_->notifier().head(), absl::Seconds(30)));
      runner.Stop();
    }
  }

  template <typename View>
  View Read(const std::string& projection, const std::string& key) {
    auto row = projections_->ReadRow(projection, key);
    EXPECT_OK(row);
    View view;
    if (row.ok() && row->has_value()) {
      EXPECT_TRUE(view.ParseFromString(**row));
    }
    return view;
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<RocksEventStore> events_;
  std::unique_ptr<ProjectionStore> projections_;
  GroupRegistryProjection groups_;
  CooperativeRegistryProjection cooperatives_;
};

TEST_F(GroupRegistryProjectionTest, GrantsFollowTheirRecipientAndARebuildIsIdentical) {
  // Given a group in Khánh An and a cooperative in Khánh Lâm.
  const std::string group = base::NewRandomUuid();
  coop::v1::GroupFormed formed;
  formed.set_group_id(group);
  formed.set_name("THT Lúa sạch");
  formed.mutable_address()->set_code("32059");
  formed.mutable_address()->set_unit_set("2025-03");
  formed.set_members(5);
  Append("group-" + group, formed, "2024-03-01");
  coop::v1::GroupNotified notified;
  Append("group-" + group, notified, "2024-03-10");
  const std::string cooperative = base::NewRandomUuid();
  coop::v1::CooperativeRegistered registered;
  registered.set_cooperative_id(cooperative);
  registered.set_code("6000000001");
  registered.set_name("HTX Khánh Lâm");
  registered.mutable_address()->set_code("32056");
  registered.mutable_address()->set_unit_set("2025-03");
  registered.set_sector("aquaculture");
  Append("coop-" + cooperative, registered, "2024-01-05");

  // When a grant is recorded for the group.
  const std::string grant = base::NewRandomUuid();
  coop::v1::SupportGranted granted;
  granted.set_grant_id(grant);
  granted.set_type(coop::v1::SUPPORT_TRAINING);
  granted.set_amount_vnd(30'000'000);
  granted.set_group_id(group);
  const std::string grant_event = Append("grant-" + grant, granted, "2025-04-20");
  Run(projections_.get());

  // Then the group carries it, and the indexes hold both at every level.
  auto view = Read<coop::v1::GroupView>(groups_.name(), GroupRegistryProjection::ViewKey(group));
  EXPECT_EQ(view.status(), "active");
  EXPECT_TRUE(view.notified());
  ASSERT_EQ(view.status_history_size(), 2);
  ASSERT_EQ(view.support_received_size(), 1);
  EXPECT_EQ(view.support_received(0).amount_vnd(), 30'000'000);
  for (const std::string code : {"32059", "966", "96"}) {
    auto row = projections_->ReadRow(groups_.name(), AreaIndexPrefix("2025-03", code) + group);
    ASSERT_OK(row);
    EXPECT_TRUE(row->has_value()) << code;
  }

  // When the grant is amended: it went to the cooperative.
  granted.clear_group_id();
  granted.set_cooperative_id(cooperative);
  coop::v1::EventAmended amended;
  amended.set_event_id(grant_event);
  amended.set_reason("wrong recipient");
  amended.set_replacement(granted.SerializeAsString());
  Append("grant-" + grant, amended, "2025-04-20");
  Run(projections_.get());

  // Then it leaves the group and joins the cooperative.
  view = Read<coop::v1::GroupView>(groups_.name(), GroupRegistryProjection::ViewKey(group));
  EXPECT_EQ(view.support_received_size(), 0);
  auto cooperative_view = Read<coop::v1::CooperativeView>(
      cooperatives_.name(), CooperativeRegistryProjection::ViewKey(cooperative));
  EXPECT_EQ(cooperative_view.sector(), "aquaculture");
  ASSERT_EQ(cooperative_view.support_received_size(), 1);
  EXPECT_EQ(cooperative_view.support_received(0).grant_id(), grant);

  // A rebuild from position 1 in a fresh store gives the same rows.
  auto scratch = ProjectionStore::Open(dir_.Sub("scratch"));
  ASSERT_OK(scratch);
  Run(scratch->get());
  for (const std::string& name : {groups_.name(), cooperatives_.name()}) {
    auto live = projections_->ReadRows(name);
    auto rebuilt = (*scratch)->ReadRows(name);
    ASSERT_OK(live);
    ASSERT_OK(rebuilt);
    EXPECT_EQ(*live, *rebuilt) << name;
  }
}

}  // namespace
}  // namespace coop::projections
