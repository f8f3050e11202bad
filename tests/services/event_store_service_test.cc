// coop.v1.EventStore over a real gRPC server on an ephemeral port: every RPC and every error
// code a client can meet.
// Raw appends name streams outside the domain's categories (ledger-…, notes-…): the edge
// refuses a raw append to a domain stream such as coop-… for every principal
// (services/domain_stream_guard.h), so these tests no longer use coop-/group- names.
#include "services/event_store_service.h"

#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "eventstore/store_factory.h"
#include "tests/services/server_fixture.h"
#include "tests/support/event_builders.h"

namespace coop::testing {
namespace {

class EventStoreServiceTest : public ServerFixture {};

TEST_F(EventStoreServiceTest, ServerReportsServingOnTheHealthService) {
  auto health = CheckHealth(channel_);
  ASSERT_OK(health);
  EXPECT_EQ(*health, Health::kServing);
}

TEST_F(EventStoreServiceTest, AppendThenReadStreamBothWays) {
  coop::v1::AppendResponse response;
  ASSERT_TRUE(Append(AppendTo("ledger-1", NoStream(), 5), &response).ok());
  EXPECT_EQ(response.first_position(), 1u);
  EXPECT_EQ(response.last_position(), 5u);
  EXPECT_EQ(response.streams(0).last_version(), 5u);

  coop::v1::ReadStreamRequest request;
  request.set_stream_id("ledger-1");
  request.set_direction(coop::v1::BACKWARDS);
  request.set_max_count(3);
  auto context = Context();
  auto reader = stub_->ReadStream(context.get(), request);
  std::vector<uint64_t> versions;
  coop::v1::ReadResponse message;
  while (reader->Read(&message)) versions.push_back(message.event().stream_version());
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(versions, (std::vector<uint64_t>{5, 4, 3}));
}

TEST_F(EventStoreServiceTest, ReadStreamPagesThroughALongStream) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Append(AppendTo("long-1", Any(), 400)).ok());
  coop::v1::ReadStreamRequest request;
  request.set_stream_id("long-1");
  request.set_from_version(100);
  auto context = Context();
  auto reader = stub_->ReadStream(context.get(), request);
  uint64_t expected = 100;
  coop::v1::ReadResponse message;
  while (reader->Read(&message)) EXPECT_EQ(message.event().stream_version(), expected++);
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(expected, 1201u);
}

TEST_F(EventStoreServiceTest, ReadAllWithFilterMaxCountAndTime) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any(), 3)).ok());
  ASSERT_TRUE(Append(AppendTo("notes-1", Any(), 3)).ok());
  coop::v1::ReadAllRequest request;
  request.mutable_filter()->add_stream_prefixes("notes-");
  auto events = ReadAll(request);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].position(), 4u);

  request = {};
  request.set_max_count(2);
  request.set_from_position(2);
  events = ReadAll(request);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].position(), 2u);

  request = {};
  request.set_direction(coop::v1::BACKWARDS);
  events = ReadAll(request);
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[0].position(), 6u);

  request = {};
  request.set_from_recorded_at_micros(events[0].recorded_at_micros() + 1);
  EXPECT_TRUE(ReadAll(request).empty()) << "nothing was recorded after the last event";
  request.set_from_recorded_at_micros(0);
  EXPECT_EQ(ReadAll(request).size(), 6u);
}

