#include "tools/bench/rocksdb_bench.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "rocksdb/write_batch.h"
#include "tools/bench/fsync_probe.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/proc_stats.h"
#include "tools/bench/random_data.h"

namespace coop::bench {
namespace {

// Big-endian thread index and sequence number: each thread appends to its own key range,
// like the event store's position-ordered keys.
std::string Key(uint32_t thread, uint64_t seq) {
  std::string key(12, '\0');
  for (int i = 0; i < 4; ++i) key[i] = static_cast<char>(thread >> (24 - 8 * i));
  for (int i = 0; i < 8; ++i) key[4 + i] = static_cast<char>(seq >> (56 - 8 * i));
  return key;
}

void WriterLoop(rocksdb::DB* db, uint32_t thread, int batch, int value_bytes,
                const MeasureWindow* window, WorkerStats* stats) {
  using Clock = MeasureWindow::Clock;
  Rng rng;
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  std::string value(value_bytes, '\0');
  uint64_t seq = 0;
  rocksdb::WriteBatch wb;
  while (!window->stopped()) {
    wb.Clear();
    for (int i = 0; i < batch; ++i) {
      rng.Fill(value.data(), value.size());
      wb.Put(Key(thread, seq++), value);
    }
    const Clock::time_point t0 = Clock::now();
    rocksdb::Status s = db->Write(write_options, &wb);
    const Clock::time_point t1 = Clock::now();
    if (!s.ok()) {
      stats->AddError(absl::StrCat("Write code ", static_cast<int>(s.code())), s.ToString());
      continue;
    }
    if (window->InWindow(t1)) {
      ++stats->ops;
      stats->events += static_cast<uint64_t>(batch);
      stats->latency.Record(static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
    }
  }
}

}  // namespace

absl::StatusOr<RunResult> RunRocksDbBench(const BenchOptions& options, int threads, int batch,
                                          double seconds) {
  std::string pattern = absl::StrCat(options.dir, "/coop-bench-rocksdb-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(
        absl::StrCat("cannot create a folder under ", options.dir, ": ", std::strerror(errno)));
  }
  const std::string path = pattern;

  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.paranoid_checks = true;
  db_options.max_background_jobs = 2;                     // as the event store opens its database
  db_options.statistics = rocksdb::CreateDBStatistics();  // counts WAL syncs
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, path, &raw);
  if (!s.ok()) {
    std::filesystem::remove_all(path);
    return absl::InternalError(absl::StrCat("RocksDB open ", path, ": ", s.ToString()));
  }
  std::unique_ptr<rocksdb::DB> db(raw);

  // The disk's mood right before the run (see fsync_probe.h); failure is not fatal here.
  absl::StatusOr<uint64_t> fsync_nanos = ProbeFsyncNanos(options.dir);

  MeasureWindow window;
  std::vector<WorkerStats> stats(threads);
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back(WriterLoop, db.get(), static_cast<uint32_t>(i), batch, options.value_bytes,
                      &window, &stats[i]);
  }
  CpuMeter cpu(0);
  auto wal_syncs = [&] { return db_options.statistics->getTickerCount(rocksdb::WAL_FILE_SYNCED); };
  uint64_t syncs_at_start = 0;
  uint64_t syncs_in_window = 0;
  window.Run(
      options.warmup_seconds, seconds,
      [&] {
        cpu.Start();
        syncs_at_start = wal_syncs();
      },
      [&] {
        cpu.Stop();
        syncs_in_window = wal_syncs() - syncs_at_start;
      });
  for (auto& t : pool) t.join();

  s = db->Close();
  db.reset();
  std::error_code ec;
  std::filesystem::remove_all(path, ec);

  RunResult result;
  result.scenario = absl::StrCat("rocksdb B=", batch);
  result.unit = "write";
  result.clients = threads;
  result.batch = batch;
  result.seconds = window.window_seconds();
  for (const auto& w : stats) result.Add(w);
  result.bench_cores = cpu.self_cores();
  result.bench_peak_rss_kib = SelfPeakRssKib();
  if (fsync_nanos.ok()) result.fsync_probe_nanos = static_cast<int64_t>(*fsync_nanos);
  result.note = absl::StrCat(
      "temporary database ", path, ", values of ", options.value_bytes, " bytes, sync=true; ",
      syncs_in_window, " WAL syncs in the window (",
      absl::StrFormat("%.1f", syncs_in_window > 0 ? double(result.ops) / syncs_in_window : 0.0),
      " writes per sync)");
  if (!s.ok()) result.note += absl::StrCat("; close: ", s.ToString());
  return result;
}

}  // namespace coop::bench
