#include "tests/eventstore/power_cut_file_system.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace coop::testing {
namespace {

rocksdb::IOStatus PowerIsOff() {
  return rocksdb::IOStatus::IOError("power cut (simulated by PowerCutFileSystem)");
}

// Stores a newly opened file in the caller's pointer. Done outside io_mu_: a file the
// pointer held before is destroyed here, and a tracked file's destructor takes io_mu_.
template <typename File>
void HandOver(const rocksdb::IOStatus& status, std::unique_ptr<File> made,
              std::unique_ptr<File>* result) {
  if (status.ok()) *result = std::move(made);
}

}  // namespace

// A writable file that reports its appends and syncs to the file system. It owns its target
// itself (rather than through FSWritableFileOwnerWrapper) so the destructor can close the
// target first and then undo what that close wrote.
class PowerCutFileSystem::TrackedFile : public rocksdb::FSWritableFileWrapper {
 public:
  TrackedFile(PowerCutFileSystem* fs, std::unique_ptr<rocksdb::FSWritableFile> target,
              std::shared_ptr<FileState> state)
      : rocksdb::FSWritableFileWrapper(target.get()),
        fs_(fs),
        owned_(std::move(target)),
        state_(std::move(state)) {}

  ~TrackedFile() override {
    owned_.reset();  // closes the descriptor if Close() was not called
    fs_->RestoreAfterClose(state_);
  }

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] {
      auto s = owned_->Append(data, options, dbg);
      if (s.ok()) Grow(data.size());
      return s;
    });
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] {
      auto s = owned_->Append(data, options, info, dbg);
      if (s.ok()) Grow(data.size());
      return s;
    });
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                     const rocksdb::IOOptions& options,
                                     rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] {
      auto s = owned_->PositionedAppend(data, offset, options, dbg);
      if (s.ok()) GrowTo(offset + data.size());
      return s;
    });
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                     const rocksdb::IOOptions& options,
                                     const rocksdb::DataVerificationInfo& info,
                                     rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] {
      auto s = owned_->PositionedAppend(data, offset, options, info, dbg);
      if (s.ok()) GrowTo(offset + data.size());
      return s;
    });
  }
  rocksdb::IOStatus Truncate(uint64_t size, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] {
      auto s = owned_->Truncate(size, options, dbg);
      if (s.ok()) {
        absl::MutexLock lock(&fs_->mu_);
        state_->size = size;
        state_->synced = std::min(state_->synced, size);
      }
      return s;
    });
  }
  rocksdb::IOStatus Close(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    // The descriptor is released even after the cut; what close writes is then undone.
    auto s = owned_->Close(options, dbg);
    fs_->RestoreAfterClose(state_);
    if (fs_->power_cut()) return PowerIsOff();
    return s;
  }
  rocksdb::IOStatus Flush(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] { return owned_->Flush(options, dbg); });
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    return SyncWith([&] { return owned_->Sync(options, dbg); });
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    return SyncWith([&] { return owned_->Fsync(options, dbg); });
  }
  rocksdb::IOStatus RangeSync(uint64_t offset, uint64_t nbytes, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override {
    // Forwarded but not counted as durable; see the header.
    return fs_->IfPowered([&] { return owned_->RangeSync(offset, nbytes, options, dbg); });
  }
  rocksdb::IOStatus Allocate(uint64_t offset, uint64_t len, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] { return owned_->Allocate(offset, len, options, dbg); });
  }

 private:
  void Grow(uint64_t n) {
    absl::MutexLock lock(&fs_->mu_);
    state_->size += n;
  }
  void GrowTo(uint64_t end) {
    absl::MutexLock lock(&fs_->mu_);
    state_->size = std::max(state_->size, end);
  }
  // Only bytes written before the sync started are sure to be covered by it.
  template <typename Op>
  rocksdb::IOStatus SyncWith(Op op) {
    std::function<void(const std::string&)> hook;
    std::string path;
    {
      absl::MutexLock lock(&fs_->mu_);
      hook = fs_->before_sync_;
      path = state_->path;
    }
    if (hook) hook(path);
    return fs_->IfPowered([&] {
      uint64_t covered;
      {
        absl::MutexLock lock(&fs_->mu_);
        covered = state_->size;
      }
      auto s = op();
      if (s.ok()) {
        absl::MutexLock lock(&fs_->mu_);
        state_->synced = std::max(state_->synced, std::min(covered, state_->size));
      }
      return s;
    });
  }

  PowerCutFileSystem* const fs_;
  std::unique_ptr<rocksdb::FSWritableFile> owned_;
  const std::shared_ptr<FileState> state_;
};

