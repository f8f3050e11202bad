// Cooperative groups (THT) and community halls (hội quán) in the scale history. A group is
// formed, notified to the commune (before 1 July 2024) or registered (after), changes its
// members, may suspend, terminate at the end of its contract, or convert to a cooperative; a
// hall is founded, changes its members and may be formalised as a group.
#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/hall/hall_aggregate.h"
#include "tools/scale/scale_writer.h"

namespace coop::scale {
namespace {

using absl::CivilDay;
using coop::v1::GroupEvent;

constexpr const char* kActivities[] = {"rice",   "shrimp farming", "vegetables", "fruit trees",
                                       "cattle", "handicraft",     "fishing",    "mushrooms"};
constexpr const char* kActivityNames[] = {"sản xuất lúa",       "nuôi tôm",     "trồng rau",
                                          "cây ăn trái",        "chăn nuôi bò", "đan lát",
                                          "khai thác thủy sản", "trồng nấm"};

struct PlannedGroupFact {
  CivilDay day;
  int order = 0;
  bool terminal = false;
  GroupEvent fact;
};

bool InForce(const coop::v1::Area& area, CivilDay day) {
  return area.unit_set() == (day < kReform ? "2025-03" : "2025-07");
}

class GroupLife {
 public:
  GroupLife(HistoryWriter& writer, const GroupStart& start)
      : writer_(writer),
        start_(start),
        dice_(writer.DiceFor("group-life", start.index)),
        recorder_(writer.context(), domain::GroupAggregate::StreamId(start.group_id)) {}

