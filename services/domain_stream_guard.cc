#include "services/domain_stream_guard.h"

#include "absl/strings/str_cat.h"
#include "domain/streams/domain_streams.h"

namespace coop::services {

absl::Status CheckRawAppend(const coop::v1::AppendRequest& request) {
  for (int i = 0; i < request.streams_size(); ++i) {
    const std::string& id = request.streams(i).stream_id();
    if (const auto* category = domain::DomainCategoryOf(id)) {
      return absl::PermissionDeniedError(
          absl::StrCat("streams[", i, "].stream_id: '", id, "' is a stream of ", category->what,
                       ", written only through the command services (Registry, Programs, Planning, "
                       "Corrections); a raw append to it is refused for every principal"));
    }
  }
  return absl::OkStatus();
}

}  // namespace coop::services
