// Erasing a person's details (crypto-shredding, issue 13) over a real server with real RocksDB
// folders: People.ForgetPerson records the erasure in the log and destroys the person's key
// and details in the vault, for good.
//
// How the stored bytes are read: with the server stopped, the vault's RocksDB folder
// (<data_dir>/people) is opened read-only beside the vault's code (tests/vault/raw_vault.h) and
// the person's wrapped key (family person_keys) and sealed details (person_details) are read
// under the ref's 16 bytes; the server is then started again on the same folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/annual_figures.h"
#include "tests/services/auth_fixture.h"
#include "tests/services/server_fixture.h"
#include "tests/vault/raw_vault.h"
#include "vault/master_key.h"
#include "vault/person_vault.h"

namespace coop::testing {
namespace {

using vault::PersonVault;

constexpr char kName[] = "Đặng Thị Thu Hằng Quetzal";
constexpr char kGround[] = "yêu cầu của chủ thể dữ liệu / data subject's request";
constexpr char kKeyLabel[] = "coopledger/person-key/v1/";
constexpr char kDetailsLabel[] = "coopledger/person-details/v1/";

class PersonErasureTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    Stubs();
  }
  void Configure(services::ServerOptions& options) override {
    // 10:00 in Vietnam (UTC+7) on 5 December 2026: the day of every erasure here.
    options.clock = [] {
      return absl::FromCivil(absl::CivilSecond(2026, 12, 5, 3, 0, 0), absl::UTCTimeZone());
    };
  }
  void Stubs() {
    people_ = coop::v1::People::NewStub(channel_);
    registry_ = coop::v1::Registry::NewStub(channel_);
    programs_ = coop::v1::Programs::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);
  }
  void Stop() {
    server_->Shutdown();
    server_.reset();
  }
  void Start() {
    StartServer();
    Stubs();
  }
  std::string DataDir() const { return dir_.Sub("store"); }
  std::string VaultDir() const { return dir_.Sub("store/people"); }

  coop::v1::RecordPersonRequest Recording() {
    coop::v1::RecordPersonRequest request;
    *request.mutable_header() = Header();
    request.mutable_details()->set_full_name(kName);
    request.mutable_details()->set_identity_number("089199054321");
    request.mutable_details()->set_phone("0912 000 111");
    request.mutable_area()->set_code("966");
    request.mutable_area()->set_unit_set("2025-03");
    return request;
  }
  std::string Record(const coop::v1::RecordPersonRequest& request) {
    coop::v1::RecordPersonReply reply;
    const grpc::Status status = people_->RecordPerson(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.person_ref();
  }
  // A cooperative in xã Khánh An (U Minh), and `ref` placed there as a graduate; the
  // placement's stream.
  std::string PlaceAtACooperative(const std::string& ref, const std::string& code) {
    coop::v1::RegisterCooperativeRequest registration;
    *registration.mutable_header() = Header("2024-09-01");
    auto* r = registration.mutable_registration();
    r->set_code(code);
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Khánh An");
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code("32059");
    r->mutable_address()->set_unit_set("2025-03");
    r->mutable_members()->set_official(9);
    coop::v1::CommandReply registered;
    EXPECT_TRUE(registry_->RegisterCooperative(Context().get(), registration, &registered).ok());
    coop::v1::PlaceGraduateRequest place;
    *place.mutable_header() = Header("2024-10-01");
    place.mutable_placed()->set_person_ref(ref);
    place.mutable_placed()->set_degree(coop::v1::DEGREE_UNIVERSITY);
    place.mutable_placed()->set_field("aquaculture");
    place.mutable_placed()->set_cooperative_id(registered.aggregate_id());
    place.mutable_placed()->set_planned_term_months(24);
    coop::v1::CommandReply placed;
    const grpc::Status status = programs_->PlaceGraduate(Context().get(), place, &placed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return placed.stream_id();
  }
  grpc::Status Forget(const std::string& ref, const std::string& ground,
                      coop::v1::CommandReply* reply,
                      const std::string& command_id = base::NewRandomUuid()) {
    coop::v1::ForgetPersonRequest request;
    *request.mutable_header() = Header("2026-12-05", command_id);
    request.set_person_ref(ref);
    request.set_ground(ground);
    return people_->ForgetPerson(Context().get(), request, reply);
  }
  coop::v1::PersonDetails Get(const std::string& ref) {
    coop::v1::GetPersonRequest request;
    request.set_person_ref(ref);
    coop::v1::PersonDetails details;
    const grpc::Status status = people_->GetPerson(Context().get(), request, &details);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return details;
  }
  // The sentence of the history line of `stream` whose event has `type`.
  std::string Sentence(const std::string& stream, const std::string& type,
                       const std::string& lang) {
    coop::v1::HistoryRequest request;
    request.set_stream_id(stream);
    request.set_lang(lang);
    coop::v1::HistoryReply reply;
    const grpc::Status status = reporting_->GetHistory(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& line : reply.lines()) {
      if (line.event_type() == type) return line.sentence();
    }
    ADD_FAILURE() << "no " << type << " in " << stream;
    return "";
  }
  // Every figure of 2024 for the district of U Minh, with every event applied.
  std::map<std::string, int64_t> Figures() {
    coop::v1::AnnualStatisticsRequest request;
    request.mutable_scope()->mutable_area()->set_code("966");
    request.mutable_scope()->mutable_area()->set_unit_set("2025-03");
    request.mutable_scope()->set_year(2024);
    request.set_min_position(server_->store().GetLogInfo().head_position());
    return AnnualFigures(reporting_.get(), request);
  }
  bool LogVerifies() {
    coop::v1::VerifyLogResponse verified;
    const grpc::Status status =
        stub_->VerifyLog(Context().get(), coop::v1::VerifyLogRequest(), &verified);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return verified.ok();
  }
  static void ExpectRefused(const grpc::Status& status, grpc::StatusCode code,
                            const std::string& start) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_EQ(status.error_message().rfind(start, 0), 0u) << status.error_message();
  }

  std::unique_ptr<coop::v1::People::Stub> people_;
  std::unique_ptr<coop::v1::Registry::Stub> registry_;
  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
};

