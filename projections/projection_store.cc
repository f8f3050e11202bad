#include "projections/projection_store.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <limits>
#include <set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/kill_point.h"
#include "base/rocks_checkpoint.h"
#include "base/rocks_compact.h"
#include "base/rocks_flush.h"
#include "base/rocks_info_log.h"
#include "base/rocks_status.h"
#include "projections/append_merge_operator.h"
#include "rocksdb/cache.h"
#include "rocksdb/convenience.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"

namespace coop::projections {
namespace {

// Every family's options: one block cache (for every projection store of the process) and
// Bloom filters, so that a projection reading its rows back while it writes (a rebuild
// folding entities, totals summed across pages) finds them in memory and skips files that
// lack a key. Measured on the
// national rebuild (docs/PERFORMANCE.md): with RocksDB's 8 MiB default cache, reading blocks
// back and decompressing them was a fifth of the statistics' time.
constexpr size_t kBlockCacheBytes = 128 << 20;

// LZ4 where this RocksDB has it: flushing and compacting the rows with Snappy (the default)
// took about 6 % of a national rebuild's CPU, and the rebuild went from about 43 s to about
// 36 s to all live with LZ4 (docs/PERFORMANCE.md); the store's size stayed 2.3 GB.
rocksdb::CompressionType RowCompression() {
  for (const auto type : rocksdb::GetSupportedCompressions()) {
    if (type == rocksdb::kLZ4Compression) return type;
  }
  return rocksdb::kSnappyCompression;
}

rocksdb::ColumnFamilyOptions FamilyOptions() {
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions options;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  options.compression = RowCompression();
  options.merge_operator = AppendMergeOperator();
  return options;
}

const std::string kMetaKey = std::string("\x00meta", 5);
const std::string kRowsBegin = std::string(1, '\x01');
const std::string kRowsEnd = std::string(1, '\x02');

// In the default family: "active/" ‖ name -> the active generation (u64 big-endian).
const std::string kActivePrefix = "active/";
const std::string kActiveEnd = "active0";  // '0' follows '/'

std::string RowKey(const std::string& key) { return kRowsBegin + key; }
std::string ActiveKey(const std::string& name) { return kActivePrefix + name; }

std::string EncodeU64(uint64_t value) {
  std::string out;
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  return out;
}
uint64_t DecodeU64(const std::string& bytes) {
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

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

// Generation 0 is the projection's own name (as before generations); N is "<name>~N".
std::string FamilyName(const std::string& name, uint64_t number) {
  return number == 0 ? name : absl::StrCat(name, "~", number);
}
// The projection and generation a family holds; false for a family that is not one.
bool ParseFamilyName(const std::string& family, std::string* name, uint64_t* number) {
  const size_t tilde = family.find('~');
  *name = family.substr(0, tilde);
  *number = 0;
  if (!ValidName(*name)) return false;
  if (tilde == std::string::npos) return true;
  const std::string digits = family.substr(tilde + 1);
  return !digits.empty() && digits[0] != '0' && digits.size() <= 19 &&
         absl::SimpleAtoi(digits, number);
}

}  // namespace

// Every family handle the store made and not yet destroyed: destroyed by its last holder, or
// by Close (whose precondition is that no one uses one any more; a batch merely kept past it
// then holds a handle that is never destroyed twice).
struct ProjectionStore::Handles {
  absl::Mutex mu;
  rocksdb::DB* db ABSL_GUARDED_BY(mu) = nullptr;
  std::set<rocksdb::ColumnFamilyHandle*> live ABSL_GUARDED_BY(mu);

  void Destroy(rocksdb::ColumnFamilyHandle* handle) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    if (live.erase(handle) == 0) return;
    if (auto s = db->DestroyColumnFamilyHandle(handle); !s.ok()) {
      // Nothing to do but carry on.
    }
  }
};

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
  db_options.info_log = base::TolerantInfoLog(dir);  // a full disk must not crash the server
  db_options.create_missing_column_families = true;
  db_options.paranoid_checks = true;
  db_options.max_background_jobs = 2;
  // A dropped generation's files are deleted in the background, not by whoever releases its
  // last handle (possibly under the store's mutex, or a query thread).
  db_options.avoid_unnecessary_blocking_io = true;

