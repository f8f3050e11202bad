// One cooperative's (or union's) life in the scale history: registration, then year by year
// membership and workforce reports, capital changes, annual reports, general meetings,
// ratings, inspections, trade fairs, suspensions, some dissolutions and re-addressing after
// the 2025 reform. Facts are planned first, sorted by date, then recorded in order through
// the decider; the programmes that name the cooperative follow (scale_coop_programmes.cc).
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/cooperative_events.pb.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "domain/cooperative/cooperative_checks.h"
#include "tools/scale/scale_coop_programmes.h"
#include "tools/scale/scale_writer.h"

namespace coop::scale {
namespace {

using absl::CivilDay;
using coop::v1::CooperativeEvent;
using Recorder = StreamRecorder<domain::CooperativeAggregate>;

// Registrations per year, per mille: about half the cooperatives predate 2016.
constexpr int kFirstRegistrationYear = 1997;
constexpr int kRegistrationWeights[] = {490, 45, 50, 58, 46, 44, 50, 58, 63, 60, 46};

struct Sector {
  const char* sector;
  const char* name;
  int weight;
};
constexpr Sector kSectors[] = {
    {"agriculture", "Nông nghiệp dịch vụ", 55},
    {"aquaculture", "Thủy sản", 8},
    {"services", "Dịch vụ tổng hợp", 9},
    {"transport", "Vận tải", 6},
    {"trade", "Thương mại", 5},
    {"construction", "Xây dựng", 4},
    {"handicraft", "Tiểu thủ công nghiệp", 5},
    {"forestry", "Lâm nghiệp", 2},
    {"environment", "Môi trường", 3},
    {"credit", "Quỹ tín dụng nhân dân", 3},
};

// Planned facts; some are completed from the state when they are recorded.
enum class Kind { kPlain, kMembersLeft, kTradeFair, kDuplicateReport, kTerminal };

struct Planned {
  CivilDay day;
  int order = 0;  // ties on a day: in the order they were planned
  Kind kind = Kind::kPlain;
  CooperativeEvent fact;
};

int64_t DrawMembers(Dice& dice, bool is_union) {
  if (is_union) return dice.Between(4, 14);
  const int64_t band = dice.Between(1, 100);
  if (band <= 60) return dice.Between(7, 30);
  if (band <= 90) return dice.Between(30, 150);
  if (band <= 99) return dice.Between(150, 1500);
  return dice.Between(1500, 8000);
}

coop::v1::MemberCounts CountsOf(int64_t members, bool typed, Dice& dice) {
  coop::v1::MemberCounts counts;
  if (!typed) {
    counts.set_official(members);
    return counts;
  }
  const int64_t contributing = members * dice.Between(0, 12) / 100;
  const int64_t non_contributing = members * dice.Between(0, 6) / 100;
  counts.set_official(std::max<int64_t>(5, members - contributing - non_contributing));
  counts.set_associate_contributing(contributing);
  counts.set_associate_non_contributing(non_contributing);
  return counts;
}

coop::v1::Workforce WorkforceOf(int64_t members, Dice& dice) {
  const int64_t working_members = members * dice.Between(15, 70) / 100;
  coop::v1::Workforce w;
  w.set_regular_workers(working_members + dice.Between(0, 12));
  w.set_of_which_members(working_members);
  return w;
}

int64_t RoundMillion(int64_t vnd) { return std::max<int64_t>(1, vnd / 1'000'000) * 1'000'000; }

std::string IdOf(const HistoryWriter& writer, int64_t index, bool is_union) {
  return writer.Id(absl::StrCat(is_union ? "union/" : "cooperative/", index));
}

class CooperativeLife {
 public:
  CooperativeLife(HistoryWriter& writer, int64_t index, bool is_union)
      : writer_(writer),
        index_(index),
        is_union_(is_union),
        dice_(writer.DiceFor(is_union ? "union" : "cooperative", index)),
        recorder_(writer.context(),
                  domain::CooperativeAggregate::StreamId(IdOf(writer, index, is_union))) {
    summary_.id = IdOf(writer, index, is_union);
  }

