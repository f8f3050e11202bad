// coop.v1.Reporting over a real server: queries served from the cooperative registry
// projection, read-your-writes through min_position, stable pagination by cooperative id.
#include "services/reporting_service.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/registry.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/annual_figures.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {
namespace {

class ReportingServiceTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    registry_ = coop::v1::Registry::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }
  void Configure(services::ServerOptions& options) override {
    options.reporting_max_wait = absl::Milliseconds(300);
  }

  coop::v1::CommandReply Register(const std::string& code, const std::string& commune = "32059") {
    coop::v1::RegisterCooperativeRequest request;
    *request.mutable_header() = Header("2024-09-01");
    auto* r = request.mutable_registration();
    r->set_code(code);
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX " + code);
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code(commune);
    r->mutable_address()->set_unit_set("2025-03");
    r->set_charter_capital_vnd(500'000'000);
    r->mutable_members()->set_official(9);
    r->set_origin(coop::v1::ORIGIN_NEW);
    coop::v1::CommandReply reply;
    auto status = registry_->RegisterCooperative(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }

  grpc::Status Get(const std::string& id, uint64_t min_position, coop::v1::CooperativeView* view) {
    coop::v1::GetCooperativeRequest request;
    request.set_cooperative_id(id);
    request.set_min_position(min_position);
    return reporting_->GetCooperative(Context().get(), request, view);
  }

  std::unique_ptr<coop::v1::Registry::Stub> registry_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(ReportingServiceTest, ReadsItsOwnWritesWithMinPosition) {
  auto registered = Register("2000000001");
  coop::v1::CooperativeView view;
  auto status = Get(registered.aggregate_id(), registered.position(), &view);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(view.cooperative_id(), registered.aggregate_id());
  EXPECT_EQ(view.code(), "2000000001");
  EXPECT_EQ(view.status(), "active");
  EXPECT_EQ(view.members().official(), 9);

  coop::v1::ReportCooperativeMembershipRequest report;
  *report.mutable_header() = Header("2025-01-10");
  report.set_cooperative_id(registered.aggregate_id());
  report.mutable_membership_reported()->mutable_members()->set_official(14);
  coop::v1::CommandReply reported;
  ASSERT_TRUE(registry_->ReportCooperativeMembership(Context().get(), report, &reported).ok());

  coop::v1::SuspendCooperativeRequest suspend;
  *suspend.mutable_header() = Header("2025-01-10");
  suspend.set_cooperative_id(registered.aggregate_id());
  suspend.mutable_suspended()->set_from("2025-01-10");
  suspend.mutable_suspended()->set_until("2025-06-30");
  coop::v1::CommandReply suspended;
  status = registry_->SuspendCooperative(Context().get(), suspend, &suspended);
  ASSERT_TRUE(status.ok()) << status.error_message();

  status = Get(registered.aggregate_id(), suspended.position(), &view);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(view.members().official(), 14);
  ASSERT_EQ(view.status_history_size(), 3);
  EXPECT_EQ(view.status_history(1).status(), "suspended");
  EXPECT_EQ(view.status_history(1).position(), suspended.position());
  // Read today, the suspension has run out after its last day (COOP-18).
  EXPECT_EQ(view.status(), "active");
  EXPECT_EQ(view.status_rule(), "COOP-18");
  EXPECT_EQ(view.status_history(2).on(), "2025-07-01");
  EXPECT_GE(view.position(), suspended.position());
}

TEST_F(ReportingServiceTest, UnknownCooperativeIsNotFound) {
  coop::v1::CooperativeView view;
  auto status = Get("00000000-0000-4000-8000-000000000000", 0, &view);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  status = Get("", 0, &view);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ReportingServiceTest, APositionPastTheLogHeadIsOutOfRangeAtOnceNamingTheHead) {
  // It used to wait out the whole timeout, holding a query thread: 24 such calls froze every
  // Reporting query for a minute.
  auto registered = Register("2000000002");
  coop::v1::CooperativeView view;
  const auto start = absl::Now();
  auto status = Get(registered.aggregate_id(), registered.position() + 1'000'000, &view);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  const std::string head =
      absl::StrCat("log head (position ", server_->store().GetLogInfo().head_position(), ")");
  EXPECT_NE(status.error_message().find(head), std::string::npos) << status.error_message();
  status = Get(registered.aggregate_id(), uint64_t{1} << 63, &view);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
}

TEST_F(ReportingServiceTest, ListPagesThroughCooperativesInIdOrderWithFilters) {
  uint64_t last = 0;
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    auto reply = Register("300000000" + std::to_string(i), i < 3 ? "32059" : "32056");
    ids.insert(reply.aggregate_id());
    last = std::max(last, reply.position());
  }
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    coop::v1::ListCooperativesRequest request;
    request.set_page_size(2);
    request.set_page_token(token);
    request.set_min_position(last);
    coop::v1::ListCooperativesReply reply;
    auto status = reporting_->ListCooperatives(Context().get(), request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_LE(reply.cooperatives_size(), 2);
    for (const auto& view : reply.cooperatives()) seen.push_back(view.cooperative_id());
    token = reply.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, std::vector<std::string>(ids.begin(), ids.end())) << "every one, in id order";

  coop::v1::ListCooperativesRequest filtered;
  filtered.mutable_area()->set_code("32056");
  filtered.mutable_area()->set_unit_set("2025-03");
  filtered.set_status("active");
  filtered.set_kind(coop::v1::COOPERATIVE);
  coop::v1::ListCooperativesReply reply;
  ASSERT_TRUE(reporting_->ListCooperatives(Context().get(), filtered, &reply).ok());
  EXPECT_EQ(reply.cooperatives_size(), 2);
  EXPECT_TRUE(reply.next_page_token().empty());
  for (const auto& view : reply.cooperatives()) EXPECT_EQ(view.address().code(), "32056");
}

