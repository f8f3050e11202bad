// ProjectionStore: the RocksDB database holding every projection's rows and checkpoint.
//
// Layout: a database of its own (e.g. <data dir>/projections), apart from the event log, so
// projections can be dropped and rebuilt without touching the truth. One column family per
// projection, named after it and created on demand. Inside a family:
//   0x00 "meta"       -> version (u32 big-endian) ‖ checkpoint position (u64 big-endian)
//   0x01 ‖ row key    -> row value (bytes chosen by the projection)
// The checkpoint is the last log position whose effects are in the rows; rows and checkpoint
// are only ever written together, in one atomic WriteBatch (Commit; not fsynced: after a power
// cut a projection re-applies the pages it lost from the checkpoint it finds). Dropping a
// projection's rows is one DeleteRange over [0x01, 0x02), so other projections are untouched.
//
// Thread-safety: all methods are thread-safe; a Batch is not (use one per thread).
#ifndef COOPLEDGER_PROJECTIONS_PROJECTION_STORE_H_
#define COOPLEDGER_PROJECTIONS_PROJECTION_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
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

class ProjectionStore {
 public:
  // Opens (or creates) the database in `dir` with every family found there.
  static absl::StatusOr<std::unique_ptr<ProjectionStore>> Open(const std::string& dir);
  ~ProjectionStore();  // Close()
  ProjectionStore(const ProjectionStore&) = delete;
  ProjectionStore& operator=(const ProjectionStore&) = delete;

  // Closes RocksDB. REQUIRES: no runner or batch uses the store any more. Idempotent.
  void Close();

  // Creates the projection's family if missing. INVALID_ARGUMENT for a bad name.
  absl::Status EnsureProjection(const std::string& name);
  // A consistent view of every projection as committed when it was taken: reads given it
  // see no later commit, so rows read together, and the checkpoint read with them, agree.
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
  };
  std::unique_ptr<Snapshot> NewSnapshot();

  // Reads below see the latest commits, or those of `snapshot` if given.
  // nullopt if the projection has never committed. NOT_FOUND if it has no family.
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
    // Drops every stored row of the projection (and what this batch staged before).
    void DeleteAllRows();
    void SetMeta(const ProjectionMeta& meta) { meta_ = meta; }
    size_t staged_rows() const { return rows_.size(); }

   private:
    friend class ProjectionStore;
    Batch(ProjectionStore* store, rocksdb::ColumnFamilyHandle* family)
        : store_(store), family_(family) {}
    ProjectionStore* store_;
    rocksdb::ColumnFamilyHandle* family_;
    bool delete_all_ = false;
    std::map<std::string, std::optional<std::string>> rows_;  // nullopt = delete
    std::optional<ProjectionMeta> meta_;
  };
  // NOT_FOUND if the projection has no family (call EnsureProjection first).
  absl::StatusOr<Batch> NewBatch(const std::string& name);
  // Writes the batch in one atomic RocksDB WriteBatch (not fsynced; see above).
  absl::Status Commit(const Batch& batch);

  static std::string EncodeMeta(const ProjectionMeta& meta);
  static bool DecodeMeta(const std::string& value, ProjectionMeta* meta);

 private:
  explicit ProjectionStore(std::string dir);
  static rocksdb::ReadOptions ReadAt(const Snapshot* snapshot);
  // Visits at most `limit` rows with start_key <= key < end_key (key without the row tag).
  absl::Status Scan(
      const std::string& name, const std::string& start_key, const std::string& end_key,
      size_t limit, const Snapshot* snapshot,
      const std::function<void(const rocksdb::Slice& key, const rocksdb::Slice& value)>& visit);
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> Family(const std::string& name);

  const std::string dir_;
  absl::Mutex mu_;
  std::unique_ptr<rocksdb::DB> db_;  // set by Open, reset by Close
  std::map<std::string, rocksdb::ColumnFamilyHandle*> families_ ABSL_GUARDED_BY(mu_);
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PROJECTION_STORE_H_
