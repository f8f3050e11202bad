// RocksEventStore: opening, closing and reading. Appending is in rocks_writer.cc,
// verification in rocks_verify.cc.
#include "eventstore/rocks/rocks_event_store.h"

#include <pthread.h>

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/big_endian.h"
#include "base/rocks_checkpoint.h"
#include "base/rocks_compact.h"
#include "base/rocks_flush.h"
#include "base/rocks_info_log.h"
#include "base/rocks_status.h"
#include "base/uuid.h"
#include "eventstore/canonical.h"
#include "eventstore/event_filter.h"
#include "eventstore/rocks/keys.h"
#include "eventstore/validation.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"

namespace coop::eventstore {
namespace {

constexpr uint32_t kStoreFormatVersion = 1;

// One block cache for all families, and one budget for all memtables, so memory stays
// bounded however many families there are. (With the memtables below, eight families of at
// most two memtables each hold 128 MiB at most: the budget is a bound a new family would meet.)
constexpr size_t kBlockCacheBytes = 128 << 20;
constexpr size_t kMemtableBudgetBytes = 256 << 20;
// Each family's memtable is flushed at 8 MiB, not RocksDB's 64 MiB: the committer inserts every
// event's random keys (stream index, stream head, event id) into skip lists, and a search
// through a skip list of 64 MiB misses the CPU's caches at most of its levels. Measured
// (docs/PERFORMANCE.md, "Smaller memtables"): pipelined appends, 32 writers, 37,400-38,500
// against 27,100-32,800 events/s in 20-second runs; unary appends and batches of 100 unchanged.
constexpr size_t kMemtableBytes = 8 << 20;

enum class Access {
  kOrdered,    // iterated in key order
  kPointOnly,  // only ever read by whole key (Get), never iterated
};

rocksdb::ColumnFamilyOptions FamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache,
                                           Access access) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  if (access == Access::kPointOnly) {
    // Ids and stream heads are looked up by whole key on every append and mostly miss (a new
    // id, often a new stream): bloom filters on the memtable and on the files answer "absent"
    // without searching. (A hash memtable was measured too: faster inserts, but its flushes
    // sort every entry again and stalled writes; see docs/PERFORMANCE.md.)
    cf.memtable_whole_key_filtering = true;
    cf.memtable_prefix_bloom_size_ratio = 0.05;
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table.whole_key_filtering = true;
  }
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.compression = rocksdb::kNoCompression;
  cf.write_buffer_size = kMemtableBytes;
  return cf;
}

// Holds a RocksDB snapshot for the duration of one read.
class SnapshotGuard {
 public:
  explicit SnapshotGuard(rocksdb::DB* db) : db_(db), snapshot_(db->GetSnapshot()) {}
  ~SnapshotGuard() { db_->ReleaseSnapshot(snapshot_); }
  SnapshotGuard(const SnapshotGuard&) = delete;
  SnapshotGuard& operator=(const SnapshotGuard&) = delete;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
};

}  // namespace

RocksEventStore::RocksEventStore(const std::string& dir, const StoreOptions& options,
                                 const RocksOptions& rocks_options)
    : dir_(dir),
      options_(options),
      rocks_options_(rocks_options),
      clock_(options.clock ? options.clock : SystemClock::Default()) {}

absl::StatusOr<std::unique_ptr<RocksEventStore>> RocksEventStore::Open(
    const std::string& dir, const StoreOptions& options, const RocksOptions& rocks_options) {
  std::unique_ptr<RocksEventStore> store(new RocksEventStore(dir, options, rocks_options));
  if (auto st = store->OpenDb(); !st.ok()) return st;
  return store;
}

