#include "domain/areas/area_unit.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace coop::domain::areas {

const std::string& AreaLevelName(AreaLevel level) {
  static const std::string* const kProvince = new std::string("province");
  static const std::string* const kDistrict = new std::string("district");
  static const std::string* const kCommune = new std::string("commune");
  switch (level) {
    case AreaLevel::kProvince:
      return *kProvince;
    case AreaLevel::kDistrict:
      return *kDistrict;
    case AreaLevel::kCommune:
      break;
  }
  return *kCommune;
}

absl::StatusOr<AreaLevel> ParseAreaLevel(std::string_view name) {
  for (AreaLevel level : {AreaLevel::kProvince, AreaLevel::kDistrict, AreaLevel::kCommune}) {
    if (name == AreaLevelName(level)) return level;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("level \"", std::string(name), "\" must be province, district or commune"));
}

bool IsDigitsCode(std::string_view code) {
  if (code.empty()) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace coop::domain::areas