  std::vector<std::string> names;
  auto s = rocksdb::DB::ListColumnFamilies(db_options, dir, &names);
  if (!s.ok()) names = {rocksdb::kDefaultColumnFamilyName};  // a new database
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names) families.emplace_back(n, FamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::Open(db_options, dir, families, &handles, &raw);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("opening projection store in ", dir));
  store->db_.reset(raw);
  absl::MutexLock lock(&store->mu_);
  // Every generation found, by projection, with the active pointers.
  std::map<std::string, std::map<uint64_t, Family>> found;
  std::vector<Family> others;  // families this store did not make: kept open, untouched
  for (size_t i = 0; i < handles.size(); ++i) {
    Family family = store->Own(handles[i]);
    std::string projection;
    uint64_t number = 0;
    if (names[i] == rocksdb::kDefaultColumnFamilyName) {
      store->default_family_ = std::move(family);
    } else if (ParseFamilyName(names[i], &projection, &number)) {
      found[projection][number] = std::move(family);
    } else {
      others.push_back(std::move(family));
    }
  }
  std::map<std::string, uint64_t> active_numbers;
  {
    rocksdb::ReadOptions options;
    const std::string upper_key = kActiveEnd;
    rocksdb::Slice upper(upper_key);
    options.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(
        store->db_->NewIterator(options, store->default_family_.get()));
    for (it->Seek(kActivePrefix); it->Valid(); it->Next()) {
      if (it->value().size() != 8) {
        return absl::DataLossError(
            absl::StrCat("active generation of ", it->key().ToString(), " is malformed"));
      }
      rocksdb::Slice key = it->key();
      key.remove_prefix(kActivePrefix.size());
      active_numbers[key.ToString()] = DecodeU64(it->value().ToString());
    }
    if (!it->status().ok()) {
      return base::FromRocks(it->status(), "reading the active generations of projections");
    }
  }
  for (const auto& [name, number] : active_numbers) {
    store->projections_[name].active.number = number;
    store->projections_[name].next_number = number + 1;
  }
  for (auto& [name, generations] : found) {
    Generations& entry = store->projections_[name];
    const uint64_t active = entry.active.number;
    entry.next_number = std::max(active, generations.rbegin()->first) + 1;
    auto it = generations.find(active);
    if (it == generations.end()) continue;  // not created yet: nothing is dropped
    entry.active.family = it->second;
    for (auto& [number, family] : generations) {
      if (number == active) continue;
      if (number == generations.rbegin()->first && number > active) {
        entry.building = GenerationFamily{number, family};  // a rebuild to resume
      } else {
        store->Drop(family);  // older than the active one (switched), or an abandoned build
      }
    }
    if (entry.building) {
      auto active_meta = store->ReadMetaIn(entry.active.family.get(), rocksdb::ReadOptions(), name);
      if (!active_meta.ok()) return active_meta.status();
      auto building_meta =
          store->ReadMetaIn(entry.building->family.get(), rocksdb::ReadOptions(), name);
      if (!building_meta.ok()) return building_meta.status();
      entry.refused = active_meta->has_value() && building_meta->has_value() &&
                      (*active_meta)->version != (*building_meta)->version;
    }
  }
  store->others_ = std::move(others);
  return store;
}

ProjectionStore::ProjectionStore(std::string dir)
    : dir_(std::move(dir)), handles_(std::make_shared<Handles>()) {}

ProjectionStore::~ProjectionStore() { Close(); }

absl::Status ProjectionStore::Checkpoint(const std::string& dir) {
  return base::CheckpointRocks(db_.get(), dir);
}

absl::StatusOr<base::Compaction> ProjectionStore::Compact(const std::function<bool()>& cancelled) {
  std::vector<Family> families;
  {
    absl::MutexLock lock(&mu_);
    if (!db_) return absl::UnavailableError("projection store is closed");
    families.push_back(default_family_);
    for (const auto& [name, generations] : projections_) {
      if (generations.active.family) families.push_back(generations.active.family);
      if (generations.building) families.push_back(generations.building->family);
    }
    families.insert(families.end(), others_.begin(), others_.end());
  }
  base::Compaction total;
  for (const auto& family : families) {
    // Our hold keeps the handle valid even if the family is dropped meanwhile.
    auto done = base::CompactFamilies(db_.get(), {family.get()}, "projections.compact", cancelled);
    if (!done.ok() && !absl::IsCancelled(done.status()) && !Holds(family)) {
      continue;  // dropped by a rebuild's switch-over meanwhile
    }
    if (!done.ok()) return done.status();
    total.families += done->families;
    total.bytes_before += done->bytes_before;
    total.bytes_after += done->bytes_after;
  }
  return total;
}

