// The checks every command request passes before any rule of an aggregate sees it, by
// reflection over the request's own fields (so errors name them: "registration.kind"):
//   - an enum field holds one of its known values (COMMON-06); proto3 keeps unknown numbers;
//   - an integer is at most its bound (COMMON-04, domain/common/value_bounds.h): VND amounts
//     (fields named *_vnd, and plan targets' `value`) at most kMaxVnd, every other count at
//     most kMaxCount (whether it may be negative is COMMON-02, checked by the deciders);
//     times (*_micros) are not counts and are left to their own checks; a list holds at most
//     kMaxListItems items and the whole request is at most kMaxRequestBytes, so that the event a
//     command records always fits in the store (the error names the largest field);
//   - text follows COMMON-05 (domain/common/text_rules.h) and is stored in NFC; free-text
//     fields (reasons, findings, grounds, …) may hold newlines;
//   - ids and references (fields named id, *_id, *_ref) are lower-cased and codes (fields named
//     code) upper-cased, so that "ABC-1" and "abc-1" are one code and an id in capitals names
//     the same aggregate.
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_REQUEST_CHECKS_H_
#define COOPLEDGER_DOMAIN_COMMON_REQUEST_CHECKS_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"

namespace coop::domain {

// Checks `request` and rewrites its text into canonical form in place. INVALID_ARGUMENT
// "[COMMON-0x] <path>: …" for the first field that breaks a rule; `request` may then be
// partly rewritten. `prefix` goes before every path (e.g. "replacement.").
absl::Status CheckRequestFields(google::protobuf::Message* request, const std::string& prefix = "");

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_REQUEST_CHECKS_H_
