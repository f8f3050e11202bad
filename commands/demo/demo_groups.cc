// The demo's cooperative groups (THT) and community halls (hội quán), and one group that
// converts to a cooperative.
#include "commands/demo/demo_builder.h"
#include "coop/v1/registry.pb.h"

namespace coop::demo {
namespace {

using absl::CivilDay;

constexpr int kGroups = 420;
constexpr int kHalls = 40;
const CivilDay kDecree77(2019, 11, 25);
const CivilDay kLaw2023(2024, 7, 1);

void Group(CommandList& list, int i, Dice& dice) {
  const std::string id = DemoUuid(absl::StrCat("group/", i));
  const CivilDay formed = dice.DayBetween(kFirstDay, kLastDay - 120);
  int64_t members = dice.Between(5, 25);
  coop::v1::FormCooperativeGroupRequest form;
  auto* f = form.mutable_formed();
  f->set_group_id(id);
  f->set_name(absl::StrCat("Tổ hợp tác ", i % 2 ? "nuôi tôm " : "sản xuất lúa ", i + 1));
  f->set_term_months(dice.Chance(70) ? 36 : 0);
  f->set_no_fixed_term(f->term_months() == 0);
  *f->mutable_address() = CommuneOn(formed, dice);
  f->set_members(members);
  f->set_has_capital_contributions(dice.Chance(40));
  f->set_representative_ref(DemoUuid(absl::StrCat("person/group/", i)));
  f->add_activities(i % 2 ? "shrimp farming" : "rice");
  list.Add("Registry", "FormCooperativeGroup", id, formed, form);

  // Notified to the commune under the decree of the day, or registered under the 2023 law.
  const CivilDay notice = formed + 10;
  if (notice < kLaw2023) {
    coop::v1::NotifyCooperativeGroupRequest notify;
    notify.set_group_id(id);
    notify.mutable_notified()->set_decree(notice < kDecree77 ? coop::v1::GROUP_DECREE_151_2007
                                                             : coop::v1::GROUP_DECREE_77_2019);
    notify.mutable_notified()->set_authority("UBND xã");
    list.Add("Registry", "NotifyCooperativeGroup", id, notice, notify);
  } else if (notice <= kLastDay) {
    coop::v1::RegisterCooperativeGroupRequest reg;
    reg.set_group_id(id);
    reg.mutable_registered()->set_certificate_number(absl::StrCat("THT-", 1000 + i));
    reg.mutable_registered()->set_authority("UBND xã");
    list.Add("Registry", "RegisterCooperativeGroup", id, notice, reg);
  }
  for (int year = static_cast<int>(formed.year()); year <= 2025; ++year) {
    const CivilDay day(year, 12, 5);
    if (day <= notice || day > kLastDay) continue;
    members = std::max<int64_t>(3, members + dice.Between(-2, 3));
    coop::v1::ChangeCooperativeGroupMembersRequest change;
    change.set_group_id(id);
    change.mutable_members_changed()->set_members(members);
    list.Add("Registry", "ChangeCooperativeGroupMembers", id, day, change);
  }
  if (i % 9 == 4) {
    const CivilDay ended = notice + dice.Between(400, 1500);
    if (ended <= kLastDay) {
      coop::v1::TerminateCooperativeGroupRequest end;
      end.set_group_id(id);
      end.mutable_terminated()->set_reason("Hết thời hạn hợp đồng");
      list.Add("Registry", "TerminateCooperativeGroup", id, ended, end);
    }
  }
}

// A group registered in August 2024 that becomes a cooperative 13 months later, keeping its
// story: the new cooperative records that it was converted from the group.
void Conversion(CommandList& list) {
  Dice dice(4242);
  const std::string group = DemoUuid("group/converted");
  const std::string cooperative = DemoUuid("cooperative/converted");
  const CivilDay formed(2024, 8, 1), registered(2024, 8, 15), converted(2025, 9, 20);
  coop::v1::FormCooperativeGroupRequest form;
  auto* f = form.mutable_formed();
  f->set_group_id(group);
  f->set_name("Tổ hợp tác cua biển Khánh Hội");
  f->set_no_fixed_term(true);
  f->mutable_address()->set_code("32062");  // Xã Khánh Hội, Huyện U Minh
  f->mutable_address()->set_unit_set("2025-03");
  f->set_members(8);
  f->set_has_capital_contributions(true);
  f->add_activities("mud crab farming");
  list.Add("Registry", "FormCooperativeGroup", group, formed, form);
  coop::v1::RegisterCooperativeGroupRequest reg;
  reg.set_group_id(group);
  reg.mutable_registered()->set_certificate_number("THT-KH-01");
  reg.mutable_registered()->set_authority("UBND xã Khánh Hội");
  list.Add("Registry", "RegisterCooperativeGroup", group, registered, reg);
  // The pinned order (LINK-04): the cooperative's registration names the group, then the
  // group's conversion names the cooperative.
  coop::v1::RegisterCooperativeRequest coop;
  auto* r = coop.mutable_registration();
  r->set_cooperative_id(cooperative);
  r->set_code("2001999001");
  r->set_kind(coop::v1::COOPERATIVE);
  r->set_name("HTX Cua biển Khánh Hội");
  r->set_law_regime(coop::v1::LAW_2023);
  *r->mutable_address() = CommuneOn(converted, dice);
  r->mutable_members()->set_official(8);
  r->set_charter_capital_vnd(800'000'000);
  r->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
  r->set_origin_group_id(group);
  list.Add("Registry", "RegisterCooperative", cooperative, converted, coop, {group});
  coop::v1::ConvertCooperativeGroupRequest convert;
  convert.set_group_id(group);
  convert.mutable_converted_to_cooperative()->set_cooperative_id(cooperative);
  convert.mutable_converted_to_cooperative()->set_all_members_agreed(true);
  list.Add("Registry", "ConvertCooperativeGroup", group, converted, convert, {cooperative});
}

void Hall(CommandList& list, int i, Dice& dice) {
  const std::string id = DemoUuid(absl::StrCat("hall/", i));
  const CivilDay founded = dice.DayBetween(CivilDay(2017, 1, 1), kLastDay - 200);
  coop::v1::FoundHallRequest found;
  auto* h = found.mutable_founded();
  h->set_hall_id(id);
  h->set_name(absl::StrCat("Hội quán ", i % 2 ? "Nông dân " : "Nuôi trồng ", i + 1));
  *h->mutable_address() = CommuneOn(founded, dice);
  h->set_hamlet(absl::StrCat("Ấp ", 1 + i % 9));
  h->set_field(i % 2 ? "rice" : "shrimp farming");
  h->set_members(dice.Between(15, 60));
  list.Add("Registry", "FoundHall", id, founded, found);
  if (i % 13 == 6) {
    // Formalised as a cooperative group, in the pinned order (LINK-05): the group forms in
    // its own stream naming the hall, then the hall's formalisation names the group.
    const CivilDay day = founded + 150;
    const std::string group = DemoUuid(absl::StrCat("group/from-hall/", i));
    coop::v1::FormCooperativeGroupRequest form;
    auto* f = form.mutable_formed();
    f->set_group_id(group);
    f->set_name(absl::StrCat("Tổ hợp tác từ ", h->name()));
    f->set_no_fixed_term(true);
    *f->mutable_address() = CommuneOn(day, dice);
    f->set_members(12);
    f->set_origin(coop::v1::GROUP_ORIGIN_FORMALISED_HALL);
    f->set_origin_hall_id(id);
    list.Add("Registry", "FormCooperativeGroup", group, day, form, {id});
    coop::v1::FormaliseHallRequest formalise;
    formalise.set_hall_id(id);
    formalise.mutable_formalised()->set_formalised_as(coop::v1::HALL_AS_GROUP);
    formalise.mutable_formalised()->set_new_aggregate_id(group);
    list.Add("Registry", "FormaliseHall", id, day, formalise, {group});
  }
}

}  // namespace

void AddGroupsAndHalls(CommandList& list) {
  for (int i = 0; i < kGroups; ++i) {
    Dice dice(0x7A0000 + i);
    Group(list, i, dice);
  }
  Conversion(list);
  for (int i = 0; i < kHalls; ++i) {
    Dice dice(0xAA0000 + i);
    Hall(list, i, dice);
  }
}

}  // namespace coop::demo
