#include "projections/projection_store.h"

#include <filesystem>
#include <functional>
#include <limits>

#include "absl/strings/str_cat.h"
#include "base/rocks_status.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace coop::projections {
namespace {

const std::string kMetaKey = std::string("\x00meta", 5);
const std::string kRowsBegin = std::string(1, '\x01');
const std::string kRowsEnd = std::string(1, '\x02');

std::string RowKey(const std::string& key) { return kRowsBegin + key; }

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 100 || name == rocksdb::kDefaultColumnFamilyName) {
    return false;
  }
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string ProjectionStore::EncodeMeta(const ProjectionMeta& meta) {
  std::string out;
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((meta.version >> (8 * i)) & 0xff));
  for (int i = 7; i >= 0; --i) {
    out.push_back(static_cast<char>((meta.checkpoint >> (8 * i)) & 0xff));
  }
  return out;
}

bool ProjectionStore::DecodeMeta(const std::string& value, ProjectionMeta* meta) {
  if (value.size() != 12) return false;
  uint32_t version = 0;
  uint64_t checkpoint = 0;
  for (int i = 0; i < 4; ++i) version = (version << 8) | static_cast<uint8_t>(value[i]);
  for (int i = 4; i < 12; ++i) checkpoint = (checkpoint << 8) | static_cast<uint8_t>(value[i]);
  meta->version = version;
  meta->checkpoint = checkpoint;
  return true;
}

absl::StatusOr<std::unique_ptr<ProjectionStore>> ProjectionStore::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("projection dir ", dir, ": ", ec.message()));
  std::unique_ptr<ProjectionStore> store(new ProjectionStore(dir));

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.paranoid_checks = true;
  db_options.max_background_jobs = 2;

  std::vector<std::string> names;
  auto s = rocksdb::DB::ListColumnFamilies(db_options, dir, &names);
  if (!s.ok()) names = {rocksdb::kDefaultColumnFamilyName};  // a new database
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::Open(db_options, dir, families, &handles, &raw);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("opening projection store in ", dir));
  store->db_.reset(raw);
  absl::MutexLock lock(&store->mu_);
  for (size_t i = 0; i < handles.size(); ++i) store->families_[names[i]] = handles[i];
  return store;
}

ProjectionStore::ProjectionStore(std::string dir) : dir_(std::move(dir)) {}

ProjectionStore::~ProjectionStore() { Close(); }

void ProjectionStore::Close() {
  absl::MutexLock lock(&mu_);
  if (!db_) return;
  for (auto& [name, handle] : families_) {
    if (auto s = db_->DestroyColumnFamilyHandle(handle); !s.ok()) {
      // Nothing to do on shutdown but carry on closing.
    }
  }
  families_.clear();
  if (auto s = db_->Close(); !s.ok()) {
    // Only fails on unreleased snapshots; the DB is deleted regardless.
  }
  db_.reset();
}

absl::Status ProjectionStore::EnsureProjection(const std::string& name) {
  if (!ValidName(name)) {
    return absl::InvalidArgumentError(absl::StrCat("bad projection name \"", name, "\""));
  }
  absl::MutexLock lock(&mu_);
  if (!db_) return absl::UnavailableError("projection store is closed");
  if (families_.count(name)) return absl::OkStatus();
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  auto s = db_->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), name, &handle);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("creating projection family ", name));
  families_[name] = handle;
  return absl::OkStatus();
}

absl::StatusOr<rocksdb::ColumnFamilyHandle*> ProjectionStore::Family(const std::string& name) {
  absl::MutexLock lock(&mu_);
  if (!db_) return absl::UnavailableError("projection store is closed");
  auto it = families_.find(name);
  if (it == families_.end() || name == rocksdb::kDefaultColumnFamilyName) {
    return absl::NotFoundError(absl::StrCat("no projection \"", name, "\""));
  }
  return it->second;
}

ProjectionStore::Snapshot::~Snapshot() { db_->ReleaseSnapshot(snapshot_); }

std::unique_ptr<ProjectionStore::Snapshot> ProjectionStore::NewSnapshot() {
  return std::unique_ptr<Snapshot>(new Snapshot(db_.get(), db_->GetSnapshot()));
}

rocksdb::ReadOptions ProjectionStore::ReadAt(const Snapshot* snapshot) {
  rocksdb::ReadOptions options;
  if (snapshot != nullptr) options.snapshot = snapshot->snapshot_;
  return options;
}

