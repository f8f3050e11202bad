// The text check that runs on a request's bytes, before they are parsed: protobuf refuses to
// parse a proto3 string field that is not valid UTF-8 (and gRPC then answers UNIMPLEMENTED
// with no message), so the services look at the bytes first and name the field instead.
// Rule COMMON-05. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_WIRE_TEXT_H_
#define COOPLEDGER_DOMAIN_COMMON_WIRE_TEXT_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/zero_copy_stream.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace coop::domain {

// OK if `wire` is a serialised `type` message whose string fields, at any depth, are all valid
// UTF-8. Otherwise INVALID_ARGUMENT:
//   "[COMMON-05] streams[0].events[1].type: is not valid UTF-8 (byte 3)" for the first string
//   field that is not (repeated fields by index, map entries by key or value);
//   "<type name>: the bytes are not a valid protocol buffer message of this type" if the wire
//   format itself is broken (a bad tag, a length past the end, nesting deeper than 100).
// Fields this build does not know are skipped, as protobuf skips them.
absl::Status CheckWireText(const google::protobuf::Descriptor& type, absl::string_view wire);
// The same, reading the bytes from `wire` (e.g. a request's buffers, without copying them).
absl::Status CheckWireText(const google::protobuf::Descriptor& type,
                           google::protobuf::io::ZeroCopyInputStream* wire);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_WIRE_TEXT_H_
