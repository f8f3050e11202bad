// Command-line flags of coopd. Pure; thread-safe.
#ifndef COOPLEDGER_SERVICES_COOPD_FLAGS_H_
#define COOPLEDGER_SERVICES_COOPD_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/server.h"

namespace coop::services {

struct CoopdFlags {
  ServerOptions server;
  std::string port_file;  // if set, the bound port is written here once serving
  bool help = false;
};

// Parses argv (without argv[0]). Accepts --name=value and --name value.
absl::StatusOr<CoopdFlags> ParseCoopdFlags(const std::vector<std::string>& args);
std::string CoopdUsage();

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COOPD_FLAGS_H_