bool ProjectionStore::Holds(const Family& family) {
  absl::MutexLock lock(&mu_);
  if (family == default_family_) return true;
  for (const auto& [name, generations] : projections_) {
    if (family == generations.active.family) return true;
    if (generations.building && family == generations.building->family) return true;
  }
  return std::find(others_.begin(), others_.end(), family) != others_.end();
}

void ProjectionStore::Close() {
  absl::MutexLock lock(&mu_);
  if (!db_) return;
  {
    // As the event store: a clean stop leaves no write-ahead log to replay at the next start
    // (flushed while the handles still live: releasing our holds below destroys them).
    absl::MutexLock handles_lock(&handles_->mu);
    if (auto st = base::FlushFamilies(db_.get(), {handles_->live.begin(), handles_->live.end()});
        !st.ok()) {
      // Every write is still in the log; the next start replays it.
    }
  }
  // Our holds on the families go; handles destroy themselves with their last holder (no
  // reader or batch may hold one any more).
  projections_.clear();
  others_.clear();
  default_family_.reset();
  {
    absl::MutexLock handles_lock(&handles_->mu);
    while (!handles_->live.empty()) handles_->Destroy(*handles_->live.begin());
  }
  if (auto s = db_->Close(); !s.ok()) {
    // Only fails on unreleased snapshots; the DB is deleted regardless.
  }
  db_.reset();
}

ProjectionStore::Family ProjectionStore::Own(rocksdb::ColumnFamilyHandle* handle) {
  {
    absl::MutexLock lock(&handles_->mu);
    handles_->db = db_.get();
    handles_->live.insert(handle);
  }
  return Family(handle, [handles = handles_](rocksdb::ColumnFamilyHandle* h) {
    absl::MutexLock lock(&handles->mu);
    handles->Destroy(h);
  });
}

void ProjectionStore::Drop(const Family& family) {
  if (auto s = db_->DropColumnFamily(family.get()); !s.ok()) {
    // Left on disk: the next Open drops it again (it is not a generation that serves).
  }
}

absl::Status ProjectionStore::EnsureProjection(const std::string& name) {
  if (!ValidName(name)) {
    return absl::InvalidArgumentError(absl::StrCat("bad projection name \"", name, "\""));
  }
  absl::MutexLock lock(&mu_);
  if (!db_) return absl::UnavailableError("projection store is closed");
  Generations& entry = projections_[name];
  if (entry.active.family) return absl::OkStatus();
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  const std::string family = FamilyName(name, entry.active.number);
  auto s = db_->CreateColumnFamily(FamilyOptions(), family, &handle);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("creating projection family ", family));
  entry.active.family = Own(handle);
  entry.next_number = std::max(entry.next_number, entry.active.number + 1);
  return absl::OkStatus();
}

absl::Status ProjectionStore::BeginBuilding(const std::string& name, uint32_t version) {
  Family released;  // an abandoned build's handle, let go after the lock (declared first)
  absl::MutexLock lock(&mu_);
  if (!db_) return absl::UnavailableError("projection store is closed");
  auto it = projections_.find(name);
  if (it == projections_.end() || !it->second.active.family) {
    return absl::NotFoundError(absl::StrCat("no projection \"", name, "\""));
  }
  Generations& entry = it->second;
  if (entry.building) {
    Drop(entry.building->family);
    released = std::move(entry.building->family);
    entry.building.reset();
    entry.refused = false;
  }
  auto active_meta = ReadMetaIn(entry.active.family.get(), rocksdb::ReadOptions(), name);
  if (!active_meta.ok()) return active_meta.status();
  const uint64_t number = entry.next_number;
  const std::string family = FamilyName(name, number);
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  auto s = db_->CreateColumnFamily(FamilyOptions(), family, &handle);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("creating projection family ", family));
  Family building = Own(handle);
  entry.next_number = number + 1;
  s = db_->Put(rocksdb::WriteOptions(), building.get(), kMetaKey, EncodeMeta({version, 0}));
  if (!s.ok()) {
    Drop(building);
    return base::FromRocks(s, absl::StrCat("starting to rebuild projection ", name));
  }
  entry.building = GenerationFamily{number, std::move(building)};
  entry.refused = active_meta->has_value() && (*active_meta)->version != version;
  return absl::OkStatus();
}

