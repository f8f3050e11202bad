// Identity and authority over a real server with authentication on (bearer tokens over
// plaintext loopback): every call is admitted by its principal's role, the principal decides
// who recorded, a recorder writes only in its areas, raw appends never reach the domain's
// streams, principals change on the running server, and failures are counted and logged
// without the token.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/auth_fixture.h"
#include "tests/support/event_builders.h"

namespace coop::testing {
namespace {

using grpc::StatusCode;

// The last event of the log, read in-process.
coop::v1::RecordedEvent LastEventOf(services::CoopServer& server) {
  eventstore::ReadAllQuery query;
  query.from_position = server.store().GetLogInfo().head_position();
  query.max_count = 1;
  auto page = server.store().ReadAll(query);
  EXPECT_TRUE(page.ok() && !page->events.empty());
  return page.ok() && !page->events.empty() ? page->events.back() : coop::v1::RecordedEvent();
}

class AccessControlTest : public AuthServerFixture {
 protected:
  grpc::StatusCode LogInfoAs(const std::string& principal) {
    auto stub = coop::v1::EventStore::NewStub(channel_);
    coop::v1::LogInfo info;
    return stub->GetLogInfo(As(principal).get(), {}, &info).error_code();
  }

  coop::v1::RecordedEvent LastEvent() { return LastEventOf(*server_); }

