// The server's clock (ServerOptions::clock) is what "today" means for its date rules: commands'
// business dates may not be after it (COMMON-01), and queries that default to today (an area
// filter without a unit set) answer for it. Set here to 31 December 2024 in Vietnam, before
// the 2025-07 reform of the administrative units.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class ServerClockTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }
  void Configure(services::ServerOptions& options) override {
    // 10:00 in Vietnam (UTC+7) on 31 December 2024.
    options.clock = [] {
      return absl::FromCivil(absl::CivilSecond(2024, 12, 31, 3, 0, 0), absl::UTCTimeZone());
    };
  }
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(ServerClockTest, ACommandDatedAfterTheServersTodayIsRefused) {
  coop::v1::CommandReply reply;
  auto request = Registration("2300000001");
  request.mutable_header()->set_occurred_on("2025-01-01");
  const grpc::Status status = Register(request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "[COMMON-01] header.occurred_on: 2025-01-01 is after today (2024-12-31)");
  request.mutable_header()->set_occurred_on("2024-12-31");
  EXPECT_TRUE(Register(request, &reply).ok());
}

TEST_F(ServerClockTest, AQueryThatDefaultsToTodayAnswersForTheServersToday) {
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Register(Registration("2300000002"), &reply).ok());
  // A district without a unit set: on 31 December 2024 the 2025-03 list, which has districts,
  // is in force (from 1 July 2025 the 2025-07 list has none, and the code is refused).
  coop::v1::ListCooperativesRequest list;
  list.mutable_area()->set_code("966");  // Huyện U Minh, Cà Mau
  list.set_min_position(reply.position());
  coop::v1::ListCooperativesReply listed;
  const grpc::Status status = reporting_->ListCooperatives(Context().get(), list, &listed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(listed.cooperatives_size(), 1);
  EXPECT_EQ(listed.cooperatives(0).code(), "2300000002");
}

}  // namespace
}  // namespace coop::testing
