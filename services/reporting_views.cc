// coop.v1.Reporting handlers over the registry views: groups and halls (get, list), OCOP
// products recognised on a date, and a cooperative's state on a business date as known at a
// position or time.
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "domain/common/dates.h"
#include "domain/common/stream_corrections.h"
#include "projections/cooperative_registry_projection.h"
#include "projections/group_registry_projection.h"
#include "projections/hall_registry_projection.h"
#include "projections/ocop_products_projection.h"
#include "services/missing_record.h"
#include "services/reporting_list.h"
#include "services/reporting_service.h"

namespace coop::services {
namespace {

using projections::CooperativeRegistryProjection;
using projections::GroupRegistryProjection;
using projections::HallRegistryProjection;
using projections::OcopProductsProjection;

// Reads the view of record `id` into `view`: NOT_FOUND naming the record (and its withdrawal,
// if it was withdrawn) when there is none.
template <typename Projection, typename View>
absl::Status ReadView(const ReportingDeps& deps, const RecordNames& names, const std::string& id,
                      View* view) {
  auto row = deps.store->ReadRow(Projection::kName, Projection::ViewKey(id));
  if (!row.ok()) return row.status();
  if (!row->has_value()) {
    return MissingRecord(deps, Projection::kName, Projection::StreamKey(id), names, id);
  }
  if (!view->ParseFromString(**row)) {
    return absl::DataLossError(absl::StrCat("unreadable view of ", names.english, " ", id));
  }
  return absl::OkStatus();
}

absl::Status GetGroupQuery(const ReportingDeps& deps, const coop::v1::GetGroupRequest& request,
                           coop::v1::GroupView* reply) {
  if (request.group_id().empty()) {
    return absl::InvalidArgumentError("group_id: bắt buộc phải có / group_id is required");
  }
  if (auto st = deps.Wait({GroupRegistryProjection::kName}, request.min_position()); !st.ok()) {
    return st;
  }
  auto read = ReadView<GroupRegistryProjection>(deps, {"cooperative group", "THT"},
                                                request.group_id(), reply);
  if (read.ok()) GroupRegistryProjection::AsOn(deps.Today(), reply);
  return read;
}

absl::Status ListGroupsQuery(const ReportingDeps& deps, const coop::v1::ListGroupsRequest& request,
                             coop::v1::ListGroupsReply* reply) {
  auto page_size = PageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto area =
      ResolveAreaFilter("area", request.has_area() ? &request.area() : nullptr, deps.Today());
  if (!area.ok()) return area.status();
  if (auto st = deps.Wait({GroupRegistryProjection::kName}, request.min_position()); !st.ok()) {
    return st;
  }
  // Each view is read as on today (the calendar's status), then filtered.
  const absl::CivilDay today = deps.Today();
  std::string next_token;
  auto status = PageViews<coop::v1::GroupView>(
      deps.store, GroupRegistryProjection::kName, GroupRegistryProjection::kViewPrefix,
      GroupRegistryProjection::kViewEnd, *area, *page_size, request.page_token(),
      [&](const coop::v1::GroupView& view) {
        return request.status().empty() ||
               GroupRegistryProjection::StatusOn(today, view) == request.status();
      },
      [&](coop::v1::GroupView view) {
        GroupRegistryProjection::AsOn(today, &view);
        *reply->add_groups() = std::move(view);
      },
      [](const coop::v1::GroupView& view) { return view.group_id(); }, &next_token);
  reply->set_next_page_token(next_token);
  return status;
}

absl::Status GetHallQuery(const ReportingDeps& deps, const coop::v1::GetHallRequest& request,
                          coop::v1::HallView* reply) {
  if (request.hall_id().empty()) {
    return absl::InvalidArgumentError("hall_id: bắt buộc phải có / hall_id is required");
  }
  if (auto st = deps.Wait({HallRegistryProjection::kName}, request.min_position()); !st.ok()) {
    return st;
  }
  return ReadView<HallRegistryProjection>(deps, {"community hall", "Hội quán"}, request.hall_id(),
                                          reply);
}

absl::Status ListHallsQuery(const ReportingDeps& deps, const coop::v1::ListHallsRequest& request,
                            coop::v1::ListHallsReply* reply) {
  auto page_size = PageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto area =
      ResolveAreaFilter("area", request.has_area() ? &request.area() : nullptr, deps.Today());
  if (!area.ok()) return area.status();
  if (auto st = deps.Wait({HallRegistryProjection::kName}, request.min_position()); !st.ok()) {
    return st;
  }
  std::string next_token;
  auto status = PageViews<coop::v1::HallView>(
      deps.store, HallRegistryProjection::kName, HallRegistryProjection::kViewPrefix,
      HallRegistryProjection::kViewEnd, *area, *page_size, request.page_token(),
      [&](const coop::v1::HallView& view) {
        return request.status().empty() || view.status() == request.status();
      },
      [&](coop::v1::HallView view) { *reply->add_halls() = std::move(view); },
      [](const coop::v1::HallView& view) { return view.hall_id(); }, &next_token);
  reply->set_next_page_token(next_token);
  return status;
}

// Recognised products on a date. Products are few (thousands nationally): the query scans
// every product row and reads each product's cooperative once for its address.
absl::Status ListOcopProductsQuery(const ReportingDeps& deps,
                                   const coop::v1::ListOcopProductsRequest& request,
                                   coop::v1::ListOcopProductsReply* reply) {
  absl::CivilDay day = deps.Today();
  if (!request.valid_on().empty()) {
    auto parsed = domain::ParseDate("valid_on", request.valid_on());
    if (!parsed.ok()) return parsed.status();
    day = *parsed;
  }
  if (request.min_stars() < 0 || request.min_stars() > 5) {
    return absl::InvalidArgumentError(
        "min_stars: phải từ 0 đến 5 / min_stars must be between 0 and 5");
  }
  auto area = ResolveAreaFilter("area", request.has_area() ? &request.area() : nullptr, day);
  if (!area.ok()) return area.status();
  if (auto st = deps.Wait({OcopProductsProjection::kName, CooperativeRegistryProjection::kName},
                          request.min_position());
      !st.ok()) {
    return st;
  }
  const uint64_t position = deps.Position(OcopProductsProjection::kName);
  auto rows =
      deps.store->ScanRows(OcopProductsProjection::kName, OcopProductsProjection::kRowPrefix,
                           OcopProductsProjection::kRowEnd, static_cast<size_t>(-1));
  if (!rows.ok()) return rows.status();
  std::map<std::string, coop::v1::Area> address_of;  // cooperative id -> its address
  std::vector<coop::v1::OcopProductView> products;
  for (const auto& [key, value] : *rows) {
    coop::v1::OcopProductRow row;
    if (!row.ParseFromString(value)) {
      return absl::DataLossError(absl::StrCat("unreadable product row ", key));
    }
    auto product = OcopProductsProjection::RecognisedOn(row, day);
    if (!product || product->stars() < request.min_stars()) continue;
    const std::string& cooperative_id = product->cooperative_id();
    auto it = address_of.find(cooperative_id);
    if (it == address_of.end()) {
      coop::v1::CooperativeView cooperative;
      auto read = ReadView<CooperativeRegistryProjection>(deps, {"cooperative", "HTX"},
                                                          cooperative_id, &cooperative);
      if (!read.ok() && !absl::IsNotFound(read)) return read;
      it = address_of.emplace(cooperative_id, cooperative.address()).first;
    }
    *product->mutable_area() = it->second;
    if (*area && !(*area)->Contains(product->area())) continue;
    products.push_back(std::move(*product));
  }
  std::sort(products.begin(), products.end(), [](const auto& a, const auto& b) {
    if (a.stars() != b.stars()) return a.stars() > b.stars();
    return a.product_id() < b.product_id();
  });
  for (auto& product : products) {
    if (product.stars() == 3) reply->set_three_stars(reply->three_stars() + 1);
    if (product.stars() == 4) reply->set_four_stars(reply->four_stars() + 1);
    if (product.stars() == 5) reply->set_five_stars(reply->five_stars() + 1);
    *reply->add_products() = std::move(product);
  }
  reply->set_position(position);
  return absl::OkStatus();
}

// The cooperative on a business date, from the stream row the registry keeps: only events
// known at the cut-off take part (corrections too: a void recorded later does not apply),
// then the effective ones that happened on or before the date are folded in business-date
// order (ties: log position). The linked streams' lists (OCOP, grants, placements) are not
// part of this view.
absl::Status GetCooperativeAsOfQuery(const ReportingDeps& deps,
                                     const coop::v1::GetCooperativeAsOfRequest& request,
                                     coop::v1::CooperativeView* reply) {
  if (request.cooperative_id().empty()) {
    return absl::InvalidArgumentError(
        "cooperative_id: bắt buộc phải có / cooperative_id is required");
  }
  if (request.on_date().empty()) {
    return absl::InvalidArgumentError("on_date: bắt buộc phải có / on_date is required");
  }
  auto on = domain::ParseDate("on_date", request.on_date());
  if (!on.ok()) return on.status();
  if (request.as_known_at_micros() < 0) {
    return absl::InvalidArgumentError(
        "as_known_at_micros: không được âm / as_known_at_micros must not be negative");
  }
  if (auto st = deps.WaitKnownAt({CooperativeRegistryProjection::kName}, request.min_position(),
                                 request.as_known_at_position(), request.as_known_at_micros());
      !st.ok()) {
    return st;
  }
  auto row =
      deps.store->ReadRow(CooperativeRegistryProjection::kName,
                          CooperativeRegistryProjection::StreamKey(request.cooperative_id()));
  if (!row.ok()) return row.status();
  if (!row->has_value()) {
    return absl::NotFoundError(absl::StrCat("no cooperative ", request.cooperative_id()));
  }
  coop::v1::CooperativeRegistryStream stream;
  if (!stream.ParseFromString(**row)) {
    return absl::DataLossError(
        absl::StrCat("unreadable stream of cooperative ", request.cooperative_id()));
  }
  std::vector<coop::v1::RecordedEvent> known;
  for (const auto& event : stream.events()) {
    if (request.as_known_at_position() != 0 && event.position() > request.as_known_at_position()) {
      continue;
    }
    if (request.as_known_at_micros() != 0 &&
        event.recorded_at_micros() > request.as_known_at_micros()) {
      continue;
    }
    known.push_back(event);
  }
  std::vector<coop::v1::RecordedEvent> folded;
  for (auto& event : domain::EffectiveEvents(known)) {
    if (domain::ParseDateOr(event.occurred_on(), absl::CivilDay()) <= *on) {
      folded.push_back(std::move(event));
    }
  }
  std::stable_sort(folded.begin(), folded.end(), [](const auto& a, const auto& b) {
    if (a.occurred_on() != b.occurred_on()) return a.occurred_on() < b.occurred_on();
    return a.position() < b.position();
  });
  *reply = CooperativeRegistryProjection::FoldEffective(request.cooperative_id(), folded);
  CooperativeRegistryProjection::AsOn(*on, reply);
  if (reply->status() == "unregistered") {
    return absl::NotFoundError(absl::StrCat("cooperative ", request.cooperative_id(),
                                            " was not registered on ", request.on_date(),
                                            " (as known at the cut-off)"));
  }
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* ReportingService::GetGroup(grpc::CallbackServerContext* context,
                                                     const coop::v1::GetGroupRequest* request,
                                                     coop::v1::GroupView* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::GetGroupRequest& checked) {
                           return GetGroupQuery(deps_, checked, reply);
                         });
}

grpc::ServerUnaryReactor* ReportingService::ListGroups(grpc::CallbackServerContext* context,
                                                       const coop::v1::ListGroupsRequest* request,
                                                       coop::v1::ListGroupsReply* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::ListGroupsRequest& checked) {
                           return ListGroupsQuery(deps_, checked, reply);
                         });
}

