// What a decider needs from outside the aggregate's history: today's date and the address
// check against the reference data. Shared by every aggregate's decider. Header only; the
// libraries that include it link coop::proto (for coop.v1.Area). Copy it freely; the hook
// must be thread-safe if the context is shared between threads.
#ifndef COOPLEDGER_DOMAIN_COMMON_DECISION_CONTEXT_H_
#define COOPLEDGER_DOMAIN_COMMON_DECISION_CONTEXT_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "coop/v1/event.pb.h"

namespace coop::domain {

struct DecisionContext {
  // No business date may be after this day (COMMON-01).
  absl::CivilDay today;
  // Checks an address against the reference data (AREA-01) on the event's date; `field` is
  // the name to put in the error. Unset: addresses are not checked.
  std::function<absl::Status(const std::string& field, const coop::v1::Area& area,
                             absl::CivilDay on)>
      check_area;
  // Checks that an address (of a cooperative, group or hall) that passed check_area names a
  // commune (AREA-02). Unset: the level is not checked.
  std::function<absl::Status(const std::string& field, const coop::v1::Area& area)>
      check_address_level;
};

// An address: check_area (AREA-01), then check_address_level (AREA-02), each if set.
inline absl::Status CheckAddress(const DecisionContext& ctx, const std::string& field,
                                 const coop::v1::Area& area, absl::CivilDay on) {
  if (ctx.check_area) {
    if (auto st = ctx.check_area(field, area, on); !st.ok()) return st;
  }
  if (ctx.check_address_level) return ctx.check_address_level(field, area);
  return absl::OkStatus();
}

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_DECISION_CONTEXT_H_