absl::Status ProjectionStore::SwitchToBuilding(const std::string& name) {
  // Rows written without the write-ahead log are made durable before the pointer names them:
  // flushed here, outside the lock, so that readers do not wait for it (the caller is the
  // family's one writer, so nothing unlogged can follow before the switch).
  Family building;
  {
    absl::MutexLock lock(&mu_);
    auto it = projections_.find(name);
    if (it != projections_.end() && it->second.building) building = it->second.building->family;
  }
  if (building) {
    if (auto st = FlushIfUnlogged(building.get()); !st.ok()) return st;
  }
  Family released;  // the old generation's handle, let go after the lock (declared first)
  absl::MutexLock lock(&mu_);
  if (!db_) return absl::UnavailableError("projection store is closed");
  auto it = projections_.find(name);
  if (it == projections_.end() || !it->second.building) {
    return absl::FailedPreconditionError(
        absl::StrCat("projection ", name, " has no generation being built"));
  }
  Generations& entry = it->second;
  // The switch itself: one synced write. Syncing the WAL also makes durable every row the
  // rebuild wrote before it (unsynced until now), so a power cut cannot leave the pointer
  // naming rows that were lost.
  rocksdb::WriteOptions options;
  options.sync = true;
  base::KillPoint("projections.switch_over.before");
  auto s =
      db_->Put(options, default_family_.get(), ActiveKey(name), EncodeU64(entry.building->number));
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("switching projection ", name));
  base::KillPoint("projections.switch_over.after");
  GenerationFamily old = std::move(entry.active);
  entry.active = std::move(*entry.building);
  entry.building.reset();
  entry.refused = false;
  // Readers that took the old family finish with it; its files go with the last of them.
  if (old.family) Drop(old.family);
  released = std::move(old.family);
  return absl::OkStatus();
}

absl::Status ProjectionStore::DropBuilding(const std::string& name) {
  Family released;  // let go after the lock (declared first)
  absl::MutexLock lock(&mu_);
  if (!db_) return absl::UnavailableError("projection store is closed");
  auto it = projections_.find(name);
  if (it == projections_.end() || !it->second.building) return absl::OkStatus();
  Drop(it->second.building->family);
  released = std::move(it->second.building->family);
  it->second.building.reset();
  it->second.refused = false;
  return absl::OkStatus();
}

absl::StatusOr<ProjectionStore::Family> ProjectionStore::FamilyOf(const std::string& name,
                                                                  Generation generation) {
  absl::MutexLock lock(&mu_);
  if (!db_) return absl::UnavailableError("projection store is closed");
  auto it = projections_.find(name);
  if (it != projections_.end()) {
    if (generation == Generation::kActive && it->second.active.family) {
      return it->second.active.family;
    }
    if (generation == Generation::kBuilding && it->second.building) {
      return it->second.building->family;
    }
  }
  return absl::NotFoundError(
      absl::StrCat("no ", generation == Generation::kBuilding ? "generation being built of " : "",
                   "projection \"", name, "\""));
}

absl::StatusOr<ProjectionStore::Family> ProjectionStore::Served(const std::string& name,
                                                                const Snapshot* snapshot) {
  ServedFamily served;
  bool known = false;
  if (snapshot != nullptr) {
    if (auto it = snapshot->served_.find(name); it != snapshot->served_.end()) {
      served = it->second;
      known = true;
    }
  }
  if (!known) {
    absl::MutexLock lock(&mu_);
    if (!db_) return absl::UnavailableError("projection store is closed");
    auto it = projections_.find(name);
    if (it == projections_.end() || !it->second.active.family) {
      return absl::NotFoundError(absl::StrCat("no projection \"", name, "\""));
    }
    served = {it->second.active.family, it->second.refused};
  }
  if (served.refused) {
    return absl::UnavailableError(
        absl::StrCat("projection ", name,
                     " is being rebuilt for a new version; its rows are served again once it "
                     "is live; retry later"));
  }
  return served.family;
}

