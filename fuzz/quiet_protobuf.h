// QuietProtobuf(): turns protobuf's log off for a fuzz target, once. Fuzzed messages are often
// not valid UTF-8 where proto3 wants it, and protobuf logs an error for each one: millions of
// lines, and the time to print them. Its FATAL checks still abort. Call at the top of
// LLVMFuzzerTestOneInput; cheap after the first call.
#ifndef COOPLEDGER_FUZZ_QUIET_PROTOBUF_H_
#define COOPLEDGER_FUZZ_QUIET_PROTOBUF_H_

#include <google/protobuf/stubs/logging.h>

namespace coop::fuzz {

inline void QuietProtobuf() {
  static const bool quiet = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
  }();
  (void)quiet;
}

}  // namespace coop::fuzz

#endif  // COOPLEDGER_FUZZ_QUIET_PROTOBUF_H_
