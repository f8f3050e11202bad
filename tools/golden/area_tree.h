// The administrative units below some provinces, from coop.v1.Reporting.ListAreas, in the
// statistics office's order (depth first: a district, then its communes). Thread-compatible
// (one stub, used by one thread at a time).
#ifndef COOPLEDGER_TOOLS_GOLDEN_AREA_TREE_H_
#define COOPLEDGER_TOOLS_GOLDEN_AREA_TREE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tools/golden/call_options.h"

namespace coop::golden {

// The units directly below `parent` in `unit_set` (the provinces when `parent` is empty).
absl::StatusOr<std::vector<coop::v1::AreaEntry>> ListChildren(coop::v1::Reporting::Stub& stub,
                                                              const CallOptions& call,
                                                              const std::string& unit_set,
                                                              const std::string& parent);

struct AreasBelow {
  std::vector<coop::v1::AreaEntry> districts;  // level "district" (2025-03 only)
  std::vector<coop::v1::AreaEntry> communes;   // level "commune" (special zones included)
};

// Every district and commune below `provinces` (codes of `unit_set`), in list order.
absl::StatusOr<AreasBelow> ListBelow(coop::v1::Reporting::Stub& stub, const CallOptions& call,
                                     const std::string& unit_set,
                                     const std::vector<std::string>& provinces);

}  // namespace coop::golden

#endif  // COOPLEDGER_TOOLS_GOLDEN_AREA_TREE_H_
