// The categories of the domain's streams: each aggregate's stream prefix (from its
// descriptor) and the cooperative-code reservations. One list, shared by the gRPC edge (a raw
// append to any of them is refused for every principal: only the command services write
// them, services/domain_stream_guard.h) and by the projections (the streams they fold).
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_STREAMS_DOMAIN_STREAMS_H_
#define COOPLEDGER_DOMAIN_STREAMS_DOMAIN_STREAMS_H_

#include <span>

#include "absl/strings/string_view.h"

namespace coop::domain {

struct DomainStreamCategory {
  absl::string_view prefix;  // e.g. "coop-"
  absl::string_view what;    // e.g. "cooperatives and unions (HTX, LHHTX)"
};

// Every category, longest prefix first ("coopcode-" before "coop-").
std::span<const DomainStreamCategory> DomainStreamCategories();

// The category of `stream_id`, matched on its ASCII lower-case form (so "COOP-1" is a
// cooperative stream too); nullptr for a stream of no domain category.
const DomainStreamCategory* DomainCategoryOf(absl::string_view stream_id);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_STREAMS_DOMAIN_STREAMS_H_
