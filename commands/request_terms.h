// A refusal in the terms of the request the caller sent. The deciders name the fields of the
// fact they were given ("name", "registered.name", "address.code", "occurred_on"); the caller
// sent a request in which that fact is one field (RegisterCooperativeRequest.registration)
// beside its header. RequestTerms rewrites the path of a rule violation,
// "[RULE] <fact path>: detail", into the request's path ("registration.name",
// "registration.address.code", "header.occurred_on"); any other message stays as it is.
// Immutable once built; thread-safe.
#ifndef COOPLEDGER_COMMANDS_REQUEST_TERMS_H_
#define COOPLEDGER_COMMANDS_REQUEST_TERMS_H_

#include <google/protobuf/message.h>

#include <string>
#include <utility>

#include "absl/status/status.h"

namespace coop::commands {

class RequestTerms {
 public:
  // `fact` is an event union (one oneof of event messages) with its member set, taken from a
  // field of `request` of the member's type.
  RequestTerms(const google::protobuf::Message& request, const google::protobuf::Message& fact);
  // For a fact sent as serialized bytes in `request_field` (an amendment's "replacement"): its
  // fields are named under that field, and the business date stays "occurred_on".
  static RequestTerms ForField(const google::protobuf::Message& fact, std::string request_field);

  // `refusal` with its field path in the request's terms.
  absl::Status Rewrite(const absl::Status& refusal) const;

 private:
  RequestTerms() = default;

  std::string member_;         // the union's member that is set, e.g. "registered"
  std::string request_field_;  // the request's field holding it, e.g. "registration"; may be empty
  const google::protobuf::Descriptor* member_type_ = nullptr;
  bool has_header_ = false;  // the request has a `header` (with occurred_on)
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_REQUEST_TERMS_H_