TEST_F(PersonErasureTest, ForgottenForGoodWhileTheLogAndTheFiguresStayTheSame) {
  const auto recording = Recording();
  const std::string ref = Record(recording);
  const std::string placement = PlaceAtACooperative(ref, "2300000101");
  const auto figures_before = Figures();
  EXPECT_EQ(figures_before.at("graduates.started"), 1) << "the placement counts";
  const uint64_t head_before = server_->store().GetLogInfo().head_position();
  auto root_before = server_->store().TreeRoot(head_before);
  ASSERT_OK(root_before);
  EXPECT_TRUE(LogVerifies());

  // The person's stored bytes, read with the server stopped.
  Stop();
  std::string wrapped, sealed;
  {
    auto raw = RawVault::Open(VaultDir());
    ASSERT_NE(raw, nullptr);
    wrapped = raw->Get(PersonVault::kKeysFamily, ref).value_or("");
    sealed = raw->Get(PersonVault::kDetailsFamily, ref).value_or("");
  }
  ASSERT_EQ(wrapped.size(), 1u + 12 + 32 + 16);
  ASSERT_FALSE(sealed.empty());
  std::string where;
  ASSERT_TRUE(AnyFileContains(DataDir(), wrapped, &where)) << "the scan finds the key first";
  Start();

  // Missing ground: INVALID_ARGUMENT naming the field, nothing written.
  coop::v1::CommandReply reply;
  ExpectRefused(Forget(ref, "", &reply), grpc::StatusCode::INVALID_ARGUMENT,
                "[PERSON-01] ground: is required");
  ExpectRefused(Forget(ref, " ", &reply), grpc::StatusCode::INVALID_ARGUMENT,
                "[COMMON-05] ground:");
  EXPECT_EQ(server_->store().GetLogInfo().head_position(), head_before);

  const std::string command_id = base::NewRandomUuid();
  ASSERT_TRUE(Forget(ref, kGround, &reply, command_id).ok());
  EXPECT_EQ(reply.stream_id(), "person-" + ref);
  EXPECT_EQ(reply.position(), head_before + 1);
  EXPECT_FALSE(reply.duplicate());
  coop::v1::CommandReply retried;
  ASSERT_TRUE(Forget(ref, kGround, &retried, command_id).ok());
  EXPECT_TRUE(retried.duplicate()) << "idempotent by command id";
  EXPECT_EQ(retried.position(), reply.position());
  ExpectRefused(Forget(ref, "another request", &retried), grpc::StatusCode::FAILED_PRECONDITION,
                "[PERSON-04] person_ref: person " + ref + " was already erased on 2026-12-05");

  // The erasure is an event: the ref, the ground, who — no personal data.
  const auto erasure_events = StreamOf("person-" + ref);
  ASSERT_EQ(erasure_events.size(), 1u);
  EXPECT_EQ(erasure_events[0].type(), "coop.v1.PersonErased");
  EXPECT_EQ(erasure_events[0].occurred_on(), "2026-12-05");
  EXPECT_EQ(erasure_events[0].metadata().principal(), "local-admin (unauthenticated)");
  EXPECT_EQ(erasure_events[0].payload().find("Quetzal"), std::string::npos);

  // A retried RecordPerson (same command id, so the same derived ref) and an update are
  // refused, naming the rule.
  coop::v1::RecordPersonReply recorded;
  ExpectRefused(people_->RecordPerson(Context().get(), recording, &recorded),
                grpc::StatusCode::FAILED_PRECONDITION,
                "[PERSON-05] header.command_id: person " + ref + " was erased on 2026-12-05");
  coop::v1::UpdatePersonRequest update;
  *update.mutable_header() = Header();
  update.set_person_ref(ref);
  *update.mutable_details() = recording.details();
  ExpectRefused(people_->UpdatePerson(Context().get(), update, &recorded),
                grpc::StatusCode::FAILED_PRECONDITION, "[PERSON-05] person_ref: person " + ref);

  // Shown as erased, with the date.
  const coop::v1::PersonDetails got = Get(ref);
  EXPECT_EQ(got.erasure().erased_on(), "2026-12-05");
  EXPECT_EQ(got.erasure().ground(), kGround);
  EXPECT_EQ(got.erasure().position(), reply.position());
  EXPECT_TRUE(got.full_name().empty());
  EXPECT_TRUE(got.identity_number().empty());
  const std::string vi = Sentence(placement, "coop.v1.GraduatePlaced", "vi");
  EXPECT_NE(vi.find(absl::StrCat("cán bộ trẻ ", ref, " (đã xoá dữ liệu cá nhân ngày 05/12/2026)")),
            std::string::npos)
      << vi;
  const std::string en = Sentence(placement, "coop.v1.GraduatePlaced", "en");
  EXPECT_NE(en.find(absl::StrCat("graduate ", ref, " (personal data erased on 5 December 2026)")),
            std::string::npos)
      << en;
  EXPECT_EQ(Sentence("person-" + ref, "coop.v1.PersonErased", "vi"),
            absl::StrCat("Xoá dữ liệu cá nhân của một người: căn cứ xoá ", kGround));
  EXPECT_EQ(Sentence("person-" + ref, "coop.v1.PersonErased", "en"),
            absl::StrCat("Personal data erased: ground for erasure ", kGround));

  // Nothing else changed: the chain verifies, the tree of the old size has the same root, and
  // every figure is the same.
  EXPECT_TRUE(LogVerifies());
  auto root_after = server_->store().TreeRoot(head_before);
  ASSERT_OK(root_after);
  EXPECT_EQ(*root_after, *root_before);
  EXPECT_EQ(Figures(), figures_before);

  // Nothing is left on disk: no file of the data folder (the vault's WAL, SST, MANIFEST and
  // LOG files, and every other) holds the wrapped key or the sealed details.
  Stop();
  EXPECT_FALSE(AnyFileContains(DataDir(), wrapped, &where)) << where;
  EXPECT_FALSE(AnyFileContains(DataDir(), sealed, &where)) << where;
  EXPECT_FALSE(AnyFileContains(DataDir(), kName, &where)) << where;
  // And the saved ciphertext opens under no key the folder holds: the master key, and every
  // data key still wrapped in the vault.
  auto master = vault::LoadMasterKey(dir_.Sub("store/master.key"));
  ASSERT_OK(master);
  const std::string master_bytes(reinterpret_cast<const char*>(master->data()), 32);
  std::vector<std::string> keys = {master_bytes};
  {
    auto raw = RawVault::Open(VaultDir());
    ASSERT_NE(raw, nullptr);
    for (const auto& [other, other_wrapped] : raw->All(PersonVault::kKeysFamily)) {
      auto data_key = OpenSealed(master_bytes, kKeyLabel + other, other_wrapped);
      ASSERT_TRUE(data_key.has_value()) << other;
      keys.push_back(*data_key);
    }
    EXPECT_FALSE(raw->Get(PersonVault::kKeysFamily, ref).has_value());
    EXPECT_TRUE(raw->Get(PersonVault::kErasuresFamily, ref).has_value()) << "the tombstone";
  }
  for (const auto& key : keys) {
    EXPECT_FALSE(OpenSealed(key, kDetailsLabel + ref, sealed).has_value());
  }
  // The check itself works: the saved wrapped key does open the saved details.
  auto erased_key = OpenSealed(master_bytes, kKeyLabel + ref, wrapped);
  ASSERT_TRUE(erased_key.has_value());
  EXPECT_TRUE(OpenSealed(*erased_key, kDetailsLabel + ref, sealed).has_value());
}

