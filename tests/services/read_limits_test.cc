// Reads that stop early say so, and reads asked for what does not exist yet do not answer with
// something else: a read capped by the server ends with `capped`, a subscription from past
// the head waits for it, and a page token the server did not give is INVALID_ARGUMENT.
#include <gtest/gtest.h>

#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/server_fixture.h"
#include "tests/support/event_builders.h"

namespace coop::testing {
namespace {

class ReadLimitsTest : public ServerFixture {
 protected:
  // A small server limit, so that a capped read needs few events.
  void Configure(services::ServerOptions& options) override {
    options.store.limits.max_read_count = 50;
  }

  // Every message of a ReadAll.
  std::vector<coop::v1::ReadResponse> ReadAllMessages(const coop::v1::ReadAllRequest& request) {
    auto context = Context();
    auto reader = stub_->ReadAll(context.get(), request);
    std::vector<coop::v1::ReadResponse> messages;
    coop::v1::ReadResponse message;
    while (reader->Read(&message)) messages.push_back(message);
    EXPECT_TRUE(reader->Finish().ok());
    return messages;
  }
};

TEST_F(ReadLimitsTest, AReadAllCappedByTheServerEndsWithCappedAndWhereToGoOn) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any(), 80)).ok());
  coop::v1::ReadAllRequest request;
  request.set_max_count(4294967295u);  // "everything": the server sends its limit, and says so
  auto messages = ReadAllMessages(request);
  ASSERT_EQ(messages.size(), 51u);
  EXPECT_EQ(messages[49].event().position(), 50u);
  ASSERT_TRUE(messages.back().has_capped());
  EXPECT_EQ(messages.back().capped().resume_from(), 51u);
  EXPECT_EQ(messages.back().capped().limit(), 50u);

  request.set_from_position(51);  // reading on gets the rest, and no capped at the end
  messages = ReadAllMessages(request);
  ASSERT_EQ(messages.size(), 30u);
  EXPECT_TRUE(messages.back().has_event());

  request.set_from_position(1);  // a client that asked for 10 gets 10, nothing more
  request.set_max_count(10);
  EXPECT_EQ(ReadAllMessages(request).size(), 10u);
}

TEST_F(ReadLimitsTest, AReadStreamCappedByTheServerEndsWithCapped) {
  ASSERT_TRUE(Append(AppendTo("ledger-2", Any(), 60)).ok());
  coop::v1::ReadStreamRequest request;
  request.set_stream_id("ledger-2");
  auto context = Context();
  auto reader = stub_->ReadStream(context.get(), request);
  std::vector<coop::v1::ReadResponse> messages;
  coop::v1::ReadResponse message;
  while (reader->Read(&message)) messages.push_back(message);
  ASSERT_TRUE(reader->Finish().ok());
  ASSERT_EQ(messages.size(), 51u);
  ASSERT_TRUE(messages.back().has_capped());
  EXPECT_EQ(messages.back().capped().resume_from(), 51u);  // the version to read on from
}

TEST_F(ReadLimitsTest, ASubscriptionFromPastTheHeadWaitsForThatPosition) {
  ASSERT_TRUE(Append(AppendTo("ledger-3", Any(), 3)).ok());
  auto context = Context();
  coop::v1::SubscribeRequest request;
  request.set_from_position(6);  // the head is 3
  auto reader = stub_->Subscribe(context.get(), request);
  ASSERT_TRUE(Append(AppendTo("ledger-3", Any(), 3)).ok());  // positions 4, 5, 6
  coop::v1::SubscribeResponse message;
  // Nothing before position 6 arrives (head+1 = 4 did once), and caught_up names position 5
  // or later, a position that exists.
  bool saw_six = false;
  while (!saw_six && reader->Read(&message)) {
    if (message.has_event()) {
      EXPECT_GE(message.event().position(), 6u);
      saw_six = message.event().position() == 6;
    }
  }
  EXPECT_TRUE(saw_six);
  context->TryCancel();
  reader->Finish().ok();
}

TEST_F(ReadLimitsTest, AGarbagePageTokenIsInvalidArgument) {
  auto reporting = coop::v1::Reporting::NewStub(channel_);
  for (const std::string token : {"zzz", "after:", "after:\x01", "c/../x"}) {
    coop::v1::ListCooperativesRequest request;
    request.set_page_token(token);
    coop::v1::ListCooperativesReply reply;
    const grpc::Status status = reporting->ListCooperatives(Context().get(), request, &reply);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << token;
    EXPECT_NE(status.error_message().find("page_token"), std::string::npos) << token;
  }
}

}  // namespace
}  // namespace coop::testing
