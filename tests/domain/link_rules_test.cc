// Links between records (domain/links): which records a fact names, and each link rule given
// the named record as a lookup found it. Pure; no store.
#include "domain/links/link_rules.h"

#include <gtest/gtest.h>

#include "domain/common/rules.h"
#include "tests/support/test_support.h"

namespace coop::domain {
namespace {

using absl::CivilDay;

void ExpectRule(const absl::Status& status, const std::string& rule) {
  EXPECT_FALSE(status.ok()) << "expected " << rule;
  EXPECT_EQ(status.code(), FindRule(rule).code) << status;
  EXPECT_EQ(status.message().rfind("[" + rule + "]", 0), 0u) << status;
}

NamedRecord Cooperative(CivilDay registered,
                        CooperativeStatus status = CooperativeStatus::kActive) {
  NamedRecord named;
  named.recorded = true;
  named.created_on = registered;
  CooperativeState state;
  state.status = status;
  state.registered_on = registered;
  named.cooperative = state;
  return named;
}

Link GrantLink(CivilDay on) {
  coop::v1::GrantEvent fact;
  fact.mutable_granted()->set_cooperative_id("c1");
  auto links = LinksOf(fact, on);
  EXPECT_EQ(links.size(), 1u);
  return links.front();
}

TEST(LinkRulesTest, Link01ANamedRecordIsRecorded) {
  const Link link = GrantLink(CivilDay(2025, 4, 1));
  EXPECT_EQ(link.field, "granted.cooperative_id");
  ExpectRule(CheckLink(link, NamedRecord{}, "g1"), "LINK-01");
}

TEST(LinkRulesTest, Link02ARecipientExistedAndHadNotEndedOnTheDate) {
  const Link link = GrantLink(CivilDay(2025, 4, 1));
  EXPECT_OK(CheckLink(link, Cooperative(CivilDay(2024, 9, 1)), "g1"));
  ExpectRule(CheckLink(link, Cooperative(CivilDay(2025, 5, 1)), "g1"), "LINK-02");
  ExpectRule(
      CheckLink(link, Cooperative(CivilDay(2024, 9, 1), CooperativeStatus::kDissolved), "g1"),
      "LINK-02");
}

TEST(LinkRulesTest, Link03AClassNamesCooperativesRegisteredByItsLastDay) {
  coop::v1::ClassEvent fact;
  fact.mutable_held()->set_end_date("2025-03-12");
  fact.mutable_held()->add_cooperative_ids("c1");
  const auto links = LinksOf(fact, CivilDay(2025, 3, 10));
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].on, CivilDay(2025, 3, 12));
  EXPECT_OK(CheckLink(links[0], Cooperative(CivilDay(2025, 3, 12)), "class"));
  ExpectRule(CheckLink(links[0], Cooperative(CivilDay(2025, 3, 13)), "class"), "LINK-03");
}

TEST(LinkRulesTest, Link04AConversionInItsPinnedOrder) {
  // (1) The registration names a registered group whose certificate is 12 months old.
  coop::v1::CooperativeEvent registration;
  registration.mutable_registered()->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
  registration.mutable_registered()->set_origin_group_id("g1");
  const auto links = LinksOf(registration, CivilDay(2025, 10, 1));
  ASSERT_EQ(links.size(), 1u);
  NamedRecord group;
  group.recorded = true;
  group.created_on = CivilDay(2024, 8, 1);
  GroupState g;
  g.status = GroupStatus::kActive;
  g.registered = true;
  g.certificate_date = CivilDay(2024, 9, 1);
  group.group = g;
  EXPECT_OK(CheckLink(links[0], group, "c1"));
  group.group->certificate_date = CivilDay(2024, 10, 2);
  ExpectRule(CheckLink(links[0], group, "c1"), "LINK-04");
  group.group->certificate_date = CivilDay(2024, 9, 1);
  group.group->cooperative_id = "c0";
  ExpectRule(CheckLink(links[0], group, "c1"), "LINK-04");
  // (2) The group's conversion names a cooperative registered as converted from it.
  coop::v1::GroupEvent conversion;
  conversion.mutable_converted_to_cooperative()->set_cooperative_id("c1");
  const auto back = LinksOf(conversion, CivilDay(2025, 10, 2));
  ASSERT_EQ(back.size(), 1u);
  NamedRecord cooperative = Cooperative(CivilDay(2025, 10, 1));
  ExpectRule(CheckLink(back[0], cooperative, "g1"), "LINK-04");
  cooperative.cooperative->origin = coop::v1::ORIGIN_CONVERTED_FROM_GROUP;
  cooperative.cooperative->origin_group_id = "g1";
  EXPECT_OK(CheckLink(back[0], cooperative, "g1"));
}

TEST(LinkRulesTest, Link05AHallsFormalisationInItsPinnedOrder) {
  coop::v1::CooperativeEvent registration;
  registration.mutable_registered()->set_origin(coop::v1::ORIGIN_FORMALISED_HALL);
  registration.mutable_registered()->set_origin_hall_id("h1");
  const auto links = LinksOf(registration, CivilDay(2025, 10, 1));
  ASSERT_EQ(links.size(), 1u);
  NamedRecord hall;
  hall.recorded = true;
  hall.created_on = CivilDay(2023, 1, 1);
  hall.hall = HallState{};
  EXPECT_OK(CheckLink(links[0], hall, "c1"));
  hall.hall->new_aggregate_id = "g9";
  ExpectRule(CheckLink(links[0], hall, "c1"), "LINK-05");

  coop::v1::HallEvent formalised;
  formalised.mutable_formalised()->set_formalised_as(coop::v1::HALL_AS_COOPERATIVE);
  formalised.mutable_formalised()->set_new_aggregate_id("c1");
  const auto back = LinksOf(formalised, CivilDay(2025, 10, 2));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].kind, LinkedKind::kCooperative);
  NamedRecord cooperative = Cooperative(CivilDay(2025, 10, 1));
  ExpectRule(CheckLink(back[0], cooperative, "h1"), "LINK-05");
  cooperative.cooperative->origin_hall_id = "h1";
  EXPECT_OK(CheckLink(back[0], cooperative, "h1"));
}

TEST(LinkRulesTest, Link06PredecessorsAndSuccessorsNameEachOther) {
  coop::v1::CooperativeEvent registration;
  registration.mutable_registered()->set_origin(coop::v1::ORIGIN_REORGANISATION);
  registration.mutable_registered()->add_predecessor_ids("p1");
  const auto links = LinksOf(registration, CivilDay(2025, 10, 1));
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].field, "registered.predecessor_ids[0]");
  EXPECT_OK(CheckLink(links[0], Cooperative(CivilDay(2020, 1, 1)), "s1"));
  ExpectRule(
      CheckLink(links[0], Cooperative(CivilDay(2020, 1, 1), CooperativeStatus::kCeased), "s1"),
      "LINK-06");

  coop::v1::CooperativeEvent reorganised;
  reorganised.mutable_reorganised()->add_successor_ids("s1");
  const auto back = LinksOf(reorganised, CivilDay(2025, 10, 2));
  ASSERT_EQ(back.size(), 1u);
  NamedRecord successor = Cooperative(CivilDay(2025, 10, 1));
  successor.cooperative->origin = coop::v1::ORIGIN_REORGANISATION;
  successor.cooperative->predecessor_ids = {"p0"};
  ExpectRule(CheckLink(back[0], successor, "p1"), "LINK-06");
  successor.cooperative->predecessor_ids = {"p0", "p1"};
  EXPECT_OK(CheckLink(back[0], successor, "p1"));
}

}  // namespace
}  // namespace coop::domain
