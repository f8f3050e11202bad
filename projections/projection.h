// Projection: a checkpointed consumer of the log that keeps rows of its own.
//
// The engine (projection_runner.h) feeds every event of the log, in position order, to
// Apply, and commits the rows it staged together with the new checkpoint in one atomic
// RocksDB WriteBatch per page: an event is applied exactly once, even across crashes.
//
// Apply must be deterministic and do no I/O except through the writer: rebuilding from
// position 1 must produce the same rows. Keys are the projection's own; the engine keeps
// each projection's rows apart (see projection_store.h).
//
// The events given to Apply stay valid and unchanged until the FinishPage of their page
// returns, so a projection may hold pointers to them for the page instead of copies
// (stream_row_cache.h).
//
// Thread-safety: a runner calls Apply from its one thread; a projection object should be
// run by one runner at a time.
#ifndef COOPLEDGER_PROJECTIONS_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_PROJECTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "coop/v1/event.pb.h"

namespace coop::projections {

// Stages row changes of one projection. Get sees the rows as staged so far in this batch,
// falling back to what is stored, so Apply can read-modify-write across the events of a page.
// Not thread-safe.
class ProjectionWriter {
 public:
  virtual ~ProjectionWriter() = default;
  virtual void Put(const std::string& key, const std::string& value) = 0;
  virtual void Delete(const std::string& key) = 0;
  // nullopt if the row does not exist (or was deleted in this batch).
  virtual absl::StatusOr<std::optional<std::string>> Get(const std::string& key) = 0;
  // Appends `bytes` to the row's value (a row that does not exist is created with them): the
  // value is then what Put(key, value before ‖ bytes) would have left. This default does just
  // that; a writer that can append without reading and writing the whole value overrides it
  // (projection_store.h: a row that grows by a few events a page is not written again whole).
  // An error reading the value before is returned; nothing is staged then.
  virtual absl::Status Append(const std::string& key, std::string_view bytes) {
    auto before = Get(key);
    if (!before.ok()) return before.status();
    std::string value = before->value_or("");
    value.append(bytes);
    Put(key, value);
    return absl::OkStatus();
  }
};

// The row under `key` parsed as `Row` (an empty message if there is none); DATA_LOSS naming
// the key if it cannot be parsed.
template <typename Row>
absl::StatusOr<Row> ReadParsedRow(ProjectionWriter& writer, const std::string& key) {
  Row row;
  auto stored = writer.Get(key);
  if (!stored.ok()) return stored.status();
  if (stored->has_value() && !row.ParseFromString(**stored)) {
    return absl::DataLossError("unreadable projection row " + key);
  }
  return row;
}

class Projection {
 public:
  virtual ~Projection() = default;
  // Stable name; also the name of the projection's column family. Letters, digits, '_', '-'
  // and '.' only; not "default".
  virtual std::string name() const = 0;
  // Bump when Apply's meaning changes: the engine then drops the rows and rebuilds.
  virtual uint32_t version() const = 0;
  // An error stops the runner (state kFailed) without committing the page.
  virtual absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) = 0;
  // Apply, given also the event's bytes as the log stores them (a serialized RecordedEvent,
  // valid as long as `event`): what the runner calls. A projection that keeps events as bytes
  // (stream_row_cache.h) keeps these instead of serializing the event again; the others need
  // not override it.
  virtual absl::Status ApplyStored(const coop::v1::RecordedEvent& event,
                                   std::string_view stored_bytes, ProjectionWriter& writer) {
    return Apply(event, writer);
  }

  // A page is the events applied between BeginPage and FinishPage (first and last position),
  // committed in one batch. A projection may keep parsed rows in memory and write them to
  // the batch once, in FinishPage; if a page does not start right after the last one
  // finished, that one was not committed (or a rebuild started) and such rows must be
  // dropped (page_rows.h does both).
  virtual void BeginPage(uint64_t first_position) {}
  virtual absl::Status FinishPage(ProjectionWriter& writer, uint64_t last_position) {
    return absl::OkStatus();
  }
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PROJECTION_H_
