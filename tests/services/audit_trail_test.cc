// The audit trail (coop.v1.Audit.ListTrail) over a real server, on a hand-built history
// recorded through the command services by two officers of two agencies, an hour apart (the
// store's clock is set): every query — by actor, by agency, by recorded-at range, by area, by
// correction, and combined — gives exactly the events the scenario says, page after page with
// one entry a page; each correction says what it voided or amended and why; bad requests are
// refused naming the field.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "coop/v1/audit.grpc.pb.h"
#include "coop/v1/corrections.grpc.pb.h"
#include "eventstore/clock.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

constexpr int64_t kHour = 3'600'000'000;
constexpr int64_t kT0 = 1'738'368'000'000'000;  // 2025-02-01T00:00:00Z

class AuditTrailTest : public RegistryFixture {
 protected:
  void Configure(services::ServerOptions& options) override { options.store.clock = &clock_; }
  void TearDown() override { server_.reset(); }  // before the clock goes

  void SetUp() override {
    RegistryFixture::SetUp();
    audit_ = coop::v1::Audit::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);

    // T0: officer-7 of Huyện U Minh registers cooperative A in Xã Khánh An (32059).
    coop::v1::CommandReply reply;
    auto a = Registration("2900000001");
    ASSERT_TRUE(Recorded(
        &registered_a_,
        [&] {
          return registry_->RegisterCooperative(As("officer-7", "u-minh-district").get(), a,
                                                &reply);
        },
        &reply));
    a_id_ = reply.aggregate_id();
    a_stream_ = reply.stream_id();
    // T0+1h: officer-9 of Huyện Trần Văn Thời registers cooperative B in commune 32056.
    clock_.Set(kT0 + kHour);
    auto b = Registration("2900000002");
    b.mutable_registration()->mutable_address()->set_code("32056");
    ASSERT_TRUE(Recorded(
        &registered_b_,
        [&] {
          return registry_->RegisterCooperative(As("officer-9", "tran-van-thoi-district").get(), b,
                                                &reply);
        },
        &reply));
    b_stream_ = reply.stream_id();
    b_registration_ = b.registration();
    b_registration_.set_cooperative_id(reply.aggregate_id());
    b_registration_event_ = EventIdAt(reply.position());
    b_registration_position_ = reply.position();
    // T0+2h: officer-7 admits two members to A.
    clock_.Set(kT0 + 2 * kHour);
    coop::v1::AdmitCooperativeMembersRequest admit;
    *admit.mutable_header() = Header("2025-01-20");
    admit.set_cooperative_id(a_id_);
    admit.mutable_members_admitted()->mutable_members()->set_official(2);
    ASSERT_TRUE(Recorded(
        &admitted_,
        [&] {
          return registry_->AdmitCooperativeMembers(As("officer-7", "u-minh-district").get(), admit,
                                                    &reply);
        },
        &reply));
    admission_position_ = reply.position();
    // T0+3h: officer-9 voids that admission, entered by mistake.
    clock_.Set(kT0 + 3 * kHour);
    coop::v1::VoidEventRequest void_request;
    *void_request.mutable_header() = Header("2025-01-21");
    void_request.set_stream_id(a_stream_);
    void_request.set_event_id(EventIdAt(admission_position_));
    void_request.set_reason("nhập nhầm / entered by mistake");
    ASSERT_TRUE(Recorded(
        &voided_,
        [&] {
          return corrections_->VoidEvent(As("officer-9", "tran-van-thoi-district").get(),
                                         void_request, &reply);
        },
        &reply));
    // T0+4h: officer-7 amends B's registered name.
    clock_.Set(kT0 + 4 * kHour);
    coop::v1::AmendEventRequest amend;
    *amend.mutable_header() = Header("2025-01-22");
    amend.set_stream_id(b_stream_);
    amend.set_event_id(b_registration_event_);
    amend.set_reason("sai tên / wrong name");
    amend.set_replacement_type("coop.v1.CooperativeRegistered");
    coop::v1::CooperativeRegistered replacement = b_registration_;
    replacement.set_name("HTX Trần Hợi");
    amend.set_replacement(replacement.SerializeAsString());
    ASSERT_TRUE(Recorded(
        &amended_,
        [&] {
          return corrections_->AmendEvent(As("officer-7", "u-minh-district").get(), amend, &reply);
        },
        &reply));
    ASSERT_EQ(voided_.size(), 1u);
    ASSERT_EQ(amended_.size(), 1u);
  }

  std::unique_ptr<grpc::ClientContext> As(const std::string& actor, const std::string& agency) {
    auto context = Context();
    context->AddMetadata("x-coop-actor", actor);
    context->AddMetadata("x-coop-agency", agency);
    return context;
  }
  // Runs one command; `positions` gets the positions it wrote (a registration also reserves
  // its code, in a stream of its own).
  template <typename Call>
  bool Recorded(std::vector<uint64_t>* positions, Call call, coop::v1::CommandReply* reply) {
    const uint64_t before = server_->store().GetLogInfo().head_position();
    const grpc::Status status = call();
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_GT(reply->position(), before);
    const uint64_t after = server_->store().GetLogInfo().head_position();
    for (uint64_t p = before + 1; p <= after; ++p) positions->push_back(p);
    return status.ok() && !positions->empty();
  }
  std::string EventIdAt(uint64_t position) {
    for (const auto& event : ReadAll()) {
      if (event.position() == position) return event.event_id();
    }
    return "";
  }
  // Every page of the query, `page_size` entries at most each.
  std::vector<coop::v1::TrailEntry> Trail(coop::v1::TrailRequest request, uint32_t page_size = 1) {
    std::vector<coop::v1::TrailEntry> entries;
    request.set_page_size(page_size);
    int pages = 0;
    do {
      coop::v1::TrailReply reply;
      const grpc::Status status = audit_->ListTrail(Context().get(), request, &reply);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(reply.entries_size(), static_cast<int>(page_size));
      entries.insert(entries.end(), reply.entries().begin(), reply.entries().end());
      request.set_page_token(reply.next_page_token());
      EXPECT_LT(++pages, 100) << "the pages do not end";
    } while (!request.page_token().empty() && pages < 100);
    return entries;
  }
  static std::vector<uint64_t> PositionsOf(const std::vector<coop::v1::TrailEntry>& entries) {
    std::vector<uint64_t> positions;
    for (const auto& entry : entries) positions.push_back(entry.event().position());
    return positions;
  }
  static std::vector<uint64_t> Joined(std::initializer_list<std::vector<uint64_t>> parts) {
    std::set<uint64_t> all;
    for (const auto& part : parts) all.insert(part.begin(), part.end());
    return {all.begin(), all.end()};
  }

  eventstore::ManualClock clock_{kT0};
  std::unique_ptr<coop::v1::Audit::Stub> audit_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::vector<uint64_t> registered_a_, registered_b_, admitted_, voided_, amended_;
  std::string a_id_, a_stream_, b_stream_, b_registration_event_;
  coop::v1::CooperativeRegistered b_registration_;
  uint64_t b_registration_position_ = 0;
  uint64_t admission_position_ = 0;
};