absl::Status RocksEventStore::OpenDb() {
  if (options_.create_if_missing) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return absl::UnavailableError(absl::StrCat("data dir ", dir_, ": ", ec.message()));
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options_.create_if_missing;
  db_options.info_log = base::TolerantInfoLog(dir_);  // a full disk must not crash the server
  db_options.create_missing_column_families = true;
  db_options.paranoid_checks = true;
  db_options.max_background_jobs = 2;
  db_options.enable_pipelined_write = false;
  if (rocks_options_.env != nullptr) db_options.env = rocks_options_.env;
  // RocksDB's tickers (WAL syncs, stalls) are always counted; timers and histograms are not,
  // as they cost a clock read per operation.
  statistics_ = rocks_options_.statistics;
  if (!statistics_) {
    statistics_ = rocksdb::CreateDBStatistics();
    statistics_->set_stats_level(rocksdb::StatsLevel::kExceptHistogramOrTimers);
  }
  db_options.statistics = statistics_;
  db_options.db_write_buffer_size = kMemtableBudgetBytes;
  auto cache = rocksdb::NewLRUCache(kBlockCacheBytes);

  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, FamilyOptions(cache, Access::kOrdered)},
      {"events", FamilyOptions(cache, Access::kOrdered)},
      {"stream_index", FamilyOptions(cache, Access::kOrdered)},
      {"streams", FamilyOptions(cache, Access::kPointOnly)},
      {"event_ids", FamilyOptions(cache, Access::kPointOnly)},
      {"time_index", FamilyOptions(cache, Access::kOrdered)},
      {"area_index", FamilyOptions(cache, Access::kOrdered)},
      {"merkle", FamilyOptions(cache, Access::kPointOnly)},
  };
  rocksdb::DB* raw = nullptr;
  auto s = rocksdb::DB::Open(db_options, dir_, families, &handles_, &raw);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("opening event store in ", dir_));
  db_.reset(raw);
  meta_ = handles_[0];
  events_ = handles_[1];
  stream_index_ = handles_[2];
  streams_ = handles_[3];
  event_ids_ = handles_[4];
  time_index_ = handles_[5];
  area_index_ = handles_[6];
  merkle_ = handles_[7];

  std::string value;
  s = db_->Get(rocksdb::ReadOptions(), meta_, std::string(keys::kFormatVersionKey), &value);
  if (s.IsNotFound()) {
    std::string encoded;
    base::PutU32(&encoded, kStoreFormatVersion);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    s = db_->Put(wo, meta_, std::string(keys::kFormatVersionKey), encoded);
    if (!s.ok()) return base::FromRocks(s, "writing format version");
  } else if (!s.ok()) {
    return base::FromRocks(s, "reading format version");
  } else if (value.size() != 4 || base::GetU32(value) != kStoreFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("event store in ", dir_, " has an unknown format version"));
  }

  LogHead head;
  s = db_->Get(rocksdb::ReadOptions(), meta_, std::string(keys::kLogHeadKey), &value);
  if (s.ok()) {
    if (!keys::DecodeLogHead(value, &head)) return absl::DataLossError("log head is malformed");
  } else if (!s.IsNotFound()) {
    return base::FromRocks(s, "reading log head");
  }
  // The head and the events are written in one batch, so the last event key must equal the
  // head. One seek checks it; the log itself is not scanned.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events_));
  it->SeekToLast();
  if (!it->status().ok()) return base::FromRocks(it->status(), "seeking the last event");
  uint64_t last = it->Valid() ? base::GetU64(it->key().ToStringView()) : 0;
  if (last != head.position) {
    return absl::DataLossError(absl::StrCat("log head says position ", head.position,
                                            " but the last stored event is ", last));
  }
  if (rocks_options_.keep_merkle_tree) {
    if (auto st = OpenMerkle(head.position); !st.ok()) return st;
  }
  {
    absl::MutexLock lock(&mu_);
    head_ = head;
  }
  stager_ = std::make_unique<AppendStager>(static_cast<CommittedState*>(this), head);
  notifier_ = std::make_unique<CommitNotifier>(head.position);
  writer_ = std::thread([this] { WriterLoop(); });
  pthread_setname_np(writer_.native_handle(), "coop-writer");
  committer_ = std::thread([this] { CommitterLoop(); });
  pthread_setname_np(committer_.native_handle(), "coop-committer");
  completer_ = std::thread([this] { CompleterLoop(); });
  pthread_setname_np(completer_.native_handle(), "coop-completer");
  return absl::OkStatus();
}