TEST_F(PersonErasureTest, AnOlderCopyOfTheVaultPutBackIsErasedAgainOnStart) {
  const auto recording = Recording();
  const std::string ref = Record(recording);
  const std::string kept = Record(Recording());  // another person, not erased
  Stop();
  std::string wrapped;
  {
    auto raw = RawVault::Open(VaultDir());
    ASSERT_NE(raw, nullptr);
    wrapped = raw->Get(PersonVault::kKeysFamily, ref).value_or("");
  }
  ASSERT_FALSE(wrapped.empty());
  const std::string copy = dir_.Sub("people-copy");
  std::filesystem::copy(VaultDir(), copy, std::filesystem::copy_options::recursive);
  Start();
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Forget(ref, kGround, &reply).ok());
  Stop();
  std::filesystem::remove_all(VaultDir());
  std::filesystem::copy(copy, VaultDir(), std::filesystem::copy_options::recursive);
  std::string where;
  ASSERT_TRUE(AnyFileContains(VaultDir(), wrapped, &where)) << "the old copy holds the key";

  Start();  // re-applies the log's erasures before serving
  EXPECT_EQ(Get(ref).erasure().erased_on(), "2026-12-05");
  EXPECT_EQ(Get(kept).full_name(), kName) << "only the erased person";
  coop::v1::RecordPersonReply recorded;
  EXPECT_EQ(people_->RecordPerson(Context().get(), recording, &recorded).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  Stop();
  EXPECT_FALSE(AnyFileContains(DataDir(), wrapped, &where)) << where;
}

