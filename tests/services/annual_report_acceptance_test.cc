// Issue 12's acceptance for the annual report: a district's history recorded only through the
// command services, and GetAnnualReport's paragraphs for a district, a commune, a province,
// the nation, a post-reform commune and the reporting year, in Vietnamese and English, each
// equal to a text derived below from the facts. The server's clock is the real one.
//
// The facts (Huyện U Minh 966, Cà Mau 96, in the 2025-03 units; nothing else is recorded):
//   A  HTX registered 2023-03-01 in Xã Khánh An (32059) under the 2012 law: 9 members,
//      charter capital 500,000,000; workforce reported 2024-03-01: 12 regular workers, of whom
//      6 members; inspected 2024-05-10; a science-and-technology grant of 50,000,000 on
//      2024-09-01, filed under no area (so it counts at A's address, in Xã Khánh An).
//   B  HTX registered 2024-08-10 in Thị trấn U Minh (32044): 7 members, capital
//      1,200,000,000, 5 regular workers, all members.
//   G  THT formed 2024-02-15 in Xã Khánh Hội (32062), 6 members.
//   H  hội quán founded 2024-04-01 in ấp Kênh Ngang, Xã Khánh An.
//   K1 a propaganda class held by the district (966) on 2024-03-10; K1' the same class entered
//      again and voided.
//   K2 a vocational class in Xã Khánh An on 2024-06-05.
//   P  the district's 2025 plan, set 2024-12-20: at least 2 new HTX; 1 new THT per commune
//      (8 communes: 7 xã and 1 thị trấn); at least 1 HTX at a trade fair.
//   C  HTX registered 2025-08-15 in Xã Khánh An of the 2025-07 units (old 32059 in full, and
//      part of 32053): 9 members, capital 500,000,000, 4 regular workers, all members.
//   K3 a state-management class held by the district on 2024-12-20, recorded last (late).
//
// Derived for 2024, Huyện U Minh (calendar year):
//   stocks at 31 Dec: HTX A, B = 02; THT G = 01; hội quán H = 01; HTX members 9 + 7 = 16;
//   THT members 06; members working regularly 6 + 5 = 11; capital 500 triệu + 1 tỷ 200 triệu
//   = 1 tỷ 700 triệu đồng;
//   in the year: new HTX B = 01, new THT G = 01; classes K3, K1 (K1' voided), K2 = 01 each;
//   HTX inspected A = 01; grants 01 worth 50 triệu đồng; hội quán founded H = 01.
//   As known before K3 was recorded: the same without K3. As known before P was set: no
//   targets paragraph.
//   Reporting year 2024 (15/12/2023 – 14/12/2024): K3 (20/12/2024) falls outside; the rest is
//   the same.
// Xã Khánh An 2024: HTX A = 01, hội quán H = 01, 09 members, 06 working, 500 triệu; K2, A
//   inspected, A's grant, H founded; the district's classes count in no commune; no plan.
// Tỉnh Cà Mau and the nation 2024: the district's figures (nothing else is recorded); no plan.
// Xã Khánh An (2025-07) 2025: HTX A, C = 02; hội quán H = 01; 9 + 9 = 18 members; 6 + 4 = 10
//   working; 500 triệu + 500 triệu = 1 tỷ đồng; new HTX C = 01.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/planning.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

class AnnualReportAcceptanceTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    programs_ = coop::v1::Programs::NewStub(channel_);
    corrections_ = coop::v1::Corrections::NewStub(channel_);
    planning_ = coop::v1::Planning::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
    RecordTheFacts();
  }

  template <typename Reply>
  void Done(const grpc::Status& status, const Reply& reply) {
    ASSERT_TRUE(status.ok()) << status.error_message();
    last_ = std::max(last_, reply.position());
  }
  static coop::v1::Area Area(const std::string& code, const std::string& unit_set = "2025-03") {
    coop::v1::Area area;
    area.set_code(code);
    area.set_unit_set(unit_set);
    return area;
  }
  std::string Cooperative(const std::string& code, const std::string& on,
                          const coop::v1::Area& address, int64_t members, int64_t capital,
                          int64_t workers) {
    auto request = Registration(code);
    request.mutable_header()->set_occurred_on(on);
    auto* r = request.mutable_registration();
    r->set_law_regime(on < "2024-07-01" ? coop::v1::LAW_2012 : coop::v1::LAW_2023);
    *r->mutable_address() = address;
    r->mutable_members()->set_official(members);
    r->set_charter_capital_vnd(capital);
    r->mutable_workforce()->set_regular_workers(workers);
    r->mutable_workforce()->set_of_which_members(workers);
    coop::v1::CommandReply reply;
    Done(Register(request, &reply), reply);
    return reply.aggregate_id();
  }
  coop::v1::CommandReply Class(coop::v1::ClassKind kind, const std::string& on,
                               const coop::v1::Area& area, const std::string& title) {
    coop::v1::RecordClassRequest request;
    *request.mutable_header() = Header(on);
    auto* held = request.mutable_held();
    held->set_kind(kind);
    held->set_title(title);
    held->set_organiser("Phòng Nông nghiệp huyện U Minh");
    held->set_start_date(on);
    held->set_end_date(on);
    *held->mutable_area() = area;
    held->mutable_participants()->set_members(30);
    coop::v1::CommandReply reply;
    Done(programs_->RecordClass(Context().get(), request, &reply), reply);
    return reply;
  }

  void RecordTheFacts() {
    const std::string a = Cooperative("2800000001", "2023-03-01", Area("32059"), 9, 500'000'000, 0);
    coop::v1::CommandReply reply;
    {
      coop::v1::ReportCooperativeWorkforceRequest request;
      *request.mutable_header() = Header("2024-03-01");
      request.set_cooperative_id(a);
      request.mutable_workforce_reported()->mutable_workforce()->set_regular_workers(12);
      request.mutable_workforce_reported()->mutable_workforce()->set_of_which_members(6);
      Done(registry_->ReportCooperativeWorkforce(Context().get(), request, &reply), reply);
    }
    {
      coop::v1::RecordInspectionRequest request;
      *request.mutable_header() = Header("2024-05-10");
      request.set_cooperative_id(a);
      request.mutable_inspected()->set_body("Phòng Tài chính - Kế hoạch huyện U Minh");
      request.mutable_inspected()->set_compliant(true);
      Done(registry_->RecordInspection(Context().get(), request, &reply), reply);
    }
    {
      coop::v1::RecordSupportGrantRequest request;
      *request.mutable_header() = Header("2024-09-01");
      auto* g = request.mutable_granted();
      g->set_type(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY);
      g->set_amount_vnd(50'000'000);
      g->set_funding_source(coop::v1::FUNDING_DISTRICT);
      g->set_cooperative_id(a);  // filed under no area: it counts at A's address
      Done(programs_->RecordSupportGrant(Context().get(), request, &reply), reply);
    }
    Cooperative("2800000002", "2024-08-10", Area("32044"), 7, 1'200'000'000, 5);
    {
      coop::v1::FormCooperativeGroupRequest request;
      *request.mutable_header() = Header("2024-02-15");
      auto* f = request.mutable_formed();
      f->set_name("THT Lúa sạch Khánh Hội");
      f->set_no_fixed_term(true);
      *f->mutable_address() = Area("32062");
      f->set_members(6);
      Done(registry_->FormCooperativeGroup(Context().get(), request, &reply), reply);
    }
    {
      coop::v1::FoundHallRequest request;
      *request.mutable_header() = Header("2024-04-01");
      auto* h = request.mutable_founded();
      h->set_name("Hội quán ấp Kênh Ngang");
      *h->mutable_address() = Area("32059");
      h->set_hamlet("ấp Kênh Ngang");
      h->set_field("rice");
      h->set_members(25);
      Done(registry_->FoundHall(Context().get(), request, &reply), reply);
    }
    Class(coop::v1::PROPAGANDA, "2024-03-10", Area("966"), "Tuyên truyền Luật Hợp tác xã 2023");
    const auto duplicate =
        Class(coop::v1::PROPAGANDA, "2024-03-10", Area("966"), "Tuyên truyền Luật HTX 2023");
    {
      coop::v1::VoidEventRequest request;
      *request.mutable_header() = Header("2024-03-11");
      request.set_stream_id(duplicate.stream_id());
      request.set_event_id(StreamOf(duplicate.stream_id()).front().event_id());
      request.set_reason("Nhập trùng lớp học");
      Done(corrections_->VoidEvent(Context().get(), request, &reply), reply);
    }
    Class(coop::v1::VOCATIONAL, "2024-06-05", Area("32059"), "Truyền nghề đan lát");
    before_plan_ = last_;
    {
      coop::v1::SetAnnualPlanTargetsRequest request;
      *request.mutable_header() = Header("2024-12-20");
      auto* set = request.mutable_targets_set();
      *set->mutable_area() = Area("966");
      set->set_year(2025);
      set->set_decision("112/KH-UBND");
      auto add = [set](coop::v1::PlanIndicator indicator, coop::v1::TargetComparison comparison,
                       int64_t value, bool per_commune) {
        auto* target = set->add_targets();
        target->set_indicator(indicator);
        target->set_comparison(comparison);
        target->set_value(value);
        target->set_per_commune(per_commune);
      };
      add(coop::v1::NEW_COOPERATIVES, coop::v1::AT_LEAST, 2, false);
      add(coop::v1::NEW_GROUPS, coop::v1::EQUAL, 1, true);
      add(coop::v1::COOPERATIVES_AT_TRADE_FAIRS, coop::v1::AT_LEAST, 1, false);
      Done(planning_->SetAnnualPlanTargets(Context().get(), request, &reply), reply);
    }
    Cooperative("2800000003", "2025-08-15", Area("32059", "2025-07"), 9, 500'000'000, 4);
    before_late_class_ = last_;
    Class(coop::v1::STATE_MANAGEMENT_TRAINING, "2024-12-20", Area("966"),
          "Bồi dưỡng kiến thức quản lý nhà nước về kinh tế tập thể");
  }

  coop::v1::AnnualReportReply Report(const coop::v1::Area& area, int year, const std::string& lang,
                                     uint64_t known_at = 0, bool reporting_year = false) {
    coop::v1::AnnualReportRequest request;
    *request.mutable_scope()->mutable_area() = area;
    request.mutable_scope()->set_year(year);
    request.mutable_scope()->set_as_known_at_position(known_at);
    if (reporting_year) request.mutable_scope()->set_period(coop::v1::REPORTING_YEAR);
    request.set_min_position(last_);
    request.set_lang(lang);
    coop::v1::AnnualReportReply reply;
    const grpc::Status status = reporting_->GetAnnualReport(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }

  uint64_t last_ = 0;
  uint64_t before_late_class_ = 0;
  uint64_t before_plan_ = 0;
  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::unique_ptr<coop::v1::Planning::Stub> planning_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

// The district's 2024 doings, after the opening (shared by the district, province and nation).
constexpr char kDistrictStocksVi[] =
    " có 02 HTX, 01 THT, 01 hội quán, với tổng số 16 thành viên HTX và 06 tổ viên THT. Trong đó "
    "có 11 thành viên là lao động thường xuyên trong HTX, với số vốn điều lệ là 1 tỷ 700 triệu "
    "đồng.";
constexpr char kDistrictDoneVi[] =
    " Trong năm đã vận động thành lập mới 01 HTX và 01 THT; mở 01 lớp tập huấn bồi dưỡng kiến "
    "thức quản lý nhà nước về kinh tế tập thể cho cán bộ chủ chốt cấp xã, 01 lớp tuyên truyền về "
    "kinh tế tập thể và 01 lớp truyền nghề cho thành viên THT, HTX; kiểm tra 01 HTX; hỗ trợ 01 "
    "lượt HTX, THT với tổng kinh phí 50 triệu đồng; thành lập 01 mô hình hội quán tại ấp Kênh "
    "Ngang, xã Khánh An.";
constexpr char kDistrictStocksEn[] =
    " had 2 HTX, 1 THT and 1 hội quán, with 16 HTX members and 6 THT members in total. Of these, "
    "11 members worked regularly in the HTX, and their charter capital was VND 1,700,000,000.";
constexpr char kDistrictDoneEn[] =
    " During the year, 1 new HTX and 1 new THT were founded; 1 state-management training class "
    "on the collective economy for key commune officials, 1 propaganda class on the collective "
    "economy and 1 vocational class for THT and HTX members were held; 1 HTX was inspected; 1 "
    "support grant worth VND 50,000,000 was given; 1 hội quán was founded in ấp Kênh Ngang, "
    "Khánh An Commune.";

TEST_F(AnnualReportAcceptanceTest, ADistrictInBothLanguages) {
  auto vi = Report(Area("966"), 2024, "vi");
  EXPECT_EQ(vi.year_paragraph().text(), std::string("Năm 2024, trên địa bàn huyện U Minh") +
                                            kDistrictStocksVi + kDistrictDoneVi);
  EXPECT_EQ(vi.targets_paragraph().text(),
            "Mục tiêu năm 2025: vận động thành lập mới từ 02 HTX trở lên; thành lập mới 08 THT (01 "
            "THT/xã, thị trấn); ít nhất 01 HTX tham gia hội chợ xúc tiến thương mại.");
  EXPECT_EQ(vi.area_name(), "Huyện U Minh");
  EXPECT_EQ(vi.lang(), "vi");
  auto en = Report(Area("966"), 2024, "en");
  EXPECT_EQ(en.year_paragraph().text(),
            std::string("In 2024, U Minh District") + kDistrictStocksEn + kDistrictDoneEn);
  EXPECT_EQ(en.targets_paragraph().text(),
            "Targets for 2025: found at least 2 new HTX; form 8 new THT (1 per commune); have at "
            "least 1 HTX attend trade fairs.");
  EXPECT_EQ(en.area_name(), "U Minh District");
}

TEST_F(AnnualReportAcceptanceTest, EveryNumberNamesItsStatisticAndItsValue) {
  auto vi = Report(Area("966"), 2024, "vi");
  int numbers = 0;
  for (const auto& segment : vi.year_paragraph().segments()) {
    if (segment.statistic().empty()) continue;
    ++numbers;
    if (segment.statistic() == "charter_capital_vnd") {
      EXPECT_EQ(segment.value(), 1'700'000'000);
      EXPECT_EQ(segment.text(), "1 tỷ 700 triệu đồng");
    }
  }
  // HTX, THT, hội quán, members ×2, working, capital; new HTX, new THT, 3 classes,
  // inspected, grants and their amount, hội quán founded.
  EXPECT_EQ(numbers, 16);
}

TEST_F(AnnualReportAcceptanceTest, AsKnownBeforeTheLateClass) {
  auto vi = Report(Area("966"), 2024, "vi", before_late_class_);
  EXPECT_EQ(vi.year_paragraph().text(),
            std::string("Năm 2024, trên địa bàn huyện U Minh") + kDistrictStocksVi +
                " Trong năm đã vận động thành lập mới 01 HTX và 01 THT; mở 01 lớp tuyên truyền "
                "về kinh tế tập thể và 01 lớp truyền nghề cho thành viên THT, HTX; kiểm tra 01 "
                "HTX; hỗ trợ 01 lượt HTX, THT với tổng kinh phí 50 triệu đồng; thành lập 01 mô "
                "hình hội quán tại ấp Kênh Ngang, xã Khánh An.");
  // The plan was known then: the same targets.
  EXPECT_EQ(vi.targets_paragraph().text(),
            Report(Area("966"), 2024, "vi").targets_paragraph().text());
  // Before the plan was set, the report had no targets to give.
  EXPECT_EQ(Report(Area("966"), 2024, "vi", before_plan_).targets_paragraph().text(), "");
}

TEST_F(AnnualReportAcceptanceTest, ACommune) {
  auto vi = Report(Area("32059"), 2024, "vi");
  EXPECT_EQ(vi.year_paragraph().text(),
            "Năm 2024, trên địa bàn xã Khánh An có 01 HTX, 01 hội quán, với tổng số 09 thành viên "
            "HTX. Trong đó có 06 thành viên là lao động thường xuyên trong HTX, với số vốn điều lệ "
            "là 500 triệu đồng. Trong năm đã mở 01 lớp truyền nghề cho thành viên THT, HTX; kiểm "
            "tra 01 HTX; hỗ trợ 01 lượt HTX, THT với tổng kinh phí 50 triệu đồng; thành lập 01 mô "
            "hình hội quán tại ấp Kênh Ngang, xã Khánh An.");
  EXPECT_TRUE(vi.targets_paragraph().text().empty());  // no plan for the commune
  auto en = Report(Area("32059"), 2024, "en");
  EXPECT_EQ(en.year_paragraph().text(),
            "In 2024, Khánh An Commune had 1 HTX and 1 hội quán, with 9 HTX members in total. Of "
            "these, 6 members worked regularly in the HTX, and their charter capital was VND "
            "500,000,000. During the year, 1 vocational class for THT and HTX members was held; 1 "
            "HTX was inspected; 1 support grant worth VND 50,000,000 was given; 1 hội quán was "
            "founded in ấp Kênh Ngang, Khánh An Commune.");
}

TEST_F(AnnualReportAcceptanceTest, AProvinceAndTheNation) {
  auto province = Report(Area("96"), 2024, "vi");
  EXPECT_EQ(province.year_paragraph().text(), std::string("Năm 2024, trên địa bàn tỉnh Cà Mau") +
                                                  kDistrictStocksVi + kDistrictDoneVi);
  auto nation = Report(coop::v1::Area(), 2024, "en");
  EXPECT_EQ(nation.year_paragraph().text(),
            std::string("In 2024, Vietnam") + kDistrictStocksEn + kDistrictDoneEn);
  EXPECT_EQ(Report(coop::v1::Area(), 2024, "vi").year_paragraph().text(),
            std::string("Năm 2024, cả nước") + kDistrictStocksVi + kDistrictDoneVi);
}

TEST_F(AnnualReportAcceptanceTest, APostReformCommune) {
  auto vi = Report(Area("32059", "2025-07"), 2025, "vi");
  EXPECT_EQ(vi.year_paragraph().text(),
            "Năm 2025, trên địa bàn xã Khánh An có 02 HTX, 01 hội quán, với tổng số 18 thành viên "
            "HTX. Trong đó có 10 thành viên là lao động thường xuyên trong HTX, với số vốn điều lệ "
            "là 1 tỷ đồng. Trong năm đã vận động thành lập mới 01 HTX.");
  auto en = Report(Area("32059", "2025-07"), 2025, "en");
  EXPECT_EQ(en.year_paragraph().text(),
            "In 2025, Khánh An Commune had 2 HTX and 1 hội quán, with 18 HTX members in total. Of "
            "these, 10 members worked regularly in the HTX, and their charter capital was VND "
            "1,000,000,000. During the year, 1 new HTX was founded.");
}

TEST_F(AnnualReportAcceptanceTest, TheReportingYear) {
  auto vi = Report(Area("966"), 2024, "vi", 0, /*reporting_year=*/true);
  EXPECT_EQ(vi.year_paragraph().text(),
            std::string("Trong kỳ báo cáo năm 2024 (từ 15/12/2023 đến 14/12/2024), trên địa bàn "
                        "huyện U Minh") +
                kDistrictStocksVi +
                " Trong kỳ đã vận động thành lập mới 01 HTX và 01 THT; mở 01 lớp tuyên truyền về "
                "kinh tế tập thể và 01 lớp truyền nghề cho thành viên THT, HTX; kiểm tra 01 HTX; "
                "hỗ trợ 01 lượt HTX, THT với tổng kinh phí 50 triệu đồng; thành lập 01 mô hình "
                "hội quán tại ấp Kênh Ngang, xã Khánh An.");
  auto en = Report(Area("966"), 2024, "en", 0, /*reporting_year=*/true);
  EXPECT_EQ(en.year_paragraph().text().rfind(
                "In the 2024 reporting year (15 December 2023 to 14 December 2024), U Minh "
                "District had 2 HTX",
                0),
            0u)
      << en.year_paragraph().text();
}

TEST_F(AnnualReportAcceptanceTest, ALanguageOtherThanViOrEnIsRefused) {
  coop::v1::AnnualReportRequest request;
  *request.mutable_scope()->mutable_area() = Area("966");
  request.mutable_scope()->set_year(2024);
  request.set_lang("fr");
  coop::v1::AnnualReportReply reply;
  const grpc::Status status = reporting_->GetAnnualReport(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("lang"), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace coop::testing
