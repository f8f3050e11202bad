// Options of the RocksDB backend only: hooks into RocksDB and into the writer that tests and
// benchmarks use. The backend-neutral options (durability, limits, clock, group-commit sizes)
// are StoreOptions (eventstore/store_options.h). A plain struct; copy it freely.
#ifndef COOPLEDGER_EVENTSTORE_ROCKS_ROCKS_OPTIONS_H_
#define COOPLEDGER_EVENTSTORE_ROCKS_ROCKS_OPTIONS_H_

#include <functional>
#include <memory>

namespace rocksdb {
class Env;
class Statistics;
}  // namespace rocksdb

namespace coop::eventstore {

struct RocksOptions {
  // RocksDB Env (e.g. one over a fault-injecting FileSystem). Not owned. nullptr = default.
  rocksdb::Env* env = nullptr;
  // If set, RocksDB counts its tickers (e.g. WAL syncs) here.
  std::shared_ptr<rocksdb::Statistics> statistics;
  // Called by the writer thread before it takes each batch from the queue. A test may block
  // in it to let appends pile up, proving they share one batch.
  std::function<void()> before_batch_hook;
  // Benchmarks only: false leaves the Merkle tree out of every append, to measure what it
  // costs (coop-bench --mode audit). Such a store answers no tree head or proof
  // (FAILED_PRECONDITION); opened again with true, it adds the nodes it lacks.
  bool keep_merkle_tree = true;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_ROCKS_ROCKS_OPTIONS_H_
