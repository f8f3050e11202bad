// EventStoreService: coop.v1.EventStore over gRPC's callback API.
//
// Handlers never block a gRPC thread on the writer: Append hands the request to the store's
// writer, which finishes the call after the group commit. Reads and subscriptions read
// RocksDB a page at a time and send one message at a time. VerifyLog, which reads the whole
// log, runs on a thread of its own, one at a time.
//
// Every call is admitted by the CallGate first: reads need kReadEvents, VerifyLog
// kVerifyLog, Append and AppendSession kAppendRaw, and neither touches a domain stream
// (services/raw_append.h). AppendSession pipelines appends on one call
// (services/append_session.h).
//
// Thread-safety: thread-safe; gRPC calls it from many threads. Shutdown() must come before
// the grpc::Server is shut down.
#ifndef COOPLEDGER_SERVICES_EVENT_STORE_SERVICE_H_
#define COOPLEDGER_SERVICES_EVENT_STORE_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "coop/v1/eventstore.grpc.pb.h"
#include "eventstore/event_store.h"
#include "services/append_session.h"
#include "services/call_gate.h"
#include "services/parsed_request.h"
#include "services/subscription.h"

namespace coop::services {

class EventStoreService final : public ParsesItsRequests<coop::v1::EventStore> {
 public:
  // Not owned; both must outlive the service.
  EventStoreService(eventstore::EventStore* store, const CallGate* gate);
  ~EventStoreService() override;

  // Ends every subscription (UNAVAILABLE) and waits for running verifications.
  void Shutdown();

  grpc::ServerUnaryReactor* Append(grpc::CallbackServerContext* context,
                                   const coop::v1::AppendRequest* request,
                                   coop::v1::AppendResponse* response) override;
  // AppendSession, registered in the constructor in place of the generated override (which
  // gRPC then never calls): the reactor reads its requests as this server parses them.
  grpc::ServerBidiReactor<AppendSessionRead, coop::v1::AppendSessionResponse>* OpenAppendSession(
      grpc::CallbackServerContext* context);
  grpc::ServerWriteReactor<coop::v1::ReadResponse>* ReadStream(
      grpc::CallbackServerContext* context, const coop::v1::ReadStreamRequest* request) override;
  grpc::ServerWriteReactor<coop::v1::ReadResponse>* ReadAll(
      grpc::CallbackServerContext* context, const coop::v1::ReadAllRequest* request) override;
  grpc::ServerWriteReactor<coop::v1::SubscribeResponse>* Subscribe(
      grpc::CallbackServerContext* context, const coop::v1::SubscribeRequest* request) override;
  grpc::ServerUnaryReactor* GetStreamInfo(grpc::CallbackServerContext* context,
                                          const coop::v1::GetStreamInfoRequest* request,
                                          coop::v1::StreamInfo* response) override;
  grpc::ServerUnaryReactor* GetLogInfo(grpc::CallbackServerContext* context,
                                       const coop::v1::GetLogInfoRequest* request,
                                       coop::v1::LogInfo* response) override;
  grpc::ServerUnaryReactor* VerifyLog(grpc::CallbackServerContext* context,
                                      const coop::v1::VerifyLogRequest* request,
                                      coop::v1::VerifyLogResponse* response) override;

  const SubscriptionRegistry& subscriptions() const { return subscriptions_; }

 private:
  eventstore::EventStore* const store_;
  const CallGate* const gate_;
  SubscriptionRegistry subscriptions_;
  std::atomic<bool> stopping_{false};
  absl::Mutex mu_;
  // Running and finished verifications; finished ones are joined when the next one starts.
  struct Verifier {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Verifier> verifiers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_EVENT_STORE_SERVICE_H_
