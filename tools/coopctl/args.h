// Command-line parsing for coopctl: options declared per subcommand, values collected by name.
// Accepts "--name value" and "--name=value"; "--" ends the options; a lone "-" is positional.
#ifndef COOPLEDGER_TOOLS_COOPCTL_ARGS_H_
#define COOPLEDGER_TOOLS_COOPCTL_ARGS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace coopctl {

// A mistake on the command line. `show_usage` asks for the subcommand's usage text after the
// message (an unknown option does; an unreadable input file does not). Exit code 2.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message, bool show_usage = true)
      : std::runtime_error(message), show_usage_(show_usage) {}
  bool show_usage() const { return show_usage_; }

 private:
  bool show_usage_;
};

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
  // Parses the option as an unsigned decimal number; throws UsageError if it is not one.
  std::optional<uint64_t> GetUint(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  void Add(const std::string& name, std::string value) {
    values_[name].push_back(std::move(value));
  }
  void AddPositional(std::string value) { positionals_.push_back(std::move(value)); }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

// Parses `args` against `specs`. Throws UsageError for unknown options, missing values,
// values given to flags and repeated single-valued options. With `underscores_as_dashes`,
// '_' in an option name is read as '-' ("--occurred_on" is "--occurred-on"); the specs
// then use '-' only.
ParsedArgs ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                     bool underscores_as_dashes = false);

// "123" -> 123; throws UsageError naming `what` otherwise.
uint64_t ParseUint(const std::string& text, const std::string& what);

// Rejects options that must not be combined: throws if more than one of `names` is present.
void RequireAtMostOne(const ParsedArgs& args, const std::vector<std::string>& names);

}  // namespace coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_ARGS_H_
