#include "tools/golden/area_tree.h"

#include "absl/strings/str_cat.h"

namespace coop::golden {
namespace {

// Adds the units below `parent` to `below`, depth first.
absl::Status Walk(coop::v1::Reporting::Stub& stub, const CallOptions& call,
                  const std::string& unit_set, const std::string& parent, AreasBelow* below) {
  auto children = ListChildren(stub, call, unit_set, parent);
  if (!children.ok()) return children.status();
  for (auto& child : *children) {
    const std::string code = child.area().code();
    const bool has_children = child.child_count() > 0;
    if (child.level() == "district") {
      below->districts.push_back(std::move(child));
    } else if (child.level() == "commune") {
      below->communes.push_back(std::move(child));
    } else {
      return absl::InternalError(absl::StrCat("ListAreas ", parent, "@", unit_set, ": unit ", code,
                                              " has the unexpected level \"", child.level(), "\""));
    }
    if (has_children) {
      if (auto st = Walk(stub, call, unit_set, code, below); !st.ok()) return st;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<coop::v1::AreaEntry>> ListChildren(coop::v1::Reporting::Stub& stub,
                                                              const CallOptions& call,
                                                              const std::string& unit_set,
                                                              const std::string& parent) {
  coop::v1::ListAreasRequest request;
  request.set_unit_set(unit_set);
  request.set_parent(parent);
  coop::v1::ListAreasReply reply;
  auto status = stub.ListAreas(NewContext(call).get(), request, &reply);
  if (!status.ok()) {
    return FromGrpc(
        status, absl::StrCat("ListAreas ", parent.empty() ? "provinces" : parent, "@", unit_set));
  }
  return std::vector<coop::v1::AreaEntry>(reply.areas().begin(), reply.areas().end());
}

absl::StatusOr<AreasBelow> ListBelow(coop::v1::Reporting::Stub& stub, const CallOptions& call,
                                     const std::string& unit_set,
                                     const std::vector<std::string>& provinces) {
  AreasBelow below;
  for (const auto& province : provinces) {
    if (auto st = Walk(stub, call, unit_set, province, &below); !st.ok()) return st;
  }
  return below;
}

}  // namespace coop::golden
