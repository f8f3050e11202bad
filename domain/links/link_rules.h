// The rules a link keeps (record_links.h), checked against the named record as it stood on the
// link's day. The command path looks the record up (commands/link_check.h); this is the pure
// part.
//
// - LINK-01 (NOT_FOUND): a named record has been recorded.
// - LINK-02: a grant's recipient, an OCOP product's or a placement's cooperative existed on
//   the event's date and had not ended.
// - LINK-03: a class names only cooperatives registered by its last day.
// - LINK-04: a conversion in its pinned order: the cooperative's registration names a living
//   registered group (certificate at least 12 months old, not converted), then the group's
//   conversion names that cooperative. (That no other record names the group as its origin
//   needs a scan of the log: commands/link_check.h, CheckOriginUnclaimed; so for LINK-05.)
// - LINK-05: a hall's formalisation in its pinned order: the group or cooperative names a
//   founded, unformalised hall, then the hall's formalisation names it.
// - LINK-06: a reorganisation's predecessors are alive on the registration's date; its
//   successors exist, and one registered by reorganisation names the predecessor.
// The others are FAILED_PRECONDITION. A link that already points back at the record it is
// checked for (an amendment of a registration whose group already converted to it) holds.
//
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_LINKS_LINK_RULES_H_
#define COOPLEDGER_DOMAIN_LINKS_LINK_RULES_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "domain/cooperative/cooperative_state.h"
#include "domain/group/group_state.h"
#include "domain/hall/hall_state.h"
#include "domain/links/record_links.h"

namespace coop::domain {

// A named record as the lookup found it.
struct NamedRecord {
  bool recorded = false;      // its creating event counts (at any date)
  absl::CivilDay created_on;  // that event's date (valid if recorded)
  // Its state on the link's day: the effective events dated on or before it, folded, and the
  // calendar applied. Set for the record's kind when recorded.
  std::optional<CooperativeState> cooperative;
  std::optional<GroupState> group;
  std::optional<HallState> hall;
};

// OK, or the refusal naming the link's field: LINK-01 (NOT_FOUND) if the record was never
// recorded, else the rule of the link's need. `self_id` is the id of the record the fact is
// about (the group converting, the hall formalised, the cooperative reorganised).
absl::Status CheckLink(const Link& link, const NamedRecord& named, const std::string& self_id);

// "cooperative", "cooperative group", "community hall".
const char* LinkedKindName(LinkedKind kind);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_LINKS_LINK_RULES_H_
