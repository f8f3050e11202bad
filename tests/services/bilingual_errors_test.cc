// Request-validation refusals over a real server say what is wrong in Vietnamese first, then
// in English ("<tiếng Việt> / <English>"), both naming the field: coop.v1.Reporting (views,
// paging, areas, history, statistics), coop.v1.Audit, coop.v1.People and Subscribe.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "coop/v1/audit.grpc.pb.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {
namespace {

class BilingualErrorsTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    reporting_ = coop::v1::Reporting::NewStub(channel_);
    audit_ = coop::v1::Audit::NewStub(channel_);
    people_ = coop::v1::People::NewStub(channel_);
  }

  // The refusal is `code`, and its message holds `vietnamese`, then " / ", then `english`.
  static void ExpectBilingual(const grpc::Status& status, grpc::StatusCode code,
                              const std::string& vietnamese, const std::string& english) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    const std::string& message = status.error_message();
    const size_t vi = message.find(vietnamese);
    ASSERT_NE(vi, std::string::npos) << "no \"" << vietnamese << "\" in: " << message;
    const size_t slash = message.find(" / ", vi + vietnamese.size());
    ASSERT_NE(slash, std::string::npos) << "no \" / \" after the Vietnamese in: " << message;
    EXPECT_NE(message.find(english, slash + 3), std::string::npos)
        << "no \"" << english << "\" after \" / \" in: " << message;
  }
  static void ExpectInvalid(const grpc::Status& status, const std::string& vietnamese,
                            const std::string& english) {
    ExpectBilingual(status, grpc::StatusCode::INVALID_ARGUMENT, vietnamese, english);
  }

  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
  std::unique_ptr<coop::v1::Audit::Stub> audit_;
  std::unique_ptr<coop::v1::People::Stub> people_;
};

TEST_F(BilingualErrorsTest, ReportingViewsRefuseAMissingOrNegativeFieldInVietnameseFirst) {
  coop::v1::CooperativeView view;
  ExpectInvalid(reporting_->GetCooperative(Context().get(), {}, &view),
                "cooperative_id: bắt buộc phải có", "cooperative_id is required");

  coop::v1::GroupView group;
  ExpectInvalid(reporting_->GetGroup(Context().get(), {}, &group), "group_id: bắt buộc phải có",
                "group_id is required");

  coop::v1::GetCooperativeAsOfRequest as_of;
  as_of.set_cooperative_id("coop-any");
  as_of.set_on_date("2025-01-01");
  as_of.set_as_known_at_micros(-1);
  ExpectInvalid(reporting_->GetCooperativeAsOf(Context().get(), as_of, &view),
                "as_known_at_micros: không được âm", "as_known_at_micros must not be negative");

  coop::v1::ListOcopProductsRequest products;
  products.set_min_stars(6);
  coop::v1::ListOcopProductsReply products_reply;
  ExpectInvalid(reporting_->ListOcopProducts(Context().get(), products, &products_reply),
                "min_stars: phải từ 0 đến 5", "min_stars must be between 0 and 5");
}

TEST_F(BilingualErrorsTest, ListingsRefuseABadPageOrAreaInVietnameseFirst) {
  coop::v1::ListCooperativesReply reply;
  coop::v1::ListCooperativesRequest request;
  request.set_page_size(-1);
  ExpectInvalid(reporting_->ListCooperatives(Context().get(), request, &reply),
                "page_size: không được âm", "page_size must not be negative");

  request = {};
  request.set_page_token("not-a-token");
  ExpectInvalid(reporting_->ListCooperatives(Context().get(), request, &reply),
                "page_token: không phải mã trang do máy chủ này cấp",
                "page_token: is not a token this server gave");

  request = {};
  request.mutable_area()->set_code("96");
  request.mutable_area()->set_unit_set("2024-01");
  ExpectInvalid(reporting_->ListCooperatives(Context().get(), request, &reply),
                "area.unit_set: \"2024-01\" không phải bộ đơn vị hành chính",
                "area.unit_set: \"2024-01\" is not a unit set");

  coop::v1::ListAreasRequest areas;
  areas.set_unit_set("2024-01");
  coop::v1::ListAreasReply areas_reply;
  ExpectInvalid(reporting_->ListAreas(Context().get(), areas, &areas_reply),
                "unit_set: \"2024-01\" không phải bộ đơn vị hành chính; dùng 2025-03 hoặc 2025-07",
                "unit_set: \"2024-01\" is not a unit set");
}

