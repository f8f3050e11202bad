// What coopctl puts on the wire for credentials, against an in-process fake EventStore: the
// bearer token on every call (over plaintext to loopback, and over TLS), no authorization
// header without a token, and TLS with --tls_ca, --tls_server_name and a client certificate.
// The certificates are made with OpenSSL for each run (tests/support/test_certificates.h).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "tests/support/test_certificates.h"
#include "tools/coopctl/cli.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {
namespace {

// Answers GetLogInfo with head position 7 and remembers what the last call presented.
class FakeEventStore final : public coop::v1::EventStore::Service {
 public:
  grpc::Status GetLogInfo(grpc::ServerContext* context, const coop::v1::GetLogInfoRequest*,
                          coop::v1::LogInfo* reply) override {
    absl::MutexLock lock(&mu_);
    ++calls_;
    authorization_ = "<none>";
    for (const auto& [key, value] : context->client_metadata()) {
      if (key == "authorization") authorization_ = std::string(value.data(), value.size());
    }
    client_common_name_.clear();
    for (const auto& name : context->auth_context()->FindPropertyValues("x509_common_name")) {
      client_common_name_ = std::string(name.data(), name.size());
    }
    reply->set_head_position(7);
    return grpc::Status::OK;
  }

  int calls() {
    absl::MutexLock lock(&mu_);
    return calls_;
  }
  std::string authorization() {
    absl::MutexLock lock(&mu_);
    return authorization_;
  }
  std::string client_common_name() {
    absl::MutexLock lock(&mu_);
    return client_common_name_;
  }

 private:
  absl::Mutex mu_;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::string authorization_ ABSL_GUARDED_BY(mu_);
  std::string client_common_name_ ABSL_GUARDED_BY(mu_);
};

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "coopctl-conn-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    if (const char* token = getenv(kTokenEnvironmentVariable)) saved_token_ = token;
    unsetenv(kTokenEnvironmentVariable);
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
    std::filesystem::remove_all(dir_);
    if (saved_token_) {
      setenv(kTokenEnvironmentVariable, saved_token_->c_str(), 1);
    } else {
      unsetenv(kTokenEnvironmentVariable);
    }
  }

  void Serve(std::shared_ptr<grpc::ServerCredentials> credentials) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", std::move(credentials), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port_, 0);
  }

  // coopctl --server ... --timeout 10 ARGS info; the exit code, stdout in *out.
  int Info(const std::vector<std::string>& args, std::string* out = nullptr) {
    std::vector<std::string> command = {"--server", absl::StrCat("127.0.0.1:", port_), "--timeout",
                                        "10"};
    command.insert(command.end(), args.begin(), args.end());
    command.push_back("info");
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    const int code = RunCli(command);
    const std::string stdout_text = ::testing::internal::GetCapturedStdout();
    last_stderr_ = ::testing::internal::GetCapturedStderr();
    if (out != nullptr) *out = stdout_text;
    return code;
  }

  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    chmod(path.c_str(), 0600);
    return path;
  }

  std::string Read(const std::string& name) {
    std::ifstream in(dir_ + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // A CA, a server certificate for coopd.test signed by it, and a client certificate
  // (CN coopctl-client) signed by it, made with OpenSSL (tests/support/test_certificates.h).
  void MakeCertificates() {
    const coop::testing::TestCertificateAuthority ca("coopctl-test-ca");
    const auto server = ca.Issue("coopd.test", {"DNS:coopd.test"}, /*server=*/true);
    const auto client = ca.Issue("coopctl-client", {}, /*server=*/false);
    Write("ca.pem", ca.ca().cert_pem);
    Write("server.pem", server.cert_pem);
    Write("server.key", server.key_pem);
    Write("client.pem", client.cert_pem);
    Write("client.key", client.key_pem);
  }

  std::shared_ptr<grpc::ServerCredentials> TlsServerCredentials(bool require_client_cert) {
    grpc::SslServerCredentialsOptions options(
        require_client_cert ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                            : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    options.pem_root_certs = Read("ca.pem");
    options.pem_key_cert_pairs.push_back({Read("server.key"), Read("server.pem")});
    return grpc::SslServerCredentials(options);
  }

  std::string dir_;
  std::optional<std::string> saved_token_;
  FakeEventStore service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::string last_stderr_;
};

TEST_F(ConnectionTest, PlaintextLoopbackCarriesTheTokenOnEveryCall) {
  Serve(grpc::InsecureServerCredentials());
  std::string out;
  ASSERT_EQ(Info({}, &out), kExitOk) << last_stderr_;
  EXPECT_NE(out.find("head position   7"), std::string::npos) << out;
  EXPECT_EQ(service_.authorization(), "<none>");

  ASSERT_EQ(Info({"--token_file", Write("token", "coop_from_file\n")}), kExitOk) << last_stderr_;
  EXPECT_EQ(service_.authorization(), "Bearer coop_from_file");

  setenv(kTokenEnvironmentVariable, "coop_from_env", 1);
  ASSERT_EQ(Info({}), kExitOk) << last_stderr_;
  EXPECT_EQ(service_.authorization(), "Bearer coop_from_env");
  EXPECT_EQ(service_.calls(), 3);
}

TEST_F(ConnectionTest, TlsWithServerNameOverrideAndClientCertificate) {
  MakeCertificates();
  Serve(TlsServerCredentials(/*require_client_cert=*/true));
  const std::string ca = dir_ + "/ca.pem";
  const std::string cert = dir_ + "/client.pem";
  const std::string key = dir_ + "/client.key";
  setenv(kTokenEnvironmentVariable, "coop_over_tls", 1);

  std::string out;
  ASSERT_EQ(Info({"--tls_ca", ca, "--tls_server_name", "coopd.test", "--tls_cert", cert,
                  "--tls_key", key},
                 &out),
            kExitOk)
      << last_stderr_;
  EXPECT_NE(out.find("head position   7"), std::string::npos) << out;
  EXPECT_EQ(service_.authorization(), "Bearer coop_over_tls");
  EXPECT_EQ(service_.client_common_name(), "coopctl-client");
  const int calls = service_.calls();

  // The certificate names coopd.test, not 127.0.0.1: without the override it is refused.
  EXPECT_EQ(Info({"--tls_ca", ca, "--tls_cert", cert, "--tls_key", key}), kExitServerError);
  EXPECT_NE(last_stderr_.find("UNAVAILABLE"), std::string::npos) << last_stderr_;
  // Plaintext to a TLS server fails too.
  EXPECT_EQ(Info({}), kExitServerError);
  EXPECT_EQ(service_.calls(), calls);
}

TEST_F(ConnectionTest, TlsWithoutClientCertificate) {
  MakeCertificates();
  Serve(TlsServerCredentials(/*require_client_cert=*/false));
  ASSERT_EQ(Info({"--tls-ca", dir_ + "/ca.pem", "--tls-server-name", "coopd.test"}), kExitOk)
      << last_stderr_;
  EXPECT_EQ(service_.authorization(), "<none>");
  EXPECT_EQ(service_.client_common_name(), "");
}

}  // namespace
}  // namespace coop::coopctl
