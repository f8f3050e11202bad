#include "services/coopd_config.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace coop::services {
namespace {

bool IsOptionName(absl::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '_') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<std::vector<ConfigEntry>> ParseCoopdConfig(const std::string& text) {
  std::vector<ConfigEntry> entries;
  std::set<std::string> seen;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const size_t equals = line.find('=');
    if (equals == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("dòng ", number, ": cần dạng \"tên = giá trị\" / line ", number,
                       ": expected \"name = value\", got '", line, "'"));
    }
    ConfigEntry entry;
    entry.name = std::string(absl::StripAsciiWhitespace(line.substr(0, equals)));
    entry.value = std::string(absl::StripAsciiWhitespace(line.substr(equals + 1)));
    entry.line = number;
    if (!IsOptionName(entry.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("dòng ", number, ": tên tùy chọn chỉ gồm a-z, 0-9 và _ / line ", number,
                       ": an option's name is made of a-z, 0-9 and _, got '", entry.name, "'"));
    }
    if (!seen.insert(entry.name).second) {
      return absl::InvalidArgumentError(absl::StrCat("dòng ", number, ": ", entry.name,
                                                     " đã có ở dòng trước / line ", number, ": ",
                                                     entry.name, " is given twice"));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

absl::StatusOr<std::vector<ConfigEntry>> ReadCoopdConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("--config: không đọc được / cannot read ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  auto entries = ParseCoopdConfig(text.str());
  if (!entries.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--config ", path, ": ", entries.status().message()));
  }
  return entries;
}

}  // namespace coop::services
