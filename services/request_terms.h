// A refusal in the terms of the request the caller sent. The deciders name the fields of the
// fact they were given ("name", "registered.name", "address.code", "occurred_on"); the caller
// sent a request in which that fact is one field (RegisterCooperativeRequest.registration)
// beside its header. RequestTerms rewrites the path of a rule violation,
// "[RULE] <fact path>: detail", into the request's path ("registration.name",
// "registration.address.code", "header.occurred_on"); any other message stays as it is.
// Immutable once built; thread-safe.
#ifndef COOPLEDGER_SERVICES_REQUEST_TERMS_H_
#define COOPLEDGER_SERVICES_REQUEST_TERMS_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"

namespace coop::services {

class RequestTerms {
 public:
  // `fact` is an event union (one oneof of event messages) with its member set, taken from a
  // field of `request` of the member's type.
  RequestTerms(const google::protobuf::Message& request, const google::protobuf::Message& fact);

  // `refusal` with its field path in the request's terms.
  absl::Status Rewrite(const absl::Status& refusal) const;

 private:
  std::string member_;         // the union's member that is set, e.g. "registered"
  std::string request_field_;  // the request's field holding it, e.g. "registration"; may be empty
  const google::protobuf::Descriptor* member_type_ = nullptr;
  bool has_header_ = false;  // the request has a `header` (with occurred_on)
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REQUEST_TERMS_H_
