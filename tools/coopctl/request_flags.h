// Command-line flags for the fields of a request message, from its descriptor: nested message
// fields flattened with dots ("--registration.address.unit-set"), field names in kebab-case
// ('_' accepted too), plus a short alias without the first segment where that is unambiguous
// ("--occurred-on" for "--header.occurred-on", "--code" for "--registration.code").
// Pure functions, thread-safe, but for SetFlag and FillRequest, which change the request
// they are given (one thread per request).
#ifndef COOPLEDGER_TOOLS_COOPCTL_REQUEST_FLAGS_H_
#define COOPLEDGER_TOOLS_COOPCTL_REQUEST_FLAGS_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/coopctl/args.h"

namespace coop::coopctl {

struct FieldFlag {
  std::string name;   // "registration.address.unit-set"
  std::string alias;  // "address.unit-set", or "" if it would be ambiguous
  // The fields from the request down to the leaf; all but the last are singular messages.
  std::vector<const google::protobuf::FieldDescriptor*> path;
  // The leaf is a message given as one JSON object (repeated messages, maps, well-known types).
  bool json_value = false;

  const google::protobuf::FieldDescriptor* leaf() const { return path.back(); }
};

// The flags of `request`. `taken` are option names the command has already (the global ones,
// --actor, ...): a field flag or alias equal to one of them is left out.
std::vector<FieldFlag> FlattenRequest(const google::protobuf::Descriptor* request,
                                      const std::set<std::string>& taken);

// The option specs for `flags` (aliases as alias specs of the full names).
std::vector<OptionSpec> FlagSpecs(const std::vector<FieldFlag>& flags);

// "STRING", "INT64", "BOOL", "ENUM", "JSON", with "..." for repeated fields.
std::string FlagTypeName(const FieldFlag& flag);
// A line of help for the flag's values beyond its type, e.g. the enum's value names.
std::string FlagValueHint(const FieldFlag& flag);

// Sets the flag's field in `request` from the command-line text (appends for a repeated
// field). A usage error naming the flag for a value of the wrong type.
absl::Status SetFlag(google::protobuf::Message* request, const FieldFlag& flag,
                     const std::string& text);

// Fills `request` from the parsed command line; a usage error for bad values or two members
// of one oneof.
absl::Status FillRequest(google::protobuf::Message* request, const std::vector<FieldFlag>& flags,
                         const ParsedArgs& args);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_REQUEST_FLAGS_H_