  absl::Status Write() {
    PlanRegistration();
    PlanLifecycle();
    for (int year = std::max<int>(2016, summary_.registered.year()); year <= 2025; ++year) {
      PlanYear(year);
    }
    PlanReaddress();
    if (auto st = RecordRegistration(); !st.ok()) return st;
    std::stable_sort(plan_.begin(), plan_.end(), [](const Planned& a, const Planned& b) {
      return a.day < b.day || (a.day == b.day && a.order < b.order);
    });
    for (auto& planned : plan_) {
      if (planned.day <= summary_.registered || planned.day > kLastDay) continue;
      if (planned.kind != Kind::kTerminal && planned.day >= summary_.ends) continue;
      if (auto st = RecordPlanned(planned); !st.ok()) return st;
    }
    if (auto st = writer_.Emit(recorder_); !st.ok()) return st;
    if (auto st = writer_.Emit(std::move(code_reservation_)); !st.ok()) return st;
    return WriteCooperativeProgrammes(writer_, summary_,
                                      is_union_ ? index_ + (int64_t{1} << 40) : index_);
  }

 private:
  void Plan(CivilDay day, CooperativeEvent fact, Kind kind = Kind::kPlain) {
    plan_.push_back({day, static_cast<int>(plan_.size()), kind, std::move(fact)});
  }

  void PlanRegistration() {
    int total = 0;
    for (int w : kRegistrationWeights) total += w;
    int pick = static_cast<int>(dice_.Between(1, total));
    int slot = 0;
    while (pick > kRegistrationWeights[slot]) pick -= kRegistrationWeights[slot++];
    if (slot == 0) {
      // Older cooperatives, more of them recent: the later of two draws.
      const CivilDay a = dice_.DayBetween(CivilDay(kFirstRegistrationYear, 1, 1), kFirstDay - 1);
      const CivilDay b = dice_.DayBetween(CivilDay(kFirstRegistrationYear, 1, 1), kFirstDay - 1);
      summary_.registered = std::max(a, b);
    } else {
      const int year = 2015 + slot;
      summary_.registered =
          dice_.DayBetween(CivilDay(year, 1, 2), std::min(CivilDay(year, 12, 28), kLastDay - 10));
    }
    int sector_total = 0;
    for (const auto& s : kSectors) sector_total += s.weight;
    int sector_pick = static_cast<int>(dice_.Between(1, sector_total));
    const Sector* sector = kSectors;
    while (sector_pick > sector->weight) sector_pick -= (sector++)->weight;
    summary_.sector = sector->sector;
    sector_name_ = sector->name;
    summary_.quality = static_cast<int>(dice_.Between(30, 95));
    weak_ = summary_.quality < 50;
    members_ = DrawMembers(dice_, is_union_);
    summary_.address = writer_.areas().CommuneOn(summary_.registered, dice_).commune;
  }

