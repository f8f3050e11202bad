// Command-line parsing for coopctl: options declared per subcommand, values collected by name.
// Accepts "--name value" and "--name=value"; "--" ends the options; a lone "-" is positional.
// Mistakes are usage errors (usage_error.h). Pure functions; ParsedArgs is thread-compatible
// (const methods may be called concurrently).
#ifndef COOPLEDGER_TOOLS_COOPCTL_ARGS_H_
#define COOPLEDGER_TOOLS_COOPCTL_ARGS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {

struct OptionSpec {
  OptionSpec() = default;
  OptionSpec(std::string name_, bool takes_value_ = true, bool repeatable_ = false,
             std::string alias_of_ = "")
      : name(std::move(name_)),
        takes_value(takes_value_),
        repeatable(repeatable_),
        alias_of(std::move(alias_of_)) {}

  std::string name;  // without the leading "--", e.g. "stream"
  bool takes_value = true;
  bool repeatable = false;
  // If set, this spec is another spelling of the option `alias_of`: its values are stored
  // under that name (so Get/GetAll see both spellings, in command-line order).
  std::string alias_of;
};

class ParsedArgs {
 public:
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // The value of a single-valued option, if given.
  std::optional<std::string> Get(const std::string& name) const;
  // Every value of a repeatable option, in command-line order.
  std::vector<std::string> GetAll(const std::string& name) const;
  // The option as an unsigned decimal number (nullopt if not given); a usage error if it is
  // not one.
  absl::StatusOr<std::optional<uint64_t>> GetUint(const std::string& name) const;
  // Like GetUint, with `fallback` if the option is not given.
  absl::StatusOr<uint64_t> GetUintOr(const std::string& name, uint64_t fallback) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  void Add(const std::string& name, std::string value) {
    values_[name].push_back(std::move(value));
  }
  void AddPositional(std::string value) { positionals_.push_back(std::move(value)); }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

// Parses `args` against `specs`. A usage error for unknown options, missing values, values
// given to flags and repeated single-valued options. With `underscores_as_dashes`, '_' in an
// option name is read as '-' ("--occurred_on" is "--occurred-on"); the specs then use '-'
// only.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs,
                                     bool underscores_as_dashes = false);

// "123" -> 123; a usage error naming `what` otherwise.
absl::StatusOr<uint64_t> ParseUint(const std::string& text, const std::string& what);

// Rejects options that must not be combined: a usage error if more than one of `names` is
// present.
absl::Status RequireAtMostOne(const ParsedArgs& args, const std::vector<std::string>& names);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_ARGS_H_
