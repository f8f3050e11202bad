#include "tools/bench/coopd_connection.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <deque>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/bench/grpc_code_name.h"

namespace coop::bench {
namespace {

constexpr char kEventType[] = "bench.v1.Appended";

void Fill(const SingleAppend& append, coop::v1::AppendRequest* request) {
  request->Clear();
  auto* stream = request->add_streams();
  stream->set_stream_id(append.stream);
  stream->mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
  stream->mutable_expected()->set_version(append.expected);
  auto* event = stream->add_events();
  event->set_event_id(append.event_id);
  event->set_type(kEventType);
  event->set_schema_version(1);
  event->set_payload(append.payload);
}

absl::Status FromGrpc(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

class Unary final : public AppendConnection {
 public:
  Unary(std::shared_ptr<grpc::Channel> channel, int timeout_ms)
      : stub_(coop::v1::EventStore::NewStub(channel)), timeout_ms_(timeout_ms) {}
  bool pipelined() const override { return false; }
  absl::Status Send(const SingleAppend& append, bool /*more_follow*/) override {
    Fill(append, &request_);
    return absl::OkStatus();
  }
  absl::Status Receive() override {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms_));
    coop::v1::AppendResponse response;
    return FromGrpc(stub_->Append(&context, request_, &response));
  }

 private:
  std::unique_ptr<coop::v1::EventStore::Stub> stub_;
  int timeout_ms_;
  coop::v1::AppendRequest request_;
};

class BareCall final : public AppendConnection {
 public:
  BareCall(std::shared_ptr<grpc::Channel> channel, int timeout_ms)
      : stub_(grpc::health::v1::Health::NewStub(channel)), timeout_ms_(timeout_ms) {}
  bool pipelined() const override { return false; }
  absl::Status Send(const SingleAppend& /*append*/, bool /*more_follow*/) override {
    return absl::OkStatus();
  }
  absl::Status Receive() override {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms_));
    grpc::health::v1::HealthCheckResponse response;
    return FromGrpc(stub_->Check(&context, grpc::health::v1::HealthCheckRequest(), &response));
  }

 private:
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
  int timeout_ms_;
};

class Session final : public AppendConnection {
 public:
  Session(std::shared_ptr<grpc::Channel> channel, int appends_per_message)
      : stub_(coop::v1::EventStore::NewStub(channel)),
        call_(stub_->AppendSession(&context_)),
        appends_per_message_(appends_per_message) {}
  ~Session() override {
    if (!closed_) context_.TryCancel();
    if (!closed_) call_->Finish().ok();
  }
  bool pipelined() const override { return true; }
  absl::Status Send(const SingleAppend& append, bool more_follow) override {
    if (appends_per_message_ > 1) {
      if (pending_.appends_size() == 0) pending_.set_sequence(sent_ + 1);
      Fill(append, pending_.add_appends());
      ++sent_;
      if (more_follow && pending_.appends_size() < appends_per_message_) return absl::OkStatus();
      return WritePending();
    }
    coop::v1::AppendSessionRequest request;
    request.set_sequence(++sent_);
    Fill(append, request.mutable_append());
    grpc::WriteOptions options;
    if (more_follow) options.set_buffer_hint();
    if (!call_->Write(request, options)) return Ended("Write");
    return absl::OkStatus();
  }
  absl::Status Receive() override {
    if (acks_.empty()) {
      coop::v1::AppendSessionResponse message;
      if (!call_->Read(&message)) return Ended("Read");
      auto following = std::move(*message.mutable_following());
      message.clear_following();
      acks_.push_back(std::move(message));
      for (auto& ack : following) acks_.push_back(std::move(ack));
    }
    coop::v1::AppendSessionResponse ack = std::move(acks_.front());
    acks_.pop_front();
    if (ack.sequence() != ++received_) {
      return absl::InternalError(absl::StrCat("acknowledgement ", ack.sequence(), " arrived where ",
                                              received_, " was due"));
    }
    if (ack.has_failed()) {
      return absl::Status(static_cast<absl::StatusCode>(ack.failed().code()),
                          ack.failed().message());
    }
    return absl::OkStatus();
  }
  void Flush() override {
    if (pending_.appends_size() > 0) WritePending().IgnoreError();  // Receive reports a loss
    if (!writes_done_) call_->WritesDone();  // the half-close sends what was held back
    writes_done_ = true;
  }
  absl::Status Close() override {
    Flush();
    closed_ = true;
    return FromGrpc(call_->Finish());
  }

 private:
  absl::Status WritePending() {
    const bool written = call_->Write(pending_);
    pending_.Clear();
    return written ? absl::OkStatus() : Ended("Write");
  }
  absl::Status Ended(const char* what) {
    closed_ = true;
    grpc::Status status = call_->Finish();
    return absl::UnavailableError(absl::StrCat("AppendSession ", what,
                                               " failed: ", GrpcCodeName(status.error_code()), " ",
                                               status.error_message()));
  }

  std::unique_ptr<coop::v1::EventStore::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<
      grpc::ClientReaderWriter<coop::v1::AppendSessionRequest, coop::v1::AppendSessionResponse>>
      call_;
  const int appends_per_message_;
  coop::v1::AppendSessionRequest pending_;            // appends held for the next message
  std::deque<coop::v1::AppendSessionResponse> acks_;  // received, not yet taken
  uint64_t sent_ = 0;
  uint64_t received_ = 0;
  bool writes_done_ = false;
  bool closed_ = false;
};

}  // namespace

std::unique_ptr<AppendConnection> CoopdBareCallConnection(std::shared_ptr<grpc::Channel> channel,
                                                          int timeout_ms) {
  return std::make_unique<BareCall>(std::move(channel), timeout_ms);
}

std::unique_ptr<AppendConnection> CoopdUnaryConnection(std::shared_ptr<grpc::Channel> channel,
                                                       int timeout_ms) {
  return std::make_unique<Unary>(std::move(channel), timeout_ms);
}

std::unique_ptr<AppendConnection> CoopdSessionConnection(std::shared_ptr<grpc::Channel> channel,
                                                         int appends_per_message) {
  return std::make_unique<Session>(std::move(channel), appends_per_message);
}

}  // namespace coop::bench
