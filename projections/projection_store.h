// ProjectionStore: the RocksDB database holding every projection's rows and checkpoint.
//
// Layout: a database of its own (e.g. <data dir>/projections), apart from the event log, so
// projections can be dropped and rebuilt without touching the truth. A projection's rows live
// in one column family per generation, created on demand:
//   "<name>"      generation 0 (a projection's first; every family made before generations)
//   "<name>~N"    generation N >= 1 (names never hold '~', so these cannot collide)
// Inside a generation's family:
//   0x00 "meta"       -> version (u32 big-endian) ‖ checkpoint position (u64 big-endian)
//   0x01 ‖ row key    -> row value (bytes chosen by the projection)
// and in the default family, which holds nothing else:
//   "active/" ‖ name  -> the active generation N (u64 big-endian); absent: generation 0
// A row may be appended to (Batch::Append): the batch writes a RocksDB merge operand, and
// every family's merge operator (append_merge_operator.h) puts a row's value and its operands
// together in order, for reads and compactions alike, so a reader sees the whole value. A stream
// row that grows by a few events a page so writes those events, not the whole stream again.
// A binary from before this operator cannot use such a store (without the operator RocksDB
// fails, or worse, on the merge operands): going back to one means moving the projections
// folder aside so that they rebuild (docs/operations.md). Until a compaction puts a row's
// pieces together, reading it (also by ScanKeys' iterator) joins them in a copy.
// The checkpoint is the last log position whose effects are in the rows; rows and checkpoint
// are only ever written together, in one atomic WriteBatch (Commit; not fsynced: after a power
// cut a projection re-applies the pages it lost from the checkpoint it finds).
//
// Generations (issue 10: a rebuild never gives a wrong answer with OK). Every read by name
// (ReadMeta, ReadRow, ReadRows, ScanRows, ScanKeys, with or without a Snapshot) reads the
// active generation. A rebuild writes a building generation beside it (BeginBuilding: a new,
// empty family numbered above every other, with meta {version, 0}; NewBatch(name, kBuilding))
// while readers keep the active one, whole, as of its checkpoint. SwitchToBuilding makes it
// active when it is live: one synced write of the pointer (as the log is one WAL, that also
// makes every row written before it durable), then the old family is dropped (its files go
// once the last reader holding it lets go). A crash before the pointer is written leaves the
// old generation active and the building one in place, to be resumed from its own checkpoint;
// a crash after it leaves the new one active, and Open drops every older generation (and
// every building generation but the newest).
// Unlogged batches (Batch::SetUnlogged: a runner far behind the head, catching up) are written
// without RocksDB's write-ahead log, which was about a tenth of a national rebuild's time. They
// stay atomic, and a family's rows and checkpoint stay together, but a crash loses every
// unlogged batch of a family since its last flush: the projection then resumes from the older
// checkpoint it finds, as after a power cut. The first logged batch after unlogged ones (the
// runner near the head again), and a switch to a building generation, first flush the family,
// so that recovery never applies a logged checkpoint on top of rows that were lost.
//
// While the building generation has another version than the active one (a version change:
// the active rows were written by other code), reads by name are UNAVAILABLE until the switch.
//
// Thread-safety: all methods are thread-safe; a Batch is not (use one per thread). Changes of
// generation (EnsureProjection, BeginBuilding, SwitchToBuilding, DropBuilding) are atomic for
// readers; one writer (runner) per projection at a time.
#ifndef COOPLEDGER_PROJECTIONS_PROJECTION_STORE_H_
#define COOPLEDGER_PROJECTIONS_PROJECTION_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "base/compaction.h"
#include "projections/projection.h"

namespace rocksdb {
struct ReadOptions;
class Slice;
class DB;
class ColumnFamilyHandle;
class Snapshot;
}  // namespace rocksdb

namespace coop::projections {

struct ProjectionMeta {
  uint32_t version = 0;
  uint64_t checkpoint = 0;  // last applied log position; 0 = nothing applied
};

// Which of a projection's generations a writer means.
enum class Generation {
  kActive,    // the one readers read
  kBuilding,  // the one a rebuild writes beside it
};

class ProjectionStore {
 private:
  // A column family, destroyed (and, once dropped, removed) when the last holder lets go.
  using Family = std::shared_ptr<rocksdb::ColumnFamilyHandle>;
  // What readers of a projection read: its active generation, unless refused.
  struct ServedFamily {
    Family family;
    bool refused = false;  // a version change is being built
  };

