// Every RPC of coopd parses its own request, so that bytes protobuf would refuse get a clear
// INVALID_ARGUMENT naming the field, never gRPC's UNIMPLEMENTED with an empty message.
//
// protobuf refuses a proto3 string that is not valid UTF-8 before any handler runs, and gRPC's
// callback handler then ends the call with UNIMPLEMENTED and no message. A service built on
// ParsesItsRequests registers each of its RPCs (ParseRequestsOf, in its constructor) with a
// handler that receives the request's bytes instead (a ParsedRequest, deserialised by the
// SerializationTraits below), checks them with domain::CheckWireText, parses them, and calls
// the service's typed override. The reply stays typed; only the request is taken as bytes, as
// in gRPC's generated WithRawCallbackMethod_* services.
//
//   "[COMMON-05] registration.name: is not valid UTF-8 (byte 4)"       INVALID_ARGUMENT
//   "AppendRequest: the bytes are not a valid protocol buffer message …" INVALID_ARGUMENT
//
// These refusals come before the CallGate: they tell the caller only that its own bytes are
// malformed. Not worth retrying unchanged.
//
// Server::Start refuses to start a service with an RPC left to gRPC's parsing
// (RpcsNotParsedHere), so a new RPC cannot silently miss this.
//
// Thread-safety: ParseRequestsOf only in the constructor; the rest is thread-safe.
#ifndef COOPLEDGER_SERVICES_PARSED_REQUEST_H_
#define COOPLEDGER_SERVICES_PARSED_REQUEST_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/support/proto_buffer_reader.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "domain/common/wire_text.h"
#include "services/grpc_status.h"

namespace coop::services {

// A request as this server parsed it from the call's bytes: the message if they were a valid
// message with valid text, otherwise why not.
template <typename Request>
class ParsedRequest {
 public:
  const Request& message() const { return message_; }
  const absl::Status& status() const { return status_; }

  // Reads the buffer in place, without copying it (it is left as it was): once to check its
  // text, once to parse it.
  void ParseFrom(grpc::ByteBuffer* buffer) {
    if (!buffer->Valid()) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat(Request::descriptor()->name(), ": the call carried no request message"));
      return;
    }
    {
      grpc::ProtoBufferReader wire(buffer);
      status_ = domain::CheckWireText(*Request::descriptor(), &wire);
    }
    grpc::ProtoBufferReader wire(buffer);
    if (status_.ok() && !message_.ParseFromZeroCopyStream(&wire)) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat(Request::descriptor()->name(),
                       ": the bytes are not a valid protocol buffer message of this type"));
    }
  }

 private:
  Request message_;
  absl::Status status_;
};

// A write reactor that only finishes its call with `status`, then deletes itself.
template <typename Response>
class RefusedWrite final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit RefusedWrite(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};

// A bidirectional reactor that only finishes its call with `status`, then deletes itself.
template <typename Request, typename Response>
class RefusedBidi final : public grpc::ServerBidiReactor<Request, Response> {
 public:
  explicit RefusedBidi(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};

// `Base` is a generated `Grpc::CallbackService` or a class derived from one (the generated
// command handlers); `Grpc` is the generated service class, for its name.
template <typename Grpc, typename Base = typename Grpc::CallbackService>
class ParsesItsRequests : public Base {
 public:
  using Base::Base;

  // The RPCs of the service whose requests gRPC still parses itself (none once the
  // constructors named every RPC).
  std::vector<std::string> RpcsNotParsedHere() const {
    const auto* service = Service();
    std::vector<std::string> missing;
    for (int i = 0; i < service->method_count(); ++i) {
      if (!parsed_here_.contains(i)) missing.push_back(service->method(i)->full_name());
    }
    return missing;
  }

 protected:
  // Registers each RPC (a pointer to the service's override, e.g. &RegistryService::Foo) to
  // receive its request as bytes and parse it here.
  template <typename... Rpcs>
  void ParseRequestsOf(Rpcs... rpcs) {
    (ParseRequestOf(rpcs), ...);
  }

