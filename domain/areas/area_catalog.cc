#include "domain/areas/area_catalog.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "domain/areas/csv.h"
#include "domain/areas/embedded_data.h"

namespace coop::domain::areas {
namespace {

AreaLevel ParentLevel(UnitSet set, AreaLevel level) {
  if (level == AreaLevel::kCommune && HasDistricts(set)) return AreaLevel::kDistrict;
  return AreaLevel::kProvince;
}

const AreaCatalog* BuildReference(UnitSet set, std::string_view csv_text) {
  absl::StatusOr<AreaCatalog> catalog = AreaCatalog::Parse(set, csv_text);
  if (!catalog.ok()) {
    // The data is compiled in and checked by tests: failing here is a build defect.
    std::fprintf(stderr, "embedded area catalogue is broken: %s\n",
                 catalog.status().ToString().c_str());
    std::abort();
  }
  return new AreaCatalog(*std::move(catalog));
}

}  // namespace

absl::StatusOr<AreaCatalog> AreaCatalog::Parse(UnitSet unit_set, std::string_view csv_text) {
  const std::string& set_name = UnitSetName(unit_set);
  auto invalid = [&](int line, const std::string& what) {
    return absl::InvalidArgumentError(
        absl::StrCat("unit list ", set_name, ", line ", line, ": ", what));
  };
  absl::StatusOr<std::vector<CsvRecord>> records = ReadCsv(csv_text);
  if (!records.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unit list ", set_name, ", ", records.status().message()));
  }
  const std::vector<std::string> kHeader = {"code", "level", "name", "parent_code"};
  if (records->empty() || (*records)[0].fields != kHeader) {
    return invalid(1, "the header must be code,level,name,parent_code");
  }

  AreaCatalog catalog(unit_set);
  std::vector<int> lines;
  for (size_t r = 1; r < records->size(); ++r) {
    CsvRecord& record = (*records)[r];
    if (record.fields.size() != kHeader.size()) {
      return invalid(record.line, absl::StrCat("expected 4 fields, got ", record.fields.size()));
    }
    AreaUnit unit;
    unit.code = std::move(record.fields[0]);
    unit.name = std::move(record.fields[2]);
    unit.parent_code = std::move(record.fields[3]);
    if (!IsDigitsCode(unit.code)) {
      return invalid(record.line, absl::StrCat("code \"", unit.code, "\" must be digits"));
    }
    absl::StatusOr<AreaLevel> level = ParseAreaLevel(record.fields[1]);
    if (!level.ok()) return invalid(record.line, std::string(level.status().message()));
    unit.level = *level;
    if (unit.level == AreaLevel::kDistrict && !HasDistricts(unit_set)) {
      return invalid(record.line, absl::StrCat("district ", unit.code, ": set ", set_name,
                                               " has no district level"));
    }
    if (unit.name.empty()) return invalid(record.line, absl::StrCat(unit.code, " has no name"));
    if ((unit.level == AreaLevel::kProvince) != unit.parent_code.empty()) {
      return invalid(record.line, unit.level == AreaLevel::kProvince
                                      ? absl::StrCat("province ", unit.code, " has a parent")
                                      : absl::StrCat(unit.code, " has no parent"));
    }
    if (!catalog.index_.emplace(unit.code, catalog.units_.size()).second) {
      return invalid(record.line, absl::StrCat("code ", unit.code, " appears twice"));
    }
    catalog.units_.push_back(std::move(unit));
    lines.push_back(record.line);
  }

  // Parents may come later in the file, so link them in a second pass.
  catalog.parent_.assign(catalog.units_.size(), kNone);
  catalog.children_.resize(catalog.units_.size());
  for (size_t i = 0; i < catalog.units_.size(); ++i) {
    const AreaUnit& unit = catalog.units_[i];
    if (unit.level == AreaLevel::kProvince) continue;
    const size_t parent = catalog.IndexOf(unit.parent_code);
    const AreaLevel expected = ParentLevel(unit_set, unit.level);
    if (parent == kNone || catalog.units_[parent].level != expected) {
      return invalid(lines[i], absl::StrCat("the parent of ", AreaLevelName(unit.level), " ",
                                            unit.code, " must be a ", AreaLevelName(expected),
                                            " of the list, got ", unit.parent_code));
    }
    catalog.parent_[i] = parent;
    catalog.children_[parent].push_back(i);
  }
  return catalog;
}

const AreaCatalog& AreaCatalog::Reference(UnitSet unit_set) {
  if (unit_set == UnitSet::k2025_03) {
    static const AreaCatalog* const k2025_03 =
        BuildReference(UnitSet::k2025_03, embedded::kUnits2025_03Csv);
    return *k2025_03;
  }
  static const AreaCatalog* const k2025_07 =
      BuildReference(UnitSet::k2025_07, embedded::kUnits2025_07Csv);
  return *k2025_07;
}

size_t AreaCatalog::CountAtLevel(AreaLevel level) const {
  size_t count = 0;
  for (const AreaUnit& unit : units_) count += unit.level == level ? 1 : 0;
  return count;
}

std::vector<const AreaUnit*> AreaCatalog::Provinces() const {
  std::vector<const AreaUnit*> provinces;
  for (const AreaUnit& unit : units_) {
    if (unit.level == AreaLevel::kProvince) provinces.push_back(&unit);
  }
  return provinces;
}

size_t AreaCatalog::IndexOf(std::string_view code) const {
  auto it = index_.find(absl::string_view(code.data(), code.size()));
  return it == index_.end() ? kNone : it->second;
}

absl::Status AreaCatalog::NotAUnit(std::string_view code) const {
  return absl::NotFoundError(
      absl::StrCat("area ", std::string(code), " is not a unit of set ", UnitSetName(unit_set_)));
}

const AreaUnit* AreaCatalog::Find(std::string_view code) const {
  const size_t i = IndexOf(code);
  return i == kNone ? nullptr : &units_[i];
}

absl::StatusOr<const AreaUnit*> AreaCatalog::Lookup(std::string_view code) const {
  const AreaUnit* unit = Find(code);
  if (unit == nullptr) return NotAUnit(code);
  return unit;
}

absl::StatusOr<std::vector<const AreaUnit*>> AreaCatalog::ChainToProvince(
    std::string_view code) const {
  size_t i = IndexOf(code);
  if (i == kNone) return NotAUnit(code);
  std::vector<const AreaUnit*> chain;
  for (; i != kNone; i = parent_[i]) chain.push_back(&units_[i]);
  return chain;
}

absl::StatusOr<bool> AreaCatalog::ContainsOrEquals(std::string_view ancestor,
                                                   std::string_view code) const {
  const size_t a = IndexOf(ancestor);
  if (a == kNone) return NotAUnit(ancestor);
  size_t i = IndexOf(code);
  if (i == kNone) return NotAUnit(code);
  for (; i != kNone; i = parent_[i]) {
    if (i == a) return true;
  }
  return false;
}

absl::StatusOr<std::vector<const AreaUnit*>> AreaCatalog::ChildrenOf(std::string_view code) const {
  const size_t i = IndexOf(code);
  if (i == kNone) return NotAUnit(code);
  std::vector<const AreaUnit*> children;
  children.reserve(children_[i].size());
  for (size_t child : children_[i]) children.push_back(&units_[child]);
  return children;
}

absl::StatusOr<std::vector<const AreaUnit*>> AreaCatalog::CommunesOf(std::string_view code) const {
  const size_t root = IndexOf(code);
  if (root == kNone) return NotAUnit(code);
  std::vector<const AreaUnit*> communes;
  // Depth-first, children in CSV order.
  std::vector<size_t> stack = {root};
  while (!stack.empty()) {
    const size_t i = stack.back();
    stack.pop_back();
    if (units_[i].level == AreaLevel::kCommune) communes.push_back(&units_[i]);
    for (auto it = children_[i].rbegin(); it != children_[i].rend(); ++it) stack.push_back(*it);
  }
  return communes;
}

}  // namespace coop::domain::areas
