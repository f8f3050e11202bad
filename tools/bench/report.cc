#include "tools/bench/report.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/bench/proc_stats.h"

namespace coop::bench {
namespace {

std::string FormatKib(int64_t kib) {
  if (kib < 0) return "-";
  return absl::StrFormat("%.1f MiB", kib / 1024.0);
}

std::string FormatCores(double cores) {
  if (cores < 0) return "-";
  return absl::StrFormat("%.2f", cores);
}

std::string Shorten(const std::string& text, size_t max) {
  return text.size() <= max ? text : absl::StrCat(text.substr(0, max), "...");
}

}  // namespace

std::string ErrorsCell(const RunResult& r) {
  if (r.errors.empty()) return "0";
  std::string cell;
  for (const auto& [name, count] : r.errors) {
    absl::StrAppend(&cell, cell.empty() ? "" : ", ", name, " ", count);
  }
  return cell;
}

std::string FormatRate(double per_second) {
  uint64_t v = static_cast<uint64_t>(std::llround(per_second));
  std::string digits = absl::StrCat(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatMillis(uint64_t nanos) {
  double ms = nanos / 1e6;
  if (ms < 1) return absl::StrFormat("%.3f", ms);
  if (ms < 10) return absl::StrFormat("%.2f", ms);
  if (ms < 100) return absl::StrFormat("%.1f", ms);
  return absl::StrFormat("%.0f", ms);
}

std::string FormatResult(const RunResult& r) {
  const char* who = r.unit == "write" ? "threads" : "clients";
  std::string out =
      absl::StrFormat("== %s, %d %s, %d %s/%s, %.2f s measured\n", r.scenario, r.clients, who,
                      r.batch, r.unit == "write" ? "values" : "events", r.unit, r.seconds);
  if (!r.note.empty()) absl::StrAppend(&out, "   ", r.note, "\n");
  absl::StrAppend(
      &out, absl::StrFormat("   %ss/s %s   %s/s %s   (%d %ss ok, %d %s)\n", r.unit,
                            FormatRate(r.OpsPerSecond()), r.unit == "write" ? "values" : "events",
                            FormatRate(r.EventsPerSecond()), r.ops, r.unit, r.events,
                            r.unit == "write" ? "values" : "events"));
  const auto& h = r.latency;
  absl::StrAppend(
      &out, absl::StrFormat("   latency per %s (ms): p50 %s  p99 %s  p99.9 %s  max %s  mean %s\n",
                            r.unit, FormatMillis(h.Quantile(0.5)), FormatMillis(h.Quantile(0.99)),
                            FormatMillis(h.Quantile(0.999)), FormatMillis(h.max()),
                            FormatMillis(static_cast<uint64_t>(h.mean()))));
  if (r.fsync_probe_nanos >= 0) {
    absl::StrAppend(&out, "   disk: fdatasync of 200 bytes just before the run, median ",
                    FormatMillis(static_cast<uint64_t>(r.fsync_probe_nanos)), " ms\n");
  }
  if (r.errors.empty()) {
    absl::StrAppend(&out, "   errors: none\n");
  } else {
    absl::StrAppend(&out, "   errors (whole run, warm-up included):\n");
    for (const auto& [name, count] : r.errors) {
      auto it = r.first_error_message.find(name);
      absl::StrAppend(&out, "     ", name, ": ", count, "  first: \"",
                      it == r.first_error_message.end() ? "" : Shorten(it->second, 200), "\"\n");
    }
  }
  absl::StrAppend(
      &out, absl::StrFormat("   CPU (cores): bench %s, server %s   peak RSS: bench %s, server %s\n",
                            FormatCores(r.bench_cores), FormatCores(r.server_cores),
                            FormatKib(r.bench_peak_rss_kib), FormatKib(r.server_peak_rss_kib)));
  if (r.server_top_thread_cores >= 0) {
    absl::StrAppend(&out, "   busiest server thread: ", r.server_top_thread, " at ",
                    FormatCores(r.server_top_thread_cores), " cores\n");
  }
  return out;
}

std::string MarkdownTable(const std::vector<RunResult>& results) {
  std::string out =
      "| scenario | clients | events per op | ops/s | events/s | p50 ms | p99 ms | p99.9 ms "
      "| errors | bench CPU | server CPU | busiest server thread | fsync ms |\n"
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: "
      "|\n";
  for (const auto& r : results) {
    absl::StrAppend(
        &out,
        absl::StrFormat(
            "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.scenario,
            r.clients, r.batch, FormatRate(r.OpsPerSecond()), FormatRate(r.EventsPerSecond()),
            FormatMillis(r.latency.Quantile(0.5)), FormatMillis(r.latency.Quantile(0.99)),
            FormatMillis(r.latency.Quantile(0.999)), ErrorsCell(r), FormatCores(r.bench_cores),
            FormatCores(r.server_cores),
            r.server_top_thread_cores < 0
                ? std::string("-")
                : absl::StrCat(FormatCores(r.server_top_thread_cores), " ",
                               r.server_top_thread.substr(0, r.server_top_thread.rfind('/'))),
            r.fsync_probe_nanos < 0 ? std::string("-")
                                    : FormatMillis(static_cast<uint64_t>(r.fsync_probe_nanos))));
  }
  return out;
}

std::string PeakRssLine() {
  return absl::StrCat("Peak RSS of coop-bench: ", FormatKib(SelfPeakRssKib()),
                      " (getrusage ru_maxrss)\n");
}

}  // namespace coop::bench
