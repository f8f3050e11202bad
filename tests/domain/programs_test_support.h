// Given/when/then helpers shared by the decider tests of the programme and planning
// aggregates (classes, OCOP, grants, placements, plans). Not thread-safe; use per test.
#ifndef COOPLEDGER_TESTS_DOMAIN_PROGRAMS_TEST_SUPPORT_H_
#define COOPLEDGER_TESTS_DOMAIN_PROGRAMS_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"

namespace coop::domain::testing {

// One event of the history, on its business date.
template <typename Event>
struct Given {
  std::string on;
  Event event;
};

// Folds the given history into a state with the aggregate's Evolve.
template <typename State, typename Event>
State Fold(const std::vector<Given<Event>>& history) {
  State state;
  for (const auto& g : history) state = Evolve(state, *ParseDate("", g.on), g.event);
  return state;
}

// Then: rejected under `rule`, with its code and the rule id in the message.
template <typename Event>
void ExpectRule(const absl::StatusOr<std::vector<Event>>& result, const std::string& rule) {
  ASSERT_FALSE(result.ok()) << "expected a violation of " << rule;
  EXPECT_EQ(result.status().code(), FindRule(rule).code) << result.status();
  EXPECT_NE(result.status().message().find("[" + rule + "]"), std::string::npos) << result.status();
}

}  // namespace coop::domain::testing

#endif  // COOPLEDGER_TESTS_DOMAIN_PROGRAMS_TEST_SUPPORT_H_
