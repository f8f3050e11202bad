// The state of one cooperative or union, folded from its events: what the decider needs to
// apply the rules. Pure value type; not thread-safe (copy it).
#ifndef COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_STATE_H_
#define COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_STATE_H_

#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/cooperative_events.pb.h"

namespace coop::domain {

enum class CooperativeStatus {
  kUnregistered,  // no event yet
  kActive,
  kSuspended,
  kDissolving,
  kDissolved,  // terminal
  kCeased,     // terminal: ended by split, consolidation or being merged
  kInBankruptcy,
  kBankrupt,  // terminal
};

bool IsTerminal(CooperativeStatus status);
const char* CooperativeStatusName(CooperativeStatus status);

struct CooperativeState {
  CooperativeStatus status = CooperativeStatus::kUnregistered;
  absl::CivilDay status_since;  // the first day in `status`
  // Empty when an event set the status; the calendar's rule id (cooperative_calendar.h) when
  // the calendar did.
  const char* status_rule = "";
  std::string cooperative_id;
  std::string code;
  std::string name;
  coop::v1::CooperativeKind kind = coop::v1::COOPERATIVE_KIND_UNSPECIFIED;
  coop::v1::LawRegime law_regime = coop::v1::LAW_REGIME_UNSPECIFIED;
  absl::CivilDay registered_on;
  coop::v1::Area address;
  int64_t charter_capital_vnd = 0;
  coop::v1::MemberCounts members;
  coop::v1::Workforce workforce;
  absl::CivilDay suspended_until;
  absl::CivilDay dissolution_started_on;
  bool certificate_revoked = false;
  bool revoked_for_tax_enforcement = false;
  CooperativeStatus status_before_revocation = CooperativeStatus::kActive;
  std::set<int> rated_years;
  std::set<int> annual_report_years;
  std::set<int> general_meeting_years;
  absl::CivilDay last_general_meeting_on;  // the latest meeting's date; unset before the first
  // COOP-01's count below the minimum since `below_minimum_since` (the revocation ground of
  // COOP-22); false once the count is back at the minimum.
  bool below_minimum = false;
  absl::CivilDay below_minimum_since;
  bool model_cooperative = false;
  std::vector<std::string> successor_ids;  // named by its reorganisation
  // Where it came from (its registration): the records it names (domain/links).
  coop::v1::CooperativeOrigin origin = coop::v1::COOPERATIVE_ORIGIN_UNSPECIFIED;
  std::string origin_group_id;
  std::string origin_hall_id;
  std::vector<std::string> predecessor_ids;
};

// Applies one event that happened on `occurred_on`. Events come from the log and are trusted:
// Evolve never fails. It applies no calendar: a reader that folds in date order applies
// AdvanceTo (cooperative_calendar.h) before each event, and the decider applies it on the
// command's date, so a fact recorded late but dated before a suspension ran out is judged as of
// its date. A terminal status is final: an event after it (only a log written before the
// calendar rules could hold one) changes no status.
CooperativeState Evolve(CooperativeState state, absl::CivilDay occurred_on,
                        const coop::v1::CooperativeEvent& event);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COOPERATIVE_COOPERATIVE_STATE_H_
