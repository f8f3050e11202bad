// The records a fact names: a grant's recipient, an OCOP product's or a placement's
// cooperative, a class's cooperatives, a conversion's group and cooperative, a formalised
// hall and the record it became, a reorganisation's predecessors and successors. Each link says
// what it needs of the named record (link_rules.h checks it). Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_LINKS_RECORD_LINKS_H_
#define COOPLEDGER_DOMAIN_LINKS_RECORD_LINKS_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/person_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "coop/v1/plan_events.pb.h"

namespace coop::domain {

enum class LinkedKind { kCooperative, kGroup, kHall };

// What a link needs of the record it names, on the link's day.
enum class LinkNeed {
  kAlive,                 // LINK-02: recorded by then and not ended (a recipient, an owner)
  kRegisteredBy,          // LINK-03: recorded by then (a class's cooperative)
  kGroupToConvert,        // LINK-04 (1): a living, registered group, certificate ≥ 12 months,
                          //   not converted to another cooperative
  kConvertedCooperative,  // LINK-04 (2): a cooperative registered by then, converted from
                          //   this group
  kHallToFormalise,       // LINK-05 (1): a founded hall not formalised as another record
  kFormalisedRecord,      // LINK-05 (2): a group or cooperative recorded by then, from this hall
  kPredecessor,           // LINK-06: a cooperative alive on the day
  kSuccessor,             // LINK-06: alive on the day; if registered by reorganisation, it
                          //   names this cooperative among its predecessors
};

struct Link {
  LinkedKind kind = LinkedKind::kCooperative;
  std::string id;     // the named record's id
  std::string field;  // where the fact names it, e.g. "granted.cooperative_id"
  LinkNeed need = LinkNeed::kAlive;
  absl::CivilDay on;  // the day the link holds on (the fact's date; a class's last day)
};

// The links of a fact dated `on`, in field order; none for a fact that names no record.
std::vector<Link> LinksOf(const coop::v1::CooperativeEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::GroupEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::HallEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::GrantEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::OcopEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::PlacementEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::ClassEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::PlanEvent& fact, absl::CivilDay on);
std::vector<Link> LinksOf(const coop::v1::PersonEvent& fact, absl::CivilDay on);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_LINKS_RECORD_LINKS_H_
