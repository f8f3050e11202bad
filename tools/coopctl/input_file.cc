#include "tools/coopctl/input_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {

absl::StatusOr<std::string> ReadInputFile(const std::string& path) {
  std::ostringstream content;
  if (path == "-") {
    content << std::cin.rdbuf();
    if (std::cin.bad()) return UsageError("cannot read standard input", false);
    return content.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return UsageError(absl::StrCat("cannot open '", path, "': ", std::strerror(errno)), false);
  }
  content << file.rdbuf();
  if (file.bad()) return UsageError(absl::StrCat("cannot read '", path, "'"), false);
  return content.str();
}

}  // namespace coop::coopctl
