// Printing results: a readable block per run, and a markdown table for the docs.
#ifndef COOPLEDGER_TOOLS_BENCH_REPORT_H_
#define COOPLEDGER_TOOLS_BENCH_REPORT_H_

#include <string>
#include <vector>

#include "tools/bench/run_result.h"

namespace coop::bench {

// Several lines: throughput, latency quantiles, errors by code, CPU and memory.
std::string FormatResult(const RunResult& result);
// One row per result, with a header; ends with a newline.
std::string MarkdownTable(const std::vector<RunResult>& results);
// "Peak RSS of coop-bench: 42.1 MiB (getrusage ru_maxrss)".
std::string PeakRssLine();
// A rate with thousands separators, e.g. "12,345".
std::string FormatRate(double per_second);
// A table cell of a run's errors: "0", or "NAME COUNT, ...".
std::string ErrorsCell(const RunResult& r);
// Nanoseconds as milliseconds with about three significant digits.
std::string FormatMillis(uint64_t nanos);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_REPORT_H_
