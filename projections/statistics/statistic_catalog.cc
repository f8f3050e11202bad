#include "projections/statistics/statistic_catalog.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/grant_events.pb.h"

namespace coop::projections::statistics {
namespace {

std::string Lower(const std::string& text) { return absl::AsciiStrToLower(text); }

std::string ClassKey(int kind) {
  return Lower(coop::v1::ClassKind_Name(static_cast<coop::v1::ClassKind>(kind)));
}
std::string TypeKey(int type) {
  std::string name = coop::v1::SupportType_Name(static_cast<coop::v1::SupportType>(type));
  if (name.rfind("SUPPORT_", 0) == 0) name = name.substr(8);
  return Lower(name);
}
std::string SourceKey(int source) {
  std::string name = coop::v1::FundingSource_Name(static_cast<coop::v1::FundingSource>(source));
  if (name.rfind("FUNDING_", 0) == 0) name = name.substr(8);
  return Lower(name);
}

StatisticDef Def(std::string name, std::string vi, std::string en, StatisticKind kind) {
  StatisticDef def;
  def.name = std::move(name);
  def.label_vi = std::move(vi);
  def.label_en = std::move(en);
  def.kind = kind;
  return def;
}

// The support types (Law 17/2023 Arts. 20–28) and funding sources, as labels say them.
struct Words {
  int value;
  const char* vi;
  const char* en;
};
constexpr Words kSupportTypes[] = {
    {coop::v1::SUPPORT_TRAINING, "đào tạo, bồi dưỡng nguồn nhân lực", "training"},
    {coop::v1::SUPPORT_COMMUNICATION, "thông tin, tuyên truyền", "communication"},
    {coop::v1::SUPPORT_CONSULTING, "tư vấn", "consulting"},
    {coop::v1::SUPPORT_LAND, "đất đai", "land"},
    {coop::v1::SUPPORT_TAX, "thuế", "tax"},
    {coop::v1::SUPPORT_CREDIT, "tín dụng", "credit"},
    {coop::v1::SUPPORT_INSURANCE, "bảo hiểm", "insurance"},
    {coop::v1::SUPPORT_SCIENCE_TECHNOLOGY, "khoa học, công nghệ, chuyển đổi số",
     "science, technology and digital transformation"},
    {coop::v1::SUPPORT_PACKAGING_LABEL_TRADEMARK, "bao bì, nhãn mác, thương hiệu",
     "packaging, labels and trademarks"},
    {coop::v1::SUPPORT_TRADE_PROMOTION, "xúc tiến thương mại, mở rộng thị trường",
     "trade promotion and markets"},
    {coop::v1::SUPPORT_INFRASTRUCTURE_EQUIPMENT, "kết cấu hạ tầng, máy móc, thiết bị",
     "infrastructure, machinery and equipment"},
    {coop::v1::SUPPORT_AUDIT, "kiểm toán", "audit"},
    {coop::v1::SUPPORT_AGRICULTURE, "riêng cho HTX nông nghiệp", "agriculture"},
};
constexpr Words kFundingSources[] = {
    {coop::v1::FUNDING_CENTRAL, "ngân sách trung ương", "the central budget"},
    {coop::v1::FUNDING_PROVINCIAL, "ngân sách tỉnh", "the provincial budget"},
    {coop::v1::FUNDING_DISTRICT, "ngân sách huyện", "the district budget"},
    {coop::v1::FUNDING_COMMUNE, "ngân sách xã", "the commune budget"},
    {coop::v1::FUNDING_OTHER, "khác", "other sources"},
};
constexpr Words kClassKinds[] = {
    {coop::v1::STATE_MANAGEMENT_TRAINING, "Lớp tập huấn bồi dưỡng quản lý nhà nước về KTTT",
     "State-management training classes"},
    {coop::v1::PROPAGANDA, "Lớp tuyên truyền về KTTT", "Propaganda classes"},
    {coop::v1::VOCATIONAL, "Lớp truyền nghề", "Vocational classes"},
    {coop::v1::MEMBER_MANAGER_TRAINING, "Lớp bồi dưỡng cán bộ quản lý, thành viên HTX",
     "Manager and member training classes"},
};

std::vector<StatisticDef> Build() {
  using K = StatisticKind;
  namespace n = names;
  std::vector<StatisticDef> defs = {
      Def(n::kCooperatives, "Số HTX cuối kỳ (không gồm LHHTX)",
          "HTX at the end of the period (not unions)", K::kStock),
      Def(n::kCooperativesSuspended, "  trong đó: tạm ngừng hoạt động", "  of which suspended",
          K::kStock),
      Def(n::kCooperativesDissolving, "  trong đó: đang giải thể", "  of which dissolving",
          K::kStock),
      Def(n::kUnions, "Số LHHTX cuối kỳ", "Unions (LHHTX) at the end of the period", K::kStock),
      Def(n::kGroups, "Số THT cuối kỳ", "THT at the end of the period", K::kStock),
      Def(n::kHalls, "Số hội quán cuối kỳ", "Hội quán at the end of the period", K::kStock),
      Def(n::kMembers, "Thành viên HTX", "HTX members", K::kStock),
      Def(n::kMembersOfficial, "  trong đó: thành viên chính thức", "  of which official members",
          K::kStock),
      Def(n::kGroupMembers, "Tổ viên THT", "THT members", K::kStock),
      Def(n::kWorkers, "Lao động thường xuyên trong HTX", "Regular workers in HTX", K::kStock),
      Def(n::kWorkersMembers, "  trong đó: thành viên là lao động thường xuyên",
          "  of which members working regularly in the HTX", K::kStock),
      Def(n::kCharterCapital, "Vốn điều lệ của HTX, đồng", "Charter capital of HTX, VND",
          K::kStock),
      Def(n::kNewCooperatives, "HTX thành lập mới trong kỳ", "HTX founded in the period", K::kFlow),
      Def(n::kNewCooperativesNew, "  thành lập mới", "  newly founded", K::kFlow),
      Def(n::kNewCooperativesConverted, "  chuyển đổi từ THT", "  converted from a THT", K::kFlow),
      Def(n::kNewCooperativesReorganised, "  từ tổ chức lại", "  from a reorganisation", K::kFlow),
      Def(n::kNewUnions, "LHHTX thành lập mới trong kỳ", "Unions founded in the period", K::kFlow),
      Def(n::kNewGroups, "THT thành lập mới trong kỳ", "THT formed in the period", K::kFlow),
      Def(n::kNewGroupsFromHalls, "  trong đó: từ hội quán", "  of which formalised hội quán",
          K::kFlow),
      Def(n::kEndedDissolved, "HTX giải thể trong kỳ", "HTX dissolved in the period", K::kFlow),
      Def(n::kEndedCeased, "HTX chấm dứt do tổ chức lại trong kỳ",
          "HTX ceased by reorganisation in the period", K::kFlow),
      Def(n::kEndedBankrupt, "HTX phá sản trong kỳ", "HTX declared bankrupt in the period",
          K::kFlow),
      Def(n::kEndedUnions, "LHHTX chấm dứt hoạt động trong kỳ", "Unions ended in the period",
          K::kFlow),
      Def(n::kEndedGroupsTerminated, "THT chấm dứt hoạt động trong kỳ",
          "THT terminated in the period", K::kFlow),
      Def(n::kEndedGroupsConverted, "THT chuyển đổi thành HTX trong kỳ",
          "THT converted to HTX in the period", K::kFlow),
  };
  defs.push_back(Def(n::kClasses, "Lớp tập huấn, tuyên truyền đã mở (mọi loại)",
                     "Classes held (every kind)", K::kFlow));
  defs.push_back(Def(n::kClassParticipants, "  lượt người tham dự", "  participants", K::kFlow));
  for (const auto& kind : kClassKinds) {
    defs.push_back(Def(ClassStatistic(kind.value, false), kind.vi, kind.en, K::kFlow));
    defs.push_back(
        Def(ClassStatistic(kind.value, true), "  lượt người tham dự", "  participants", K::kFlow));
  }
  defs.push_back(Def(n::kInspections, "Lượt kiểm tra HTX", "Inspections held", K::kFlow));
  defs.push_back(Def(n::kInspectedCooperatives, "  số HTX được kiểm tra",
                     "  distinct HTX inspected", K::kFlow));
  defs.push_back(
      Def(n::kOcopEnrolled, "Sản phẩm OCOP đăng ký tham gia", "OCOP products enrolled", K::kFlow));
  defs.push_back(Def(n::kOcopCooperatives, "  số HTX có sản phẩm OCOP đăng ký hoặc được đánh giá",
                     "  distinct HTX with OCOP products enrolled or rated", K::kFlow));
  for (int stars = 3; stars <= 5; ++stars) {
    defs.push_back(Def(OcopRatedStatistic(stars),
                       absl::StrCat("Sản phẩm OCOP được công nhận ", stars, " sao"),
                       absl::StrCat("OCOP products rated ", stars, "★"), K::kFlow));
  }
  defs.push_back(Def(n::kOcopRecognised, "Sản phẩm OCOP được công nhận từ 3 sao",
                     "OCOP products rated 3★ or more", K::kFlow));
  defs.push_back(Def(n::kOcopNotRecognised, "Sản phẩm OCOP dưới 50 điểm (không được công nhận)",
                     "OCOP products rated below 50 points", K::kFlow));
  for (int stars = 3; stars <= 5; ++stars) {
    defs.push_back(Def(OcopValidStatistic(stars),
                       absl::StrCat("Sản phẩm OCOP ", stars, " sao còn hiệu lực cuối kỳ"),
                       absl::StrCat("OCOP products valid at the end of the period, ", stars, "★"),
                       K::kStock));
  }
  defs.push_back(Def(n::kTradeFairAttendances, "Lượt HTX tham gia hội chợ xúc tiến thương mại",
                     "Trade-fair attendances by HTX", K::kFlow));
  defs.push_back(Def(n::kTradeFairCooperatives, "  số HTX tham gia hội chợ",
                     "  distinct HTX at trade fairs", K::kFlow));
  defs.push_back(Def(n::kGrants, "Lượt hỗ trợ HTX, THT", "Support grants", K::kFlow));
  defs.push_back(Def(n::kGrantsVnd, "  kinh phí hỗ trợ, đồng", "  amount, VND", K::kFlow));
  for (const auto& type : kSupportTypes) {
    const std::string vi = absl::StrCat("  hỗ trợ ", type.vi);
    const std::string en = absl::StrCat("  ", type.en, " grants");
    defs.push_back(Def(GrantTypeStatistic(type.value, false), vi, en, K::kFlow));
    defs.push_back(Def(GrantTypeStatistic(type.value, true), absl::StrCat(vi, ", đồng"),
                       absl::StrCat(en, ", VND"), K::kFlow));
  }
  for (const auto& source : kFundingSources) {
    const std::string vi = absl::StrCat("  nguồn ", source.vi);
    const std::string en = absl::StrCat("  funded by ", source.en);
    defs.push_back(Def(GrantSourceStatistic(source.value, false), vi, en, K::kFlow));
    defs.push_back(Def(GrantSourceStatistic(source.value, true), absl::StrCat(vi, ", đồng"),
                       absl::StrCat(en, ", VND"), K::kFlow));
  }
  defs.push_back(Def(n::kGraduatesStarted, "Cán bộ trẻ tốt nghiệp về làm việc tại HTX trong kỳ",
                     "Young graduates placed in the period", K::kFlow));
  defs.push_back(Def(n::kGraduatesActive, "Cán bộ trẻ đang làm việc tại HTX cuối kỳ",
                     "Young graduates working at the end of the period", K::kStock));
  defs.push_back(Def(n::kModelDesignated, "HTX được chọn làm mô hình điểm trong kỳ",
                     "Model HTX designated in the period", K::kFlow));
  defs.push_back(Def(n::kModelTotal, "HTX mô hình điểm cuối kỳ",
                     "Model HTX at the end of the period", K::kStock));
  defs.push_back(Def(n::kHallsFounded, "Hội quán thành lập trong kỳ",
                     "Hội quán founded in the period", K::kFlow));
  defs.push_back(
      Def(n::kRatingsGood, "HTX xếp loại Tốt trong năm", "HTX rated Tốt for the year", K::kFlow));
  defs.push_back(
      Def(n::kRatingsFair, "HTX xếp loại Khá trong năm", "HTX rated Khá for the year", K::kFlow));
  defs.push_back(Def(n::kRatingsAverage, "HTX xếp loại Trung bình trong năm",
                     "HTX rated Trung bình for the year", K::kFlow));
  defs.push_back(
      Def(n::kRatingsWeak, "HTX xếp loại Yếu trong năm", "HTX rated Yếu for the year", K::kFlow));
  defs.push_back(
      Def(n::kRated, "HTX được đánh giá, xếp loại trong năm", "HTX rated for the year", K::kFlow));
  defs.push_back(Def(n::kNotRated, "HTX chưa được đánh giá (đã đủ 12 tháng)",
                     "HTX not rated (at least 12 months old)", K::kStock));
  StatisticDef share =
      Def(n::kGoodOrFairShare, "Tỷ lệ HTX xếp loại Khá trở lên, trên số được đánh giá",
          "Share rated Khá or better, of those rated", K::kPercent);
  share.numerators = {n::kRatingsGood, n::kRatingsFair};
  share.denominator = n::kRated;
  defs.push_back(share);
  defs.push_back(Def(n::kNoAnnualReport, "HTX không nộp báo cáo năm đúng hạn",
                     "HTX without an annual report by the deadline", K::kStock));
  defs.push_back(Def(n::kNoAnnualMeeting,
                     "HTX không tổ chức đại hội thành viên thường niên đúng hạn",
                     "HTX without an annual meeting in the legal period", K::kStock));
  defs.push_back(Def(n::kCriterion13, "Xã đạt tiêu chí 13 (có HTX xếp loại Khá trở lên)",
                     "Communes meeting criterion 13 (an HTX rated Khá or better)", K::kCommunes));
  return defs;
}

}  // namespace

const std::vector<StatisticDef>& Statistics() {
  static const auto* defs = new std::vector<StatisticDef>(Build());
  return *defs;
}

const StatisticDef* FindStatistic(std::string_view name) {
  static const auto* index = [] {
    auto* map = new absl::flat_hash_map<std::string, const StatisticDef*>();
    for (const auto& def : Statistics()) (*map)[def.name] = &def;
    return map;
  }();
  auto it = index->find(absl::string_view(name.data(), name.size()));  // no copy of the name
  return it == index->end() ? nullptr : it->second;
}

int StatisticIndex(std::string_view name) {
  const StatisticDef* def = FindStatistic(name);
  return def == nullptr ? -1 : static_cast<int>(def - Statistics().data());
}

bool IsStock(std::string_view name) {
  const StatisticDef* def = FindStatistic(name);
  return def != nullptr && def->kind == StatisticKind::kStock;
}

std::string ClassStatistic(int class_kind, bool participants) {
  return absl::StrCat("classes.", ClassKey(class_kind), participants ? ".participants" : ".count");
}
std::string OcopRatedStatistic(int stars) { return absl::StrCat("ocop.rated.", stars); }
std::string OcopValidStatistic(int stars) { return absl::StrCat("ocop.valid.", stars); }
std::string GrantTypeStatistic(int support_type, bool vnd) {
  return absl::StrCat("grants.type.", TypeKey(support_type), vnd ? ".vnd" : ".count");
}
std::string GrantSourceStatistic(int funding_source, bool vnd) {
  return absl::StrCat("grants.source.", SourceKey(funding_source), vnd ? ".vnd" : ".count");
}

}  // namespace coop::projections::statistics
