// The one legal calendar on every read path. Three cooperatives are recorded through the
// Registry service, and the server's clock is moved from 31 December 2024 to 1 January 2025,
// across the day two of the calendar's rules fire:
//   S  suspended from 2024-07-01 until 2024-12-31: active again from 2025-01-01 (COOP-18);
//   D1 dissolving from 2024-06-30: dissolved by itself on 2024-12-30 (COOP-17);
//   D2 dissolving from 2024-07-01: dissolved by itself on 2025-01-01 (COOP-17).
// On each day GetCooperative, ListCooperatives' status filter, GetCooperativeAsOf for that day
// and the annual statistics of that day's year say the same of each of them. A group's
// termination notice (GROUP-15) is checked the same way on the group read paths.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "domain/common/dates.h"
#include "tests/services/annual_figures.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class CalendarReadPathsTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }
  void Configure(services::ServerOptions& options) override {
    options.clock = [this] {
      const absl::CivilDay day = today_.load();
      // 10:00 in Vietnam (UTC+7).
      return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 3, 0, 0),
                             absl::UTCTimeZone());
    };
  }

  std::string RegisterOn(const std::string& code, const std::string& on) {
    auto request = Registration(code);
    request.mutable_header()->set_occurred_on(on);
    if (on < "2024-07-01") request.mutable_registration()->set_law_regime(coop::v1::LAW_2012);
    coop::v1::CommandReply reply;
    const grpc::Status status = Register(request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.aggregate_id();
  }
  void Suspend(const std::string& id, const std::string& from, const std::string& until) {
    coop::v1::SuspendCooperativeRequest request;
    *request.mutable_header() = Header(from);
    request.set_cooperative_id(id);
    request.mutable_suspended()->set_from(from);
    request.mutable_suspended()->set_until(until);
    coop::v1::CommandReply reply;
    const grpc::Status status = registry_->SuspendCooperative(Context().get(), request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
    last_position_ = reply.position();
  }
  void StartDissolution(const std::string& id, const std::string& on) {
    coop::v1::StartCooperativeDissolutionRequest request;
    *request.mutable_header() = Header(on);
    request.set_cooperative_id(id);
    request.mutable_dissolution_started()->set_kind(coop::v1::VOLUNTARY);
    request.mutable_dissolution_started()->set_resolution("Nghị quyết Đại hội thành viên");
    coop::v1::CommandReply reply;
    const grpc::Status status =
        registry_->StartCooperativeDissolution(Context().get(), request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
    last_position_ = reply.position();
  }

  coop::v1::CooperativeView Get(const std::string& id) {
    coop::v1::GetCooperativeRequest request;
    request.set_cooperative_id(id);
    request.set_min_position(last_position_);
    coop::v1::CooperativeView view;
    const grpc::Status status = reporting_->GetCooperative(Context().get(), request, &view);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return view;
  }
  coop::v1::CooperativeView AsOf(const std::string& id, absl::CivilDay day) {
    coop::v1::GetCooperativeAsOfRequest request;
    request.set_cooperative_id(id);
    request.set_on_date(domain::FormatDate(day));
    request.set_min_position(last_position_);
    coop::v1::CooperativeView view;
    const grpc::Status status = reporting_->GetCooperativeAsOf(Context().get(), request, &view);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return view;
  }
  std::set<std::string> Listed(const std::string& status) {
    coop::v1::ListCooperativesRequest request;
    request.set_status(status);
    request.set_min_position(last_position_);
    coop::v1::ListCooperativesReply reply;
    const grpc::Status st = reporting_->ListCooperatives(Context().get(), request, &reply);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::set<std::string> ids;
    for (const auto& view : reply.cooperatives()) {
      EXPECT_EQ(view.status(), status) << view.cooperative_id();
      ids.insert(view.cooperative_id());
    }
    return ids;
  }
  std::map<std::string, int64_t> Statistics(int year) {
    coop::v1::AnnualStatisticsRequest request;
    request.mutable_scope()->set_year(year);
    request.set_min_position(last_position_);
    return AnnualFigures(reporting_.get(), request);
  }

  std::atomic<absl::CivilDay> today_{absl::CivilDay(2024, 12, 31)};
  uint64_t last_position_ = 0;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(CalendarReadPathsTest, FourReadPathsAgreeBeforeAndAfterTheRulesFire) {
  const std::string s = RegisterOn("2310000001", "2024-01-05");
  const std::string d1 = RegisterOn("2310000002", "2024-01-05");
  const std::string d2 = RegisterOn("2310000003", "2024-01-05");
  Suspend(s, "2024-07-01", "2024-12-31");
  StartDissolution(d1, "2024-06-30");
  StartDissolution(d2, "2024-07-01");

  struct Expected {
    absl::CivilDay day;
    std::map<std::string, std::string> status;  // by id
    int64_t suspended, dissolving, dissolved_in_year;
  };
  const Expected days[] = {
      // 31 December 2024: S on its last day, D1 dissolved the day before, D2 dissolving.
      {absl::CivilDay(2024, 12, 31),
       {{s, "suspended"}, {d1, "dissolved"}, {d2, "dissolving"}},
       1,
       1,
       1},
      // 1 January 2025: S active again, D2 dissolved by itself; D1 ended in 2024.
      {absl::CivilDay(2025, 1, 1), {{s, "active"}, {d1, "dissolved"}, {d2, "dissolved"}}, 0, 0, 1},
  };
  for (const auto& expected : days) {
    today_.store(expected.day);
    SCOPED_TRACE(domain::FormatDate(expected.day));
    for (const auto& [id, status] : expected.status) {
      EXPECT_EQ(Get(id).status(), status) << "GetCooperative " << id;
      EXPECT_EQ(AsOf(id, expected.day).status(), status) << "GetCooperativeAsOf " << id;
      EXPECT_TRUE(Listed(status).contains(id)) << "ListCooperatives(status=" << status << ")";
    }
    auto figures = Statistics(expected.day.year());
    EXPECT_EQ(figures["cooperatives.suspended"], expected.suspended);
    EXPECT_EQ(figures["cooperatives.dissolving"], expected.dissolving);
    EXPECT_EQ(figures["ended.cooperatives.dissolved"], expected.dissolved_in_year);
  }

  // The views say which rule gave the status, and when.
  today_.store(absl::CivilDay(2025, 1, 1));
  const auto view = Get(d2);
  EXPECT_EQ(view.status_rule(), "COOP-17");
  EXPECT_EQ(view.ended_on(), "2025-01-01");
  EXPECT_EQ(view.dissolution_started_on(), "2024-07-01");
  ASSERT_GE(view.status_history_size(), 1);
  EXPECT_EQ(view.status_history().rbegin()->rule(), "COOP-17");
  EXPECT_EQ(Get(s).status_rule(), "COOP-18");
  EXPECT_TRUE(Get(s).suspended_until().empty());
  // As of a day before the rule fired, the view is as it was then.
  EXPECT_EQ(AsOf(s, absl::CivilDay(2024, 12, 31)).status(), "suspended");
  EXPECT_EQ(AsOf(d2, absl::CivilDay(2024, 12, 31)).status(), "dissolving");
}

TEST_F(CalendarReadPathsTest, CommandsSeeTheSameCalendar) {
  const std::string d2 = RegisterOn("2310000004", "2024-01-05");
  StartDissolution(d2, "2024-07-01");
  today_.store(absl::CivilDay(2025, 1, 1));
  coop::v1::CompleteCooperativeDissolutionRequest complete;
  *complete.mutable_header() = Header("2025-01-01");
  complete.set_cooperative_id(d2);
  coop::v1::CommandReply reply;
  const grpc::Status refused =
      registry_->CompleteCooperativeDissolution(Context().get(), complete, &reply);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("[COOP-03]"), std::string::npos)
      << refused.error_message();
  EXPECT_NE(refused.error_message().find("COOP-17"), std::string::npos) << refused.error_message();
  *complete.mutable_header() = Header("2024-12-31");
  EXPECT_TRUE(registry_->CompleteCooperativeDissolution(Context().get(), complete, &reply).ok());
}

// A group: formed and registered in 2024, it notifies its termination on 2024-10-01 and ends
// by itself on 2025-01-01 (GROUP-15). GetGroup, ListGroups' status filter and the statistics
// agree on 31 December 2024 (terminating, still counted) and on 1 January 2025 (terminated).
TEST_F(CalendarReadPathsTest, AGroupsTerminationNoticeEndsItOnEveryReadPath) {
  coop::v1::FormCooperativeGroupRequest form;
  *form.mutable_header() = Header("2024-08-01");
  auto* formed = form.mutable_formed();
  formed->set_name("THT Lúa sạch ấp 3");
  formed->set_term_months(36);
  formed->mutable_address()->set_code("32059");
  formed->mutable_address()->set_unit_set("2025-03");
  formed->set_members(5);
  formed->set_representative_ref("person-118");
  coop::v1::CommandReply reply;
  ASSERT_TRUE(registry_->FormCooperativeGroup(Context().get(), form, &reply).ok());
  const std::string id = reply.aggregate_id();
  coop::v1::RegisterCooperativeGroupRequest registration;
  *registration.mutable_header() = Header("2024-09-01");
  registration.set_group_id(id);
  registration.mutable_registered()->set_certificate_number("THT-0042");
  ASSERT_TRUE(registry_->RegisterCooperativeGroup(Context().get(), registration, &reply).ok());
  coop::v1::NotifyCooperativeGroupTerminationRequest notice;
  *notice.mutable_header() = Header("2024-10-01");
  notice.set_group_id(id);
  notice.mutable_termination_notified()->set_reason("Hết thời hạn hợp đồng hợp tác");
  const grpc::Status noticed =
      registry_->NotifyCooperativeGroupTermination(Context().get(), notice, &reply);
  ASSERT_TRUE(noticed.ok()) << noticed.error_message();
  last_position_ = reply.position();

  auto get = [&] {
    coop::v1::GetGroupRequest request;
    request.set_group_id(id);
    request.set_min_position(last_position_);
    coop::v1::GroupView view;
    const grpc::Status status = reporting_->GetGroup(Context().get(), request, &view);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return view;
  };
  auto listed = [&](const std::string& status) {
    coop::v1::ListGroupsRequest request;
    request.set_status(status);
    request.set_min_position(last_position_);
    coop::v1::ListGroupsReply groups;
    EXPECT_TRUE(reporting_->ListGroups(Context().get(), request, &groups).ok());
    return groups.groups_size() == 1 && groups.groups(0).group_id() == id &&
           groups.groups(0).status() == status;
  };

  today_.store(absl::CivilDay(2024, 12, 31));
  EXPECT_EQ(get().status(), "terminating");
  EXPECT_EQ(get().termination_notified_on(), "2024-10-01");
  EXPECT_TRUE(listed("terminating"));
  auto figures = Statistics(2024);
  EXPECT_EQ(figures["groups"], 1) << "a terminating group still counts";
  EXPECT_EQ(figures["ended.groups.terminated"], 0);

  today_.store(absl::CivilDay(2025, 1, 1));
  const auto view = get();
  EXPECT_EQ(view.status(), "terminated");
  EXPECT_EQ(view.status_rule(), "GROUP-15");
  EXPECT_EQ(view.ended_on(), "2025-01-01");
  EXPECT_EQ(view.status_history().rbegin()->rule(), "GROUP-15");
  EXPECT_TRUE(listed("terminated"));
  EXPECT_FALSE(listed("terminating"));
  figures = Statistics(2025);
  EXPECT_EQ(figures["groups"], 0);
  EXPECT_EQ(figures["ended.groups.terminated"], 1);

  // A command after the end is refused, naming the rule.
  coop::v1::TerminateCooperativeGroupRequest terminate;
  *terminate.mutable_header() = Header("2025-01-01");
  terminate.set_group_id(id);
  terminate.mutable_terminated()->set_reason("Hết thời hạn hợp đồng hợp tác");
  const grpc::Status refused =
      registry_->TerminateCooperativeGroup(Context().get(), terminate, &reply);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("GROUP-15"), std::string::npos) << refused.error_message();
}

}  // namespace
}  // namespace coop::testing
