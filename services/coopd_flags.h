// Command-line flags of coopd. Pure; thread-safe.
#ifndef COOPLEDGER_SERVICES_COOPD_FLAGS_H_
#define COOPLEDGER_SERVICES_COOPD_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json_log.h"
#include "services/server.h"

namespace coop::services {

struct CoopdFlags {
  ServerOptions server;
  std::string port_file;       // if set, the bound port is written here once serving
  std::string http_port_file;  // the same for the HTTP face's port
  std::string config_file;     // --config: options read first (services/coopd_config.h)
  base::LogLevel log_level = base::LogLevel::kInfo;  // --log_level
  bool help = false;
};

// Parses argv (without argv[0]). Accepts --name=value and --name value. With --config FILE
// (anywhere), the file's options are applied first and the command line's over them.
absl::StatusOr<CoopdFlags> ParseCoopdFlags(const std::vector<std::string>& args);
std::string CoopdUsage();

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COOPD_FLAGS_H_