  absl::Status RecordRegistration() {
    const auto regime = domain::RegimeInForce(summary_.registered);
    CooperativeEvent fact;
    auto* r = fact.mutable_registered();
    r->set_cooperative_id(summary_.id);
    r->set_code(absl::StrCat(is_union_ ? 3900000000 : 4000000000, index_));
    r->set_kind(is_union_ ? coop::v1::COOPERATIVE_UNION : coop::v1::COOPERATIVE);
    r->set_name(absl::StrCat(is_union_ ? "Liên hiệp HTX " : "HTX ", sector_name_, " ",
                             summary_.address.code(), "-", index_ % 1000));
    r->set_law_regime(regime);
    r->set_registration_authority(is_union_ ? "Sở Kế hoạch và Đầu tư"
                                            : "Phòng Tài chính - Kế hoạch");
    *r->mutable_address() = summary_.address;
    capital_ = RoundMillion(members_ * dice_.Between(3, 60) * 1'000'000 * (is_union_ ? 10 : 1));
    r->set_charter_capital_vnd(capital_);
    r->set_largest_member_contribution_vnd(capital_ * dice_.Between(5, 20) / 100);
    *r->mutable_members() = CountsOf(members_, regime == coop::v1::LAW_2023, dice_);
    *r->mutable_workforce() = WorkforceOf(members_, dice_);
    r->set_legal_representative_ref(writer_.Id(absl::StrCat("person/", summary_.id)));
    r->add_business_lines(summary_.sector);
    if (dice_.Chance(40)) r->add_business_lines("trade");
    r->set_sector(summary_.sector);
    r->set_origin(coop::v1::ORIGIN_NEW);
    const std::string command_id = recorder_.NextCommandId();
    auto ids = recorder_.RecordCommand(command_id, summary_.registered, fact);
    if (!ids.ok()) return ids.status();
    code_reservation_ = writer_.CodeReservation(command_id, summary_.id, r->code(),
                                                summary_.registered, static_cast<int>(ids->size()));
    return absl::OkStatus();
  }

  // Suspensions, a tax revocation, and perhaps the end: drawn before the routine years so
  // that the years know when the cooperative stops.
  void PlanLifecycle() {
    const CivilDay earliest = std::max(summary_.registered + 365, kFirstDay + 60);
    if (earliest < kLastDay - 90 && dice_.Chance(weak_ ? 22 : 4)) {
      const CivilDay start = dice_.DayBetween(earliest, kLastDay - 60);
      summary_.ends = start;
      CooperativeEvent fact;
      if (dice_.Chance(30)) {
        auto* revoked = fact.mutable_certificate_revoked();
        revoked->set_grounds("Không hoạt động sản xuất, kinh doanh 12 tháng liên tục");
        revoked->set_decision(absl::StrCat(dice_.Between(10, 999), "/QĐ-UBND"));
      } else {
        fact.mutable_dissolution_started()->set_kind(coop::v1::VOLUNTARY);
        fact.mutable_dissolution_started()->set_resolution("Nghị quyết Đại hội thành viên");
      }
      Plan(start, fact, Kind::kTerminal);
      CooperativeEvent completed;
      completed.mutable_dissolution_completed();
      // Completed before the calendar ends it by itself 6 months on (COOP-17).
      Plan(std::min(start + dice_.Between(60, 183), domain::AddMonths(start, 6) - 1), completed,
           Kind::kTerminal);
    } else if (earliest < kLastDay - 200 && dice_.Chance(1)) {
      const CivilDay revoked_on = dice_.DayBetween(earliest, kLastDay - 200);
      CooperativeEvent revoke;
      revoke.mutable_certificate_revoked()->set_grounds("Không thực hiện nghĩa vụ thuế");
      revoke.mutable_certificate_revoked()->set_decision(
          absl::StrCat(dice_.Between(10, 999), "/QĐ-CCT"));
      revoke.mutable_certificate_revoked()->set_for_tax_enforcement(true);
      Plan(revoked_on, revoke);
      CooperativeEvent restore;
      restore.mutable_certificate_restored()->set_reason("Đã hoàn thành nghĩa vụ thuế");
      Plan(revoked_on + dice_.Between(60, 200), restore);
    }
    // Suspension episodes, never overlapping.
    CivilDay free_from = earliest;
    for (int year = std::max<int>(2016, earliest.year()); year <= 2025; ++year) {
      if (!dice_.Chance(weak_ ? 9 : 2)) continue;
      const CivilDay from = dice_.DayBetween(CivilDay(year, 1, 1), CivilDay(year, 12, 31));
      if (from < free_from || from >= std::min(summary_.ends, kLastDay)) continue;
      CivilDay until = domain::AddMonths(from, static_cast<int>(dice_.Between(3, 12)));
      CooperativeEvent suspend;
      suspend.mutable_suspended()->set_from(domain::FormatDate(from));
      suspend.mutable_suspended()->set_until(domain::FormatDate(until));
      suspend.mutable_suspended()->set_reason(dice_.Chance(50) ? "Thiếu vốn hoạt động"
                                                               : "Thị trường tiêu thụ khó khăn");
      Plan(from, suspend);
      if (dice_.Chance(25)) {
        const CivilDay extended_on = until - dice_.Between(5, 20);
        until = domain::AddMonths(until, static_cast<int>(dice_.Between(2, 12)));
        CooperativeEvent extend;
        extend.mutable_suspension_extended()->set_until(domain::FormatDate(until));
        Plan(std::max(extended_on, from + 1), extend);
      }
      suspensions_.push_back({from, until});
      // Most resume in the notice's last days; the others let it run out (COOP-18): a resume
      // after the last day would be refused.
      if (dice_.Chance(70)) {
        CooperativeEvent resume;
        resume.mutable_resumed();
        Plan(std::max(until - dice_.Between(0, 10), from + 2), resume);
      }
      free_from = until + 30;
    }
  }

