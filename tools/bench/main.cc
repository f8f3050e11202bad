// coop-bench: append throughput and latency of a running coopd, and a raw-RocksDB baseline.
// See --help.
#include <cstdio>

#include "absl/status/statusor.h"
#include "tools/bench/append_bench.h"
#include "tools/bench/audit_bench.h"
#include "tools/bench/catch_up_subscription.h"
#include "tools/bench/command_bench.h"
#include "tools/bench/compare_bench.h"
#include "tools/bench/live_fanout.h"
#include "tools/bench/matrix.h"
#include "tools/bench/options.h"
#include "tools/bench/query_bench.h"
#include "tools/bench/rebuild_watch.h"
#include "tools/bench/report.h"
#include "tools/bench/rocksdb_bench.h"
#include "tools/bench/stalled_readers.h"

int main(int argc, char** argv) {
  using namespace coop::bench;
  ParseResult parsed = ParseArgs(argc, argv);
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  const BenchOptions& o = *parsed.options;
  if (o.mode == Mode::kMatrix) return RunMatrix(o);
  if (o.mode == Mode::kQueries) return RunQueryBench(o);
  if (o.mode == Mode::kRebuild) return RunRebuildWatch(o);
  if (o.mode == Mode::kStalled) return RunStalledReaders(o);
  if (o.mode == Mode::kAudit) return RunAuditBench(o);
  if (o.mode == Mode::kCommands) return RunCommandBench(o);
  if (o.mode == Mode::kCompare) return RunCompare(o);
  if (o.mode == Mode::kCatchUp) return RunCatchUpSubscription(o);
  if (o.mode == Mode::kFanout) return RunLiveFanout(o);

  absl::StatusOr<RunResult> result = o.mode == Mode::kRocksDb
                                         ? RunRocksDbBench(o, o.clients, o.batch, o.seconds)
                                         : RunAppendBench(o, o.clients, o.batch, o.seconds);
  if (!result.ok()) {
    std::fprintf(stderr, "coop-bench: %s\n", std::string(result.status().message()).c_str());
    return 1;
  }
  std::printf("%s\n%s\n%s", FormatResult(*result).c_str(), MarkdownTable({*result}).c_str(),
              PeakRssLine().c_str());
  return result->ops > 0 ? 0 : 1;
}
