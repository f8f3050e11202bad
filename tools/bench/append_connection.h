// One writer's connection to a log it appends single events to: coopd (unary Append or an
// AppendSession), PostgreSQL or Redis Streams. The compare mode drives every backend through
// this, with the same events, so that only the backend differs.
//
// A connection is pipelined to a depth the caller keeps: Send queues one append without
// waiting, Receive returns the outcome of the oldest one sent and not yet received. A unary
// connection does its round trip in Receive, so the caller keeps depth 1.
//
// Thread-safety: one thread per connection.
#ifndef COOPLEDGER_TOOLS_BENCH_APPEND_CONNECTION_H_
#define COOPLEDGER_TOOLS_BENCH_APPEND_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace coop::bench {

// One event appended to `stream` at exact version `expected` (0 = the stream is new).
struct SingleAppend {
  std::string stream;
  uint64_t expected = 0;
  std::string event_id;  // a UUID
  std::string payload;
};

class AppendConnection {
 public:
  virtual ~AppendConnection() = default;
  // Whether Send may be called again before Receive.
  virtual bool pipelined() const = 0;
  // Queues `append`. With `more_follow`, the connection may hold it back until the next Send
  // without it (so that a burst goes out in few writes). A failure here ends the connection.
  virtual absl::Status Send(const SingleAppend& append, bool more_follow) = 0;
  // The outcome of the oldest append sent: OK once durable, ABORTED on a version conflict,
  // anything else on failure.
  virtual absl::Status Receive() = 0;
  // Sends what Send held back, when no Send follows after all; no Send may come after it.
  virtual void Flush() {}
  // Closes the connection's side after the last Receive (a session ends cleanly).
  virtual absl::Status Close() { return absl::OkStatus(); }
};

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_APPEND_CONNECTION_H_
