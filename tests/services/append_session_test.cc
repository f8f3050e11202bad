// coop.v1.EventStore/AppendSession on a real server over a real port: pipelined appends are
// acknowledged one by one, in order, each with its own outcome, under the same rules as a
// unary Append; they share group commits; and the server reads no further ahead than its bound.
#include "services/append_session.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "services/call_gate.h"
#include "services/event_store_service.h"
#include "tests/services/server_fixture.h"
#include "tests/support/event_builders.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_support.h"
#include "tests/support/writer_gate.h"

namespace coop::services {
namespace {

using coop::v1::AppendSessionRequest;
using coop::v1::AppendSessionResponse;

AppendSessionRequest SessionAppend(uint64_t sequence, const std::string& stream, uint64_t expected,
                                   const std::string& type = "test.v1.Noted") {
  AppendSessionRequest request;
  request.set_sequence(sequence);
  auto* s = request.mutable_append()->add_streams();
  s->set_stream_id(stream);
  s->mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
  s->mutable_expected()->set_version(expected);
  auto* event = s->add_events();
  event->set_event_id(base::NewRandomUuid());
  event->set_type(type);
  event->set_schema_version(1);
  event->set_payload(absl::StrCat("payload ", sequence));
  return request;
}

class AppendSessionTest : public coop::testing::ServerFixture {};

TEST_F(AppendSessionTest, AcknowledgesEachAppendInOrderWithItsOwnOutcome) {
  auto context = Context();
  auto session = stub_->AppendSession(context.get());
  // All six are sent before any acknowledgement is read; the second chains on the first.
  std::vector<AppendSessionRequest> requests = {
      SessionAppend(11, "notes-a", 0),
      SessionAppend(12, "notes-a", 1),
      SessionAppend(13, "notes-a", 1),  // the version 1 it expects is gone: ABORTED
      SessionAppend(14, "coop-8f14e45f-ceea-467a-9b2f-7a1b3c5d6e7f", 0),  // a domain stream
      SessionAppend(15, "notes-b", 0, ""),                                // no event type
      SessionAppend(16, "notes-b", 0),
  };
  for (const auto& request : requests) ASSERT_TRUE(session->Write(request));
  ASSERT_TRUE(session->WritesDone());

  std::vector<AppendSessionResponse> acks;
  AppendSessionResponse ack;
  while (session->Read(&ack)) acks.push_back(ack);
  const grpc::Status status = session->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(acks.size(), 6u);
  for (size_t i = 0; i < acks.size(); ++i) EXPECT_EQ(acks[i].sequence(), 11 + i);

  ASSERT_TRUE(acks[0].has_appended());
  EXPECT_EQ(acks[0].appended().streams(0).last_version(), 1u);
  ASSERT_TRUE(acks[1].has_appended());
  EXPECT_EQ(acks[1].appended().streams(0).last_version(), 2u);
  EXPECT_EQ(acks[1].appended().first_position(), acks[0].appended().last_position() + 1);
  ASSERT_TRUE(acks[2].has_failed());
  EXPECT_EQ(acks[2].failed().code(), grpc::StatusCode::ABORTED) << acks[2].failed().message();
  ASSERT_TRUE(acks[3].has_failed());
  EXPECT_EQ(acks[3].failed().code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(acks[3].failed().message().find("command services"), std::string::npos)
      << acks[3].failed().message();
  ASSERT_TRUE(acks[4].has_failed());
  EXPECT_EQ(acks[4].failed().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(acks[4].failed().message().find("type"), std::string::npos)
      << acks[4].failed().message();
  ASSERT_TRUE(acks[5].has_appended());

  // Exactly the three that succeeded are in the log, stamped with who appended.
  const auto events = ReadAll();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].payload(), "payload 11");
  EXPECT_EQ(events[1].payload(), "payload 12");
  EXPECT_EQ(events[2].payload(), "payload 16");
  for (const auto& event : events) EXPECT_FALSE(event.metadata().principal().empty());

  // The log's write counters say what the store did: three events committed, one append
  // refused when staged (the conflict; the other two never reached the store), and every
  // commit synced.
  coop::v1::LogInfo info;
  ASSERT_TRUE(stub_->GetLogInfo(Context().get(), {}, &info).ok());
  EXPECT_EQ(info.writes().events_committed(), 3u);
  EXPECT_EQ(info.writes().appends_committed(), 3u);
  EXPECT_EQ(info.writes().appends_rejected(), 1u);
  EXPECT_GE(info.writes().commits(), 1u);
  EXPECT_GE(info.writes().wal_syncs(), info.writes().commits());
}

TEST_F(AppendSessionTest, AppendsChainedOnOneStreamAllSucceedWhileOthersCommit) {
  // Each append expects the version the one before it creates; they commit in group commits
  // while later ones are still being read, so any reordering on the way to the store would
  // make one fail with ABORTED.
  constexpr int kAppends = 3000;
  auto context = Context(60'000);
  auto session = stub_->AppendSession(context.get());
  std::thread writer([&] {
    for (int i = 0; i < kAppends; ++i) {
      if (!session->Write(SessionAppend(i + 1, "chain-1", static_cast<uint64_t>(i)))) return;
    }
    session->WritesDone();
  });
  int succeeded = 0;
  AppendSessionResponse ack;
  while (session->Read(&ack)) {
    if (ack.has_appended()) {
      ++succeeded;
    } else {
      ADD_FAILURE() << "append " << ack.sequence() << ": " << ack.failed().message();
    }
  }
  writer.join();
  EXPECT_TRUE(session->Finish().ok());
  EXPECT_EQ(succeeded, kAppends);
}

TEST_F(AppendSessionTest, AMalformedMessageEndsTheSessionAfterTheAcknowledgementsBeforeIt) {
  grpc::GenericStub stub(channel_);
  auto context = Context();
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(context.get(), "/coop.v1.EventStore/AppendSession", &cq);
  int tags[8];
  auto step = [&](void* tag) {
    void* got = nullptr;
    bool ok = false;
    EXPECT_TRUE(cq.Next(&got, &ok));
    EXPECT_EQ(got, tag);
    return ok;
  };
  call->StartCall(&tags[0]);
  ASSERT_TRUE(step(&tags[0]));
  const std::string good = SessionAppend(1, "notes-a", 0).SerializeAsString();
  grpc::Slice good_slice(good);
  grpc::ByteBuffer good_buffer(&good_slice, 1);
  call->Write(good_buffer, &tags[1]);
  ASSERT_TRUE(step(&tags[1]));
  grpc::Slice bad_slice(std::string("\x0a\x7f\x01"));  // a length past the end of the bytes
  grpc::ByteBuffer bad_buffer(&bad_slice, 1);
  call->Write(bad_buffer, &tags[2]);
  step(&tags[2]);
  grpc::ByteBuffer reply;
  call->Read(&reply, &tags[3]);
  ASSERT_TRUE(step(&tags[3]));
  AppendSessionResponse ack;
  grpc::ProtoBufferReader reader(&reply);
  ASSERT_TRUE(ack.ParseFromZeroCopyStream(&reader));
  EXPECT_EQ(ack.sequence(), 1u);
  EXPECT_TRUE(ack.has_appended());
  call->Read(&reply, &tags[4]);
  EXPECT_FALSE(step(&tags[4]));  // no more acknowledgements
  grpc::Status status;
  call->Finish(&status, &tags[5]);
  step(&tags[5]);
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("AppendSessionRequest"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(ReadAll().size(), 1u);
}

// Reads every acknowledgement of a session to its end, each `following` one in its place;
// `messages` counts the response messages they came in.
std::vector<AppendSessionResponse> ReadAcknowledgements(
    grpc::ClientReaderWriter<AppendSessionRequest, AppendSessionResponse>* session, int* messages) {
  std::vector<AppendSessionResponse> acks;
  AppendSessionResponse message;
  *messages = 0;
  while (session->Read(&message)) {
    ++*messages;
    auto following = std::move(*message.mutable_following());
    message.clear_following();
    acks.push_back(std::move(message));
    for (auto& ack : following) {
      EXPECT_EQ(ack.following_size(), 0);
      acks.push_back(std::move(ack));
    }
  }
  return acks;
}

TEST_F(AppendSessionTest, SeveralAppendsInOneMessageAreEachAcknowledgedInOrderWithTheirOwnOutcome) {
  // One message of five: the second chains on the first, the third conflicts, the fourth has
  // no type, the fifth chains on the second.
  AppendSessionRequest request;
  request.set_sequence(21);
  for (const auto& one : {SessionAppend(0, "notes-a", 0), SessionAppend(0, "notes-a", 1),
                          SessionAppend(0, "notes-a", 7), SessionAppend(0, "notes-b", 0, ""),
                          SessionAppend(0, "notes-a", 2)}) {
    *request.add_appends() = one.append();
  }
  auto context = Context();
  auto session = stub_->AppendSession(context.get());
  ASSERT_TRUE(session->Write(request));
  ASSERT_TRUE(session->WritesDone());
  int messages = 0;
  const auto acks = ReadAcknowledgements(session.get(), &messages);
  const grpc::Status status = session->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(acks.size(), 5u);
  for (size_t i = 0; i < acks.size(); ++i) EXPECT_EQ(acks[i].sequence(), 21 + i);
  ASSERT_TRUE(acks[0].has_appended());
  ASSERT_TRUE(acks[1].has_appended());
  EXPECT_EQ(acks[1].appended().streams(0).last_version(), 2u);
  ASSERT_TRUE(acks[2].has_failed());
  EXPECT_EQ(acks[2].failed().code(), grpc::StatusCode::ABORTED) << acks[2].failed().message();
  ASSERT_TRUE(acks[3].has_failed());
  EXPECT_EQ(acks[3].failed().code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(acks[4].has_appended());
  EXPECT_EQ(acks[4].appended().streams(0).last_version(), 3u);
  const auto events = ReadAll();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].stream_version(), 3u);
}

TEST_F(AppendSessionTest, AcknowledgementsReadyTogetherComeTogetherToAClientThatSendsSeveral) {
  constexpr int kAppends = 200;
  AppendSessionRequest request;
  request.set_sequence(1);
  for (int i = 0; i < kAppends; ++i) {
    *request.add_appends() = SessionAppend(0, "chain-1", static_cast<uint64_t>(i)).append();
  }
  auto context = Context(60'000);
  auto session = stub_->AppendSession(context.get());
  ASSERT_TRUE(session->Write(request));
  ASSERT_TRUE(session->WritesDone());
  int messages = 0;
  const auto acks = ReadAcknowledgements(session.get(), &messages);
  ASSERT_TRUE(session->Finish().ok());
  ASSERT_EQ(acks.size(), static_cast<size_t>(kAppends));
  for (int i = 0; i < kAppends; ++i) {
    EXPECT_EQ(acks[i].sequence(), static_cast<uint64_t>(i + 1));
    EXPECT_TRUE(acks[i].has_appended()) << acks[i].failed().message();
  }
  // They commit in few group commits, and a write takes every acknowledgement ready with it
  // (how many messages depends on the timing; one per append would mean no gathering).
  EXPECT_LT(messages, kAppends) << "acknowledgements gathered into " << messages << " messages";
}

TEST_F(AppendSessionTest, AMessageWithBothFormsOrTooManyAppendsEndsTheSessionNamingTheField) {
  for (const int extra : {0, 1}) {
    AppendSessionRequest request = SessionAppend(1, "notes-a", 0);
    const int count = extra == 0 ? 1 : static_cast<int>(kMaxAppendsPerMessage) + 1;
    if (extra == 1) request.clear_append();
    for (int i = 0; i < count; ++i) {
      *request.add_appends() = SessionAppend(0, absl::StrCat("notes-", extra, "-", i), 0).append();
    }
    auto context = Context();
    auto session = stub_->AppendSession(context.get());
    session->Write(request);
    session->WritesDone();
    int messages = 0;
    EXPECT_TRUE(ReadAcknowledgements(session.get(), &messages).empty());
    const grpc::Status status = session->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_NE(status.error_message().find("appends:"), std::string::npos) << status.error_message();
  }
  EXPECT_TRUE(ReadAll().empty()) << "nothing of either message was appended";
}

// The service over a store whose writer a test holds, so that appends pile up.
class HeldWriterSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    eventstore::RocksOptions rocks;
    rocks.before_batch_hook = gate_.Hook();
    auto store = eventstore::RocksEventStore::Open(dir_.Sub("store"), {}, rocks);
    ASSERT_OK(store);
    store_ = std::move(*store);
    auto call_gate = CallGate::Open({});
    ASSERT_OK(call_gate);
    call_gate_ = std::move(*call_gate);
    service_ = std::make_unique<EventStoreService>(store_.get(), call_gate_.get());
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ =
        coop::v1::EventStore::NewStub(coop::testing::TestChannel(absl::StrCat("127.0.0.1:", port)));
  }
  void TearDown() override {
    ReleaseWriter();
    service_->Shutdown();
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    store_->Close();
  }

  void ReleaseWriter() {
    if (!released_) gate_.Release();
    released_ = true;
  }

  coop::testing::TempDir dir_;
  coop::testing::WriterGate gate_;
  bool released_ = false;
  std::unique_ptr<eventstore::RocksEventStore> store_;
  std::unique_ptr<CallGate> call_gate_;
  std::unique_ptr<EventStoreService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<coop::v1::EventStore::Stub> stub_;
};

TEST_F(HeldWriterSessionTest, ReadsNoFurtherAheadThanItsBoundThenDrainsInOrder) {
  constexpr int kSent = 1000;
  const size_t bound = AppendSessionReactor::Bounds{}.max_in_flight;
  grpc::ClientContext context;
  auto session = stub_->AppendSession(&context);
  std::thread writer([&] {
    for (int i = 1; i <= kSent; ++i) {
      if (!session->Write(SessionAppend(i, absl::StrCat("notes-", i % 7), 0, "test.v1.Noted"))) {
        return;
      }
    }
    session->WritesDone();
  });
  gate_.WaitUntilHeld();
  // With the writer held nothing commits, so the server reads up to its bound and stops; the
  // client's writes wait on HTTP/2 flow control. Wait until the queue stops growing.
  uint64_t queued = 0;
  for (int stable = 0; stable < 10;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const uint64_t now = store_->writer_stats().queued_appends;
    stable = now == queued ? stable + 1 : 0;
    queued = now;
  }
  EXPECT_EQ(queued, bound) << "appends read while none could be acknowledged";

  ReleaseWriter();
  // Each of the seven streams gets its first append; every later one to it conflicts (each
  // expects version 0), in the order sent.
  int appended = 0;
  AppendSessionResponse ack;
  for (uint64_t expected = 1; session->Read(&ack); ++expected) {
    ASSERT_EQ(ack.sequence(), expected);
    if (ack.has_appended()) {
      ++appended;
      EXPECT_LE(expected, 7u);
    } else {
      EXPECT_EQ(ack.failed().code(), grpc::StatusCode::ABORTED);
    }
  }
  writer.join();
  EXPECT_TRUE(session->Finish().ok());
  EXPECT_EQ(appended, 7);
  const auto stats = store_->writer_stats();
  EXPECT_EQ(stats.appends_committed + stats.appends_rejected, static_cast<uint64_t>(kSent));
  EXPECT_LT(stats.batches, 100u) << "pipelined appends share group commits";
}

}  // namespace
TEST_F(HeldWriterSessionTest, AMessageOfAcknowledgementsStopsAtAboutAMegabyte) {
  // 60 appends of 100 streams with long names: each acknowledgement names its 100 streams
  // (about 20 KB), 60 of them about 1.2 MB. The writer is held until all are queued, so they
  // commit together and their acknowledgements are ready together.
  constexpr int kAppends = 60;
  AppendSessionRequest request;
  request.set_sequence(1);
  for (int i = 0; i < kAppends; ++i) {
    auto* append = request.add_appends();
    for (int j = 0; j < 100; ++j) {
      coop::testing::AddStream(append,
                               absl::StrCat("notes-", i, "-", j, "-", std::string(180, 'n')),
                               coop::testing::Any());
    }
  }
  grpc::ClientContext context;
  auto session = stub_->AppendSession(&context);
  ASSERT_TRUE(session->Write(request));
  ASSERT_TRUE(session->WritesDone());
  gate_.WaitUntilHeld();
  for (int waited = 0; store_->writer_stats().queued_appends < kAppends && waited < 500; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(store_->writer_stats().queued_appends, static_cast<uint64_t>(kAppends));
  ReleaseWriter();

  size_t acknowledged = 0, largest = 0, one = 0;
  bool gathered = false;
  AppendSessionResponse message;
  while (session->Read(&message)) {
    largest = std::max(largest, message.ByteSizeLong());
    gathered = gathered || message.following_size() > 0;
    acknowledged += 1 + message.following_size();
    message.clear_following();
    one = std::max(one, message.ByteSizeLong());
    EXPECT_TRUE(message.has_appended()) << message.failed().message();
  }
  ASSERT_TRUE(session->Finish().ok());
  EXPECT_EQ(acknowledged, static_cast<size_t>(kAppends));
  EXPECT_TRUE(gathered);
  static_assert(kMaxAcknowledgementBytes == 1 << 20);
  EXPECT_LE(largest, (1u << 20) + one)
      << largest << " bytes; one acknowledgement " << one << ": "
      << "a message stops once it reaches the limit, with at most one acknowledgement over it";
}

}  // namespace coop::services
