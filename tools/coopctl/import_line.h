// One line of a `coopctl import` file: {"command": NAME, "request": {...}} parsed into the
// command's RPC and its request message, with a command id derived from the line's content
// if the request has none.
#ifndef COOPLEDGER_TOOLS_COOPCTL_IMPORT_LINE_H_
#define COOPLEDGER_TOOLS_COOPCTL_IMPORT_LINE_H_

#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "command_catalog.h"

namespace coopctl {

// The members of a JSON object, each as its raw JSON text; an error message if `text` is not
// one JSON object (or has a member twice).
std::optional<std::string> SplitJsonObject(const std::string& text,
                                           std::map<std::string, std::string>* members);

// A UUID made from the first 16 bytes of SHA-256(`text`), with the version set to 8 (RFC
// 9562 custom) and the RFC variant: the same text always gives the same id.
std::string ContentUuid(const std::string& text);

struct ImportLine {
  const CommandRpc* rpc = nullptr;
  std::unique_ptr<google::protobuf::Message> request;
  bool derived_id = false;  // the request had no command id: ContentUuid(line) was set
};

// Parses `line` (without its newline). On failure returns nullopt and sets `*error`.
std::optional<ImportLine> ParseImportLine(const std::string& line, std::string* error);

}  // namespace coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_IMPORT_LINE_H_
