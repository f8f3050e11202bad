// The demo's support programmes: classes, OCOP products, support grants, graduate placements,
// and the province's annual plans.
#include <string>
#include <vector>

#include "commands/demo/demo_builder.h"
#include "coop/v1/planning.pb.h"
#include "coop/v1/programs.pb.h"

namespace coop::demo {
namespace {

using absl::CivilDay;

void Classes(CommandList& list) {
  static const coop::v1::ClassKind kKinds[] = {
      coop::v1::STATE_MANAGEMENT_TRAINING, coop::v1::PROPAGANDA, coop::v1::PROPAGANDA,
      coop::v1::VOCATIONAL, coop::v1::MEMBER_MANAGER_TRAINING};
  for (int i = 0; i < 90; ++i) {
    Dice dice(0xC1A55 + i);
    const std::string id = DemoUuid(absl::StrCat("class/", i));
    const CivilDay start = dice.DayBetween(kFirstDay, kLastDay - 5);
    coop::v1::RecordClassRequest request;
    auto* held = request.mutable_held();
    held->set_class_id(id);
    held->set_kind(kKinds[i % 5]);
    held->set_title(absl::StrCat("Lớp ", i + 1));
    held->set_organiser(i % 3 == 0 ? "Liên minh HTX tỉnh" : "Phòng Nông nghiệp huyện");
    held->set_start_date(domain::FormatDate(start));
    held->set_end_date(domain::FormatDate(start + dice.Between(0, 2)));
    // A third are held in a commune, the rest at district (or, after the reform, province) level.
    *held->mutable_area() = i % 3 == 0 ? CommuneOn(start, dice) : DistrictOrProvinceOn(start, dice);
    held->mutable_participants()->set_officials(dice.Between(0, 10));
    held->mutable_participants()->set_members(dice.Between(10, 60));
    held->mutable_participants()->set_farmers(dice.Between(0, 40));
    held->set_budget_vnd(dice.Between(5, 60) * 1'000'000);
    // A cooperative that exists on the class's days (LINK-03).
    const int attending =
        list.CooperativeAliveOn(static_cast<int>(dice.Between(0, kCooperatives - 1)), start);
    std::vector<std::string> after;
    if (attending >= 0) {
      held->add_cooperative_ids(DemoCooperativeId(attending));
      after.push_back(DemoCooperativeId(attending));
    }
    list.Add("Programs", "RecordClass", id, start, request, after);
  }
}

void Ocop(CommandList& list) {
  for (int i = 0; i < 60; ++i) {
    Dice dice(0x0C0B + i);
    const std::string id = DemoUuid(absl::StrCat("ocop/", i));
    const CivilDay enrolled = dice.DayBetween(CivilDay(2019, 1, 1), CivilDay(2025, 12, 31));
    coop::v1::EnrolOcopProductRequest enrol;
    auto* e = enrol.mutable_enrolled();
    e->set_product_id(id);
    // The cooperative exists on the enrolment's date (LINK-02).
    const int owner = list.CooperativeAliveOn(i * 5 % kCooperatives, enrolled);
    if (owner < 0) continue;
    e->set_cooperative_id(DemoCooperativeId(owner));
    e->set_product_name(absl::StrCat(i % 2 ? "Mật ong rừng U Minh " : "Khô cá sặc ", i + 1));
    e->set_year(static_cast<int>(enrolled.year()));
    list.Add("Programs", "EnrolOcopProduct", id, enrolled, enrol, {DemoCooperativeId(owner)});
    const CivilDay rated = enrolled + dice.Between(60, 150);
    if (rated > kLastDay) continue;
    const double score = static_cast<double>(dice.Between(520, 950)) / 10.0;
    coop::v1::RateOcopProductRequest rate;
    rate.set_product_id(id);
    auto* r = rate.mutable_rated();
    r->set_score(score);
    r->set_stars(score >= 90 ? 5 : score >= 70 ? 4 : 3);
    r->set_level(score >= 90                ? coop::v1::OCOP_LEVEL_CENTRAL
                 : rated < kReform && i % 2 ? coop::v1::OCOP_LEVEL_DISTRICT
                                            : coop::v1::OCOP_LEVEL_PROVINCE);
    r->set_decision(absl::StrCat(100 + i, "/QĐ-UBND"));
    list.Add("Programs", "RateOcopProduct", id, rated, rate);
  }
}

void Grants(CommandList& list) {
  static const coop::v1::SupportType kTypes[] = {coop::v1::SUPPORT_TRAINING,
                                                 coop::v1::SUPPORT_SCIENCE_TECHNOLOGY,
                                                 coop::v1::SUPPORT_PACKAGING_LABEL_TRADEMARK,
                                                 coop::v1::SUPPORT_TRADE_PROMOTION,
                                                 coop::v1::SUPPORT_INFRASTRUCTURE_EQUIPMENT,
                                                 coop::v1::SUPPORT_CREDIT};
  static const coop::v1::FundingSource kSources[] = {
      coop::v1::FUNDING_CENTRAL, coop::v1::FUNDING_PROVINCIAL, coop::v1::FUNDING_DISTRICT};
  for (int i = 0; i < 120; ++i) {
    Dice dice(0x6A47 + i);
    const std::string id = DemoUuid(absl::StrCat("grant/", i));
    const CivilDay day = dice.DayBetween(CivilDay(2016, 1, 1), kLastDay);
    coop::v1::RecordSupportGrantRequest request;
    auto* g = request.mutable_granted();
    g->set_grant_id(id);
    g->set_type(kTypes[i % 6]);
    g->set_programme("Chương trình hỗ trợ phát triển KTTT");
    g->set_amount_vnd(dice.Between(10, 500) * 1'000'000);
    if (g->type() == coop::v1::SUPPORT_INFRASTRUCTURE_EQUIPMENT) g->set_in_kind("Máy sấy lúa");
    g->set_funding_source(kSources[i % 3]);
    g->set_decision(absl::StrCat(200 + i, "/QĐ-UBND"));
    const int recipient = list.CooperativeAliveOn(i * 7 % kCooperatives, day);
    if (recipient < 0) continue;
    g->set_cooperative_id(DemoCooperativeId(recipient));
    list.Add("Programs", "RecordSupportGrant", id, day, request, {DemoCooperativeId(recipient)});
  }
}

void Placements(CommandList& list) {
  for (int i = 0; i < 30; ++i) {
    Dice dice(0x91AC + i);
    const std::string id = DemoUuid(absl::StrCat("placement/", i));
    const CivilDay start = dice.DayBetween(CivilDay(2018, 1, 1), kLastDay - 30);
    coop::v1::PlaceGraduateRequest place;
    auto* p = place.mutable_placed();
    p->set_placement_id(id);
    p->set_person_ref(DemoUuid(absl::StrCat("person/graduate/", i)));
    p->set_degree(i % 4 ? coop::v1::DEGREE_UNIVERSITY : coop::v1::DEGREE_COLLEGE);
    p->set_field(i % 2 ? "aquaculture" : "agronomy");
    const int host = list.CooperativeAliveOn(i * 11 % kCooperatives, start);
    if (host < 0) continue;
    p->set_cooperative_id(DemoCooperativeId(host));
    p->set_planned_term_months(36);
    list.Add("Programs", "PlaceGraduate", id, start, place, {DemoCooperativeId(host)});
    const CivilDay end = start + dice.Between(300, 1100);
    if (i % 3 == 0 && end <= kLastDay) {
      coop::v1::EndPlacementRequest stop;
      stop.set_placement_id(id);
      stop.mutable_ended()->set_reason(i % 2 ? "Hết thời hạn" : "Xin nghỉ việc");
      list.Add("Programs", "EndPlacement", id, end, stop);
    }
  }
}

void Plans(CommandList& list) {
  for (int year = 2016; year <= 2026; ++year) {
    const CivilDay day(year - 1, 12, 20);
    coop::v1::SetAnnualPlanTargetsRequest request;
    auto* plan = request.mutable_targets_set();
    *plan->mutable_area() = ProvinceOn(day);
    plan->set_year(year);
    plan->set_decision(absl::StrCat(year, "/KH-UBND"));
    auto target = [&](coop::v1::PlanIndicator indicator, int64_t value, bool per_commune) {
      auto* t = plan->add_targets();
      t->set_indicator(indicator);
      t->set_comparison(coop::v1::AT_LEAST);
      t->set_value(value);
      t->set_per_commune(per_commune);
    };
    target(coop::v1::NEW_COOPERATIVES, 20, false);
    target(coop::v1::NEW_GROUPS, 1, true);
    target(coop::v1::TRAINING_CLASSES, 8, false);
    target(coop::v1::COOPERATIVES_IN_OCOP, 5, false);
    target(coop::v1::MODEL_COOPERATIVES, 1, false);
    target(coop::v1::GRADUATES_PLACED, 2, false);
    list.Add("Planning", "SetAnnualPlanTargets", absl::StrCat("plan-96-", year), day, request);
  }
}

}  // namespace

void AddProgrammes(CommandList& list) {
  Classes(list);
  Ocop(list);
  Grants(list);
  Placements(list);
  Plans(list);
}

}  // namespace coop::demo
