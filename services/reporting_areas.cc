// coop.v1.Reporting.ListAreas: the administrative unit tree of a unit set, one level at a time,
// with the units' names in the language asked (domain/areas/area_catalog.h for the tree,
// domain/text/place_names.h for the names). Needs no projection.
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"
#include "domain/text/language.h"
#include "domain/text/place_names.h"
#include "services/reporting_list.h"
#include "services/reporting_service.h"

namespace coop::services {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::AreaUnit;

void Describe(const AreaCatalog& catalog, const AreaUnit& unit, domain::text::Language language,
              coop::v1::AreaEntry* out) {
  out->mutable_area()->set_code(unit.code);
  out->mutable_area()->set_unit_set(domain::areas::UnitSetName(catalog.unit_set()));
  out->set_level(domain::areas::AreaLevelName(unit.level));
  out->set_name(domain::text::PlaceTitle(unit.name, language));
  auto children = catalog.ChildrenOf(unit.code);
  out->set_child_count(children.ok() ? static_cast<int32_t>(children->size()) : 0);
}

absl::Status ListAreasQuery(const ReportingDeps& deps, const coop::v1::ListAreasRequest& request,
                            coop::v1::ListAreasReply* reply) {
  auto language = domain::text::ParseLanguage("lang", request.lang());
  if (!language.ok()) return language.status();
  domain::areas::UnitSet set = domain::areas::UnitSetInForceOn(deps.Today());
  if (!request.unit_set().empty()) {
    auto parsed = domain::areas::ParseUnitSetField("unit_set", request.unit_set());
    if (!parsed.ok()) return parsed.status();
    set = *parsed;
  }
  const AreaCatalog& catalog = AreaCatalog::Reference(set);
  reply->set_unit_set(domain::areas::UnitSetName(set));
  if (request.parent().empty()) {
    for (const AreaUnit* province : catalog.Provinces()) {
      Describe(catalog, *province, *language, reply->add_areas());
    }
    return absl::OkStatus();
  }
  auto parent = catalog.Lookup(request.parent());
  if (!parent.ok()) return parent.status();
  Describe(catalog, **parent, *language, reply->mutable_parent());
  auto children = catalog.ChildrenOf(request.parent());
  if (!children.ok()) return children.status();
  for (const AreaUnit* child : *children) {
    Describe(catalog, *child, *language, reply->add_areas());
  }
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* ReportingService::ListAreas(grpc::CallbackServerContext* context,
                                                      const coop::v1::ListAreasRequest* request,
                                                      coop::v1::ListAreasReply* reply) {
  return RunQuery(*gate_, workers_, context,
                  [this, request, reply] { return ListAreasQuery(deps_, *request, reply); });
}

}  // namespace coop::services
