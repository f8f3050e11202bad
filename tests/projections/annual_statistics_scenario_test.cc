// The annual statistics of a hand-built district with known answers (docs/domain.md, "Annual
// statistics"), over a real event store, the real annual_statistics projection and its
// reader. Every figure is asked both ways — precomputed totals and replayed — and the two
// must agree.
//
// Given Huyện U Minh (966, Cà Mau) in the 2025-03 units:
//   A  HTX in 32044 since 2018: members reported twice in 2022 (the later business date
//      stands, then is voided so the earlier returns), rated Tốt for 2022, reported and met on
//      time, inspected twice in 2022 (and once about 2021, recorded last), at a trade fair,
//      designated model, an OCOP product rated 4★ and a graduate placed (both filed under no
//      area: they count with A), a technology grant
//   B  HTX in 32047 since 2015, dissolved in July 2022
//   C  HTX in 32050 founded on 31 December 2022
//   U  a union in 32044 (not an HTX)
//   G1 THT in 32044 converted on 1 August 2022 to the HTX E (same commune)
//   G2 THT formed in 32048 in 2022
//   S1 HTX in 32048 (split in 2025 between 32047 and 32044), rated Yếu for 2022, no re-address
//   S2 HTX in 32048, re-addressed to 32044 (2025-07) in August 2025
//   N  HTX in the neighbouring district 967
//   K1 a propaganda class in 32044, recorded twice (the duplicate voided); K2 a
//      state-management class held by the district
//   H  a hội quán founded in 32044 in 2022
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>

