#include "domain/areas/area_rules.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "base/iso_date.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"
#include "domain/common/rules.h"

namespace coop::domain::areas {
namespace {

using ::coop::domain::Violation;

absl::Status Invalid(const std::string& field, absl::string_view rule) {
  return Violation("AREA-01", field, std::string(rule));
}

}  // namespace

absl::Status ValidateArea(std::string_view code, std::string_view unit_set,
                          std::string_view occurred_on) {
  // The unit set first, so that a wrong set is reported before a missing date.
  if (absl::StatusOr<UnitSet> set = ParseUnitSet(unit_set); !set.ok()) {
    return Invalid("area.unit_set", set.status().message());
  }
  if (occurred_on.empty()) {
    return Invalid("occurred_on", "an event with an area needs its date, to check the unit set");
  }
  absl::StatusOr<absl::CivilDay> day = base::ParseIsoDate(occurred_on);
  if (!day.ok()) return Invalid("occurred_on", day.status().message());
  return ValidateArea("area", code, unit_set, *day);
}

absl::Status ValidateArea(const std::string& field, std::string_view code,
                          std::string_view unit_set, absl::CivilDay occurred_on) {
  const std::string set_field = absl::StrCat(field, ".unit_set");
  const std::string code_field = absl::StrCat(field, ".code");
  absl::StatusOr<UnitSet> set = ParseUnitSet(unit_set);
  if (!set.ok()) return Invalid(set_field, set.status().message());
  if (code.empty()) return Invalid(code_field, "must not be empty");
  absl::StatusOr<const AreaUnit*> unit = AreaCatalog::Reference(*set).Lookup(code);
  if (!unit.ok()) return Invalid(code_field, unit.status().message());
  const UnitSet in_force = UnitSetInForceOn(occurred_on);
  if (*set != in_force) {
    return Invalid(set_field,
                   absl::StrCat(UnitSetName(*set), " is not in force on ",
                                base::FormatIsoDate(occurred_on), "; use ", UnitSetName(in_force)));
  }
  return absl::OkStatus();
}

absl::Status ValidateAddressLevel(const std::string& field, std::string_view code,
                                  std::string_view unit_set) {
  absl::StatusOr<UnitSet> set = ParseUnitSet(unit_set);
  if (!set.ok())
    return Violation("AREA-01", field + ".unit_set", std::string(set.status().message()));
  const AreaCatalog& catalog = AreaCatalog::Reference(*set);
  const AreaUnit* unit = catalog.Find(code);
  if (unit == nullptr) return Violation("AREA-01", field + ".code", "is not a unit of the set");
  if (unit->level == AreaLevel::kCommune) return absl::OkStatus();
  if (unit->level == AreaLevel::kDistrict) {
    auto communes = catalog.CommunesOf(code);
    if (communes.ok() && communes->empty()) return absl::OkStatus();  // an island district
  }
  return Violation("AREA-02", field + ".code",
                   absl::StrCat(std::string(code), " is a ", AreaLevelName(unit->level), " (",
                                unit->name, "); an address is a commune"));
}

}  // namespace coop::domain::areas