TEST_F(PersonErasureTest, ARefWithoutDetailsOnThisNodeIsSaidSoInTheHistory) {
  // A node restored from an export (no personal data) has the log's refs without details.
  const std::string ref = base::NewRandomUuid();
  const std::string placement = PlaceAtACooperative(ref, "2300000102");
  EXPECT_NE(Sentence(placement, "coop.v1.GraduatePlaced", "vi")
                .find(ref + " (không có thông tin cá nhân trên máy chủ này)"),
            std::string::npos);
  EXPECT_NE(
      Sentence(placement, "coop.v1.GraduatePlaced", "en").find(ref + " (details not on this node)"),
      std::string::npos);
  // A person held here reads as before: the ref alone, never a detail.
  const std::string held = Record(Recording());
  const std::string other = PlaceAtACooperative(held, "2300000103");
  const std::string sentence = Sentence(other, "coop.v1.GraduatePlaced", "vi");
  EXPECT_NE(sentence.find("cán bộ trẻ " + held + ","), std::string::npos) << sentence;
  EXPECT_EQ(sentence.find("Quetzal"), std::string::npos);
}

TEST_F(PersonErasureTest, AnUnknownOrMalformedRefIsRefusedAndNothingIsWritten) {
  coop::v1::CommandReply reply;
  const std::string unknown = base::NewRandomUuid();
  ExpectRefused(Forget(unknown, kGround, &reply), grpc::StatusCode::NOT_FOUND,
                "[PERSON-03] person_ref: no person " + unknown);
  ExpectRefused(Forget("Nguyễn Văn A", kGround, &reply), grpc::StatusCode::INVALID_ARGUMENT,
                "[PERSON-02] person_ref:");
  ExpectRefused(Forget("", kGround, &reply), grpc::StatusCode::INVALID_ARGUMENT,
                "[COMMON-03] person_ref: is required");
  EXPECT_EQ(server_->store().GetLogInfo().head_position(), 0u);
}