grpc::ServerUnaryReactor* ReportingService::GetHall(grpc::CallbackServerContext* context,
                                                    const coop::v1::GetHallRequest* request,
                                                    coop::v1::HallView* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::GetHallRequest& checked) {
                           return GetHallQuery(deps_, checked, reply);
                         });
}

grpc::ServerUnaryReactor* ReportingService::ListHalls(grpc::CallbackServerContext* context,
                                                      const coop::v1::ListHallsRequest* request,
                                                      coop::v1::ListHallsReply* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::ListHallsRequest& checked) {
                           return ListHallsQuery(deps_, checked, reply);
                         });
}

grpc::ServerUnaryReactor* ReportingService::GetCooperativeAsOf(
    grpc::CallbackServerContext* context, const coop::v1::GetCooperativeAsOfRequest* request,
    coop::v1::CooperativeView* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::GetCooperativeAsOfRequest& checked) {
                           return GetCooperativeAsOfQuery(deps_, checked, reply);
                         });
}

grpc::ServerUnaryReactor* ReportingService::ListOcopProducts(
    grpc::CallbackServerContext* context, const coop::v1::ListOcopProductsRequest* request,
    coop::v1::ListOcopProductsReply* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::ListOcopProductsRequest& checked) {
                           return ListOcopProductsQuery(deps_, checked, reply);
                         });
}

}  // namespace coop::services
