// coop.v1.Reporting's views over a real server: groups and halls (get, list with area and
// status filters, paging), OCOP products recognised on a date, a cooperative as of a
// business date and as known at a cut-off, and the cooperative view's linked facts.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "services/reporting_service.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {
namespace {

coop::v1::Area Area(const std::string& code, const std::string& unit_set = "2025-03") {
  coop::v1::Area area;
  area.set_code(code);
  area.set_unit_set(unit_set);
  return area;
}

class ReportingViewsTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    registry_ = coop::v1::Registry::NewStub(channel_);
    programs_ = coop::v1::Programs::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }

  static void ExpectOk(const grpc::Status& status) {
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  coop::v1::CommandReply RegisterCooperative(const std::string& code,
                                             const std::string& on = "2024-09-01") {
    coop::v1::RegisterCooperativeRequest request;
    *request.mutable_header() = Header(on);
    auto* r = request.mutable_registration();
    r->set_code(code);
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX " + code);
    r->set_law_regime(on < "2024-07-01" ? coop::v1::LAW_2012 : coop::v1::LAW_2023);
    *r->mutable_address() = Area("32059");
    r->set_charter_capital_vnd(500'000'000);
    r->mutable_members()->set_official(9);
    r->set_sector("agriculture");
    r->set_origin(coop::v1::ORIGIN_NEW);
    coop::v1::CommandReply reply;
    ExpectOk(registry_->RegisterCooperative(Context().get(), request, &reply));
    return reply;
  }

  coop::v1::CommandReply ReportMembers(const std::string& id, int64_t official,
                                       const std::string& on) {
    coop::v1::ReportCooperativeMembershipRequest request;
    *request.mutable_header() = Header(on);
    request.set_cooperative_id(id);
    request.mutable_membership_reported()->mutable_members()->set_official(official);
    coop::v1::CommandReply reply;
    ExpectOk(registry_->ReportCooperativeMembership(Context().get(), request, &reply));
    return reply;
  }

  coop::v1::CommandReply FormGroup(const std::string& commune, const std::string& on) {
    coop::v1::FormCooperativeGroupRequest request;
    *request.mutable_header() = Header(on);
    auto* formed = request.mutable_formed();
    formed->set_name("THT " + commune);
    formed->set_term_months(36);
    *formed->mutable_address() = Area(commune);
    formed->set_members(5);
    formed->set_has_capital_contributions(true);
    formed->set_representative_ref("person-118");
    formed->add_activities("rice");
    coop::v1::CommandReply reply;
    ExpectOk(registry_->FormCooperativeGroup(Context().get(), request, &reply));
    return reply;
  }

  coop::v1::CommandReply FoundHall(const std::string& commune, const std::string& on) {
    coop::v1::FoundHallRequest request;
    *request.mutable_header() = Header(on);
    auto* founded = request.mutable_founded();
    founded->set_name("Hội quán " + commune);
    *founded->mutable_address() = Area(commune);
    founded->set_hamlet("ấp Kênh Ngang");
    founded->set_field("rice");
    founded->set_members(20);
    coop::v1::CommandReply reply;
    ExpectOk(registry_->FoundHall(Context().get(), request, &reply));
    return reply;
  }

  coop::v1::CommandReply Grant(const std::string& cooperative_id, const std::string& group_id,
                               int64_t amount) {
    coop::v1::RecordSupportGrantRequest request;
    *request.mutable_header() = Header("2025-04-20");
    auto* granted = request.mutable_granted();
    granted->set_type(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY);
    granted->set_programme("Kế hoạch phát triển KTTT 2025");
    granted->set_amount_vnd(amount);
    granted->set_funding_source(coop::v1::FUNDING_PROVINCIAL);
    granted->set_decision("567/QĐ-UBND");
    if (!cooperative_id.empty()) granted->set_cooperative_id(cooperative_id);
    if (!group_id.empty()) granted->set_group_id(group_id);
    coop::v1::CommandReply reply;
    ExpectOk(programs_->RecordSupportGrant(Context().get(), request, &reply));
    return reply;
  }

  coop::v1::CommandReply EnrolProduct(const std::string& cooperative_id, const std::string& name) {
    coop::v1::EnrolOcopProductRequest request;
    *request.mutable_header() = Header("2021-01-10");
    request.mutable_enrolled()->set_cooperative_id(cooperative_id);
    request.mutable_enrolled()->set_product_name(name);
    request.mutable_enrolled()->set_year(2021);
    coop::v1::CommandReply reply;
    ExpectOk(programs_->EnrolOcopProduct(Context().get(), request, &reply));
    return reply;
  }

  coop::v1::CommandReply RateProduct(const std::string& product_id, const std::string& on,
                                     double score, int stars) {
    coop::v1::RateOcopProductRequest request;
    *request.mutable_header() = Header(on);
    request.set_product_id(product_id);
    request.mutable_rated()->set_score(score);
    request.mutable_rated()->set_stars(stars);
    request.mutable_rated()->set_level(stars == 5 ? coop::v1::OCOP_LEVEL_CENTRAL
                                                  : coop::v1::OCOP_LEVEL_PROVINCE);
    request.mutable_rated()->set_decision("1234/QĐ-UBND");
    coop::v1::CommandReply reply;
    ExpectOk(programs_->RateOcopProduct(Context().get(), request, &reply));
    return reply;
  }

  coop::v1::CommandReply Void(const std::string& stream_id, const std::string& event_id) {
    coop::v1::VoidEventRequest request;
    *request.mutable_header() = Header("2025-05-01");
    request.set_stream_id(stream_id);
    request.set_event_id(event_id);
    request.set_reason("entered by mistake");
    coop::v1::CommandReply reply;
    ExpectOk(corrections_->VoidEvent(Context().get(), request, &reply));
    return reply;
  }

  // Amends the grant recorded by `grant` with `change` applied to its payload.
  template <typename Change>
  coop::v1::CommandReply AmendGrant(const coop::v1::CommandReply& grant, Change change) {
    coop::v1::SupportGranted granted;
    coop::v1::AmendEventRequest request;
    for (const auto& event : ReadAll()) {
      if (event.position() != grant.position()) continue;
      EXPECT_TRUE(granted.ParseFromString(event.payload()));
      request.set_event_id(event.event_id());
    }
    change(granted);
    *request.mutable_header() = Header("2025-05-01");
    request.set_stream_id(grant.stream_id());
    request.set_reason("wrong recipient");
    request.set_replacement(granted.SerializeAsString());
    request.set_replacement_type(granted.GetDescriptor()->full_name());
    coop::v1::CommandReply reply;
    ExpectOk(corrections_->AmendEvent(Context().get(), request, &reply));
    return reply;
  }

  // The id of the event at `position` in the log.
  std::string EventIdAt(uint64_t position) {
    for (const auto& event : ReadAll()) {
      if (event.position() == position) return event.event_id();
    }
    ADD_FAILURE() << "no event at position " << position;
    return "";
  }

  std::unique_ptr<coop::v1::Registry::Stub> registry_;
  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(ReportingViewsTest, GroupsAreListedByAreaAtAnyLevelAndPagedById) {
  // Given three groups in U Minh district (two in Khánh An) and one in Hà Nội.
  std::set<std::string> in_district;
  for (const std::string commune : {"32059", "32059", "32056"}) {
    in_district.insert(FormGroup(commune, "2024-03-01").aggregate_id());
  }
  const auto hanoi = FormGroup("00001", "2024-03-01");
  const auto granted = Grant("", *in_district.begin(), 80'000'000);

  // When the district is listed two by two.
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    coop::v1::ListGroupsRequest request;
    request.set_page_size(2);
    request.set_page_token(token);
    request.set_min_position(granted.position());
    *request.mutable_area() = Area("966");
    coop::v1::ListGroupsReply reply;
    ExpectOk(reporting_->ListGroups(Context().get(), request, &reply));
    for (const auto& group : reply.groups()) seen.push_back(group.group_id());
    token = reply.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);

  // Then every group of the district comes once, in id order, and none of Hà Nội.
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(seen, std::vector<std::string>(in_district.begin(), in_district.end()));

  coop::v1::ListGroupsRequest province;
  *province.mutable_area() = Area("01");
  province.set_status("formed, not yet notified or registered");
  coop::v1::ListGroupsReply reply;
  ExpectOk(reporting_->ListGroups(Context().get(), province, &reply));
  ASSERT_EQ(reply.groups_size(), 1);
  EXPECT_EQ(reply.groups(0).group_id(), hanoi.aggregate_id());

  coop::v1::GetGroupRequest get;
  get.set_group_id(*in_district.begin());
  coop::v1::GroupView view;
  ExpectOk(reporting_->GetGroup(Context().get(), get, &view));
  EXPECT_EQ(view.members(), 5);
  ASSERT_EQ(view.support_received_size(), 1);
  EXPECT_EQ(view.support_received(0).grant_id(), granted.aggregate_id());
  EXPECT_EQ(view.support_received(0).amount_vnd(), 80'000'000);
  ASSERT_EQ(view.status_history_size(), 1);
  EXPECT_EQ(view.status_history(0).on(), "2024-03-01");

  // An amendment giving the grant to another group moves it there.
  const std::string other = *in_district.rbegin();
  const auto amended =
      AmendGrant(granted, [&](coop::v1::SupportGranted& g) { g.set_group_id(other); });
  get.set_min_position(amended.position());
  ExpectOk(reporting_->GetGroup(Context().get(), get, &view));
  EXPECT_EQ(view.support_received_size(), 0);
  get.set_group_id(other);
  ExpectOk(reporting_->GetGroup(Context().get(), get, &view));
  ASSERT_EQ(view.support_received_size(), 1);
  EXPECT_EQ(view.support_received(0).grant_id(), granted.aggregate_id());
}