absl::Status RocksEventStore::OpenMerkle(uint64_t head_position) {
  std::string value;
  uint64_t covered = 0;
  auto s = db_->Get(rocksdb::ReadOptions(), meta_, std::string(keys::kMerkleSizeKey), &value);
  if (s.ok()) {
    if (value.size() != 8) return absl::DataLossError("merkle size is malformed");
    covered = base::GetU64(value);
  } else if (!s.IsNotFound()) {
    return base::FromRocks(s, "reading the merkle size");
  }
  if (covered > head_position) {
    return absl::DataLossError(absl::StrCat("the merkle tree covers ", covered,
                                            " positions but the log head is ", head_position));
  }
  // The roots of the perfect subtrees [0, covered) is made of, largest first.
  std::vector<std::string> roots;
  uint64_t start = 0;
  for (int level = 63; level >= 0; --level) {
    if (((covered >> level) & 1) == 0) continue;
    std::string root;
    s = db_->Get(rocksdb::ReadOptions(), merkle_, keys::MerkleNodeKey(level, start >> level),
                 &root);
    if (!s.ok())
      return base::FromRocks(s, absl::StrCat("reading merkle node ", level, "/", start >> level));
    roots.push_back(std::move(root));
    start += uint64_t{1} << level;
  }
  auto range = verify::CompactRange::Resume(covered, std::move(roots));
  if (!range.ok()) return range.status();
  // A log written before the merkle family existed: add the leaves it lacks, from the events'
  // stored leaf hashes, a chunk per synced batch.
  constexpr uint64_t kChunk = 50'000;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events_));
  rocksdb::WriteBatch batch;
  uint64_t in_batch = 0;
  auto flush = [&]() -> absl::Status {
    std::string size;
    base::PutU64(&size, range->size());
    batch.Put(meta_, std::string(keys::kMerkleSizeKey), size);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    auto w = db_->Write(wo, &batch);
    batch.Clear();
    in_batch = 0;
    return w.ok() ? absl::OkStatus() : base::FromRocks(w, "writing merkle nodes");
  };
  for (it->Seek(keys::EventKey(covered + 1)); it->Valid(); it->Next()) {
    coop::v1::RecordedEvent event;
    if (!event.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())) ||
        event.position() != range->size() + 1 ||
        event.leaf_hash().size() != verify::kMerkleHashSize) {
      return absl::DataLossError(absl::StrCat("the event at position ", range->size() + 1,
                                              " cannot give its leaf hash to the merkle tree"));
    }
    range->Append(event.leaf_hash(), [&](int level, uint64_t index, const std::string& hash) {
      batch.Put(merkle_, keys::MerkleNodeKey(level, index), hash);
    });
    if (++in_batch == kChunk) {
      if (auto st = flush(); !st.ok()) return st;
    }
  }
  if (!it->status().ok())
    return base::FromRocks(it->status(), "reading events for the merkle tree");
  if (in_batch > 0) {
    if (auto st = flush(); !st.ok()) return st;
  }
  if (range->size() != head_position) {
    return absl::DataLossError(absl::StrCat("the merkle tree reached position ", range->size(),
                                            " but the log head is ", head_position));
  }
  merkle_range_ = *std::move(range);
  return absl::OkStatus();
}

RocksEventStore::~RocksEventStore() { Close(); }

absl::Status RocksEventStore::Checkpoint(const std::string& dir) {
  {
    absl::MutexLock lock(&mu_);
    if (closing_) return absl::UnavailableError("the event store is closing");
    ++checkpoints_running_;
  }
  absl::Status st = base::CheckpointRocks(db_.get(), dir);
  absl::MutexLock lock(&mu_);
  --checkpoints_running_;
  return st;
}

absl::StatusOr<base::Compaction> RocksEventStore::Compact(const std::function<bool()>& cancelled) {
  {
    absl::MutexLock lock(&mu_);
    if (closing_) return absl::UnavailableError("the event store is closing");
    ++compactions_running_;
  }
  auto done = base::CompactFamilies(db_.get(), handles_, "eventstore.compact", cancelled);
  absl::MutexLock lock(&mu_);
  --compactions_running_;
  if (!done.ok() && closing_) return absl::UnavailableError("the event store is closing");
  return done;
}

