// The event store's conformance suite: the behaviour every backend must show, written against
// the EventStore interface alone and run against each backend through its opener
// (store_backends.cc instantiates it for RocksDB and for the test-only in-memory backend).
// A new backend passes this suite before anything above the event store may use it.
//
// One store per test, in its own temporary folder, recorded on a manual clock.
#ifndef COOPLEDGER_TESTS_EVENTSTORE_CONFORMANCE_STORE_CONFORMANCE_H_
#define COOPLEDGER_TESTS_EVENTSTORE_CONFORMANCE_STORE_CONFORMANCE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/store_factory.h"
#include "tests/support/test_support.h"

namespace coop::eventstore {

struct StoreBackend {
  std::string name;  // the test name's suffix, e.g. "rocksdb"
  StoreOpener open;
};

class StoreConformanceTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override { Reopen(); }

  // Closes the store (if open) and opens the same folder again.
  void Reopen() {
    if (store_) store_->Close();
    store_.reset();
    StoreOptions options;
    options.clock = &clock_;
    auto store = GetParam().open(dir_.path(), options);
    ASSERT_OK(store);
    store_ = std::move(*store);
  }

  // Every event the query matches, paging until the end of the log.
  std::vector<coop::v1::RecordedEvent> ReadAllEvents(ReadAllQuery query = {}) {
    std::vector<coop::v1::RecordedEvent> out;
    for (;;) {
      auto page = store_->ReadAll(query);
      EXPECT_OK(page);
      if (!page.ok()) return out;
      for (auto& e : page->events) out.push_back(e);
      if (page->end_of_log) return out;
      query.from_position = page->next_position;
    }
  }

  coop::testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000'000};
  std::unique_ptr<EventStore> store_;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_TESTS_EVENTSTORE_CONFORMANCE_STORE_CONFORMANCE_H_
