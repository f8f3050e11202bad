// Records made in error, withdrawn through coop.v1.Corrections over a real server: voiding the
// event that created a record withdraws it (CORR-04 retired). A duplicate propaganda class and
// a cooperative registered twice count nowhere afterwards, yet count as known before the void;
// the history keeps the withdrawal; nothing more is recorded for them (CORR-10); a withdrawn
// cooperative's code is released; a record still named by a live one is not withdrawn
// (CORR-09).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/planning.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/annual_figures.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class WithdrawalTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    programs_ = coop::v1::Programs::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }

  coop::v1::CommandReply RegisterOn(const std::string& code, const std::string& on) {
    auto request = Registration(code);
    request.mutable_header()->set_occurred_on(on);
    coop::v1::CommandReply reply;
    const grpc::Status status = Register(request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }
  coop::v1::CommandReply PropagandaClass() {
    const coop::v1::RecordClassRequest request = PropagandaClassRequest();
    coop::v1::CommandReply reply;
    const grpc::Status status = programs_->RecordClass(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }
  // The id of the first event of a stream: the one that created its record.
  std::string CreatingEvent(const std::string& stream_id) {
    const auto events = StreamOf(stream_id);
    return events.empty() ? "" : events.front().event_id();
  }
  grpc::Status Withdraw(const std::string& stream_id, const std::string& reason,
                        coop::v1::CommandReply* reply) {
    coop::v1::VoidEventRequest request;
    *request.mutable_header() = Header("2025-04-01");
    request.set_stream_id(stream_id);
    request.set_event_id(CreatingEvent(stream_id));
    request.set_reason(reason);
    return corrections_->VoidEvent(Context().get(), request, reply);
  }
  // The figures of 2025 for Huyện U Minh, as known at `known_at` (0: now).
  std::map<std::string, int64_t> Figures(uint64_t min_position, uint64_t known_at = 0) {
    coop::v1::AnnualStatisticsRequest request;
    request.mutable_scope()->mutable_area()->set_code("966");
    request.mutable_scope()->mutable_area()->set_unit_set("2025-03");
    request.mutable_scope()->set_year(2025);
    request.mutable_scope()->set_as_known_at_position(known_at);
    request.set_min_position(min_position);
    return AnnualFigures(reporting_.get(), request);
  }
  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }

  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(WithdrawalTest, ADuplicateClassAndACooperativeRegisteredTwiceCountNowhere) {
  const auto kept = RegisterOn("2600000001", "2024-09-01");
  const auto twice = RegisterOn("2600000002", "2024-09-02");  // the same cooperative again
  PropagandaClass();
  const auto duplicate = PropagandaClass();  // the same class entered twice
  const uint64_t before_voids = Head();
  // Given both: 2 HTX, 2 propaganda classes.
  auto figures = Figures(before_voids);
  EXPECT_EQ(figures["cooperatives"], 2);
  EXPECT_EQ(figures["classes.propaganda.count"], 2);

  coop::v1::CommandReply voided_class, voided_coop;
  ASSERT_TRUE(Withdraw(duplicate.stream_id(), "Nhập trùng lớp học", &voided_class).ok());
  ASSERT_TRUE(Withdraw(twice.stream_id(), "Đăng ký trùng", &voided_coop).ok());
  // Then: 1 HTX, 1 propaganda class; as known before the voids, 2 and 2.
  figures = Figures(voided_coop.position());
  EXPECT_EQ(figures["cooperatives"], 1);
  EXPECT_EQ(figures["classes.propaganda.count"], 1);
  figures = Figures(voided_coop.position(), before_voids);
  EXPECT_EQ(figures["cooperatives"], 2);
  EXPECT_EQ(figures["classes.propaganda.count"], 2);

  // Lists and views: the withdrawn cooperative is gone, with its withdrawal named.
  coop::v1::ListCooperativesRequest list;
  list.set_min_position(voided_coop.position());
  coop::v1::ListCooperativesReply listed;
  ASSERT_TRUE(reporting_->ListCooperatives(Context().get(), list, &listed).ok());
  ASSERT_EQ(listed.cooperatives_size(), 1);
  EXPECT_EQ(listed.cooperatives(0).cooperative_id(), kept.aggregate_id());
  coop::v1::GetCooperativeRequest get;
  get.set_cooperative_id(twice.aggregate_id());
  get.set_min_position(voided_coop.position());
  coop::v1::CooperativeView view;
  const grpc::Status gone = reporting_->GetCooperative(Context().get(), get, &view);
  EXPECT_EQ(gone.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(gone.error_message().find("withdrawn on 2025-04-01 (Đăng ký trùng)"), std::string::npos)
      << gone.error_message();

  // History keeps the registration and its withdrawal.
  int in_history = 0;
  for (const auto& event : ReadAll()) {
    if (event.stream_id() != twice.stream_id()) continue;
    ++in_history;
    if (event.type() == "coop.v1.EventVoided") {
      coop::v1::EventVoided voided;
      ASSERT_TRUE(voided.ParseFromString(event.payload()));
      EXPECT_EQ(voided.reason(), "Đăng ký trùng");
    }
  }
  EXPECT_EQ(in_history, 2);

  // Later commands on it: CORR-10, naming the withdrawal; nothing written.
  const uint64_t head = Head();
  coop::v1::CommandReply reply;
  const grpc::Status refused = Admit(twice.aggregate_id(), 3, Header("2025-04-02"), &reply);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(refused.error_message().rfind("[CORR-10]", 0), 0u) << refused.error_message();
  EXPECT_NE(refused.error_message().find("Đăng ký trùng"), std::string::npos);
  EXPECT_EQ(Head(), head);

  // Its code is released: a later registration may use it.
  const auto again = RegisterOn("2600000002", "2025-04-05");
  EXPECT_NE(again.aggregate_id(), twice.aggregate_id());
}

TEST_F(WithdrawalTest, AWithdrawnCooperativeCountsInNoListOrProgress) {
  // Given two cooperatives of Xã Khánh An registered in 2024, the second by mistake and rated
  // Tốt for 2025, and the district's 2025 plan of two new HTX (2024's registrations count in
  // 2025 no more, so the plan is for 2024).
  const auto kept = RegisterOn("2600000006", "2024-09-01");
  const auto twice = RegisterOn("2600000007", "2024-09-02");
  coop::v1::RateCooperativeRequest rate;
  *rate.mutable_header() = Header("2026-01-20");
  rate.set_cooperative_id(twice.aggregate_id());
  rate.mutable_rated()->set_year(2025);
  rate.mutable_rated()->set_score(85);
  rate.mutable_rated()->set_grade(coop::v1::GOOD);
  coop::v1::CommandReply rated;
  ASSERT_TRUE(registry_->RateCooperative(Context().get(), rate, &rated).ok());
  auto planning = coop::v1::Planning::NewStub(channel_);
  coop::v1::SetAnnualPlanTargetsRequest plan;
  *plan.mutable_header() = Header("2024-01-15");
  auto* set = plan.mutable_targets_set();
  set->mutable_area()->set_code("966");
  set->mutable_area()->set_unit_set("2025-03");
  set->set_year(2024);
  set->set_decision("12/KH-UBND");
  auto* target = set->add_targets();
  target->set_indicator(coop::v1::NEW_COOPERATIVES);
  target->set_comparison(coop::v1::AT_LEAST);
  target->set_value(2);
  coop::v1::CommandReply planned;
  ASSERT_TRUE(planning->SetAnnualPlanTargets(Context().get(), plan, &planned).ok());

  struct Seen {
    bool commune_met = false;      // criterion 13 for 2025 in Xã Khánh An
    int64_t new_cooperatives = 0;  // the plan's actual for 2024
    int compliance_rows = 0;       // the twice-registered cooperative's 2025 issues
  };
  auto seen = [&](uint64_t min_position) {
    Seen out;
    coop::v1::Criterion13Request c13;
    c13.mutable_area()->set_code("32059");
    c13.mutable_area()->set_unit_set("2025-03");
    c13.set_year(2025);
    c13.set_min_position(min_position);
    coop::v1::Criterion13Reply communes;
    EXPECT_TRUE(reporting_->ListCriterion13Communes(Context().get(), c13, &communes).ok());
    out.commune_met = communes.communes_met() == 1;
    coop::v1::PlanProgressRequest progress;
    progress.mutable_area()->set_code("966");
    progress.mutable_area()->set_unit_set("2025-03");
    progress.set_year(2024);
    progress.set_min_position(min_position);
    coop::v1::PlanProgressReply targets;
    EXPECT_TRUE(reporting_->GetPlanProgress(Context().get(), progress, &targets).ok());
    if (targets.targets_size() == 1) out.new_cooperatives = targets.targets(0).actual();
    coop::v1::ComplianceIssuesRequest compliance;
    compliance.mutable_area()->set_code("966");
    compliance.mutable_area()->set_unit_set("2025-03");
    compliance.set_year(2025);
    compliance.set_min_position(min_position);
    coop::v1::ComplianceIssuesReply issues;
    EXPECT_TRUE(reporting_->ListComplianceIssues(Context().get(), compliance, &issues).ok());
    for (const auto& issue : issues.issues()) {
      out.compliance_rows += issue.cooperative_id() == twice.aggregate_id();
    }
    return out;
  };
  // Before the withdrawal: the commune meets criterion 13 through it, the plan counts 2 new
  // HTX, and it has compliance issues for 2025 (no annual report, no meeting).
  Seen before = seen(planned.position());
  EXPECT_TRUE(before.commune_met);
  EXPECT_EQ(before.new_cooperatives, 2);
  EXPECT_GT(before.compliance_rows, 0);

  // After: it counts in none of them.
  coop::v1::CommandReply withdrawn;
  ASSERT_TRUE(Withdraw(twice.stream_id(), "Đăng ký trùng", &withdrawn).ok());
  Seen after = seen(withdrawn.position());
  EXPECT_FALSE(after.commune_met);
  EXPECT_EQ(after.new_cooperatives, 1);
  EXPECT_EQ(after.compliance_rows, 0);
  EXPECT_NE(kept.aggregate_id(), twice.aggregate_id());
}

TEST_F(WithdrawalTest, AWithdrawnGroupOrHallIsNotFoundWithItsWithdrawalNamed) {
  coop::v1::FormCooperativeGroupRequest form;
  *form.mutable_header() = Header("2024-05-01");
  auto* formed = form.mutable_formed();
  formed->set_name("THT Lúa sạch ấp 3");
  formed->set_term_months(36);
  formed->mutable_address()->set_code("32059");
  formed->mutable_address()->set_unit_set("2025-03");
  formed->set_members(5);
  formed->set_representative_ref("person-118");
  coop::v1::FoundHallRequest found;
  *found.mutable_header() = Header("2024-05-01");
  auto* founded = found.mutable_founded();
  founded->set_name("Hội quán ấp Kênh Ngang");
  *founded->mutable_address() = formed->address();
  founded->set_hamlet("ấp Kênh Ngang");
  founded->set_members(25);
  coop::v1::CommandReply group, hall, voided_group, voided_hall;
  ASSERT_TRUE(registry_->FormCooperativeGroup(Context().get(), form, &group).ok());
  ASSERT_TRUE(registry_->FoundHall(Context().get(), found, &hall).ok());
  ASSERT_TRUE(Withdraw(group.stream_id(), "Nhập trùng THT", &voided_group).ok());
  ASSERT_TRUE(Withdraw(hall.stream_id(), "Nhập trùng hội quán", &voided_hall).ok());

  coop::v1::GetGroupRequest get_group;
  get_group.set_group_id(group.aggregate_id());
  get_group.set_min_position(voided_hall.position());
  coop::v1::GroupView group_view;
  const grpc::Status no_group = reporting_->GetGroup(Context().get(), get_group, &group_view);
  EXPECT_EQ(no_group.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(no_group.error_message().find("cooperative group " + group.aggregate_id() +
                                          " was withdrawn on 2025-04-01 (Nhập trùng THT)"),
            std::string::npos)
      << no_group.error_message();
  EXPECT_NE(no_group.error_message().find("THT đã bị hủy"), std::string::npos);
  coop::v1::GetHallRequest get_hall;
  get_hall.set_hall_id(hall.aggregate_id());
  get_hall.set_min_position(voided_hall.position());
  coop::v1::HallView hall_view;
  const grpc::Status no_hall = reporting_->GetHall(Context().get(), get_hall, &hall_view);
  EXPECT_EQ(no_hall.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(no_hall.error_message().find("withdrawn on 2025-04-01 (Nhập trùng hội quán)"),
            std::string::npos)
      << no_hall.error_message();
  // A record that never existed is plainly not found.
  get_hall.set_hall_id("no-such-hall");
  const grpc::Status never = reporting_->GetHall(Context().get(), get_hall, &hall_view);
  EXPECT_EQ(never.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(never.error_message(), "no community hall no-such-hall");
}

TEST_F(WithdrawalTest, Corr09ARecordNamedByALiveOneIsNotWithdrawn) {
  const auto cooperative = RegisterOn("2600000003", "2024-09-01");
  coop::v1::RecordSupportGrantRequest grant;
  *grant.mutable_header() = Header("2025-02-01");
  grant.mutable_granted()->set_type(coop::v1::SUPPORT_TRAINING);
  grant.mutable_granted()->set_amount_vnd(30'000'000);
  grant.mutable_granted()->set_funding_source(coop::v1::FUNDING_DISTRICT);
  grant.mutable_granted()->set_cooperative_id(cooperative.aggregate_id());
  coop::v1::CommandReply granted;
  ASSERT_TRUE(programs_->RecordSupportGrant(Context().get(), grant, &granted).ok());
  const uint64_t head = Head();
  coop::v1::CommandReply reply;
  const grpc::Status refused = Withdraw(cooperative.stream_id(), "Đăng ký nhầm", &reply);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(refused.error_message().rfind("[CORR-09]", 0), 0u) << refused.error_message();
  EXPECT_NE(refused.error_message().find(granted.stream_id()), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(Head(), head);
  // Once the grant is withdrawn too, the cooperative may be.
  ASSERT_TRUE(Withdraw(granted.stream_id(), "Nhập nhầm", &reply).ok());
  EXPECT_TRUE(Withdraw(cooperative.stream_id(), "Đăng ký nhầm", &reply).ok());
}

TEST_F(WithdrawalTest, AWithdrawnCooperativeReleasesEveryCodeItsRegistrationHad) {
  // Given a cooperative registered with 2600000004, its code amended to 2600000005, then
  // back to 2600000004 (a code it held is still its own: no COOP-16 against itself).
  const auto cooperative = RegisterOn("2600000004", "2024-09-01");
  const auto registration = StreamOf(cooperative.stream_id()).front();
  coop::v1::CooperativeRegistered registered;
  ASSERT_TRUE(registered.ParseFromString(registration.payload()));
  auto amend = [&](const std::string& code) {
    registered.set_code(code);
    coop::v1::AmendEventRequest request;
    *request.mutable_header() = Header("2025-02-01");
    request.set_stream_id(cooperative.stream_id());
    request.set_event_id(registration.event_id());
    request.set_reason("Sửa mã số HTX nhập sai");
    request.set_replacement_type("coop.v1.CooperativeRegistered");
    request.set_replacement(registered.SerializeAsString());
    coop::v1::CommandReply reply;
    return corrections_->AmendEvent(Context().get(), request, &reply);
  };
  const grpc::Status to_new = amend("2600000005");
  ASSERT_TRUE(to_new.ok()) << to_new.error_message();
  const grpc::Status back = amend("2600000004");
  ASSERT_TRUE(back.ok()) << back.error_message();
  // While it stands, neither code can be given to another registration (COOP-16).
  coop::v1::CommandReply refused;
  auto again = Registration("2600000005");
  EXPECT_EQ(Register(again, &refused).error_code(), grpc::StatusCode::ALREADY_EXISTS);

  // When it is withdrawn, both codes are released with the withdrawal: both may be used again.
  coop::v1::CommandReply withdrawn;
  ASSERT_TRUE(Withdraw(cooperative.stream_id(), "Đăng ký nhầm", &withdrawn).ok());
  EXPECT_EQ(StreamOf("coopcode-2600000004").back().type(), "coop.v1.CooperativeCodeReleased");
  EXPECT_EQ(StreamOf("coopcode-2600000005").back().type(), "coop.v1.CooperativeCodeReleased");
  RegisterOn("2600000004", "2025-04-05");
  RegisterOn("2600000005", "2025-04-05");
}

}  // namespace
}  // namespace coop::testing
