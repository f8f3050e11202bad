// HeadPublisher: coopd's periodic publication of signed tree heads (--publish_heads FILE). At
// start, then every interval in which the log grew, and once more at shutdown, it appends the
// log's signed head to FILE as one line of protobuf JSON — the HEAD.json format of
// tools/coopctl/kept_head.h, so any line is a head `coopctl audit consistent` takes — synced,
// and says so in the server's log. A head is worth what the place it is kept is worth: copy the
// file (or the log lines) off the machine, as docs/audit.md's recipe says; a file the server
// itself keeps is rewritten as easily as the log by whoever controls the disk.
//
// Thread-safe; one background thread.
#ifndef COOPLEDGER_SERVICES_HEAD_PUBLISHER_H_
#define COOPLEDGER_SERVICES_HEAD_PUBLISHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/json_log.h"
#include "eventstore/event_store.h"
#include "services/tree_head_signer.h"

namespace coop::services {

class HeadPublisher {
 public:
  struct Options {
    std::string file;                          // appended to; created if missing
    absl::Duration interval = absl::Hours(1);  // at least one second
    const base::JsonLog* log = nullptr;        // the server's log (may be null)
  };

  // Publishes the current head, then starts the thread. The store and the signer are not
  // owned and must outlive the publisher. INVALID_ARGUMENT for an interval under a second;
  // UNAVAILABLE if the file cannot be written.
  static absl::StatusOr<std::unique_ptr<HeadPublisher>> Start(eventstore::EventStore* log,
                                                              const TreeHeadSigner* signer,
                                                              Options options);
  ~HeadPublisher();  // Stop()

  // Publishes once more if the log grew, then stops the thread. Idempotent.
  void Stop();

  // The size of the last head published.
  uint64_t published_size() const;

 private:
  HeadPublisher(eventstore::EventStore* log, const TreeHeadSigner* signer, Options options);
  // Publishes the head now unless it is the one published last.
  absl::Status PublishIfGrown();
  void Loop();

  eventstore::EventStore* const log_;
  const TreeHeadSigner* const signer_;
  const Options options_;
  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool published_any_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t published_size_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_HEAD_PUBLISHER_H_