TEST_F(AuditTrailTest, ByActorPageByPage) {
  coop::v1::TrailRequest request;
  request.set_actor("officer-7");
  const auto entries = Trail(request);
  EXPECT_EQ(PositionsOf(entries), Joined({registered_a_, admitted_, amended_}));
  for (const auto& entry : entries) EXPECT_EQ(entry.event().metadata().actor(), "officer-7");
}

TEST_F(AuditTrailTest, ByAgency) {
  coop::v1::TrailRequest request;
  request.set_agency("tran-van-thoi-district");
  EXPECT_EQ(PositionsOf(Trail(request)), Joined({registered_b_, voided_}));
}

TEST_F(AuditTrailTest, ByRecordedAtRange) {
  coop::v1::TrailRequest request;
  request.set_recorded_from_micros(kT0 + kHour);
  request.set_recorded_to_micros(kT0 + 3 * kHour);  // before the void
  EXPECT_EQ(PositionsOf(Trail(request)), Joined({registered_b_, admitted_}));
  request.set_recorded_to_micros(0);  // from T0+1h on
  EXPECT_EQ(PositionsOf(Trail(request, 2)), Joined({registered_b_, admitted_, voided_, amended_}));
}

TEST_F(AuditTrailTest, ByArea) {
  coop::v1::TrailRequest request;
  request.mutable_area()->set_code("32056");
  request.mutable_area()->set_unit_set("2025-03");
  const auto positions = PositionsOf(Trail(request));
  // B's registration and its amendment (a correction keeps the corrected event's area); nothing
  // of cooperative A.
  EXPECT_EQ(positions, (std::vector<uint64_t>{b_registration_position_, amended_[0]}));
}

TEST_F(AuditTrailTest, CorrectionsSayWhatTheyCorrectedByWhomAndWhy) {
  coop::v1::TrailRequest request;
  request.set_corrections_only(true);
  const auto entries = Trail(request);
  ASSERT_EQ(PositionsOf(entries), (std::vector<uint64_t>{voided_[0], amended_[0]}));
  const auto& voided = entries[0];
  EXPECT_EQ(voided.event().metadata().actor(), "officer-9");
  EXPECT_EQ(voided.correction().kind(), "void");
  EXPECT_EQ(voided.correction().target_position(), admission_position_);
  EXPECT_EQ(voided.correction().target_type(), "coop.v1.CooperativeMembersAdmitted");
  EXPECT_EQ(voided.correction().reason(), "nhập nhầm / entered by mistake");
  const auto& amended = entries[1];
  EXPECT_EQ(amended.event().metadata().actor(), "officer-7");
  EXPECT_EQ(amended.correction().kind(), "amend");
  EXPECT_EQ(amended.correction().target_position(), b_registration_position_);
  EXPECT_EQ(amended.correction().target_event_id(), b_registration_event_);
  EXPECT_EQ(amended.correction().target_type(), "coop.v1.CooperativeRegistered");
  EXPECT_EQ(amended.correction().reason(), "sai tên / wrong name");

  // Combined: officer-9's corrections, in U Minh's commune.
  request.set_actor("officer-9");
  request.mutable_area()->set_code("32059");
  request.mutable_area()->set_unit_set("2025-03");
  EXPECT_EQ(PositionsOf(Trail(request)), voided_);
  request.set_actor("officer-7");
  EXPECT_TRUE(Trail(request).empty());
}

TEST_F(AuditTrailTest, BadRequestsNameTheField) {
  auto refused = [&](const coop::v1::TrailRequest& request, const std::string& field) {
    coop::v1::TrailReply reply;
    const grpc::Status status = audit_->ListTrail(Context().get(), request, &reply);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_EQ(status.error_message().rfind(field, 0), 0u) << status.error_message();
  };
  coop::v1::TrailRequest request;
  request.set_page_size(1001);
  refused(request, "page_size");
  request = {};
  request.set_page_token("not-a-token");
  refused(request, "page_token");
  request = {};
  request.set_recorded_from_micros(kT0 + kHour);
  request.set_recorded_to_micros(kT0);
  refused(request, "recorded_to_micros");
  request = {};
  request.mutable_area()->set_code("32059");
  refused(request, "area");
}

}  // namespace
}  // namespace coop::testing
