// coopd's Prometheus metrics (--metrics_listen; services/metrics.h) over a real server with
// authentication on: a scripted workload through the public services, then /metrics read over
// HTTP and checked, figure by figure, against what the script did; promtool accepts the
// exposition.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/services/auth_fixture.h"
#include "tests/support/event_builders.h"
#include "tests/support/http_get.h"

namespace coop::testing {
namespace {

class MetricsTest : public AuthServerFixture {
 protected:
  void Configure(services::ServerOptions& options) override {
    options.metrics_listen = "127.0.0.1:0";
  }

  // Every sample of the exposition: "name{labels}" → value.
  std::map<std::string, double> Scrape(std::string* text = nullptr) {
    const std::string body = HttpGet(server_->metrics_port(), "/metrics");
    if (text != nullptr) *text = body;
    std::map<std::string, double> samples;
    for (absl::string_view line : absl::StrSplit(body, '\n')) {
      if (line.empty() || line[0] == '#') continue;
      const size_t space = line.rfind(' ');
      double value = 0;
      if (space == absl::string_view::npos || !absl::SimpleAtod(line.substr(space + 1), &value)) {
        continue;
      }
      samples[std::string(line.substr(0, space))] = value;
    }
    return samples;
  }

  grpc::Status RawAppend(const std::string& stream, int64_t expected) {
    auto store = coop::v1::EventStore::NewStub(channel_);
    const auto request = AppendTo(stream, expected >= 0 ? Exact(expected) : Any());
    coop::v1::AppendResponse response;
    return store->Append(As("admin").get(), request, &response);
  }
};

TEST_F(MetricsTest, TheCountersMatchAScriptedWorkloadExactlyAndPromtoolAcceptsThem) {
  // 5 raw appends, then 2 that conflict.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(RawAppend("ledger-" + std::to_string(i), -1).ok());
  EXPECT_EQ(RawAppend("ledger-0", 7).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(RawAppend("ledger-1", 7).error_code(), grpc::StatusCode::ABORTED);
  // 3 registrations, 1 refused by a rule (no name), 3 calls without credentials.
  RegisterAs("admin", "2300000001", "32059");
  RegisterAs("admin", "2300000002", "32059");
  RegisterAs("recorder-u-minh", "2300000003", "32059");
  auto registry = coop::v1::Registry::NewStub(channel_);
  auto nameless = Registration("2300000004", "32059");
  nameless.mutable_registration()->clear_name();
  coop::v1::CommandReply reply;
  const grpc::Status refused = registry->RegisterCooperative(As("admin").get(), nameless, &reply);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::string rule = refused.error_message().substr(1, refused.error_message().find(']') - 1);
  ASSERT_FALSE(rule.empty()) << refused.error_message();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(registry->RegisterCooperative(As("").get(), nameless, &reply).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  const uint64_t head = LogHead();

  std::string text;
  auto samples = Scrape(&text);
  ASSERT_FALSE(samples.empty()) << text;
  EXPECT_EQ(samples["coop_appends_total{result=\"committed\"}"], 8);  // 5 raw + 3 commands
  EXPECT_EQ(samples["coop_appends_total{result=\"rejected\"}"], 2);
  EXPECT_EQ(samples["coop_append_duration_seconds_count"], 10);
  EXPECT_EQ(samples["coop_commit_batch_events_sum"], head);
  EXPECT_EQ(samples["coop_commit_batch_appends_sum"], 8) << "one caller at a time: one a commit";
  EXPECT_EQ(samples["coop_commit_duration_seconds_count"], 8);
  EXPECT_EQ(samples["coop_group_commits_total"], 8);
  EXPECT_GE(samples["coop_wal_syncs_total"], 8);
  EXPECT_EQ(samples["coop_log_head_position"], head);
  EXPECT_EQ(samples["coop_rpc_results_total{code=\"OK\",method=\"/coop.v1.EventStore/Append\"}"],
            5);
  EXPECT_EQ(
      samples["coop_rpc_results_total{code=\"ABORTED\",method=\"/coop.v1.EventStore/Append\"}"], 2);
  EXPECT_EQ(
      samples
          ["coop_rpc_results_total{code=\"OK\",method=\"/coop.v1.Registry/RegisterCooperative\"}"],
      3);
  EXPECT_EQ(samples["coop_rpc_results_total{code=\"UNAUTHENTICATED\",method=\"/coop.v1.Registry/"
                    "RegisterCooperative\"}"],
            3);
  EXPECT_EQ(samples["coop_rpc_results_total{code=\"INVALID_ARGUMENT\",method=\"/coop.v1.Registry/"
                    "RegisterCooperative\"}"],
            1);
  EXPECT_EQ(samples["coop_authentication_failures_total"], 3);
  EXPECT_EQ(samples["coop_rule_refusals_total{code=\"INVALID_ARGUMENT\",rule=\"" + rule + "\"}"], 1)
      << text;
  EXPECT_EQ(samples["coop_subscribers"], 0);
  EXPECT_TRUE(samples.count("coop_projection_lag_events{projection=\"annual_statistics\"}"))
      << text;

  const std::string file = dir_.Sub("metrics.txt");
  std::ofstream(file) << text;
  FILE* promtool = popen(("promtool check metrics < " + file + " 2>&1").c_str(), "r");
  ASSERT_NE(promtool, nullptr);
  char buffer[4096];
  std::string output;
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, promtool)) > 0) output.append(buffer, n);
  EXPECT_EQ(WEXITSTATUS(pclose(promtool)), 0) << output;
}

TEST_F(MetricsTest, AMetricsAddressAlreadyTakenStopsTheStartWithAClearError) {
  services::ServerOptions options;
  options.data_dir = dir_.Sub("second");
  options.listen = "127.0.0.1:0";
  options.metrics_listen = "127.0.0.1:" + std::to_string(server_->metrics_port());
  auto second = services::CoopServer::Start(options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("--metrics_listen"), std::string::npos)
      << second.status();
}

class NoMetricsTest : public AuthServerFixture {};

TEST_F(NoMetricsTest, WithoutTheFlagNothingIsServed) { EXPECT_EQ(server_->metrics_port(), 0); }

}  // namespace
}  // namespace coop::testing
