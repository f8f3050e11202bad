// AppendMergeOperator: the RocksDB merge operator of every projection family, which makes a
// merge operand "bytes appended to the row" (ProjectionStore::Batch::Append).
//
// A row's value is its base value (none if the row was deleted or never put) followed by every
// operand merged into it since, in the order they were written. RocksDB applies it wherever the
// pieces meet: in reads (Get, iterators, snapshots) and in flushes and compactions, which
// replace a base and its operands with the one value they make. Partial merges (operands
// without their base) concatenate too, so the result never depends on where RocksDB merged.
//
// Thread-safety: stateless; one instance is shared by every family and RocksDB thread.
#ifndef COOPLEDGER_PROJECTIONS_APPEND_MERGE_OPERATOR_H_
#define COOPLEDGER_PROJECTIONS_APPEND_MERGE_OPERATOR_H_

#include <memory>

namespace rocksdb {
class MergeOperator;
}  // namespace rocksdb

namespace coop::projections {

// The operator, shared.
std::shared_ptr<rocksdb::MergeOperator> AppendMergeOperator();

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_APPEND_MERGE_OPERATOR_H_