 private:
  static const google::protobuf::ServiceDescriptor* Service() {
    return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
        Grpc::service_full_name());
  }
  // The index of the service's RPC from `Request` to `Response`, of the given streaming kind,
  // not registered here yet. There is exactly one for an override of the service: anything
  // else is a programming error, and the process ends at start-up saying which.
  template <typename Request, typename Response>
  int IndexOf(bool server_streaming, bool client_streaming = false) {
    const auto* service = Service();
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* method = service->method(i);
      if (method->input_type() == Request::descriptor() &&
          method->output_type() == Response::descriptor() &&
          method->client_streaming() == client_streaming &&
          method->server_streaming() == server_streaming && !parsed_here_.contains(i)) {
        parsed_here_.insert(i);
        return i;
      }
    }
    std::fprintf(stderr, "%s has no RPC left from %s to %s\n", Grpc::service_full_name(),
                 Request::descriptor()->full_name().c_str(),
                 Response::descriptor()->full_name().c_str());
    std::abort();
  }

  template <typename Service, typename Request, typename Response>
  void ParseRequestOf(grpc::ServerUnaryReactor* (Service::*rpc)(grpc::CallbackServerContext*,
                                                                const Request*, Response*)) {
    this->MarkMethodCallback(
        IndexOf<Request, Response>(/*server_streaming=*/false),
        new grpc::internal::CallbackUnaryHandler<ParsedRequest<Request>, Response>(
            [this, rpc](grpc::CallbackServerContext* context, const ParsedRequest<Request>* request,
                        Response* response) -> grpc::ServerUnaryReactor* {
              if (!request->status().ok()) {
                auto* reactor = context->DefaultReactor();
                reactor->Finish(ToGrpcStatus(request->status()));
                return reactor;
              }
              return (static_cast<Service*>(this)->*rpc)(context, &request->message(), response);
            }));
  }

  template <typename Service, typename Request, typename Response>
  void ParseRequestOf(grpc::ServerWriteReactor<Response>* (Service::*rpc)(
      grpc::CallbackServerContext*, const Request*)) {
    this->MarkMethodCallback(
        IndexOf<Request, Response>(/*server_streaming=*/true),
        new grpc::internal::CallbackServerStreamingHandler<ParsedRequest<Request>, Response>(
            [this, rpc](grpc::CallbackServerContext* context, const ParsedRequest<Request>* request)
                -> grpc::ServerWriteReactor<Response>* {
              if (!request->status().ok()) {
                return new RefusedWrite<Response>(ToGrpcStatus(request->status()));
              }
              return (static_cast<Service*>(this)->*rpc)(context, &request->message());
            }));
  }

  // A bidirectional RPC: the service's method (not the generated override, which gRPC then
  // never calls) returns a reactor that reads ParsedRequests and answers each one that is not
  // ok on its own.
  template <typename Service, typename Request, typename Response>
  void ParseRequestOf(grpc::ServerBidiReactor<ParsedRequest<Request>, Response>* (Service::*rpc)(
      grpc::CallbackServerContext*)) {
    this->MarkMethodCallback(
        IndexOf<Request, Response>(/*server_streaming=*/true, /*client_streaming=*/true),
        new grpc::internal::CallbackBidiHandler<ParsedRequest<Request>, Response>(
            [this, rpc](grpc::CallbackServerContext* context)
                -> grpc::ServerBidiReactor<ParsedRequest<Request>, Response>* {
              return (static_cast<Service*>(this)->*rpc)(context);
            }));
  }

  std::set<int> parsed_here_;  // indexes of the RPCs registered here
};

}  // namespace coop::services

// How gRPC turns a call's bytes into a ParsedRequest: always successfully, the outcome kept
// in the ParsedRequest for its handler to answer. (A specialisation of gRPC's trait, declared
// by its qualified name so that no namespace but coop:: is opened.)
template <typename Request>
class grpc::SerializationTraits<coop::services::ParsedRequest<Request>, void> {
 public:
  static grpc::Status Deserialize(grpc::ByteBuffer* buffer,
                                  coop::services::ParsedRequest<Request>* request) {
    request->ParseFrom(buffer);
    buffer->Clear();
    return grpc::Status::OK;
  }
  static grpc::Status Serialize(const coop::services::ParsedRequest<Request>&, grpc::ByteBuffer*,
                                bool*) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "a parsed request is never sent");
  }
};

#endif  // COOPLEDGER_SERVICES_PARSED_REQUEST_H_