TEST_F(ReportingServiceTest, ListFiltersByAreaAtAnyLevelSectorRatingAndLawRegime) {
  // Given cooperatives in two communes of U Minh district, one in Hà Nội, one under the 2012
  // law, one in transport, and one rated Tốt.
  const auto khanh_an = Register("5000000001", "32059");
  const auto khanh_lam = Register("5000000002", "32056");
  const auto hanoi = Register("5000000003", "00001");
  coop::v1::RegisterCooperativeRequest old_law;
  *old_law.mutable_header() = Header("2020-09-01");
  auto* r = old_law.mutable_registration();
  r->set_code("5000000004");
  r->set_kind(coop::v1::COOPERATIVE);
  r->set_name("HTX Vận tải U Minh");
  r->set_law_regime(coop::v1::LAW_2012);
  r->mutable_address()->set_code("32056");
  r->mutable_address()->set_unit_set("2025-03");
  r->set_charter_capital_vnd(300'000'000);
  r->mutable_members()->set_official(8);
  r->set_sector("transport");
  r->set_origin(coop::v1::ORIGIN_NEW);
  coop::v1::CommandReply transport;
  auto status = registry_->RegisterCooperative(Context().get(), old_law, &transport);
  ASSERT_TRUE(status.ok()) << status.error_message();
  coop::v1::RateCooperativeRequest rate;
  *rate.mutable_header() = Header("2026-02-01");
  rate.set_cooperative_id(khanh_an.aggregate_id());
  rate.mutable_rated()->set_year(2025);
  rate.mutable_rated()->set_regulation("01/2020/TT-BKHĐT");
  rate.mutable_rated()->set_score(85);
  rate.mutable_rated()->set_grade(coop::v1::GOOD);
  coop::v1::CommandReply rated;
  status = registry_->RateCooperative(Context().get(), rate, &rated);
  ASSERT_TRUE(status.ok()) << status.error_message();

  auto list = [&](coop::v1::ListCooperativesRequest request) {
    request.set_min_position(rated.position());
    coop::v1::ListCooperativesReply reply;
    auto st = reporting_->ListCooperatives(Context().get(), request, &reply);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::set<std::string> ids;
    for (const auto& view : reply.cooperatives()) ids.insert(view.cooperative_id());
    return ids;
  };
  coop::v1::ListCooperativesRequest request;
  request.mutable_area()->set_code("966");  // the district
  request.mutable_area()->set_unit_set("2025-03");
  EXPECT_EQ(list(request), (std::set<std::string>{khanh_an.aggregate_id(), khanh_lam.aggregate_id(),
                                                  transport.aggregate_id()}));
  request.mutable_area()->set_code("01");  // the province of Hà Nội
  EXPECT_EQ(list(request), std::set<std::string>{hanoi.aggregate_id()});
  request.mutable_area()->set_code("96");  // Cà Mau, with a sector
  request.set_sector("transport");
  EXPECT_EQ(list(request), std::set<std::string>{transport.aggregate_id()});
  request.clear_sector();
  request.set_law_regime(coop::v1::LAW_2023);
  request.set_rating(coop::v1::GOOD);
  EXPECT_EQ(list(request), std::set<std::string>{khanh_an.aggregate_id()});
  // An address in another unit set than the filter's does not match.
  request.Clear();
  request.mutable_area()->set_code("96");
  request.mutable_area()->set_unit_set("2025-07");
  EXPECT_TRUE(list(request).empty());

  // An unknown unit set or area code is INVALID_ARGUMENT naming the field.
  request.mutable_area()->set_unit_set("2019-01");
  coop::v1::ListCooperativesReply reply;
  status = reporting_->ListCooperatives(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("area.unit_set"), std::string::npos)
      << status.error_message();
  request.mutable_area()->set_unit_set("2025-03");
  request.mutable_area()->set_code("99999");
  status = reporting_->ListCooperatives(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("area.code"), std::string::npos);
  request.Clear();
  request.set_page_size(-1);
  EXPECT_EQ(reporting_->ListCooperatives(Context().get(), request, &reply).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ReportingServiceTest, ProjectionStatusShowsTheRegistryLiveAtTheHead) {
  const auto reply = Register("2000000900");
  coop::v1::GetCooperativeRequest get;
  get.set_cooperative_id(reply.aggregate_id());
  get.set_min_position(reply.position());
  coop::v1::CooperativeView view;
  ASSERT_TRUE(reporting_->GetCooperative(Context().get(), get, &view).ok());
  coop::v1::ProjectionStatusReply status;
  ASSERT_TRUE(reporting_->GetProjectionStatus(Context().get(), {}, &status).ok());
  const coop::v1::ProjectionStatus* registry = nullptr;
  for (const auto& p : status.projections()) {
    if (p.name() == "cooperative_registry") registry = &p;
  }
  ASSERT_NE(registry, nullptr);
  const auto& p = *registry;
  EXPECT_EQ(p.name(), "cooperative_registry");
  EXPECT_GE(p.position(), reply.position());
  EXPECT_TRUE(p.error().empty()) << p.error();
  EXPECT_FALSE(p.state().empty());
}

// Here the projections gather live commits for 5 s between reads
// (ServerOptions::projection_live_read_interval), unless a query waits for a position.
class GatheringViewsTest : public ReportingServiceTest {
 protected:
  void Configure(services::ServerOptions& options) override {
    ReportingServiceTest::Configure(options);
    options.reporting_max_wait = absl::Seconds(10);
    options.projection_live_read_interval = absl::Seconds(5);
  }
  // The cooperatives of Huyện U Minh at the end of 2024, as known at a position or a time.
  int64_t Cooperatives(uint64_t min_position, uint64_t known_at_position,
                       int64_t known_at_micros = 0) {
    coop::v1::AnnualStatisticsRequest request;
    request.mutable_scope()->mutable_area()->set_code("966");
    request.mutable_scope()->mutable_area()->set_unit_set("2025-03");
    request.mutable_scope()->set_year(2024);
    request.mutable_scope()->set_as_known_at_position(known_at_position);
    request.mutable_scope()->set_as_known_at_micros(known_at_micros);
    request.set_min_position(min_position);
    return AnnualFigures(reporting_.get(), request)["cooperatives"];
  }
};

TEST_F(GatheringViewsTest,
       GivenTheViewsGatheringCommitsWhenAskedAsKnownAtTheLastCommandThenTheyHoldIt) {
  // The statistics read the first registration at once (a query waits for it), and so gather
  // the commits after it for the next 5 s.
  const auto first = Register("2000000021");
  ASSERT_EQ(Cooperatives(first.position(), first.position()), 1);
  const int64_t after_first = absl::ToUnixMicros(absl::Now());
  const auto second = Register("2000000022");
  // Asked at once "as known at" the second's position, without min_position: the figures
  // still hold every event up to it, and so does a cooperative's state as of a date.
  coop::v1::GetCooperativeAsOfRequest as_of;
  as_of.set_cooperative_id(second.aggregate_id());
  as_of.set_on_date("2024-12-31");
  as_of.set_as_known_at_position(second.position());
  coop::v1::CooperativeView view;
  const grpc::Status status = reporting_->GetCooperativeAsOf(Context().get(), as_of, &view);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(view.code(), "2000000022");
  EXPECT_EQ(Cooperatives(0, second.position()), 2);
  // As known at a time: every event recorded by then; a position past the head: the head.
  Register("2000000023");
  EXPECT_EQ(Cooperatives(0, 0, absl::ToUnixMicros(absl::Now())), 3);
  const auto fourth = Register("2000000024");
  EXPECT_EQ(Cooperatives(0, fourth.position() + 1'000), 4);
  // As known at an earlier position, or time: what the log held then.
  EXPECT_EQ(Cooperatives(0, first.position()), 1);
  EXPECT_EQ(Cooperatives(0, 0, after_first), 1);
}

// coopd --projections off (benchmarks only): the store serves alone. Commands are recorded
// as usual; every read of a view is refused at once, naming the flag, instead of waiting for a
// projection that does not run.
class ProjectionsOffTest : public ReportingServiceTest {
 protected:
  void Configure(services::ServerOptions& options) override {
    ReportingServiceTest::Configure(options);
    options.run_projections = false;
  }
};

TEST_F(ProjectionsOffTest, CommandsAreRecordedAndEveryViewIsRefusedNamingTheFlag) {
  const auto registered = Register("2000000950");
  ASSERT_GT(registered.position(), 0u);
  EXPECT_EQ(StreamOf("coop-" + registered.aggregate_id()).size(), 1u);

  coop::v1::CooperativeView view;
  const auto status = Get(registered.aggregate_id(), registered.position(), &view);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("không chạy các phép chiếu"), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("--projections off"), std::string::npos)
      << status.error_message();
  coop::v1::AnnualStatisticsRequest statistics;
  statistics.mutable_scope()->mutable_area()->set_code("VN");
  statistics.mutable_scope()->set_year(2024);
  coop::v1::AnnualStatisticsReply figures;
  EXPECT_EQ(reporting_->GetAnnualStatistics(Context().get(), statistics, &figures).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  coop::v1::ProjectionStatusReply projections;
  ASSERT_TRUE(reporting_->GetProjectionStatus(Context().get(), {}, &projections).ok());
  EXPECT_EQ(projections.projections_size(), 0);
}

}  // namespace
}  // namespace coop::testing
