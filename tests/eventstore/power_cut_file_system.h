// PowerCutFileSystem: a test-only RocksDB FileSystem that simulates losing power.
//
// It wraps rocksdb::FileSystem::Default() and remembers, for every file written through it,
// how many bytes have been made durable by Sync or Fsync. CutPower() then does to the real
// disk what a power failure may do: every tracked file is truncated to its last synced
// length, and a file created through this FileSystem but never synced is removed. From then
// on every operation that would change the disk (write, sync, create, rename, delete, lock)
// fails with an IOError, so nothing the still-running database does afterwards lands.
//
// What counts as durable, and why:
//  - Sync and Fsync of a writable file make every byte appended before the call durable.
//    Bytes appended while a sync runs are not counted: a concurrent fsync may miss them.
//  - Close does NOT sync (close(2) does not flush the disk cache). Neither does RangeSync:
//    POSIX implements it with sync_file_range(SYNC_FILE_RANGE_WRITE), which only starts
//    writeback; RocksDB always calls Sync/Fsync before it relies on a file.
//  - Rename moves the tracked state with the file, so RocksDB's "write CURRENT to a temp
//    file, sync, rename" keeps the synced length. Renames, deletions and the existence of a
//    synced file are treated as durable at once: directory fsyncs are not modelled.
//  - Files that existed before they were first opened here (or were written by another
//    FileSystem) are untracked and survive the cut unchanged.
//  - Random-read-write files and hard links are refused after the cut but not tracked;
//    the RocksDB configuration of the event store writes neither.
//
// Thread-safety: thread-safe. RocksDB calls it from its writer, flush and compaction
// threads. Every disk-changing call holds io_mu_ shared for its whole duration and
// CutPower() holds it exclusively, so no write can slip onto the disk after the cut.
// Files opened through it must be destroyed before it (RocksDB's DB::Close does this).
#ifndef COOPLEDGER_TESTS_EVENTSTORE_POWER_CUT_FILE_SYSTEM_H_
#define COOPLEDGER_TESTS_EVENTSTORE_POWER_CUT_FILE_SYSTEM_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/file_system.h"

namespace coop::testing {

class PowerCutFileSystem : public rocksdb::FileSystemWrapper {
 public:
  PowerCutFileSystem();  // over rocksdb::FileSystem::Default()
  ~PowerCutFileSystem() override;

  static const char* kClassName() { return "PowerCutFileSystem"; }
  const char* Name() const override { return kClassName(); }

  // Simulates power loss now (see the file comment). Waits for disk operations already
  // under way, which thus count as done before the cut. Returns the first error met while
  // truncating or removing the real files. Calling it again does nothing.
  absl::Status CutPower();
  bool power_cut() const;

  // The synced length of `path` as tracked, or nullopt if the file is not tracked.
  std::optional<uint64_t> SyncedBytes(const std::string& path) const;
  // Bytes the cut took away (written but unsynced, including whole removed files); 0 before.
  uint64_t dropped_bytes() const;

  // Called with the file's path at the start of every Sync/Fsync of a tracked file, before
  // the sync reaches the disk and without any lock held, so it may call CutPower(): the
  // worst moment for the power to fail, with data written but not yet durable.
  void SetBeforeSyncHook(std::function<void(const std::string& path)> hook);

  // --- rocksdb::FileSystem: writers are tracked ---
  rocksdb::IOStatus NewWritableFile(const std::string& fname, const rocksdb::FileOptions& file_opts,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& fname,
                                       const rocksdb::FileOptions& file_opts,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& fname, const std::string& old_fname,
                                      const rocksdb::FileOptions& file_opts,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewRandomRWFile(const std::string& fname, const rocksdb::FileOptions& file_opts,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& io_opts,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewLogger(const std::string& fname, const rocksdb::IOOptions& io_opts,
                              std::shared_ptr<rocksdb::Logger>* result,
                              rocksdb::IODebugContext* dbg) override;

  // --- rocksdb::FileSystem: namespace changes ---
  rocksdb::IOStatus DeleteFile(const std::string& fname, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus Truncate(const std::string& fname, size_t size,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& src, const std::string& target,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus LinkFile(const std::string& src, const std::string& target,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDir(const std::string& dirname, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDirIfMissing(const std::string& dirname,
                                       const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteDir(const std::string& dirname, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus LockFile(const std::string& fname, const rocksdb::IOOptions& options,
                             rocksdb::FileLock** lock, rocksdb::IODebugContext* dbg) override;
  // UnlockFile is inherited and always forwarded: releasing a lock changes nothing on disk,
  // and the test must be able to reopen the database in the same process after the cut.

 private:
  // What is known of one written file. Guarded by mu_ (not annotated: it is reached
  // through shared_ptrs held by open files, which call back into this class for it).
  struct FileState {
    std::string path;      // current name; follows renames
    uint64_t size = 0;     // bytes written so far
    uint64_t synced = 0;   // bytes known durable
    bool created = false;  // created by us, so it vanishes if never synced
    bool gone = false;     // deleted or replaced; nothing to restore
  };
  class TrackedFile;
  class GuardedRandomRWFile;
  class GuardedDirectory;

  // Runs `op` unless the power is off, holding io_mu_ shared so CutPower waits for it.
  template <typename Op>
  rocksdb::IOStatus IfPowered(Op op) ABSL_LOCKS_EXCLUDED(io_mu_);

  std::shared_ptr<FileState> Track(const std::string& path, uint64_t size, uint64_t synced,
                                   bool created) ABSL_LOCKS_EXCLUDED(mu_);
  void Forget(const std::string& path) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Puts the real file back to what survived the cut.
  absl::Status Restore(const FileState& state) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Called by a tracked file after it closed its descriptor: POSIX Close() trims
  // preallocated space with ftruncate(size), which would grow a file cut shorter.
  void RestoreAfterClose(const std::shared_ptr<FileState>& state) ABSL_LOCKS_EXCLUDED(io_mu_, mu_);

  mutable absl::Mutex io_mu_;
  bool cut_ ABSL_GUARDED_BY(io_mu_) = false;

  mutable absl::Mutex mu_ ABSL_ACQUIRED_AFTER(io_mu_);
  std::map<std::string, std::shared_ptr<FileState>> files_ ABSL_GUARDED_BY(mu_);
  std::function<void(const std::string&)> before_sync_ ABSL_GUARDED_BY(mu_);
  uint64_t dropped_bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_EVENTSTORE_POWER_CUT_FILE_SYSTEM_H_
