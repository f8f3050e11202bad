// What the query bench asks about: cooperative ids and areas sampled from a live coopd
// (ListCooperatives pages), with each address's district and province from the reference
// catalogues (domain/areas), so areas are picked in proportion to their cooperatives.
#ifndef COOPLEDGER_TOOLS_BENCH_QUERY_SAMPLE_H_
#define COOPLEDGER_TOOLS_BENCH_QUERY_SAMPLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/reporting.grpc.pb.h"

namespace coop::bench {

// An area as the wire names it: a code and its unit set ("2025-03" or "2025-07").
struct SampledArea {
  std::string code;
  std::string unit_set;
};

struct QuerySample {
  std::vector<std::string> cooperative_ids;  // every cooperative listed
  // One entry per listed cooperative with an address in that set (duplicates kept, so a
  // uniform pick is weighted by cooperatives). Communes only at commune level; districts
  // only in 2025-03.
  std::vector<SampledArea> communes_2025_03, communes_2025_07;
  std::vector<SampledArea> districts, provinces_2025_03, provinces_2025_07;
  int pages = 0;
  double seconds = 0;  // time the sampling took
};

// Lists every cooperative (pages of 1000) and collects ids and areas. FAILED_PRECONDITION
// if the registry is empty.
absl::StatusOr<QuerySample> SampleCooperatives(coop::v1::Reporting::Stub* stub, int timeout_ms);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_QUERY_SAMPLE_H_
