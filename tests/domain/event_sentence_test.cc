// Events in sentences (domain/text/event_sentence.h), given an event, when described in
// Vietnamese or English, then every field it sets reads in that language's words: areas by
// name, money and dates the language's way, years as years, a failed inspection as such, the
// stream's own id left out. Pure; no I/O.
#include "domain/text/event_sentence.h"

#include <gtest/gtest.h>

#include <string>

#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/person_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "domain/text/person_notes.h"
#include "domain/text/stream_history.h"

namespace coop::domain::text {
namespace {

constexpr char kCooperativeId[] = "4205cf79-3182-55a7-8405-e08e74754b30";

coop::v1::RecordedEvent Recorded(const std::string& type,
                                 const google::protobuf::Message& payload) {
  coop::v1::RecordedEvent event;
  event.set_stream_id(std::string("coop-") + kCooperativeId);
  event.set_type(type);
  event.set_payload(payload.SerializeAsString());
  return event;
}

TEST(EventSentenceTest, ARegistrationReadsFieldByFieldInBothLanguages) {
  // Given a registration in Xã Khánh An under the 2023 law.
  coop::v1::CooperativeRegistered registered;
  registered.set_cooperative_id(kCooperativeId);  // the stream's own: left out
  registered.set_code("2000123456");
  registered.set_kind(coop::v1::COOPERATIVE);
  registered.set_name("HTX Khánh An");
  registered.set_law_regime(coop::v1::LAW_2023);
  registered.mutable_address()->set_code("32059");
  registered.mutable_address()->set_unit_set("2025-03");
  registered.set_charter_capital_vnd(1'250'000'000);
  registered.mutable_members()->set_official(9);
  registered.mutable_members()->set_associate_contributing(2);
  registered.add_business_lines("trồng lúa");
  registered.add_business_lines("nuôi tôm");
  registered.set_origin(coop::v1::ORIGIN_NEW);
  const auto event = Recorded("coop.v1.CooperativeRegistered", registered);

  EXPECT_EQ(EventSentence(event, Language::kVietnamese),
            "Đăng ký thành lập HTX: mã số 2000123456, loại hình HTX, tên HTX Khánh An, luật áp "
            "dụng Luật HTX 2023, địa chỉ xã Khánh An (32059), vốn điều lệ 1 tỷ 250 triệu đồng, "
            "thành viên (chính thức 9, liên kết góp vốn 2), ngành nghề kinh doanh [trồng lúa; "
            "nuôi tôm], nguồn gốc thành lập mới");
  EXPECT_EQ(EventSentence(event, Language::kEnglish),
            "Cooperative registered: code 2000123456, kind cooperative, name HTX Khánh An, "
            "governing law 2023 Cooperative Law, address Khánh An Commune (32059), charter "
            "capital VND 1,250,000,000, members (official 9, associate contributing 2), business "
            "lines [trồng lúa; nuôi tôm], origin newly founded");
}

TEST(EventSentenceTest, DatesReadTheLanguagesWay) {
  coop::v1::CooperativeSuspended suspended;
  suspended.set_from("2024-10-01");
  suspended.set_until("2025-03-01");
  suspended.set_reason("lũ lụt");
  const auto event = Recorded("coop.v1.CooperativeSuspended", suspended);
  EXPECT_EQ(EventSentence(event, Language::kVietnamese),
            "HTX tạm ngừng hoạt động: từ ngày 01/10/2024, đến ngày 01/03/2025, lý do lũ lụt");
  EXPECT_EQ(EventSentence(event, Language::kEnglish),
            "Cooperative suspended: from 1 October 2024, until 1 March 2025, reason lũ lụt");
}

TEST(EventSentenceTest, AYearIsNotGroupedAndAScoreHasTheLanguagesDecimalSign) {
  coop::v1::CooperativeRated rated;
  rated.set_year(2024);
  rated.set_score(72.5);
  rated.set_grade(coop::v1::FAIR);
  const auto event = Recorded("coop.v1.CooperativeRated", rated);
  const std::string vi = EventSentence(event, Language::kVietnamese);
  EXPECT_NE(vi.find("năm 2024, điểm 72,5, xếp loại khá"), std::string::npos) << vi;
  const std::string en = EventSentence(event, Language::kEnglish);
  EXPECT_NE(en.find("year 2024, score 72.5"), std::string::npos) << en;
}

TEST(EventSentenceTest, AnInspectionThatFoundTheCooperativeNotCompliantSaysSo) {
  coop::v1::CooperativeInspected inspected;
  inspected.set_body("Phòng Tài chính - Kế hoạch");
  inspected.set_compliant(false);
  const auto failed = Recorded("coop.v1.CooperativeInspected", inspected);
  EXPECT_EQ(EventSentence(failed, Language::kVietnamese),
            "Kiểm tra HTX: cơ quan kiểm tra Phòng Tài chính - Kế hoạch, không chấp hành đúng "
            "quy định");
  EXPECT_EQ(EventSentence(failed, Language::kEnglish),
            "Cooperative inspected: inspecting body Phòng Tài chính - Kế hoạch, not compliant");
  inspected.set_compliant(true);
  EXPECT_EQ(EventSentence(Recorded("coop.v1.CooperativeInspected", inspected), Language::kEnglish),
            "Cooperative inspected: inspecting body Phòng Tài chính - Kế hoạch, compliant");
}

TEST(EventSentenceTest, AnEventWithNothingSetIsItsTitleAndAnUnknownTypeItsName) {
  const auto resumed = Recorded("coop.v1.CooperativeResumed", coop::v1::CooperativeResumed());
  EXPECT_EQ(EventSentence(resumed, Language::kVietnamese), "HTX hoạt động trở lại");
  coop::v1::RecordedEvent other;
  other.set_type("demo.v1.Noted");
  other.set_payload("abc");
  EXPECT_EQ(EventSentence(other, Language::kVietnamese), "demo.v1.Noted (3 byte)");
  EXPECT_EQ(DecodeEventPayload("demo.v1.Noted", "abc"), nullptr);
}

TEST(EventSentenceTest, APersonRefReadsWithWhatTheNodeKnowsOfThePerson) {
  // Given a placement naming an erased graduate and a registration naming a representative
  // whose details this node does not hold, and a person held here.
  const std::string erased = "11111111-2222-4333-8444-555555555555";
  const std::string absent = "66666666-7777-4888-9999-aaaaaaaaaaaa";
  const std::string held = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";
  PersonNotes notes;
  notes[erased] = {PersonStanding::kErased, absl::CivilDay(2026, 12, 5)};
  notes[absent] = {PersonStanding::kNotOnThisNode, {}};
  notes[held] = {PersonStanding::kPresent, {}};
  coop::v1::GraduatePlaced placed;
  placed.set_person_ref(erased);
  coop::v1::RecordedEvent placement;
  placement.set_stream_id("placement-1");
  placement.set_type("coop.v1.GraduatePlaced");
  placement.set_payload(placed.SerializeAsString());
  EXPECT_EQ(EventSentence(placement, Language::kVietnamese, &notes),
            "Cán bộ trẻ về làm việc tại HTX: cán bộ trẻ " + erased +
                " (đã xoá dữ liệu cá nhân ngày 05/12/2026)");
  EXPECT_EQ(EventSentence(placement, Language::kEnglish, &notes),
            "Young graduate placed at a cooperative: graduate " + erased +
                " (personal data erased on 5 December 2026)");
  EXPECT_EQ(EventSentence(placement, Language::kEnglish),
            "Young graduate placed at a cooperative: graduate " + erased)
      << "without notes, the ref alone";
  coop::v1::CooperativeRegistered registered;
  registered.set_legal_representative_ref(absent);
  const auto registration = Recorded("coop.v1.CooperativeRegistered", registered);
  EXPECT_EQ(EventSentence(registration, Language::kVietnamese, &notes),
            "Đăng ký thành lập HTX: người đại diện theo pháp luật " + absent +
                " (không có thông tin cá nhân trên máy chủ này)");
  EXPECT_EQ(
      EventSentence(registration, Language::kEnglish, &notes),
      "Cooperative registered: legal representative " + absent + " (details not on this node)");
  placed.set_person_ref(held);
  placement.set_payload(placed.SerializeAsString());
  EXPECT_EQ(EventSentence(placement, Language::kEnglish, &notes),
            "Young graduate placed at a cooperative: graduate " + held);
  // The refs a stream names, for the server to look up.
  EXPECT_EQ(PersonRefsIn({placement, registration}), (std::set<std::string>{held, absent}));
}

TEST(EventSentenceTest, AnErasureReadsAsItsGroundWithoutItsOwnRef) {
  const std::string ref = "11111111-2222-4333-8444-555555555555";
  coop::v1::PersonErased erased;
  erased.set_person_ref(ref);
  erased.set_erasure_ground("yêu cầu của chủ thể dữ liệu");
  coop::v1::RecordedEvent event;
  event.set_stream_id("person-" + ref);
  event.set_stream_version(1);
  event.set_type("coop.v1.PersonErased");
  event.set_payload(erased.SerializeAsString());
  EXPECT_EQ(EventSentence(event, Language::kVietnamese),
            "Xoá dữ liệu cá nhân của một người: căn cứ xoá yêu cầu của chủ thể dữ liệu");
  EXPECT_EQ(EventSentence(event, Language::kEnglish),
            "Personal data erased: ground for erasure yêu cầu của chủ thể dữ liệu");
  PersonNotes notes;
  notes[ref] = {PersonStanding::kErased, absl::CivilDay(2026, 12, 5)};
  const auto history = StreamHistory({event}, 0, 10, Language::kEnglish, &notes);
  ASSERT_EQ(history.lines_size(), 1);
  EXPECT_EQ(history.lines(0).title(), "Personal data erased");
}

TEST(EventSentenceTest, RecordedByNamesTheActorAndAgencyOrTheClient) {
  coop::v1::EventMetadata metadata;
  metadata.set_actor("alice");
  metadata.set_agency("dpi-hanoi");
  EXPECT_EQ(RecordedBy(metadata, Language::kVietnamese), "alice, đơn vị dpi-hanoi");
  EXPECT_EQ(RecordedBy(metadata, Language::kEnglish), "alice for dpi-hanoi");
  coop::v1::EventMetadata anonymous;
  anonymous.set_client("coopctl");
  EXPECT_EQ(RecordedBy(anonymous, Language::kVietnamese), "người dùng không tên qua coopctl");
  EXPECT_EQ(RecordedBy(anonymous, Language::kEnglish), "an unnamed caller via coopctl");
}

}  // namespace
}  // namespace coop::domain::text
