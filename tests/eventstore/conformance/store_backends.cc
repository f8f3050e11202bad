// The backends the conformance suite runs against: the embedded RocksDB store (through the
// factory coopd uses) and the test-only in-memory store built from the shared staging code.
#include "eventstore/store_factory.h"
#include "tests/eventstore/conformance/store_conformance.h"
#include "tests/eventstore/memory/memory_event_store.h"

namespace coop::eventstore {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformanceTest,
    ::testing::Values(StoreBackend{"rocksdb", OpenEventStore},
                      StoreBackend{"memory", coop::testing::OpenMemoryEventStore}),
    [](const ::testing::TestParamInfo<StoreBackend>& info) { return info.param.name; });

}  // namespace
}  // namespace coop::eventstore