ProjectionStore::Snapshot::~Snapshot() {
  if (db_ != nullptr) db_->ReleaseSnapshot(snapshot_);
}

std::unique_ptr<ProjectionStore::Snapshot> ProjectionStore::NewSnapshot() {
  absl::MutexLock lock(&mu_);
  // A closed store gives an empty snapshot: reads through it are UNAVAILABLE, as without one.
  if (!db_) return std::unique_ptr<Snapshot>(new Snapshot(nullptr, nullptr));
  std::unique_ptr<Snapshot> snapshot(new Snapshot(db_.get(), db_->GetSnapshot()));
  for (const auto& [name, entry] : projections_) {
    if (entry.active.family) snapshot->served_[name] = {entry.active.family, entry.refused};
  }
  return snapshot;
}

rocksdb::ReadOptions ProjectionStore::ReadAt(const Snapshot* snapshot) {
  rocksdb::ReadOptions options;
  if (snapshot != nullptr) options.snapshot = snapshot->snapshot_;
  return options;
}

absl::StatusOr<std::optional<ProjectionMeta>> ProjectionStore::ReadMetaIn(
    rocksdb::ColumnFamilyHandle* family, const rocksdb::ReadOptions& options,
    const std::string& name) {
  std::string value;
  auto s = db_->Get(options, family, kMetaKey, &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading meta of projection ", name));
  ProjectionMeta meta;
  if (!DecodeMeta(value, &meta)) {
    return absl::DataLossError(absl::StrCat("meta of projection ", name, " is malformed"));
  }
  return meta;
}

absl::StatusOr<std::optional<ProjectionMeta>> ProjectionStore::ReadMeta(const std::string& name,
                                                                        const Snapshot* snapshot) {
  auto family = Served(name, snapshot);
  if (!family.ok()) return family.status();
  return ReadMetaIn(family->get(), ReadAt(snapshot), name);
}

absl::StatusOr<std::optional<ProjectionMeta>> ProjectionStore::ReadGenerationMeta(
    const std::string& name, Generation generation) {
  auto family = FamilyOf(name, generation);
  if (!family.ok()) return family.status();
  return ReadMetaIn(family->get(), rocksdb::ReadOptions(), name);
}

absl::StatusOr<std::optional<std::string>> ProjectionStore::ReadRow(const std::string& name,
                                                                    const std::string& key,
                                                                    const Snapshot* snapshot) {
  auto family = Served(name, snapshot);
  if (!family.ok()) return family.status();
  std::string value;
  auto s = db_->Get(ReadAt(snapshot), family->get(), RowKey(key), &value);
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
  auto family = Served(name, snapshot);
  if (!family.ok()) return family.status();
  rocksdb::ReadOptions options = ReadAt(snapshot);
  const std::string upper_key = end_key.empty() ? std::string(kRowsEnd) : RowKey(end_key);
  rocksdb::Slice upper(upper_key);
  options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, family->get()));
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

absl::StatusOr<ProjectionStore::Batch> ProjectionStore::NewBatch(const std::string& name,
                                                                 Generation generation) {
  auto family = FamilyOf(name, generation);
  if (!family.ok()) return family.status();
  return Batch(this, std::move(*family));
}

void ProjectionStore::Batch::Put(const std::string& key, const std::string& value) {
  rows_[key] = Staged{Staged::Kind::kPut, value};
}

void ProjectionStore::Batch::Delete(const std::string& key) {
  rows_[key] = Staged{Staged::Kind::kDelete, ""};
}