  grpc::Status AppendAs(const std::string& principal, const std::string& stream_id) {
    auto stub = coop::v1::EventStore::NewStub(channel_);
    coop::v1::AppendResponse response;
    return stub->Append(As(principal).get(), AppendTo(stream_id, Any()), &response);
  }
};

TEST_F(AccessControlTest, ACallWithoutCredentialsOrWithAnUnknownTokenIsUnauthenticated) {
  EXPECT_EQ(LogInfoAs(""), StatusCode::UNAUTHENTICATED);
  auto stub = coop::v1::EventStore::NewStub(channel_);
  coop::v1::LogInfo info;
  auto forged = As("");
  forged->AddMetadata("authorization", "Bearer coop_not-a-token-anyone-was-given");
  auto status = stub->GetLogInfo(forged.get(), {}, &info);
  EXPECT_EQ(status.error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_NE(status.error_message().find("unknown or revoked token"), std::string::npos);
  auto malformed = As("");
  malformed->AddMetadata("authorization", "Basic YWRtaW46YWRtaW4=");
  EXPECT_EQ(stub->GetLogInfo(malformed.get(), {}, &info).error_code(), StatusCode::UNAUTHENTICATED);
  // Counted and logged, without the token.
  EXPECT_EQ(server_->gate().failed_authentications(), 3u);
  const std::string log = log_.text();
  EXPECT_NE(log.find("authentication failed\",\"failures\":3,"), std::string::npos) << log;
  EXPECT_EQ(log.find("not-a-token-anyone-was-given"), std::string::npos) << log;
  EXPECT_EQ(log.find("YWRtaW46YWRtaW4"), std::string::npos) << log;
  // gRPC health stays open for probes.
  auto health = CheckHealth(channel_);
  ASSERT_OK(health);
  EXPECT_EQ(*health, Health::kServing);
}

TEST_F(AccessControlTest, EachRoleIsAdmittedToWhatItsRoleAllows) {
  // Raw events: admins, recorders, auditors; not readers.
  EXPECT_EQ(LogInfoAs("admin"), StatusCode::OK);
  EXPECT_EQ(LogInfoAs("recorder-u-minh"), StatusCode::OK);
  EXPECT_EQ(LogInfoAs("auditor"), StatusCode::OK);
  EXPECT_EQ(LogInfoAs("reader"), StatusCode::PERMISSION_DENIED);
  // Views: everyone.
  auto reporting = coop::v1::Reporting::NewStub(channel_);
  for (const char* who : {"admin", "recorder-u-minh", "auditor", "reader"}) {
    coop::v1::ProjectionStatusReply status;
    EXPECT_TRUE(reporting->GetProjectionStatus(As(who).get(), {}, &status).ok()) << who;
  }
  // Rebuilding a projection: admins only.
  coop::v1::RebuildProjectionRequest rebuild;
  rebuild.set_name("hall_registry");
  coop::v1::ProjectionStatus rebuilt;
  for (const char* who : {"recorder-u-minh", "auditor", "reader"}) {
    auto status = reporting->RebuildProjection(As(who).get(), rebuild, &rebuilt);
    EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED) << who;
    EXPECT_NE(status.error_message().find(std::string("principal '") + who), std::string::npos);
  }
  EXPECT_TRUE(reporting->RebuildProjection(As("admin").get(), rebuild, &rebuilt).ok());
  // Verifying the log: auditors and admins, not recorders.
  auto store = coop::v1::EventStore::NewStub(channel_);
  coop::v1::VerifyLogResponse verified;
  EXPECT_TRUE(store->VerifyLog(As("auditor").get(), {}, &verified).ok());
  EXPECT_EQ(store->VerifyLog(As("recorder-u-minh").get(), {}, &verified).error_code(),
            StatusCode::PERMISSION_DENIED);
  // Recording: recorders and admins; auditors and readers write nothing.
  const uint64_t head = LogHead();
  auto registry = coop::v1::Registry::NewStub(channel_);
  for (const char* who : {"auditor", "reader"}) {
    coop::v1::CommandReply reply;
    auto status =
        registry->RegisterCooperative(As(who).get(), Registration("2000000001", "32059"), &reply);
    EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED) << who;
  }
  EXPECT_EQ(LogHead(), head);
}

TEST_F(AccessControlTest, ThePrincipalDecidesWhoRecordedAndAHeaderCannotClaimOtherwise) {
  const std::string id = RegisterAs("recorder-u-minh", "2000000002", "32059");
  auto registered = LastEvent();
  EXPECT_EQ(registered.metadata().actor(), "recorder-u-minh");
  EXPECT_EQ(registered.metadata().agency(), kUMinhAgency);
  EXPECT_EQ(registered.metadata().principal(), "recorder-u-minh");

  const uint64_t head = LogHead();
  auto registry = coop::v1::Registry::NewStub(channel_);
  coop::v1::AdmitCooperativeMembersRequest admit;
  *admit.mutable_header() = Header("2024-10-01");
  admit.set_cooperative_id(id);
  admit.mutable_members_admitted()->mutable_members()->set_official(2);
  coop::v1::CommandReply reply;
  auto claiming = As("recorder-u-minh");
  claiming->AddMetadata("x-coop-actor", "minister-of-planning");
  auto status = registry->AdmitCooperativeMembers(claiming.get(), admit, &reply);
  EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_NE(status.error_message().find("x-coop-actor"), std::string::npos);
  auto other_agency = As("recorder-u-minh");
  other_agency->AddMetadata("x-coop-agency", "bo-ke-hoach");  // header values are ASCII
  EXPECT_EQ(registry->AdmitCooperativeMembers(other_agency.get(), admit, &reply).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(LogHead(), head) << "a refused command appends nothing";
  // Repeating the principal's own name is fine.
  auto honest = As("recorder-u-minh");
  honest->AddMetadata("x-coop-actor", "recorder-u-minh");
  EXPECT_TRUE(registry->AdmitCooperativeMembers(honest.get(), admit, &reply).ok());
}

TEST_F(AccessControlTest, ARecorderOutOfScopeGetsPermissionDeniedAndNothingIsAppended) {
  const std::string u_minh = RegisterAs("recorder-u-minh", "2000000003", "32059");
  const std::string thoi_binh = RegisterAs("admin", "2000000004", "32065");  // Thị trấn Thới Bình
  const uint64_t head = LogHead();
  auto registry = coop::v1::Registry::NewStub(channel_);
  coop::v1::CommandReply reply;
  // Creating in another district.
  auto status = registry->RegisterCooperative(As("recorder-thoi-binh").get(),
                                              Registration("2000000005", "32059"), &reply);
  EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_NE(status.error_message().find("recorder-thoi-binh"), std::string::npos);
  EXPECT_NE(status.error_message().find("32059 (2025-03)"), std::string::npos)
      << status.error_message();
  // Changing another district's cooperative.
  coop::v1::AdmitCooperativeMembersRequest admit;
  *admit.mutable_header() = Header("2024-10-01");
  admit.set_cooperative_id(thoi_binh);
  admit.mutable_members_admitted()->mutable_members()->set_official(2);
  EXPECT_EQ(
      registry->AdmitCooperativeMembers(As("recorder-u-minh").get(), admit, &reply).error_code(),
      StatusCode::PERMISSION_DENIED);
  // An OCOP product takes the area of its cooperative.
  auto programs = coop::v1::Programs::NewStub(channel_);
  coop::v1::EnrolOcopProductRequest enrol;
  *enrol.mutable_header() = Header("2024-11-01");
  enrol.mutable_enrolled()->set_cooperative_id(thoi_binh);
  enrol.mutable_enrolled()->set_product_name("Mật ong rừng U Minh");
  enrol.mutable_enrolled()->set_year(2024);
  EXPECT_EQ(programs->EnrolOcopProduct(As("recorder-u-minh").get(), enrol, &reply).error_code(),
            StatusCode::PERMISSION_DENIED);
  // A correction takes the scope of the stream it corrects.
  auto corrections = coop::v1::Corrections::NewStub(channel_);
  coop::v1::VoidEventRequest void_request;
  *void_request.mutable_header() = Header("2024-11-01");
  void_request.set_stream_id("coop-" + thoi_binh);
  void_request.set_event_id(base::NewRandomUuid());
  void_request.set_reason("nhập nhầm / entered by mistake");
  EXPECT_EQ(corrections->VoidEvent(As("recorder-u-minh").get(), void_request, &reply).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(LogHead(), head) << "nothing appended";
  // In scope, the same commands go through.
  admit.set_cooperative_id(u_minh);
  *admit.mutable_header() = Header("2024-10-01");
  EXPECT_TRUE(registry->AdmitCooperativeMembers(As("recorder-u-minh").get(), admit, &reply).ok());
  enrol.mutable_enrolled()->set_cooperative_id(u_minh);
  *enrol.mutable_header() = Header("2024-11-01");
  auto enrolled = programs->EnrolOcopProduct(As("recorder-u-minh").get(), enrol, &reply);
  EXPECT_TRUE(enrolled.ok()) << enrolled.error_message();
  enrol.mutable_enrolled()->set_cooperative_id(thoi_binh);
  *enrol.mutable_header() = Header("2024-11-01");
  EXPECT_TRUE(programs->EnrolOcopProduct(As("recorder-thoi-binh").get(), enrol, &reply).ok());
}

TEST_F(AccessControlTest, AScopeCoversTheSameUnitsInTheOtherUnitSet) {
  // A district scope of 2025-03 covers a commune of 2025-07 that one of its communes went
  // into (32044 Thị trấn U Minh became 32044 Xã Nguyễn Phích).
  EXPECT_FALSE(RegisterAs("recorder-u-minh", "2000000006", "32044", "2025-07").empty());
  auto registry = coop::v1::Registry::NewStub(channel_);
  coop::v1::CommandReply reply;
  EXPECT_EQ(registry
                ->RegisterCooperative(As("recorder-thoi-binh").get(),
                                      Registration("2000000007", "32044", "2025-07"), &reply)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
}

TEST_F(AccessControlTest, RawAppendsToTheDomainsStreamsAreRefusedForEveryPrincipal) {
  const uint64_t head = LogHead();
  for (const char* stream :
       {"coop-1", "COOP-1", "Coop-1", "coopcode-2000000001", "group-1", "hall-1", "class-1",
        "ocop-1", "grant-1", "placement-1", "plan-2025-03-966-2025"}) {
    auto status = AppendAs("admin", stream);
    EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED) << stream;
    EXPECT_NE(status.error_message().find("command services"), std::string::npos) << stream;
  }
  EXPECT_EQ(LogHead(), head);
  // Outside the domain's categories an admin may append, as itself whatever the request says;
  // a recorder may not append raw.
  auto stub = coop::v1::EventStore::NewStub(channel_);
  auto request = AppendTo("ledger-1", Any());
  request.mutable_streams(0)->mutable_events(0)->mutable_metadata()->set_actor("someone-else");
  request.mutable_streams(0)->mutable_events(0)->mutable_metadata()->set_principal("auditor");
  coop::v1::AppendResponse response;
  ASSERT_TRUE(stub->Append(As("admin").get(), request, &response).ok());
  EXPECT_EQ(LastEvent().metadata().actor(), "admin");
  EXPECT_EQ(LastEvent().metadata().principal(), "admin");
  EXPECT_EQ(AppendAs("recorder-u-minh", "ledger-2").error_code(), StatusCode::PERMISSION_DENIED);
}

TEST_F(AccessControlTest, RevokingAndAddingAPrincipalTakeEffectOnTheRunningServer) {
  ASSERT_EQ(LogInfoAs("auditor"), StatusCode::OK);
  // Revoke the auditor and add a second auditor, by rewriting the file.
  file_.mutable_principals(3)->set_revoked(true);
  AddPrincipal("auditor-2", "auditor", "Kiểm toán nhà nước");
  SavePrincipals();
  auto waited = [&](const std::string& who, StatusCode want) {
    for (int i = 0; i < 100 && LogInfoAs(who) != want; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return LogInfoAs(who);
  };
  EXPECT_EQ(waited("auditor", StatusCode::UNAUTHENTICATED), StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(waited("auditor-2", StatusCode::OK), StatusCode::OK);
  // A broken file keeps the principals in force, and says so in the log.
  {
    std::ofstream broken(principals_path(), std::ios::trunc);
    broken << "{ not json";
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(LogInfoAs("auditor-2"), StatusCode::OK);
  EXPECT_NE(log_.text().find("the previous one stays"), std::string::npos) << log_.text();
  // SIGHUP's path (RequestReload) re-reads the file even when it did not change.
  SavePrincipals();
  EXPECT_EQ(waited("auditor-2", StatusCode::OK), StatusCode::OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the watcher has seen it
  auto loads = [&] {
    const std::string text = log_.text();
    size_t count = 0;
    for (size_t at = text.find("principals file loaded"); at != std::string::npos;
         at = text.find("principals file loaded", at + 1)) {
      ++count;
    }
    return count;
  };
  const size_t before = loads();
  server_->gate().RequestReload();
  for (int i = 0; i < 100 && loads() == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(loads(), before + 1);
}

class DemoWithAuthenticationTest : public AuthServerFixture {
 protected:
  void Configure(services::ServerOptions& options) override { options.demo = true; }
};

TEST_F(DemoWithAuthenticationTest, TheDemoLoadsAsTheLocalAdminWhenAuthenticationIsOn) {
  // coopd's own demo loader is admitted by its in-memory credential, not by who calls.
  EXPECT_GT(LogHead(), 15'000u);
  auto last = LastEventOf(*server_);
  EXPECT_EQ(last.metadata().principal(), "local-admin (unauthenticated)");
  EXPECT_EQ(last.metadata().actor(), "demo");
  EXPECT_EQ(server_->gate().failed_authentications(), 0u);
}

TEST(LoopbackTest, OnlyLoopbackAddressesAndPeersCount) {
  EXPECT_TRUE(services::IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(services::IsLoopbackAddress("127.1.2.3:0"));
  EXPECT_TRUE(services::IsLoopbackAddress("localhost:50051"));
  EXPECT_TRUE(services::IsLoopbackAddress("[::1]:50051"));
  EXPECT_FALSE(services::IsLoopbackAddress("0.0.0.0:50051"));
  EXPECT_FALSE(services::IsLoopbackAddress("127.example.org:50051")) << "a name, not an address";
  EXPECT_FALSE(services::IsLoopbackAddress("10.0.0.7:50051"));
  EXPECT_TRUE(services::IsLoopbackPeer("ipv4:127.0.0.1:41234"));
  EXPECT_TRUE(services::IsLoopbackPeer("ipv6:[::1]:41234"));
  EXPECT_FALSE(services::IsLoopbackPeer("ipv4:10.0.0.7:41234"));
}

TEST_F(AccessControlTest, PlaintextIsRefusedOffLoopbackUnlessAskedForAndOpenModeIsLoopbackOnly) {
  services::ServerOptions options;
  options.data_dir = dir_.Sub("other");
  options.listen = "0.0.0.0:0";
  auto open = services::CoopServer::Start(options);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(open.status().message().find("--auth_config"), std::string::npos);
  options.auth_config = principals_path();
  auto plaintext = services::CoopServer::Start(options);
  ASSERT_FALSE(plaintext.ok());
  EXPECT_EQ(plaintext.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(plaintext.status().message().find("--allow_plaintext"), std::string::npos);
}

}  // namespace
}  // namespace coop::testing