 public:
  // Opens (or creates) the database in `dir` with every family found there.
  static absl::StatusOr<std::unique_ptr<ProjectionStore>> Open(const std::string& dir);
  ~ProjectionStore();  // Close()
  ProjectionStore(const ProjectionStore&) = delete;
  ProjectionStore& operator=(const ProjectionStore&) = delete;

  // Closes RocksDB. REQUIRES: no runner, batch or snapshot uses the store any more.
  // Idempotent.
  void Close();
  // Writes a consistent copy of the database into the new folder `dir` (base/rocks_checkpoint.h),
  // for the online backup; writes go on meanwhile. REQUIRES: open, and not closed before it
  // returns.
  absl::Status Checkpoint(const std::string& dir);
  // Compacts every family now (base/rocks_compact.h), one after another, while runners commit
  // and readers read (coop.v1.Admin/CompactStores). A generation dropped meanwhile (a rebuild's
  // switch-over) is passed over. `cancelled` (may be empty) is asked after each family: true
  // stops it with CANCELLED. REQUIRES: open, and not closed before it returns.
  absl::StatusOr<base::Compaction> Compact(const std::function<bool()>& cancelled);

  // Creates the projection's active generation if missing. INVALID_ARGUMENT for a bad name.
  absl::Status EnsureProjection(const std::string& name);

  // Starts a building generation: drops the one there may be, creates a new empty family and
  // commits meta {version, 0} in it. From then until the switch (or DropBuilding), reads by
  // name are UNAVAILABLE if `version` differs from the active generation's.
  // NOT_FOUND if the projection has no active generation (EnsureProjection first).
  absl::Status BeginBuilding(const std::string& name, uint32_t version);
  // Makes the building generation the active one (crash-safe, see above) and drops the old
  // one. FAILED_PRECONDITION if there is no building generation.
  absl::Status SwitchToBuilding(const std::string& name);
  // Drops the building generation, if any.
  absl::Status DropBuilding(const std::string& name);
  // The meta of one generation, for its writer: nullopt if it has none yet; NOT_FOUND if the
  // generation does not exist. Never UNAVAILABLE (unlike ReadMeta).
  absl::StatusOr<std::optional<ProjectionMeta>> ReadGenerationMeta(const std::string& name,
                                                                   Generation generation);
  // A consistent view of every projection as committed when it was taken: reads given it
  // see no later commit, and keep the generation that was active then (even once switched
  // and dropped), so rows read together, and the checkpoint read with them, agree.
  // Thread-safe; must be destroyed before the store closes.
  class Snapshot {
   public:
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

   private:
    friend class ProjectionStore;
    Snapshot(rocksdb::DB* db, const rocksdb::Snapshot* snapshot) : db_(db), snapshot_(snapshot) {}
    rocksdb::DB* db_;
    const rocksdb::Snapshot* snapshot_;
    std::map<std::string, ServedFamily> served_;  // as when the snapshot was taken
  };
  std::unique_ptr<Snapshot> NewSnapshot();

  // Reads below see the active generation's latest commits, or those of `snapshot` if given.
  // nullopt if the projection has never committed. NOT_FOUND if it has no family.
  // UNAVAILABLE while a version change is being built (see above).
  absl::StatusOr<std::optional<ProjectionMeta>> ReadMeta(const std::string& name,
                                                         const Snapshot* snapshot = nullptr);
  absl::StatusOr<std::optional<std::string>> ReadRow(const std::string& name,
                                                     const std::string& key,
                                                     const Snapshot* snapshot = nullptr);
  // Every row of the projection, in key order (tests, tools, small views).
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReadRows(
      const std::string& name);
  // At most `limit` rows with start_key <= key < end_key (end_key empty: to the last row),
  // in key order: paged reads of large views.
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ScanRows(
      const std::string& name, const std::string& start_key, const std::string& end_key,
      size_t limit, const Snapshot* snapshot = nullptr);
  // The same, keys only (no copies of the values).
  absl::StatusOr<std::vector<std::string>> ScanKeys(const std::string& name,
                                                    const std::string& start_key,
                                                    const std::string& end_key, size_t limit,
                                                    const Snapshot* snapshot = nullptr);

