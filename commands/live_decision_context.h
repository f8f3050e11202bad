// The decision context the server gives the deciders: today's date in Vietnam (UTC+7, where
// business dates are local dates) and the area rule checked against the reference data.
// Thread-safe.
#ifndef COOPLEDGER_COMMANDS_LIVE_DECISION_CONTEXT_H_
#define COOPLEDGER_COMMANDS_LIVE_DECISION_CONTEXT_H_

#include "domain/common/decision_context.h"

namespace coop::commands {

domain::DecisionContext LiveDecisionContext();

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_LIVE_DECISION_CONTEXT_H_
