// A real coopd server, in-process, with authentication on: a principals file written by the
// test (an admin, two district recorders, an auditor, a reader, and principals for client
// certificates), its tokens kept here, and helpers to call as each of them. One per test.
#ifndef COOPLEDGER_TESTS_SERVICES_AUTH_FIXTURE_H_
#define COOPLEDGER_TESTS_SERVICES_AUTH_FIXTURE_H_

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

#include "absl/synchronization/mutex.h"
#include "access/access_token.h"
#include "access/auth_config.h"
#include "base/json_log.h"
#include "base/uuid.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "services/server.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_support.h"

namespace coop::testing {

// The district offices of the tests: Huyện U Minh (966) and Huyện Thới Bình (967), Cà Mau.
inline constexpr char kUMinhAgency[] = "Phòng Kinh tế huyện U Minh";
inline constexpr char kThoiBinhAgency[] = "Phòng Kinh tế huyện Thới Bình";

// An ostream that several server threads may write at once (coopd's log), read by the test.
class LockedLog : public std::ostream {
 public:
  LockedLog() : std::ostream(&buffer_) {}
  std::string text() const { return buffer_.text(); }

 private:
  class Buffer : public std::streambuf {
   public:
    std::string text() const {
      absl::MutexLock lock(&mu_);
      return text_;
    }

   protected:
    int overflow(int c) override {
      if (c == EOF) return 0;
      absl::MutexLock lock(&mu_);
      text_.push_back(static_cast<char>(c));
      return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      absl::MutexLock lock(&mu_);
      text_.append(s, static_cast<size_t>(n));
      return n;
    }

   private:
    mutable absl::Mutex mu_;
    std::string text_ ABSL_GUARDED_BY(mu_);
  };
  Buffer buffer_;
};

class AuthServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    AddPrincipal("admin", "admin", "Sở Tài chính tỉnh Cà Mau");
    AddPrincipal("recorder-u-minh", "recorder", kUMinhAgency, {{"966", "2025-03"}});
    AddPrincipal("recorder-thoi-binh", "recorder", kThoiBinhAgency, {{"967", "2025-03"}});
    AddPrincipal("auditor", "auditor", "Thanh tra tỉnh");
    AddPrincipal("reader", "reader", "Liên minh HTX tỉnh");
    ExtraPrincipals(file_);
    SavePrincipals();
    StartServer();
  }

  // Lets a test add principals (e.g. for certificates) before the file is first written.
  virtual void ExtraPrincipals(coop::v1::AuthConfig& /*file*/) {}
  // Lets a test change the server's options before it starts.
  virtual void Configure(services::ServerOptions& /*options*/) {}

  void AddPrincipal(const std::string& name, const std::string& role, const std::string& agency,
                    std::vector<std::pair<std::string, std::string>> areas = {}) {
    auto token = access::NewAccessToken();
    ASSERT_TRUE(token.ok());
    tokens_[name] = *token;
    auto* entry = file_.add_principals();
    entry->set_name(name);
    entry->set_role(role);
    entry->set_agency(agency);
    entry->set_token_sha256(access::Sha256Hex(*token));
    for (const auto& [code, unit_set] : areas) {
      auto* area = entry->add_areas();
      area->set_code(code);
      area->set_unit_set(unit_set);
    }
  }

  void SavePrincipals() { ASSERT_OK(access::SaveAuthConfig(principals_path(), file_)); }
  std::string principals_path() const { return dir_.Sub("principals.json"); }

  void StartServer() {
    services::ServerOptions options;
    options.data_dir = dir_.Sub("store");
    options.listen = "127.0.0.1:0";
    options.auth_config = principals_path();
    options.log = &json_log_;
    Configure(options);
    auto server = services::CoopServer::Start(options);
    ASSERT_OK(server);
    server_ = std::move(*server);
    channel_ = TestChannel(server_->address());
  }

  // A context for a call as `principal` (its bearer token); "" for no credentials.
  std::unique_ptr<grpc::ClientContext> As(const std::string& principal, int timeout_ms = 10'000) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
    if (!principal.empty()) context->AddMetadata("authorization", "Bearer " + tokens_[principal]);
    return context;
  }

  static coop::v1::CommandHeader Header(const std::string& occurred_on = "2024-09-01") {
    coop::v1::CommandHeader header;
    header.set_command_id(base::NewRandomUuid());
    header.set_occurred_on(occurred_on);
    return header;
  }

  // A cooperative registration in commune `commune` (2025-03 unless said otherwise).
  static coop::v1::RegisterCooperativeRequest Registration(
      const std::string& code, const std::string& commune,
      const std::string& unit_set = "2025-03") {
    coop::v1::RegisterCooperativeRequest request;
    *request.mutable_header() = Header(unit_set == "2025-07" ? "2025-09-01" : "2024-09-01");
    auto* r = request.mutable_registration();
    r->set_code(code);
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX " + code);
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code(commune);
    r->mutable_address()->set_unit_set(unit_set);
    r->set_charter_capital_vnd(500'000'000);
    r->mutable_members()->set_official(9);
    r->set_origin(coop::v1::ORIGIN_NEW);
    return request;
  }

  // Registers a cooperative as `principal`; its id, or "" (the test has failed then).
  std::string RegisterAs(const std::string& principal, const std::string& code,
                         const std::string& commune, const std::string& unit_set = "2025-03") {
    auto registry = coop::v1::Registry::NewStub(channel_);
    coop::v1::CommandReply reply;
    auto status = registry->RegisterCooperative(As(principal).get(),
                                                Registration(code, commune, unit_set), &reply);
    EXPECT_TRUE(status.ok()) << principal << ": " << status.error_message();
    return reply.aggregate_id();
  }

  uint64_t LogHead() { return server_->store().GetLogInfo().head_position(); }

  TempDir dir_;
  coop::v1::AuthConfig file_;
  std::map<std::string, std::string> tokens_;  // principal name -> token
  LockedLog log_;                              // coopd's log lines
  const base::JsonLog json_log_{&log_, base::LogLevel::kDebug};
  std::unique_ptr<services::CoopServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SERVICES_AUTH_FIXTURE_H_
