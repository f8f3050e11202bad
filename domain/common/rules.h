// The rule table: every rule a decider enforces, with its id, its text in English and
// Vietnamese, its legal basis and the error code a violation gets. Tests cite the ids. Pure;
// thread-safe (the table is immutable).
#ifndef COOPLEDGER_DOMAIN_COMMON_RULES_H_
#define COOPLEDGER_DOMAIN_COMMON_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace coop::domain {

struct Rule {
  std::string_view id;           // e.g. "COOP-03"
  std::string_view text;         // the rule, in a sentence
  std::string_view legal_basis;  // law, decree or circular, or "system" for integrity rules
  absl::StatusCode code;         // what a violation returns
  std::string_view text_vi;      // the rule in Vietnamese
};

// Every rule, in id order.
const std::vector<Rule>& RuleTable();
// REQUIRES: `id` is in the table.
const Rule& FindRule(std::string_view id);

// The error for a violation of rule `id`: its code, and a message that starts with the rule
// id and names the field, e.g. "[COOP-05] until: a suspension notice covers at most 12 months".
absl::Status Violation(std::string_view id, const std::string& field, const std::string& detail);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_RULES_H_
