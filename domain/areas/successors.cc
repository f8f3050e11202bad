#include "domain/areas/successors.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "domain/areas/csv.h"
#include "domain/areas/embedded_data.h"

namespace coop::domain::areas {
namespace {

absl::StatusOr<SuccessorPart> ParsePart(const std::string& name) {
  for (SuccessorPart part : {SuccessorPart::kFull, SuccessorPart::kPartial}) {
    if (name == SuccessorPartName(part)) return part;
  }
  return absl::InvalidArgumentError(absl::StrCat("part \"", name, "\" must be full or partial"));
}

}  // namespace

const std::string& SuccessorPartName(SuccessorPart part) {
  static const std::string* const kFull = new std::string("full");
  static const std::string* const kPartial = new std::string("partial");
  return part == SuccessorPart::kFull ? *kFull : *kPartial;
}

absl::StatusOr<SuccessorTable> SuccessorTable::Parse(std::string_view csv_text) {
  auto invalid = [](int line, const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat("successor table, line ", line, ": ", what));
  };
  absl::StatusOr<std::vector<CsvRecord>> records = ReadCsv(csv_text);
  if (!records.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("successor table, ", records.status().message()));
  }
  const std::vector<std::string> kHeader = {"old_code", "old_level", "new_code", "new_level",
                                            "part"};
  if (records->empty() || (*records)[0].fields != kHeader) {
    return invalid(1, "the header must be old_code,old_level,new_code,new_level,part");
  }

  SuccessorTable table;
  absl::flat_hash_map<std::string, AreaLevel> old_levels;
  absl::flat_hash_set<std::pair<std::string, std::string>> pairs;
  for (size_t r = 1; r < records->size(); ++r) {
    CsvRecord& record = (*records)[r];
    if (record.fields.size() != kHeader.size()) {
      return invalid(record.line, absl::StrCat("expected 5 fields, got ", record.fields.size()));
    }
    const std::string& old_code = record.fields[0];
    Successor successor;
    successor.new_code = record.fields[2];
    if (!IsDigitsCode(old_code) || !IsDigitsCode(successor.new_code)) {
      return invalid(record.line, "codes must be digits");
    }
    absl::StatusOr<AreaLevel> old_level = ParseAreaLevel(record.fields[1]);
    if (!old_level.ok()) return invalid(record.line, std::string(old_level.status().message()));
    absl::StatusOr<AreaLevel> new_level = ParseAreaLevel(record.fields[3]);
    if (!new_level.ok()) return invalid(record.line, std::string(new_level.status().message()));
    if (*new_level == AreaLevel::kDistrict) {
      return invalid(record.line, "a successor cannot be a district: 2025-07 has none");
    }
    successor.new_level = *new_level;
    absl::StatusOr<SuccessorPart> part = ParsePart(record.fields[4]);
    if (!part.ok()) return invalid(record.line, std::string(part.status().message()));
    successor.part = *part;

    auto [known, first] = old_levels.emplace(old_code, *old_level);
    if (known->second != *old_level) {
      return invalid(record.line, absl::StrCat("old code ", old_code, " appears with two levels"));
    }
    if (!pairs.emplace(old_code, successor.new_code).second) {
      return invalid(record.line,
                     absl::StrCat(old_code, " → ", successor.new_code, " appears twice"));
    }
    if (first) table.old_codes_.push_back(old_code);
    table.successors_[old_code].push_back(std::move(successor));
  }
  return table;
}

const SuccessorTable& SuccessorTable::Reference() {
  static const SuccessorTable* const kReference = [] {
    absl::StatusOr<SuccessorTable> table = Parse(embedded::kSuccessors2025_07Csv);
    if (!table.ok()) {
      // The data is compiled in and checked by tests: failing here is a build defect.
      std::fprintf(stderr, "embedded successor table is broken: %s\n",
                   table.status().ToString().c_str());
      std::abort();
    }
    return new SuccessorTable(*std::move(table));
  }();
  return *kReference;
}

std::span<const Successor> SuccessorTable::SuccessorsOf(std::string_view old_code) const {
  auto it = successors_.find(absl::string_view(old_code.data(), old_code.size()));
  if (it == successors_.end()) return {};
  return it->second;
}

const Successor* SuccessorTable::SingleSuccessor(std::string_view old_code) const {
  std::span<const Successor> successors = SuccessorsOf(old_code);
  if (successors.size() == 1) return &successors[0];
  const Successor* full = nullptr;
  for (const Successor& successor : successors) {
    if (successor.part != SuccessorPart::kFull) continue;
    if (full != nullptr) return nullptr;  // several full ones: ambiguous
    full = &successor;
  }
  return full;
}

}  // namespace coop::domain::areas
