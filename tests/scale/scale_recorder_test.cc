// The scale generator's recorder checks the links a fact names, as the command executor does,
// against the roster of the entity it is writing (tools/scale/scale_roster.h): a grant for a
// cooperative the entity has not registered is refused (LINK-01), so is one after the
// cooperative ended (LINK-02), and a group's conversion is refused before the cooperative
// that names the group is registered (LINK-04's pinned order). A new entity starts with an
// empty roster.
#include "tools/scale/scale_recorder.h"

#include <gtest/gtest.h>

#include <string>

#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/programs/grant_aggregate.h"
#include "tests/support/test_support.h"
#include "tools/scale/scale_roster.h"

namespace coop::scale {
namespace {

using absl::CivilDay;

class ScaleRecorderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.decision.today = CivilDay(2025, 12, 31);
    context_.roster = &roster_;
  }

  static coop::v1::CooperativeEvent Registration(const std::string& id,
                                                 const std::string& origin_group_id = "") {
    coop::v1::CooperativeEvent fact;
    auto* r = fact.mutable_registered();
    r->set_cooperative_id(id);
    r->set_code("5000000001");
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Khánh An");
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code("32059");
    r->mutable_address()->set_unit_set("2025-03");
    r->mutable_members()->set_official(7);
    if (origin_group_id.empty()) {
      r->set_origin(coop::v1::ORIGIN_NEW);
    } else {
      r->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
      r->set_origin_group_id(origin_group_id);
    }
    return fact;
  }
  static coop::v1::GrantEvent Grant(const std::string& cooperative_id) {
    coop::v1::GrantEvent fact;
    auto* g = fact.mutable_granted();
    g->set_grant_id("grant-1");
    g->set_cooperative_id(cooperative_id);
    g->set_type(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY);
    g->set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    g->set_amount_vnd(50'000'000);
    return fact;
  }
  static void ExpectRule(const absl::Status& status, const std::string& rule) {
    EXPECT_NE(status.message().find("[" + rule + "]"), std::string::npos) << status;
  }

  LinkRoster roster_;
  RecordContext context_;
};

TEST_F(ScaleRecorderTest, Link01And02AGrantNamesACooperativeOfTheEntityAliveOnItsDay) {
  StreamRecorder<domain::GrantAggregate> early(&context_, "grant-1");
  ExpectRule(early.Record(CivilDay(2024, 9, 1), Grant("c1")).status(), "LINK-01");

  StreamRecorder<domain::CooperativeAggregate> coop(&context_, "coop-c1");
  ASSERT_OK(coop.Record(CivilDay(2024, 8, 1), Registration("c1")));
  coop::v1::CooperativeEvent completed;
  completed.mutable_dissolution_started()->set_kind(coop::v1::VOLUNTARY);
  ASSERT_OK(coop.Record(CivilDay(2024, 10, 1), completed));
  completed.mutable_dissolution_completed();
  ASSERT_OK(coop.Record(CivilDay(2024, 11, 1), completed));

  StreamRecorder<domain::GrantAggregate> grant(&context_, "grant-1");
  EXPECT_OK(grant.Record(CivilDay(2024, 9, 1), Grant("c1")));
  StreamRecorder<domain::GrantAggregate> late(&context_, "grant-2");
  ExpectRule(late.Record(CivilDay(2024, 12, 1), Grant("c1")).status(), "LINK-02");

  // The next entity starts with an empty roster.
  roster_.Clear();
  StreamRecorder<domain::GrantAggregate> next(&context_, "grant-3");
  ExpectRule(next.Record(CivilDay(2024, 9, 1), Grant("c1")).status(), "LINK-01");
}

TEST_F(ScaleRecorderTest, Link04TheCooperativeIsRegisteredBeforeTheConversionNamesIt) {
  StreamRecorder<domain::GroupAggregate> group(&context_, "group-g1");
  coop::v1::GroupEvent formed;
  auto* f = formed.mutable_formed();
  f->set_group_id("g1");
  f->set_name("THT Lúa sạch ấp 3");
  f->set_no_fixed_term(true);
  f->mutable_address()->set_code("32059");
  f->mutable_address()->set_unit_set("2025-03");
  f->set_members(7);
  f->set_representative_ref("person-1");
  f->set_origin(coop::v1::GROUP_ORIGIN_NEW);
  ASSERT_OK(group.Record(CivilDay(2022, 1, 10), formed));
  coop::v1::GroupEvent registered;
  registered.mutable_registered()->set_certificate_number("THT-1");
  registered.mutable_registered()->set_authority("UBND xã");
  ASSERT_OK(group.Record(CivilDay(2024, 7, 15), registered));

  coop::v1::GroupEvent converted;
  converted.mutable_converted_to_cooperative()->set_cooperative_id("c9");
  converted.mutable_converted_to_cooperative()->set_all_members_agreed(true);
  ExpectRule(group.Record(CivilDay(2025, 8, 1), converted).status(), "LINK-01");

  StreamRecorder<domain::CooperativeAggregate> coop(&context_, "coop-c9");
  ASSERT_OK(coop.Record(CivilDay(2025, 8, 1), Registration("c9", "g1")));
  EXPECT_OK(group.Record(CivilDay(2025, 8, 1), converted));
}

}  // namespace
}  // namespace coop::scale
