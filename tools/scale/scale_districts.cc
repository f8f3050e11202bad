// Area-level records of the scale history: each district's classes and annual plans over the
// ten years (after the reform, its classes count in the province that took it over), and the
// 2026 plans of the 2025-07 provinces.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/plan_events.pb.h"
#include "domain/programs/class_aggregate.h"
#include "domain/programs/plan_aggregate.h"
#include "tools/scale/scale_writer.h"

namespace coop::scale {
namespace {

using absl::CivilDay;

struct ClassKindInfo {
  coop::v1::ClassKind kind;
  const char* title;
  int per_year;  // at most, per district
};
constexpr ClassKindInfo kClassKinds[] = {
    {coop::v1::STATE_MANAGEMENT_TRAINING, "Bồi dưỡng quản lý nhà nước về kinh tế tập thể", 1},
    {coop::v1::PROPAGANDA, "Tuyên truyền Luật Hợp tác xã", 3},
    {coop::v1::VOCATIONAL, "Truyền nghề cho thành viên HTX", 2},
    {coop::v1::MEMBER_MANAGER_TRAINING, "Tập huấn cán bộ quản lý HTX", 1},
};

coop::v1::PlanTarget Target(coop::v1::PlanIndicator indicator, int64_t value,
                            bool per_commune = false) {
  coop::v1::PlanTarget target;
  target.set_indicator(indicator);
  target.set_comparison(coop::v1::AT_LEAST);
  target.set_value(value);
  target.set_per_commune(per_commune);
  return target;
}

absl::Status WritePlan(HistoryWriter& writer, Dice& dice, const coop::v1::Area& area, int year,
                       CivilDay set_on, CivilDay last_revision) {
  const std::string id = domain::PlanAggregate::PlanId(area, year);
  StreamRecorder<domain::PlanAggregate> plan(writer.context(), domain::PlanAggregate::StreamId(id));
  coop::v1::PlanEvent fact;
  auto* t = fact.mutable_targets_set();
  *t->mutable_area() = area;
  t->set_year(year);
  t->set_decision(absl::StrCat(dice.Between(10, 300), "/KH-UBND"));
  *t->add_targets() = Target(coop::v1::NEW_COOPERATIVES, dice.Between(1, 4));
  *t->add_targets() = Target(coop::v1::NEW_GROUPS, 1, true);
  *t->add_targets() = Target(coop::v1::TRAINING_CLASSES, dice.Between(2, 6));
  *t->add_targets() = Target(coop::v1::COOPERATIVES_AT_TRADE_FAIRS, 1);
  if (year >= 2019) *t->add_targets() = Target(coop::v1::COOPERATIVES_IN_OCOP, dice.Between(1, 3));
  if (dice.Chance(60)) *t->add_targets() = Target(coop::v1::GRADUATES_PLACED, 1);
  if (dice.Chance(50)) *t->add_targets() = Target(coop::v1::MODEL_COOPERATIVES, 1);
  if (auto st = plan.Record(set_on, fact); !st.ok()) return st.status();
  if (dice.Chance(10) && last_revision > set_on) {
    // Revised mid-year: a higher target for new cooperatives.
    t->mutable_targets(0)->set_value(t->targets(0).value() + 1);
    if (auto st = plan.Record(dice.DayBetween(set_on + 1, last_revision), fact); !st.ok()) {
      return st.status();
    }
  }
  return writer.Emit(plan);
}

}  // namespace

absl::Status WriteDistrictProgrammes(HistoryWriter& writer, const Place& district, int64_t index) {
  Dice dice = writer.DiceFor("district", index);
  // Where the district's classes count after the reform: the province of its first commune's
  // successor.
  const auto successor = writer.areas().SuccessorOf(district.commune, dice);
  for (int year = 2016; year <= 2025; ++year) {
    const CivilDay set_on = dice.DayBetween(CivilDay(year, 1, 5), CivilDay(year, 2, 10));
    if (auto st = WritePlan(writer, dice, district.district, year, set_on, CivilDay(year, 6, 30));
        !st.ok()) {
      return st;
    }
    for (const auto& info : kClassKinds) {
      const int64_t classes = dice.Between(0, info.per_year);
      for (int64_t n = 0; n < classes; ++n) {
        const CivilDay start = dice.DayBetween(CivilDay(year, 2, 15), CivilDay(year, 12, 10));
        const CivilDay end = start + dice.Between(0, info.kind == coop::v1::VOCATIONAL ? 20 : 2);
        coop::v1::Area area = district.district;
        std::string organiser = "Phòng Tài chính - Kế hoạch huyện";
        if (start >= kReform) {
          if (!successor) continue;
          area = successor->province;
          organiser = "Liên minh Hợp tác xã tỉnh";
        }
        if (end > kLastDay || (start < kReform && end >= kReform)) continue;
        const std::string id = writer.Id(
            absl::StrCat("class/", index, "/", year, "/", static_cast<int>(info.kind), "/", n));
        StreamRecorder<domain::ClassAggregate> recorder(writer.context(),
                                                        domain::ClassAggregate::StreamId(id));
        coop::v1::ClassEvent fact;
        auto* held = fact.mutable_held();
        held->set_class_id(id);
        held->set_kind(info.kind);
        held->set_title(absl::StrCat(info.title, " năm ", year));
        held->set_organiser(organiser);
        held->set_start_date(domain::FormatDate(start));
        held->set_end_date(domain::FormatDate(end));
        *held->mutable_area() = area;
        auto* p = held->mutable_participants();
        if (info.kind == coop::v1::STATE_MANAGEMENT_TRAINING) {
          p->set_officials(dice.Between(20, 80));
        } else if (info.kind == coop::v1::PROPAGANDA) {
          p->set_members(dice.Between(30, 150));
          p->set_farmers(dice.Between(20, 200));
        } else {
          p->set_managers(dice.Between(5, 40));
          p->set_members(dice.Between(10, 60));
        }
        held->set_budget_vnd(dice.Between(10, 150) * 1'000'000);
        if (auto st = recorder.Record(start, fact); !st.ok()) return st.status();
        if (auto st = writer.Emit(recorder); !st.ok()) return st;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status WriteProvincePlan(HistoryWriter& writer, const Place& province, int64_t index) {
  Dice dice = writer.DiceFor("province", index);
  const CivilDay set_on = dice.DayBetween(CivilDay(2025, 12, 1), CivilDay(2025, 12, 20));
  return WritePlan(writer, dice, province.province, 2026, set_on, kLastDay);
}

}  // namespace coop::scale
