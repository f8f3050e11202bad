// A full disk under a real server (issue 15, "Disk full"): coopd's data folder on a small tmpfs
// of its own, filled up by a ballast file. Appends fail RESOURCE_EXHAUSTED saying so, and no
// partial event is written; reads and queries go on; once the ballast is removed, appends
// resume without a restart; after a restart everything acknowledged is there and the chain
// verifies. Mounting needs root: the test skips when not root (CI runs as root), and also when
// the machine refuses the mount even to root (no CAP_SYS_ADMIN), saying so.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/server_fixture.h"
#include "tests/support/event_builders.h"

namespace coop::testing {
namespace {

namespace fs = std::filesystem;

class DiskFullTest : public ServerFixture {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root";
    fs::create_directories(Small());
    if (::mount("tmpfs", Small().c_str(), "tmpfs", 0, "size=256m") != 0) {
      GTEST_SKIP() << "this machine refuses to mount a tmpfs even to root: "
                   << std::strerror(errno);
    }
    mounted_ = true;
    ServerFixture::SetUp();
  }
  void TearDown() override {
    server_.reset();
    if (mounted_) ::umount(Small().c_str());
  }
  void Configure(services::ServerOptions& options) override {
    options.data_dir = Small() + "/store";
    options.health_stall_after = absl::Seconds(1);
  }
  std::string Small() const { return dir_.Sub("small"); }

  grpc::Status AppendOne(const std::string& stream, size_t bytes) {
    auto request = AppendTo(stream, Any());
    request.mutable_streams(0)->mutable_events(0)->set_payload(std::string(bytes, 'x'));
    return Append(request);
  }

  // Writes a ballast file until the file system is full.
  void FillUp() {
    std::ofstream ballast(Small() + "/ballast", std::ios::binary);
    const std::string chunk(1 << 16, 'b');
    while (ballast.write(chunk.data(), chunk.size())) {
    }
  }

  bool mounted_ = false;
};

TEST_F(DiskFullTest, AppendsFailClearlyReadsGoOnAndAppendsResumeOnceSpaceIsFreed) {
  int acknowledged = 0;
  for (int i = 0; i < 20; ++i, ++acknowledged) ASSERT_TRUE(AppendOne("ledger-a", 4096).ok());
  const uint64_t head = server_->store().GetLogInfo().head_position();

  FillUp();
  grpc::Status refused;
  // Until the space RocksDB set aside for its write-ahead log is used up too.
  for (int i = 0; i < 4000; ++i) {
    refused = AppendOne("ledger-b", 64 << 10);
    if (!refused.ok()) break;
    ++acknowledged;
  }
  ASSERT_FALSE(refused.ok()) << "the disk never filled";
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << refused.error_message();
  EXPECT_TRUE(absl::StrContains(refused.error_message(), "full")) << refused.error_message();
  EXPECT_EQ(AppendOne("ledger-c", 10).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  // Reads and queries go on, and no part of a refused append is there.
  const auto events = ReadAll();
  EXPECT_EQ(events.size(), static_cast<size_t>(acknowledged));
  EXPECT_GE(server_->store().GetLogInfo().head_position(), head);
  for (const auto& event : events) EXPECT_NE(event.stream_id(), "ledger-c");
  auto reporting = coop::v1::Reporting::NewStub(channel_);
  coop::v1::ProjectionStatusReply projections;
  EXPECT_TRUE(reporting->GetProjectionStatus(Context().get(), {}, &projections).ok());

  // Space freed: appends resume, without a restart.
  fs::remove(Small() + "/ballast");
  grpc::Status resumed;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
  while (std::chrono::steady_clock::now() < deadline) {
    resumed = AppendOne("ledger-d", 4096);
    if (resumed.ok()) break;
    EXPECT_EQ(resumed.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
        << resumed.error_message();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(resumed.ok()) << resumed.error_message();
  ++acknowledged;
  for (int i = 0; i < 10; ++i, ++acknowledged) ASSERT_TRUE(AppendOne("ledger-d", 4096).ok());

  // Idle now, health stays SERVING: no refused append is still counted as waiting.
  std::this_thread::sleep_for(std::chrono::milliseconds(1800));
  auto health = CheckHealth(channel_);
  ASSERT_OK(health);
  EXPECT_EQ(*health, Health::kServing);

  // After a restart: everything acknowledged, in a chain that verifies.
  server_->Shutdown();
  server_.reset();
  StartServer();
  EXPECT_EQ(ReadAll().size(), static_cast<size_t>(acknowledged));
  coop::v1::VerifyLogResponse verified;
  ASSERT_TRUE(stub_->VerifyLog(Context().get(), {}, &verified).ok());
  EXPECT_TRUE(verified.ok()) << verified.problem();
}

}  // namespace
}  // namespace coop::testing
