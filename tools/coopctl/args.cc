#include "tools/coopctl/args.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace coop::coopctl {
namespace {

const OptionSpec* FindSpec(const std::vector<OptionSpec>& specs, const std::string& name) {
  for (const auto& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> ParsedArgs::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  return it->second;
}

absl::StatusOr<std::optional<uint64_t>> ParsedArgs::GetUint(const std::string& name) const {
  std::optional<std::string> value = Get(name);
  if (!value) return std::nullopt;
  absl::StatusOr<uint64_t> number = ParseUint(*value, absl::StrCat("--", name));
  if (!number.ok()) return number.status();
  return *number;
}

absl::StatusOr<uint64_t> ParsedArgs::GetUintOr(const std::string& name, uint64_t fallback) const {
  absl::StatusOr<std::optional<uint64_t>> number = GetUint(name);
  if (!number.ok()) return number.status();
  return number->value_or(fallback);
}

absl::StatusOr<uint64_t> ParseUint(const std::string& text, const std::string& what) {
  uint64_t value = 0;
  bool digits_only = !text.empty();
  for (char c : text) digits_only = digits_only && c >= '0' && c <= '9';
  if (!digits_only || !absl::SimpleAtoi(text, &value)) {
    return UsageError(absl::StrCat(what, ": expected a non-negative number, got '", text, "'"));
  }
  return value;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs,
                                     bool underscores_as_dashes) {
  ParsedArgs parsed;
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg == "-" || arg.empty() || arg[0] != '-') {
      parsed.AddPositional(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    std::string name;
    std::optional<std::string> inline_value;
    if (arg == "-h") {
      name = "help";
    } else if (arg.size() > 2 && arg[1] == '-') {
      size_t eq = arg.find('=');
      name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) inline_value = arg.substr(eq + 1);
    } else {
      return UsageError(absl::StrCat("unknown option '", arg, "'"));
    }
    if (underscores_as_dashes) std::replace(name.begin(), name.end(), '_', '-');
    const OptionSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) return UsageError(absl::StrCat("unknown option '--", name, "'"));
    if (!spec->alias_of.empty()) name = spec->alias_of;
    if (!spec->repeatable && parsed.Has(name)) {
      return UsageError(absl::StrCat("option '--", name, "' given more than once"));
    }
    if (!spec->takes_value) {
      if (inline_value) return UsageError(absl::StrCat("option '--", name, "' takes no value"));
      parsed.Add(name, "");
      continue;
    }
    if (inline_value) {
      parsed.Add(name, *inline_value);
    } else if (i + 1 < args.size()) {
      parsed.Add(name, args[++i]);
    } else {
      return UsageError(absl::StrCat("option '--", name, "' needs a value"));
    }
  }
  return parsed;
}

absl::Status RequireAtMostOne(const ParsedArgs& args, const std::vector<std::string>& names) {
  std::vector<std::string> present;
  for (const auto& name : names) {
    if (args.Has(name)) present.push_back(absl::StrCat("--", name));
  }
  if (present.size() > 1) {
    return UsageError(
        absl::StrCat("options ", absl::StrJoin(present, " and "), " cannot be combined"));
  }
  return absl::OkStatus();
}

}  // namespace coop::coopctl
