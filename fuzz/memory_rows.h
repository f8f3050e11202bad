// MemoryRows: one projection's rows in a std::map, standing in for the projection store in
// the fuzz targets. Everything Put is at once "committed": the targets end a page by calling
// FinishPage, as the runner does before it commits. Not thread-safe.
#ifndef COOPLEDGER_FUZZ_MEMORY_ROWS_H_
#define COOPLEDGER_FUZZ_MEMORY_ROWS_H_

#include <map>
#include <optional>
#include <string>

#include "projections/projection.h"

namespace coop::fuzz {

class MemoryRows final : public projections::ProjectionWriter {
 public:
  void Put(const std::string& key, const std::string& value) override { rows_[key] = value; }
  void Delete(const std::string& key) override { rows_.erase(key); }
  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) override {
    auto it = rows_.find(key);
    if (it == rows_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  const std::map<std::string, std::string>& rows() const { return rows_; }

 private:
  std::map<std::string, std::string> rows_;
};

}  // namespace coop::fuzz

#endif  // COOPLEDGER_FUZZ_MEMORY_ROWS_H_
