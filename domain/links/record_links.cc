#include "domain/links/record_links.h"

#include "domain/common/dates.h"

namespace coop::domain {

std::vector<Link> LinksOf(const coop::v1::CooperativeEvent& fact, absl::CivilDay on) {
  std::vector<Link> links;
  if (fact.has_registered()) {
    const auto& r = fact.registered();
    switch (r.origin()) {
      case coop::v1::ORIGIN_CONVERTED_FROM_GROUP:
        links.push_back({LinkedKind::kGroup, r.origin_group_id(), "registered.origin_group_id",
                         LinkNeed::kGroupToConvert, on});
        break;
      case coop::v1::ORIGIN_FORMALISED_HALL:
        links.push_back({LinkedKind::kHall, r.origin_hall_id(), "registered.origin_hall_id",
                         LinkNeed::kHallToFormalise, on});
        break;
      case coop::v1::ORIGIN_REORGANISATION:
        for (int i = 0; i < r.predecessor_ids_size(); ++i) {
          links.push_back({LinkedKind::kCooperative, r.predecessor_ids(i),
                           "registered.predecessor_ids[" + std::to_string(i) + "]",
                           LinkNeed::kPredecessor, on});
        }
        break;
      default:
        break;
    }
  }
  if (fact.has_reorganised()) {
    const auto& r = fact.reorganised();
    for (int i = 0; i < r.successor_ids_size(); ++i) {
      links.push_back({LinkedKind::kCooperative, r.successor_ids(i),
                       "reorganised.successor_ids[" + std::to_string(i) + "]", LinkNeed::kSuccessor,
                       on});
    }
  }
  return links;
}

std::vector<Link> LinksOf(const coop::v1::GroupEvent& fact, absl::CivilDay on) {
  std::vector<Link> links;
  if (fact.has_formed() && fact.formed().origin() == coop::v1::GROUP_ORIGIN_FORMALISED_HALL) {
    links.push_back({LinkedKind::kHall, fact.formed().origin_hall_id(), "formed.origin_hall_id",
                     LinkNeed::kHallToFormalise, on});
  }
  if (fact.has_converted_to_cooperative()) {
    links.push_back({LinkedKind::kCooperative, fact.converted_to_cooperative().cooperative_id(),
                     "converted_to_cooperative.cooperative_id", LinkNeed::kConvertedCooperative,
                     on});
  }
  return links;
}

std::vector<Link> LinksOf(const coop::v1::HallEvent& fact, absl::CivilDay on) {
  std::vector<Link> links;
  if (fact.has_formalised()) {
    const auto& f = fact.formalised();
    links.push_back({f.formalised_as() == coop::v1::HALL_AS_GROUP ? LinkedKind::kGroup
                                                                  : LinkedKind::kCooperative,
                     f.new_aggregate_id(), "formalised.new_aggregate_id",
                     LinkNeed::kFormalisedRecord, on});
  }
  return links;
}

std::vector<Link> LinksOf(const coop::v1::GrantEvent& fact, absl::CivilDay on) {
  std::vector<Link> links;
  if (!fact.has_granted()) return links;
  const auto& g = fact.granted();
  if (!g.cooperative_id().empty()) {
    links.push_back({LinkedKind::kCooperative, g.cooperative_id(), "granted.cooperative_id",
                     LinkNeed::kAlive, on});
  }
  if (!g.group_id().empty()) {
    links.push_back({LinkedKind::kGroup, g.group_id(), "granted.group_id", LinkNeed::kAlive, on});
  }
  return links;
}

std::vector<Link> LinksOf(const coop::v1::OcopEvent& fact, absl::CivilDay on) {
  std::vector<Link> links;
  if (fact.has_enrolled() && !fact.enrolled().cooperative_id().empty()) {
    links.push_back({LinkedKind::kCooperative, fact.enrolled().cooperative_id(),
                     "enrolled.cooperative_id", LinkNeed::kAlive, on});
  }
  return links;
}

std::vector<Link> LinksOf(const coop::v1::PlacementEvent& fact, absl::CivilDay on) {
  std::vector<Link> links;
  if (fact.has_placed() && !fact.placed().cooperative_id().empty()) {
    links.push_back({LinkedKind::kCooperative, fact.placed().cooperative_id(),
                     "placed.cooperative_id", LinkNeed::kAlive, on});
  }
  return links;
}

std::vector<Link> LinksOf(const coop::v1::ClassEvent& fact, absl::CivilDay on) {
  std::vector<Link> links;
  if (!fact.has_held()) return links;
  const auto& held = fact.held();
  const absl::CivilDay last = ParseDateOr(held.end_date(), on);
  for (int i = 0; i < held.cooperative_ids_size(); ++i) {
    links.push_back({LinkedKind::kCooperative, held.cooperative_ids(i),
                     "held.cooperative_ids[" + std::to_string(i) + "]", LinkNeed::kRegisteredBy,
                     last});
  }
  return links;
}

std::vector<Link> LinksOf(const coop::v1::PlanEvent& /*fact*/, absl::CivilDay /*on*/) { return {}; }

// An erasure names no record (the person lives in the vault, not in a stream of its own).
std::vector<Link> LinksOf(const coop::v1::PersonEvent& /*fact*/, absl::CivilDay /*on*/) {
  return {};
}

}  // namespace coop::domain
