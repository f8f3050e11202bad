#include "tools/bench/run_result.h"

namespace coop::bench {

void WorkerStats::AddError(const std::string& name, const std::string& message) {
  if (errors[name]++ == 0) first_error_message[name] = message;
}

void RunResult::Add(const WorkerStats& w) {
  ops += w.ops;
  events += w.events;
  latency.Merge(w.latency);
  for (const auto& [name, count] : w.errors) errors[name] += count;
  for (const auto& [name, message] : w.first_error_message) {
    first_error_message.emplace(name, message);
  }
}

uint64_t RunResult::ErrorCount() const {
  uint64_t n = 0;
  for (const auto& [name, count] : errors) n += count;
  return n;
}

}  // namespace coop::bench
