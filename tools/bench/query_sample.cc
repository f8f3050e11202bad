#include "tools/bench/query_sample.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"
#include "tools/bench/grpc_code_name.h"

namespace coop::bench {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::AreaLevel;
using domain::areas::UnitSet;

// Files the address under its commune, district and province in `sample`.
void AddAddress(const coop::v1::Area& address, QuerySample* sample) {
  if (address.code().empty()) return;
  absl::StatusOr<UnitSet> set = domain::areas::ParseUnitSet(address.unit_set());
  if (!set.ok()) return;
  const auto& chain = AreaCatalog::Reference(*set).ChainToProvince(address.code());
  if (!chain.ok()) return;
  const bool old_set = *set == UnitSet::k2025_03;
  for (const auto* unit : *chain) {
    SampledArea area{unit->code, address.unit_set()};
    switch (unit->level) {
      case AreaLevel::kCommune:
        (old_set ? sample->communes_2025_03 : sample->communes_2025_07).push_back(area);
        break;
      case AreaLevel::kDistrict:
        sample->districts.push_back(area);
        break;
      case AreaLevel::kProvince:
        (old_set ? sample->provinces_2025_03 : sample->provinces_2025_07).push_back(area);
        break;
    }
  }
}

}  // namespace

absl::StatusOr<QuerySample> SampleCooperatives(coop::v1::Reporting::Stub* stub, int timeout_ms) {
  const auto t0 = std::chrono::steady_clock::now();
  QuerySample sample;
  std::string token;
  do {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
    coop::v1::ListCooperativesRequest request;
    request.set_page_size(1000);
    request.set_page_token(token);
    coop::v1::ListCooperativesReply reply;
    grpc::Status status = stub->ListCooperatives(&context, request, &reply);
    if (!status.ok()) {
      return absl::UnavailableError(
          absl::StrCat("ListCooperatives failed: ", GrpcCodeName(status.error_code()), ": ",
                       status.error_message()));
    }
    ++sample.pages;
    for (const auto& view : reply.cooperatives()) {
      sample.cooperative_ids.push_back(view.cooperative_id());
      AddAddress(view.address(), &sample);
    }
    token = reply.next_page_token();
  } while (!token.empty());
  sample.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (sample.cooperative_ids.empty()) {
    return absl::FailedPreconditionError("the cooperative registry is empty: nothing to query");
  }
  return sample;
}

}  // namespace coop::bench
