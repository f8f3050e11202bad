// Fuzz target 5: the loader of the administrative unit data (domain/areas/): the CSV reader
// (csv.h), the area catalogue of each unit set (area_catalog.h) and the successor table
// (successors.h). The same text goes to all four parsers; its header row decides which one
// accepts it.
//
// Input: CSV text. Properties, each an abort when broken:
//   - ReadCsv: records start on lines in increasing order, and the records written back (every
//     field quoted) read back as the same fields;
//   - a catalogue that parses is a tree of its set's levels: every unit is found by its code,
//     its chain to its province climbs one level a step (province ← district ← commune in
//     2025-03, province ← commune in 2025-07) and ends at a province, it is among its
//     parent's children, and CommunesOf gives communes only;
//   - a successor table that parses gives every old code its rows, none a district, and a
//     single successor only from among them.
// A crash, a sanitizer report or a broken property aborts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/areas/area_catalog.h"
#include "domain/areas/csv.h"
#include "domain/areas/successors.h"
#include "domain/areas/unit_set.h"
#include "fuzz/fuzz_check.h"

namespace coop::fuzz {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::AreaLevel;
using domain::areas::AreaUnit;

std::string WriteCsv(const std::vector<domain::areas::CsvRecord>& records) {
  std::string out;
  for (const auto& record : records) {
    for (size_t f = 0; f < record.fields.size(); ++f) {
      if (f > 0) out += ',';
      out += '"';
      for (char c : record.fields[f]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += '\n';
  }
  return out;
}

void CheckCsv(std::string_view text) {
  auto records = domain::areas::ReadCsv(text);
  if (!records.ok()) return;
  int line = 0;
  for (const auto& record : *records) {
    COOP_FUZZ_CHECK(record.line > line, "records start on increasing lines");
    line = record.line;
  }
  auto again = domain::areas::ReadCsv(WriteCsv(*records));
  COOP_FUZZ_CHECK(again.ok(), "records written back read back");
  COOP_FUZZ_CHECK(again->size() == records->size(), "as many records written back");
  for (size_t r = 0; r < records->size(); ++r) {
    COOP_FUZZ_CHECK((*again)[r].fields == (*records)[r].fields, "the same fields read back");
  }
}

// The level of a unit's parent in a set with (2025-03) or without (2025-07) districts.
AreaLevel ParentLevel(bool districts, AreaLevel level) {
  return level == AreaLevel::kCommune && districts ? AreaLevel::kDistrict : AreaLevel::kProvince;
}

void CheckCatalog(domain::areas::UnitSet set, std::string_view text) {
  auto catalog = AreaCatalog::Parse(set, text);
  if (!catalog.ok()) return;
  const bool districts = domain::areas::HasDistricts(set);
  size_t counted = 0;
  for (AreaLevel level : {AreaLevel::kProvince, AreaLevel::kDistrict, AreaLevel::kCommune}) {
    counted += catalog->CountAtLevel(level);
  }
  COOP_FUZZ_CHECK(counted == catalog->units().size(), "every unit has a level");
  for (const AreaUnit& unit : catalog->units()) {
    COOP_FUZZ_CHECK(catalog->Find(unit.code) == &unit, "a unit is found by its code");
    auto chain = catalog->ChainToProvince(unit.code);
    COOP_FUZZ_CHECK(chain.ok() && !chain->empty() && chain->front() == &unit, "a chain");
    COOP_FUZZ_CHECK(chain->back()->level == AreaLevel::kProvince, "a chain ends at a province");
    COOP_FUZZ_CHECK(chain->size() <= (districts ? 3u : 2u), "a chain is at most the set's levels");
    for (size_t i = 1; i < chain->size(); ++i) {
      COOP_FUZZ_CHECK((*chain)[i]->level == ParentLevel(districts, (*chain)[i - 1]->level),
                      "a chain climbs one level of the set a step");
      COOP_FUZZ_CHECK((*chain)[i - 1]->parent_code == (*chain)[i]->code, "parent by parent");
    }
    if (unit.level != AreaLevel::kProvince) {
      auto siblings = catalog->ChildrenOf(unit.parent_code);
      COOP_FUZZ_CHECK(siblings.ok(), "a parent is a unit");
      bool listed = false;
      for (const AreaUnit* sibling : *siblings) listed |= sibling == &unit;
      COOP_FUZZ_CHECK(listed, "a unit is among its parent's children");
      auto contains = catalog->ContainsOrEquals(unit.parent_code, unit.code);
      COOP_FUZZ_CHECK(contains.ok() && *contains, "a parent contains its child");
    }
    auto communes = catalog->CommunesOf(unit.code);
    COOP_FUZZ_CHECK(communes.ok(), "CommunesOf a unit");
    for (const AreaUnit* commune : *communes) {
      COOP_FUZZ_CHECK(commune->level == AreaLevel::kCommune, "CommunesOf gives communes");
    }
  }
}

void CheckSuccessors(std::string_view text) {
  auto table = domain::areas::SuccessorTable::Parse(text);
  if (!table.ok()) return;
  for (const std::string& old_code : table->old_codes()) {
    auto successors = table->SuccessorsOf(old_code);
    COOP_FUZZ_CHECK(!successors.empty(), "every old code has its rows");
    for (const auto& successor : successors) {
      COOP_FUZZ_CHECK(successor.new_level != AreaLevel::kDistrict, "no successor is a district");
    }
    const auto* single = table->SingleSuccessor(old_code);
    if (single != nullptr) {
      COOP_FUZZ_CHECK(single >= successors.data() && single < successors.data() + successors.size(),
                      "a single successor is one of the rows");
    }
  }
}

int TestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckCsv(text);
  for (auto set : domain::areas::kAllUnitSets) CheckCatalog(set, text);
  CheckSuccessors(text);
  return 0;
}

}  // namespace
}  // namespace coop::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return coop::fuzz::TestOneInput(data, size);
}