TEST_F(ReportingViewsTest, HallsAreFoundListedAndUnknownOnesAreNotFound) {
  const auto hall = FoundHall("32059", "2023-05-01");
  const auto hanoi = FoundHall("00001", "2023-05-01");
  coop::v1::GetHallRequest get;
  get.set_hall_id(hall.aggregate_id());
  get.set_min_position(hanoi.position());
  coop::v1::HallView view;
  ExpectOk(reporting_->GetHall(Context().get(), get, &view));
  EXPECT_EQ(view.status(), "active");
  EXPECT_EQ(view.founded_on(), "2023-05-01");
  EXPECT_EQ(view.hamlet(), "ấp Kênh Ngang");
  EXPECT_EQ(view.members(), 20);

  coop::v1::ListHallsRequest list;
  *list.mutable_area() = Area("96");  // the province Cà Mau
  coop::v1::ListHallsReply reply;
  ExpectOk(reporting_->ListHalls(Context().get(), list, &reply));
  ASSERT_EQ(reply.halls_size(), 1);
  EXPECT_EQ(reply.halls(0).hall_id(), hall.aggregate_id());
  list.set_status("formalised");
  reply.Clear();
  ExpectOk(reporting_->ListHalls(Context().get(), list, &reply));
  EXPECT_EQ(reply.halls_size(), 0);
  // The same code in the two-level set is another area: nothing of 2025-03 matches.
  list.clear_status();
  *list.mutable_area() = Area("96", "2025-07");
  reply.Clear();
  auto status = reporting_->ListHalls(Context().get(), list, &reply);
  EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(reply.halls_size(), 0);

  get.set_hall_id(base::NewRandomUuid());
  get.set_min_position(0);
  EXPECT_EQ(reporting_->GetHall(Context().get(), get, &view).error_code(),
            grpc::StatusCode::NOT_FOUND);
  coop::v1::GetGroupRequest group;
  group.set_group_id(base::NewRandomUuid());
  coop::v1::GroupView group_view;
  EXPECT_EQ(reporting_->GetGroup(Context().get(), group, &group_view).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReportingViewsTest, BadInputIsInvalidArgumentNamingTheField) {
  coop::v1::ListHallsRequest halls;
  halls.set_page_size(-1);
  coop::v1::ListHallsReply halls_reply;
  auto status = reporting_->ListHalls(Context().get(), halls, &halls_reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page_size"), std::string::npos);

  coop::v1::ListGroupsRequest groups;
  *groups.mutable_area() = Area("966", "1999-01");
  coop::v1::ListGroupsReply groups_reply;
  status = reporting_->ListGroups(Context().get(), groups, &groups_reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("area.unit_set"), std::string::npos)
      << status.error_message();

  coop::v1::ListOcopProductsRequest products;
  products.set_valid_on("2025-02-30");
  coop::v1::ListOcopProductsReply products_reply;
  status = reporting_->ListOcopProducts(Context().get(), products, &products_reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("valid_on"), std::string::npos);

  coop::v1::GetCooperativeAsOfRequest as_of;
  as_of.set_cooperative_id(base::NewRandomUuid());
  as_of.set_on_date("31/12/2024");
  coop::v1::CooperativeView view;
  status = reporting_->GetCooperativeAsOf(Context().get(), as_of, &view);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("on_date"), std::string::npos);
  as_of.set_on_date("2024-12-31");
  EXPECT_EQ(reporting_->GetCooperativeAsOf(Context().get(), as_of, &view).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReportingViewsTest, OcopProductsRecognisedOnADateByStarsWithCounts) {
  // Registered before its products were enrolled in 2021 (LINK-02).
  const auto cooperative = RegisterCooperative("4000000001", "2020-06-01");
  const std::string coop_id = cooperative.aggregate_id();
  const auto honey = EnrolProduct(coop_id, "Mật ong rừng U Minh");
  const auto fish = EnrolProduct(coop_id, "Khô cá lóc");
  const auto rice = EnrolProduct(coop_id, "Gạo hữu cơ");
  const auto weak = EnrolProduct(coop_id, "Mắm");
  RateProduct(honey.aggregate_id(), "2021-06-01", 75.5, 4);
  RateProduct(fish.aggregate_id(), "2022-03-01", 60, 3);
  RateProduct(rice.aggregate_id(), "2021-06-01", 62, 3);
  RateProduct(weak.aggregate_id(), "2022-03-01", 45, 0);
  // The rice is re-rated: the latest rating stands from its decision date.
  const auto rerated = RateProduct(rice.aggregate_id(), "2023-01-15", 91, 5);

  auto list = [&](const std::string& valid_on, int min_stars) {
    coop::v1::ListOcopProductsRequest request;
    request.set_valid_on(valid_on);
    request.set_min_stars(min_stars);
    request.set_min_position(rerated.position());
    *request.mutable_area() = Area("966");
    coop::v1::ListOcopProductsReply reply;
    ExpectOk(reporting_->ListOcopProducts(Context().get(), request, &reply));
    return reply;
  };

  // On 2022-12-31: honey 4★, rice 3★ (first rating), fish 3★; the one below 50 is not listed.
  auto reply = list("2022-12-31", 0);
  ASSERT_EQ(reply.products_size(), 3);
  EXPECT_EQ(reply.products(0).product_id(), honey.aggregate_id());
  EXPECT_EQ(reply.four_stars(), 1);
  EXPECT_EQ(reply.three_stars(), 2);
  EXPECT_EQ(reply.five_stars(), 0);
  EXPECT_LT(reply.products(1).product_id(), reply.products(2).product_id()) << "then by id";
  EXPECT_EQ(reply.products(0).area().code(), "32059");
  EXPECT_EQ(reply.products(0).expires_on(), "2024-06-01");

  // On 2024-06-01 the honey's 36 months are over; the rice is 5★ until 2026-01-15.
  reply = list("2024-06-01", 0);
  ASSERT_EQ(reply.products_size(), 2);
  EXPECT_EQ(reply.products(0).product_id(), rice.aggregate_id());
  EXPECT_EQ(reply.products(0).stars(), 5);
  EXPECT_EQ(reply.products(1).product_id(), fish.aggregate_id());

  reply = list("2024-06-01", 4);
  ASSERT_EQ(reply.products_size(), 1);
  EXPECT_EQ(reply.five_stars(), 1);

  // Another province has none.
  coop::v1::ListOcopProductsRequest elsewhere;
  elsewhere.set_valid_on("2022-12-31");
  *elsewhere.mutable_area() = Area("01");
  coop::v1::ListOcopProductsReply none;
  ExpectOk(reporting_->ListOcopProducts(Context().get(), elsewhere, &none));
  EXPECT_EQ(none.products_size(), 0);

  // The cooperative's view lists its products with their current stars.
  coop::v1::GetCooperativeRequest get;
  get.set_cooperative_id(coop_id);
  coop::v1::CooperativeView view;
  ExpectOk(reporting_->GetCooperative(Context().get(), get, &view));
  ASSERT_EQ(view.ocop_products_size(), 4);
  for (const auto& product : view.ocop_products()) {
    if (product.product_id() == rice.aggregate_id()) {
      EXPECT_EQ(product.stars(), 5);
    }
    if (product.product_id() == weak.aggregate_id()) {
      EXPECT_EQ(product.stars(), 0);
    }
  }
}

TEST_F(ReportingViewsTest, AsOfABusinessDateAndAsKnownAtACutOff) {
  const auto registered = RegisterCooperative("4000000002", "2024-07-10");
  const std::string id = registered.aggregate_id();
  ReportMembers(id, 12, "2024-08-30");
  const auto later = ReportMembers(id, 15, "2025-03-31");
  // Recorded last, about an earlier date: 20 members on 2024-12-31.
  const auto late = ReportMembers(id, 20, "2024-12-31");

  auto as_of = [&](const std::string& on, uint64_t position, int64_t micros) {
    coop::v1::GetCooperativeAsOfRequest request;
    request.set_cooperative_id(id);
    request.set_on_date(on);
    request.set_as_known_at_position(position);
    request.set_as_known_at_micros(micros);
    request.set_min_position(late.position());
    coop::v1::CooperativeView view;
    ExpectOk(reporting_->GetCooperativeAsOf(Context().get(), request, &view));
    return view;
  };

  // A business date before a change: the figure then.
  EXPECT_EQ(as_of("2024-08-29", 0, 0).members().official(), 9);
  EXPECT_EQ(as_of("2024-09-01", 0, 0).members().official(), 12);
  // Business-date order: the late report (2024-12-31) comes before the 2025 one.
  EXPECT_EQ(as_of("2025-04-01", 0, 0).members().official(), 15);
  EXPECT_EQ(as_of("2025-01-01", 0, 0).members().official(), 20);
  // A knowledge cut-off before the late event: what was known then about 2025-01-01.
  EXPECT_EQ(as_of("2025-01-01", later.position(), 0).members().official(), 12);
  // The same cut-off by recorded-at time.
  const auto events = ReadAll();
  int64_t later_micros = 0;
  for (const auto& event : events) {
    if (event.position() == later.position()) later_micros = event.recorded_at_micros();
  }
  ASSERT_GT(later_micros, 0);
  EXPECT_EQ(as_of("2025-01-01", 0, later_micros).members().official(), 12);

  // A void recorded after the cut-off does not apply before it.
  const auto voided = Void("coop-" + id, EventIdAt(late.position()));
  coop::v1::GetCooperativeAsOfRequest request;
  request.set_cooperative_id(id);
  request.set_on_date("2025-01-01");
  request.set_min_position(voided.position());
  coop::v1::CooperativeView view;
  ExpectOk(reporting_->GetCooperativeAsOf(Context().get(), request, &view));
  EXPECT_EQ(view.members().official(), 12) << "the voided late report no longer counts";
  request.set_as_known_at_position(voided.position() - 1);
  ExpectOk(reporting_->GetCooperativeAsOf(Context().get(), request, &view));
  EXPECT_EQ(view.members().official(), 20) << "before the void was recorded it counted";

  // Before its registration the cooperative did not exist.
  request.set_on_date("2024-07-09");
  EXPECT_EQ(reporting_->GetCooperativeAsOf(Context().get(), request, &view).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReportingViewsTest, TheCooperativeViewCarriesItsHistoryAndLinkedFacts) {
  const auto registered = RegisterCooperative("4000000003");
  const std::string id = registered.aggregate_id();
  coop::v1::CommandReply reply;
  coop::v1::RecordInspectionRequest inspect;
  *inspect.mutable_header() = Header("2024-12-01");
  inspect.set_cooperative_id(id);
  inspect.mutable_inspected()->set_body("Phòng Tài chính - Kế hoạch");
  inspect.mutable_inspected()->set_basis("compliance with the Cooperative Law");
  inspect.mutable_inspected()->set_compliant(true);
  ExpectOk(registry_->RecordInspection(Context().get(), inspect, &reply));
  coop::v1::RecordAnnualReportRequest report;
  *report.mutable_header() = Header("2024-12-10");
  report.set_cooperative_id(id);
  report.mutable_annual_report_submitted()->set_year(2024);
  ExpectOk(registry_->RecordAnnualReport(Context().get(), report, &reply));
  coop::v1::SuspendCooperativeRequest suspend;
  *suspend.mutable_header() = Header("2025-01-10");
  suspend.set_cooperative_id(id);
  suspend.mutable_suspended()->set_from("2025-01-10");
  suspend.mutable_suspended()->set_until("2025-06-30");
  ExpectOk(registry_->SuspendCooperative(Context().get(), suspend, &reply));
  const auto first = Grant(id, "", 50'000'000);
  const auto second = Grant(id, "", 70'000'000);
  coop::v1::PlaceGraduateRequest place;
  *place.mutable_header() = Header("2025-01-06");
  place.mutable_placed()->set_person_ref("grad-0042");
  place.mutable_placed()->set_degree(coop::v1::DEGREE_UNIVERSITY);
  place.mutable_placed()->set_field("agronomy");
  place.mutable_placed()->set_cooperative_id(id);
  place.mutable_placed()->set_planned_term_months(24);
  coop::v1::CommandReply placed;
  ExpectOk(programs_->PlaceGraduate(Context().get(), place, &placed));

  coop::v1::GetCooperativeRequest get;
  get.set_cooperative_id(id);
  get.set_min_position(placed.position());
  coop::v1::CooperativeView view;
  ExpectOk(reporting_->GetCooperative(Context().get(), get, &view));
  EXPECT_EQ(view.sector(), "agriculture");
  EXPECT_EQ(view.origin(), "new");
  ASSERT_EQ(view.status_history_size(), 3);
  EXPECT_EQ(view.status_history(0).status(), "active");
  EXPECT_EQ(view.status_history(1).status(), "suspended");
  EXPECT_EQ(view.status_history(1).on(), "2025-01-10");
  // The suspension ran out after 2025-06-30: the calendar's change joins the history.
  EXPECT_EQ(view.status_history(2).status(), "active");
  EXPECT_EQ(view.status_history(2).on(), "2025-07-01");
  EXPECT_EQ(view.status_history(2).rule(), "COOP-18");
  EXPECT_EQ(view.status_history(2).position(), view.status_history(1).position());
  EXPECT_EQ(view.last_inspection().on(), "2024-12-01");
  EXPECT_TRUE(view.last_inspection().compliant());
  EXPECT_EQ(view.last_annual_report_year(), 2024);
  EXPECT_EQ(view.support_received_size(), 2);
  ASSERT_EQ(view.placements_size(), 1);
  EXPECT_EQ(view.placements(0).started_on(), "2025-01-06");
  EXPECT_TRUE(view.ended_on().empty());

  // A correction in the grant's stream is honoured in the cooperative's view: the second
  // grant went to a group in truth.
  const std::string group = FormGroup("32059", "2024-03-01").aggregate_id();
  const auto amended =
      AmendGrant(second, [&](coop::v1::SupportGranted& g) { g.set_group_id(group); });
  get.set_min_position(amended.position());
  ExpectOk(reporting_->GetCooperative(Context().get(), get, &view));
  ASSERT_EQ(view.support_received_size(), 1);
  EXPECT_EQ(view.support_received(0).grant_id(), first.aggregate_id());
}

}  // namespace
}  // namespace coop::testing
