// coopd's configuration file (--config FILE): the same options as the command line, one per
// line, without the leading dashes:
//
//   # the data folder
//   data_dir = /var/lib/coopd
//   listen = 0.0.0.0:50051
//   demo = false
//
// Blank lines and lines starting with '#' are skipped; spaces around the name and the value
// are trimmed; the value runs to the end of the line (no quotes, no trailing comments). A
// switch (demo, allow_plaintext) takes true or false. deploy/coopd.conf documents every
// option. Options given on the command line override the file's. Pure; thread-safe.
#ifndef COOPLEDGER_SERVICES_COOPD_CONFIG_H_
#define COOPLEDGER_SERVICES_COOPD_CONFIG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace coop::services {

struct ConfigEntry {
  std::string name;  // without dashes: "data_dir"
  std::string value;
  int line = 0;  // 1-based, for errors
};

// The entries of `text` in order. INVALID_ARGUMENT naming the line for a line that is not
// "name = value", a name given twice, or a name of other characters than [a-z0-9_].
absl::StatusOr<std::vector<ConfigEntry>> ParseCoopdConfig(const std::string& text);

// Reads and parses the file. INVALID_ARGUMENT (with the file's name) if it cannot be read.
absl::StatusOr<std::vector<ConfigEntry>> ReadCoopdConfig(const std::string& path);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COOPD_CONFIG_H_