  int64_t SuspendedDaysIn(int year) const {
    int64_t days = 0;
    for (const auto& [from, until] : suspensions_) {
      const CivilDay a = std::max(from, CivilDay(year, 1, 1));
      const CivilDay b = std::min(until, CivilDay(year, 12, 31));
      if (b >= a) days += b - a + 1;
    }
    return days;
  }

  void PlanYear(int year) {
    const bool law_2023 = CivilDay(year, 7, 1) >= kLaw2023 && !is_union_;
    // Quarterly statistics: members and workers.
    for (const CivilDay day : {dice_.DayBetween(CivilDay(year, 3, 20), CivilDay(year, 3, 31)),
                               dice_.DayBetween(CivilDay(year, 6, 20), CivilDay(year, 6, 30)),
                               dice_.DayBetween(CivilDay(year, 9, 20), CivilDay(year, 9, 30)),
                               dice_.DayBetween(CivilDay(year, 12, 1), CivilDay(year, 12, 10))}) {
      if (weak_ && dice_.Chance(35)) continue;
      const int64_t floor = is_union_ ? 4 : 7;
      members_ = std::max<int64_t>(
          floor, members_ + members_ * dice_.Between(-6, 9) / 100 + dice_.Between(-1, 2));
      CooperativeEvent membership;
      *membership.mutable_membership_reported()->mutable_members() =
          CountsOf(members_, law_2023, dice_);
      const bool duplicate = year >= 2017 && dice_.Chance(0.12);
      Plan(day, membership, duplicate ? Kind::kDuplicateReport : Kind::kPlain);
      CooperativeEvent workforce;
      *workforce.mutable_workforce_reported()->mutable_workforce() = WorkforceOf(members_, dice_);
      Plan(day, workforce);
    }
    if (dice_.Chance(70)) {
      CooperativeEvent admitted;
      admitted.mutable_members_admitted()->mutable_members()->set_official(
          dice_.Between(1, members_ / 20 + 2));
      Plan(dice_.DayBetween(CivilDay(year, 1, 5), CivilDay(year, 11, 25)), admitted);
    }
    if (dice_.Chance(45)) {
      CooperativeEvent left;
      left.mutable_members_left()->mutable_members()->set_official(
          dice_.Between(1, members_ / 25 + 1));
      Plan(dice_.DayBetween(CivilDay(year, 1, 5), CivilDay(year, 11, 25)), left,
           Kind::kMembersLeft);
    }
    if (dice_.Chance(22)) {
      capital_ = RoundMillion(capital_ * dice_.Between(90, 140) / 100);
      CooperativeEvent capital;
      capital.mutable_charter_capital_changed()->set_charter_capital_vnd(capital_);
      capital.mutable_charter_capital_changed()->set_largest_member_contribution_vnd(
          capital_ * dice_.Between(5, 20) / 100);
      Plan(dice_.DayBetween(CivilDay(year, 2, 1), CivilDay(year, 11, 30)), capital);
    }
    if (dice_.Chance(4)) {
      CooperativeEvent change;
      change.mutable_registration_changed()->set_legal_representative_ref(
          writer_.Id(absl::StrCat("person/", summary_.id, "/", year)));
      Plan(dice_.DayBetween(CivilDay(year, 3, 1), CivilDay(year, 10, 31)), change);
    }
    // The annual report: due 15 January of the next year until 2018, 15 December from 2019.
    if (dice_.Chance(weak_ ? 55 : 92)) {
      CooperativeEvent report;
      report.mutable_annual_report_submitted()->set_year(year);
      const bool late = dice_.Chance(weak_ ? 30 : 8);
      CivilDay day;
      if (year <= 2018) {
        day = late ? dice_.DayBetween(CivilDay(year + 1, 1, 16), CivilDay(year + 1, 3, 31))
                   : dice_.DayBetween(CivilDay(year + 1, 1, 2), CivilDay(year + 1, 1, 15));
      } else {
        day = late ? dice_.DayBetween(CivilDay(year, 12, 15), CivilDay(year + 1, 1, 31))
                   : dice_.DayBetween(CivilDay(year, 11, 20), CivilDay(year, 12, 14));
      }
      Plan(day, report);
    }
    // The annual general meeting reviews the year within 3 (2012 law) or 4 months after it.
    if (year <= 2024 && dice_.Chance(weak_ ? 60 : 93)) {
      CooperativeEvent meeting;
      meeting.mutable_general_meeting_held()->set_fiscal_year(year);
      const int last_month = year >= 2024 ? 4 : 3;
      const CivilDay day =
          dice_.Chance(weak_ ? 25 : 5)
              ? dice_.DayBetween(CivilDay(year + 1, last_month + 1, 1), CivilDay(year + 1, 8, 31))
              : dice_.DayBetween(CivilDay(year + 1, 1, 10), CivilDay(year + 1, last_month, 28));
      Plan(day, meeting);
    }
    // Rated for a year it existed in at least 12 months and was not stopped > 3 months.
    const bool agricultural = summary_.sector == "agriculture" || summary_.sector == "aquaculture";
    if (year <= 2024 && domain::OldEnoughToRate(summary_.registered, CivilDay(year, 12, 31)) &&
        (year >= 2019 || (agricultural && year >= 2017)) && SuspendedDaysIn(year) <= 90 &&
        dice_.Chance(80)) {
      const double score = std::clamp<double>(
          static_cast<double>(summary_.quality * 10 + dice_.Between(-90, 90)) / 10.0, 0, 100);
      CooperativeEvent rating;
      auto* rated = rating.mutable_rated();
      rated->set_year(year);
      rated->set_regulation(agricultural && (year < 2019 || dice_.Chance(30)) ? "09/2017/TT-BNNPTNT"
                                                                              : "01/2020/TT-BKHĐT");
      rated->set_score(score);
      rated->set_grade(domain::GradeOfScore(score));
      Plan(dice_.DayBetween(CivilDay(year + 1, 1, 15), CivilDay(year + 1, 3, 31)), rating);
    }
    if (dice_.Chance(weak_ ? 15 : 7)) {
      CooperativeEvent inspection;
      auto* inspected = inspection.mutable_inspected();
      inspected->set_body(year == 2025 ? "Sở Tài chính" : "Phòng Tài chính - Kế hoạch");
      inspected->set_basis("Tuân thủ Luật Hợp tác xã");
      inspected->set_compliant(dice_.Chance(weak_ ? 45 : 85));
      inspected->set_findings(inspected->compliant()
                                  ? "Không phát hiện vi phạm"
                                  : "Chưa tổ chức Đại hội thành viên thường niên");
      if (!inspected->compliant()) inspected->set_follow_up("Khắc phục trong 3 tháng");
      Plan(dice_.DayBetween(CivilDay(year, 4, 1), CivilDay(year, 11, 30)), inspection);
    }
    if (!weak_ && dice_.Chance(7)) {
      CooperativeEvent fair;
      fair.mutable_attended_trade_fair()->set_fair(
          absl::StrCat("Hội chợ xúc tiến thương mại và sản phẩm OCOP ", year));
      Plan(dice_.DayBetween(CivilDay(year, 3, 1), CivilDay(year, 11, 30)), fair, Kind::kTradeFair);
    }
    if (year >= 2018 && summary_.quality >= 85 && !model_ && dice_.Chance(4)) {
      model_ = true;
      CooperativeEvent model;
      model.mutable_designated_model()->set_year(year);
      model.mutable_designated_model()->set_decision(
          absl::StrCat(dice_.Between(10, 999), "/QĐ-UBND"));
      Plan(dice_.DayBetween(CivilDay(year, 4, 1), CivilDay(year, 6, 30)), model);
    }
  }

