#include "commands/demo/demo_history.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "commands/demo/demo_builder.h"
#include "commands/derived_ids.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/registry.pb.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/successors.h"
#include "domain/common/dates.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/cooperative/cooperative_checks.h"

namespace coop::demo {
namespace {

using absl::CivilDay;
using domain::FormatDate;

// One cooperative's life, in date order, as Registry commands.
class CooperativeBuilder {
 public:
  explicit CooperativeBuilder(CommandList& list) : list_(list) {}

  template <typename Request>
  void Next(const std::string& aggregate, CivilDay, Request*) {
    aggregate_ = aggregate;
  }
  template <typename Request>
  std::string Emit(const std::string& method, CivilDay day, const Request& request) {
    return list_.Add("Registry", method, aggregate_, day, request);
  }

  void Cooperative(int i) {
    Dice dice(0xC0FFEE + i);
    const std::string id = DemoCooperativeId(i);
    // Most cooperatives are older; a steady trickle of new ones every year.
    const int64_t span = (kLastDay - 60) - kFirstDay;
    CivilDay registered = kFirstDay + dice.Between(0, span) * dice.Between(30, 100) / 100;
    if (i == 0) registered = CivilDay(2016, 3, 15);  // the one re-addressed across the reform
    const bool is_union = i % 23 == 7;
    const auto regime = domain::RegimeInForce(registered);

    coop::v1::RegisterCooperativeRequest reg;
    Next(id, registered, &reg);
    auto* r = reg.mutable_registration();
    r->set_cooperative_id(id);
    r->set_code(absl::StrCat("2001", 100000 + i));
    r->set_kind(is_union ? coop::v1::COOPERATIVE_UNION : coop::v1::COOPERATIVE);
    r->set_name(
        absl::StrCat(is_union ? "Liên hiệp HTX " : "HTX ", kNames[i % kNameCount], " ", i + 1));
    r->set_law_regime(regime);
    r->set_registration_authority("Phòng Tài chính - Kế hoạch");
    if (i == 0) {
      r->mutable_address()->set_code("32044");  // Thị trấn U Minh, before the reform
      r->mutable_address()->set_unit_set("2025-03");
    } else {
      *r->mutable_address() = CommuneOn(registered, dice);
    }
    int64_t members = is_union ? dice.Between(4, 8) : dice.Between(9, 60);
    r->mutable_members()->set_official(members);
    const int64_t capital = dice.Between(2, 300) * 10'000'000;
    r->set_charter_capital_vnd(capital);
    r->set_largest_member_contribution_vnd(capital / 10);
    int64_t workers = members + dice.Between(0, 20);
    r->mutable_workforce()->set_regular_workers(workers);
    r->mutable_workforce()->set_of_which_members(std::min(members, workers) / 2);
    r->set_sector(kSectors[i % kSectorCount]);
    r->add_business_lines(kSectors[i % kSectorCount]);
    r->set_origin(coop::v1::ORIGIN_NEW);
    Emit("RegisterCooperative", registered, reg);

    if (i == 0) {
      // Re-addressed after the reform to its commune's successor in the two-level list.
      const auto* successor = domain::areas::SuccessorTable::Reference().SingleSuccessor("32044");
      coop::v1::ChangeCooperativeRegistrationRequest change;
      Next(id, CivilDay(2025, 9, 1), &change);
      change.set_cooperative_id(id);
      change.mutable_registration_changed()->mutable_address()->set_code(
          successor ? successor->new_code : "32044");
      change.mutable_registration_changed()->mutable_address()->set_unit_set("2025-07");
      Emit("ChangeCooperativeRegistration", CivilDay(2025, 9, 1), change);
    }

    const bool dissolves = i % 11 == 5;
    const int dissolution_year =
        static_cast<int>(std::min<int64_t>(2026, registered.year() + dice.Between(2, 8)));
    for (int year = static_cast<int>(registered.year()); year <= 2025; ++year) {
      // Members and workers, reported at the end of each year.
      const CivilDay report_day(year, 12, 10);
      if (report_day > kLastDay || report_day <= registered) continue;
      members = std::max<int64_t>(is_union ? 4 : 7, members + dice.Between(-3, 6));
      coop::v1::ReportCooperativeMembershipRequest membership;
      Next(id, report_day, &membership);
      membership.set_cooperative_id(id);
      membership.mutable_membership_reported()->mutable_members()->set_official(members);
      Emit("ReportCooperativeMembership", report_day, membership);
      if (i % 29 == 9 && year == static_cast<int>(registered.year()) + 1) {
        // A report entered twice with a wrong figure, then voided by the district office.
        membership.mutable_membership_reported()->mutable_members()->set_official(members * 10);
        const std::string mistake = Emit("ReportCooperativeMembership", report_day, membership);
        coop::v1::VoidEventRequest fix;
        fix.set_stream_id(domain::CooperativeAggregate::StreamId(id));
        fix.set_event_id(commands::DerivedEventId(mistake, 0));
        fix.set_reason("Báo cáo nhập trùng, sai số liệu");
        list_.Add("Corrections", "VoidEvent", aggregate_, report_day + 3, fix);
      }

      workers = members + dice.Between(0, 25);
      coop::v1::ReportCooperativeWorkforceRequest workforce;
      Next(id, report_day, &workforce);
      workforce.set_cooperative_id(id);
      workforce.mutable_workforce_reported()->mutable_workforce()->set_regular_workers(workers);
      workforce.mutable_workforce_reported()->mutable_workforce()->set_of_which_members(
          members * dice.Between(30, 90) / 100);
      Emit("ReportCooperativeWorkforce", report_day, workforce);

      if (dice.Chance(85)) {
        coop::v1::RecordAnnualReportRequest report;
        Next(id, CivilDay(year, 12, 12), &report);
        report.set_cooperative_id(id);
        report.mutable_annual_report_submitted()->set_year(year);
        Emit("RecordAnnualReport", CivilDay(year, 12, 12), report);
      }
      if (dissolves && year == dissolution_year) break;
      const CivilDay next_spring(year + 1, 3, 20);
      if (next_spring > kLastDay) continue;
      if (dice.Chance(80)) {
        coop::v1::RecordGeneralMeetingRequest meeting;
        Next(id, next_spring, &meeting);
        meeting.set_cooperative_id(id);
        meeting.mutable_general_meeting_held()->set_fiscal_year(year);
        Emit("RecordGeneralMeeting", next_spring, meeting);
      }
      // Rated for a year it existed in full.
      if (registered < CivilDay(year, 1, 1) && dice.Chance(90)) {
        const double score = static_cast<double>(dice.Between(300, 980)) / 10.0;
        coop::v1::RateCooperativeRequest rating;
        Next(id, next_spring + 5, &rating);
        rating.set_cooperative_id(id);
        auto* rated = rating.mutable_rated();
        rated->set_year(year);
        rated->set_regulation("01/2020/TT-BKHĐT");
        rated->set_score(score);
        rated->set_grade(domain::GradeOfScore(score));
        Emit("RateCooperative", next_spring + 5, rating);
      }
      if (year % 3 == i % 3 && dice.Chance(40)) {
        coop::v1::RecordInspectionRequest inspection;
        const CivilDay day(year + 1, 5, 10);
        Next(id, day, &inspection);
        inspection.set_cooperative_id(id);
        auto* inspected = inspection.mutable_inspected();
        inspected->set_body("Phòng Tài chính - Kế hoạch huyện");
        inspected->set_basis("Tuân thủ Luật Hợp tác xã");
        inspected->set_compliant(dice.Chance(80));
        inspected->set_findings(inspected->compliant() ? "Không phát hiện vi phạm"
                                                       : "Chưa tổ chức đại hội thường niên");
        Emit("RecordInspection", day, inspection);
      }
      if (i % 17 == 3 && year == static_cast<int>(registered.year()) + 2) {
        // A suspension of six months, then business again.
        const CivilDay from(year + 1, 6, 1);
        if (from + 200 <= kLastDay) {
          coop::v1::SuspendCooperativeRequest suspend;
          Next(id, from, &suspend);
          suspend.set_cooperative_id(id);
          suspend.mutable_suspended()->set_from(FormatDate(from));
          suspend.mutable_suspended()->set_until(FormatDate(domain::AddMonths(from, 6)));
          suspend.mutable_suspended()->set_reason("Thiếu vốn lưu động");
          Emit("SuspendCooperative", from, suspend);
          coop::v1::ResumeCooperativeRequest resume;
          Next(id, from + 180, &resume);
          resume.set_cooperative_id(id);
          resume.mutable_resumed();
          Emit("ResumeCooperative", from + 180, resume);
        }
      }
      if (i % 19 == 4 && year == 2023) {
        coop::v1::DesignateModelCooperativeRequest model;
        Next(id, CivilDay(2024, 4, 1), &model);
        model.set_cooperative_id(id);
        model.mutable_designated_model()->set_year(2024);
        model.mutable_designated_model()->set_decision("45/QĐ-UBND");
        Emit("DesignateModelCooperative", CivilDay(2024, 4, 1), model);
      }
    }
    list_.Lifespan(i, registered, absl::CivilDay::max());
    if (dissolves) {
      const CivilDay start(dissolution_year, 12, 20);
      if (start + 100 > kLastDay || start <= registered) return;
      list_.Lifespan(i, registered, start + 90);
      coop::v1::StartCooperativeDissolutionRequest dissolution;
      Next(id, start, &dissolution);
      dissolution.set_cooperative_id(id);
      dissolution.mutable_dissolution_started()->set_kind(coop::v1::VOLUNTARY);
      dissolution.mutable_dissolution_started()->set_resolution("Nghị quyết đại hội thành viên");
      Emit("StartCooperativeDissolution", start, dissolution);
      coop::v1::CompleteCooperativeDissolutionRequest completed;
      Next(id, start + 90, &completed);
      completed.set_cooperative_id(id);
      completed.mutable_dissolution_completed();
      Emit("CompleteCooperativeDissolution", start + 90, completed);
    }
  }

  static constexpr const char* kNames[] = {"Nông nghiệp", "Thủy sản",  "Dịch vụ", "Nuôi tôm",
                                           "Lúa - tôm",   "Rừng tràm", "Mật ong", "Khô cá",
                                           "Vận tải",     "Điện nước", "Muối",    "Cua biển"};
  static constexpr int kNameCount = sizeof(kNames) / sizeof(kNames[0]);
  static constexpr const char* kSectors[] = {"agriculture", "aquaculture", "services",
                                             "transport",   "forestry",    "trade"};
  static constexpr int kSectorCount = sizeof(kSectors) / sizeof(kSectors[0]);

  CommandList& list_;
  std::string aggregate_;
};

}  // namespace

void AddCooperatives(CommandList& list) {
  CooperativeBuilder builder(list);
  for (int i = 0; i < kCooperatives; ++i) builder.Cooperative(i);
}

std::vector<DemoCommand> CaMauDemoHistory() {
  CommandList list;
  AddCooperatives(list);
  AddGroupsAndHalls(list);
  AddProgrammes(list);
  return list.Take();
}

}  // namespace coop::demo