  // Staged changes to one projection: rows, and optionally the meta entry, committed
  // atomically by Commit. Get reads staged-or-stored.
  class Batch final : public ProjectionWriter {
   public:
    void Put(const std::string& key, const std::string& value) override;
    void Delete(const std::string& key) override;
    absl::StatusOr<std::optional<std::string>> Get(const std::string& key) override;
    // Stages `bytes` as appended to the row, without reading it (see "appended to" above);
    // appended to a row put or deleted in this batch, they extend what was staged. Never fails.
    absl::Status Append(const std::string& key, std::string_view bytes) override;
    // Drops every stored row of the projection (and what this batch staged before).
    void DeleteAllRows();
    void SetMeta(const ProjectionMeta& meta) { meta_ = meta; }
    // Written without the write-ahead log (see "Unlogged batches" above).
    void SetUnlogged(bool unlogged) { unlogged_ = unlogged; }
    size_t staged_rows() const { return rows_.size(); }
    // The bytes of the keys and values (or appended bytes) staged so far.
    size_t staged_bytes() const;

   private:
    friend class ProjectionStore;
    Batch(ProjectionStore* store, Family family) : store_(store), family_(std::move(family)) {}
    ProjectionStore* store_;
    Family family_;
    bool delete_all_ = false;
    // A row's staged change: a new value, a deletion, or bytes appended to the stored value.
    struct Staged {
      enum class Kind { kPut, kDelete, kAppend };
      Kind kind = Kind::kPut;
      std::string bytes;  // the value (kPut) or the bytes appended (kAppend)
    };
    std::map<std::string, Staged> rows_;
    std::optional<ProjectionMeta> meta_;
    bool unlogged_ = false;
  };
  // Changes to one generation (the active one unless said otherwise). NOT_FOUND if the
  // projection has no such generation (call EnsureProjection / BeginBuilding first).
  absl::StatusOr<Batch> NewBatch(const std::string& name,
                                 Generation generation = Generation::kActive);
  // Writes the batch in one atomic RocksDB WriteBatch (not fsynced; unlogged if it says so;
  // see above).
  absl::Status Commit(const Batch& batch);

  static std::string EncodeMeta(const ProjectionMeta& meta);
  static bool DecodeMeta(const std::string& value, ProjectionMeta* meta);

 private:
  struct GenerationFamily {
    uint64_t number = 0;
    Family family;
  };
  struct Generations {
    GenerationFamily active;                   // family null until EnsureProjection
    std::optional<GenerationFamily> building;  // a rebuild's, beside it
    // The building generation has another version than the active one: reads by name are
    // refused until the switch.
    bool refused = false;
    uint64_t next_number = 1;  // above every generation seen, dropped ones too
  };

  explicit ProjectionStore(std::string dir);
  static rocksdb::ReadOptions ReadAt(const Snapshot* snapshot);
  // Visits at most `limit` rows with start_key <= key < end_key (key without the row tag).
  absl::Status Scan(
      const std::string& name, const std::string& start_key, const std::string& end_key,
      size_t limit, const Snapshot* snapshot,
      const std::function<void(const rocksdb::Slice& key, const rocksdb::Slice& value)>& visit);
  // The family readers of `name` read (in `snapshot` if given): NOT_FOUND, or UNAVAILABLE
  // while a version change is being built.
  absl::StatusOr<Family> Served(const std::string& name, const Snapshot* snapshot);
  absl::StatusOr<Family> FamilyOf(const std::string& name, Generation generation);
  // A handle of this store's database, destroyed with its last holder (or by Close).
  Family Own(rocksdb::ColumnFamilyHandle* handle);
  absl::StatusOr<std::optional<ProjectionMeta>> ReadMetaIn(rocksdb::ColumnFamilyHandle* family,
                                                           const rocksdb::ReadOptions& options,
                                                           const std::string& name);
  // Whether `family` is still one of the store's (not dropped).
  bool Holds(const Family& family) ABSL_LOCKS_EXCLUDED(mu_);
  // Drops a family no one will write again; its files go with its last holder.
  void Drop(const Family& family) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Flushes `family` if unlogged batches were written to it since its last flush here.
  absl::Status FlushIfUnlogged(rocksdb::ColumnFamilyHandle* family)
      ABSL_LOCKS_EXCLUDED(unlogged_mu_);

  struct Handles;
  const std::string dir_;
  const std::shared_ptr<Handles> handles_;
  absl::Mutex unlogged_mu_;
  // Families (by RocksDB id) holding unlogged batches that no flush has made durable.
  std::set<uint32_t> unlogged_ ABSL_GUARDED_BY(unlogged_mu_);
  absl::Mutex mu_;
  std::unique_ptr<rocksdb::DB> db_;             // set by Open, reset by Close
  Family default_family_ ABSL_GUARDED_BY(mu_);  // holds the active pointers
  std::map<std::string, Generations> projections_ ABSL_GUARDED_BY(mu_);
  std::vector<Family> others_ ABSL_GUARDED_BY(mu_);  // families not of a projection
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PROJECTION_STORE_H_
