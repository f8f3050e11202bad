#include "services/raw_append.h"

#include <utility>

#include "services/domain_stream_guard.h"

namespace coop::services {

absl::StatusOr<coop::v1::AppendRequest> PrepareRawAppend(coop::v1::AppendRequest request,
                                                         const access::Principal& principal) {
  if (auto st = CheckRawAppend(request); !st.ok()) return st;
  for (auto& stream : *request.mutable_streams()) {
    for (auto& event : *stream.mutable_events()) {
      auto* metadata = event.mutable_metadata();
      if (principal.authenticated) {
        metadata->set_actor(principal.name);
        metadata->set_agency(principal.agency);
      }
      metadata->set_principal(principal.name);
      metadata->clear_command_digest();
    }
  }
  return request;
}

}  // namespace coop::services
