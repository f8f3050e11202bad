// The options every subcommand accepts.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"

namespace coopctl {
namespace {

// "30" and "1.5" are seconds; "500ms", "2m", "1m30s" use absl's duration syntax.
absl::Duration ParseTimeout(const std::string& text) {
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
    throw UsageError(absl::StrCat(
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

Globals GlobalsFrom(const ParsedArgs& args) {
  Globals globals;
  if (auto server = args.Get("server")) {
    if (server->empty()) throw UsageError("--server: expected host:port");
    globals.server = *server;
  }
  globals.json = args.Has("json");
  if (auto timeout = args.Get("timeout")) globals.timeout = ParseTimeout(*timeout);
  return globals;
}

}  // namespace coopctl
