#include "projections/person_links_projection.h"

#include "absl/strings/match.h"
#include "coop/v1/placement_events.pb.h"
#include "domain/programs/placement_aggregate.h"

namespace coop::projections {
namespace {

std::string PersonPrefix(const std::string& person_ref) { return "p/" + person_ref + "/"; }

}  // namespace

absl::Status PersonLinksProjection::Apply(const coop::v1::RecordedEvent& event,
                                          ProjectionWriter& writer) {
  // Only the placements' own streams: a GraduatePlaced appended raw elsewhere links nothing.
  if (event.type() != coop::v1::GraduatePlaced::descriptor()->full_name() ||
      !absl::StartsWith(event.stream_id(), domain::PlacementAggregate::kStreamPrefix)) {
    return absl::OkStatus();
  }
  coop::v1::GraduatePlaced placed;
  if (!placed.ParseFromString(event.payload())) {
    return absl::DataLossError("position " + std::to_string(event.position()) +
                               ": an unreadable coop.v1.GraduatePlaced");
  }
  if (placed.person_ref().empty() || placed.cooperative_id().empty()) return absl::OkStatus();
  writer.Put(PersonPrefix(placed.person_ref()) + placed.cooperative_id(), "");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> PersonLinksProjection::CooperativesOf(
    ProjectionStore& store, const std::string& person_ref) {
  const std::string prefix = PersonPrefix(person_ref);
  std::string end = prefix;
  end.back() = '0';  // '0' follows '/'
  auto keys = store.ScanKeys(kName, prefix, end, 1000);
  if (!keys.ok()) return keys.status();
  std::vector<std::string> ids;
  for (const auto& key : *keys) ids.push_back(key.substr(prefix.size()));
  return ids;
}

}  // namespace coop::projections
