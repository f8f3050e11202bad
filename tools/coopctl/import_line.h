// One line of a `coopctl import` file: {"command": NAME, "request": {...}} parsed into the
// command's RPC and its request message, with a command id derived from the line's content
// if the request has none. Pure functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_IMPORT_LINE_H_
#define COOPLEDGER_TOOLS_COOPCTL_IMPORT_LINE_H_

#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/coopctl/command_catalog.h"

namespace coop::coopctl {

// The members of a JSON object, each as its raw JSON text; INVALID_ARGUMENT with the reason if
// `text` is not one JSON object (or has a member twice).
absl::Status SplitJsonObject(const std::string& text, std::map<std::string, std::string>* members);

// A UUID made from the first 16 bytes of SHA-256(`text`), with the version set to 8 (RFC
// 9562 custom) and the RFC variant: the same text always gives the same id.
std::string ContentUuid(const std::string& text);

struct ImportLine {
  const CommandRpc* rpc = nullptr;
  std::unique_ptr<google::protobuf::Message> request;
  bool derived_id = false;  // the request had no command id: ContentUuid(line) was set
};

// Parses `line` (without its newline); INVALID_ARGUMENT with the reason if it is not a valid
// line.
absl::StatusOr<ImportLine> ParseImportLine(const std::string& line);

// The business date of the line's command (header.occurred_on, "YYYY-MM-DD"); empty if the
// request has no header or no date.
std::string BusinessDateOf(const ImportLine& line);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_IMPORT_LINE_H_
