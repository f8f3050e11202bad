#include "tools/coopctl/filter_options.h"

#include "absl/strings/str_cat.h"

namespace coop::coopctl {

std::vector<OptionSpec> FilterOptionSpecs() {
  return {
      {"type", true, true}, {"prefix", true, true}, {"area", true, true}, {"unit-set", true, true}};
}

bool HasFilterOptions(const ParsedArgs& args) {
  return args.Has("type") || args.Has("prefix") || args.Has("area") || args.Has("unit-set");
}

absl::StatusOr<coop::v1::EventFilter> FilterFrom(const ParsedArgs& args) {
  coop::v1::EventFilter filter;
  for (const auto& type : args.GetAll("type")) filter.add_event_types(type);
  for (const auto& prefix : args.GetAll("prefix")) filter.add_stream_prefixes(prefix);
  std::vector<std::string> codes = args.GetAll("area");
  std::vector<std::string> unit_sets = args.GetAll("unit-set");
  if (codes.empty() != unit_sets.empty() ||
      (unit_sets.size() != 1 && unit_sets.size() != codes.size())) {
    return UsageError(absl::StrCat("an area filter needs --area CODE and --unit-set SET (got ",
                                   codes.size(), " --area and ", unit_sets.size(), " --unit-set)"));
  }
  for (size_t i = 0; i < codes.size(); ++i) {
    coop::v1::Area* area = filter.add_areas();
    area->set_code(codes[i]);
    area->set_unit_set(unit_sets.size() == 1 ? unit_sets[0] : unit_sets[i]);
  }
  return filter;
}

}  // namespace coop::coopctl
