// Every event type the services record has a title in Vietnamese and in English: each member
// of each event union, the code reservation's two types and the corrections. Pure; no I/O.
#include "domain/text/event_titles.h"

#include <gtest/gtest.h>

#include <string>

#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/person_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "coop/v1/plan_events.pb.h"

namespace coop::domain::text {
namespace {

void ExpectTitled(const std::string& type) {
  const Bilingual* title = EventTitle(type);
  ASSERT_NE(title, nullptr) << type << " has no title";
  EXPECT_NE(std::string(title->vi), "") << type;
  EXPECT_NE(std::string(title->en), "") << type;
  EXPECT_NE(std::string(title->vi), std::string(title->en)) << type;
}

TEST(EventTitlesTest, EveryMemberOfEveryEventUnionHasBothTitles) {
  int types = 0;
  for (const auto* event_union :
       {coop::v1::CooperativeEvent::descriptor(), coop::v1::GroupEvent::descriptor(),
        coop::v1::HallEvent::descriptor(), coop::v1::ClassEvent::descriptor(),
        coop::v1::GrantEvent::descriptor(), coop::v1::OcopEvent::descriptor(),
        coop::v1::PlacementEvent::descriptor(), coop::v1::PlanEvent::descriptor(),
        coop::v1::PersonEvent::descriptor()}) {
    for (int i = 0; i < event_union->field_count(); ++i) {
      ExpectTitled(event_union->field(i)->message_type()->full_name());
      ++types;
    }
  }
  EXPECT_GE(types, 45);
  for (const auto* other :
       {coop::v1::CooperativeCodeReserved::descriptor(),
        coop::v1::CooperativeCodeReleased::descriptor(), coop::v1::EventVoided::descriptor(),
        coop::v1::EventAmended::descriptor()}) {
    ExpectTitled(other->full_name());
  }
  EXPECT_EQ(EventTitle("demo.v1.Noted"), nullptr);
}

}  // namespace
}  // namespace coop::domain::text
