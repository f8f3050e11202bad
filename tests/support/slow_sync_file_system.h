// SlowSyncFileSystem: a test-only RocksDB FileSystem over the default one whose Sync and Fsync
// of writable files take `delay` longer while a delay is set — a slow or failing disk, for the
// server's health and back-pressure tests. Nothing else changes: every byte still lands.
// Thread-safe (the delay is an atomic).
#ifndef COOPLEDGER_TESTS_SUPPORT_SLOW_SYNC_FILE_SYSTEM_H_
#define COOPLEDGER_TESTS_SUPPORT_SLOW_SYNC_FILE_SYSTEM_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"

namespace coop::testing {

class SlowSyncFileSystem : public rocksdb::FileSystemWrapper {
 public:
  SlowSyncFileSystem() : rocksdb::FileSystemWrapper(rocksdb::FileSystem::Default()) {}
  static const char* kClassName() { return "SlowSyncFileSystem"; }
  const char* Name() const override { return kClassName(); }

  // Every sync from now on first waits this long (0: none).
  void SetSyncDelay(std::chrono::milliseconds delay) { delay_ms_ = delay.count(); }
  // Syncs that waited.
  int slowed() const { return slowed_; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = target()->NewWritableFile(name, options, result, dbg);
    if (s.ok()) *result = std::make_unique<SlowFile>(std::move(*result), this);
    return s;
  }

 private:
  class SlowFile : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    SlowFile(std::unique_ptr<rocksdb::FSWritableFile>&& file, SlowSyncFileSystem* fs)
        : rocksdb::FSWritableFileOwnerWrapper(std::move(file)), fs_(fs) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
      fs_->Wait();
      return target()->Sync(options, dbg);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* dbg) override {
      fs_->Wait();
      return target()->Fsync(options, dbg);
    }

   private:
    SlowSyncFileSystem* const fs_;
  };

  void Wait() {
    const int64_t delay = delay_ms_;
    if (delay <= 0) return;
    ++slowed_;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
  }

  std::atomic<int64_t> delay_ms_{0};
  std::atomic<int> slowed_{0};
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SUPPORT_SLOW_SYNC_FILE_SYSTEM_H_
