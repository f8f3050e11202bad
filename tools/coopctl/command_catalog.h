// The commands coopctl can send, found at run time in the compiled-in descriptors: every RPC
// of every service in package coop.v1 whose reply is coop.v1.CommandReply. Nothing is listed
// by hand, so a new service or RPC becomes a subcommand by being compiled into coop::proto.
// Thread-safe: the catalog is built once, on first use, and never changes.
#ifndef COOPLEDGER_TOOLS_COOPCTL_COMMAND_CATALOG_H_
#define COOPLEDGER_TOOLS_COOPCTL_COMMAND_CATALOG_H_

#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

namespace coop::coopctl {

inline constexpr char kCommandPackage[] = "coop.v1";
inline constexpr char kCommandReplyType[] = "coop.v1.CommandReply";

struct CommandRpc {
  // The subcommand: the RPC name in kebab-case ("register-cooperative"), prefixed with the
  // service's ("registry-...") if another service has an RPC of the same name or the name is
  // a built-in subcommand.
  std::string name;
  const google::protobuf::MethodDescriptor* method = nullptr;

  // "/coop.v1.Registry/RegisterCooperative", the gRPC method path.
  std::string Path() const;
};

// Every command RPC, by file name, then in declaration order. Built once; thread-safe.
const std::vector<CommandRpc>& CommandRpcs();

// By subcommand name, RPC name ("RegisterCooperative") or full name
// ("coop.v1.Registry.RegisterCooperative"); nullptr if none (or an ambiguous RPC name).
const CommandRpc* FindCommandRpc(const std::string& name);

// Every file of the generated descriptor pool in package coop.v1 (built on first use).
const std::vector<const google::protobuf::FileDescriptor*>& CoopFiles();

// "RegisterCooperative" -> "register-cooperative"; "HTTPServer" -> "http-server".
std::string KebabCase(const std::string& camel);
// "CooperativeRegistered" -> "Cooperative registered".
std::string HumanCase(const std::string& camel);
// "CooperativeKind" -> "COOPERATIVE_KIND".
std::string UpperSnakeCase(const std::string& camel);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_COMMAND_CATALOG_H_
