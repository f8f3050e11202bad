#include "services/corrections_service.h"

#include <utility>

#include "services/command_call.h"
#include "services/grpc_status.h"
#include "services/view_wait.h"

namespace coop::services {

grpc::ServerUnaryReactor* CorrectionsService::Run(grpc::CallbackServerContext* context,
                                                  const google::protobuf::Message& request,
                                                  const coop::v1::CommandHeader& header,
                                                  const std::string& stream_id,
                                                  commands::Correction correction,
                                                  coop::v1::CommandReply* reply) {
  auto* reactor = context->DefaultReactor();
  auto input = AdmitCommand(gate_, context, request, header, "stream_id", stream_id);
  if (!input.ok()) {
    reactor->Finish(ToGrpcStatus(input.status()));
    return reactor;
  }
  input->stream_id = stream_id;
  const bool posted = workers_->Post(
      [this, reactor, reply, input = *std::move(input), correction = std::move(correction)] {
        auto result = executor_.Execute(input, correction);
        if (result.ok()) *reply = *std::move(result);
        reactor->Finish(ToGrpcStatus(result.status()));
      });
  if (!posted) reactor->Finish(ToGrpcStatus(ServerStoppingError()));
  return reactor;
}

grpc::ServerUnaryReactor* CorrectionsService::VoidEvent(grpc::CallbackServerContext* context,
                                                        const coop::v1::VoidEventRequest* request,
                                                        coop::v1::CommandReply* reply) {
  auto checked = CheckedRequest(*request);
  if (!checked.ok()) return RefuseCommand(gate_, context, checked.status());
  return Run(context, *checked, checked->header(), checked->stream_id(),
             commands::Correction{checked->event_id(), checked->reason(), false, "", ""}, reply);
}

grpc::ServerUnaryReactor* CorrectionsService::AmendEvent(grpc::CallbackServerContext* context,
                                                         const coop::v1::AmendEventRequest* request,
                                                         coop::v1::CommandReply* reply) {
  auto checked = CheckedRequest(*request);
  if (!checked.ok()) return RefuseCommand(gate_, context, checked.status());
  return Run(context, *checked, checked->header(), checked->stream_id(),
             commands::Correction{checked->event_id(), checked->reason(), true,
                                  checked->replacement(), checked->replacement_type()},
             reply);
}

}  // namespace coop::services