void RocksEventStore::Close() {
  {
    absl::MutexLock lock(&mu_);
    if (closing_) {
      mu_.Await(absl::Condition(&closed_));
      return;
    }
    closing_ = true;
  }
  // A manual compaction running ends now (its CompactRange returns), not when it is done.
  if (db_) db_->DisableManualCompaction();
  if (writer_.joinable()) writer_.join();
  if (committer_.joinable()) committer_.join();
  if (completer_.joinable()) completer_.join();  // every call written is answered first
  if (notifier_) notifier_->Shutdown();
  {
    absl::MutexLock lock(&mu_);
    auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return checkpoints_running_ == 0 && compactions_running_ == 0;
    };
    mu_.Await(absl::Condition(&idle));
  }
  if (db_) {
    // A clean stop leaves nothing in the write-ahead log: the next start opens at once instead
    // of replaying it (after a million appends, about 10 s). If the flush fails, the log still
    // holds every write and the next start replays it.
    if (auto st = base::FlushFamilies(db_.get(), handles_); !st.ok()) {
      // Nothing to do on shutdown but carry on closing.
    }
    for (auto* h : handles_) {
      if (auto s = db_->DestroyColumnFamilyHandle(h); !s.ok()) {
        // Nothing to do on shutdown but carry on closing.
      }
    }
    handles_.clear();
    if (auto s = db_->Close(); !s.ok()) {
      // Close only fails on unreleased snapshots; the DB is deleted regardless.
    }
    db_.reset();
  }
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

RocksEventStore::WriterStats RocksEventStore::writer_stats() const {
  absl::MutexLock lock(&mu_);
  WriterStats stats = stats_;
  stats.queued_appends = queue_.size();
  return stats;
}

absl::StatusOr<std::optional<coop::v1::RecordedEvent>> RocksEventStore::ReadEventAt(
    uint64_t position) {
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions(), events_, keys::EventKey(position), &value);
  if (s.IsNotFound()) return std::optional<coop::v1::RecordedEvent>();
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading position ", position));
  coop::v1::RecordedEvent event;
  if (!event.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("event at position ", position, " does not parse"));
  }
  return std::optional<coop::v1::RecordedEvent>(std::move(event));
}

absl::StatusOr<std::vector<coop::v1::RecordedEvent>> RocksEventStore::ReadStream(
    const coop::v1::ReadStreamRequest& request) {
  if (auto st = ValidateStreamId("stream_id", request.stream_id(), options_.limits); !st.ok()) {
    return st;
  }
  const bool backwards = request.direction() == coop::v1::BACKWARDS;
  const uint32_t max_count = ReadCount(request.max_count(), options_.limits);
  SnapshotGuard snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.get();
  std::string head_value;
  auto s = db_->Get(ro, streams_, request.stream_id(), &head_value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("stream '", request.stream_id(), "' has no events"));
  }
  std::vector<uint64_t> positions;
  {
    const std::string prefix = keys::StreamIndexPrefix(request.stream_id());
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, stream_index_));
    if (backwards) {
      uint64_t from = request.from_version() == 0 ? UINT64_MAX : request.from_version();
      it->SeekForPrev(keys::StreamIndexKey(request.stream_id(), from));
    } else {
      it->Seek(
          keys::StreamIndexKey(request.stream_id(), std::max<uint64_t>(1, request.from_version())));
    }
    for (; it->Valid() && positions.size() < max_count; backwards ? it->Prev() : it->Next()) {
      if (!it->key().starts_with(prefix)) break;
      positions.push_back(base::GetU64(it->value().ToStringView()));
    }
    s = it->status();
  }
  std::vector<coop::v1::RecordedEvent> events;
  if (s.ok()) {
    events.reserve(positions.size());
    for (uint64_t p : positions) {
      std::string value;
      s = db_->Get(ro, events_, keys::EventKey(p), &value);
      if (!s.ok()) break;
      events.emplace_back();
      if (!events.back().ParseFromString(value)) {
        s = rocksdb::Status::Corruption(absl::StrCat("event at position ", p, " does not parse"));
        break;
      }
      // The stream index is not covered by the hash chain; never serve what it points at
      // unless the event itself agrees.
      if (events.back().stream_id() != request.stream_id()) {
        s = rocksdb::Status::Corruption(absl::StrCat("stream index of ", request.stream_id(),
                                                     " points at position ", p,
                                                     ", an event of another stream"));
        break;
      }
    }
  }
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading stream ", request.stream_id()));
  return events;
}