absl::StatusOr<std::optional<ProjectionMeta>> ProjectionStore::ReadMeta(const std::string& name,
                                                                        const Snapshot* snapshot) {
  auto family = Family(name);
  if (!family.ok()) return family.status();
  std::string value;
  auto s = db_->Get(ReadAt(snapshot), *family, kMetaKey, &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading meta of projection ", name));
  ProjectionMeta meta;
  if (!DecodeMeta(value, &meta)) {
    return absl::DataLossError(absl::StrCat("meta of projection ", name, " is malformed"));
  }
  return meta;
}

absl::StatusOr<std::optional<std::string>> ProjectionStore::ReadRow(const std::string& name,
                                                                    const std::string& key,
                                                                    const Snapshot* snapshot) {
  auto family = Family(name);
  if (!family.ok()) return family.status();
  std::string value;
  auto s = db_->Get(ReadAt(snapshot), *family, RowKey(key), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading a row of projection ", name));
  return value;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ProjectionStore::ReadRows(
    const std::string& name) {
  return ScanRows(name, "", "", std::numeric_limits<size_t>::max());
}

absl::Status ProjectionStore::Scan(
    const std::string& name, const std::string& start_key, const std::string& end_key, size_t limit,
    const Snapshot* snapshot,
    const std::function<void(const rocksdb::Slice& key, const rocksdb::Slice& value)>& visit) {
  auto family = Family(name);
  if (!family.ok()) return family.status();
  rocksdb::ReadOptions options = ReadAt(snapshot);
  const std::string upper_key = end_key.empty() ? std::string(kRowsEnd) : RowKey(end_key);
  rocksdb::Slice upper(upper_key);
  options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, *family));
  size_t visited = 0;
  for (it->Seek(RowKey(start_key)); it->Valid() && visited < limit; it->Next(), ++visited) {
    rocksdb::Slice key = it->key();
    key.remove_prefix(1);  // the row tag
    visit(key, it->value());
  }
  if (!it->status().ok()) {
    return base::FromRocks(it->status(), absl::StrCat("scanning rows of projection ", name));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ProjectionStore::ScanRows(
    const std::string& name, const std::string& start_key, const std::string& end_key, size_t limit,
    const Snapshot* snapshot) {
  std::vector<std::pair<std::string, std::string>> rows;
  auto status = Scan(name, start_key, end_key, limit, snapshot,
                     [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
                       rows.emplace_back(key.ToString(), value.ToString());
                     });
  if (!status.ok()) return status;
  return rows;
}

absl::StatusOr<std::vector<std::string>> ProjectionStore::ScanKeys(const std::string& name,
                                                                   const std::string& start_key,
                                                                   const std::string& end_key,
                                                                   size_t limit,
                                                                   const Snapshot* snapshot) {
  std::vector<std::string> keys;
  auto status = Scan(
      name, start_key, end_key, limit, snapshot,
      [&](const rocksdb::Slice& key, const rocksdb::Slice&) { keys.push_back(key.ToString()); });
  if (!status.ok()) return status;
  return keys;
}

absl::StatusOr<ProjectionStore::Batch> ProjectionStore::NewBatch(const std::string& name) {
  auto family = Family(name);
  if (!family.ok()) return family.status();
  return Batch(this, *family);
}

void ProjectionStore::Batch::Put(const std::string& key, const std::string& value) {
  rows_[key] = value;
}

void ProjectionStore::Batch::Delete(const std::string& key) { rows_[key] = std::nullopt; }

void ProjectionStore::Batch::DeleteAllRows() {
  delete_all_ = true;
  rows_.clear();
}

absl::StatusOr<std::optional<std::string>> ProjectionStore::Batch::Get(const std::string& key) {
  if (auto it = rows_.find(key); it != rows_.end()) return it->second;
  if (delete_all_) return std::nullopt;
  std::string value;
  auto s = store_->db_->Get(rocksdb::ReadOptions(), family_, RowKey(key), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return base::FromRocks(s, "reading a projection row");
  return value;
}

absl::Status ProjectionStore::Commit(const Batch& batch) {
  rocksdb::WriteBatch wb;
  rocksdb::Status s;
  if (batch.delete_all_) s = wb.DeleteRange(batch.family_, kRowsBegin, kRowsEnd);
  for (const auto& [key, value] : batch.rows_) {
    if (!s.ok()) break;
    s = value ? wb.Put(batch.family_, RowKey(key), *value) : wb.Delete(batch.family_, RowKey(key));
  }
  if (s.ok() && batch.meta_) s = wb.Put(batch.family_, kMetaKey, EncodeMeta(*batch.meta_));
  if (!s.ok()) return base::FromRocks(s, "staging a projection batch");
  // Atomic, not fsynced: rows and checkpoint land together or not at all (one WAL record).
  // After a power cut a projection may have lost its last pages; it re-applies them from
  // the older checkpoint it then finds, so nothing is applied twice or skipped. (Every event
  // it applied was durable in the log before it was read.)
  rocksdb::WriteOptions options;
  options.sync = false;
  s = db_->Write(options, &wb);
  if (!s.ok()) return base::FromRocks(s, "committing a projection batch");
  return absl::OkStatus();
}

}  // namespace coop::projections