TEST_F(EventStoreServiceTest, ReadAllWithASparseFilterSendsCheckpoints) {
  for (int i = 0; i < 14; ++i) ASSERT_TRUE(Append(AppendTo("noise-1", Any(), 10'000)).ok());
  auto rare = AppendTo("rare-1", Any());
  rare.mutable_streams(0)->mutable_events(0)->set_type("test.v1.Rare");
  ASSERT_TRUE(Append(rare).ok());
  for (auto direction : {coop::v1::FORWARDS, coop::v1::BACKWARDS}) {
    coop::v1::ReadAllRequest request;
    request.set_direction(direction);
    request.mutable_filter()->add_event_types(direction == coop::v1::FORWARDS ? "test.v1.Rare"
                                                                              : "test.v1.None");
    auto context = Context(60'000);
    auto reader = stub_->ReadAll(context.get(), request);
    coop::v1::ReadResponse message;
    int checkpoints = 0, events = 0;
    while (reader->Read(&message)) {
      if (message.has_checkpoint()) ++checkpoints;
      if (message.has_event()) ++events;
    }
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_GE(checkpoints, 2) << direction;
    EXPECT_EQ(events, direction == coop::v1::FORWARDS ? 1 : 0);
  }
}

TEST_F(EventStoreServiceTest, ErrorCodesAreTheDocumentedOnes) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", NoStream())).ok());

  auto bad_id = AppendTo("ledger-1", Any());
  bad_id.mutable_streams(0)->mutable_events(0)->set_event_id("not-a-uuid");
  auto status = Append(bad_id);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("streams[0].events[0].event_id"), std::string::npos);

  status = Append(AppendTo("ledger-1", Exact(4)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_NE(status.error_message().find("current version 1"), std::string::npos);

  status = Append(AppendTo("ledger-2", StreamExists()));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_NE(status.error_message().find("current version 0"), std::string::npos);

  auto original = AppendTo("ledger-3", Any());
  ASSERT_TRUE(Append(original).ok());
  original.mutable_streams(0)->mutable_events(0)->set_payload("changed");
  EXPECT_EQ(Append(original).error_code(), grpc::StatusCode::ALREADY_EXISTS);

  auto big = AppendTo("ledger-4", Any());
  big.mutable_streams(0)->mutable_events(0)->set_payload(std::string((1 << 20) + 1, 'x'));
  status = Append(big);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(status.error_message().find("payload: must be at most 1048576 bytes"),
            std::string::npos)
      << "the store's own message, not gRPC's: " << status.error_message();

  coop::v1::StreamInfo info;
  EXPECT_EQ(stub_
                ->GetStreamInfo(
                    Context().get(),
                    [] {
                      coop::v1::GetStreamInfoRequest r;
                      r.set_stream_id("ledger-missing");
                      return r;
                    }(),
                    &info)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  coop::v1::ReadStreamRequest read;
  read.set_stream_id("ledger-missing");
  auto context = Context();
  auto reader = stub_->ReadStream(context.get(), read);
  coop::v1::ReadResponse message;
  EXPECT_FALSE(reader->Read(&message));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::NOT_FOUND);

  coop::v1::ReadAllRequest bad_filter;
  bad_filter.mutable_filter()->add_areas()->set_code("966");
  auto context2 = Context();
  auto reader2 = stub_->ReadAll(context2.get(), bad_filter);
  EXPECT_FALSE(reader2->Read(&message));
  EXPECT_EQ(reader2->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  coop::v1::VerifyLogRequest verify;
  verify.set_from_position(5);
  verify.set_to_position(2);
  coop::v1::VerifyLogResponse verified;
  EXPECT_EQ(stub_->VerifyLog(Context().get(), verify, &verified).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  EXPECT_EQ(server_->store().GetLogInfo().head_position(), 2u) << "failed calls wrote nothing";
}

TEST_F(EventStoreServiceTest, RetryOverTheWireReturnsTheOriginalPositions) {
  auto request = AppendTo("ledger-1", NoStream(), 2);
  coop::v1::AppendResponse first, retry;
  ASSERT_TRUE(Append(request, &first).ok());
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any())).ok());
  ASSERT_TRUE(Append(request, &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.first_position(), first.first_position());
  EXPECT_EQ(retry.last_position(), first.last_position());
}

TEST_F(EventStoreServiceTest, StreamInfoLogInfoAndVerify) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any(), 4)).ok());
  coop::v1::GetStreamInfoRequest info_request;
  info_request.set_stream_id("ledger-1");
  coop::v1::StreamInfo info;
  ASSERT_TRUE(stub_->GetStreamInfo(Context().get(), info_request, &info).ok());
  EXPECT_EQ(info.version(), 4u);
  EXPECT_EQ(info.category(), "ledger");

  coop::v1::LogInfo log;
  ASSERT_TRUE(stub_->GetLogInfo(Context().get(), {}, &log).ok());
  EXPECT_EQ(log.head_position(), 4u);
  EXPECT_EQ(log.durability(), "sync");
  EXPECT_EQ(log.chain_head().size(), 32u);

  coop::v1::VerifyLogResponse verify;
  ASSERT_TRUE(stub_->VerifyLog(Context().get(), {}, &verify).ok());
  EXPECT_TRUE(verify.ok());
  EXPECT_EQ(verify.verified_to(), 4u);
  EXPECT_EQ(verify.chain_head(), log.chain_head());
}

