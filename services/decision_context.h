// The decision context the server gives the deciders: today's date in Vietnam (UTC+7, where
// business dates are local dates) and the area rule checked against the reference data.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_DECISION_CONTEXT_H_
#define COOPLEDGER_SERVICES_DECISION_CONTEXT_H_

#include "domain/cooperative/cooperative_decider.h"

namespace coop::services {

domain::DecisionContext ServerDecisionContext();

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_DECISION_CONTEXT_H_
