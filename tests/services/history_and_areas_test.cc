// coop.v1.Reporting.GetHistory and ListAreas over a real server: a cooperative's history,
// recorded through the command services with a void and an amendment, reads in Vietnamese and
// English sentences the server writes, with who recorded each event and what corrected it; a
// withdrawn record says so; pages follow each other; the unit tree lists both unit sets with
// names in both languages; bad input is refused naming the field.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class HistoryTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    corrections_ = coop::v1::Corrections::NewStub(channel_);
    programs_ = coop::v1::Programs::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }

  // Registered on 2024-09-01; 3 members admitted on 2024-10-01 (voided: entered twice), 4 on
  // 2024-11-01 (amended to 5). Sets the positions of each step.
  void RecordCooperativeWithCorrections() {
    coop::v1::CommandReply reply;
    ASSERT_TRUE(Register(Registration("2600000001"), &reply).ok());
    cooperative_ = reply.aggregate_id();
    stream_ = reply.stream_id();
    registered_at_ = reply.position();
    ASSERT_TRUE(Admit(cooperative_, 3, Header("2024-10-01"), &reply).ok());
    first_admission_at_ = reply.position();
    ASSERT_TRUE(Admit(cooperative_, 4, Header("2024-11-01"), &reply).ok());
    second_admission_at_ = reply.position();

    coop::v1::VoidEventRequest void_request;
    *void_request.mutable_header() = Header("2024-12-01");
    void_request.set_stream_id(stream_);
    void_request.set_event_id(EventAt(first_admission_at_));
    void_request.set_reason("nhập trùng");
    ASSERT_TRUE(corrections_->VoidEvent(Context().get(), void_request, &reply).ok());
    voided_at_ = reply.position();

    coop::v1::AmendEventRequest amend;
    *amend.mutable_header() = Header("2024-12-02");
    amend.set_stream_id(stream_);
    amend.set_event_id(EventAt(second_admission_at_));
    amend.set_reason("sai số người");
    coop::v1::CooperativeMembersAdmitted replacement;
    replacement.mutable_members()->set_official(5);
    amend.set_replacement_type("coop.v1.CooperativeMembersAdmitted");
    amend.set_replacement(replacement.SerializeAsString());
    const grpc::Status amended = corrections_->AmendEvent(Context().get(), amend, &reply);
    ASSERT_TRUE(amended.ok()) << amended.error_message();
    amended_at_ = reply.position();
  }

  std::string EventAt(uint64_t position) {
    for (const auto& event : StreamOf(stream_)) {
      if (event.position() == position) return event.event_id();
    }
    ADD_FAILURE() << "no event at #" << position;
    return "";
  }

  grpc::Status History(const std::string& stream, const std::string& lang,
                       coop::v1::HistoryReply* reply, uint64_t from = 0, uint32_t max = 0) {
    coop::v1::HistoryRequest request;
    request.set_stream_id(stream);
    request.set_lang(lang);
    request.set_from_version(from);
    request.set_max_count(max);
    return reporting_->GetHistory(Context().get(), request, reply);
  }

  std::unique_ptr<coop::v1::Corrections::Stub> corrections_;
  std::unique_ptr<coop::v1::Programs::Stub> programs_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
  std::string cooperative_;
  std::string stream_;
  uint64_t registered_at_ = 0;
  uint64_t first_admission_at_ = 0;
  uint64_t second_admission_at_ = 0;
  uint64_t voided_at_ = 0;
  uint64_t amended_at_ = 0;
};

TEST_F(HistoryTest, ACooperativesEventsReadAsSentencesInVietnamese) {
  RecordCooperativeWithCorrections();
  coop::v1::HistoryReply reply;
  const grpc::Status status = History(stream_, "", &reply);  // Vietnamese by default
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(reply.lines_size(), 5);
  EXPECT_EQ(reply.next_from_version(), 0u);
  EXPECT_EQ(reply.withdrawn(), "");

  const auto& registered = reply.lines(0);
  EXPECT_EQ(registered.position(), registered_at_);
  EXPECT_EQ(registered.stream_version(), 1u);
  EXPECT_EQ(registered.event_type(), "coop.v1.CooperativeRegistered");
  EXPECT_EQ(registered.title(), "Đăng ký thành lập HTX");
  EXPECT_EQ(registered.occurred_on(), "2024-09-01");
  EXPECT_GT(registered.recorded_at_micros(), 0);
  EXPECT_EQ(registered.recorded_by(), "officer-7, đơn vị u-minh-district");
  const std::string& sentence = registered.sentence();
  EXPECT_EQ(sentence.rfind("Đăng ký thành lập HTX: ", 0), 0u) << sentence;
  EXPECT_TRUE(Contains(sentence, "2600000001")) << sentence;
  EXPECT_TRUE(Contains(sentence, "HTX Khánh An")) << sentence;
  EXPECT_TRUE(Contains(sentence, "xã Khánh An (32059)")) << sentence;  // the area by its name
  EXPECT_TRUE(Contains(sentence, "500 triệu đồng")) << sentence;       // money the Vietnamese way
  EXPECT_FALSE(Contains(sentence, cooperative_)) << sentence;  // its own id says nothing new
  EXPECT_EQ(registered.correction(), "");

  // The voided admission keeps its line, with the void beside it; the void names it.
  EXPECT_EQ(reply.lines(1).correction(), absl::StrCat("Đã hủy bỏ (#", voided_at_, "): nhập trùng"));
  EXPECT_EQ(reply.lines(3).sentence(), absl::StrCat("Hủy bản ghi nhập nhầm: #", first_admission_at_,
                                                    " Kết nạp thành viên HTX; lý do: nhập trùng"));
  // The amended admission, and the amendment with what it now says.
  EXPECT_EQ(reply.lines(2).correction(), absl::StrCat("Đã sửa (#", amended_at_, "): sai số người"));
  EXPECT_TRUE(Contains(
      reply.lines(4).sentence(),
      absl::StrCat("Sửa bản ghi: #", second_admission_at_, " Kết nạp thành viên HTX, nay là: ")))
      << reply.lines(4).sentence();
  EXPECT_TRUE(Contains(reply.lines(4).sentence(), "5; lý do: sai số người"))
      << reply.lines(4).sentence();
}

