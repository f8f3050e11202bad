// The person decider: given what an admin wants recorded about a person (one PersonEvent: the
// erasure of the person's details) and what the log already says of the person, decide which
// events to append, or which rule forbids it. Pure (no I/O); thread-safe.
//
// Whether the ref names a person the vault knows (PERSON-03) is not the log's to say: the
// service checks it against the vault before deciding (services/people_service.h).
//
// Given/when/then: state = fold(Evolve, given events); Decide(when, state) → then events.
#ifndef COOPLEDGER_DOMAIN_PERSON_PERSON_DECIDER_H_
#define COOPLEDGER_DOMAIN_PERSON_PERSON_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/person_events.pb.h"
#include "domain/common/decision_context.h"
#include "domain/person/person_state.h"

namespace coop::domain {

// The most bytes an erasure's ground may hold (PERSON-01).
inline constexpr size_t kMaxErasureGround = 500;

// `occurred_on` is the business date ("YYYY-MM-DD") of the erasure. The only event is the
// fact, its ground trimmed of surrounding white space. Rules: PERSON-01 (a ground, bounded),
// PERSON-02 (the ref is a UUID), PERSON-04 (erased once).
absl::StatusOr<std::vector<coop::v1::PersonEvent>> DecidePerson(const std::string& occurred_on,
                                                                const coop::v1::PersonEvent& fact,
                                                                const PersonState& state,
                                                                const DecisionContext& context);

// PERSON-01: the ground of an erasure, trimmed; INVALID_ARGUMENT naming `field` when it is
// empty or longer than kMaxErasureGround bytes.
absl::StatusOr<std::string> CheckErasureGround(const std::string& field, const std::string& ground);

// PERSON-02: `ref` in the canonical lower-case UUID form; INVALID_ARGUMENT naming `field`
// otherwise (COMMON-03 when it is empty).
absl::StatusOr<std::string> CheckPersonRef(const std::string& field, const std::string& ref);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PERSON_PERSON_DECIDER_H_
