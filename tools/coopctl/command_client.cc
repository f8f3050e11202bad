#include "tools/coopctl/command_client.h"

#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "tools/coopctl/connection.h"

namespace coop::coopctl {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::vector<OptionSpec> CallerOptionSpecs() {
  return {{"actor", true, false, ""}, {"agency", true, false, ""}};
}

Caller CallerFrom(const ParsedArgs& args) {
  auto from = [&](const char* option, const char* env) -> std::string {
    if (auto value = args.Get(option)) return *value;
    const char* value = std::getenv(env);
    return value == nullptr ? "" : value;
  };
  return {from("actor", "COOP_ACTOR"), from("agency", "COOP_AGENCY")};
}

std::unique_ptr<Message> NewRequest(const CommandRpc& rpc) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(rpc.method->input_type());
  return std::unique_ptr<Message>(prototype->New());
}

bool FillCommandId(Message* request, const std::string& command_id) {
  const FieldDescriptor* header = request->GetDescriptor()->FindFieldByName("header");
  if (header == nullptr || header->is_repeated() ||
      header->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return false;
  }
  const FieldDescriptor* id = header->message_type()->FindFieldByName("command_id");
  if (id == nullptr || id->is_repeated() || id->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    return false;
  }
  Message* header_message = request->GetReflection()->MutableMessage(request, header);
  if (!header_message->GetReflection()->GetString(*header_message, id).empty()) return false;
  header_message->GetReflection()->SetString(header_message, id, command_id);
  return true;
}

CommandClient::CommandClient(const Globals& globals, Caller caller)
    : globals_(globals), caller_(std::move(caller)), stub_(NewChannel(globals)) {}

grpc::Status CommandClient::Call(const CommandRpc& rpc, const Message& request,
                                 coop::v1::CommandReply* reply) {
  std::string bytes;
  if (!request.SerializeToString(&bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "cannot serialize the request");
  }
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer reply_buffer;

  grpc::ClientContext context;
  SetDeadline(globals_, &context);
  context.AddMetadata("x-coop-client", "coopctl");
  if (!caller_.actor.empty()) context.AddMetadata("x-coop-actor", caller_.actor);
  if (!caller_.agency.empty()) context.AddMetadata("x-coop-agency", caller_.agency);

  absl::Notification done;
  grpc::Status status;
  stub_.UnaryCall(&context, rpc.Path(), grpc::StubOptions(), &request_buffer, &reply_buffer,
                  [&](grpc::Status s) {
                    status = std::move(s);
                    done.Notify();
                  });
  done.WaitForNotification();
  if (!status.ok()) return status;

  std::vector<grpc::Slice> slices;
  if (!reply_buffer.Dump(&slices).ok()) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "cannot read the reply");
  }
  std::string reply_bytes;
  for (const auto& s : slices) {
    reply_bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  if (!reply->ParseFromString(reply_bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "the reply is not a coop.v1.CommandReply");
  }
  return grpc::Status::OK;
}

std::string FormatReply(const coop::v1::CommandReply& reply) {
  std::string where =
      absl::StrCat(reply.stream_id(), "@", reply.version(), " position ", reply.position());
  return reply.duplicate()
             ? absl::StrCat("duplicate: ", where, " (already executed; nothing written)")
             : absl::StrCat("recorded: ", where);
}

}  // namespace coop::coopctl
