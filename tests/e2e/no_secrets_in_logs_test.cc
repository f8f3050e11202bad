// The built coopd with authentication on — bearer tokens and client certificates over TLS —
// serving every People RPC, and afterwards not one secret or personal detail it was given in
// any file it wrote: its stdout, its stderr log (JSON lines, at --log_level debug), and every file
// of its data folder (RocksDB's own LOG files, WALs and tables of the event log, the projections,
// the vault, the access log).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_split.h"
#include "access/access_token.h"
#include "access/auth_config.h"
#include "base/uuid.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/people.grpc.pb.h"
#include "tests/e2e/coopd_process.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The base64 body of a PEM key: what would show if it leaked.
std::string PemBody(const std::string& pem) {
  const size_t start = pem.find('\n') + 1;
  return pem.substr(start, pem.find('\n', start) - start);
}

TEST(NoSecretsInLogsTest, TokensCertificatesAndPersonalDataNeverReachAFileCoopdWrites) {
  TempDir dir;
  const TestCertificateAuthority ca("coopledger e2e CA");
  const TestCertificate server_cert = ca.Issue("coopd", {"DNS:localhost", "IP:127.0.0.1"}, true);
  const TestCertificate recorder_cert = ca.Issue("recorder", {"DNS:recorder.coop.test"}, false);
  Write(dir.Sub("server.crt"), server_cert.cert_pem);
  Write(dir.Sub("server.key"), server_cert.key_pem);
  Write(dir.Sub("ca.crt"), ca.ca().cert_pem);

  std::map<std::string, std::string> tokens;
  coop::v1::AuthConfig file;
  for (const auto& [name, role] : std::vector<std::pair<std::string, std::string>>{
           {"admin", "admin"}, {"recorder-u-minh", "recorder"}, {"auditor", "auditor"}}) {
    auto token = access::NewAccessToken();
    ASSERT_TRUE(token.ok());
    tokens[name] = *token;
    auto* entry = file.add_principals();
    entry->set_name(name);
    entry->set_role(role);
    entry->set_token_sha256(access::Sha256Hex(*token));
    if (role == "recorder") {
      entry->set_agency("Phòng Kinh tế huyện U Minh");
      entry->add_areas()->set_code("966");
      entry->mutable_areas(0)->set_unit_set("2025-03");
      entry->add_cert_san("recorder.coop.test");
    }
  }
  ASSERT_OK(access::SaveAuthConfig(dir.Sub("principals.json"), file));

  CoopdProcess coopd;
  coopd.ProbeOverTls(ca.ca().cert_pem);
  ASSERT_OK(
      coopd.Start(dir.Sub("data"), {"--auth_config", dir.Sub("principals.json"), "--tls_cert",
                                    dir.Sub("server.crt"), "--tls_key", dir.Sub("server.key"),
                                    "--tls_client_ca", dir.Sub("ca.crt"), "--log_level", "debug"}));
  auto channel = [&](const TestCertificate* client) {
    return client == nullptr ? TlsTestChannel(coopd.address(), ca.ca().cert_pem)
                             : TlsTestChannel(coopd.address(), ca.ca().cert_pem, client->cert_pem,
                                              client->key_pem);
  };
  auto as = [&](const std::string& who) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!who.empty()) context->AddMetadata("authorization", "Bearer " + tokens[who]);
    return context;
  };
  auto by_token = coop::v1::People::NewStub(channel(nullptr));
  auto by_certificate = coop::v1::People::NewStub(channel(&recorder_cert));

  // Every People RPC, by token and by certificate.
  const std::string name = "Nguyễn Thị Bí Mật", identity = "096123456789", phone = "0912 345 678",
                    new_phone = "0987 654 321", email = "bi.mat@example.vn";
  coop::v1::RecordPersonRequest record;
  record.mutable_header()->set_command_id(base::NewRandomUuid());
  record.mutable_details()->set_full_name(name);
  record.mutable_details()->set_identity_number(identity);
  record.mutable_details()->set_phone(phone);
  record.mutable_details()->set_email(email);
  record.mutable_area()->set_code("966");
  record.mutable_area()->set_unit_set("2025-03");
  coop::v1::RecordPersonReply recorded;
  auto recording = as("recorder-u-minh");
  recording->AddMetadata("x-request-id", "ghi-nguoi-1");
  auto status = by_token->RecordPerson(recording.get(), record, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  coop::v1::GetPersonRequest get;
  get.set_person_ref(recorded.person_ref());
  coop::v1::PersonDetails details;
  status = by_certificate->GetPerson(as("").get(), get, &details);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(details.full_name(), name);
  coop::v1::UpdatePersonRequest update;
  update.mutable_header()->set_command_id(base::NewRandomUuid());
  update.set_person_ref(recorded.person_ref());
  *update.mutable_details() = details;
  update.mutable_details()->set_phone(new_phone);
  coop::v1::RecordPersonReply updated;
  ASSERT_TRUE(by_certificate->UpdatePerson(as("").get(), update, &updated).ok());
  ASSERT_TRUE(by_token->GetPerson(as("admin").get(), get, &details).ok());
  coop::v1::ListPersonAccessRequest list;
  coop::v1::ListPersonAccessReply accesses;
  ASSERT_TRUE(by_token->ListPersonAccess(as("auditor").get(), list, &accesses).ok());
  EXPECT_EQ(accesses.entries_size(), 4);
  EXPECT_EQ(by_token->GetPerson(as("auditor").get(), get, &details).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A refusal whose message may quote the value it refuses.
  const std::string bad_identity = "0961-BI-MAT-không-hợp-lệ";
  auto refused = record;
  refused.mutable_header()->set_command_id(base::NewRandomUuid());
  refused.mutable_details()->set_identity_number(bad_identity);
  coop::v1::RecordPersonReply not_recorded;
  EXPECT_EQ(
      by_token->RecordPerson(as("recorder-u-minh").get(), refused, &not_recorded).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  // Failed authentications are logged: a wrong token, and a right one as a stranger would
  // misuse it (in a Basic header).
  const std::string wrong_token = "coop_wrong-token-that-must-not-be-logged-0123456789";
  auto wrong = as("");
  wrong->AddMetadata("authorization", "Bearer " + wrong_token);
  EXPECT_EQ(by_token->GetPerson(wrong.get(), get, &details).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto misused = as("");
  misused->AddMetadata("authorization", "Basic " + tokens["admin"]);
  EXPECT_EQ(by_token->GetPerson(misused.get(), get, &details).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_EQ(coopd.SignalAndWait(SIGTERM), 0);

  // Every file coopd wrote.
  std::vector<std::string> files = {coopd.log_path(), coopd.stdout_path()};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.Sub("data"))) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  ASSERT_GT(files.size(), 20u) << "the event log, projections, vault and access log";
  const std::string log = ReadAll(coopd.log_path());
  EXPECT_NE(log.find("authentication failed\",\"failures\":2,"), std::string::npos) << log;
  // The log is JSON lines (base/json_log.h), at debug a line for every call, the client's
  // request id on its call's line.
  size_t lines = 0;
  for (absl::string_view line : absl::StrSplit(log, '\n', absl::SkipEmpty())) {
    ++lines;
    google::protobuf::Struct parsed;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &parsed).ok())
        << line;
    for (const char* key : {"time", "level", "component", "msg"}) {
      EXPECT_TRUE(parsed.fields().count(key)) << key << " missing: " << line;
    }
  }
  EXPECT_GT(lines, 10u);
  EXPECT_NE(log.find("\"method\":\"/coop.v1.People/RecordPerson\",\"code\":\"OK\""),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("\"request_id\":\"ghi-nguoi-1\""), std::string::npos) << log;
  std::vector<std::pair<std::string, std::string>> secrets = {
      {"the wrong token", wrong_token},
      {"the server's private key", PemBody(server_cert.key_pem)},
      {"the recorder's private key", PemBody(recorder_cert.key_pem)},
      {"the full name", name},
      {"the identity number", identity},
      {"the phone", phone},
      {"the new phone", new_phone},
      {"the e-mail", email},
      {"a refused identity number", bad_identity},
  };
  for (const auto& [who, token] : tokens) secrets.emplace_back("the token of " + who, token);
  // The scan can see what coopd wrote: the person's ref (not a secret) is in the access log.
  bool ref_seen = false;
  for (const auto& path : files) {
    const std::string bytes = ReadAll(path);
    ref_seen |= bytes.find(recorded.person_ref()) != std::string::npos;
    for (const auto& [what, secret] : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << what << " found in " << path;
    }
  }
  EXPECT_TRUE(ref_seen);
}

}  // namespace
}  // namespace coop::testing