absl::StatusOr<ReadPage> RocksEventStore::ReadAll(const ReadAllQuery& query) {
  if (auto st = ValidateFilter(query.filter, options_.limits); !st.ok()) return st;
  const uint32_t max_count = ReadCount(query.max_count, options_.limits);
  EventMatcher matcher(query.filter);
  ReadPage page;
  // One snapshot for the index, the events it points at, and the log's end.
  SnapshotGuard snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.get();
  const auto* area = matcher.SingleArea();
  // With exactly one area the area index lists the candidate positions; otherwise the log
  // itself is scanned.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, area ? area_index_ : events_));
  const std::string prefix = area ? keys::AreaIndexPrefix(area->first, area->second) : "";
  auto position_of = [&](const rocksdb::Slice& key) {
    return base::GetU64(std::string_view(key.data() + prefix.size(), 8));
  };
  if (query.backwards) {
    uint64_t from = query.from_position == 0 ? UINT64_MAX : query.from_position;
    it->SeekForPrev(area ? keys::AreaIndexKey(area->first, area->second, from)
                         : keys::EventKey(from));
  } else {
    uint64_t from = std::max<uint64_t>(1, query.from_position);
    it->Seek(area ? keys::AreaIndexKey(area->first, area->second, from) : keys::EventKey(from));
    page.next_position = from;
  }
  uint64_t scanned = 0;
  uint64_t bytes = 0;
  page.end_of_log = true;
  for (; it->Valid(); query.backwards ? it->Prev() : it->Next()) {
    if (area && !it->key().starts_with(prefix)) break;
    if (page.events.size() >= max_count || (query.max_scan != 0 && scanned >= query.max_scan) ||
        (query.max_bytes != 0 && bytes >= query.max_bytes)) {
      page.end_of_log = false;
      break;
    }
    const uint64_t position = position_of(it->key());
    coop::v1::RecordedEvent event;
    std::string fetched;  // the area index points at the event: its bytes are read here
    if (area) {
      auto s = db_->Get(ro, events_, keys::EventKey(position), &fetched);
      if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading position ", position));
    }
    const std::string_view stored =
        area ? std::string_view(fetched) : std::string_view(it->value().data(), it->value().size());
    if (!event.ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
      return absl::DataLossError(absl::StrCat("event at position ", position, " does not parse"));
    }
    ++scanned;
    page.next_position = query.backwards ? position - 1 : position + 1;
    if (matcher.Matches(event)) {
      bytes += event.payload().size();
      page.events.push_back(std::move(event));
      if (query.with_stored_bytes) page.stored_bytes.emplace_back(stored);
    }
  }
  if (!it->status().ok()) return base::FromRocks(it->status(), "reading the log");
  page.examined = scanned;
  if (query.backwards && page.end_of_log) page.next_position = 0;
  if (area && !query.backwards && page.end_of_log) {
    // The area index ended, but the log may go on with events of other areas: everything up
    // to the log's end has been examined, so the next read starts after it. (A follower would
    // otherwise be woken by every later commit and find nothing, forever.)
    std::unique_ptr<rocksdb::Iterator> last(db_->NewIterator(ro, events_));
    last->SeekToLast();
    if (!last->status().ok()) return base::FromRocks(last->status(), "reading the log's end");
    if (last->Valid()) {
      page.next_position =
          std::max(page.next_position, base::GetU64(last->key().ToStringView()) + 1);
    }
  }
  return page;
}

absl::StatusOr<uint64_t> RocksEventStore::PositionAtTime(int64_t micros, bool backwards) {
  // The time index has one entry per batch: (recorded_at, first position of the batch). Since
  // recorded_at never decreases along positions, the first entry at or after a time gives the
  // first position recorded then or later.
  uint64_t head;
  {
    absl::MutexLock lock(&mu_);
    head = head_.position;
  }
  if (backwards && micros == INT64_MAX) return head;
  const int64_t from = backwards ? micros + 1 : micros;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), time_index_));
  it->Seek(keys::TimeIndexKey(from, 0));
  if (!it->status().ok()) return base::FromRocks(it->status(), "reading the time index");
  // Nothing at or after `from`: everything known is older.
  const uint64_t first_at_or_after =
      it->Valid() ? base::GetU64(it->key().ToStringView().substr(8)) : head + 1;
  return backwards ? first_at_or_after - 1 : first_at_or_after;
}

