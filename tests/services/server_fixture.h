// A real coopd server, in-process, on an ephemeral port with its own temporary data folder,
// and a real gRPC client stub connected to it. One per test.
#ifndef COOPLEDGER_TESTS_SERVICES_SERVER_FIXTURE_H_
#define COOPLEDGER_TESTS_SERVICES_SERVER_FIXTURE_H_

#include <gtest/gtest.h>

#include "base/uuid.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/registry.pb.h"
#include "services/server.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_support.h"

namespace coop::testing {

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(); }

  void StartServer() {
    services::ServerOptions options;
    options.data_dir = dir_.Sub("store");
    options.listen = "127.0.0.1:0";
    Configure(options);
    auto server = services::CoopServer::Start(options);
    ASSERT_OK(server);
    server_ = std::move(*server);
    channel_ = TestChannel(server_->address());
    stub_ = coop::v1::EventStore::NewStub(channel_);
  }

  // Lets a test change the server's options before it starts.
  virtual void Configure(services::ServerOptions& /*options*/) {}

  std::unique_ptr<grpc::ClientContext> Context(int timeout_ms = 10'000) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
    return context;
  }

  // A command header with a fresh command id (unless one is given).
  static coop::v1::CommandHeader Header(const std::string& occurred_on = "2025-01-10",
                                        std::string command_id = base::NewRandomUuid()) {
    coop::v1::CommandHeader header;
    header.set_command_id(std::move(command_id));
    header.set_occurred_on(occurred_on);
    return header;
  }

  grpc::Status Append(const coop::v1::AppendRequest& request,
                      coop::v1::AppendResponse* response = nullptr) {
    coop::v1::AppendResponse ignored;
    return stub_->Append(Context().get(), request, response ? response : &ignored);
  }

  std::vector<coop::v1::RecordedEvent> ReadAll(coop::v1::ReadAllRequest request = {}) {
    auto context = Context();
    auto reader = stub_->ReadAll(context.get(), request);
    std::vector<coop::v1::RecordedEvent> events;
    coop::v1::ReadResponse message;
    while (reader->Read(&message)) {
      if (message.has_event()) events.push_back(message.event());
    }
    auto status = reader->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return events;
  }

  // The events of one stream, in order (from the whole log: for the small logs of tests).
  std::vector<coop::v1::RecordedEvent> StreamOf(const std::string& stream_id) {
    std::vector<coop::v1::RecordedEvent> events;
    for (auto& event : ReadAll()) {
      if (event.stream_id() == stream_id) events.push_back(std::move(event));
    }
    return events;
  }

  TempDir dir_;
  std::unique_ptr<services::CoopServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<coop::v1::EventStore::Stub> stub_;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SERVICES_SERVER_FIXTURE_H_
