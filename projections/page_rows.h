// PageRows: parsed rows of one projection kept in memory, so a row touched by many events (a
// province's totals, a busy entity) is parsed once and written to the batch once per page
// (Projection::FinishPage). Rows may stay cached across pages as long as every page was
// committed (Projection::BeginPage says when not; then Clear).
//
// Get parses the row from the writer (staged or stored) on first use; Changed marks the
// cached value to be written; Flush writes every changed row; Clear forgets everything.
// Rows are written with deterministic serialization, so the same content is the same bytes.
// A row is held as `Row` (a protobuf message by default); a Codec (ProtoRowCodec below) may
// hold it in another form, smaller in memory, and read and write the same bytes.
//
// WrittenKeys (below) remembers rows that never change once written, on the same terms.
// A page that begins and does not finish (its Apply or FinishPage failed, so it was not
// committed) leaves neither remembering anything past the last page finished.
//
// Not thread-safe (one per projection, used by its runner's thread).
#ifndef COOPLEDGER_PROJECTIONS_PAGE_ROWS_H_
#define COOPLEDGER_PROJECTIONS_PAGE_ROWS_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "projections/projection.h"

namespace coop::projections {

// Deterministic bytes of a message (map fields in key order).
inline std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return out;
}

// How PageRows reads and writes a row held as a protobuf message.
template <typename Message>
struct ProtoRowCodec {
  static bool Parse(const std::string& bytes, Message* row) { return row->ParseFromString(bytes); }
  static std::string Serialize(const Message& row) { return DeterministicBytes(row); }
};

template <typename Row, typename Codec = ProtoRowCodec<Row>>
class PageRows {
 public:
  // The row (an empty one if it does not exist). DATA_LOSS if it cannot be parsed.
  absl::StatusOr<Row*> Get(ProjectionWriter& writer, const std::string& key) {
    auto it = rows_.find(key);
    if (it != rows_.end()) return &it->second.row;
    auto stored = writer.Get(key);
    if (!stored.ok()) return stored.status();
    Entry& entry = rows_[key];
    if (stored->has_value() && !Codec::Parse(**stored, &entry.row)) {
      rows_.erase(key);
      return absl::DataLossError(absl::StrCat("unreadable row ", key));
    }
    return &entry.row;
  }
  // Marks a row got from Get as changed; `remove`: delete it at Flush.
  void Changed(const std::string& key, bool remove = false) {
    Entry& entry = rows_[key];
    entry.dirty = true;
    entry.remove = remove;
  }
  void Flush(ProjectionWriter& writer) {
    for (auto& [key, entry] : rows_) {
      if (!entry.dirty) continue;
      if (entry.remove) {
        writer.Delete(key);
      } else {
        writer.Put(key, Codec::Serialize(entry.row));
      }
      entry.dirty = false;
    }
  }
  void Clear() { rows_.clear(); }
  size_t size() const { return rows_.size(); }

  // For Projection::BeginPage: keeps the rows while pages follow each other; drops them if
  // this page does not start right after the last one flushed (it was not committed, or a
  // rebuild started) or if more than `max_rows` are held.
  void BeginPage(uint64_t first_position, size_t max_rows) {
    if (first_position != next_position_ || rows_.size() > max_rows) rows_.clear();
    next_position_ = 0;  // until FinishPage: a page that fails part-way is not followed on
  }
  // For Projection::FinishPage: writes the changed rows into the page's batch.
  void FinishPage(ProjectionWriter& writer, uint64_t last_position) {
    Flush(writer);
    next_position_ = last_position + 1;
  }

 private:
  struct Entry {
    Row row{};
    bool dirty = false;
    bool remove = false;
  };
  absl::node_hash_map<std::string, Entry> rows_;  // stable pointers
  uint64_t next_position_ = 0;                    // the first position of the page expected next
};

// WrittenKeys: keys of rows that never change once written (an index row with an empty
// value), remembered as written so that a page does not put them again. Forgotten on the same
// terms as PageRows: when a page does not follow the last one finished (it was not committed,
// or a rebuild started) or when more than `max_keys` are held, so a key is only skipped while
// the commit that wrote it stands.
//
// Not thread-safe (one per projection, used by its runner's thread).
class WrittenKeys {
 public:
  // Puts `key` with an empty value unless it was written since the last time this forgot.
  void Put(ProjectionWriter& writer, const std::string& key) {
    if (written_.insert(key).second) writer.Put(key, "");
  }
  void BeginPage(uint64_t first_position, size_t max_keys) {
    if (first_position != next_position_ || written_.size() > max_keys) written_.clear();
    next_position_ = 0;  // until FinishPage: a page that fails part-way is not followed on
  }
  void FinishPage(uint64_t last_position) { next_position_ = last_position + 1; }
  size_t size() const { return written_.size(); }

 private:
  absl::flat_hash_set<std::string> written_;
  uint64_t next_position_ = 0;
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PAGE_ROWS_H_
