#include "projections/area_index.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"

namespace coop::projections {

std::string AreaIndexPrefix(const std::string& unit_set, const std::string& code) {
  return absl::StrCat("a/", unit_set, "/", code, "/");
}

std::string AreaIndexEnd(const std::string& unit_set, const std::string& code) {
  return absl::StrCat("a/", unit_set, "/", code, "0");  // '0' follows '/'
}

std::vector<std::string> AreaIndexKeys(const coop::v1::Area& address, const std::string& id) {
  std::vector<std::string> keys;
  if (address.code().empty()) return keys;
  std::vector<std::string> codes = {address.code()};
  if (auto set = domain::areas::ParseUnitSet(address.unit_set()); set.ok()) {
    auto chain = domain::areas::AreaCatalog::Reference(*set).ChainToProvince(address.code());
    if (chain.ok()) {
      codes.clear();
      for (const auto* unit : *chain) codes.push_back(unit->code);
    }
  }
  for (const auto& code : codes) keys.push_back(AreaIndexPrefix(address.unit_set(), code) + id);
  return keys;
}

void UpdateAreaIndex(const coop::v1::Area& before, const coop::v1::Area& after,
                     const std::string& id, ProjectionWriter& writer) {
  const auto old_keys = AreaIndexKeys(before, id);
  const auto new_keys = AreaIndexKeys(after, id);
  for (const auto& key : old_keys) {
    if (std::find(new_keys.begin(), new_keys.end(), key) == new_keys.end()) writer.Delete(key);
  }
  for (const auto& key : new_keys) {
    if (std::find(old_keys.begin(), old_keys.end(), key) == old_keys.end()) writer.Put(key, "");
  }
}

}  // namespace coop::projections
