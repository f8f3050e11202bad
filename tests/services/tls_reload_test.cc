// TLS certificates renewed without a restart (ServerOptions::tls_reload_every): the server's
// certificate and key, and the CA that signs client certificates, replaced on disk while coopd
// serves; new connections get the new ones within the reload interval, whether the pair is
// switched at once (a link to its folder) or file after file.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "coop/v1/eventstore.grpc.pb.h"
#include "tests/services/auth_fixture.h"
#include "tests/support/test_certificates.h"

namespace coop::testing {
namespace {

constexpr char kClientSan[] = "reloaded-client.coop.test";

// Replaces `path` in one step (write beside, rename), as certificate tools do.
void Replace(const std::string& path, const std::string& text) {
  std::ofstream(path + ".new", std::ios::trunc) << text;
  ASSERT_EQ(std::rename((path + ".new").c_str(), path.c_str()), 0);
}

class TlsReloadTest : public AuthServerFixture {
 protected:
  TlsReloadTest()
      : old_ca_("coopledger old CA"),
        new_ca_("coopledger new CA"),
        old_server_(old_ca_.Issue("coopd", {"DNS:localhost", "IP:127.0.0.1"}, true)),
        new_server_(new_ca_.Issue("coopd", {"DNS:localhost", "IP:127.0.0.1"}, true)),
        old_client_(old_ca_.Issue("client", {std::string("DNS:") + kClientSan}, false)),
        new_client_(new_ca_.Issue("client", {std::string("DNS:") + kClientSan}, false)) {}

  void ExtraPrincipals(coop::v1::AuthConfig& file) override {
    auto* by_san = file.add_principals();
    by_san->set_name("client-by-certificate");
    by_san->set_role("auditor");
    by_san->add_cert_san(kClientSan);
  }

  void Configure(services::ServerOptions& options) override {
    // The server's pair in a folder reached through a link, dir/tls -> tls-1.
    std::filesystem::create_directory(dir_.Sub("tls-1"));
    std::ofstream(dir_.Sub("tls-1/server.crt")) << old_server_.cert_pem;
    std::ofstream(dir_.Sub("tls-1/server.key")) << old_server_.key_pem;
    std::filesystem::create_directory_symlink("tls-1", dir_.Sub("tls"));
    std::ofstream(dir_.Sub("clients.crt")) << old_ca_.ca().cert_pem;
    options.tls_cert = dir_.Sub("tls/server.crt");
    options.tls_key = dir_.Sub("tls/server.key");
    options.tls_client_ca = dir_.Sub("clients.crt");
    options.tls_reload_every = absl::Seconds(1);
  }

  // A call on a new connection (a channel of its own, never a pooled one) trusting `ca`,
  // presenting `client` if given.
  grpc::StatusCode CallTrusting(const TestCertificateAuthority& ca,
                                const TestCertificate* client = nullptr) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ca.ca().cert_pem;
    if (client != nullptr) {
      ssl.pem_cert_chain = client->cert_pem;
      ssl.pem_private_key = client->key_pem;
    }
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto channel = grpc::CreateCustomChannel(server_->address(), grpc::SslCredentials(ssl), args);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    coop::v1::LogInfo info;
    return coop::v1::EventStore::NewStub(channel)->GetLogInfo(&context, {}, &info).error_code();
  }

  // Waits up to 15 s (the interval is 1 s) for CallTrusting(...) to give `want`.
  bool Becomes(grpc::StatusCode want, const TestCertificateAuthority& ca,
               const TestCertificate* client = nullptr) {
    for (int i = 0; i < 150; ++i) {
      if (CallTrusting(ca, client) == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TestCertificateAuthority old_ca_, new_ca_;
  TestCertificate old_server_, new_server_, old_client_, new_client_;
};

TEST_F(TlsReloadTest, GivenARenewedServerCertificate_ThenNewConnectionsGetItWithoutARestart) {
  ASSERT_EQ(CallTrusting(old_ca_, &old_client_), grpc::StatusCode::OK);
  EXPECT_EQ(CallTrusting(new_ca_, &old_client_), grpc::StatusCode::UNAVAILABLE);
  // The renewal as docs/operations.md says: the pair written in a folder of its own, then the
  // folder's link switched in one rename, so the certificate and the key change together.
  std::filesystem::create_directory(dir_.Sub("tls-2"));
  std::ofstream(dir_.Sub("tls-2/server.crt")) << new_server_.cert_pem;
  std::ofstream(dir_.Sub("tls-2/server.key")) << new_server_.key_pem;
  std::filesystem::create_directory_symlink("tls-2", dir_.Sub("tls.new"));
  std::filesystem::rename(dir_.Sub("tls.new"), dir_.Sub("tls"));
  EXPECT_TRUE(Becomes(grpc::StatusCode::OK, new_ca_, &old_client_));
  EXPECT_EQ(CallTrusting(old_ca_, &old_client_), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsReloadTest, GivenTheCertificateAndKeyReplacedOneAfterTheOther_ThenTheNewPairServes) {
  ASSERT_EQ(CallTrusting(old_ca_, &old_client_), grpc::StatusCode::OK);
  // Between the two renames the files do not match: new connections may fail meanwhile
  // (gRPC's file watcher does not keep the old pair), which is why the guide switches a link.
  Replace(dir_.Sub("tls/server.crt"), new_server_.cert_pem);
  Replace(dir_.Sub("tls/server.key"), new_server_.key_pem);
  EXPECT_TRUE(Becomes(grpc::StatusCode::OK, new_ca_, &old_client_));
  EXPECT_EQ(CallTrusting(old_ca_, &old_client_), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsReloadTest, GivenANewClientCa_ThenItsCertificatesAreAcceptedWithoutARestart) {
  ASSERT_EQ(CallTrusting(old_ca_, &old_client_), grpc::StatusCode::OK);
  // A certificate of a CA the server does not trust yet: the handshake fails.
  EXPECT_NE(CallTrusting(old_ca_, &new_client_), grpc::StatusCode::OK);
  Replace(dir_.Sub("clients.crt"), new_ca_.ca().cert_pem);
  EXPECT_TRUE(Becomes(grpc::StatusCode::OK, old_ca_, &new_client_));
  EXPECT_NE(CallTrusting(old_ca_, &old_client_), grpc::StatusCode::OK);
}

}  // namespace
}  // namespace coop::testing
