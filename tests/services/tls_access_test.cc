// coopd over real TLS with certificates made in the test (OpenSSL): bearer tokens over TLS,
// client certificates mapped to principals by subject alternative name or by fingerprint, and
// what is refused — an unmapped certificate, a certificate no trusted CA signed, a plaintext
// client, a token over plaintext from a remote peer.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include "coop/v1/registry.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/auth_fixture.h"
#include "tests/support/test_certificates.h"

namespace coop::testing {
namespace {

using grpc::StatusCode;

constexpr char kAuditorSan[] = "auditor-client.coop.test";

class TlsAccessTest : public AuthServerFixture {
 protected:
  TlsAccessTest()
      : ca_("coopledger test CA"),
        server_cert_(ca_.Issue("coopd", {"DNS:localhost", "IP:127.0.0.1"}, /*server=*/true)),
        auditor_cert_(ca_.Issue("auditor", {std::string("DNS:") + kAuditorSan}, false)),
        admin_cert_(ca_.Issue("admin", {"DNS:admin-client.coop.test"}, false)),
        stranger_cert_(ca_.Issue("stranger", {"DNS:stranger.coop.test"}, false)) {}

  void ExtraPrincipals(coop::v1::AuthConfig& file) override {
    auto* by_san = file.add_principals();
    by_san->set_name("auditor-by-certificate");
    by_san->set_role("auditor");
    by_san->add_cert_san(kAuditorSan);
    auto* by_fingerprint = file.add_principals();
    by_fingerprint->set_name("admin-by-certificate");
    by_fingerprint->set_role("admin");
    auto fingerprint = access::CertificateFingerprint(admin_cert_.cert_pem);
    ASSERT_OK(fingerprint);
    by_fingerprint->add_cert_sha256(*fingerprint);
  }

  void Configure(services::ServerOptions& options) override {
    WriteFile(dir_.Sub("server.crt"), server_cert_.cert_pem);
    WriteFile(dir_.Sub("server.key"), server_cert_.key_pem);
    WriteFile(dir_.Sub("ca.crt"), ca_.ca().cert_pem);
    options.tls_cert = dir_.Sub("server.crt");
    options.tls_key = dir_.Sub("server.key");
    options.tls_client_ca = dir_.Sub("ca.crt");
  }

  // A TLS channel trusting the test CA, with `client` as the client certificate if given.
  std::shared_ptr<grpc::Channel> TlsChannel(const TestCertificate* client = nullptr) {
    return client == nullptr ? TlsTestChannel(server_->address(), ca_.ca().cert_pem)
                             : TlsTestChannel(server_->address(), ca_.ca().cert_pem,
                                              client->cert_pem, client->key_pem);
  }

  static StatusCode LogInfo(const std::shared_ptr<grpc::Channel>& channel,
                            grpc::ClientContext* context) {
    coop::v1::LogInfo info;
    return coop::v1::EventStore::NewStub(channel)->GetLogInfo(context, {}, &info).error_code();
  }

  TestCertificateAuthority ca_;
  TestCertificate server_cert_, auditor_cert_, admin_cert_, stranger_cert_;
};

TEST_F(TlsAccessTest, ABearerTokenWorksOverTls) {
  auto channel = TlsChannel();
  EXPECT_EQ(LogInfo(channel, As("admin").get()), StatusCode::OK);
  EXPECT_EQ(LogInfo(channel, As("reader").get()), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(LogInfo(channel, As("").get()), StatusCode::UNAUTHENTICATED);
  EXPECT_NE(server_->access_summary().find("TLS, authentication on"), std::string::npos)
      << server_->access_summary();
}

TEST_F(TlsAccessTest, AClientCertificateIsMappedBySubjectAlternativeNameOrByFingerprint) {
  auto auditor = TlsChannel(&auditor_cert_);
  EXPECT_EQ(LogInfo(auditor, As("").get()), StatusCode::OK);
  coop::v1::CommandReply reply;
  EXPECT_EQ(coop::v1::Registry::NewStub(auditor)
                ->RegisterCooperative(As("").get(), Registration("2000000011", "32059"), &reply)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  auto admin = TlsChannel(&admin_cert_);
  coop::v1::RebuildProjectionRequest rebuild;
  rebuild.set_name("hall_registry");
  coop::v1::ProjectionStatus rebuilt;
  EXPECT_TRUE(
      coop::v1::Reporting::NewStub(admin)->RebuildProjection(As("").get(), rebuild, &rebuilt).ok());
  // The admin's certificate records as its principal.
  coop::v1::RegisterCooperativeRequest request = Registration("2000000012", "32059");
  ASSERT_TRUE(
      coop::v1::Registry::NewStub(admin)->RegisterCooperative(As("").get(), request, &reply).ok());
  coop::v1::ReadStreamRequest read;
  read.set_stream_id(reply.stream_id());
  auto events = server_->store().ReadStream(read);
  ASSERT_OK(events);
  ASSERT_FALSE(events->empty());
  EXPECT_EQ(events->front().metadata().actor(), "admin-by-certificate");
  EXPECT_EQ(events->front().metadata().principal(), "admin-by-certificate");
}

TEST_F(TlsAccessTest, AnUnmappedOrUntrustedCertificateAndAPlaintextClientAreRefused) {
  auto stranger = TlsChannel(&stranger_cert_);
  auto context = As("");
  coop::v1::LogInfo info;
  auto status = coop::v1::EventStore::NewStub(stranger)->GetLogInfo(context.get(), {}, &info);
  EXPECT_EQ(status.error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_NE(status.error_message().find("mapped to no principal"), std::string::npos);
  // A certificate no trusted CA signed fails the handshake: no call gets through.
  const TestCertificate self_signed =
      SelfSignedCertificate("intruder", {std::string("DNS:") + kAuditorSan});
  EXPECT_NE(LogInfo(TlsChannel(&self_signed), As("", 3000).get()), StatusCode::OK);
  // Plaintext to the TLS port gets nowhere, token or not.
  EXPECT_EQ(LogInfo(TestChannel(server_->address()), As("admin", 3000).get()),
            StatusCode::UNAVAILABLE);
}

// The first IPv4 address of this machine that is not loopback, or "".
std::string NonLoopbackAddress() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "";
  std::string found;
  for (ifaddrs* a = list; a != nullptr && found.empty(); a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) continue;
    char text[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, text, sizeof text);
    if (std::string(text).rfind("127.", 0) != 0) found = text;
  }
  freeifaddrs(list);
  return found;
}

class RemotePlaintextTest : public AuthServerFixture {
 protected:
  void SetUp() override {
    address_ = NonLoopbackAddress();
    if (address_.empty()) GTEST_SKIP() << "this machine has no non-loopback IPv4 address";
    AuthServerFixture::SetUp();
  }
  void Configure(services::ServerOptions& options) override {
    options.listen = address_ + ":0";
    options.allow_plaintext = true;  // asked for explicitly
  }
  std::string address_;
};

TEST_F(RemotePlaintextTest, ABearerTokenOverPlaintextFromARemotePeerIsRefused) {
  coop::v1::LogInfo info;
  auto stub = coop::v1::EventStore::NewStub(TestChannel(server_->address()));
  auto status = stub->GetLogInfo(As("admin").get(), {}, &info);
  EXPECT_EQ(status.error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_NE(status.error_message().find("plaintext"), std::string::npos);
  EXPECT_NE(server_->access_summary().find("plaintext"), std::string::npos);
}

}  // namespace
}  // namespace coop::testing