// A random read-write file whose writes and syncs fail after the cut. Not tracked.
class PowerCutFileSystem::GuardedRandomRWFile : public rocksdb::FSRandomRWFileOwnerWrapper {
 public:
  GuardedRandomRWFile(PowerCutFileSystem* fs, std::unique_ptr<rocksdb::FSRandomRWFile> target)
      : rocksdb::FSRandomRWFileOwnerWrapper(std::move(target)), fs_(fs) {}

  rocksdb::IOStatus Write(uint64_t offset, const rocksdb::Slice& data,
                          const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] { return FSRandomRWFileWrapper::Write(offset, data, options, dbg); });
  }
  rocksdb::IOStatus Flush(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] { return FSRandomRWFileWrapper::Flush(options, dbg); });
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] { return FSRandomRWFileWrapper::Sync(options, dbg); });
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] { return FSRandomRWFileWrapper::Fsync(options, dbg); });
  }

 private:
  PowerCutFileSystem* const fs_;
};

// A directory whose fsyncs fail after the cut, so RocksDB sees the same failure for a
// directory sync as for a file sync.
class PowerCutFileSystem::GuardedDirectory : public rocksdb::FSDirectoryWrapper {
 public:
  GuardedDirectory(PowerCutFileSystem* fs, std::unique_ptr<rocksdb::FSDirectory> target)
      : rocksdb::FSDirectoryWrapper(std::move(target)), fs_(fs) {}

  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    return fs_->IfPowered([&] { return FSDirectoryWrapper::Fsync(options, dbg); });
  }
  rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions& options,
                                        rocksdb::IODebugContext* dbg,
                                        const rocksdb::DirFsyncOptions& dir_options) override {
    return fs_->IfPowered(
        [&] { return FSDirectoryWrapper::FsyncWithDirOptions(options, dbg, dir_options); });
  }

 private:
  PowerCutFileSystem* const fs_;
};

PowerCutFileSystem::PowerCutFileSystem()
    : rocksdb::FileSystemWrapper(rocksdb::FileSystem::Default()) {}

PowerCutFileSystem::~PowerCutFileSystem() = default;

template <typename Op>
rocksdb::IOStatus PowerCutFileSystem::IfPowered(Op op) {
  absl::ReaderMutexLock lock(&io_mu_);
  if (cut_) return PowerIsOff();
  return op();
}

bool PowerCutFileSystem::power_cut() const {
  absl::ReaderMutexLock lock(&io_mu_);
  return cut_;
}

absl::Status PowerCutFileSystem::CutPower() {
  absl::WriterMutexLock io_lock(&io_mu_);
  if (cut_) return absl::OkStatus();
  cut_ = true;
  absl::MutexLock lock(&mu_);
  absl::Status first_error;
  for (const auto& [path, state] : files_) {
    if (!state->gone) dropped_bytes_ += state->size - std::min(state->size, state->synced);
    first_error.Update(Restore(*state));
  }
  return first_error;
}

uint64_t PowerCutFileSystem::dropped_bytes() const {
  absl::MutexLock lock(&mu_);
  return dropped_bytes_;
}

void PowerCutFileSystem::SetBeforeSyncHook(std::function<void(const std::string&)> hook) {
  absl::MutexLock lock(&mu_);
  before_sync_ = std::move(hook);
}

