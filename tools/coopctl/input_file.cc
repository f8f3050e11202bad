#include "input_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "args.h"

namespace coopctl {

std::string ReadInputFile(const std::string& path) {
  std::ostringstream content;
  if (path == "-") {
    content << std::cin.rdbuf();
    if (std::cin.bad()) throw UsageError("cannot read standard input", false);
    return content.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw UsageError(absl::StrCat("cannot open '", path, "': ", std::strerror(errno)), false);
  }
  content << file.rdbuf();
  if (file.bad()) throw UsageError(absl::StrCat("cannot read '", path, "'"), false);
  return content.str();
}

}  // namespace coopctl
