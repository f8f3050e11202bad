#include "domain/text/field_words.h"

#include <cstddef>

namespace coop::domain::text {
namespace {

struct Entry {
  std::string_view key;
  Bilingual words;
};

// Field names are shared by every message that uses them ("reason", "decision", "kind"), so
// their words are the ones that read right in each of those events.
constexpr Entry kFields[] = {
    // Area (event.proto).
    {"code", {"mã số", "code"}},
    {"unit_set", {"danh mục đơn vị hành chính", "administrative unit set"}},
    // MemberCounts, Workforce.
    {"official", {"chính thức", "official"}},
    {"associate_contributing", {"liên kết góp vốn", "associate contributing"}},
    {"associate_non_contributing", {"liên kết không góp vốn", "associate non-contributing"}},
    {"regular_workers", {"lao động thường xuyên", "regular workers"}},
    {"of_which_members", {"trong đó thành viên", "of which members"}},
    // CooperativeRegistered, CooperativeRegistrationChanged.
    {"cooperative_id", {"HTX", "cooperative"}},
    {"kind", {"loại hình", "kind"}},
    {"name", {"tên", "name"}},
    {"law_regime", {"luật áp dụng", "governing law"}},
    {"registration_authority", {"cơ quan đăng ký", "registration authority"}},
    {"address", {"địa chỉ", "address"}},
    {"charter_capital_vnd", {"vốn điều lệ", "charter capital"}},
    {"largest_member_contribution_vnd",
     {"vốn góp lớn nhất của một thành viên", "largest member contribution"}},
    {"members", {"thành viên", "members"}},
    {"workforce", {"lao động", "workforce"}},
    {"legal_representative_ref", {"người đại diện theo pháp luật", "legal representative"}},
    {"business_lines", {"ngành nghề kinh doanh", "business lines"}},
    {"business_lines_changed", {"thay đổi ngành nghề kinh doanh", "business lines changed"}},
    {"sector", {"lĩnh vực", "sector"}},
    {"origin", {"nguồn gốc", "origin"}},
    {"origin_group_id", {"từ tổ hợp tác", "from group"}},
    {"predecessor_ids", {"HTX trước tổ chức lại", "predecessor cooperatives"}},
    {"origin_hall_id", {"từ hội quán", "from hội quán"}},
    // Suspension, dissolution, revocation, reorganisation, bankruptcy.
    {"from", {"từ ngày", "from"}},
    {"until", {"đến ngày", "until"}},
    {"reason", {"lý do", "reason"}},
    {"resolution", {"nghị quyết, quyết định", "resolution"}},
    {"grounds", {"căn cứ thu hồi", "grounds"}},
    {"decision", {"số quyết định", "decision number"}},
    {"for_tax_enforcement", {"do cưỡng chế nợ thuế", "for tax enforcement"}},
    {"ground", {"trường hợp thu hồi", "revocation ground"}},
    {"survives", {"tiếp tục hoạt động", "survives"}},
    {"successor_ids", {"HTX kế thừa", "successor cooperatives"}},
    // Annual meeting, annual report, rating, inspection, model, trade fair.
    {"fiscal_year", {"năm tài chính", "fiscal year"}},
    {"year", {"năm", "year"}},
    {"regulation", {"văn bản áp dụng", "regulation"}},
    {"score", {"điểm", "score"}},
    {"grade", {"xếp loại", "grade"}},
    {"body", {"cơ quan kiểm tra", "inspecting body"}},
    {"basis", {"nội dung kiểm tra", "basis"}},
    {"findings", {"kết quả kiểm tra", "findings"}},
    {"compliant", {"chấp hành đúng quy định", "compliant"}},
    {"follow_up", {"kiến nghị xử lý", "follow-up"}},
    {"fair", {"hội chợ", "trade fair"}},
    {"area", {"địa bàn", "area"}},
    // GroupFormed, GroupNotified, GroupRegistered, GroupChanged, GroupConvertedToCooperative.
    {"group_id", {"tổ hợp tác", "cooperative group"}},
    {"contract_date", {"ngày hợp đồng hợp tác", "contract date"}},
    {"term_months", {"thời hạn hợp đồng (tháng)", "term (months)"}},
    {"no_fixed_term", {"không xác định thời hạn", "no fixed term"}},
    {"has_capital_contributions", {"tổ viên có góp vốn", "capital contributed"}},
    {"representative_ref", {"tổ trưởng", "group leader"}},
    {"activities", {"nội dung hoạt động", "activities"}},
    {"activities_changed", {"thay đổi nội dung hoạt động", "activities changed"}},
    {"decree", {"nghị định", "decree"}},
    {"authority", {"cơ quan", "authority"}},
    {"reference", {"số văn bản", "reference number"}},
    {"certificate_number", {"số giấy chứng nhận", "certificate number"}},
    {"certificate_date", {"ngày cấp giấy chứng nhận", "certificate date"}},
    {"all_members_agreed", {"tất cả tổ viên đồng ý", "all members agreed"}},
    // HallFounded, HallFormalised.
    {"hall_id", {"hội quán", "community hall"}},
    {"hamlet", {"ấp, thôn, bản", "hamlet"}},
    {"field", {"ngành, lĩnh vực", "field"}},
    {"formalised_as", {"chuyển thành", "formalised as"}},
    {"new_aggregate_id", {"tổ hợp tác hoặc HTX mới", "new group or cooperative"}},
    // ClassHeld, ClassParticipants.
    {"class_id", {"lớp học", "class"}},
    {"title", {"tên lớp", "title"}},
    {"organiser", {"đơn vị tổ chức", "organiser"}},
    {"start_date", {"ngày bắt đầu", "start date"}},
    {"end_date", {"ngày kết thúc", "end date"}},
    {"participants", {"học viên", "participants"}},
    {"officials", {"cán bộ, công chức", "officials"}},
    {"managers", {"cán bộ quản lý", "managers"}},
    {"farmers", {"nông dân", "farmers"}},
    {"other", {"khác", "other"}},
    {"budget_vnd", {"kinh phí", "budget"}},
    {"cooperative_ids", {"HTX tham gia", "cooperatives involved"}},
    // SupportGranted.
    {"grant_id", {"khoản hỗ trợ", "support grant"}},
    {"type", {"loại hỗ trợ", "support type"}},
    {"programme", {"chương trình", "programme"}},
    {"amount_vnd", {"số tiền", "amount"}},
    {"in_kind", {"hỗ trợ bằng hiện vật", "in kind"}},
    {"funding_source", {"nguồn kinh phí", "funding source"}},
    // OcopProductEnrolled, OcopProductRated.
    {"product_id", {"sản phẩm OCOP", "OCOP product"}},
    {"product_name", {"tên sản phẩm", "product name"}},
    {"stars", {"số sao", "stars"}},
    {"level", {"cấp công nhận", "recognition level"}},
    {"decision_date", {"ngày quyết định", "decision date"}},
    {"expires_on", {"hết hiệu lực từ ngày", "expires on"}},
    // GraduatePlaced, PlacementEnded.
    {"placement_id", {"cán bộ trẻ về làm việc tại HTX", "graduate placement"}},
    {"person_ref", {"cán bộ trẻ", "graduate"}},
    {"degree", {"trình độ", "degree"}},
    {"planned_term_months", {"thời hạn dự kiến (tháng)", "planned term (months)"}},
    // AnnualPlanTargetsSet, PlanTarget.
    {"targets", {"các chỉ tiêu", "targets"}},
    {"indicator", {"nội dung chỉ tiêu", "indicator"}},
    {"comparison", {"cách so sánh", "comparison"}},
    {"value", {"mức chỉ tiêu", "target value"}},
    {"per_commune", {"tính cho mỗi xã", "per commune"}},
    // PersonErased (its person_ref is the stream's own: not written).
    {"erasure_ground", {"căn cứ xoá", "ground for erasure"}},
    // EventVoided, EventAmended.
    {"event_id", {"bản ghi", "record"}},
    {"replacement", {"nội dung thay thế", "replacement"}},
};

constexpr Entry kEnumValues[] = {
    // CooperativeKind, LawRegime, CooperativeOrigin.
    {"COOPERATIVE", {"HTX", "cooperative"}},
    {"COOPERATIVE_UNION", {"liên hiệp HTX", "cooperative union"}},
    {"LAW_2012", {"Luật HTX 2012", "2012 Cooperative Law"}},
    {"LAW_2023", {"Luật HTX 2023", "2023 Cooperative Law"}},
    {"ORIGIN_NEW", {"thành lập mới", "newly founded"}},
    {"ORIGIN_CONVERTED_FROM_GROUP",
     {"chuyển đổi từ tổ hợp tác", "converted from a cooperative group"}},
    {"ORIGIN_REORGANISATION", {"tổ chức lại", "reorganisation"}},
    {"ORIGIN_FORMALISED_HALL", {"chuyển từ hội quán", "formalised from a hội quán"}},
    // DissolutionKind, RevocationGround, ReorganisationKind.
    {"VOLUNTARY", {"tự nguyện", "voluntary"}},
    {"COMPULSORY", {"bắt buộc", "compulsory"}},
    {"NO_GENERAL_MEETING_18_MONTHS",
     {"không tổ chức đại hội thành viên thường niên trong 18 tháng liên tục",
      "no annual general meeting for 18 months running"}},
    {"BELOW_MINIMUM_MEMBERS_12_MONTHS",
     {"không đủ số thành viên tối thiểu trong 12 tháng liên tục",
      "below the minimum number of members for 12 months running"}},
    {"SPLIT", {"chia", "split"}},
    {"SEPARATION", {"tách", "separation"}},
    {"CONSOLIDATION", {"hợp nhất", "consolidation"}},
    {"MERGER", {"sáp nhập", "merger"}},
    // RatingGrade.
    {"GOOD", {"tốt", "good"}},
    {"FAIR", {"khá", "fair"}},
    {"AVERAGE", {"trung bình", "average"}},
    {"WEAK", {"yếu", "weak"}},
    // GroupOrigin, GroupNoticeDecree.
    {"GROUP_ORIGIN_NEW", {"thành lập mới", "newly formed"}},
    {"GROUP_ORIGIN_FORMALISED_HALL", {"chuyển từ hội quán", "formalised from a hội quán"}},
    {"GROUP_DECREE_151_2007", {"Nghị định 151/2007/NĐ-CP", "Decree 151/2007"}},
    {"GROUP_DECREE_77_2019", {"Nghị định 77/2019/NĐ-CP", "Decree 77/2019"}},
    // HallFormalisedAs.
    {"HALL_AS_GROUP", {"tổ hợp tác", "cooperative group"}},
    {"HALL_AS_COOPERATIVE", {"HTX", "cooperative"}},
    // ClassKind.
    {"STATE_MANAGEMENT_TRAINING",
     {"tập huấn, bồi dưỡng quản lý nhà nước về KTTT", "state-management training"}},
    {"PROPAGANDA", {"tuyên truyền", "propaganda"}},
    {"VOCATIONAL", {"truyền nghề", "vocational"}},
    {"MEMBER_MANAGER_TRAINING",
     {"bồi dưỡng cán bộ quản lý, thành viên HTX", "training for cooperative managers and members"}},
    // SupportType.
    {"SUPPORT_TRAINING", {"đào tạo, bồi dưỡng", "training"}},
    {"SUPPORT_COMMUNICATION", {"thông tin, tuyên truyền", "communication"}},
    {"SUPPORT_CONSULTING", {"tư vấn", "consulting"}},
    {"SUPPORT_LAND", {"đất đai", "land"}},
    {"SUPPORT_TAX", {"ưu đãi thuế", "tax"}},
    {"SUPPORT_CREDIT", {"tín dụng", "credit"}},
    {"SUPPORT_INSURANCE", {"bảo hiểm", "insurance"}},
    {"SUPPORT_SCIENCE_TECHNOLOGY",
     {"ứng dụng khoa học, công nghệ, chuyển đổi số",
      "science, technology and digital transformation"}},
    {"SUPPORT_PACKAGING_LABEL_TRADEMARK",
     {"bao bì, nhãn mác, nhãn hiệu, xuất xứ", "packaging, labels, trademarks and origin"}},
    {"SUPPORT_TRADE_PROMOTION",
     {"xúc tiến thương mại, hội chợ, thị trường", "trade promotion, trade fairs and markets"}},
    {"SUPPORT_INFRASTRUCTURE_EQUIPMENT",
     {"kết cấu hạ tầng, máy móc, thiết bị", "infrastructure, machinery and equipment"}},
    {"SUPPORT_AUDIT", {"kiểm toán", "audit"}},
    {"SUPPORT_AGRICULTURE", {"hỗ trợ riêng cho nông nghiệp", "agriculture-specific"}},
    // FundingSource.
    {"FUNDING_CENTRAL", {"ngân sách trung ương", "central budget"}},
    {"FUNDING_PROVINCIAL", {"ngân sách tỉnh", "provincial budget"}},
    {"FUNDING_DISTRICT", {"ngân sách huyện", "district budget"}},
    {"FUNDING_COMMUNE", {"ngân sách xã", "commune budget"}},
    {"FUNDING_OTHER", {"nguồn khác", "other sources"}},
    // OcopLevel.
    {"OCOP_LEVEL_DISTRICT", {"cấp huyện", "district level"}},
    {"OCOP_LEVEL_PROVINCE", {"cấp tỉnh", "provincial level"}},
    {"OCOP_LEVEL_CENTRAL", {"cấp trung ương", "central level"}},
    // GraduateDegree.
    {"DEGREE_COLLEGE", {"cao đẳng", "college"}},
    {"DEGREE_UNIVERSITY", {"đại học", "university"}},
    {"DEGREE_POSTGRADUATE", {"sau đại học", "postgraduate"}},
    // PlanIndicator (the labels of plan_words.cc, in running text).
    {"NEW_COOPERATIVES", {"HTX thành lập mới", "new cooperatives"}},
    {"NEW_GROUPS", {"THT thành lập mới", "new cooperative groups"}},
    {"COOPERATIVES_AT_TRADE_FAIRS",
     {"HTX tham gia hội chợ xúc tiến thương mại", "cooperatives at trade fairs"}},
    {"COOPERATIVES_IN_OCOP",
     {"HTX tham gia chương trình OCOP", "cooperatives in the OCOP programme"}},
    {"TRAINING_CLASSES", {"lớp tập huấn, tuyên truyền (mọi loại)", "classes of every kind"}},
    {"TECHNOLOGY_GRANTS", {"hỗ trợ khoa học, công nghệ", "science and technology grants"}},
    {"MODEL_COOPERATIVES", {"mô hình HTX điểm", "model cooperatives"}},
    {"GRADUATES_PLACED", {"cán bộ trẻ về làm việc tại HTX", "young graduates placed"}},
    {"HALLS_KEPT", {"hội quán duy trì hoạt động", "hội quán kept"}},
    {"NEW_UNIONS", {"liên hiệp HTX thành lập mới", "new cooperative unions"}},
    {"PROPAGANDA_CLASSES", {"lớp tuyên truyền về KTTT", "propaganda classes"}},
    {"VOCATIONAL_CLASSES", {"lớp truyền nghề", "vocational classes"}},
    {"STATE_MANAGEMENT_CLASSES",
     {"lớp tập huấn, bồi dưỡng quản lý nhà nước về KTTT", "state-management training classes"}},
    {"OCOP_PRODUCTS_RATED",
     {"sản phẩm OCOP được công nhận từ 3 sao", "OCOP products rated 3★ or more"}},
    {"SUPPORT_GRANTS", {"lượt hỗ trợ HTX, THT", "support grants"}},
    {"COOPERATIVES_RATED_GOOD_OR_FAIR",
     {"HTX xếp loại khá, tốt", "cooperatives rated good or fair"}},
    {"NEW_HALLS", {"hội quán thành lập mới", "new hội quán"}},
    // TargetComparison.
    {"AT_LEAST", {"ít nhất", "at least"}},
    {"EQUAL", {"bằng", "exactly"}},
};

// True when no key appears twice in `entries`, so a lookup can never find the wrong entry.
template <std::size_t N>
constexpr bool KeysAreUnique(const Entry (&entries)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t j = i + 1; j < N; ++j) {
      if (entries[i].key == entries[j].key) return false;
    }
  }
  return true;
}
static_assert(KeysAreUnique(kFields), "a field name appears twice");
static_assert(KeysAreUnique(kEnumValues), "an enum value name appears twice");

template <std::size_t N>
const Bilingual* Find(const Entry (&entries)[N], std::string_view key) {
  for (const auto& entry : entries) {
    if (entry.key == key) return &entry.words;
  }
  return nullptr;
}

}  // namespace

const Bilingual* FieldWords(std::string_view field_name) { return Find(kFields, field_name); }

const Bilingual* EnumValueWords(std::string_view value_name) {
  return Find(kEnumValues, value_name);
}

}  // namespace coop::domain::text