  absl::Status Write() {
    const size_t activity = dice_.Index(std::size(kActivities));
    int64_t members = dice_.Between(3, 30);
    GroupEvent formed;
    auto* f = formed.mutable_formed();
    f->set_group_id(start_.group_id);
    f->set_name(absl::StrCat("Tổ hợp tác ", kActivityNames[activity], " ", start_.index % 997));
    const bool fixed_term = dice_.Chance(55);
    const int term = fixed_term ? static_cast<int>(dice_.Between(1, 5)) * 12 : 0;
    f->set_term_months(term);
    f->set_no_fixed_term(!fixed_term);
    *f->mutable_address() = start_.address;
    f->set_members(members);
    f->set_has_capital_contributions(dice_.Chance(45));
    f->set_representative_ref(writer_.Id(absl::StrCat("person/", start_.group_id)));
    f->add_activities(kActivities[activity]);
    if (!start_.origin_hall_id.empty()) {
      f->set_origin(coop::v1::GROUP_ORIGIN_FORMALISED_HALL);
      f->set_origin_hall_id(start_.origin_hall_id);
    } else {
      f->set_origin(coop::v1::GROUP_ORIGIN_NEW);
    }
    if (auto st = recorder_.Record(start_.formed, formed); !st.ok()) return st.status();
    if (start_.after_formed) {
      if (auto st = start_.after_formed(); !st.ok()) return st;
    }

    // Notified under the decree of the day, or registered under the 2023 law.
    const CivilDay notice = start_.formed + dice_.Between(3, 30);
    CivilDay certificate(9999, 12, 31);
    if (notice < kLaw2023) {
      GroupEvent notified;
      notified.mutable_notified()->set_decree(notice < kDecree77 ? coop::v1::GROUP_DECREE_151_2007
                                                                 : coop::v1::GROUP_DECREE_77_2019);
      notified.mutable_notified()->set_authority("UBND xã");
      notified.mutable_notified()->set_reference(absl::StrCat(dice_.Between(1, 300), "/TB-UBND"));
      Plan(notice, notified);
      // Groups with capital and a long contract must register within 18 months of the law.
      if (f->has_capital_contributions() && (term == 0 || term >= 12) && dice_.Chance(55)) {
        certificate = dice_.DayBetween(std::max(kLaw2023, notice + 1), kLastDay - 5);
      }
    } else {
      certificate = notice;
    }
    if (certificate <= kLastDay) {
      GroupEvent registered;
      registered.mutable_registered()->set_certificate_number(
          absl::StrCat("THT-", 100000 + start_.index % 900000));
      registered.mutable_registered()->set_authority("UBND xã");
      Plan(certificate, registered);
    }
    // How it ends, if it does.
    if (fixed_term && dice_.Chance(50)) {
      ends_ = domain::AddMonths(start_.formed, term) + dice_.Between(0, 30);
      GroupEvent terminated;
      terminated.mutable_terminated()->set_reason("Hết thời hạn hợp đồng hợp tác");
      Plan(ends_, terminated, true);
    } else if (certificate <= CivilDay(2024, 12, 31) && dice_.Chance(4)) {
      const CivilDay day = domain::AddMonths(certificate, 12) + dice_.Between(1, 120);
      if (day <= kLastDay - 5) {
        ends_ = day;
        converted_on_ = day;
        GroupEvent converted;
        converted.mutable_converted_to_cooperative()->set_cooperative_id(
            writer_.Id(absl::StrCat("cooperative/from-group/", start_.group_id)));
        converted.mutable_converted_to_cooperative()->set_all_members_agreed(true);
        Plan(day, converted, true);
      }
    } else if (dice_.Chance(12)) {
      ends_ = dice_.DayBetween(notice + 200, std::max(notice + 200, kLastDay));
      GroupEvent terminated;
      terminated.mutable_terminated()->set_reason("Không còn nhu cầu hợp tác");
      Plan(ends_, terminated, true);
    }
    CivilDay free_from = notice + 30;
    for (int year = std::max<int>(2016, start_.formed.year()); year <= 2025; ++year) {
      if (dice_.Chance(60)) {
        const CivilDay day = dice_.DayBetween(CivilDay(year, 12, 1), CivilDay(year, 12, 10));
        members = std::max<int64_t>(3, members + dice_.Between(-2, 3));
        GroupEvent change;
        change.mutable_members_changed()->set_members(members);
        Plan(day, change);
      }
      if (dice_.Chance(3)) {
        GroupEvent change;
        change.mutable_changed()->set_representative_ref(
            writer_.Id(absl::StrCat("person/", start_.group_id, "/", year)));
        Plan(dice_.DayBetween(CivilDay(year, 2, 1), CivilDay(year, 10, 31)), change);
      }
      if (dice_.Chance(1.5)) {
        const CivilDay from = dice_.DayBetween(CivilDay(year, 1, 1), CivilDay(year, 11, 30));
        if (from >= free_from) {
          const CivilDay until = from + dice_.Between(20, 180);
          GroupEvent suspend;
          suspend.mutable_suspended()->set_until(domain::FormatDate(until));
          suspend.mutable_suspended()->set_reason("Mùa vụ thất bát");
          Plan(from, suspend);
          // Resumed on its last day: the day after, it has run out (GROUP-14).
          GroupEvent resume;
          resume.mutable_resumed();
          Plan(until, resume);
          free_from = until + 30;
        }
      }
    }
    if (start_.formed < kReform && dice_.Chance(20)) {
      if (auto successor = writer_.areas().SuccessorOf(start_.address, dice_)) {
        readdressed_on_ = dice_.DayBetween(CivilDay(2025, 7, 15), CivilDay(2025, 12, 20));
        new_address_ = successor->commune;
        GroupEvent change;
        *change.mutable_changed()->mutable_address() = new_address_;
        Plan(readdressed_on_, change);
      }
    }
    std::stable_sort(plan_.begin(), plan_.end(), [](const auto& a, const auto& b) {
      return a.day < b.day || (a.day == b.day && a.order < b.order);
    });
    for (const auto& planned : plan_) {
      if (planned.day <= start_.formed || planned.day > kLastDay) continue;
      if (!planned.terminal && planned.day >= ends_) continue;
      // A resumption that a termination overtook.
      if (planned.fact.has_resumed() &&
          recorder_.state().status != domain::GroupStatus::kSuspended) {
        continue;
      }
      // A conversion in its pinned order (LINK-04): the cooperative's registration first.
      if (planned.fact.has_converted_to_cooperative()) {
        auto registered = RegisterConverted(members);
        if (!registered.ok()) return registered.status();
        if (!*registered) break;  // no commune to register it in: the group falls silent
      }
      if (auto st = recorder_.Record(planned.day, planned.fact); !st.ok()) return st.status();
    }
    if (auto st = writer_.Emit(recorder_); !st.ok()) return st;
    if (converted_.has_value()) return EmitConverted();
    return absl::OkStatus();
  }

