// The event filter options shared by "read --all" and "tail":
//   --type T (repeatable), --prefix P (repeatable), --area CODE --unit-set SET (repeatable).
// Pure functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_FILTER_OPTIONS_H_
#define COOPLEDGER_TOOLS_COOPCTL_FILTER_OPTIONS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/eventstore.pb.h"
#include "tools/coopctl/args.h"

namespace coop::coopctl {

std::vector<OptionSpec> FilterOptionSpecs();

// True if any filter option was given.
bool HasFilterOptions(const ParsedArgs& args);

// Builds the filter. Areas pair the i-th --area with the i-th --unit-set; a single --unit-set
// applies to every --area. A usage error for unpaired areas.
absl::StatusOr<coop::v1::EventFilter> FilterFrom(const ParsedArgs& args);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_FILTER_OPTIONS_H_
