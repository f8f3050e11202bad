#include "tools/bench/append_worker.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tools/bench/grpc_code_name.h"

namespace coop::bench {
namespace {

constexpr char kEventType[] = "bench.v1.Appended";

// Failures after which the append certainly did not happen, so the local version stands.
bool CertainlyNotApplied(grpc::StatusCode code) {
  return code == grpc::StatusCode::INVALID_ARGUMENT ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED || code == grpc::StatusCode::UNIMPLEMENTED ||
         code == grpc::StatusCode::UNAUTHENTICATED || code == grpc::StatusCode::PERMISSION_DENIED;
}

}  // namespace

AppendWorker::AppendWorker(WorkerConfig config, std::shared_ptr<grpc::Channel> channel,
                           const MeasureWindow* window)
    : config_(std::move(config)), stub_(coop::v1::EventStore::NewStub(channel)), window_(window) {
  const uint64_t owned = (config_.streams - config_.index + config_.clients - 1) / config_.clients;
  versions_.assign(owned, 0);  // a new run id: every stream starts out absent
  auto* stream = request_.add_streams();
  stream->mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
  for (int i = 0; i < config_.batch; ++i) {
    auto* event = stream->add_events();
    event->set_type(kEventType);
    event->set_schema_version(1);
  }
}

std::string AppendWorker::StreamId(size_t local) const {
  const uint64_t n = static_cast<uint64_t>(config_.index) + local * config_.clients;
  return absl::StrCat("bench-", config_.run_id, "-", n);
}

void AppendWorker::PrepareRequest(size_t local) {
  auto* stream = request_.mutable_streams(0);
  stream->set_stream_id(StreamId(local));
  stream->mutable_expected()->set_version(static_cast<uint64_t>(versions_[local]));
  for (auto& event : *stream->mutable_events()) {
    FillUuidV4(rng_, event.mutable_event_id());
    std::string* payload = event.mutable_payload();
    payload->resize(rng_.Between(config_.payload_min, config_.payload_max));
    rng_.Fill(payload->data(), payload->size());
  }
}

void AppendWorker::SetDeadline(grpc::ClientContext* context) const {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(config_.timeout_ms));
}

bool AppendWorker::Resync(size_t local) {
  grpc::ClientContext context;
  SetDeadline(&context);
  coop::v1::GetStreamInfoRequest request;
  request.set_stream_id(StreamId(local));
  coop::v1::StreamInfo info;
  grpc::Status status = stub_->GetStreamInfo(&context, request, &info);
  if (status.ok()) {
    versions_[local] = static_cast<int64_t>(info.version());
    return true;
  }
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    versions_[local] = 0;
    return true;
  }
  stats_.AddError(absl::StrCat("GetStreamInfo ", GrpcCodeName(status.error_code())),
                  status.error_message());
  return false;
}

void AppendWorker::Run() {
  using Clock = MeasureWindow::Clock;
  const auto backoff = std::chrono::milliseconds(20);
  while (!window_->stopped()) {
    const size_t local = rng_.Below(versions_.size());
    if (versions_[local] < 0 && !Resync(local)) {
      std::this_thread::sleep_for(backoff);
      continue;
    }
    PrepareRequest(local);
    const uint64_t expected = static_cast<uint64_t>(versions_[local]);

    grpc::ClientContext context;
    SetDeadline(&context);
    const Clock::time_point t0 = Clock::now();
    grpc::Status status = stub_->Append(&context, request_, &response_);
    const Clock::time_point t1 = Clock::now();

    if (!status.ok()) {
      stats_.AddError(absl::StrCat("Append ", GrpcCodeName(status.error_code())),
                      status.error_message());
      if (!CertainlyNotApplied(status.error_code())) versions_[local] = -1;
      if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
        std::this_thread::sleep_for(backoff);
      }
      continue;
    }
    const uint64_t want = expected + static_cast<uint64_t>(config_.batch);
    if (response_.duplicate() || response_.streams_size() != 1 ||
        response_.streams(0).last_version() != want ||
        response_.last_position() - response_.first_position() + 1 !=
            static_cast<uint64_t>(config_.batch)) {
      stats_.AddError("Append unexpected response", response_.ShortDebugString());
      versions_[local] = -1;
      continue;
    }
    versions_[local] = static_cast<int64_t>(want);
    if (window_->InWindow(t1)) {
      ++stats_.ops;
      stats_.events += static_cast<uint64_t>(config_.batch);
      stats_.latency.Record(static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
    }
  }
}

}  // namespace coop::bench
