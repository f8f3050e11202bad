// DumpStatistics: the canonical text of what a running coopd's statistics projections serve —
// the golden dump that a rewrite of the projections must reproduce byte for byte
// (tests/golden/README.md). A client of coop.v1.Reporting only: it asks, over gRPC,
//   - GetAnnualStatistics for every year of a range, in each unit set, for the nation, every
//     province, and the districts and communes (all, or an even sample) of the provinces that
//     have a figure other than zero in some year;
//   - ListCooperatives: the current state of every cooperative (or an even sample by id);
// and writes one self-describing line per answer, after a header that says what was asked,
// which fields are left out and why, and the catalogue of figures (statistics_text.h):
//   stats 2024 province:96@2025-03 area { code: "96" unit_set: "2025-03" } … | cooperatives=287 …
//   stats 2024 commune:32044@2025-03 error NOT_FOUND "…"
//   cooperative 0d1e… cooperative_id: "0d1e…" code: "2000…" name: "…" …
// An answer that is the server's verdict on the question (NOT_FOUND, INVALID_ARGUMENT,
// OUT_OF_RANGE) is written as a line; any other error (UNAVAILABLE, DEADLINE_EXCEEDED,
// FAILED_PRECONDITION, INTERNAL, …) ends the dump with that error, naming the call.
//
// The same log gives the same text: nothing in it depends on the time, the server's address
// or log positions. Wait for the projections first (projection_wait.h), and let nothing write
// to the server while it dumps. The cooperatives' status is the one on the server's today.
// Thread-safety: thread-safe (each call uses its own stub); one dump uses one thread.
#ifndef COOPLEDGER_TOOLS_GOLDEN_STATISTICS_DUMP_H_
#define COOPLEDGER_TOOLS_GOLDEN_STATISTICS_DUMP_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/golden/call_options.h"
#include "tools/golden/even_sample.h"

namespace coop::golden {

struct DumpOptions {
  int first_year = 2015;
  int last_year = 2026;
  // The unit sets asked in, each for every year (a set not in force in a year is replayed by
  // the server: re-aggregated onto it, or counted at the nation only).
  std::vector<std::string> unit_sets = {"2025-03", "2025-07"};
  // How many districts and communes per unit set (an even sample in list order), or kAll.
  int64_t districts = kAll;
  int64_t communes = kAll;
  // How many cooperatives (an even sample in cooperative id order), or kAll.
  int64_t cooperatives = kAll;
  CallOptions call;
  // Told what is being dumped, in Vietnamese and English, as the dump goes on (may be empty).
  std::function<void(const std::string& what)> progress;
};

// The dump, every line ending in '\n'. INVALID_ARGUMENT for options out of range (years
// outside 1990–2100 or reversed, no unit set, a negative count other than kAll).
absl::StatusOr<std::string> DumpStatistics(const std::shared_ptr<grpc::Channel>& channel,
                                           const DumpOptions& options);

}  // namespace coop::golden

#endif  // COOPLEDGER_TOOLS_GOLDEN_STATISTICS_DUMP_H_