TEST_F(HistoryTest, TheSameHistoryReadsInEnglish) {
  RecordCooperativeWithCorrections();
  coop::v1::HistoryReply reply;
  ASSERT_TRUE(History(stream_, "en", &reply).ok());
  ASSERT_EQ(reply.lines_size(), 5);
  const std::string& sentence = reply.lines(0).sentence();
  EXPECT_EQ(sentence.rfind("Cooperative registered: ", 0), 0u) << sentence;
  EXPECT_TRUE(Contains(sentence, "Khánh An Commune (32059)")) << sentence;
  EXPECT_TRUE(Contains(sentence, "VND 500,000,000")) << sentence;
  EXPECT_EQ(reply.lines(0).recorded_by(), "officer-7 for u-minh-district");
  EXPECT_EQ(reply.lines(1).correction(), absl::StrCat("Voided (#", voided_at_, "): nhập trùng"));
  EXPECT_EQ(reply.lines(3).sentence(), absl::StrCat("Record voided: #", first_admission_at_,
                                                    " Members admitted; reason: nhập trùng"));
  EXPECT_EQ(reply.lines(2).correction(),
            absl::StrCat("Amended (#", amended_at_, "): sai số người"));
}

TEST_F(HistoryTest, PagesFollowEachOther) {
  RecordCooperativeWithCorrections();
  coop::v1::HistoryReply first;
  ASSERT_TRUE(History(stream_, "vi", &first, 0, 2).ok());
  ASSERT_EQ(first.lines_size(), 2);
  EXPECT_EQ(first.next_from_version(), 3u);
  coop::v1::HistoryReply rest;
  ASSERT_TRUE(History(stream_, "vi", &rest, first.next_from_version(), 2).ok());
  ASSERT_EQ(rest.lines_size(), 2);
  EXPECT_EQ(rest.lines(0).stream_version(), 3u);
  EXPECT_EQ(rest.next_from_version(), 5u);
  coop::v1::HistoryReply last;
  ASSERT_TRUE(History(stream_, "vi", &last, rest.next_from_version(), 2).ok());
  ASSERT_EQ(last.lines_size(), 1);
  EXPECT_EQ(last.next_from_version(), 0u);
  // The page past the end is empty, not an error.
  coop::v1::HistoryReply beyond;
  ASSERT_TRUE(History(stream_, "vi", &beyond, 9, 2).ok());
  EXPECT_EQ(beyond.lines_size(), 0);
  // A correction on a later page still marks the event on an earlier one.
  EXPECT_NE(first.lines(1).correction(), "");
}

TEST_F(HistoryTest, AWithdrawnRecordSaysSoAndKeepsItsEvents) {
  coop::v1::CommandReply held;
  ASSERT_TRUE(programs_->RecordClass(Context().get(), PropagandaClassRequest(), &held).ok());
  coop::v1::VoidEventRequest request;
  *request.mutable_header() = Header("2025-04-01");
  request.set_stream_id(held.stream_id());
  request.set_event_id(StreamOf(held.stream_id()).front().event_id());
  request.set_reason("Nhập trùng lớp học");
  coop::v1::CommandReply voided;
  ASSERT_TRUE(corrections_->VoidEvent(Context().get(), request, &voided).ok());

  coop::v1::HistoryReply vi;
  ASSERT_TRUE(History(held.stream_id(), "vi", &vi).ok());
  EXPECT_EQ(vi.withdrawn(), absl::StrCat("Bản ghi đã được rút bỏ vì nhập nhầm (#",
                                         voided.position(), ", 01/04/2025): Nhập trùng lớp học"));
  ASSERT_EQ(vi.lines_size(), 2);
  EXPECT_EQ(vi.lines(0).sentence().rfind("Mở lớp tập huấn, tuyên truyền: ", 0), 0u)
      << vi.lines(0).sentence();
  EXPECT_TRUE(Contains(vi.lines(0).sentence(), "10/03/2025")) << vi.lines(0).sentence();
  EXPECT_TRUE(Contains(vi.lines(0).sentence(), "huyện U Minh (966)")) << vi.lines(0).sentence();
  coop::v1::HistoryReply en;
  ASSERT_TRUE(History(held.stream_id(), "en", &en).ok());
  EXPECT_EQ(en.withdrawn(), absl::StrCat("The record was withdrawn as made in error (#",
                                         voided.position(), ", 1 April 2025): Nhập trùng lớp học"));
  EXPECT_TRUE(Contains(en.lines(0).sentence(), "10 March 2025")) << en.lines(0).sentence();
  EXPECT_TRUE(Contains(en.lines(0).sentence(), "U Minh District (966)")) << en.lines(0).sentence();
}

