#include "tools/coopctl/connection.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/client_interceptor.h>

#include <iostream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace coop::coopctl {
namespace {

// Adds "authorization: Bearer <token>" to the initial metadata of every call.
class BearerInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit BearerInterceptor(std::shared_ptr<const std::string> header)
      : header_(std::move(header)) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", *header_);
    }
    methods->Proceed();
  }

 private:
  std::shared_ptr<const std::string> header_;
};

class BearerInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerInterceptorFactory(const std::string& token)
      : header_(std::make_shared<const std::string>(absl::StrCat("Bearer ", token))) {}

  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* /*info*/) override {
    return new BearerInterceptor(header_);
  }

 private:
  std::shared_ptr<const std::string> header_;
};

// Adds "x-request-id: <id>" to the initial metadata of every call.
class RequestIdInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit RequestIdInterceptor(std::shared_ptr<const std::string> id) : id_(std::move(id)) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("x-request-id", *id_);
    }
    methods->Proceed();
  }

 private:
  std::shared_ptr<const std::string> id_;
};

class RequestIdInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit RequestIdInterceptorFactory(const std::string& id)
      : id_(std::make_shared<const std::string>(id)) {}

  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* /*info*/) override {
    return new RequestIdInterceptor(id_);
  }

 private:
  std::shared_ptr<const std::string> id_;
};

std::shared_ptr<grpc::ChannelCredentials> Credentials(const Globals& globals) {
  if (!globals.tls) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = globals.tls_ca_pem;
  options.pem_cert_chain = globals.tls_cert_pem;
  options.pem_private_key = globals.tls_key_pem;
  return grpc::SslCredentials(options);
}

// "127.0.0.1:50051" -> "127.0.0.1", "[::1]:50051" -> "::1", "localhost" -> "localhost".
std::string TargetHost(std::string target) {
  for (const char* scheme : {"dns:///", "dns:", "ipv4:", "ipv6:"}) {
    if (absl::StartsWith(target, scheme)) {
      target = target.substr(std::string(scheme).size());
      break;
    }
  }
  if (absl::StartsWith(target, "[")) {
    const size_t end = target.find(']');
    return end == std::string::npos ? target : target.substr(1, end - 1);
  }
  const size_t colon = target.find(':');
  if (colon != std::string::npos && target.find(':', colon + 1) != std::string::npos) {
    return target;  // a bare IPv6 address
  }
  return target.substr(0, colon);
}

}  // namespace

std::shared_ptr<grpc::Channel> NewChannel(const Globals& globals) {
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  channel_args.SetString(GRPC_ARG_PRIMARY_USER_AGENT_STRING, "coopctl");
  if (globals.tls && !globals.tls_server_name.empty()) {
    channel_args.SetSslTargetNameOverride(globals.tls_server_name);
  }
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
  if (!globals.request_id.empty()) {
    interceptors.push_back(std::make_unique<RequestIdInterceptorFactory>(globals.request_id));
  }
  if (!globals.token.empty()) {
    interceptors.push_back(std::make_unique<BearerInterceptorFactory>(globals.token));
  }
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      globals.server, Credentials(globals), channel_args, std::move(interceptors));
}

std::unique_ptr<coop::v1::EventStore::Stub> NewStub(const Globals& globals) {
  return coop::v1::EventStore::NewStub(NewChannel(globals));
}

bool IsLocalTarget(const std::string& target) {
  if (absl::StartsWith(target, "unix:") || absl::StartsWith(target, "unix-abstract:")) {
    return true;
  }
  const std::string host = absl::AsciiStrToLower(TargetHost(target));
  if (host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1") return true;
  if (!absl::StartsWith(host, "127.")) return false;
  for (char c : host) {
    if (c != '.' && !absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void SetDeadline(const Globals& globals, grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + globals.timeout));
}

int ReportRpcError(const grpc::Status& status) {
  // gRPC and absl number their status codes alike, so absl gives the canonical name.
  std::cerr << "error: "
            << absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())) << ": "
            << status.error_message() << "\n";
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    std::cerr << "  kiểm tra thông tin xác thực: mã truy cập (--token_file TỆP hoặc biến môi\n"
                 "  trường COOP_TOKEN) hoặc chứng thư máy khách (--tls_cert, --tls_key); mã\n"
                 "  của chủ thể đã bị thu hồi không còn dùng được\n"
                 "  check the credentials: a token (--token_file FILE or the environment\n"
                 "  variable COOP_TOKEN) or a client certificate (--tls_cert, --tls_key); the\n"
                 "  token of a revoked principal no longer works\n";
  }
  return kExitServerError;
}

}  // namespace coop::coopctl
