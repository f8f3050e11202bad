// The options every subcommand accepts.
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {
namespace {

// "30" and "1.5" are seconds; "500ms", "2m", "1m30s" use absl's duration syntax.
absl::StatusOr<absl::Duration> ParseTimeout(const std::string& text) {
  absl::Duration duration;
  double seconds = 0;
  bool ok = false;
  if (absl::SimpleAtod(text, &seconds)) {
    duration = absl::Seconds(seconds);
    ok = true;
  } else {
    ok = absl::ParseDuration(text, &duration);
  }
  if (!ok || duration <= absl::ZeroDuration() || duration == absl::InfiniteDuration()) {
    return UsageError(absl::StrCat(
        "--timeout: expected a positive duration like 30, 2.5 or 500ms, got '", text, "'"));
  }
  return duration;
}

}  // namespace

const std::vector<OptionSpec>& GlobalOptionSpecs() {
  static const std::vector<OptionSpec> specs = {
      {"server", true, false},
      {"json", false, false},
      {"timeout", true, false},
      {"help", false, false},
  };
  return specs;
}

absl::StatusOr<Globals> GlobalsFrom(const ParsedArgs& args) {
  Globals globals;
  if (auto server = args.Get("server")) {
    if (server->empty()) return UsageError("--server: expected host:port");
    globals.server = *server;
  }
  globals.json = args.Has("json");
  if (auto text = args.Get("timeout")) {
    absl::StatusOr<absl::Duration> timeout = ParseTimeout(*text);
    if (!timeout.ok()) return timeout.status();
    globals.timeout = *timeout;
  }
  return globals;
}

}  // namespace coop::coopctl