TEST_F(HistoryTest, BadRequestsAreRefusedNamingTheField) {
  RecordCooperativeWithCorrections();
  coop::v1::HistoryReply reply;
  grpc::Status status = History("", "vi", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(status.error_message(), "stream_id")) << status.error_message();
  status = History(stream_, "fr", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(status.error_message(), "lang")) << status.error_message();
  status = History(stream_, "vi", &reply, 0, 1001);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(status.error_message(), "max_count")) << status.error_message();
  status = History("coop-00000000-0000-4000-8000-000000000000", "vi", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
}

class ListAreasTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }
  grpc::Status List(const std::string& unit_set, const std::string& parent, const std::string& lang,
                    coop::v1::ListAreasReply* reply) {
    coop::v1::ListAreasRequest request;
    request.set_unit_set(unit_set);
    request.set_parent(parent);
    request.set_lang(lang);
    return reporting_->ListAreas(Context().get(), request, reply);
  }
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

TEST_F(ListAreasTest, TheThreeLevelTreeBeforeTheReform) {
  coop::v1::ListAreasReply provinces;
  ASSERT_TRUE(List("2025-03", "", "vi", &provinces).ok());
  EXPECT_EQ(provinces.unit_set(), "2025-03");
  EXPECT_FALSE(provinces.has_parent());
  ASSERT_EQ(provinces.areas_size(), 63);
  EXPECT_EQ(provinces.areas(0).area().code(), "01");
  EXPECT_EQ(provinces.areas(0).area().unit_set(), "2025-03");
  EXPECT_EQ(provinces.areas(0).name(), "Thành phố Hà Nội");
  EXPECT_EQ(provinces.areas(0).level(), "province");

  coop::v1::ListAreasReply ca_mau;
  ASSERT_TRUE(List("2025-03", "96", "vi", &ca_mau).ok());
  EXPECT_EQ(ca_mau.parent().name(), "Tỉnh Cà Mau");
  EXPECT_EQ(ca_mau.parent().child_count(), 9);
  ASSERT_EQ(ca_mau.areas_size(), 9);  // its districts
  for (const auto& district : ca_mau.areas()) EXPECT_EQ(district.level(), "district");

  coop::v1::ListAreasReply u_minh;
  ASSERT_TRUE(List("2025-03", "966", "en", &u_minh).ok());
  EXPECT_EQ(u_minh.parent().name(), "U Minh District");
  ASSERT_EQ(u_minh.areas_size(), 8);  // its communes
  bool khanh_an = false;
  for (const auto& commune : u_minh.areas()) {
    EXPECT_EQ(commune.level(), "commune");
    EXPECT_EQ(commune.child_count(), 0);
    if (commune.area().code() == "32059") {
      khanh_an = true;
      EXPECT_EQ(commune.name(), "Khánh An Commune");
    }
  }
  EXPECT_TRUE(khanh_an);
}

TEST_F(ListAreasTest, TheTwoLevelTreeAfterItAndTodaysSetByDefault) {
  coop::v1::ListAreasReply provinces;
  ASSERT_TRUE(List("", "", "en", &provinces).ok());
  EXPECT_EQ(provinces.unit_set(), "2025-07");  // the server's today is after 1 July 2025
  EXPECT_EQ(provinces.areas_size(), 34);
  EXPECT_EQ(provinces.areas(0).name(), "Hà Nội City");
  coop::v1::ListAreasReply ca_mau;
  ASSERT_TRUE(List("2025-07", "96", "vi", &ca_mau).ok());
  EXPECT_EQ(ca_mau.areas_size(), 64);  // communes directly below the province
  for (const auto& commune : ca_mau.areas()) EXPECT_EQ(commune.level(), "commune");
}

TEST_F(ListAreasTest, AnUnknownParentOrSetIsRefused) {
  coop::v1::ListAreasReply reply;
  grpc::Status status = List("2025-03", "99999", "vi", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(Contains(status.error_message(), "99999")) << status.error_message();
  status = List("2024", "", "vi", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(status.error_message(), "unit_set")) << status.error_message();
  status = List("2025-07", "", "de", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(status.error_message(), "lang")) << status.error_message();
}

}  // namespace
}  // namespace coop::testing
