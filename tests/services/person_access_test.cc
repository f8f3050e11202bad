// Personal details with authentication on: admins and recorders of the person's areas read
// and change them, auditors list who did (and read no details), readers nothing; the areas are
// what the person was recorded for plus the cooperatives whose placements name the person.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "absl/synchronization/notification.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/auth_fixture.h"

namespace coop::testing {
namespace {

using grpc::StatusCode;

class PersonAccessTest : public AuthServerFixture {
 protected:
  void SetUp() override {
    AuthServerFixture::SetUp();
    people_ = coop::v1::People::NewStub(channel_);
  }

  // Records a person for district `district` (2025-03) as `who`; the ref.
  std::string RecordFor(const std::string& who, const std::string& district) {
    coop::v1::RecordPersonRequest request;
    *request.mutable_header() = Header();
    request.mutable_details()->set_full_name("Nguyễn Thị Hoa");
    request.mutable_details()->set_identity_number("096123456789");
    request.mutable_area()->set_code(district);
    request.mutable_area()->set_unit_set("2025-03");
    coop::v1::RecordPersonReply reply;
    auto status = people_->RecordPerson(As(who).get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.person_ref();
  }

  StatusCode Read(const std::string& who, const std::string& ref) {
    coop::v1::GetPersonRequest request;
    request.set_person_ref(ref);
    coop::v1::PersonDetails details;
    return people_->GetPerson(As(who).get(), request, &details).error_code();
  }

  // Places person `ref` at `cooperative` as `who` (PlaceGraduate).
  grpc::Status PlaceAt(const std::string& who, const std::string& ref,
                       const std::string& cooperative) {
    coop::v1::PlaceGraduateRequest request;
    *request.mutable_header() = Header("2024-10-01");
    request.mutable_placed()->set_person_ref(ref);
    request.mutable_placed()->set_cooperative_id(cooperative);
    request.mutable_placed()->set_degree(coop::v1::DEGREE_UNIVERSITY);
    request.mutable_placed()->set_field("nông học");
    request.mutable_placed()->set_planned_term_months(24);
    coop::v1::CommandReply placed;
    return coop::v1::Programs::NewStub(channel_)->PlaceGraduate(As(who).get(), request, &placed);
  }

  // GetCooperative as an admin, waiting (min_position) for the log's head; true if found.
  bool RegistryHolds(const std::string& cooperative, bool wait_for_head = true) {
    coop::v1::GetCooperativeRequest get;
    get.set_cooperative_id(cooperative);
    if (wait_for_head) get.set_min_position(LogHead());
    coop::v1::CooperativeView view;
    return coop::v1::Reporting::NewStub(channel_)
        ->GetCooperative(As("admin").get(), get, &view)
        .ok();
  }

  std::unique_ptr<coop::v1::People::Stub> people_;
};

TEST_F(PersonAccessTest, OnlyAdminsAndRecordersOfThePersonsAreasReadOrChangeDetails) {
  const std::string ref = RecordFor("recorder-u-minh", "966");
  EXPECT_EQ(Read("recorder-u-minh", ref), StatusCode::OK);
  EXPECT_EQ(Read("admin", ref), StatusCode::OK);
  EXPECT_EQ(Read("recorder-thoi-binh", ref), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read("auditor", ref), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read("reader", ref), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read("", ref), StatusCode::UNAUTHENTICATED);
  coop::v1::UpdatePersonRequest update;
  *update.mutable_header() = Header();
  update.set_person_ref(ref);
  update.mutable_details()->set_full_name("Someone Else");
  coop::v1::RecordPersonReply reply;
  EXPECT_EQ(people_->UpdatePerson(As("recorder-thoi-binh").get(), update, &reply).error_code(),
            StatusCode::PERMISSION_DENIED);
  // A recorder records only for its own areas.
  coop::v1::RecordPersonRequest elsewhere;
  *elsewhere.mutable_header() = Header();
  elsewhere.mutable_details()->set_full_name("Trần Văn Nam");
  elsewhere.mutable_area()->set_code("967");
  elsewhere.mutable_area()->set_unit_set("2025-03");
  EXPECT_EQ(people_->RecordPerson(As("recorder-u-minh").get(), elsewhere, &reply).error_code(),
            StatusCode::PERMISSION_DENIED);
  // The refused update changed nothing.
  coop::v1::GetPersonRequest get;
  get.set_person_ref(ref);
  coop::v1::PersonDetails details;
  ASSERT_TRUE(people_->GetPerson(As("admin").get(), get, &details).ok());
  EXPECT_EQ(details.full_name(), "Nguyễn Thị Hoa");
}

TEST_F(PersonAccessTest, APlacementAddsItsCooperativesAreaToThePersons) {
  const std::string ref = RecordFor("recorder-thoi-binh", "967");
  ASSERT_EQ(Read("recorder-u-minh", ref), StatusCode::PERMISSION_DENIED);
  const std::string cooperative = RegisterAs("recorder-u-minh", "2000000021", "32059");
  auto place = [&](const std::string& who) { return PlaceAt(who, ref, cooperative); };
  // A recorder may not place a person it may not read: placing would open the person to it.
  const uint64_t head = LogHead();
  EXPECT_EQ(place("recorder-u-minh").error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(LogHead(), head);
  // An admin places the person at U Minh's cooperative: from then on U Minh may read them.
  auto placed = place("admin");
  ASSERT_TRUE(placed.ok()) << placed.error_message();
  StatusCode got = StatusCode::PERMISSION_DENIED;
  for (int i = 0; i < 100 && got != StatusCode::OK; ++i) {
    got = Read("recorder-u-minh", ref);
    if (got != StatusCode::OK) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(got, StatusCode::OK);
  EXPECT_EQ(Read("recorder-thoi-binh", ref), StatusCode::OK);
}

// Here the projections gather commits for 60 s (coopd --projection_gather_ms, stretched): a
// scope check that read the views as they stand would not see a cooperative registered a
// moment before, and would refuse a person recorded for it.
class PersonScopeWhileGatheringTest : public PersonAccessTest {
 protected:
  void Configure(services::ServerOptions& options) override {
    options.projection_live_read_interval = absl::Seconds(60);
  }
};

TEST_F(PersonScopeWhileGatheringTest,
       GivenACooperativeJustRegisteredWhenItsRecorderRecordsAPersonForItThenItsAddressIsSeen) {
  // The first commit after the quiet start is read at once (a reader waits for it here); the
  // runners then gather the next commits for 60 s.
  ASSERT_TRUE(RegistryHolds(RegisterAs("recorder-u-minh", "2000000031", "32059")));
  const std::string cooperative = RegisterAs("recorder-u-minh", "2000000032", "32059");
  // The registry has not read it yet: the runners are gathering.
  EXPECT_FALSE(RegistryHolds(cooperative, /*wait_for_head=*/false));

  coop::v1::RecordPersonRequest request;
  *request.mutable_header() = Header();
  request.mutable_details()->set_full_name("Lê Thị Lan");
  request.set_cooperative_id(cooperative);
  coop::v1::RecordPersonReply reply;
  auto status = people_->RecordPerson(As("recorder-u-minh").get(), request, &reply);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Read("recorder-u-minh", reply.person_ref()), StatusCode::OK);
  EXPECT_EQ(Read("recorder-thoi-binh", reply.person_ref()), StatusCode::PERMISSION_DENIED);
}

TEST_F(PersonScopeWhileGatheringTest,
       GivenAPersonJustPlacedAtACooperativeWhenItsRecorderReadsThemThenThePlacementCounts) {
  const std::string ref = RecordFor("recorder-thoi-binh", "967");
  const std::string cooperative = RegisterAs("recorder-u-minh", "2000000041", "32059");
  // Both commits are read (a reader waits for them); the runners then gather for 60 s.
  ASSERT_TRUE(RegistryHolds(cooperative));
  ASSERT_EQ(Read("recorder-u-minh", ref), StatusCode::PERMISSION_DENIED);

  auto status = PlaceAt("admin", ref, cooperative);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // At once, without polling: the check waits for the person links to hold the placement.
  EXPECT_EQ(Read("recorder-u-minh", ref), StatusCode::OK);
}

TEST_F(
    PersonScopeWhileGatheringTest,
    GivenAPersonJustPlacedAtACooperativeWhenItsRecorderPlacesThemAgainThenThePrecheckSeesTheLink) {
  const std::string ref = RecordFor("recorder-thoi-binh", "967");
  const std::string first = RegisterAs("recorder-u-minh", "2000000061", "32059");
  const std::string second = RegisterAs("recorder-u-minh", "2000000062", "32059");
  // Every commit so far is read (a reader waits for them); the runners then gather for 60 s.
  ASSERT_TRUE(RegistryHolds(second));
  ASSERT_EQ(PlaceAt("recorder-u-minh", ref, first).error_code(), StatusCode::PERMISSION_DENIED);

  ASSERT_TRUE(PlaceAt("admin", ref, first).ok());
  // At once: the placement's precheck (the recorder may place only a person it may read)
  // waits for the person links to hold the admin's placement, which opens the person to it.
  auto status = PlaceAt("recorder-u-minh", ref, second);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

// Here a test may hold the cooperative registry behind the log (ServerOptions::
// before_projection_page), and commands and person calls run on one worker thread, so a person
// check that waits for the views holds the only worker.
class PersonScopeHeldViewsTest : public PersonAccessTest {
 protected:
  struct Held {
    std::atomic<bool> holding{false};
    absl::Notification release;
    void Release() {
      if (!release.HasBeenNotified()) release.Notify();
    }
  };
  void Configure(services::ServerOptions& options) override {
    options.command_threads = 1;
    options.before_projection_page = [held = held_](const std::string& projection, uint64_t) {
      if (projection != "cooperative_registry" || !held->holding.load()) return;
      held->release.WaitForNotificationWithTimeout(absl::Seconds(60));
    };
  }
  void TearDown() override {
    held_->Release();  // a held runner must not outlast the test
    PersonAccessTest::TearDown();
  }

  // Holds the registry, registers cooperative `code` as U Minh's recorder (so the registry
  // cannot read it) and returns a request to record a person for it.
  coop::v1::RecordPersonRequest PersonForHeldCooperative(const std::string& code) {
    held_->holding = true;
    const std::string cooperative = RegisterAs("recorder-u-minh", code, "32059");
    EXPECT_FALSE(cooperative.empty());
    coop::v1::RecordPersonRequest request;
    *request.mutable_header() = Header();
    request.mutable_details()->set_full_name("Lê Thị Lan");
    request.set_cooperative_id(cooperative);
    return request;
  }

  std::shared_ptr<Held> held_ = std::make_shared<Held>();
};

TEST_F(PersonScopeHeldViewsTest,
       GivenTheViewsHeldBehindTheLogWhenTheCallerOfAPersonCheckGivesUpThenItsWorkerIsFreedAtOnce) {
  coop::v1::RecordPersonRequest request = PersonForHeldCooperative("2000000051");
  coop::v1::RecordPersonReply reply;
  // The registry cannot read the cooperative, so the check waits for it (up to 5 s) until the
  // caller's deadline.
  EXPECT_EQ(people_->RecordPerson(As("recorder-u-minh", 500).get(), request, &reply).error_code(),
            StatusCode::DEADLINE_EXCEEDED);
  // The only worker is free again long before the check's own 5 s would have run out: a
  // command that needs no view is recorded within 2.5 s of asking.
  coop::v1::CommandReply registered;
  auto status = coop::v1::Registry::NewStub(channel_)->RegisterCooperative(
      As("admin", 2'500).get(), Registration("2000000052", "32059", "2025-03"), &registered);
  EXPECT_TRUE(status.ok()) << status.error_message();
  // Once the registry reads on, the same person is recorded.
  held_->holding = false;
  held_->Release();
  *request.mutable_header() = Header();
  status = people_->RecordPerson(As("recorder-u-minh").get(), request, &reply);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(PersonScopeHeldViewsTest,
       GivenAPersonCheckWaitingForTheViewsWhenTheServerShutsDownThenItEndsUnavailableAtOnce) {
  coop::v1::RecordPersonRequest request = PersonForHeldCooperative("2000000071");
  grpc::Status status;
  std::thread caller([&] {
    coop::v1::RecordPersonReply reply;
    status = people_->RecordPerson(As("recorder-u-minh", 30'000).get(), request, &reply);
  });
  // The check is waiting for the held registry (it waits up to 5 s of its own) when the
  // server begins to stop (a second is ample for the call to reach it).
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::thread stopper([&] { server_->Shutdown(); });
  caller.join();
  // It ended because the server stops, not because its own 5 s ran out.
  EXPECT_EQ(status.error_code(), StatusCode::UNAVAILABLE);
  EXPECT_NE(status.error_message().find("shutting down"), std::string::npos)
      << status.error_message();
  held_->Release();  // the runners stop once they are let go
  stopper.join();
}

TEST_F(PersonAccessTest, ARecorderCannotTellAnUnknownPersonFromOneOutOfItsAreas) {
  const std::string ref = RecordFor("recorder-thoi-binh", "967");
  EXPECT_EQ(Read("recorder-u-minh", ref), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read("recorder-u-minh", base::NewRandomUuid()), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read("admin", base::NewRandomUuid()), StatusCode::NOT_FOUND);
}

TEST_F(PersonAccessTest, EveryRecordReadAndUpdateIsLoggedForAuditors) {
  const std::string ref = RecordFor("recorder-u-minh", "966");
  ASSERT_EQ(Read("admin", ref), StatusCode::OK);
  ASSERT_EQ(Read("recorder-thoi-binh", ref), StatusCode::PERMISSION_DENIED);  // not an access
  coop::v1::UpdatePersonRequest update;
  *update.mutable_header() = Header();
  update.set_person_ref(ref);
  update.mutable_details()->set_full_name("Nguyễn Thị Hoa");
  update.mutable_details()->set_phone("0912 000 111");
  coop::v1::RecordPersonReply updated;
  ASSERT_TRUE(people_->UpdatePerson(As("recorder-u-minh").get(), update, &updated).ok());
  coop::v1::ListPersonAccessRequest request;
  request.set_person_ref(ref);
  coop::v1::ListPersonAccessReply reply;
  ASSERT_TRUE(people_->ListPersonAccess(As("auditor").get(), request, &reply).ok());
  ASSERT_EQ(reply.entries_size(), 3);
  EXPECT_EQ(reply.entries(0).action(), "record");
  EXPECT_EQ(reply.entries(0).principal(), "recorder-u-minh");
  EXPECT_EQ(reply.entries(0).agency(), kUMinhAgency);
  EXPECT_EQ(reply.entries(1).action(), "read");
  EXPECT_EQ(reply.entries(1).principal(), "admin");
  EXPECT_GE(reply.entries(1).at_micros(), reply.entries(0).at_micros());
  EXPECT_EQ(reply.entries(2).action(), "update");
  EXPECT_EQ(reply.entries(2).principal(), "recorder-u-minh");
  for (const auto& entry : reply.entries()) {
    EXPECT_EQ(entry.SerializeAsString().find("Hoa"), std::string::npos) << "no details logged";
    EXPECT_EQ(entry.SerializeAsString().find("0912"), std::string::npos);
  }
  // Paged, oldest first.
  request.set_page_size(1);
  ASSERT_TRUE(people_->ListPersonAccess(As("admin").get(), request, &reply).ok());
  ASSERT_EQ(reply.entries_size(), 1);
  ASSERT_FALSE(reply.next_page_token().empty());
  request.set_page_token(reply.next_page_token());
  ASSERT_TRUE(people_->ListPersonAccess(As("admin").get(), request, &reply).ok());
  ASSERT_EQ(reply.entries_size(), 1);
  EXPECT_EQ(reply.entries(0).action(), "read");
  // Recorders and readers do not read the log.
  EXPECT_EQ(people_->ListPersonAccess(As("recorder-u-minh").get(), request, &reply).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(people_->ListPersonAccess(As("reader").get(), request, &reply).error_code(),
            StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace coop::testing
