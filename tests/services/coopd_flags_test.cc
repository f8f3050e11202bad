#include "services/coopd_flags.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace coop::services {
namespace {

TEST(CoopdFlagsTest, DefaultsAreTheEmbeddedSetUp) {
  auto flags = ParseCoopdFlags({});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.data_dir, "data");
  EXPECT_EQ(flags->server.listen, "127.0.0.1:50051");
  EXPECT_EQ(flags->server.store.durability, eventstore::Durability::kSync);
  EXPECT_EQ(flags->server.command_threads, 32);
  EXPECT_TRUE(flags->server.run_projections);
}

TEST(CoopdFlagsTest, ProjectionsCanBeTurnedOffForBenchmarks) {
  auto flags = ParseCoopdFlags({"--projections", "off"});
  ASSERT_OK(flags);
  EXPECT_FALSE(flags->server.run_projections);
  flags = ParseCoopdFlags({"--projections=on"});
  ASSERT_OK(flags);
  EXPECT_TRUE(flags->server.run_projections);
  EXPECT_NE(ParseCoopdFlags({"--projections=no"}).status().message().find("on or off"),
            std::string::npos);
}

TEST(CoopdFlagsTest, ProjectionGatheringTakesMillisecondsFromZeroToOneThousand) {
  auto flags = ParseCoopdFlags({});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.projection_live_read_interval, absl::Milliseconds(250));
  flags = ParseCoopdFlags({"--projection_gather_ms=0"});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.projection_live_read_interval, absl::ZeroDuration());
  flags = ParseCoopdFlags({"--projection_gather_ms", "40"});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.projection_live_read_interval, absl::Milliseconds(40));
  for (const char* bad : {"-1", "1001", "0.5", ""}) {
    auto refused = ParseCoopdFlags({"--projection_gather_ms", bad});
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(refused.status().message().find("0 to 1000"), std::string::npos) << bad;
  }
}

TEST(CoopdFlagsTest, ParsesBothFlagForms) {
  auto flags = ParseCoopdFlags(
      {"--data_dir=/x", "--listen", "0.0.0.0:1", "--durability", "relaxed", "--port_file=/p"});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.data_dir, "/x");
  EXPECT_EQ(flags->server.listen, "0.0.0.0:1");
  EXPECT_EQ(flags->server.store.durability, eventstore::Durability::kRelaxed);
  EXPECT_EQ(flags->port_file, "/p");
}

TEST(CoopdFlagsTest, AuditAndCommandFlags) {
  auto flags = ParseCoopdFlags(
      {"--command_threads=8", "--publish_heads", "/h.ndjson", "--publish_heads_every=60"});
  ASSERT_OK(flags);
  EXPECT_EQ(flags->server.command_threads, 8);
  EXPECT_EQ(flags->server.publish_heads_file, "/h.ndjson");
  EXPECT_EQ(flags->server.publish_heads_every, absl::Seconds(60));
  EXPECT_NE(ParseCoopdFlags({"--command_threads=0"}).status().message().find("1 to 256"),
            std::string::npos);
  EXPECT_NE(ParseCoopdFlags({"--publish_heads_every=0"}).status().message().find(">= 1"),
            std::string::npos);
}

TEST(CoopdFlagsTest, BadFlagsNameTheProblem) {
  EXPECT_NE(ParseCoopdFlags({"--durability=fast"}).status().message().find("sync or relaxed"),
            std::string::npos);
  EXPECT_NE(ParseCoopdFlags({"--listen=nowhere"}).status().message().find("HOST:PORT"),
            std::string::npos);
  EXPECT_NE(ParseCoopdFlags({"--bogus=1"}).status().message().find("unknown flag --bogus"),
            std::string::npos);
  EXPECT_FALSE(ParseCoopdFlags({"--data_dir"}).ok());
  EXPECT_TRUE(ParseCoopdFlags({"--help"})->help);
}

}  // namespace
}  // namespace coop::services