 private:
  void Plan(CivilDay day, GroupEvent fact, bool terminal = false) {
    plan_.push_back({day, static_cast<int>(plan_.size()), terminal, std::move(fact)});
  }

  // The cooperative the group becomes, registered before the group's conversion names it: it
  // keeps the group as its origin. False when there is no commune in force to register it in.
  absl::StatusOr<bool> RegisterConverted(int64_t members) {
    const std::string id = writer_.Id(absl::StrCat("cooperative/from-group/", start_.group_id));
    coop::v1::Area address = converted_on_ >= readdressed_on_ ? new_address_ : start_.address;
    if (!InForce(address, converted_on_)) {
      auto successor = writer_.areas().SuccessorOf(address, dice_);
      if (!successor) return false;
      address = successor->commune;
    }
    auto& coop = converted_.emplace(writer_.context(), domain::CooperativeAggregate::StreamId(id));
    coop::v1::CooperativeEvent fact;
    auto* r = fact.mutable_registered();
    r->set_cooperative_id(id);
    r->set_code(absl::StrCat(5000000000 + start_.index % 1000000000));
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name(absl::StrCat("HTX (từ ", recorder_.state().name, ")"));
    r->set_law_regime(coop::v1::LAW_2023);
    r->set_registration_authority("UBND xã");
    *r->mutable_address() = address;
    const int64_t official = std::max<int64_t>(5, members);
    r->mutable_members()->set_official(official);
    r->set_charter_capital_vnd(official * dice_.Between(5, 30) * 1'000'000);
    r->set_largest_member_contribution_vnd(r->charter_capital_vnd() / 10);
    r->mutable_workforce()->set_regular_workers(official);
    r->mutable_workforce()->set_of_which_members(official);
    r->set_legal_representative_ref(writer_.Id(absl::StrCat("person/", id)));
    r->set_sector("agriculture");
    r->add_business_lines("agriculture");
    r->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
    r->set_origin_group_id(start_.group_id);
    const std::string command_id = coop.NextCommandId();
    auto ids = coop.RecordCommand(command_id, converted_on_, fact);
    if (!ids.ok()) return ids.status();
    reservation_ = writer_.CodeReservation(command_id, id, r->code(), converted_on_,
                                           static_cast<int>(ids->size()));
    official_ = official;
    return true;
  }

  // The converted cooperative's first report, then its stream and its code's reservation.
  absl::Status EmitConverted() {
    const CivilDay report = std::max(converted_on_ + 1, CivilDay(2025, 12, 5));
    if (report <= kLastDay) {
      coop::v1::CooperativeEvent membership;
      membership.mutable_membership_reported()->mutable_members()->set_official(official_ + 1);
      if (auto st = converted_->Record(report, membership); !st.ok()) return st.status();
    }
    if (auto st = writer_.Emit(*converted_); !st.ok()) return st;
    return writer_.Emit(std::move(reservation_));
  }

