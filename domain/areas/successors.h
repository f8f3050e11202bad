// The successor table from the 2025-03 units to the 2025-07 units: for each old province or
// commune, the new unit(s) it went into, wholly ("full") or in part ("partial"). Used to
// re-aggregate figures recorded in old units onto the new ones.
//
// The table is a compilation from resolutions 1654–1687/NQ-UBTVQH15, not an official
// document (data/reference/README.md). It has no rows for districts (a district's events stay
// with its province; the five island districts became the special zones "Đặc khu ..." of
// 2025-07, which therefore have no predecessor here), and 12 of its old codes are not in the
// 2025-03 list.
//
// Immutable once built: const methods are thread-safe; Reference() builds the table once,
// safely from any thread, and never destroys it.
#ifndef COOPLEDGER_DOMAIN_AREAS_SUCCESSORS_H_
#define COOPLEDGER_DOMAIN_AREAS_SUCCESSORS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "domain/areas/area_unit.h"

namespace coop::domain::areas {

enum class SuccessorPart {
  kFull,     // the whole old unit went into the new one
  kPartial,  // a part of it did
};

// "full" or "partial", as in the CSV.
const std::string& SuccessorPartName(SuccessorPart part);

struct Successor {
  std::string new_code;  // a unit of 2025-07
  AreaLevel new_level = AreaLevel::kCommune;
  SuccessorPart part = SuccessorPart::kFull;
};

class SuccessorTable {
 public:
  // Builds a table from CSV text with the header "old_code,old_level,new_code,new_level,part".
  // Checks codes are digits, levels and parts are known, no new unit is a district, an old
  // code keeps one level, and no (old, new) pair repeats; INVALID_ARGUMENT naming the line
  // otherwise. Codes are not checked against the catalogues (see the gaps above).
  static absl::StatusOr<SuccessorTable> Parse(std::string_view csv_text);

  // The table built from the embedded reference data.
  static const SuccessorTable& Reference();

  // Every old code with successors, in the order of the CSV.
  const std::vector<std::string>& old_codes() const { return old_codes_; }

  // The successors of `old_code` in the order of the CSV; empty if it has none (an unknown
  // code, a district, or a code of 2025-07).
  std::span<const Successor> SuccessorsOf(std::string_view old_code) const;

  // docs/domain.md's re-aggregation rule: the successor if there is exactly one, or else the
  // only "full" one among several; nullptr otherwise (a split commune, or no successor).
  // The caller then files the figure under "unassigned: split commune" with
  // SuccessorsOf(old_code) as the candidates.
  const Successor* SingleSuccessor(std::string_view old_code) const;

 private:
  SuccessorTable() = default;

  std::vector<std::string> old_codes_;
  absl::flat_hash_map<std::string, std::vector<Successor>> successors_;  // old code → rows
};

}  // namespace coop::domain::areas

#endif  // COOPLEDGER_DOMAIN_AREAS_SUCCESSORS_H_
