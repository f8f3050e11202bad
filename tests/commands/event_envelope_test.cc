// The envelope every command's events get (commands/event_envelope.h), and the decision that
// fills it (commands/command_decision.h): the same command always gives the same events.
#include "commands/event_envelope.h"

#include <gtest/gtest.h>

#include "commands/command_decision.h"
#include "commands/derived_ids.h"
#include "coop/v1/corrections.pb.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "tests/support/test_support.h"

namespace coop::commands {
namespace {

constexpr char kCommandId[] = "7d3c1a2e-5b4f-4c6d-8e9f-0a1b2c3d4e5f";

CommandStamp Stamp() {
  CommandStamp stamp{kCommandId, "2025-03-01", {}};
  stamp.metadata.set_actor("officer-1");
  stamp.metadata.set_agency("u-minh");
  return stamp;
}

coop::v1::Area Commune() {
  coop::v1::Area area;
  area.set_code("32059");
  area.set_unit_set("2025-03");
  return area;
}

TEST(EventEnvelopeTest, GivenACommandWhenItsEventsAreStampedThenIdsDateAreaAndWhoAreSet) {
  coop::v1::ProposedEvent event;
  StampEvent(Stamp(), Commune(), 2, &event);
  EXPECT_EQ(event.event_id(), DerivedEventId(kCommandId, 2));
  EXPECT_EQ(event.occurred_on(), "2025-03-01");
  EXPECT_EQ(event.area().code(), "32059");
  EXPECT_EQ(event.metadata().actor(), "officer-1");
  EXPECT_EQ(event.metadata().agency(), "u-minh");
  EXPECT_EQ(event.metadata().correlation_id(), kCommandId);

  coop::v1::ProposedEvent no_area;
  StampEvent(Stamp(), coop::v1::Area(), 0, &no_area);
  EXPECT_FALSE(no_area.has_area()) << "an empty area files the event under none";
}

TEST(EventEnvelopeTest, GivenAVoidWhenBuiltThenItNamesTheEventAndTheReason) {
  const auto event = VoidingEvent("11111111-2222-4333-8444-555555555555", "entered twice");
  EXPECT_EQ(event.type(), "coop.v1.EventVoided");
  EXPECT_EQ(event.schema_version(), 1u);
  coop::v1::EventVoided voided;
  ASSERT_TRUE(voided.ParseFromString(event.payload()));
  EXPECT_EQ(voided.event_id(), "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(voided.reason(), "entered twice");
}

TEST(CommandDecisionTest, GivenARegistrationWhenDecidedThenItsEventsAreFiledUnderTheAddress) {
  coop::v1::CooperativeEvent fact;
  auto* registered = fact.mutable_registered();
  registered->set_cooperative_id("c-1");
  registered->set_code("2009999999");
  registered->set_kind(coop::v1::COOPERATIVE);
  registered->set_name("HTX Thử nghiệm");
  registered->set_law_regime(coop::v1::LAW_2023);
  *registered->mutable_address() = Commune();
  registered->mutable_members()->set_official(7);
  registered->set_origin(coop::v1::ORIGIN_NEW);
  domain::DecisionContext context;
  context.today = absl::CivilDay(2025, 6, 1);

  auto decision = DecideCommand<domain::CooperativeAggregate>("2025-03-01", fact, {}, context);
  ASSERT_OK(decision);
  EXPECT_TRUE(domain::CooperativeAggregate::Exists(decision->after));
  EXPECT_EQ(decision->area.code(), "32059");
  coop::v1::StreamAppend stream;
  const int next_index = AddDecidedEvents(Stamp(), *decision, &stream);
  EXPECT_EQ(next_index, stream.events_size());
  ASSERT_GE(stream.events_size(), 1);
  EXPECT_EQ(stream.events(0).type(), "coop.v1.CooperativeRegistered");
  EXPECT_EQ(stream.events(0).event_id(), DerivedEventId(kCommandId, 0));
  EXPECT_EQ(stream.events(0).area().code(), "32059");

  // The same command decided again gives byte-identical events.
  auto again = DecideCommand<domain::CooperativeAggregate>("2025-03-01", fact, {}, context);
  ASSERT_OK(again);
  coop::v1::StreamAppend stream_again;
  AddDecidedEvents(Stamp(), *again, &stream_again);
  EXPECT_EQ(stream_again.SerializeAsString(), stream.SerializeAsString());
}

TEST(CommandDecisionTest, GivenABrokenRuleWhenDecidedThenTheRuleIsTheAnswer) {
  coop::v1::CooperativeEvent fact;
  fact.mutable_suspended();
  domain::DecisionContext context;
  context.today = absl::CivilDay(2025, 6, 1);
  auto decision = DecideCommand<domain::CooperativeAggregate>("2025-03-01", fact, {}, context);
  EXPECT_FALSE(decision.ok());
  EXPECT_EQ(decision.status().message().substr(0, 1), "[") << decision.status();
}

}  // namespace
}  // namespace coop::commands
