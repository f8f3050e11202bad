#include "services/http_json_call.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/notification.h"
#include "services/call_gate.h"
#include "services/http_status.h"

namespace coop::services {
namespace {

using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// The reads served, by service: every method of the service but those excluded.
struct ServedService {
  const char* name;
  std::vector<std::string> only;     // empty: every method
  std::vector<std::string> exclude;  // changes state: not a read
};

const ServedService kServed[] = {
    {"coop.v1.Reporting", {}, {"RebuildProjection"}},
    {"coop.v1.EventStore", {"GetLogInfo", "GetStreamInfo", "ReadStream", "ReadAll"}, {}},
};

bool Listed(const std::vector<std::string>& names, const std::string& name) {
  for (const auto& n : names) {
    if (n == name) return true;
  }
  return false;
}

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor* type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

grpc::ByteBuffer BufferOf(const Message& message) {
  grpc::Slice slice(message.SerializeAsString());
  return grpc::ByteBuffer(&slice, 1);
}

bool ParseBuffer(const grpc::ByteBuffer& buffer, Message* message) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return message->ParseFromString(bytes);
}

std::string JsonOf(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  // The generated messages of coopd's protos always convert.
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

HttpAnswer ErrorAnswer(const grpc::Status& status) {
  const int http = HttpStatusFor(status.error_code());
  return {http, HttpErrorBody(status, http), ""};
}

std::string RequestIdOf(const grpc::ClientContext& context) {
  const auto& metadata = context.GetServerInitialMetadata();
  auto it = metadata.find("x-request-id");
  return it == metadata.end() ? "" : std::string(it->second.data(), it->second.size());
}

}  // namespace

void AddIdentity(const HttpCallIdentity& identity, grpc::ClientContext* context) {
  if (!identity.authorization.empty()) {
    context->AddMetadata("authorization", identity.authorization);
  }
  if (!identity.request_id.empty()) context->AddMetadata("x-request-id", identity.request_id);
  if (!identity.relay_marker.empty()) {
    context->AddMetadata(CallGate::kRelayHeader, identity.relay_marker);
  }
}

JsonCalls::JsonCalls(std::shared_ptr<grpc::Channel> channel, absl::Duration deadline)
    : channel_(std::move(channel)), deadline_(deadline) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& served : kServed) {
    const auto* service = pool->FindServiceByName(served.name);
    if (service == nullptr) continue;  // not linked in: nothing of it is served
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor* method = service->method(i);
      if (!served.only.empty() && !Listed(served.only, method->name())) continue;
      if (Listed(served.exclude, method->name())) continue;
      if (method->client_streaming()) continue;  // no request stream over one POST
      methods_[absl::StrCat("/", service->full_name(), "/", method->name())] = method;
    }
  }
}

HttpAnswer JsonCalls::Call(const std::string& path, const std::string& body,
                           const HttpCallIdentity& identity) const {
  auto it = methods_.find(path);
  if (it == methods_.end()) {
    return {404,
            HttpErrorBody("NOT_FOUND", 404,
                          absl::StrCat("không có phương thức này / no such method: ", path)),
            ""};
  }
  const MethodDescriptor& method = *it->second;
  std::unique_ptr<Message> request = NewMessage(method.input_type());
  if (!body.empty()) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;  // a misspelt field is an error, not silence
    auto parsed = google::protobuf::util::JsonStringToMessage(body, request.get(), options);
    if (!parsed.ok()) {
      return {400,
              HttpErrorBody(
                  "INVALID_ARGUMENT", 400,
                  absl::StrCat("nội dung không phải JSON của ", method.input_type()->full_name(),
                               " / the body is not ", method.input_type()->full_name(),
                               " in JSON: ", std::string(parsed.message()))),
              ""};
    }
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  AddIdentity(identity, &context);
  HttpAnswer answer = method.server_streaming() ? CallStreaming(method, *request, &context)
                                                : CallUnary(method, *request, &context);
  answer.request_id = RequestIdOf(context);
  return answer;
}

HttpAnswer JsonCalls::CallUnary(const MethodDescriptor& method, const Message& request,
                                grpc::ClientContext* context) const {
  grpc::GenericStub stub(channel_);
  const grpc::ByteBuffer request_buffer = BufferOf(request);
  grpc::ByteBuffer reply_buffer;
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(context, absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                 grpc::StubOptions(), &request_buffer, &reply_buffer,
                 [&status, &done](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) return ErrorAnswer(status);
  std::unique_ptr<Message> reply = NewMessage(method.output_type());
  if (!ParseBuffer(reply_buffer, reply.get())) {
    return ErrorAnswer(grpc::Status(grpc::StatusCode::INTERNAL,
                                    absl::StrCat("unparsable reply of ", method.full_name())));
  }
  return {200, JsonOf(*reply), ""};
}

// A server-streaming read over the generic async API, one operation at a time on a private
// completion queue: start, the one request, half-close, every message, the status.
HttpAnswer JsonCalls::CallStreaming(const MethodDescriptor& method, const Message& request,
                                    grpc::ClientContext* context) const {
  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue queue;
  auto wait = [&queue]() {
    void* tag = nullptr;
    bool ok = false;
    return queue.Next(&tag, &ok) && ok;
  };
  auto call = stub.PrepareCall(
      context, absl::StrCat("/", method.service()->full_name(), "/", method.name()), &queue);
  call->StartCall(nullptr);
  bool ok = wait();
  const grpc::ByteBuffer request_buffer = BufferOf(request);
  if (ok) {
    call->Write(request_buffer, nullptr);
    ok = wait();
  }
  if (ok) {
    call->WritesDone(nullptr);
    ok = wait();
  }
  std::vector<std::string> messages;
  grpc::ByteBuffer buffer;
  std::unique_ptr<Message> reply = NewMessage(method.output_type());
  bool unparsable = false;
  while (ok) {
    call->Read(&buffer, nullptr);
    if (!wait()) break;
    reply->Clear();
    if (!ParseBuffer(buffer, reply.get())) {
      unparsable = true;
      context->TryCancel();
      break;
    }
    messages.push_back(JsonOf(*reply));
  }
  grpc::Status status;
  call->Finish(&status, nullptr);
  wait();
  queue.Shutdown();
  void* tag = nullptr;
  bool drained_ok = false;
  while (queue.Next(&tag, &drained_ok)) {
  }
  if (unparsable) {
    return ErrorAnswer(grpc::Status(grpc::StatusCode::INTERNAL,
                                    absl::StrCat("unparsable reply of ", method.full_name())));
  }
  if (!status.ok()) return ErrorAnswer(status);
  return {200, absl::StrCat("{\"responses\":[", absl::StrJoin(messages, ","), "]}"), ""};
}

}  // namespace coop::services