TEST_F(BilingualErrorsTest, HistoryAndStatisticsRefuseInVietnameseFirst) {
  coop::v1::HistoryReply history;
  ExpectInvalid(reporting_->GetHistory(Context().get(), {}, &history),
                "stream_id: bắt buộc phải có", "stream_id is required");
  coop::v1::HistoryRequest long_history;
  long_history.set_stream_id("coop-any");
  long_history.set_max_count(5000);
  ExpectInvalid(reporting_->GetHistory(Context().get(), long_history, &history),
                "max_count: tối đa 1000 dòng, nhận 5000",
                "max_count must be at most 1000, got 5000");

  coop::v1::AnnualStatisticsRequest annual;
  annual.mutable_scope()->set_year(1980);
  coop::v1::AnnualStatisticsReply annual_reply;
  ExpectInvalid(reporting_->GetAnnualStatistics(Context().get(), annual, &annual_reply),
                "scope.year: phải từ 1990 đến 2100, nhận 1980",
                "scope.year must be between 1990 and 2100, got 1980");

  coop::v1::ExplainStatisticRequest explain;
  explain.set_statistic("cooperatives");
  explain.set_limit(-1);
  coop::v1::ExplainStatisticReply explained;
  ExpectInvalid(reporting_->ExplainStatistic(Context().get(), explain, &explained),
                "limit: không được âm", "limit must not be negative");
  explain.set_statistic("no-such-figure");
  ExpectInvalid(reporting_->ExplainStatistic(Context().get(), explain, &explained),
                "không phải chỉ tiêu đã biết", "statistic \"no-such-figure\" is unknown");
}

TEST_F(BilingualErrorsTest, AuditQueriesRefuseInVietnameseFirst) {
  coop::v1::TrailRequest trail;
  trail.set_page_token("not-a-token");
  coop::v1::TrailReply trail_reply;
  ExpectInvalid(audit_->ListTrail(Context().get(), trail, &trail_reply),
                "page_token: không phải mã trang của danh sách này",
                "page_token: not a token of this trail");

  coop::v1::InclusionProofReply proof;
  ExpectInvalid(audit_->GetInclusionProof(Context().get(), {}, &proof),
                "position hoặc event_id: bắt buộc phải có một trong hai",
                "position or event_id is required");

  coop::v1::ProvenReadRequest proven;
  proven.set_max_count(501);
  coop::v1::ProvenReadReply proven_reply;
  ExpectInvalid(audit_->ReadProven(Context().get(), proven, &proven_reply),
                "max_count: tối đa 500 sự kiện",
                "max_count: at most 500 events in one proven page");
}

TEST_F(BilingualErrorsTest, PeopleRefuseInVietnameseFirst) {
  coop::v1::ListPersonAccessRequest access;
  access.set_page_size(1001);
  coop::v1::ListPersonAccessReply access_reply;
  ExpectInvalid(people_->ListPersonAccess(Context().get(), access, &access_reply),
                "page_size: tối đa 1000", "page_size: at most 1000 (0 means 1000)");

  coop::v1::UpdatePersonRequest update;
  update.mutable_header()->set_command_id("not-a-uuid");
  coop::v1::RecordPersonReply update_reply;
  ExpectInvalid(people_->UpdatePerson(Context().get(), update, &update_reply),
                "header.command_id: phải là một UUID", "header.command_id: must be a UUID");
}

TEST_F(BilingualErrorsTest, SubscribeRefusesTooManyEventsPerMessageInVietnameseFirst) {
  coop::v1::SubscribeRequest request;
  request.set_max_events_per_message(100'000);
  auto context = Context();
  auto reader = stub_->Subscribe(context.get(), request);
  coop::v1::SubscribeResponse message;
  while (reader->Read(&message)) {
  }
  ExpectInvalid(reader->Finish(), "max_events_per_message: tối đa",
                "events per message, got 100000");
}

}  // namespace
}  // namespace coop::testing
