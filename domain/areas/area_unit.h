// One administrative unit (a province, district or commune) as listed in a unit set, and
// its level. Plain values; thread-compatible.
#ifndef COOPLEDGER_DOMAIN_AREAS_AREA_UNIT_H_
#define COOPLEDGER_DOMAIN_AREAS_AREA_UNIT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace coop::domain::areas {

enum class AreaLevel {
  kProvince,  // tỉnh / thành phố trực thuộc trung ương
  kDistrict,  // huyện / quận / thị xã / thành phố thuộc tỉnh; only in the 2025-03 set
  kCommune,   // xã / phường / thị trấn (and, from 2025-07, đặc khu)
};

// "province", "district", "commune": the spelling used in the reference CSVs.
const std::string& AreaLevelName(AreaLevel level);
// The inverse of AreaLevelName; INVALID_ARGUMENT for anything else.
absl::StatusOr<AreaLevel> ParseAreaLevel(std::string_view name);

// Whether `code` has the shape of a GSO code: one or more ASCII digits.
bool IsDigitsCode(std::string_view code);

struct AreaUnit {
  std::string code;  // statistics office (GSO) code: 2 digits province, 3 district, 5 commune
  AreaLevel level = AreaLevel::kCommune;
  std::string name;         // Vietnamese, UTF-8, e.g. "Thị trấn U Minh"
  std::string parent_code;  // empty for a province
};

}  // namespace coop::domain::areas

#endif  // COOPLEDGER_DOMAIN_AREAS_AREA_UNIT_H_
