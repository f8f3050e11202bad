#include "tools/bench/channel_pool.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/bench/grpc_code_name.h"

namespace coop::bench {

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Plaintext, or TLS verified against the CA, with the token as call credentials.
std::shared_ptr<grpc::ChannelCredentials> CredentialsFor(const BenchOptions& options) {
  if (options.tls_ca.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFile(options.tls_ca);
  auto credentials = grpc::SslCredentials(ssl);
  if (options.token_file.empty()) return credentials;
  std::string token = ReadFile(options.token_file);
  token = token.substr(0, token.find_first_of("\r\n"));
  return grpc::CompositeChannelCredentials(credentials, grpc::AccessTokenCredentials(token));
}

}  // namespace

std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const BenchOptions& options, int count) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  channels.reserve(count);
  const auto credentials = CredentialsFor(options);
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("coop.bench.connection_index", i);
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetMaxReceiveMessageSize(-1);
    args.SetMaxSendMessageSize(-1);
    if (!options.tls_server_name.empty()) args.SetSslTargetNameOverride(options.tls_server_name);
    channels.push_back(grpc::CreateCustomChannel(options.server, credentials, args));
  }
  return channels;
}

int ChannelsFor(int clients, int per_channel) { return (clients + per_channel - 1) / per_channel; }

absl::StatusOr<coop::v1::LogInfo> ProbeServer(const std::shared_ptr<grpc::Channel>& channel,
                                              int timeout_ms) {
  auto stub = coop::v1::EventStore::NewStub(channel);
  grpc::ClientContext context;
  context.set_wait_for_ready(true);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
  coop::v1::LogInfo info;
  grpc::Status status = stub->GetLogInfo(&context, coop::v1::GetLogInfoRequest(), &info);
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat(
        "GetLogInfo failed: ", GrpcCodeName(status.error_code()), ": ", status.error_message()));
  }
  return info;
}

}  // namespace coop::bench
