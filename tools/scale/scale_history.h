// The national-scale history: a deterministic, synthetic ten-year (2016–2025) record of
// Vietnam's collective economy — cooperatives and unions, cooperative groups, community
// halls, classes, OCOP products, support grants, graduate placements and annual plans —
// written as the events the command services would have appended (see scale_recorder.h).
// Generated entity by entity: memory stays bounded whatever the scale.
//
// Thread-compatible: one GenerateHistory call per sink.
#ifndef COOPLEDGER_TOOLS_SCALE_SCALE_HISTORY_H_
#define COOPLEDGER_TOOLS_SCALE_SCALE_HISTORY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "commands/stream_sink.h"

namespace coop::scale {

struct ScaleOptions {
  double scale = 1.0;  // 1.0 = national figures (see ScaleFigures)
  uint64_t seed = 1;
};

// How many entities of each kind a scale gives (at least one of each).
struct ScaleFigures {
  int64_t cooperatives = 0;  // HTX
  int64_t unions = 0;        // LHHTX
  int64_t groups = 0;        // THT
  int64_t halls = 0;         // hội quán
  int64_t districts = 0;     // 2025-03 districts with classes and annual plans
  int64_t provinces = 0;     // 2025-07 provinces with a 2026 plan
  int64_t total() const { return cooperatives + unions + groups + halls + districts + provinces; }
};
ScaleFigures FiguresAt(double scale);

struct Progress {
  int64_t entities_done = 0;
  int64_t entities_total = 0;
  uint64_t events_generated = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

struct GenerationStats {
  uint64_t events = 0;
  uint64_t streams = 0;
  std::map<std::string, uint64_t> events_by_type;
};

// Generates the whole history into `sink` (and calls sink.Finish()). `progress`, if set, is
// called after every entity. An error means a generated fact broke a domain rule (a bug of
// the generator, named with its stream and date) or the sink failed.
absl::StatusOr<GenerationStats> GenerateHistory(const ScaleOptions& options,
                                                commands::StreamSink& sink,
                                                const ProgressFn& progress);

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_HISTORY_H_
