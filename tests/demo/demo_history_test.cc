#include "commands/demo/demo_history.h"

#include <gtest/gtest.h>

#include <set>

#include "coop/v1/registry.pb.h"

namespace coop::demo {
namespace {

TEST(DemoHistoryTest, IsTheSameEveryTime) {
  const auto a = CaMauDemoHistory();
  const auto b = CaMauDemoHistory();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].method, b[i].method);
    EXPECT_EQ(a[i].request, b[i].request) << i;
  }
}

TEST(DemoHistoryTest, HoldsAProvinceOfCooperativesOverFixedDates) {
  const auto commands = CaMauDemoHistory();
  std::set<std::string> cooperatives, methods, unit_sets;
  bool readdressed = false;
  for (const auto& c : commands) {
    methods.insert(c.method);
    EXPECT_GE(c.occurred_on, "2015-01-01");
    EXPECT_LE(c.occurred_on, "2026-06-30");
    if (c.method == "/coop.v1.Registry/RegisterCooperative") {
      coop::v1::RegisterCooperativeRequest r;
      ASSERT_TRUE(r.ParseFromString(c.request));
      cooperatives.insert(r.registration().cooperative_id());
      unit_sets.insert(r.registration().address().unit_set());
    }
    if (c.method == "/coop.v1.Registry/ChangeCooperativeRegistration") {
      coop::v1::ChangeCooperativeRegistrationRequest r;
      ASSERT_TRUE(r.ParseFromString(c.request));
      readdressed |= r.registration_changed().address().unit_set() == "2025-07";
    }
  }
  EXPECT_GE(cooperatives.size(), 300u);
  EXPECT_EQ(unit_sets.size(), 2u) << "registrations before and after the 2025 reform";
  EXPECT_TRUE(readdressed) << "a cooperative re-addressed across the reform";
  for (const char* m :
       {"Registry/RateCooperative", "Registry/RecordInspection", "Registry/SuspendCooperative",
        "Registry/CompleteCooperativeDissolution", "Registry/DesignateModelCooperative",
        "Registry/RecordAnnualReport", "Registry/RecordGeneralMeeting",
        "Registry/FormCooperativeGroup", "Registry/RegisterCooperativeGroup",
        "Registry/ConvertCooperativeGroup", "Registry/TerminateCooperativeGroup",
        "Registry/FoundHall", "Registry/FormaliseHall", "Programs/RecordClass",
        "Programs/RateOcopProduct", "Programs/RecordSupportGrant", "Programs/PlaceGraduate",
        "Programs/EndPlacement", "Planning/SetAnnualPlanTargets"}) {
    EXPECT_TRUE(methods.contains(std::string("/coop.v1.") + m)) << m;
  }
  size_t groups = 0;
  for (const auto& c : commands) groups += c.method == "/coop.v1.Registry/FormCooperativeGroup";
  EXPECT_GE(groups, 400u) << "several hundred cooperative groups";
}

}  // namespace
}  // namespace coop::demo
