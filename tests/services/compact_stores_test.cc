// coop.v1.Admin/CompactStores over a real server with real RocksDB folders: the event log and
// the projection store compacted while appends go on, and nothing anyone reads changes — the
// log event by event, its chain, a cooperative's view.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/admin.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/registry_fixture.h"
#include "tests/support/event_builders.h"

namespace coop::testing {
namespace {

class CompactStoresTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    admin_ = coop::v1::Admin::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }
  void Configure(services::ServerOptions& options) override {
    options.backup_dir = dir_.Sub("backups");
  }

  grpc::Status Compact(coop::v1::CompactStoresReply* reply) {
    return admin_->CompactStores(Context(120'000).get(), {}, reply);
  }
  // Every event's id, in log order.
  std::vector<std::string> EventIds() {
    std::vector<std::string> ids;
    for (const auto& event : ReadAll()) ids.push_back(event.event_id());
    return ids;
  }
  coop::v1::CooperativeView View(const std::string& id, uint64_t min_position) {
    coop::v1::GetCooperativeRequest request;
    request.set_cooperative_id(id);
    request.set_min_position(min_position);
    coop::v1::CooperativeView view;
    const grpc::Status status = reporting_->GetCooperative(Context().get(), request, &view);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return view;
  }
  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }

  std::unique_ptr<coop::v1::Admin::Stub> admin_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(CompactStoresTest, CompactsTheLogAndTheProjectionsWhileAppendsGoOnAndNothingReadChanges) {
  std::vector<std::string> cooperatives;
  for (int i = 0; i < 30; ++i) {
    coop::v1::CommandReply reply;
    ASSERT_TRUE(Register(Registration(absl::StrCat(2400000000 + i)), &reply).ok());
    cooperatives.push_back(reply.aggregate_id());
  }
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(Append(AppendTo("compact-before", Any(), 2)).ok());
  const std::vector<std::string> before = EventIds();
  const coop::v1::CooperativeView view_before = View(cooperatives.front(), Head());

  // Appends from another client meanwhile, every one acknowledged.
  std::atomic<bool> stop{false};
  std::atomic<int> appended{0}, failed{0};
  std::thread appender([&] {
    auto stub = coop::v1::EventStore::NewStub(channel_);
    while (!stop) {
      grpc::ClientContext context;
      coop::v1::AppendResponse response;
      const auto request = AppendTo(absl::StrCat("compact-during-", appended % 7), Any(), 1);
      if (stub->Append(&context, request, &response).ok()) {
        ++appended;
      } else {
        ++failed;
      }
    }
  });
  coop::v1::CompactStoresReply first, second;
  const grpc::Status first_status = Compact(&first);
  const grpc::Status second_status = Compact(&second);
  stop = true;
  appender.join();
  ASSERT_TRUE(first_status.ok()) << first_status.error_message();
  ASSERT_TRUE(second_status.ok()) << second_status.error_message();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(appended, 0);

  ASSERT_EQ(first.stores_size(), 2);
  EXPECT_EQ(first.stores(0).store(), "events");
  EXPECT_EQ(first.stores(0).families(), 8u);  // meta and the seven of eventstore/README.md
  EXPECT_GT(first.stores(0).bytes_after(), 0u);
  EXPECT_EQ(first.stores(1).store(), "projections");
  EXPECT_GE(first.stores(1).families(), 2u);  // the pointers and at least one projection
  for (const auto& store : second.stores()) EXPECT_GT(store.elapsed_micros(), 0) << store.store();

  // The log as it was, then what was appended meanwhile; the chain verifies.
  const std::vector<std::string> after = EventIds();
  ASSERT_EQ(after.size(), before.size() + appended);
  EXPECT_TRUE(std::equal(before.begin(), before.end(), after.begin()));
  EXPECT_EQ(std::set<std::string>(after.begin(), after.end()).size(), after.size());
  coop::v1::VerifyLogResponse verified;
  ASSERT_TRUE(stub_->VerifyLog(Context().get(), {}, &verified).ok());
  EXPECT_TRUE(verified.ok()) << verified.problem();
  EXPECT_EQ(verified.verified_to(), after.size());
  const coop::v1::CooperativeView view_after = View(cooperatives.front(), Head());
  EXPECT_EQ(view_after.SerializeAsString(), view_before.SerializeAsString());
}

TEST_F(CompactStoresTest, AQueryAnsweredFromCompactedTablesAfterARestartIsTheSame) {
  coop::v1::CommandReply registered;
  ASSERT_TRUE(Register(Registration("2400000100"), &registered).ok());
  const coop::v1::CooperativeView before = View(registered.aggregate_id(), Head());
  coop::v1::CompactStoresReply reply;
  ASSERT_TRUE(Compact(&reply).ok());
  server_->Shutdown();
  server_.reset();
  StartServer();
  reporting_ = coop::v1::Reporting::NewStub(channel_);
  EXPECT_EQ(View(registered.aggregate_id(), Head()).SerializeAsString(),
            before.SerializeAsString());
  coop::v1::VerifyLogResponse verified;
  ASSERT_TRUE(stub_->VerifyLog(Context().get(), {}, &verified).ok());
  EXPECT_TRUE(verified.ok()) << verified.problem();
}

// Compaction needs no backup folder: the server hands its stores to coop.v1.Admin itself.
class CompactWithoutBackupsTest : public RegistryFixture {};

TEST_F(CompactWithoutBackupsTest, ACompactionRunsOnAServerWithoutABackupFolder) {
  auto admin = coop::v1::Admin::NewStub(channel_);
  coop::v1::CompactStoresReply reply;
  const grpc::Status status = admin->CompactStores(Context(120'000).get(), {}, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.stores_size(), 2);
}

}  // namespace
}  // namespace coop::testing