std::optional<uint64_t> PowerCutFileSystem::SyncedBytes(const std::string& path) const {
  absl::MutexLock lock(&mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second->synced;
}

absl::Status PowerCutFileSystem::Restore(const FileState& state) {
  if (state.gone) return absl::OkStatus();
  rocksdb::IOStatus s;
  if (state.created && state.synced == 0) {
    s = target()->DeleteFile(state.path, rocksdb::IOOptions(), nullptr);
    if (s.IsPathNotFound() || s.IsNotFound()) s = rocksdb::IOStatus::OK();  // already removed
  } else if (::truncate(state.path.c_str(), static_cast<off_t>(state.synced)) != 0) {
    // Directly: RocksDB's POSIX FileSystem does not implement Truncate.
    s = rocksdb::IOStatus::IOError(std::strerror(errno));
  }
  if (s.ok()) return absl::OkStatus();
  return absl::InternalError("restoring " + state.path + " after the power cut: " + s.ToString());
}

void PowerCutFileSystem::RestoreAfterClose(const std::shared_ptr<FileState>& state) {
  absl::ReaderMutexLock io_lock(&io_mu_);
  if (!cut_) return;
  absl::MutexLock lock(&mu_);
  // A failure here would also have failed in CutPower, which reported it.
  Restore(*state).IgnoreError();
}

std::shared_ptr<PowerCutFileSystem::FileState> PowerCutFileSystem::Track(const std::string& path,
                                                                         uint64_t size,
                                                                         uint64_t synced,
                                                                         bool created) {
  auto state = std::make_shared<FileState>();
  state->path = path;
  state->size = size;
  state->synced = synced;
  state->created = created;
  absl::MutexLock lock(&mu_);
  Forget(path);
  files_[path] = state;
  return state;
}

void PowerCutFileSystem::Forget(const std::string& path) {
  auto it = files_.find(path);
  if (it == files_.end()) return;
  it->second->gone = true;
  files_.erase(it);
}

rocksdb::IOStatus PowerCutFileSystem::NewWritableFile(
    const std::string& fname, const rocksdb::FileOptions& file_opts,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSWritableFile> made;
  auto status = IfPowered([&] {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    auto s = target()->NewWritableFile(fname, file_opts, &file, dbg);
    if (!s.ok()) return s;
    // The file is created or truncated: whatever it held is no longer durable.
    auto state = Track(fname, 0, 0, /*created=*/true);
    made = std::make_unique<TrackedFile>(this, std::move(file), std::move(state));
    return s;
  });
  HandOver(status, std::move(made), result);
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::ReopenWritableFile(
    const std::string& fname, const rocksdb::FileOptions& file_opts,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSWritableFile> made;
  auto status = IfPowered([&] {
    const bool existed = target()->FileExists(fname, rocksdb::IOOptions(), dbg).ok();
    std::unique_ptr<rocksdb::FSWritableFile> file;
    auto s = target()->ReopenWritableFile(fname, file_opts, &file, dbg);
    if (!s.ok()) return s;
    std::shared_ptr<FileState> state;
    {
      absl::MutexLock lock(&mu_);
      if (auto it = files_.find(fname); it != files_.end()) state = it->second;
    }
    if (state == nullptr) {
      // Content from before we saw the file is taken as durable.
      uint64_t size = 0;
      if (existed) {
        s = target()->GetFileSize(fname, rocksdb::IOOptions(), &size, dbg);
        if (!s.ok()) return s;
      }
      state = Track(fname, size, size, /*created=*/!existed);
    }
    made = std::make_unique<TrackedFile>(this, std::move(file), std::move(state));
    return s;
  });
  HandOver(status, std::move(made), result);
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::ReuseWritableFile(
    const std::string& fname, const std::string& old_fname, const rocksdb::FileOptions& file_opts,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSWritableFile> made;
  auto status = IfPowered([&] {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    auto s = target()->ReuseWritableFile(fname, old_fname, file_opts, &file, dbg);
    if (!s.ok()) return s;
    {
      absl::MutexLock lock(&mu_);
      Forget(old_fname);
    }
    // A recycled file is rewritten from offset 0; its old bytes are garbage to RocksDB, so
    // it is treated as a new file.
    auto state = Track(fname, 0, 0, /*created=*/true);
    made = std::make_unique<TrackedFile>(this, std::move(file), std::move(state));
    return s;
  });
  HandOver(status, std::move(made), result);
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::NewRandomRWFile(
    const std::string& fname, const rocksdb::FileOptions& file_opts,
    std::unique_ptr<rocksdb::FSRandomRWFile>* result, rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSRandomRWFile> made;
  auto status = IfPowered([&] {
    std::unique_ptr<rocksdb::FSRandomRWFile> file;
    auto s = target()->NewRandomRWFile(fname, file_opts, &file, dbg);
    if (s.ok()) made = std::make_unique<GuardedRandomRWFile>(this, std::move(file));
    return s;
  });
  HandOver(status, std::move(made), result);
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::NewDirectory(const std::string& name,
                                                   const rocksdb::IOOptions& io_opts,
                                                   std::unique_ptr<rocksdb::FSDirectory>* result,
                                                   rocksdb::IODebugContext* dbg) {
  // Opening a directory changes nothing on disk, so it works after the cut too.
  std::unique_ptr<rocksdb::FSDirectory> dir;
  auto s = target()->NewDirectory(name, io_opts, &dir, dbg);
  if (s.ok()) *result = std::make_unique<GuardedDirectory>(this, std::move(dir));
  return s;
}

rocksdb::IOStatus PowerCutFileSystem::NewLogger(const std::string& fname,
                                                const rocksdb::IOOptions& io_opts,
                                                std::shared_ptr<rocksdb::Logger>* result,
                                                rocksdb::IODebugContext* dbg) {
  // The info LOG is written by the target directly and is not tracked: recovery never
  // reads it.
  return IfPowered([&] { return target()->NewLogger(fname, io_opts, result, dbg); });
}

rocksdb::IOStatus PowerCutFileSystem::DeleteFile(const std::string& fname,
                                                 const rocksdb::IOOptions& options,
                                                 rocksdb::IODebugContext* dbg) {
  return IfPowered([&] {
    auto s = target()->DeleteFile(fname, options, dbg);
    if (s.ok()) {
      absl::MutexLock lock(&mu_);
      Forget(fname);
    }
    return s;
  });
}

rocksdb::IOStatus PowerCutFileSystem::Truncate(const std::string& fname, size_t size,
                                               const rocksdb::IOOptions& options,
                                               rocksdb::IODebugContext* dbg) {
  return IfPowered([&] {
    auto s = target()->Truncate(fname, size, options, dbg);
    if (s.ok()) {
      absl::MutexLock lock(&mu_);
      if (auto it = files_.find(fname); it != files_.end()) {
        it->second->size = size;
        it->second->synced = std::min<uint64_t>(it->second->synced, size);
      }
    }
    return s;
  });
}

rocksdb::IOStatus PowerCutFileSystem::RenameFile(const std::string& src,
                                                 const std::string& target_name,
                                                 const rocksdb::IOOptions& options,
                                                 rocksdb::IODebugContext* dbg) {
  return IfPowered([&] {
    auto s = target()->RenameFile(src, target_name, options, dbg);
    if (!s.ok() || src == target_name) return s;
    absl::MutexLock lock(&mu_);
    // Whatever was at the target is replaced; the source's state, if any, moves there.
    Forget(target_name);
    if (auto it = files_.find(src); it != files_.end()) {
      auto state = it->second;
      files_.erase(it);
      state->path = target_name;
      files_[target_name] = std::move(state);
    }
    return s;
  });
}

rocksdb::IOStatus PowerCutFileSystem::LinkFile(const std::string& src,
                                               const std::string& target_name,
                                               const rocksdb::IOOptions& options,
                                               rocksdb::IODebugContext* dbg) {
  return IfPowered([&] { return target()->LinkFile(src, target_name, options, dbg); });
}

rocksdb::IOStatus PowerCutFileSystem::CreateDir(const std::string& dirname,
                                                const rocksdb::IOOptions& options,
                                                rocksdb::IODebugContext* dbg) {
  return IfPowered([&] { return target()->CreateDir(dirname, options, dbg); });
}

rocksdb::IOStatus PowerCutFileSystem::CreateDirIfMissing(const std::string& dirname,
                                                         const rocksdb::IOOptions& options,
                                                         rocksdb::IODebugContext* dbg) {
  return IfPowered([&] { return target()->CreateDirIfMissing(dirname, options, dbg); });
}

rocksdb::IOStatus PowerCutFileSystem::DeleteDir(const std::string& dirname,
                                                const rocksdb::IOOptions& options,
                                                rocksdb::IODebugContext* dbg) {
  return IfPowered([&] { return target()->DeleteDir(dirname, options, dbg); });
}

rocksdb::IOStatus PowerCutFileSystem::LockFile(const std::string& fname,
                                               const rocksdb::IOOptions& options,
                                               rocksdb::FileLock** lock,
                                               rocksdb::IODebugContext* dbg) {
  return IfPowered([&] { return target()->LockFile(fname, options, lock, dbg); });
}

}  // namespace coop::testing
