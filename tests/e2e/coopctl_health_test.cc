// coopctl health against a real coopd child process, as a container health check or a
// Kubernetes exec probe runs it (deploy/): SERVING without a token while authentication is on,
// over TLS with --tls_ca and --tls_server_name, and a non-zero exit for a server that is
// gone, that speaks TLS to a plaintext call, that does not know the service asked about, or
// (an in-process gRPC server) that says NOT_SERVING.
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <memory>
#include <string>

#include "coop/v1/eventstore.grpc.pb.h"
#include "tests/e2e/coopd_process.h"
#include "tests/e2e/run_command.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// coopctl --server ADDRESS ARGS, with no token in the environment.
std::string Health(const std::string& address, const std::string& args, int* exit_code) {
  return RunCommand(std::string("env -u COOP_TOKEN ") + COOPCTL_PATH + " --server " + address +
                        " --timeout 5s " + args,
                    exit_code);
}

// A principals file with one admin, made by coopctl itself; its path.
std::string MakePrincipals(const TempDir& dir) {
  const std::string path = dir.Sub("principals.json");
  int code;
  const std::string out =
      RunCommand(std::string(COOPCTL_PATH) + " admin principal add --auth_config " + path +
                     " --name ops --role admin > /dev/null",
                 &code);
  EXPECT_EQ(code, 0) << out;
  return path;
}

TEST(CoopctlHealthTest, ServingWithoutATokenWhileAuthenticationIsOn) {
  TempDir dir;
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir.Sub("store"), {"--auth_config", MakePrincipals(dir)}));
  int code;
  std::string out = Health(coopd.address(), "health", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "SERVING")) << out;
  EXPECT_TRUE(Contains(out, "đang phục vụ / the server is serving")) << out;
  // The same server refuses every other call without credentials.
  out = Health(coopd.address(), "info", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "UNAUTHENTICATED")) << out;

  out = Health(coopd.address(), "--json health", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, R"({"status":"SERVING"})")) << out;

  out = Health(coopd.address(), "health --service no.such.Service", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "NOT_FOUND")) << out;
  EXPECT_TRUE(Contains(out, "không hỏi được sức khỏe")) << out;

  out = Health(coopd.address(), "health extra", &code);
  EXPECT_EQ(code, 2) << out;
}

TEST(CoopctlHealthTest, OverTlsWithTheCaAndTheNameTheCertificateCarries) {
  TempDir dir;
  const TestCertificateAuthority ca("coopledger health CA");
  const TestCertificate server = ca.Issue("coopd", {"DNS:coopd", "DNS:localhost"}, true);
  std::ofstream(dir.Sub("server.crt")) << server.cert_pem;
  std::ofstream(dir.Sub("server.key")) << server.key_pem;
  std::ofstream(dir.Sub("ca.crt")) << ca.ca().cert_pem;
  CoopdProcess coopd;
  coopd.ProbeOverTls(ca.ca().cert_pem);
  ASSERT_OK(
      coopd.Start(dir.Sub("store"), {"--auth_config", MakePrincipals(dir), "--tls_cert",
                                     dir.Sub("server.crt"), "--tls_key", dir.Sub("server.key")}));
  int code;
  // As the Kubernetes exec probe of deploy/kubernetes/statefulset-tls.yaml asks it.
  std::string out = Health(
      coopd.address(), "--tls_ca " + dir.Sub("ca.crt") + " --tls_server_name coopd health", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "SERVING")) << out;
  // Plaintext to a TLS server: no answer, a failed check.
  out = Health(coopd.address(), "health", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "UNAVAILABLE")) << out;
  // A name the certificate does not carry: refused by the client.
  out = Health(coopd.address(),
               "--tls_ca " + dir.Sub("ca.crt") + " --tls_server_name other.example health", &code);
  EXPECT_EQ(code, 1) << out;
}

TEST(CoopctlHealthTest, AServerThatIsGoneFailsTheCheck) {
  TempDir dir;
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(dir.Sub("store")));
  const std::string address = coopd.address();
  ASSERT_EQ(coopd.SignalAndWait(SIGTERM), 0);
  int code;
  const std::string out = Health(address, "health", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "UNAVAILABLE")) << out;
  EXPECT_TRUE(Contains(out, "could not ask the health of the server at " + address)) << out;
}

TEST(CoopctlHealthTest, NotServingFailsTheCheck) {
  // coopd says NOT_SERVING only while its disk stalls, it loads the demo or it stops: a gRPC
  // server of this test, with the same default health service, says it on demand.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  coop::v1::EventStore::Service unimplemented;  // a server with no service does not start
  builder.RegisterService(&unimplemented);
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  ASSERT_NE(port, 0);
  const std::string address = "127.0.0.1:" + std::to_string(port);
  int code;
  std::string out = Health(address, "health", &code);
  EXPECT_EQ(code, 0) << out;

  server->GetHealthCheckService()->SetServingStatus(false);
  out = Health(address, "health", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "NOT_SERVING")) << out;
  EXPECT_TRUE(Contains(out, "máy chủ không phục vụ")) << out;
  EXPECT_TRUE(Contains(out, "the server is not serving")) << out;
  server->Shutdown();
}

}  // namespace
}  // namespace coop::testing
