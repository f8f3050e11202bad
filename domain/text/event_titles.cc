#include "domain/text/event_titles.h"

namespace coop::domain::text {
namespace {

struct Entry {
  std::string_view type;
  Bilingual title;
};

constexpr Entry kTitles[] = {
    // Cooperatives and unions (HTX, LHHTX).
    {"coop.v1.CooperativeRegistered", {"Đăng ký thành lập HTX", "Cooperative registered"}},
    {"coop.v1.CooperativeRegistrationChanged",
     {"Thay đổi nội dung đăng ký HTX", "Cooperative registration changed"}},
    {"coop.v1.CooperativeMembershipReported",
     {"Báo cáo số thành viên HTX", "Cooperative membership reported"}},
    {"coop.v1.CooperativeMembersAdmitted", {"Kết nạp thành viên HTX", "Members admitted"}},
    {"coop.v1.CooperativeMembersLeft", {"Thành viên ra khỏi HTX", "Members left"}},
    {"coop.v1.CooperativeWorkforceReported",
     {"Báo cáo lao động của HTX", "Cooperative workforce reported"}},
    {"coop.v1.CooperativeCharterCapitalChanged",
     {"Thay đổi vốn điều lệ HTX", "Charter capital changed"}},
    {"coop.v1.CooperativeSuspended", {"HTX tạm ngừng hoạt động", "Cooperative suspended"}},
    {"coop.v1.CooperativeSuspensionExtended",
     {"Gia hạn tạm ngừng hoạt động", "Suspension extended"}},
    {"coop.v1.CooperativeResumed", {"HTX hoạt động trở lại", "Cooperative resumed"}},
    {"coop.v1.CooperativeDissolutionStarted",
     {"Bắt đầu giải thể HTX", "Cooperative dissolution started"}},
    {"coop.v1.CooperativeDissolutionCancelled", {"Hủy bỏ giải thể HTX", "Dissolution cancelled"}},
    {"coop.v1.CooperativeDissolutionCompleted", {"Hoàn tất giải thể HTX", "Dissolution completed"}},
    {"coop.v1.CooperativeCertificateRevoked",
     {"Thu hồi giấy chứng nhận đăng ký HTX", "Registration certificate revoked"}},
    {"coop.v1.CooperativeCertificateRestored",
     {"Khôi phục giấy chứng nhận đăng ký HTX", "Registration certificate restored"}},
    {"coop.v1.CooperativeReorganised", {"Tổ chức lại HTX", "Cooperative reorganised"}},
    {"coop.v1.CooperativeBankruptcyOpened",
     {"Mở thủ tục phá sản HTX", "Bankruptcy proceedings opened"}},
    {"coop.v1.CooperativeBankruptcyDeclared",
     {"Tuyên bố HTX phá sản", "Cooperative declared bankrupt"}},
    {"coop.v1.CooperativeGeneralMeetingHeld",
     {"Tổ chức đại hội thành viên thường niên", "Annual general meeting held"}},
    {"coop.v1.CooperativeAnnualReportSubmitted",
     {"Nộp báo cáo tình hình hoạt động năm", "Annual report submitted"}},
    {"coop.v1.CooperativeRated", {"Đánh giá, xếp loại HTX", "Cooperative rated"}},
    {"coop.v1.CooperativeInspected", {"Kiểm tra HTX", "Cooperative inspected"}},
    {"coop.v1.CooperativeDesignatedModel",
     {"Chọn HTX làm mô hình điểm", "Designated a model cooperative"}},
    {"coop.v1.CooperativeAttendedTradeFair",
     {"HTX tham gia hội chợ xúc tiến thương mại", "Attended a trade fair"}},
    {"coop.v1.CooperativeCodeReserved", {"Giữ mã số HTX", "Cooperative code reserved"}},
    {"coop.v1.CooperativeCodeReleased", {"Trả lại mã số HTX", "Cooperative code released"}},
    // Cooperative groups (THT).
    {"coop.v1.GroupFormed", {"Thành lập tổ hợp tác", "Cooperative group formed"}},
    {"coop.v1.GroupNotified",
     {"Thông báo thành lập tổ hợp tác với UBND xã", "Group notified to the commune"}},
    {"coop.v1.GroupRegistered", {"Đăng ký tổ hợp tác", "Cooperative group registered"}},
    {"coop.v1.GroupChanged", {"Thay đổi thông tin tổ hợp tác", "Cooperative group changed"}},
    {"coop.v1.GroupMembersChanged", {"Thay đổi số tổ viên", "Group members changed"}},
    {"coop.v1.GroupSuspended", {"Tổ hợp tác tạm ngừng hoạt động", "Cooperative group suspended"}},
    {"coop.v1.GroupResumed", {"Tổ hợp tác hoạt động trở lại", "Cooperative group resumed"}},
    {"coop.v1.GroupTerminated", {"Tổ hợp tác chấm dứt hoạt động", "Cooperative group terminated"}},
    {"coop.v1.GroupTerminationNotified",
     {"Thông báo chấm dứt tổ hợp tác", "Group termination notified"}},
    {"coop.v1.GroupConvertedToCooperative",
     {"Tổ hợp tác chuyển đổi thành HTX", "Group converted to a cooperative"}},
    // Community halls (hội quán).
    {"coop.v1.HallFounded", {"Thành lập hội quán", "Hội quán founded"}},
    {"coop.v1.HallMembersChanged", {"Thay đổi số thành viên hội quán", "Hội quán members changed"}},
    {"coop.v1.HallFormalised",
     {"Hội quán chuyển thành tổ hợp tác hoặc HTX", "Hội quán formalised"}},
    // Programmes.
    {"coop.v1.ClassHeld", {"Mở lớp tập huấn, tuyên truyền", "Class held"}},
    {"coop.v1.SupportGranted", {"Hỗ trợ HTX, THT", "Support granted"}},
    {"coop.v1.OcopProductEnrolled", {"Sản phẩm đăng ký tham gia OCOP", "OCOP product enrolled"}},
    {"coop.v1.OcopProductRated", {"Đánh giá, phân hạng sản phẩm OCOP", "OCOP product rated"}},
    {"coop.v1.OcopProductExpired", {"Sản phẩm OCOP hết hạn công nhận", "OCOP recognition expired"}},
    {"coop.v1.GraduatePlaced",
     {"Cán bộ trẻ về làm việc tại HTX", "Young graduate placed at a cooperative"}},
    {"coop.v1.PlacementEnded", {"Cán bộ trẻ thôi làm việc tại HTX", "Graduate placement ended"}},
    {"coop.v1.AnnualPlanTargetsSet", {"Giao chỉ tiêu kế hoạch năm", "Annual plan targets set"}},
    // Personal data (the vault's erasures).
    {"coop.v1.PersonErased", {"Xoá dữ liệu cá nhân của một người", "Personal data erased"}},
    // Corrections.
    {"coop.v1.EventVoided", {"Hủy bản ghi nhập nhầm", "Record voided"}},
    {"coop.v1.EventAmended", {"Sửa bản ghi", "Record amended"}},
};

}  // namespace

const Bilingual* EventTitle(std::string_view full_name) {
  for (const auto& entry : kTitles) {
    if (entry.type == full_name) return &entry.title;
  }
  return nullptr;
}

}  // namespace coop::domain::text