absl::Status ProjectionStore::Batch::Append(const std::string& key, std::string_view bytes) {
  auto [it, inserted] = rows_.try_emplace(key);
  Staged& staged = it->second;
  if (inserted) {
    // After DeleteAllRows nothing stored is left to append to: the bytes are the whole value.
    staged.kind = delete_all_ ? Staged::Kind::kPut : Staged::Kind::kAppend;
  } else if (staged.kind == Staged::Kind::kDelete) {
    staged.kind = Staged::Kind::kPut;
  }
  staged.bytes.append(bytes);  // a put's value or an append's bytes grow by them
  return absl::OkStatus();
}

size_t ProjectionStore::Batch::staged_bytes() const {
  size_t bytes = 0;
  for (const auto& [key, staged] : rows_) bytes += key.size() + staged.bytes.size();
  return bytes;
}

void ProjectionStore::Batch::DeleteAllRows() {
  delete_all_ = true;
  rows_.clear();
}

absl::StatusOr<std::optional<std::string>> ProjectionStore::Batch::Get(const std::string& key) {
  const auto it = rows_.find(key);
  if (it != rows_.end() && it->second.kind == Staged::Kind::kPut) return it->second.bytes;
  if (it != rows_.end() && it->second.kind == Staged::Kind::kDelete) return std::nullopt;
  if (delete_all_) return std::nullopt;  // (an append is staged as a put then)
  std::string value;
  auto s = store_->db_->Get(rocksdb::ReadOptions(), family_.get(), RowKey(key), &value);
  if (!s.ok() && !s.IsNotFound()) return base::FromRocks(s, "reading a projection row");
  if (it != rows_.end()) {
    value.append(it->second.bytes);  // stored ‖ appended (just the appended if none is stored)
    return value;
  }
  if (s.IsNotFound()) return std::nullopt;
  return value;
}

absl::Status ProjectionStore::Commit(const Batch& batch) {
  // Sized once: a rebuild's batch of thousands of rows grew its buffer copy by copy (perf).
  size_t bytes = 64;
  bytes += batch.staged_bytes() + 16 * batch.rows_.size();
  rocksdb::WriteBatch wb(bytes);
  rocksdb::Status s;
  rocksdb::ColumnFamilyHandle* family = batch.family_.get();
  if (batch.delete_all_) s = wb.DeleteRange(family, kRowsBegin, kRowsEnd);
  for (const auto& [key, staged] : batch.rows_) {
    if (!s.ok()) break;
    switch (staged.kind) {
      case Batch::Staged::Kind::kPut:
        s = wb.Put(family, RowKey(key), staged.bytes);
        break;
      case Batch::Staged::Kind::kDelete:
        s = wb.Delete(family, RowKey(key));
        break;
      case Batch::Staged::Kind::kAppend:
        s = wb.Merge(family, RowKey(key), staged.bytes);
        break;
    }
  }
  if (s.ok() && batch.meta_) s = wb.Put(family, kMetaKey, EncodeMeta(*batch.meta_));
  if (!s.ok()) return base::FromRocks(s, "staging a projection batch");
  // Atomic, not fsynced: rows and checkpoint land together or not at all (one WAL record).
  // After a power cut a projection may have lost its last pages; it re-applies them from
  // the older checkpoint it then finds, so nothing is applied twice or skipped. (Every event
  // it applied was durable in the log before it was read.)
  rocksdb::WriteOptions options;
  options.sync = false;
  options.disableWAL = batch.unlogged_;
  if (batch.unlogged_) {
    absl::MutexLock lock(&unlogged_mu_);
    unlogged_.insert(family->GetID());
  } else if (auto st = FlushIfUnlogged(family); !st.ok()) {
    return st;
  }
  base::KillPoint("projections.page_commit.before");
  s = db_->Write(options, &wb);
  if (!s.ok()) return base::FromRocks(s, "committing a projection batch");
  base::KillPoint("projections.page_commit.after");
  return absl::OkStatus();
}

absl::Status ProjectionStore::FlushIfUnlogged(rocksdb::ColumnFamilyHandle* family) {
  {
    absl::MutexLock lock(&unlogged_mu_);
    if (!unlogged_.contains(family->GetID())) return absl::OkStatus();
  }
  if (auto st = base::FlushFamilies(db_.get(), {family}); !st.ok()) return st;
  absl::MutexLock lock(&unlogged_mu_);
  unlogged_.erase(family->GetID());
  return absl::OkStatus();
}

}  // namespace coop::projections