TEST_F(EventStoreServiceTest, ServerReflectionListsTheEventStoreService) {
  // Reflection is what lets generic tools (grpcurl, coopctl's generated commands) see the API.
  grpc::GenericStub stub(channel_);
  auto context = Context();
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      context.get(), "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  void* tag;
  bool ok;
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  // ServerReflectionRequest{list_services: "*"}: field 7, length-delimited.
  const std::string bytes = std::string("\x3a\x01*", 3);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  call->Write(request, reinterpret_cast<void*>(2));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string text;
  for (const auto& s : slices) text.append(reinterpret_cast<const char*>(s.begin()), s.size());
  EXPECT_NE(text.find("coop.v1.EventStore"), std::string::npos);
  context->TryCancel();
  grpc::Status finish_status;
  call->Finish(&finish_status, reinterpret_cast<void*>(4));
  while (cq.Next(&tag, &ok) && tag != reinterpret_cast<void*>(4)) {
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

TEST_F(EventStoreServiceTest, ShutdownTurnsHealthNotServingAndClosesTheStore) {
  ASSERT_TRUE(Append(AppendTo("ledger-1", Any())).ok());
  server_->Shutdown();
  EXPECT_FALSE(CheckHealth(channel_, 300).ok()) << "the server is gone";
  // The store closed cleanly: it opens again, with the event.
  auto reopened = eventstore::OpenEventStore(dir_.Sub("store"), {});
  ASSERT_OK(reopened);
  EXPECT_EQ((*reopened)->GetLogInfo().head_position(), 1u);
}

}  // namespace
}  // namespace coop::testing

namespace coop::testing {
namespace {

TEST_F(EventStoreServiceTest, OneVerificationRunsAtATime) {
  // A log long enough that verifying it takes a while (hundreds of milliseconds here).
  for (int i = 0; i < 20; ++i) {
    ASSERT_OK(server_->store().Append(AppendTo("long-verify", Any(), 10'000)));
  }
  coop::v1::VerifyLogResponse first_response;
  grpc::Status first;
  std::atomic<bool> first_done{false};
  std::thread running([&] {
    first = stub_->VerifyLog(Context(60'000).get(), {}, &first_response);
    first_done = true;
  });
  // Short verifications (position 1 only) until one meets the long one running or the long
  // one ends; no fixed sleep, which a loaded machine could outlast before the long one starts.
  coop::v1::VerifyLogRequest short_range;
  short_range.set_to_position(1);
  coop::v1::VerifyLogResponse second;
  grpc::Status status;
  do {
    status = stub_->VerifyLog(Context().get(), short_range, &second);
    if (status.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  } while (status.ok() && !first_done);
  running.join();
  // The two overlapped, so one of them was refused: the short one (usually) or, if a short
  // one held the slot when the long one arrived, the long one.
  const grpc::Status& refused =
      status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED ? status : first;
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << status.error_message() << " / " << first.error_message();
  EXPECT_NE(refused.error_message().find("at most 1 verification runs at a time"),
            std::string::npos);
  // Once it has finished, the next one runs.
  EXPECT_TRUE(stub_->VerifyLog(Context(60'000).get(), {}, &second).ok());
}

}  // namespace
}  // namespace coop::testing

namespace coop::testing {
namespace {

TEST_F(EventStoreServiceTest, UnknownEnumNumbersAreRefusedNamingTheField) {
  // An unknown expected-version kind used to append as ANY, with no concurrency check.
  ASSERT_TRUE(Append(AppendTo("ledger-enum", NoStream())).ok());
  auto request = AppendTo("ledger-enum", Any());
  request.mutable_streams(0)->mutable_expected()->set_kind(
      static_cast<coop::v1::ExpectedVersion::Kind>(99));
  auto status = Append(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("streams[0].expected.kind"), std::string::npos)
      << status.error_message();
  // An unknown direction used to read forwards.
  coop::v1::ReadStreamRequest read;
  read.set_stream_id("ledger-enum");
  read.set_direction(static_cast<coop::v1::Direction>(99));
  auto context = Context();
  auto reader = stub_->ReadStream(context.get(), read);
  coop::v1::ReadResponse message;
  EXPECT_FALSE(reader->Read(&message));
  status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("direction"), std::string::npos);
  coop::v1::ReadAllRequest all;
  all.set_direction(static_cast<coop::v1::Direction>(99));
  auto all_context = Context();
  auto all_reader = stub_->ReadAll(all_context.get(), all);
  EXPECT_FALSE(all_reader->Read(&message));
  EXPECT_EQ(all_reader->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(EventStoreServiceTest, VerifyingPastTheHeadIsOutOfRange) {
  ASSERT_TRUE(Append(AppendTo("ledger-verify", Any(), 3)).ok());
  coop::v1::VerifyLogRequest request;
  request.set_from_position(4);
  coop::v1::VerifyLogResponse response;
  auto status = stub_->VerifyLog(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_NE(status.error_message().find("from_position: past the log head (position 3)"),
            std::string::npos)
      << status.error_message();
  request.set_from_position(1);
  request.set_to_position(9);
  EXPECT_EQ(stub_->VerifyLog(Context().get(), request, &response).error_code(),
            grpc::StatusCode::OUT_OF_RANGE);
  request.set_to_position(3);
  EXPECT_TRUE(stub_->VerifyLog(Context().get(), request, &response).ok());
}

}  // namespace
}  // namespace coop::testing
