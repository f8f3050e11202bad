// A slow disk under a real server: syncs delayed through a RocksDB FileSystem wrapper
// (tests/support/slow_sync_file_system.h). Appends slow down and nothing acknowledged is lost;
// the queue of appends stays bounded (RESOURCE_EXHAUSTED beyond it, not memory growth); health
// goes NOT_SERVING while no durable write completes and SERVING again at the next.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/rocks/rocks_event_store.h"
#include "tests/services/server_fixture.h"
#include "tests/support/event_builders.h"
#include "tests/support/slow_sync_file_system.h"

namespace coop::testing {
namespace {

using std::chrono::milliseconds;

class SlowDiskTest : public ServerFixture {
 protected:
  // The server goes before the file system it writes through.
  void TearDown() override { server_.reset(); }
  void Configure(services::ServerOptions& options) override {
    options.health_stall_after = absl::Seconds(1);
    options.store.max_queued_bytes = 64 << 10;
    options.open_store = [this](const std::string& dir, const eventstore::StoreOptions& store)
        -> absl::StatusOr<std::unique_ptr<eventstore::EventStore>> {
      eventstore::RocksOptions rocks;
      rocks.env = env_.get();
      auto opened = eventstore::RocksEventStore::Open(dir, store, rocks);
      if (!opened.ok()) return opened.status();
      return std::unique_ptr<eventstore::EventStore>(std::move(*opened));
    };
  }

  grpc::Status AppendOne(coop::v1::EventStore::Stub* stub, const std::string& stream) {
    auto request = AppendTo(stream, Any());
    request.mutable_streams(0)->mutable_events(0)->set_payload(std::string(4096, 'x'));
    coop::v1::AppendResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return stub->Append(&context, request, &response);
  }

  // Polls health until it is `want` or `within` has passed.
  bool HealthBecomes(Health want, milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
      auto health = CheckHealth(channel_);
      if (health.ok() && *health == want) return true;
      std::this_thread::sleep_for(milliseconds(50));
    }
    return false;
  }

  std::shared_ptr<SlowSyncFileSystem> fs_ = std::make_shared<SlowSyncFileSystem>();
  std::unique_ptr<rocksdb::Env> env_ = rocksdb::NewCompositeEnv(fs_);
};

TEST_F(SlowDiskTest, AppendsSlowDownNothingIsLostTheQueueIsBoundedAndHealthIsHonest) {
  ASSERT_TRUE(AppendOne(stub_.get(), "ledger-0").ok());
  ASSERT_TRUE(HealthBecomes(Health::kServing, milliseconds(1000)));

  fs_->SetSyncDelay(milliseconds(2500));
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0}, overloaded{0}, other{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 40; ++t) {
    writers.emplace_back([&, t] {
      auto stub = coop::v1::EventStore::NewStub(channel_);
      while (!stop) {
        const grpc::Status status = AppendOne(stub.get(), "ledger-" + std::to_string(t + 1));
        if (status.ok()) {
          ++acknowledged;
        } else if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++overloaded;
          std::this_thread::sleep_for(milliseconds(20));
        } else {
          ++other;
        }
      }
    });
  }
  EXPECT_TRUE(HealthBecomes(Health::kNotServing, milliseconds(4000)))
      << "appends waited with no durable write";
  fs_->SetSyncDelay(milliseconds(0));
  EXPECT_TRUE(HealthBecomes(Health::kServing, milliseconds(6000)))
      << "the next durable write brings it back";
  stop = true;
  for (auto& writer : writers) writer.join();

  EXPECT_GT(fs_->slowed(), 0);
  EXPECT_GT(overloaded.load(), 0) << "the queue is bounded: refused, not grown";
  EXPECT_EQ(other.load(), 0);
  // Every acknowledged append is in the log, and the chain verifies.
  EXPECT_EQ(ReadAll().size(), static_cast<size_t>(acknowledged.load()) + 1);
  coop::v1::VerifyLogResponse verified;
  ASSERT_TRUE(stub_->VerifyLog(Context().get(), {}, &verified).ok());
  EXPECT_TRUE(verified.ok()) << verified.problem();
}

}  // namespace
}  // namespace coop::testing