  // After the reform some offices re-address their cooperatives to the new communes.
  void PlanReaddress() {
    if (summary_.registered >= kReform || !dice_.Chance(40)) return;
    auto successor = writer_.areas().SuccessorOf(summary_.address, dice_);
    if (!successor) return;
    summary_.readdressed_on = dice_.DayBetween(CivilDay(2025, 7, 15), CivilDay(2025, 12, 20));
    summary_.new_address = successor->commune;
    CooperativeEvent change;
    *change.mutable_registration_changed()->mutable_address() = successor->commune;
    Plan(summary_.readdressed_on, change);
  }

  absl::Status RecordPlanned(Planned& planned) {
    switch (planned.kind) {
      case Kind::kMembersLeft: {
        const int64_t official = recorder_.state().members.official();
        const int64_t leaving =
            std::min(planned.fact.members_left().members().official(), official - 1);
        if (leaving <= 0) return absl::OkStatus();
        planned.fact.mutable_members_left()->mutable_members()->set_official(leaving);
        break;
      }
      case Kind::kTradeFair: {
        const Place* place = writer_.areas().Find(recorder_.state().address);
        if (place == nullptr) return absl::OkStatus();
        if (place->province.unit_set() == "2025-03" && planned.day >= kReform) {
          return absl::OkStatus();  // not re-addressed yet: no province of the day to name
        }
        *planned.fact.mutable_attended_trade_fair()->mutable_area() = place->province;
        break;
      }
      case Kind::kDuplicateReport: {
        // Entered twice, the second time with a wrong figure; the office voids it.
        if (auto ids = recorder_.Record(planned.day, planned.fact); !ids.ok()) return ids.status();
        const auto before = recorder_.state();
        auto wrong = planned.fact;
        auto* members = wrong.mutable_membership_reported()->mutable_members();
        members->set_official(members->official() * 10);
        auto ids = recorder_.Record(planned.day, wrong);
        if (!ids.ok()) return ids.status();
        recorder_.Void(ids->front(), "Báo cáo nhập trùng, sai số liệu", before);
        return absl::OkStatus();
      }
      default:
        break;
    }
    return recorder_.Record(planned.day, planned.fact).status();
  }

  HistoryWriter& writer_;
  const int64_t index_;
  const bool is_union_;
  Dice dice_;
  CooperativeSummary summary_;
  Recorder recorder_;
  coop::v1::StreamAppend code_reservation_;
  std::vector<Planned> plan_;
  std::vector<std::pair<CivilDay, CivilDay>> suspensions_;
  const char* sector_name_ = "";
  bool weak_ = false;
  bool model_ = false;
  int64_t members_ = 0;
  int64_t capital_ = 0;
};

}  // namespace

absl::Status WriteCooperative(HistoryWriter& writer, int64_t index, bool is_union) {
  writer.BeginEntity();
  return CooperativeLife(writer, index, is_union).Write();
}

}  // namespace coop::scale