  HistoryWriter& writer_;
  const GroupStart start_;
  Dice dice_;
  StreamRecorder<domain::GroupAggregate> recorder_;
  std::vector<PlannedGroupFact> plan_;
  CivilDay ends_ = CivilDay(9999, 12, 31);
  CivilDay converted_on_ = CivilDay(9999, 12, 31);
  // The cooperative it converts to, once registered, with its code's reservation.
  std::optional<StreamRecorder<domain::CooperativeAggregate>> converted_;
  coop::v1::StreamAppend reservation_;
  int64_t official_ = 0;
  CivilDay readdressed_on_ = CivilDay(9999, 12, 31);
  coop::v1::Area new_address_;
};

constexpr const char* kHallFields[] = {"rice",       "shrimp farming", "fruit trees",
                                       "vegetables", "cattle",         "bees"};

}  // namespace

absl::Status WriteGroupLife(HistoryWriter& writer, const GroupStart& start) {
  return GroupLife(writer, start).Write();
}

absl::Status WriteGroup(HistoryWriter& writer, int64_t index) {
  writer.BeginEntity();
  Dice dice = writer.DiceFor("group", index);
  GroupStart start;
  start.index = index;
  start.group_id = writer.Id(absl::StrCat("group/", index));
  start.formed = dice.Chance(35) ? dice.DayBetween(CivilDay(2008, 1, 1), kFirstDay - 1)
                                 : dice.DayBetween(kFirstDay + 1, kLastDay - 10);
  start.address = writer.areas().CommuneOn(start.formed, dice).commune;
  return WriteGroupLife(writer, start);
}

absl::Status WriteHall(HistoryWriter& writer, int64_t index) {
  writer.BeginEntity();
  Dice dice = writer.DiceFor("hall", index);
  const std::string id = writer.Id(absl::StrCat("hall/", index));
  StreamRecorder<domain::HallAggregate> hall(writer.context(), domain::HallAggregate::StreamId(id));
  const CivilDay founded = dice.DayBetween(CivilDay(2016, 3, 1), kLastDay - 15);
  const Place& place = writer.areas().CommuneOn(founded, dice);
  coop::v1::HallEvent found;
  auto* f = found.mutable_founded();
  f->set_hall_id(id);
  const size_t field = dice.Index(std::size(kHallFields));
  f->set_name(absl::StrCat("Hội quán ", kHallFields[field], " ", index % 997));
  *f->mutable_address() = place.commune;
  f->set_hamlet(absl::StrCat("Ấp ", dice.Between(1, 12)));
  f->set_field(kHallFields[field]);
  int64_t members = dice.Between(15, 80);
  f->set_members(members);
  if (auto st = hall.Record(founded, found); !st.ok()) return st.status();
  const bool formalises = dice.Chance(5);
  const CivilDay formalised_on = founded + dice.Between(365, 1500);
  for (int year = founded.year(); year <= 2025; ++year) {
    const CivilDay day = dice.DayBetween(CivilDay(year, 12, 1), CivilDay(year, 12, 20));
    if (day <= founded || (formalises && day >= formalised_on) || !dice.Chance(50)) continue;
    members = std::max<int64_t>(5, members + dice.Between(-5, 10));
    coop::v1::HallEvent change;
    change.mutable_members_changed()->set_members(members);
    if (auto st = hall.Record(day, change); !st.ok()) return st.status();
  }
  if (formalises && formalised_on <= kLastDay - 10) {
    GroupStart start;
    start.index = (int64_t{1} << 40) + index;
    start.group_id = writer.Id(absl::StrCat("group/from-hall/", id));
    start.formed = formalised_on;
    start.address = place.commune;
    start.origin_hall_id = id;
    if (!InForce(start.address, formalised_on)) {
      auto successor = writer.areas().SuccessorOf(start.address, dice);
      if (!successor) return writer.Emit(hall);
      start.address = successor->commune;
    }
    // The group's formation names the hall first, then the hall's formalisation names the
    // group (LINK-05).
    start.after_formed = [&]() -> absl::Status {
      coop::v1::HallEvent formalised;
      formalised.mutable_formalised()->set_formalised_as(coop::v1::HALL_AS_GROUP);
      formalised.mutable_formalised()->set_new_aggregate_id(start.group_id);
      if (auto st = hall.Record(formalised_on, formalised); !st.ok()) return st.status();
      return writer.Emit(hall);
    };
    return WriteGroupLife(writer, start);
  }
  return writer.Emit(hall);
}

}  // namespace coop::scale