absl::StatusOr<coop::v1::StreamInfo> RocksEventStore::GetStreamInfo(const std::string& stream_id) {
  if (auto st = ValidateStreamId("stream_id", stream_id, options_.limits); !st.ok()) return st;
  auto head = ReadStreamHead(stream_id);
  if (!head.ok()) return head.status();
  if (head->version == 0) {
    return absl::NotFoundError(absl::StrCat("stream '", stream_id, "' has no events"));
  }
  return ToStreamInfo(stream_id, *head);
}

absl::StatusOr<std::optional<coop::v1::RecordedEvent>> RocksEventStore::FindEvent(
    const std::string& event_id) {
  auto id = base::ParseUuid(event_id);
  if (!id) return absl::InvalidArgumentError("event_id: must be a UUID");
  return FindEventById(base::UuidKey(*id));
}

absl::StatusOr<StreamHead> RocksEventStore::ReadStreamHead(const std::string& stream_id) {
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions(), streams_, stream_id, &value);
  StreamHead head;
  if (s.IsNotFound()) return head;
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading stream head of ", stream_id));
  if (!keys::DecodeStreamHead(value, &head)) {
    return absl::DataLossError(absl::StrCat("stream head of ", stream_id, " is malformed"));
  }
  return head;
}

absl::StatusOr<std::optional<coop::v1::RecordedEvent>> RocksEventStore::FindEventById(
    const std::string& id_key) {
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions(), event_ids_, id_key, &value);
  if (s.IsNotFound()) return std::optional<coop::v1::RecordedEvent>();
  if (!s.ok()) return base::FromRocks(s, "reading the event id index");
  const uint64_t position = base::GetU64(value);
  auto stored = ReadEventAt(position);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) {
    return absl::DataLossError(
        absl::StrCat("event id index points at missing position ", position));
  }
  // The id index is not covered by the hash chain: trust it only if the event agrees.
  if (auto stored_id = base::ParseUuid((**stored).event_id());
      !stored_id || base::UuidKey(*stored_id) != id_key) {
    base::UuidBytes bytes;
    std::copy(id_key.begin(), id_key.end(), bytes.begin());
    return absl::DataLossError(absl::StrCat("event id index for ", base::FormatUuid(bytes),
                                            " points at position ", position,
                                            ", which holds another event"));
  }
  return stored;
}

absl::StatusOr<std::string> RocksEventStore::MerkleNode(int level, uint64_t index) {
  if (!rocks_options_.keep_merkle_tree) {
    return absl::FailedPreconditionError("this store was opened without its Merkle tree");
  }
  if (level < 0 || level > 63) {
    return absl::InvalidArgumentError(absl::StrCat("merkle level ", level, " is not 0 to 63"));
  }
  uint64_t head;
  {
    absl::MutexLock lock(&mu_);
    head = head_.position;
  }
  if (index >= (head >> level)) {
    return absl::OutOfRangeError(absl::StrCat("merkle node ", level, "/", index,
                                              " is beyond the log's head, position ", head));
  }
  std::string hash;
  auto s = db_->Get(rocksdb::ReadOptions(), merkle_, keys::MerkleNodeKey(level, index), &hash);
  if (s.IsNotFound()) {
    return absl::DataLossError(absl::StrCat("merkle node ", level, "/", index, " is missing"));
  }
  if (!s.ok()) return base::FromRocks(s, "reading a merkle node");
  return hash;
}

coop::v1::LogInfo RocksEventStore::GetLogInfo() {
  coop::v1::LogInfo info;
  {
    absl::MutexLock lock(&mu_);
    info = ToLogInfo(head_, options_.durability);
    auto* writes = info.mutable_writes();
    writes->set_commits(stats_.batches);
    writes->set_events_committed(stats_.events_committed);
    writes->set_appends_committed(stats_.appends_committed);
    writes->set_appends_rejected(stats_.appends_rejected);
  }
  info.mutable_writes()->set_wal_syncs(statistics_->getTickerCount(rocksdb::WAL_FILE_SYNCED));
  info.mutable_writes()->set_stall_micros(statistics_->getTickerCount(rocksdb::STALL_MICROS));
  uint64_t table_bytes = 0;
  if (db_ != nullptr &&
      db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kTotalSstFilesSize, &table_bytes)) {
    info.set_table_bytes(table_bytes);
  }
  return info;
}

}  // namespace coop::eventstore
