// The request log (services/request_log.h) over a real server with authentication on: every
// call's request id — the client's when usable, made by coopd otherwise — comes back in the
// reply's metadata and is on the call's log line; the line's level follows the status; a
// refusal names its rule; the request, the status message and the token never appear.
#include "services/request_log.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/services/auth_fixture.h"

namespace coop::testing {
namespace {

using google::protobuf::Struct;

class RequestLogTest : public AuthServerFixture {
 protected:
  // Every line of the server's log, parsed; the test fails on a line that is not JSON.
  std::vector<Struct> Lines() {
    std::vector<Struct> lines;
    for (absl::string_view line : absl::StrSplit(log_.text(), '\n', absl::SkipEmpty())) {
      Struct parsed;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &parsed).ok())
          << line;
      lines.push_back(parsed);
    }
    return lines;
  }

  // The "rpc" lines of calls with this request id.
  std::vector<Struct> CallLines(const std::string& request_id) {
    std::vector<Struct> found;
    for (const Struct& line : Lines()) {
      const auto& f = line.fields();
      if (f.at("component").string_value() == "rpc" && f.count("request_id") &&
          f.at("request_id").string_value() == request_id) {
        found.push_back(line);
      }
    }
    return found;
  }

  static std::string Echoed(const grpc::ClientContext& context) {
    const auto& metadata = context.GetServerInitialMetadata();
    auto it = metadata.find(services::kRequestIdHeader);
    return it == metadata.end() ? "" : std::string(it->second.data(), it->second.size());
  }
};

TEST_F(RequestLogTest, GivenTheClientsRequestId_ThenItComesBackAndIsOnTheCallsLine) {
  auto store = coop::v1::EventStore::NewStub(channel_);
  auto context = As("admin");
  context->AddMetadata("x-request-id", "so-ke-hoach-2026.01");
  coop::v1::LogInfo info;
  ASSERT_TRUE(store->GetLogInfo(context.get(), {}, &info).ok());
  EXPECT_EQ(Echoed(*context), "so-ke-hoach-2026.01");
  const auto lines = CallLines("so-ke-hoach-2026.01");
  ASSERT_EQ(lines.size(), 1u) << log_.text();
  const auto& f = lines[0].fields();
  EXPECT_EQ(f.at("level").string_value(), "debug");  // OK: debug
  EXPECT_EQ(f.at("method").string_value(), "/coop.v1.EventStore/GetLogInfo");
  EXPECT_EQ(f.at("code").string_value(), "OK");
  EXPECT_GE(f.at("duration_ms").number_value(), 0);
}

TEST_F(RequestLogTest, GivenNoOrAnUnusableRequestId_ThenCoopdMakesOneAndNoClientTextIsLogged) {
  auto store = coop::v1::EventStore::NewStub(channel_);
  for (const std::string& sent :
       {std::string(), std::string("an id with spaces, {braces} and \"quotes\""),
        std::string(65, 'a')}) {
    auto context = As("admin");
    if (!sent.empty()) context->AddMetadata("x-request-id", sent);
    coop::v1::LogInfo info;
    ASSERT_TRUE(store->GetLogInfo(context.get(), {}, &info).ok());
    const std::string made = Echoed(*context);
    EXPECT_TRUE(made.rfind("coopd-", 0) == 0 && made.size() == 22) << made;
    EXPECT_TRUE(services::IsUsableRequestId(made));
    EXPECT_EQ(CallLines(made).size(), 1u) << log_.text();
    if (!sent.empty()) {
      EXPECT_EQ(log_.text().find(sent), std::string::npos);
    }
  }
}

TEST_F(RequestLogTest, GivenARefusedCommand_ThenItsLineIsInfoWithTheRuleAndWithoutTheMessage) {
  auto registry = coop::v1::Registry::NewStub(channel_);
  auto nameless = Registration("2300000004", "32059");
  nameless.mutable_registration()->clear_name();
  nameless.mutable_registration()->mutable_address()->set_code("32059");
  auto context = As("admin");
  context->AddMetadata("x-request-id", "refused-1");
  coop::v1::CommandReply reply;
  const grpc::Status refused = registry->RegisterCooperative(context.get(), nameless, &reply);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::string rule = refused.error_message().substr(1, refused.error_message().find(']') - 1);
  const auto lines = CallLines("refused-1");
  ASSERT_EQ(lines.size(), 1u) << log_.text();
  const auto& f = lines[0].fields();
  EXPECT_EQ(f.at("level").string_value(), "info");
  EXPECT_EQ(f.at("code").string_value(), "INVALID_ARGUMENT");
  EXPECT_EQ(f.at("rule").string_value(), rule);
  EXPECT_EQ(log_.text().find(refused.error_message()), std::string::npos)
      << "the status message stays out of the log";
}

TEST_F(RequestLogTest, GivenAFailedAuthentication_ThenTheGatesLineCarriesTheRequestId) {
  auto store = coop::v1::EventStore::NewStub(channel_);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer coop_not-a-token-anyone-was-given");
  context.AddMetadata("x-request-id", "who-is-this");
  coop::v1::LogInfo info;
  EXPECT_EQ(store->GetLogInfo(&context, {}, &info).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  bool gate_line = false;
  for (const Struct& line : Lines()) {
    const auto& f = line.fields();
    if (f.at("component").string_value() == "gate" && f.count("request_id") &&
        f.at("request_id").string_value() == "who-is-this") {
      gate_line = true;
      EXPECT_EQ(f.at("level").string_value(), "warning");
    }
  }
  EXPECT_TRUE(gate_line) << log_.text();
  const auto lines = CallLines("who-is-this");
  ASSERT_EQ(lines.size(), 1u) << log_.text();
  EXPECT_EQ(lines[0].fields().at("code").string_value(), "UNAUTHENTICATED");
  EXPECT_EQ(log_.text().find("not-a-token-anyone-was-given"), std::string::npos);
}

TEST(RequestLogLevelTest, TheLevelSaysWhoShouldLook) {
  using base::LogLevel;
  using grpc::StatusCode;
  EXPECT_EQ(services::RequestLogLevel(StatusCode::OK), LogLevel::kDebug);
  for (auto code : {StatusCode::INVALID_ARGUMENT, StatusCode::FAILED_PRECONDITION,
                    StatusCode::ABORTED, StatusCode::PERMISSION_DENIED, StatusCode::NOT_FOUND,
                    StatusCode::UNAUTHENTICATED, StatusCode::CANCELLED}) {
    EXPECT_EQ(services::RequestLogLevel(code), LogLevel::kInfo) << code;
  }
  for (auto code : {StatusCode::RESOURCE_EXHAUSTED, StatusCode::UNAVAILABLE}) {
    EXPECT_EQ(services::RequestLogLevel(code), LogLevel::kWarning) << code;
  }
  for (auto code : {StatusCode::INTERNAL, StatusCode::DATA_LOSS, StatusCode::UNKNOWN}) {
    EXPECT_EQ(services::RequestLogLevel(code), LogLevel::kError) << code;
  }
}

}  // namespace
}  // namespace coop::testing
