#include "services/person_scope.h"

#include "absl/strings/str_cat.h"
#include "commands/recorder_scope.h"
#include "coop/v1/reporting.pb.h"
#include "projections/cooperative_registry_projection.h"
#include "projections/person_links_projection.h"
#include "services/view_wait.h"

namespace coop::services {
namespace {

absl::StatusOr<coop::v1::Area> CooperativeAddress(projections::ProjectionStore& store,
                                                  const std::string& cooperative_id) {
  auto row = store.ReadRow(projections::CooperativeRegistryProjection::kName,
                           projections::CooperativeRegistryProjection::ViewKey(cooperative_id));
  if (!row.ok()) return row.status();
  coop::v1::CooperativeView view;
  if (row->has_value() && !view.ParseFromString(**row)) {
    return absl::DataLossError(
        absl::StrCat("the view of cooperative ", cooperative_id, " is unreadable"));
  }
  return view.address();
}

}  // namespace

absl::Status PersonScopeRules::ViewsCaughtUp(const grpc::CallbackServerContext* call) const {
  if (views_ == nullptr) return absl::OkStatus();
  const std::vector<std::string> names = {projections::CooperativeRegistryProjection::kName,
                                          projections::PersonLinksProjection::kName};
  for (const auto& name : names) {
    auto runner = views_->Runner(name);
    if (runner == nullptr) return absl::OkStatus();  // coopd --projections off
    // Being rebuilt beside the rows that serve (coopctl projections rebuild, or a version
    // change): those rows stop at their checkpoint until the switch, so waiting for the head
    // would only time out. They are read as they stand, as before the gathering (after a
    // version change that read answers UNAVAILABLE until the new rows are live).
    if (runner->status().state == projections::ProjectionState::kRebuilding) {
      return absl::OkStatus();
    }
  }
  auto st = views_->WaitForHead(names, kViewsWait, GiveUpWhen(&stopping_, call));
  if (absl::IsCancelled(st)) return WaitOutcome(st, &stopping_, "the scope check");
  if (!absl::IsDeadlineExceeded(st)) return st;  // OK, or the view's own error
  return absl::UnavailableError(
      absl::StrCat("các bảng xem chưa theo kịp sổ sự kiện để xét phạm vi, hãy thử lại / the views "
                   "the scope check reads have not caught up with the log; retry: ",
                   st.message()));
}

absl::StatusOr<coop::v1::Area> PersonScopeRules::AreaOf(
    const coop::v1::PersonScope& scope, const grpc::CallbackServerContext* call) const {
  if (!scope.has_area() && !scope.cooperative_id().empty()) {  // read from the registry
    if (auto st = ViewsCaughtUp(call); !st.ok()) return st;
  }
  return AreaOfCaughtUp(scope);
}

absl::StatusOr<coop::v1::Area> PersonScopeRules::AreaOfCaughtUp(
    const coop::v1::PersonScope& scope) const {
  if (scope.has_area()) return scope.area();
  if (scope.cooperative_id().empty()) return coop::v1::Area();
  return CooperativeAddress(*projections_, scope.cooperative_id());
}

absl::Status PersonScopeRules::CheckRecordedFor(const access::Principal& principal,
                                                const coop::v1::PersonScope& scope,
                                                const grpc::CallbackServerContext* call) const {
  if (principal.role != access::Role::kRecorder) return absl::OkStatus();
  auto area = AreaOf(scope, call);
  if (!area.ok()) return area.status();
  const std::string subject = scope.has_area()
                                  ? std::string("the person's area")
                                  : absl::StrCat("cooperative '", scope.cooperative_id(), "'");
  return commands::CheckRecorderScope(principal, *area, subject);
}

absl::Status PersonScopeRules::CheckPerson(const access::Principal& principal,
                                           const std::string& person_ref,
                                           const grpc::CallbackServerContext* call) const {
  const absl::Status out_of_scope = absl::PermissionDeniedError(
      absl::StrCat("ngoài phạm vi / out of scope: principal '", principal.name,
                   "' records for none of the areas of person ", person_ref,
                   " (what it was recorded for, and the cooperatives whose events name it)"));
  auto scope = vault_->GetScope(person_ref);
  if (principal.role != access::Role::kRecorder) return scope.status();
  // A recorder learns nothing of a person outside its areas, not even whether it exists.
  if (absl::IsNotFound(scope.status())) return out_of_scope;
  if (!scope.ok()) return scope.status();
  if (auto st = ViewsCaughtUp(call); !st.ok()) return st;
  std::vector<coop::v1::Area> areas;
  auto own = AreaOfCaughtUp(*scope);
  if (!own.ok()) return own.status();
  areas.push_back(*own);
  auto linked = projections::PersonLinksProjection::CooperativesOf(*projections_, person_ref);
  if (!linked.ok()) return linked.status();
  for (const auto& id : *linked) {
    auto address = CooperativeAddress(*projections_, id);
    if (!address.ok()) return address.status();
    areas.push_back(*address);
  }
  absl::Status refusal;
  for (const auto& area : areas) {
    refusal = commands::CheckRecorderScope(principal, area, absl::StrCat("person ", person_ref));
    if (refusal.ok()) return refusal;
  }
  return absl::PermissionDeniedError(
      absl::StrCat("ngoài phạm vi / out of scope: principal '", principal.name,
                   "' records for none of the areas of person ", person_ref,
                   " (what it was recorded for, and the cooperatives whose events name it)"));
}

}  // namespace coop::services
