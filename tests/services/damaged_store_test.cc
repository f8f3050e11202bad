// Damage found at start (issue 15, "Corruption at start"), over a real server on real RocksDB
// folders: a damaged log stops the start with a message naming the file and what to do, rather
// than serve wrong data; a damaged projection store is set aside and rebuilt from the log.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "absl/strings/match.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/annual_figures.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

namespace fs = std::filesystem;

// The largest table of a RocksDB folder (not its subfolders).
std::string LargestTable(const std::string& folder) {
  std::string largest;
  uintmax_t size = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".sst" && entry.file_size() > size) {
      size = entry.file_size();
      largest = entry.path().string();
    }
  }
  return largest;
}

class DamagedStoreTest : public RegistryFixture {
 protected:
  void RegisterSome() {
    for (int n = 1; n <= 3; ++n) {
      coop::v1::CommandReply reply;
      ASSERT_TRUE(Register(Registration(std::to_string(2300000000 + n)), &reply).ok());
    }
  }
  void Stop() {
    server_->Shutdown();
    server_.reset();
  }
  std::string DataDir() const { return dir_.Sub("store"); }
};

TEST_F(DamagedStoreTest, ADamagedLogStopsTheStartNamingTheFileAndWhatToDo) {
  RegisterSome();
  Stop();
  const std::string table = LargestTable(DataDir());
  ASSERT_FALSE(table.empty());
  fs::resize_file(table, 100);

  services::ServerOptions options;
  options.data_dir = DataDir();
  options.listen = "127.0.0.1:0";
  auto server = services::CoopServer::Start(options);
  ASSERT_FALSE(server.ok()) << "it must not serve a damaged log";
  EXPECT_EQ(server.status().code(), absl::StatusCode::kDataLoss);
  const std::string message(server.status().message());
  EXPECT_TRUE(absl::StrContains(message, fs::path(table).filename().string())) << message;
  EXPECT_TRUE(absl::StrContains(message, "coopd restore-backup")) << message;
}

TEST_F(DamagedStoreTest, ADamagedProjectionStoreIsSetAsideAndRebuiltFromTheLog) {
  RegisterSome();
  const uint64_t head = server_->store().GetLogInfo().head_position();
  Stop();
  const std::string table = LargestTable(DataDir() + "/projections");
  ASSERT_FALSE(table.empty());
  fs::resize_file(table, 100);

  StartServer();
  auto reporting = coop::v1::Reporting::NewStub(channel_);
  coop::v1::AnnualStatisticsRequest request;
  request.mutable_scope()->mutable_area()->set_code("966");
  request.mutable_scope()->mutable_area()->set_unit_set("2025-03");
  request.mutable_scope()->set_year(2024);
  request.set_min_position(head);
  EXPECT_EQ(AnnualFigures(reporting.get(), request)["cooperatives"], 3);
  int set_aside = 0;
  for (const auto& entry : fs::directory_iterator(DataDir())) {
    if (absl::StartsWith(entry.path().filename().string(), "projections.damaged-")) ++set_aside;
  }
  EXPECT_EQ(set_aside, 1) << "the damaged store is kept aside, not deleted";
}

}  // namespace
}  // namespace coop::testing