TEST_F(PersonErasureTest, AnErasureIsNeitherCorrectedNorWrittenByARawAppend) {
  const std::string ref = Record(Recording());
  coop::v1::CommandReply reply;
  ASSERT_TRUE(Forget(ref, kGround, &reply).ok());
  const auto events = StreamOf("person-" + ref);
  ASSERT_EQ(events.size(), 1u);
  coop::v1::VoidEventRequest void_request;
  *void_request.mutable_header() = Header("2026-12-05");
  void_request.set_stream_id("person-" + ref);
  void_request.set_event_id(events[0].event_id());
  void_request.set_reason("by mistake");
  coop::v1::CommandReply voided;
  ExpectRefused(corrections_->VoidEvent(Context().get(), void_request, &voided),
                grpc::StatusCode::FAILED_PRECONDITION, "[PERSON-05] stream_id:");
  coop::v1::AppendRequest raw;
  auto* stream = raw.add_streams();
  stream->set_stream_id("person-" + ref);
  stream->mutable_expected()->set_kind(coop::v1::ExpectedVersion::ANY);
  auto* event = stream->add_events();
  event->set_event_id(base::NewRandomUuid());
  event->set_type("coop.v1.PersonErased");
  EXPECT_EQ(Append(raw).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

class PersonErasureAccessTest : public AuthServerFixture {};

TEST_F(PersonErasureAccessTest, OnlyAnAdminErases) {
  auto people = coop::v1::People::NewStub(channel_);
  coop::v1::RecordPersonRequest record;
  *record.mutable_header() = Header();
  record.mutable_details()->set_full_name(kName);
  record.mutable_area()->set_code("966");
  record.mutable_area()->set_unit_set("2025-03");
  coop::v1::RecordPersonReply recorded;
  ASSERT_TRUE(people->RecordPerson(As("recorder-u-minh").get(), record, &recorded).ok());
  coop::v1::ForgetPersonRequest forget;
  *forget.mutable_header() = Header();
  forget.set_person_ref(recorded.person_ref());
  forget.set_ground(kGround);
  coop::v1::CommandReply reply;
  for (const char* who : {"recorder-u-minh", "auditor", "reader"}) {
    const grpc::Status status = people->ForgetPerson(As(who).get(), forget, &reply);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << who;
  }
  EXPECT_EQ(server_->store().GetLogInfo().head_position(), 0u);
  const grpc::Status status = people->ForgetPerson(As("admin").get(), forget, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  coop::v1::GetPersonRequest get;
  get.set_person_ref(recorded.person_ref());
  coop::v1::PersonDetails details;
  // The recorder of the person's area still learns that it was erased, and nothing else.
  const grpc::Status read = people->GetPerson(As("recorder-u-minh").get(), get, &details);
  ASSERT_TRUE(read.ok()) << read.error_message();
  EXPECT_EQ(details.erasure().erased_on().size(), 10u);
  EXPECT_TRUE(details.full_name().empty());
  EXPECT_EQ(people->GetPerson(As("recorder-thoi-binh").get(), get, &details).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The erasure's actor is the admin, from its credentials.
  const auto events = server_->store().ReadStream([&] {
    coop::v1::ReadStreamRequest read;
    read.set_stream_id("person-" + recorded.person_ref());
    return read;
  }());
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().metadata().actor(), "admin");
}

}  // namespace
}  // namespace coop::testing
