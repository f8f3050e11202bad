// What coopctl prints on stdout: one human-readable line (or block) per result, or with --json
// one JSON object per line, the protobuf JSON mapping of the server's response message with
// proto field names and default values included. FormatEventLine and ToJsonLine are pure and
// thread-safe; an Output writes to stdout unsynchronised: use it from one thread.
#ifndef COOPLEDGER_TOOLS_COOPCTL_OUTPUT_H_
#define COOPLEDGER_TOOLS_COOPCTL_OUTPUT_H_

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>
#include <vector>

#include "coop/v1/eventstore.pb.h"

namespace coop::coopctl {

// "#12  coop-abc@3  coop.v1.Something  2026-11-27T19:20:00.123456Z  occurred 2024-01-02
//  area 96/2025-03  41 bytes  {"name":"..."}" (on one line).
std::string FormatEventLine(const coop::v1::RecordedEvent& event);

// One line of JSON, without the trailing newline.
std::string ToJsonLine(const google::protobuf::Message& message);

// A byte count as people read it: "148.8 kB", "15.5 MB", "2.54 GB".
std::string ByteSize(uint64_t bytes);

class Output {
 public:
  explicit Output(bool json) : json_(json) {}

  // Each call writes its lines and flushes stdout, so events show up as they arrive.
  void Print(const coop::v1::ReadResponse& response) const;
  void Print(const coop::v1::SubscribeResponse& response) const;
  // `generated_ids` are the event ids coopctl made up for this append (shown, not in JSON).
  void Print(const coop::v1::AppendResponse& response,
             const std::vector<std::string>& generated_ids) const;
  void Print(const coop::v1::LogInfo& info) const;
  void Print(const coop::v1::StreamInfo& info) const;
  void Print(const coop::v1::VerifyLogResponse& response) const;

 private:
  void Emit(const google::protobuf::Message& message, const std::string& human) const;

  bool json_;
};

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_OUTPUT_H_
