// The person aggregate's descriptor. Stream `person-<person_ref>`: what the log says about a
// person whose details live in the person vault — only their erasure (PersonErased). No event
// carries an area or personal data: AreaOf is empty. Written only by People.ForgetPerson
// (admins). Stateless; thread-safe.
#ifndef COOPLEDGER_DOMAIN_PERSON_PERSON_AGGREGATE_H_
#define COOPLEDGER_DOMAIN_PERSON_PERSON_AGGREGATE_H_

#include <string>
#include <vector>

#include "coop/v1/person_events.pb.h"
#include "domain/person/person_decider.h"
#include "domain/person/person_state.h"

namespace coop::domain {

struct PersonAggregate {
  using State = PersonState;
  using Event = coop::v1::PersonEvent;
  static constexpr const char* kName = "person";

  // Stream `person-<person_ref>`: the aggregate's id is the person_ref.
  static constexpr char kStreamPrefix[] = "person-";
  static std::string StreamId(const std::string& person_ref) {
    return std::string(kStreamPrefix) + person_ref;
  }
  // The log type of an erasure, for readers that look for erasures alone.
  static constexpr char kErasedType[] = "coop.v1.PersonErased";

  static State Evolve(State state, absl::CivilDay on, const Event& event) {
    return coop::domain::Evolve(std::move(state), on, event);
  }
  static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
                                                   const Event& fact, const State& state,
                                                   const DecisionContext& context) {
    return DecidePerson(occurred_on, fact, state, context);
  }
  static coop::v1::Area AreaOf(const State&) { return {}; }
  // A person's stream exists once something was recorded of it; an erasure is the first
  // (and only) event, so it creates the stream.
  static bool Exists(const State& state) { return state.erased; }
  static bool Creates(const Event& event) { return event.has_erased(); }
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_PERSON_PERSON_AGGREGATE_H_
