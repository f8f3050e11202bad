#include "tools/scale/scale_history.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands/bulk_appender.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_state.h"
#include "domain/group/group_state.h"
#include "eventstore/clock.h"
#include "eventstore/store_factory.h"
#include "gtest/gtest.h"
#include "tests/support/test_support.h"

namespace coop::scale {
namespace {

using coop::testing::TempDir;

struct Generated {
  GenerationStats stats;
  std::vector<coop::v1::RecordedEvent> log;
  coop::v1::VerifyLogResponse verified;
};

// Generates a tiny history into `dir` and reads the whole log back.
Generated Generate(const std::string& dir, uint64_t seed) {
  Generated out;
  eventstore::ManualClock clock(1'767'225'600'000'000);
  eventstore::StoreOptions options;
  options.durability = eventstore::Durability::kRelaxed;
  options.clock = &clock;
  auto store = eventstore::OpenEventStore(dir, options);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return out;
  {
    commands::BulkAppender sink(store->get(), {});
    auto stats = GenerateHistory({.scale = 0.002, .seed = seed}, sink, nullptr);
    EXPECT_TRUE(stats.ok()) << stats.status();
    if (stats.ok()) out.stats = *stats;
  }
  eventstore::ReadAllQuery query;
  for (;;) {
    auto page = (*store)->ReadAll(query);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    for (auto& e : page->events) out.log.push_back(std::move(e));
    if (page->end_of_log) break;
    query.from_position = page->next_position;
  }
  auto verified = (*store)->Verify(0, 0);
  EXPECT_TRUE(verified.ok()) << verified.status();
  if (verified.ok()) out.verified = *verified;
  (*store)->Close();
  return out;
}

TEST(ScaleHistoryTest, SameSeedGivesTheSameLogAndItVerifies) {
  TempDir dir;
  const Generated a = Generate(dir.Sub("a"), 1);
  const Generated b = Generate(dir.Sub("b"), 1);
  ASSERT_GT(a.stats.events, 3000u);
  ASSERT_EQ(a.log.size(), a.stats.events);
  ASSERT_EQ(a.log.size(), b.log.size());
  for (size_t i = 0; i < a.log.size(); ++i) {
    ASSERT_EQ(a.log[i].SerializeAsString(), b.log[i].SerializeAsString()) << "position " << i + 1;
  }
  EXPECT_TRUE(a.verified.ok());
  EXPECT_EQ(a.verified.chain_head(), b.verified.chain_head());
  EXPECT_EQ(a.stats.events_by_type, b.stats.events_by_type);
}

TEST(ScaleHistoryTest, AnotherSeedGivesAnotherHistory) {
  TempDir dir;
  const Generated a = Generate(dir.Sub("a"), 1);
  const Generated c = Generate(dir.Sub("c"), 2);
  ASSERT_FALSE(a.log.empty());
  ASSERT_FALSE(c.log.empty());
  EXPECT_NE(a.log[0].event_id(), c.log[0].event_id());
}

// Folds every cooperative and group stream as the projections do: nothing after a terminal
// state, envelopes as the services write them, dates within the history.
TEST(ScaleHistoryTest, StreamsFollowTheLifecycles) {
  TempDir dir;
  const Generated g = Generate(dir.Sub("a"), 1);
  std::map<std::string, std::vector<coop::v1::RecordedEvent>> streams;
  for (const auto& e : g.log) {
    EXPECT_EQ(e.schema_version(), 1u);
    EXPECT_FALSE(e.occurred_on().empty()) << e.stream_id();
    EXPECT_LE(e.occurred_on(), "2025-12-31");
    EXPECT_EQ(e.metadata().client(), "coop-scale-gen");
    streams[e.stream_id()].push_back(e);
  }
  const domain::EventUnionCodec coop_codec(coop::v1::CooperativeEvent::descriptor());
  const domain::EventUnionCodec group_codec(coop::v1::GroupEvent::descriptor());
  int cooperatives = 0, groups = 0;
  for (const auto& [id, events] : streams) {
    if (id.rfind("coop-", 0) == 0) {
      ++cooperatives;
      domain::CooperativeState state;
      for (const auto& e : domain::EffectiveEvents(events)) {
        coop::v1::CooperativeEvent event;
        ASSERT_TRUE(coop_codec.Decode(e, &event)) << e.type();
        EXPECT_FALSE(domain::IsTerminal(state.status))
            << id << " has " << e.type() << " after its end";
        // The envelope area is the address as it stands after the event.
        state = domain::Evolve(std::move(state),
                               domain::ParseDateOr(e.occurred_on(), absl::CivilDay()), event);
        EXPECT_EQ(e.area().code(), state.address.code()) << id;
      }
    } else if (id.rfind("group-", 0) == 0) {
      ++groups;
      domain::GroupState state;
      for (const auto& e : events) {
        coop::v1::GroupEvent event;
        ASSERT_TRUE(group_codec.Decode(e, &event)) << e.type();
        EXPECT_FALSE(domain::IsTerminal(state.status))
            << id << " has " << e.type() << " after its end";
        state = domain::Evolve(std::move(state),
                               domain::ParseDateOr(e.occurred_on(), absl::CivilDay()), event);
      }
    }
  }
  EXPECT_GT(cooperatives, 50);
  EXPECT_GT(groups, 100);
  EXPECT_EQ(g.stats.events_by_type.count("coop.v1.CooperativeRegistered"), 1u);
}

}  // namespace
}  // namespace coop::scale
