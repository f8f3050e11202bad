// A short, one-line view of an event payload for human-readable output. Pure; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_PAYLOAD_PREVIEW_H_
#define COOPLEDGER_TOOLS_COOPCTL_PAYLOAD_PREVIEW_H_

#include <cstddef>
#include <optional>
#include <string>

namespace coop::coopctl {

// If `payload` is valid UTF-8 without control characters (tab, CR and LF allowed), returns it
// on one line (tab, CR and LF written as \t, \r, \n; backslash as \\), cut after
// `max_chars` characters with "…" appended. Returns nullopt for anything else, e.g. binary
// protobuf, and for an empty payload.
std::optional<std::string> PayloadPreview(const std::string& payload, size_t max_chars = 80);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_PAYLOAD_PREVIEW_H_
