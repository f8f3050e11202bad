// The decision context the server gives the deciders: today's date in Vietnam (UTC+7, where
// business dates are local dates) at `now`, and the area rule checked against the reference
// data. Thread-safe.
#ifndef COOPLEDGER_COMMANDS_LIVE_DECISION_CONTEXT_H_
#define COOPLEDGER_COMMANDS_LIVE_DECISION_CONTEXT_H_

#include "absl/time/time.h"
#include "domain/common/decision_context.h"

namespace coop::commands {

domain::DecisionContext LiveDecisionContext(absl::Time now);
// The same at the system clock's now.
domain::DecisionContext LiveDecisionContext();

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_LIVE_DECISION_CONTEXT_H_
