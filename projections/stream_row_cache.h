// StreamRowCache: a projection's stream rows — a stream's events kept in one row, as a
// coop.v1.CooperativeRegistryStream, with some fields of each event left out (the hashes; the
// statistics also the metadata) — appended to without copying the events.
//
// A row is held as its bytes. An event appended during a page is held as a pointer into the
// runner's page (projection.h: the events given to Apply stay valid until FinishPage returns);
// FinishPage appends the event's encoding, the dropped fields left out, to the bytes, and
// appends the same encodings to the stored row (ProjectionWriter::Append). The bytes are those
// a parsed row with a stripped copy of each event serialized to (protobuf writes the known
// fields in number order and the row is a repeated field of its events, so the encodings of
// events one after another are a row of them), so the rows are the same as before this cache,
// and a row read back parses to the stripped events. Appending writes what a page adds, not
// the whole stream again: a national rebuild wrote its long rows again at every page they were
// touched in (docs/PERFORMANCE.md). A kept event has no unknown field: the statistics kept none
// before either, the registries did, and no event coopd writes has any. The stored events are
// parsed only when Events asks for them, and kept parsed while the row stays cached (events kept
// since are parsed when it asks again); TailOf gives what an incremental fold needs, reading only
// the row's last event. So a damaged row is found (DATA_LOSS) when its events are next parsed,
// which a fold that goes on from a kept state does not do.
//
// Rows stay cached across pages on the same terms as PageRows (page_rows.h): while each page
// follows the last one finished; after a page, all are dropped if more than `max_rows` are held.
//
// Not thread-safe (one per projection, used by its runner's thread).
#ifndef COOPLEDGER_PROJECTIONS_STREAM_ROW_CACHE_H_
#define COOPLEDGER_PROJECTIONS_STREAM_ROW_CACHE_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "coop/v1/event.pb.h"
#include "coop/v1/reporting.pb.h"
#include "projections/projection.h"

namespace coop::projections {

// The encoding of `event` as kept in a stream row (one element of CooperativeRegistryStream's
// `events`: its tag, its length, then the event's fields but those numbered in `dropped`),
// appended to `row`. `scratch` is working space, reused between calls.
void AppendKeptEvent(const coop::v1::RecordedEvent& event, const std::vector<int>& dropped,
                     std::string* scratch, std::string* row);
// The same element, from the event's bytes as the log stores them (a serialized RecordedEvent,
// as protobuf writes it: fields in number order), without serializing the event again: for
// such bytes, what AppendKeptEvent appends for the event they parse to.
void AppendStoredEvent(std::string_view stored_bytes, const std::vector<int>& dropped,
                       std::string* scratch, std::string* row);

class StreamRowCache {
 public:
  // `dropped`: the RecordedEvent field numbers a kept event leaves out.
  StreamRowCache(std::initializer_list<int> dropped, size_t max_rows);

  // Appends `event` to the row under `key`. `stored_bytes`: the event's bytes as the log stores
  // them (Projection::ApplyStored), kept as they are; empty: the event is serialized.
  // REQUIRES: `event` and `stored_bytes` stay valid and unchanged until FinishPage returns.
  absl::Status Append(ProjectionWriter& writer, const std::string& key,
                      const coop::v1::RecordedEvent& event, std::string_view stored_bytes = {});

  // The row's events in order: the stored ones (stripped, parsed on first use), then those
  // appended during this page (as given to Append). Valid until the next call that changes
  // the cache (Append, BeginPage, FinishPage). DATA_LOSS naming the key if the row is unreadable.
  absl::StatusOr<std::vector<const coop::v1::RecordedEvent*>> Events(ProjectionWriter& writer,
                                                                     const std::string& key);

  // What an incremental fold needs, without parsing the stored events: the stream version and
  // position of the last stored event (0 and 0 if none is stored), and the events appended
  // during this page.
  struct Tail {
    uint64_t stored_version = 0;
    uint64_t stored_position = 0;
    std::vector<const coop::v1::RecordedEvent*> appended;
  };
  absl::StatusOr<Tail> TailOf(ProjectionWriter& writer, const std::string& key);

  // For Projection::BeginPage and FinishPage (as PageRows'): FinishPage appends the page's
  // events to every row appended to during the page (ProjectionWriter::Append: the writer is
  // given those events' bytes, not the whole row again). An error of the writer's Append is
  // returned, and every row held is dropped: the page must not be committed.
  void BeginPage(uint64_t first_position);
  absl::Status FinishPage(ProjectionWriter& writer, uint64_t last_position);

  size_t size() const { return rows_.size(); }

 private:
  struct Row {
    std::string bytes;  // as stored (and written), without this page's appended events
    bool tail_known = false;
    uint64_t last_version = 0;  // of the last event in `bytes`, once tail_known
    uint64_t last_position = 0;
    // The first `parsed_size` bytes of `bytes` parsed, once Events asks; the rest is parsed
    // when it next asks.
    std::unique_ptr<coop::v1::CooperativeRegistryStream> parsed;
    size_t parsed_size = 0;
    std::vector<const coop::v1::RecordedEvent*> appended;  // this page's
    std::vector<std::string_view> appended_stored;         // their stored bytes, or empty
  };
  absl::StatusOr<Row*> Load(ProjectionWriter& writer, const std::string& key);

  const std::vector<int> dropped_;
  const size_t max_rows_;
  absl::node_hash_map<std::string, Row> rows_;  // stable pointers
  uint64_t next_position_ = 0;                  // the first position of the page expected next
  std::string scratch_;
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_STREAM_ROW_CACHE_H_
