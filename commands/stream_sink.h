// StreamSink: where a data generator writes the history it generates, one whole stream at a
// time. BulkAppender (commands/bulk_appender.h) writes into an event store; a test may keep
// the streams in memory. Thread-safety: an implementation is fed from one thread.
#ifndef COOPLEDGER_COMMANDS_STREAM_SINK_H_
#define COOPLEDGER_COMMANDS_STREAM_SINK_H_

#include "absl/status/status.h"
#include "coop/v1/eventstore.pb.h"

namespace coop::commands {

class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Takes one stream's events (a stream is added once, whole, expected not to exist yet).
  virtual absl::Status Add(coop::v1::StreamAppend stream) = 0;
  // Writes what is pending and waits for it. No Add afterwards.
  virtual absl::Status Finish() = 0;
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_STREAM_SINK_H_
