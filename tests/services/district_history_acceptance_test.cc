// Issue 11's acceptance, as an agency works: a district's history recorded only through the
// command services (Registry, Programs, Corrections), never by appending to the log. It holds
// a cooperative whose suspension runs out, a group converted in the pinned order, a grant, a
// duplicate class voided, a cooperative registered twice and withdrawn, and amendments refused
// by the rules. Its statistics, lists and histories are compared with values derived below
// from the facts. The server's clock is the real one (every date here is in the past).
//
// The facts (Huyện U Minh, Cà Mau; national figures: nothing else is recorded):
//   A   HTX registered 2023-03-01 (2012 law); suspended 2025-01-10 until 2025-06-30, which runs
//       out (COOP-18); a grant on 2025-03-01.
//   B   HTX registered 2024-09-01.
//   B2  the same HTX registered again on 2024-09-02, withdrawn on 2025-04-01.
//   G   THT formed 2024-07-10, registered 2024-08-01; C registered 2025-08-15 as converted
//       from G, then G converted to C (LINK-04's order).
//   Two propaganda classes on 2025-03-10, the second a duplicate, withdrawn on 2025-04-01.
// Expected for 2025 (end of year):
//   cooperatives = A, B, C = 3 (B2 withdrawn); as known before the withdrawals, 4;
//   cooperatives.suspended = 0 (A's suspension ended after 2025-06-30);
//   new.cooperatives = C = 1, of which converted = 1; ended.groups.converted = 1; groups = 0;
//   classes.propaganda.count = 1 (2 as known before the withdrawals);
//   grants.count = 1.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/annual_figures.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class DistrictHistoryAcceptanceTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    programs_ = coop::v1::Programs::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }

  coop::v1::CommandReply Cooperative(const std::string& code, const std::string& on,
                                     const std::string& group = "") {
    auto request = Registration(code);
    request.mutable_header()->set_occurred_on(on);
    auto* r = request.mutable_registration();
    if (on < "2024-07-01") r->set_law_regime(coop::v1::LAW_2012);
    if (on >= "2025-07-01") {
      r->mutable_address()->set_unit_set("2025-07");  // Xã Khánh An after the reform
    }
    if (!group.empty()) {
      r->set_origin(coop::v1::ORIGIN_CONVERTED_FROM_GROUP);
      r->set_origin_group_id(group);
    }
    coop::v1::CommandReply reply;
    Expect(Register(request, &reply));
    last_ = std::max(last_, reply.position());
    return reply;
  }
  void Expect(const grpc::Status& status) { EXPECT_TRUE(status.ok()) << status.error_message(); }
  template <typename Reply>
  void Done(const grpc::Status& status, const Reply& reply) {
    Expect(status);
    last_ = std::max(last_, reply.position());
  }
  coop::v1::CommandReply PropagandaClass() {
    const coop::v1::RecordClassRequest request = PropagandaClassRequest();
    coop::v1::CommandReply reply;
    Done(programs_->RecordClass(Context().get(), request, &reply), reply);
    return reply;
  }
  void Withdraw(const std::string& stream_id, const std::string& reason) {
    coop::v1::VoidEventRequest request;
    *request.mutable_header() = Header("2025-04-01");
    request.set_stream_id(stream_id);
    request.set_event_id(StreamOf(stream_id).front().event_id());
    request.set_reason(reason);
    coop::v1::CommandReply reply;
    Done(corrections_->VoidEvent(Context().get(), request, &reply), reply);
  }
  std::map<std::string, int64_t> Figures2025(uint64_t known_at = 0) {
    coop::v1::AnnualStatisticsRequest request;
    request.mutable_scope()->set_year(2025);
    request.mutable_scope()->set_as_known_at_position(known_at);
    request.set_min_position(last_);
    return AnnualFigures(reporting_.get(), request);
  }
  uint64_t Head() { return server_->store().GetLogInfo().head_position(); }

  uint64_t last_ = 0;
  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(DistrictHistoryAcceptanceTest, TheDistrictsFiguresListsAndHistoriesFollowFromTheFacts) {
  const auto a = Cooperative("2700000001", "2023-03-01");
  const auto b = Cooperative("2700000002", "2024-09-01");
  const auto b2 = Cooperative("2700000003", "2024-09-02");  // B registered twice

  coop::v1::SuspendCooperativeRequest suspend;
  *suspend.mutable_header() = Header("2025-01-10");
  suspend.set_cooperative_id(a.aggregate_id());
  suspend.mutable_suspended()->set_from("2025-01-10");
  suspend.mutable_suspended()->set_until("2025-06-30");
  coop::v1::CommandReply reply;
  Done(registry_->SuspendCooperative(Context().get(), suspend, &reply), reply);

  coop::v1::RecordSupportGrantRequest grant;
  *grant.mutable_header() = Header("2025-03-01");
  grant.mutable_granted()->set_type(coop::v1::SUPPORT_TRAINING);
  grant.mutable_granted()->set_amount_vnd(30'000'000);
  grant.mutable_granted()->set_funding_source(coop::v1::FUNDING_DISTRICT);
  grant.mutable_granted()->set_cooperative_id(a.aggregate_id());
  Done(programs_->RecordSupportGrant(Context().get(), grant, &reply), reply);

  // G: formed and registered; C registered from it; then G converts to C.
  coop::v1::FormCooperativeGroupRequest form;
  *form.mutable_header() = Header("2024-07-10");
  form.mutable_formed()->set_name("THT Lúa sạch ấp 3");
  form.mutable_formed()->set_term_months(36);
  form.mutable_formed()->mutable_address()->set_code("32059");
  form.mutable_formed()->mutable_address()->set_unit_set("2025-03");
  form.mutable_formed()->set_members(6);
  coop::v1::CommandReply group;
  Done(registry_->FormCooperativeGroup(Context().get(), form, &group), group);
  coop::v1::RegisterCooperativeGroupRequest certify;
  *certify.mutable_header() = Header("2024-08-01");
  certify.set_group_id(group.aggregate_id());
  certify.mutable_registered()->set_certificate_number("THT-KA-01");
  Done(registry_->RegisterCooperativeGroup(Context().get(), certify, &reply), reply);
  const auto c = Cooperative("2700000004", "2025-08-15", group.aggregate_id());
  coop::v1::ConvertCooperativeGroupRequest convert;
  *convert.mutable_header() = Header("2025-08-15");
  convert.set_group_id(group.aggregate_id());
  convert.mutable_converted_to_cooperative()->set_cooperative_id(c.aggregate_id());
  convert.mutable_converted_to_cooperative()->set_all_members_agreed(true);
  Done(registry_->ConvertCooperativeGroup(Context().get(), convert, &reply), reply);

  PropagandaClass();
  const auto duplicate = PropagandaClass();

  // Amendments the rules refuse write nothing.
  const uint64_t head = Head();
  coop::v1::CooperativeRegistered registration;
  ASSERT_TRUE(registration.ParseFromString(StreamOf(a.stream_id()).front().payload()));
  for (int rule = 0; rule < 2; ++rule) {
    coop::v1::CooperativeRegistered replacement = registration;
    if (rule == 0) replacement.set_charter_capital_vnd(-5);         // COMMON-02
    if (rule == 1) replacement.mutable_members()->set_official(0);  // COOP-01
    coop::v1::AmendEventRequest amend;
    *amend.mutable_header() = Header("2025-05-01");
    amend.set_stream_id(a.stream_id());
    amend.set_event_id(StreamOf(a.stream_id()).front().event_id());
    amend.set_reason("sửa lỗi nhập liệu");
    amend.set_replacement_type("coop.v1.CooperativeRegistered");
    amend.set_replacement(replacement.SerializeAsString());
    const grpc::Status refused = corrections_->AmendEvent(Context().get(), amend, &reply);
    EXPECT_EQ(refused.error_message().rfind(rule == 0 ? "[COMMON-02]" : "[COOP-01]", 0), 0u)
        << refused.error_message();
  }
  EXPECT_EQ(Head(), head);

  const uint64_t before_withdrawals = Head();
  Withdraw(duplicate.stream_id(), "Nhập trùng lớp học");
  Withdraw(b2.stream_id(), "Đăng ký trùng HTX B");

  // The figures of 2025, derived in the header comment.
  auto figures = Figures2025();
  EXPECT_EQ(figures["cooperatives"], 3);
  EXPECT_EQ(figures["cooperatives.suspended"], 0);
  EXPECT_EQ(figures["new.cooperatives"], 1);
  EXPECT_EQ(figures["new.cooperatives.converted"], 1);
  EXPECT_EQ(figures["groups"], 0);
  EXPECT_EQ(figures["ended.groups.converted"], 1);
  EXPECT_EQ(figures["classes.propaganda.count"], 1);
  EXPECT_EQ(figures["grants.count"], 1);
  figures = Figures2025(before_withdrawals);
  EXPECT_EQ(figures["cooperatives"], 4);
  EXPECT_EQ(figures["classes.propaganda.count"], 2);

  // The list: A, B, C, each as on today; none suspended.
  coop::v1::ListCooperativesRequest list;
  list.set_min_position(last_);
  coop::v1::ListCooperativesReply listed;
  Expect(reporting_->ListCooperatives(Context().get(), list, &listed));
  std::set<std::string> ids;
  for (const auto& view : listed.cooperatives()) ids.insert(view.cooperative_id());
  EXPECT_EQ(ids, (std::set<std::string>{a.aggregate_id(), b.aggregate_id(), c.aggregate_id()}));
  list.set_status("suspended");
  listed.Clear();
  Expect(reporting_->ListCooperatives(Context().get(), list, &listed));
  EXPECT_EQ(listed.cooperatives_size(), 0);

  // Histories: B2's registration and its withdrawal; A's view shows the suspension ending.
  const auto b2_history = StreamOf(b2.stream_id());
  ASSERT_EQ(b2_history.size(), 2u);
  EXPECT_EQ(b2_history[1].type(), "coop.v1.EventVoided");
  coop::v1::GetCooperativeRequest get;
  get.set_cooperative_id(a.aggregate_id());
  get.set_min_position(last_);
  coop::v1::CooperativeView view;
  Expect(reporting_->GetCooperative(Context().get(), get, &view));
  EXPECT_EQ(view.status(), "active");
  ASSERT_EQ(view.status_history_size(), 3);
  EXPECT_EQ(view.status_history(2).on(), "2025-07-01");
  EXPECT_EQ(view.status_history(2).rule(), "COOP-18");
  EXPECT_EQ(view.support_received_size(), 1);
}

}  // namespace
}  // namespace coop::testing