#include "base/uuid.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "coop/v1/plan_events.pb.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "projections/projection_runner.h"
#include "projections/projection_store.h"
#include "projections/statistics/annual_statistics_projection.h"
#include "projections/statistics/statistics_reader.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::projections::statistics {
namespace {

using coop::eventstore::RocksEventStore;

coop::v1::Area Old(const std::string& code) {
  coop::v1::Area area;
  area.set_code(code);
  area.set_unit_set("2025-03");
  return area;
}
coop::v1::Area New(const std::string& code) {
  coop::v1::Area area;
  area.set_code(code);
  area.set_unit_set("2025-07");
  return area;
}

class AnnualStatisticsScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto events = RocksEventStore::Open(dir_.Sub("events"), {});
    ASSERT_OK(events);
    events_ = std::move(*events);
    auto store = ProjectionStore::Open(dir_.Sub("projections"));
    ASSERT_OK(store);
    store_ = std::move(*store);
    BuildScenario();
    CatchUp(store_.get());
  }

  // Appends one event; returns {event id, position}.
  std::pair<std::string, uint64_t> Append(const std::string& stream,
                                          const google::protobuf::Message& payload,
                                          const std::string& on, const coop::v1::Area& area) {
    auto request = coop::testing::AppendMessage(stream, payload, on, area);
    const std::string id = request.streams(0).events(0).event_id();
    auto result = events_->Append(request);
    EXPECT_OK(result);
    return {id, result.ok() ? result->last_position() : 0};
  }

  void Register(const std::string& id, const coop::v1::Area& address, const std::string& on,
                int64_t official, int64_t capital,
                coop::v1::CooperativeKind kind = coop::v1::COOPERATIVE,
                coop::v1::CooperativeOrigin origin = coop::v1::ORIGIN_NEW) {
    coop::v1::CooperativeRegistered r;
    r.set_cooperative_id(id);
    r.set_code("code-" + id);
    r.set_kind(kind);
    r.set_name("HTX " + id);
    r.set_law_regime(coop::v1::LAW_2012);
    *r.mutable_address() = address;
    r.set_charter_capital_vnd(capital);
    r.mutable_members()->set_official(official);
    r.set_origin(origin);
    Append("coop-" + id, r, on, address);
  }

  std::pair<std::string, uint64_t> Coop(const std::string& id,
                                        const coop::v1::CooperativeEvent& event,
                                        const std::string& on, const coop::v1::Area& area) {
    const auto* field =
        event.GetReflection()->GetOneofFieldDescriptor(event, event.GetDescriptor()->oneof_decl(0));
    return Append("coop-" + id, event.GetReflection()->GetMessage(event, field), on, area);
  }

  // A science and technology grant of the province to `cooperative`, filed under `area` (none:
  // it counts at the cooperative's address).
  void Grant(const std::string& id, const std::string& cooperative, int64_t amount,
             const std::string& on, const coop::v1::Area& area) {
    coop::v1::SupportGranted grant;
    grant.set_grant_id(id);
    grant.set_type(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY);
    grant.set_amount_vnd(amount);
    grant.set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    grant.set_cooperative_id(cooperative);
    *grant.mutable_area() = area;
    Append("grant-" + id, grant, on, area);
  }

  void Void(const std::string& stream, const std::string& event_id, const std::string& on,
            const coop::v1::Area& area) {
    coop::v1::EventVoided voided;
    voided.set_event_id(event_id);
    voided.set_reason("duplicate");
    Append(stream, voided, on, area);
  }

  void BuildScenario() {
    const auto a_area = Old("32044");
    // A
    {
      coop::v1::CooperativeRegistered r;
      r.set_cooperative_id("A");
      r.set_code("code-A");
      r.set_kind(coop::v1::COOPERATIVE);
      *r.mutable_address() = a_area;
      r.set_charter_capital_vnd(1'000'000'000);
      r.mutable_members()->set_official(10);
      r.mutable_members()->set_associate_contributing(2);
      r.mutable_workforce()->set_regular_workers(15);
      r.mutable_workforce()->set_of_which_members(8);
      Append("coop-A", r, "2018-03-01", a_area);
      coop::v1::CooperativeEvent e;
      e.mutable_membership_reported()->mutable_members()->set_official(30);
      later_report_ = Coop("A", e, "2022-09-01", a_area).first;  // recorded first, dated later
      e.mutable_membership_reported()->mutable_members()->set_official(20);
      Coop("A", e, "2022-03-01", a_area);
      e.Clear();
      e.mutable_inspected()->set_compliant(true);
      Coop("A", e, "2022-05-10", a_area);
      Coop("A", e, "2022-10-10", a_area);
      e.Clear();
      e.mutable_attended_trade_fair()->set_fair("Hội chợ Cà Mau");
      Coop("A", e, "2022-06-01", a_area);
      e.Clear();
      e.mutable_designated_model()->set_year(2022);
      Coop("A", e, "2022-11-01", a_area);
      e.Clear();
      e.mutable_annual_report_submitted()->set_year(2022);
      Coop("A", e, "2022-12-10", a_area);
      e.Clear();
      e.mutable_general_meeting_held()->set_fiscal_year(2022);
      Coop("A", e, "2023-03-20", a_area);
      e.Clear();
      e.mutable_rated()->set_year(2022);
      e.mutable_rated()->set_score(85);
      e.mutable_rated()->set_grade(coop::v1::GOOD);
      Coop("A", e, "2023-03-25", a_area);
    }
    // B: dissolved mid-2022.
    Register("B", Old("32047"), "2015-01-10", 9, 400'000'000);
    {
      coop::v1::CooperativeEvent e;
      e.mutable_dissolution_started()->set_kind(coop::v1::VOLUNTARY);
      Coop("B", e, "2022-04-01", Old("32047"));
      e.Clear();
      e.mutable_dissolution_completed();
      Coop("B", e, "2022-07-01", Old("32047"));
    }
    Register("C", Old("32050"), "2022-12-31", 7, 500'000'000);
    Register("U", a_area, "2020-05-05", 4, 900'000'000, coop::v1::COOPERATIVE_UNION);
    // G1 -> E
    {
      coop::v1::GroupFormed formed;
      formed.set_group_id("G1");
      *formed.mutable_address() = a_area;
      formed.set_members(5);
      Append("group-G1", formed, "2019-01-01", a_area);
      coop::v1::GroupConvertedToCooperative converted;
      converted.set_cooperative_id("E");
      converted.set_all_members_agreed(true);
      Append("group-G1", converted, "2022-08-01", a_area);
      Register("E", a_area, "2022-08-01", 7, 300'000'000, coop::v1::COOPERATIVE,
               coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
      formed.set_group_id("G2");
      *formed.mutable_address() = Old("32048");
      formed.set_members(4);
      Append("group-G2", formed, "2022-02-02", Old("32048"));
    }
    // S1, S2 in the commune split by the 2025 reform.
    Register("S1", Old("32048"), "2019-04-04", 8, 200'000'000);
    {
      coop::v1::CooperativeEvent e;
      e.mutable_rated()->set_year(2022);
      e.mutable_rated()->set_score(40);
      e.mutable_rated()->set_grade(coop::v1::WEAK);
      Coop("S1", e, "2023-03-25", Old("32048"));
    }
    Register("S2", Old("32048"), "2019-04-04", 9, 100'000'000);
    {
      coop::v1::CooperativeEvent e;
      *e.mutable_registration_changed()->mutable_address() = New("32044");
      Coop("S2", e, "2025-08-01", New("32044"));
    }
    Register("N", Old("32065"), "2019-02-02", 11, 700'000'000);
    {
      // S2 rated Khá for 2023 (criterion 13 in today's units follows its re-address).
      coop::v1::CooperativeEvent e;
      e.mutable_rated()->set_year(2023);
      e.mutable_rated()->set_score(70);
      e.mutable_rated()->set_grade(coop::v1::FAIR);
      Coop("S2", e, "2024-03-25", Old("32048"));
    }
    // Z, far away in Hà Nội: suspended for 2021 and never resumed by an event.
    Register("Z", Old("00001"), "2019-02-02", 5, 100'000'000);
    {
      coop::v1::CooperativeEvent e;
      e.mutable_suspended()->set_from("2021-02-01");
      e.mutable_suspended()->set_until("2021-12-31");
      Coop("Z", e, "2021-02-01", Old("00001"));
    }
    // Classes: a duplicate voided; one held by the district.
    {
      coop::v1::ClassHeld held;
      held.set_class_id("K1");
      held.set_kind(coop::v1::PROPAGANDA);
      *held.mutable_area() = a_area;
      held.mutable_participants()->set_farmers(30);
      Append("class-K1", held, "2022-04-04", a_area);
      held.set_class_id("K1dup");
      const auto duplicate = Append("class-K1dup", held, "2022-04-04", a_area);
      Void("class-K1dup", duplicate.first, "2022-04-05", a_area);
      held.set_class_id("K2");
      held.set_kind(coop::v1::STATE_MANAGEMENT_TRAINING);
      *held.mutable_area() = Old("966");
      held.mutable_participants()->Clear();
      held.mutable_participants()->set_officials(40);
      Append("class-K2", held, "2022-05-05", Old("966"));
    }
    // A hall, an OCOP product, a grant and a placement.
    {
      coop::v1::HallFounded hall;
      hall.set_hall_id("H");
      *hall.mutable_address() = a_area;
      hall.set_members(12);
      Append("hall-H", hall, "2022-03-03", a_area);
      coop::v1::OcopProductEnrolled enrolled;
      enrolled.set_product_id("P");
      enrolled.set_cooperative_id("A");
      enrolled.set_year(2022);
      // Filed under no area, as the command service does: they count with their cooperative.
      Append("ocop-P", enrolled, "2022-02-01", coop::v1::Area());
      coop::v1::OcopProductRated rated;
      rated.set_score(75);
      rated.set_stars(4);
      rated.set_level(coop::v1::OCOP_LEVEL_PROVINCE);
      rated.set_decision_date("2022-06-01");
      rated.set_expires_on("2025-06-01");
      Append("ocop-P", rated, "2022-06-01", coop::v1::Area());
      Grant("T", "A", 100'000'000, "2022-07-07", a_area);
      coop::v1::GraduatePlaced placed;
      placed.set_placement_id("L");
      placed.set_person_ref("person-1");
      placed.set_cooperative_id("A");
      placed.set_start_date("2022-03-01");
      placed.set_planned_term_months(24);
      Append("placement-L", placed, "2022-03-01", coop::v1::Area());
      coop::v1::AnnualPlanTargetsSet plan;
      *plan.mutable_area() = Old("966");
      plan.set_year(2022);
      auto* target = plan.add_targets();
      target->set_indicator(coop::v1::NEW_COOPERATIVES);
      target->set_comparison(coop::v1::AT_LEAST);
      target->set_value(2);
      target = plan.add_targets();
      target->set_indicator(coop::v1::NEW_GROUPS);
      target->set_comparison(coop::v1::AT_LEAST);
      target->set_value(1);
      target->set_per_commune(true);
      Append("plan-2025-03-966-2022", plan, "2022-01-15", Old("966"));
    }
    // The later membership report voided: the earlier one (20) stands again.
    Void("coop-A", later_report_, "2022-12-20", a_area);
    before_late_event_ = events_->notifier().head();
    // An inspection of 2021 recorded last.
    coop::v1::CooperativeEvent e;
    e.mutable_inspected()->set_compliant(false);
    Coop("A", e, "2021-11-11", a_area);
  }

  // Brings `projection` (by default the fixture's) in `store` to the head, `page_size` events
  // a page (by default several pages, so rows carry over between batches).
  void CatchUp(ProjectionStore* store, bool force_rebuild = false, uint32_t page_size = 7,
               AnnualStatisticsProjection* projection = nullptr) {
    RunnerOptions options;
    options.force_rebuild = force_rebuild;
    options.page_size = page_size;
    options.catch_up_commit_events = page_size;  // a page, a refresh of its entities
    ProjectionRunner runner(events_.get(), store, projection != nullptr ? projection : &projection_,
                            options);
    ASSERT_OK(runner.Start());
    ASSERT_OK(runner.WaitForPosition(events_->notifier().head(), absl::Seconds(30)));
    // A rebuild's rows are read once live (until then the old rows answer the wait above).
    for (int i = 0; i < 6000 && runner.status().state != ProjectionState::kLive; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_EQ(runner.status().state, ProjectionState::kLive);
    runner.Stop();
  }

  // The figures of a scope, by name; checks that precomputed and replayed agree.
  std::map<std::string, int64_t> Figures(coop::v1::StatisticsScope scope) {
    StatisticsReader reader(store_.get());
    auto reply = reader.Annual(scope, 0);
    EXPECT_OK(reply);
    std::map<std::string, int64_t> out;
    if (!reply.ok()) return out;
    for (const auto& f : reply->figures()) out[f.name()] = f.value();
    if (reply->source() == "precomputed") {
      scope.set_as_known_at_position(events_->notifier().head());
      auto replayed = reader.Annual(scope, 0);
      EXPECT_OK(replayed);
      if (replayed.ok()) {
        EXPECT_EQ(replayed->source(), "replayed");
        for (const auto& f : replayed->figures()) {
          EXPECT_EQ(f.value(), out[f.name()]) << f.name() << " replayed vs precomputed";
        }
      }
    }
    return out;
  }

  coop::v1::StatisticsScope Scope(const coop::v1::Area& area, int year) {
    coop::v1::StatisticsScope scope;
    *scope.mutable_area() = area;
    scope.set_year(year);
    return scope;
  }

  // The fixture's rows equal those of the whole log applied in one page by a fresh
  // projection (every entity computed once, every year).
  void ExpectRowsOfOnePage() {
    auto store = ProjectionStore::Open(dir_.Sub("one_page_" + std::to_string(++one_page_runs_)));
    ASSERT_OK(store);
    AnnualStatisticsProjection fresh;
    CatchUp(store->get(), false, /*page_size=*/100'000, &fresh);
    auto expected = (*store)->ReadRows(projection_.name());
    ASSERT_OK(expected);
    auto rows = store_->ReadRows(projection_.name());
    ASSERT_OK(rows);
    EXPECT_EQ(*rows, *expected);
  }

  coop::testing::TempDir dir_;
  std::unique_ptr<RocksEventStore> events_;
  std::unique_ptr<ProjectionStore> store_;
  AnnualStatisticsProjection projection_;
  std::string later_report_;
  uint64_t before_late_event_ = 0;
  int one_page_runs_ = 0;
};

TEST_F(AnnualStatisticsScenarioTest, DistrictFiguresFor2022) {
  auto f = Figures(Scope(Old("966"), 2022));
  // Stocks at the end of 2022: A, C (founded 31 Dec), E (converted), S1, S2; not B
  // (dissolved), not U (a union), not N (another district).
  EXPECT_EQ(f["cooperatives"], 5);
  EXPECT_EQ(f["unions"], 1);
  EXPECT_EQ(f["groups"], 1);  // G2; G1 converted
  EXPECT_EQ(f["group_members"], 4);
  EXPECT_EQ(f["halls"], 1);
  EXPECT_EQ(f["members"], 20 + 7 + 7 + 8 + 9);  // A's voided later report does not count
  EXPECT_EQ(f["members.official"], 51);
  EXPECT_EQ(f["workers.regular"], 15);
  EXPECT_EQ(f["workers.members"], 8);
  EXPECT_EQ(f["charter_capital_vnd"], 2'100'000'000);
  // Flows of 2022.
  EXPECT_EQ(f["new.cooperatives"], 2);
  EXPECT_EQ(f["new.cooperatives.new"], 1);
  EXPECT_EQ(f["new.cooperatives.converted"], 1);
  EXPECT_EQ(f["new.unions"], 0);
  EXPECT_EQ(f["new.groups"], 1);
  EXPECT_EQ(f["ended.cooperatives.dissolved"], 1);
  EXPECT_EQ(f["ended.groups.converted"], 1);
  EXPECT_EQ(f["classes.count"], 2);  // K1 (its duplicate voided) and K2 (the district's)
  EXPECT_EQ(f["classes.participants"], 70);
  EXPECT_EQ(f["classes.propaganda.count"], 1);
  EXPECT_EQ(f["classes.state_management_training.count"], 1);
  EXPECT_EQ(f["inspections"], 2);
  EXPECT_EQ(f["inspections.cooperatives"], 1);
  EXPECT_EQ(f["trade_fairs.attendances"], 1);
  EXPECT_EQ(f["trade_fairs.cooperatives"], 1);
  EXPECT_EQ(f["model_cooperatives.designated"], 1);
  EXPECT_EQ(f["model_cooperatives.total"], 1);
  EXPECT_EQ(f["ocop.enrolled"], 1);
  EXPECT_EQ(f["ocop.cooperatives"], 1);
  EXPECT_EQ(f["ocop.rated.4"], 1);
  EXPECT_EQ(f["ocop.valid.4"], 1);
  EXPECT_EQ(f["grants.count"], 1);
  EXPECT_EQ(f["grants.vnd"], 100'000'000);
  EXPECT_EQ(f["grants.type.science_technology.count"], 1);
  EXPECT_EQ(f["grants.source.provincial.vnd"], 100'000'000);
  EXPECT_EQ(f["graduates.started"], 1);
  EXPECT_EQ(f["graduates.active"], 1);
  EXPECT_EQ(f["halls.founded"], 1);
  // Ratings for 2022: A Tốt, S1 Yếu; S2 (older than 12 months) not rated; C and E too young.
  EXPECT_EQ(f["ratings.good"], 1);
  EXPECT_EQ(f["ratings.weak"], 1);
  EXPECT_EQ(f["ratings.rated"], 2);
  EXPECT_EQ(f["ratings.not_rated"], 1);
  EXPECT_EQ(f["ratings.good_or_fair_share"], 1);  // numerator; 1 of 2
  // Compliance: E, S1, S2 without report or meeting; A on time; C founded after the deadline.
  EXPECT_EQ(f["compliance.no_annual_report"], 3);
  EXPECT_EQ(f["compliance.no_annual_meeting"], 3);
  EXPECT_EQ(f["criterion13.communes"], 1);  // 32044 (A)
}

TEST_F(AnnualStatisticsScenarioTest, CommuneAndProvinceRollUps) {
  auto commune = Figures(Scope(Old("32044"), 2022));
  EXPECT_EQ(commune["cooperatives"], 2);   // A and E
  EXPECT_EQ(commune["classes.count"], 1);  // the district's class counts in no commune
  EXPECT_EQ(commune["criterion13.communes"], 1);
  auto province = Figures(Scope(Old("96"), 2022));
  EXPECT_EQ(province["cooperatives"], 6);  // and N, in the neighbouring district
  EXPECT_EQ(province["classes.count"], 2);
  auto nation = Figures(Scope(coop::v1::Area(), 2022));
  EXPECT_EQ(nation["cooperatives"], 7);  // and Z in Hà Nội
  EXPECT_EQ(nation["members"], 51 + 11 + 5);
}

TEST_F(AnnualStatisticsScenarioTest, LateEventCountsNowButNotAsKnownBefore) {
  EXPECT_EQ(Figures(Scope(Old("966"), 2021))["inspections"], 1);
  auto scope = Scope(Old("966"), 2021);
  scope.set_as_known_at_position(before_late_event_);
  EXPECT_EQ(Figures(scope)["inspections"], 0);
  // Before the void was recorded, the later report (30) stood.
  auto before_void = Scope(Old("32044"), 2022);
  before_void.set_as_known_at_position(before_late_event_ - 1);
  EXPECT_EQ(Figures(before_void)["members"], 30 + 7);
}

TEST_F(AnnualStatisticsScenarioTest, ReformUnitsWithAndWithoutReaddress) {
  // 2025 in the units then in force: S2 follows its re-address into 32044, S1 (split
  // commune, no re-address) waits in the province's bucket, A and E go to 32044 (full).
  auto commune = Figures(Scope(New("32044"), 2025));
  EXPECT_EQ(commune["cooperatives"], 3);
  auto province = Figures(Scope(New("96"), 2025));
  EXPECT_EQ(province["cooperatives"], 6);
  StatisticsReader reader(store_.get());
  auto reply = reader.Annual(Scope(New("96"), 2025), 0);
  ASSERT_OK(reply);
  ASSERT_EQ(reply->unassigned_size(), 1);
  EXPECT_EQ(reply->unassigned(0).old_code(), "32048");
  EXPECT_EQ(reply->unassigned(0).candidate_codes_size(), 2);
  // 2022 re-aggregated in today's units: the same rule.
  auto scope = Scope(New("32044"), 2022);
  scope.set_in_units("2025-07");
  EXPECT_EQ(Figures(scope)["cooperatives"], 3);  // A, E, S2
}

TEST_F(AnnualStatisticsScenarioTest, ReportingYearAndExplain) {
  auto scope = Scope(Old("966"), 2023);
  scope.set_period(coop::v1::REPORTING_YEAR);        // 15 Dec 2022 - 14 Dec 2023
  EXPECT_EQ(Figures(scope)["new.cooperatives"], 1);  // C, founded 31 December 2022
  StatisticsReader reader(store_.get());
  coop::v1::ExplainStatisticRequest request;
  *request.mutable_scope() = Scope(Old("966"), 2022);
  request.set_statistic("inspections");
  auto explained = reader.Explain(request);
  ASSERT_OK(explained);
  EXPECT_EQ(explained->figure().value(), 2);
  ASSERT_EQ(explained->events_size(), 2);
  EXPECT_EQ(explained->events(0).stream_id(), "coop-A");
  EXPECT_EQ(explained->events(0).occurred_on(), "2022-05-10");
  request.set_statistic("no.such.figure");
  EXPECT_EQ(reader.Explain(request).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AnnualStatisticsScenarioTest, ListsPlanComplianceAndCriterion13) {
  StatisticsReader reader(store_.get());
  coop::v1::PlanProgressRequest plan;
  *plan.mutable_area() = Old("966");
  plan.set_year(2022);
  auto progress = reader.PlanProgress(plan);
  ASSERT_OK(progress);
  ASSERT_EQ(progress->targets_size(), 2);
  EXPECT_EQ(progress->targets(0).actual(), 2);  // new HTX ≥ 2: met
  EXPECT_TRUE(progress->targets(0).met());
  EXPECT_EQ(progress->targets(1).target(), 8);  // one THT per commune, 8 communes
  EXPECT_FALSE(progress->targets(1).met());
  coop::v1::ComplianceIssuesRequest compliance;
  *compliance.mutable_area() = Old("966");
  compliance.set_year(2022);
  compliance.set_lang("en");
  auto issues = reader.Compliance(compliance);
  ASSERT_OK(issues);
  // Reports, meetings, S1 rated Yếu, and a ground for revocation (COOP-22) for A, S1 and S2:
  // no annual general meeting recorded for 18 months at the end of 2022 (A's first is of
  // 2023-03-20; S1 and S2 hold none since 2019-04-04).
  EXPECT_EQ(issues->issues_size(), 3 + 3 + 1 + 3);
  int grounds = 0;
  for (const auto& issue : issues->issues()) {
    if (issue.kind() != coop::v1::REVOCATION_GROUNDS) continue;
    ++grounds;
    if (issue.cooperative_id() == "A") {
      EXPECT_EQ(issue.detail(),
                "no annual general meeting recorded since 2018-03-01: a ground for revocation "
                "from 2019-09-01 (COOP-22)");
    }
  }
  EXPECT_EQ(grounds, 3);
  coop::v1::Criterion13Request c13;
  *c13.mutable_area() = Old("966");
  c13.set_year(2022);
  auto communes = reader.Criterion13(c13);
  ASSERT_OK(communes);
  EXPECT_EQ(communes->communes_total(), 8);
  EXPECT_EQ(communes->communes_met(), 1);
}

TEST_F(AnnualStatisticsScenarioTest, StocksStandInLaterYearsBothWays) {
  // No event after 2025: the stocks of the last year stand, precomputed and replayed alike.
  auto province = Figures(Scope(New("96"), 2029));
  EXPECT_EQ(province["cooperatives"], 6);
  EXPECT_EQ(province["members"], 51 + 11);
  EXPECT_EQ(province["ratings.not_rated"], 6);
}

TEST_F(AnnualStatisticsScenarioTest, SuspensionEndsAfterItsLastDay) {
  EXPECT_EQ(Figures(Scope(Old("01"), 2021))["cooperatives.suspended"], 1);
  EXPECT_EQ(Figures(Scope(Old("01"), 2022))["cooperatives.suspended"], 0);
  EXPECT_EQ(Figures(Scope(Old("01"), 2022))["cooperatives"], 1);
}

TEST_F(AnnualStatisticsScenarioTest, Criterion13InTodaysUnitsFollowsTheReaddress) {
  StatisticsReader reader(store_.get());
  coop::v1::Criterion13Request request;
  *request.mutable_area() = New("96");
  request.set_year(2023);
  auto reply = reader.Criterion13(request);
  ASSERT_OK(reply);
  EXPECT_EQ(reply->communes_met(), 1);
  for (const auto& commune : reply->communes()) {
    EXPECT_EQ(commune.met(), commune.commune().code() == "32044") << commune.commune().code();
  }
  request.set_min_grade(coop::v1::GOOD);  // a stricter rule: S2 is only Khá
  reply = reader.Criterion13(request);
  ASSERT_OK(reply);
  EXPECT_EQ(reply->communes_met(), 0);
}

TEST_F(AnnualStatisticsScenarioTest, ComplianceWaitsForTheDeadline) {
  StatisticsReader reader(store_.get());
  coop::v1::ComplianceIssuesRequest request;
  *request.mutable_area() = Old("966");
  request.set_year(2022);
  auto early =
      reader.Compliance(request, absl::FromCivil(absl::CivilDay(2022, 12, 1), absl::UTCTimeZone()));
  ASSERT_OK(early);
  // S1 rated Yếu, and the grounds for revocation as on that day (A, S1, S2); reports and
  // meetings not yet due.
  EXPECT_EQ(early->issues_size(), 1 + 3);
  request.set_year(2021);
  auto inspected = reader.Compliance(request);
  ASSERT_OK(inspected);
  bool not_followed_up = false;
  for (const auto& issue : inspected->issues()) {
    not_followed_up |=
        issue.kind() == coop::v1::NON_COMPLIANT_NOT_FOLLOWED_UP && issue.cooperative_id() == "A";
  }
  EXPECT_TRUE(not_followed_up);
  request.mutable_area()->set_code("99999");
  auto bad = reader.Compliance(request);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("area.code"), std::string::npos);
  EXPECT_EQ(bad.status().message().find("scope."), std::string::npos) << bad.status().ToString();
}

TEST_F(AnnualStatisticsScenarioTest, BadScopesAreRejectedNamingTheField) {
  StatisticsReader reader(store_.get());
  auto scope = Scope(Old("99999"), 2022);
  auto reply = reader.Annual(scope, 0);
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(reply.status().message().find("scope.area.code"), std::string::npos);
  scope = Scope(Old("966"), 1800);
  EXPECT_NE(reader.Annual(scope, 0).status().message().find("scope.year"), std::string::npos);
  scope = Scope(Old("966"), 2022);
  scope.set_in_units("2031-01");
  EXPECT_NE(reader.Annual(scope, 0).status().message().find("scope.in_units"), std::string::npos);
}

TEST_F(AnnualStatisticsScenarioTest,
       GivenAnEntityWithYearsOfHistoryWhenAnEventIsAddedThenOnlyTheYearsItCanChangeAreRecomputed) {
  // Given Q, registered in 2016 (its years run to 2026: a year past its last event or 2025),
  const auto area = Old("32044");
  Register("Q", area, "2016-03-01", 10, 100'000'000);
  CatchUp(store_.get());
  // each step adds one event (a page of its own) and must leave the rows of the whole log
  // computed at once, every entity every year.
  const auto years_recomputed = [this](const std::function<void()>& add) {
    const uint64_t before = projection_.refresh_counts().years;
    add();
    CatchUp(store_.get());
    ExpectRowsOfOnePage();
    return projection_.refresh_counts().years - before;
  };
  coop::v1::CooperativeEvent e;
  // When members are reported in 2024: 2024–2026, not 2016–2026.
  e.mutable_membership_reported()->mutable_members()->set_official(12);
  std::string report_id;
  EXPECT_EQ(years_recomputed([&] { report_id = Coop("Q", e, "2024-05-01", area).first; }), 3u);
  // When a rating for 2019 is recorded in 2024: from 2019.
  e.Clear();
  e.mutable_rated()->set_year(2019);
  e.mutable_rated()->set_score(85);
  e.mutable_rated()->set_grade(coop::v1::GOOD);
  EXPECT_EQ(years_recomputed([&] { Coop("Q", e, "2024-06-01", area); }), 8u);
  // When the report is voided: every year, 2016–2026.
  EXPECT_EQ(years_recomputed([&] { Void("coop-Q", report_id, "2024-07-01", area); }), 11u);
}

TEST_F(AnnualStatisticsScenarioTest,
       GivenAGrantFiledBeforeTheRegistrationWhenTheFirstYearsAddressChangesThenTheGrantMovesToo) {
  // A grant filed under no area in 2015 counts at its cooperative's address at the end of its
  // first year, 2016: a change of that address in 2016 moves the 2015 grant as well.
  Grant("QG", "Q", 50'000'000, "2015-06-01", coop::v1::Area());
  Register("Q", Old("32044"), "2016-03-01", 10, 100'000'000);
  CatchUp(store_.get());
  ExpectRowsOfOnePage();
  coop::v1::CooperativeEvent e;
  *e.mutable_registration_changed()->mutable_address() = Old("32047");
  Coop("Q", e, "2016-09-01", Old("32047"));
  CatchUp(store_.get());
  ExpectRowsOfOnePage();
  EXPECT_EQ(Figures(Scope(Old("32047"), 2015))["grants.count"], 1);
  EXPECT_EQ(Figures(Scope(Old("32044"), 2015))["grants.count"], 0);
}

TEST_F(AnnualStatisticsScenarioTest, EventByEventAndAllInOnePageGiveTheSameRows) {
  // Each event its own page (each refresh recomputes only the years that event can change)
  // against the whole log in one page (each entity computed once, every year).
  auto one_by_one = ProjectionStore::Open(dir_.Sub("one_by_one"));
  ASSERT_OK(one_by_one);
  AnnualStatisticsProjection by_event;
  CatchUp(one_by_one->get(), false, /*page_size=*/1, &by_event);
  auto one_page = ProjectionStore::Open(dir_.Sub("one_page"));
  ASSERT_OK(one_page);
  AnnualStatisticsProjection by_log;
  CatchUp(one_page->get(), false, /*page_size=*/100'000, &by_log);

  auto rows_by_event = (*one_by_one)->ReadRows(projection_.name());
  ASSERT_OK(rows_by_event);
  auto rows_by_log = (*one_page)->ReadRows(projection_.name());
  ASSERT_OK(rows_by_log);
  auto rows_by_seven = store_->ReadRows(projection_.name());
  ASSERT_OK(rows_by_seven);
  EXPECT_EQ(*rows_by_event, *rows_by_log);
  EXPECT_EQ(*rows_by_seven, *rows_by_log);
}

TEST_F(AnnualStatisticsScenarioTest, RebuildGivesIdenticalRows) {
  auto before = store_->ReadRows(projection_.name());
  ASSERT_OK(before);
  CatchUp(store_.get(), /*force_rebuild=*/true);
  auto after = store_->ReadRows(projection_.name());
  ASSERT_OK(after);
  EXPECT_EQ(*before, *after);
  EXPECT_GT(before->size(), 50u);
}

}  // namespace
}  // namespace coop::projections::statistics
