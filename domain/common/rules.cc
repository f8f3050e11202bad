#include "domain/common/rules.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace coop::domain {

const std::vector<Rule>& RuleTable() {
  using C = absl::StatusCode;
  static const std::vector<Rule> kRules = {
      {"COMMON-01",
       "Dates are calendar dates (YYYY-MM-DD), not before 1955-01-01 and not after today", "system",
       C::kInvalidArgument,
       "Ngày là ngày dương lịch (YYYY-MM-DD), không trước 01/01/1955 và không sau hôm nay"},
      {"COMMON-02", "Amounts and counts are zero or more", "system", C::kInvalidArgument,
       "Số tiền và số lượng không âm"},
      {"COMMON-03", "Required fields are present", "system", C::kInvalidArgument,
       "Có đủ các trường bắt buộc"},
      {"COMMON-04",
       "Counts are at most 1,000,000 and amounts at most 10^13 VND, so that no sum over the "
       "country overflows; a list holds at most 1,000 items and a request at most 256 KiB",
       "system", C::kInvalidArgument,
       "Số lượng không quá 1.000.000 và số tiền không quá 10^13 đồng, để không tổng nào trên cả "
       "nước bị tràn số; một danh sách không quá 1.000 mục và một yêu cầu không quá 256 KiB"},
      {"COMMON-05",
       "Text is UTF-8 in NFC, without control characters (a newline only in multi-line text), "
       "bidirectional overrides or only whitespace, and within its length",
       "system", C::kInvalidArgument,
       "Văn bản là UTF-8 dạng NFC, không có ký tự điều khiển (chỉ xuống dòng trong văn bản nhiều "
       "dòng), ký tự đảo chiều hay toàn khoảng trắng, và không quá độ dài cho phép"},
      {"COMMON-06", "An enumerated field holds one of its known values", "system",
       C::kInvalidArgument, "Trường liệt kê mang một trong các giá trị đã biết"},
      {"AREA-01",
       "An address is a unit of the unit set it names, and that unit set was in force on the "
       "event's date (2025-03 before 1 July 2025, 2025-07 from then)",
       "Resolutions 1654-1687/NQ-UBTVQH15; GSO code lists", C::kInvalidArgument,
       "Địa chỉ là một đơn vị của bộ đơn vị hành chính mà nó nêu, và bộ đó có hiệu lực vào ngày "
       "của sự kiện (2025-03 trước 01/7/2025, 2025-07 từ ngày đó)"},
      {"AREA-02",
       "The address of a cooperative, group or hall is a commune, or one of the island districts "
       "that have no communes in the 2025-03 list",
       "Decree 92/2024/NĐ-CP Art. 22 (head office address); GSO code lists", C::kInvalidArgument,
       "Địa chỉ của HTX, THT hay hội quán là một xã, hoặc một huyện đảo không có xã trong danh mục "
       "2025-03"},
      {"COOP-01",
       "A cooperative has at least 7 members (2012 law) or 5 official members (2023 law); a "
       "union at least 4 (2012) or 3 (2023) member cooperatives",
       "Law 23/2012/QH13 Art. 3, 9; Law 17/2023/QH15 Art. 6, 21", C::kInvalidArgument,
       "HTX có ít nhất 7 thành viên (Luật 2012) hoặc 5 thành viên chính thức (Luật 2023); LHHTX có "
       "ít nhất 4 (2012) hoặc 3 (2023) HTX thành viên"},
      {"COOP-02",
       "One member's contribution is at most 20% (HTX) / 30% (LHHTX) of charter capital under "
       "the 2012 law, 30% / 40% under the 2023 law",
       "Law 23/2012/QH13 Art. 17; Law 17/2023/QH15 Art. 77", C::kInvalidArgument,
       "Vốn góp của một thành viên không quá 20% (HTX) / 30% (LHHTX) vốn điều lệ theo Luật 2012, "
       "30% / 40% theo Luật 2023"},
      {"COOP-03", "Nothing happens to a cooperative after a terminal state", "system",
       C::kFailedPrecondition, "Không ghi nhận gì thêm cho HTX đã chấm dứt hoạt động"},
      {"COOP-04",
       "Only an active cooperative can be suspended; a suspended one is extended instead",
       "Decree 92/2024 Art. 56", C::kFailedPrecondition,
       "Chỉ HTX đang hoạt động mới tạm ngừng; HTX đang tạm ngừng thì gia hạn"},
      {"COOP-05", "A suspension notice covers at most 12 months", "Decree 92/2024 Art. 56",
       C::kInvalidArgument, "Một thông báo tạm ngừng không quá 12 tháng"},
      {"COOP-06", "Only a suspended cooperative resumes or has its suspension extended",
       "Decree 92/2024 Art. 56", C::kFailedPrecondition,
       "Chỉ HTX đang tạm ngừng mới hoạt động trở lại hoặc gia hạn tạm ngừng"},
      {"COOP-07",
       "Dissolution starts from active or suspended; it is cancelled only while dissolving and "
       "within 6 months of its start; it completes only while dissolving",
       "Law 17/2023/QH15 Art. 92", C::kFailedPrecondition,
       "Giải thể bắt đầu khi HTX đang hoạt động hoặc tạm ngừng; chỉ hủy bỏ khi đang giải thể và "
       "trong 6 tháng kể từ khi bắt đầu; chỉ hoàn tất khi đang giải thể"},
      {"COOP-08",
       "A certificate is restored only after a revocation; a revocation other than for tax "
       "enforcement starts dissolution",
       "Law 17/2023/QH15 Art. 92, 93; Decree 92/2024", C::kFailedPrecondition,
       "Chỉ khôi phục giấy chứng nhận sau khi bị thu hồi; thu hồi không vì cưỡng chế thuế thì bắt "
       "đầu giải thể"},
      {"COOP-09", "A rating is for a year in which the cooperative existed, once per year",
       "Circular 01/2020/TT-BKHĐT", C::kFailedPrecondition,
       "Đánh giá cho một năm HTX có hoạt động, mỗi năm một lần"},
      {"COOP-10",
       "A rating's score is 0-100 and its grade matches the score: Tốt 80-100, Khá 65-<80, "
       "Trung bình 50-<65, Yếu <50",
       "Circular 01/2020/TT-BKHĐT Art. 5", C::kInvalidArgument,
       "Điểm đánh giá từ 0 đến 100 và xếp loại khớp với điểm: Tốt 80-100, Khá 65-<80, Trung bình "
       "50-<65, Yếu <50"},
      {"COOP-11", "Events of a cooperative come after its registration, which happens once",
       "system", C::kFailedPrecondition,
       "Các sự kiện của HTX đến sau khi đăng ký, và chỉ đăng ký một lần"},
      {"COOP-12", "More members cannot leave than the cooperative has, by type", "system",
       C::kFailedPrecondition,
       "Số thành viên ra khỏi HTX không quá số thành viên hiện có, theo từng loại"},
      {"COOP-13", "Workers who are members cannot outnumber regular workers", "system",
       C::kInvalidArgument, "Số thành viên là lao động không vượt số lao động thường xuyên"},
      {"COOP-14",
       "A registration (new, converted or reorganised) is under the law in force on its date: "
       "2012 law before 1 July 2024, 2023 law from then",
       "Law 17/2023/QH15 Art. 115", C::kInvalidArgument,
       "Đăng ký (thành lập mới, chuyển đổi hay tổ chức lại) theo luật có hiệu lực vào ngày đăng "
       "ký: Luật 2012 trước 01/7/2024, Luật 2023 từ ngày đó"},
      {"COOP-15", "Bankruptcy is declared only after proceedings were opened",
       "Law on Bankruptcy 51/2014/QH13", C::kFailedPrecondition,
       "Chỉ tuyên bố phá sản sau khi đã mở thủ tục phá sản"},
      {"COOP-16", "A cooperative code is never used twice", "Decree 92/2024 Art. 8",
       C::kAlreadyExists, "Mỗi mã số HTX chỉ dùng một lần"},
      // --- the calendar (domain/cooperative/cooperative_calendar.h): derived, never recorded ---
      {"COOP-17",
       "A dissolution neither completed nor cancelled ends by itself 6 months after it started: "
       "the cooperative is dissolved from that day, and nothing more is recorded for it",
       "Law 17/2023/QH15 Art. 92", C::kFailedPrecondition,
       "Giải thể chưa hoàn tất hay hủy bỏ thì tự kết thúc sau 6 tháng kể từ khi bắt đầu: HTX giải "
       "thể từ ngày đó và không ghi nhận gì thêm"},
      {"COOP-18",
       "A suspension ends after its last day (its latest extension's): the cooperative is active "
       "again from the next day, and neither resumes nor extends that suspension",
       "Decree 92/2024 Art. 56", C::kFailedPrecondition,
       "Hết thời hạn tạm ngừng (kể cả lần gia hạn sau cùng), HTX được coi là hoạt động trở lại từ "
       "ngày kế tiếp; lần tạm ngừng đã hết hạn đó không còn được gia hạn hay thông báo hoạt động "
       "trở lại"},
      {"COOP-19",
       "The annual report for year Y is due by 15 January of Y+1 up to 2018, by 15 December of Y "
       "from 2019",
       "Decrees 193/2013, 107/2017/NĐ-CP; Circulars 09/2019, 09/2024/TT-BKHĐT",
       C::kFailedPrecondition,
       "Báo cáo năm Y nộp chậm nhất 15/01 năm Y+1 đến năm 2018, chậm nhất 15/12 năm Y từ năm 2019"},
      {"COOP-20",
       "The annual meeting for fiscal year Y is held within 3 months after it (2012 law, Y up to "
       "2023), within 4 months (2023 law, from 2024)",
       "Law 23/2012/QH13; Law 17/2023/QH15 (general meeting)", C::kFailedPrecondition,
       "Đại hội thành viên thường niên cho năm tài chính Y họp trong 3 tháng sau năm đó (Luật "
       "2012, Y đến 2023), trong 4 tháng (Luật 2023, từ 2024)"},
      {"COOP-21",
       "A cooperative is rated for a year (or counted not rated) only if it was registered at "
       "least 12 months before the year's end",
       "Circular 01/2020/TT-BKHĐT", C::kFailedPrecondition,
       "HTX chỉ được đánh giá cho một năm (hoặc tính là chưa đánh giá) nếu đăng ký ít nhất 12 "
       "tháng trước cuối năm"},
      {"COOP-22",
       "The record shows a ground for revoking the certificate when no annual general meeting "
       "was held for 18 months running (counted from the registration before the first), or the "
       "members were fewer than COOP-01's minimum for 12 months running; a revocation that names "
       "such a ground is refused unless the record shows it on its date",
       "Laws 23/2012/QH13 and 17/2023/QH15 (revocation of the registration certificate)",
       C::kFailedPrecondition,
       "Hồ sơ cho thấy căn cứ thu hồi giấy chứng nhận khi HTX không tổ chức đại hội thành viên "
       "thường niên 18 tháng liên tục (tính từ ngày đăng ký nếu chưa họp lần nào), hoặc không bảo "
       "đảm số thành viên tối thiểu của COOP-01 trong 12 tháng liên tục; quyết định thu hồi nêu "
       "căn cứ đó bị từ chối nếu hồ sơ chưa cho thấy căn cứ vào ngày quyết định"},
      // --- cooperative groups (GROUP-xx) and halls (HALL-xx): add below this line ---
      {"GROUP-01",
       "A cooperative group has at least 2 members (3 before 25 Nov 2019, under Decree "
       "151/2007), counted on the date of each figure",
       "Decree 151/2007/NĐ-CP Art. 3; Decree 77/2019/NĐ-CP Art. 3; Law 17/2023/QH15",
       C::kInvalidArgument,
       "THT có ít nhất 2 thành viên (3 trước 25/11/2019, theo Nghị định 151/2007), tính vào ngày "
       "của mỗi số liệu"},
      {"GROUP-02", "Events of a group come after its formation, which happens once", "system",
       C::kFailedPrecondition,
       "Các sự kiện của THT đến sau khi thành lập, và chỉ thành lập một lần"},
      {"GROUP-03", "Nothing happens to a group after it terminated or converted", "system",
       C::kFailedPrecondition, "Không ghi nhận gì thêm cho THT đã chấm dứt hoặc đã chuyển đổi"},
      {"GROUP-04",
       "A cooperation contract has either a term of one month or more or no fixed term, not "
       "both",
       "Decree 77/2019/NĐ-CP Art. 3; Law 17/2023/QH15 Art. 107", C::kInvalidArgument,
       "Hợp đồng hợp tác có thời hạn từ một tháng trở lên hoặc không xác định thời hạn, không cả "
       "hai"},
      {"GROUP-05",
       "A notice to the commune is under the decree in force on its date: 151/2007 before 25 Nov "
       "2019, 77/2019 until 30 June 2024; from 1 July 2024 a group registers instead",
       "Decree 151/2007/NĐ-CP; Decree 77/2019/NĐ-CP; Law 17/2023/QH15 Art. 107",
       C::kInvalidArgument,
       "Thông báo với UBND xã theo nghị định có hiệu lực vào ngày thông báo: 151/2007 trước "
       "25/11/2019, 77/2019 đến 30/6/2024; từ 01/7/2024 THT đăng ký thay cho thông báo"},
      {"GROUP-06", "A group gives its formation notice once, and not after it registered",
       "Decree 77/2019/NĐ-CP", C::kFailedPrecondition,
       "THT thông báo thành lập một lần, và không sau khi đã đăng ký"},
      {"GROUP-07", "A group registration certificate is dated from 1 July 2024",
       "Law 17/2023/QH15 Art. 107", C::kInvalidArgument,
       "Giấy chứng nhận đăng ký THT cấp từ ngày 01/7/2024"},
      {"GROUP-08", "A group registers once", "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition,
       "THT đăng ký một lần"},
      {"GROUP-09",
       "Only an active group is suspended; a formed group that has not notified or registered "
       "is not active",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP", C::kFailedPrecondition,
       "Chỉ THT đang hoạt động mới tạm ngừng; THT mới thành lập chưa thông báo hay đăng ký thì "
       "chưa hoạt động"},
      {"GROUP-10",
       "A group notifies only suspensions of 15 days or more (from and until inclusive); a "
       "shorter one is not recorded",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP", C::kInvalidArgument,
       "THT chỉ thông báo tạm ngừng từ 15 ngày trở lên (tính cả ngày đầu và ngày cuối); tạm ngừng "
       "ngắn hơn không ghi nhận"},
      {"GROUP-11", "Only a suspended group resumes", "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP",
       C::kFailedPrecondition, "Chỉ THT đang tạm ngừng mới hoạt động trở lại"},
      {"GROUP-12",
       "A group converts to a cooperative only with a registration certificate issued at least "
       "12 months earlier",
       "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition,
       "THT chỉ chuyển đổi thành HTX khi có giấy chứng nhận đăng ký cấp ít nhất 12 tháng trước"},
      {"GROUP-13", "A group converts to a cooperative only with the agreement of all its members",
       "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition,
       "THT chỉ chuyển đổi thành HTX khi tất cả thành viên đồng ý"},
      {"GROUP-14",
       "A group's suspension ends after its last day: it is active again from the next day, and "
       "that suspension is no longer resumed",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP", C::kFailedPrecondition,
       "Hết thời hạn tạm ngừng, THT được coi là hoạt động trở lại từ ngày kế tiếp; lần tạm ngừng "
       "đã hết hạn đó không còn được thông báo hoạt động trở lại"},
      {"GROUP-15",
       "A group that notified its termination ends by itself 3 months after the notice unless "
       "its termination is recorded earlier; meanwhile it only changes its details or members, "
       "or terminates, and notifies its termination once",
       "Decree 77/2019/NĐ-CP; Decree 92/2024/NĐ-CP (article to confirm)", C::kFailedPrecondition,
       "THT đã thông báo chấm dứt thì tự chấm dứt 3 tháng sau thông báo nếu việc chấm dứt chưa "
       "được ghi nhận sớm hơn; trong thời gian đó chỉ thay đổi thông tin, thành viên, hoặc chấm "
       "dứt"},
      {"HALL-01", "Events of a hall come after its founding, which happens once", "system",
       C::kFailedPrecondition,
       "Các sự kiện của hội quán đến sau khi thành lập, và chỉ thành lập một lần"},
      {"HALL-02",
       "A hall is formalised once, as a group or a cooperative; nothing more is recorded for it "
       "afterwards (the new group or cooperative carries on)",
       "system (a hội quán has no legal status)", C::kFailedPrecondition,
       "Hội quán chỉ chuyển thành THT hoặc HTX một lần; sau đó không ghi nhận gì thêm (THT hay HTX "
       "mới tiếp tục)"},
      // --- end of group and hall rules ---
      // --- programmes and plans (CLASS-xx, OCOP-xx, GRANT-xx, PLACE-xx, PLAN-xx): add below ---
      {"CLASS-01", "A class is recorded once", "system", C::kFailedPrecondition,
       "Mỗi lớp chỉ ghi nhận một lần"},
      {"CLASS-02", "A class ends on or after its start, and its event's date is a day of the class",
       "system", C::kInvalidArgument,
       "Lớp kết thúc vào hoặc sau ngày bắt đầu, và ngày của sự kiện là một ngày của lớp"},
      {"CLASS-03", "A class has at least one participant", "system", C::kInvalidArgument,
       "Lớp có ít nhất một người tham dự"},
      {"OCOP-01",
       "A product is enrolled once; it is rated or expires only after it was enrolled, never on "
       "a date before its enrolment",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kFailedPrecondition,
       "Sản phẩm đăng ký một lần; chỉ được đánh giá hay hết hạn sau khi đăng ký, không vào ngày "
       "trước ngày đăng ký"},
      {"OCOP-02",
       "A product is enrolled for a programme year from 2018 (the first OCOP programme) to the "
       "year after its enrolment",
       "Decision 490/QĐ-TTg (2018); Decision 148/2023/QĐ-TTg", C::kInvalidArgument,
       "Sản phẩm đăng ký cho một năm chương trình từ 2018 (chương trình OCOP đầu tiên) đến năm sau "
       "năm đăng ký"},
      {"OCOP-03",
       "A score is 0-100 (fractions allowed) and the stars match it: 3 for 50-<70, 4 for 70-<90, "
       "5 for 90-100; below 50 the product is not recognised and has 0 stars",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kInvalidArgument,
       "Điểm từ 0 đến 100 (có thể lẻ) và số sao khớp với điểm: 3 sao 50-<70, 4 sao 70-<90, 5 sao "
       "90-100; dưới 50 điểm sản phẩm không được công nhận, 0 sao"},
      {"OCOP-04",
       "5 stars are recognised only at central level, 3-4 stars only by a district or a "
       "province; no district decision is dated from 1 July 2025 (districts abolished)",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kInvalidArgument,
       "5 sao chỉ do trung ương công nhận, 3-4 sao chỉ do huyện hoặc tỉnh; không có quyết định cấp "
       "huyện từ ngày 01/7/2025 (bỏ cấp huyện)"},
      {"OCOP-05",
       "A rating is dated by its decision; a recognition is valid 36 months from the decision "
       "date (expires_on = decision date + 36 months); a score below 50 has no expiry",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kInvalidArgument,
       "Đánh giá mang ngày của quyết định; công nhận có hiệu lực 36 tháng kể từ ngày quyết định; "
       "điểm dưới 50 không có hạn"},
      {"OCOP-06",
       "Only a recognised product expires, once, on or after its expires_on; after expiry only a "
       "re-rating is recorded; a re-rating is dated after the rating it replaces",
       "Decision 148/2023/QĐ-TTg, changed by Decision 1489/2025", C::kFailedPrecondition,
       "Chỉ sản phẩm đã được công nhận mới hết hạn, một lần, vào hoặc sau ngày hết hạn; sau khi "
       "hết hạn chỉ ghi nhận đánh giá lại; đánh giá lại mang ngày sau lần đánh giá nó thay thế"},
      {"GRANT-01", "A support grant is recorded once", "system", C::kFailedPrecondition,
       "Mỗi khoản hỗ trợ chỉ ghi nhận một lần"},
      {"GRANT-02",
       "A support grant names its type (the 2023 law's support list), its funding source and its "
       "recipient, a cooperative or a cooperative group",
       "Law 17/2023/QH15 Arts. 20-28", C::kInvalidArgument,
       "Khoản hỗ trợ nêu loại hỗ trợ (danh mục hỗ trợ của Luật 2023), nguồn kinh phí và đối tượng "
       "nhận là một HTX hoặc một THT"},
      {"GRANT-03", "A support grant gives an amount in VND, something in kind, or both", "system",
       C::kInvalidArgument, "Khoản hỗ trợ có số tiền, hiện vật, hoặc cả hai"},
      {"PLACE-01", "A graduate is placed once; a placement ends only while it runs, once", "system",
       C::kFailedPrecondition,
       "Mỗi cán bộ trẻ chỉ được ghi nhận về làm việc một lần; chỉ kết thúc khi đang làm việc, một "
       "lần"},
      {"PLACE-02",
       "A placement starts on its event's date and ends on its ending event's date, after the "
       "start",
       "system", C::kInvalidArgument,
       "Việc làm bắt đầu vào ngày của sự kiện và kết thúc vào ngày của sự kiện kết thúc, sau ngày "
       "bắt đầu"},
      {"PLACE-03", "A placement's planned term is at least one month", "system",
       C::kInvalidArgument, "Thời hạn dự kiến ít nhất một tháng"},
      {"PLACE-04",
       "A placement names the graduate by an opaque reference: no names, e-mail addresses, ID or "
       "phone numbers in the log",
       "Decree 13/2023/NĐ-CP (personal data protection)", C::kInvalidArgument,
       "Cán bộ trẻ được nêu bằng mã tham chiếu: không có họ tên, thư điện tử, số định danh hay số "
       "điện thoại trong nhật ký"},
      {"PLAN-01", "A plan is for a year from 2000 to the year after the plan's date", "system",
       C::kInvalidArgument, "Kế hoạch cho một năm từ 2000 đến năm sau ngày lập kế hoạch"},
      {"PLAN-02", "A plan sets at least one target, and each indicator at most once", "system",
       C::kInvalidArgument, "Kế hoạch có ít nhất một chỉ tiêu, và mỗi chỉ tiêu nhiều nhất một lần"},
      {"PLAN-03", "Every event of a plan names the plan's area and year", "system",
       C::kFailedPrecondition, "Mọi sự kiện của kế hoạch nêu đúng địa bàn và năm của kế hoạch"},
      // --- end of programme and plan rules ---
      // --- personal data (domain/person/, vault/, services/people_service.h) ---
      {"PERSON-01",
       "An erasure of a person's details gives its ground, in words (at most 500 bytes, no "
       "personal data)",
       "Decree 13/2023/NĐ-CP Art. 16 (deletion of personal data)", C::kInvalidArgument,
       "Việc xoá dữ liệu cá nhân nêu căn cứ bằng lời (nhiều nhất 500 byte, không chứa dữ liệu cá "
       "nhân)"},
      {"PERSON-02", "A person is named by a person_ref, a UUID the vault gave", "system",
       C::kInvalidArgument,
       "Một người được nêu bằng mã tham chiếu (UUID) do kho dữ liệu cá nhân cấp"},
      {"PERSON-03", "Only a person the vault knows, or has erased (a retry), is erased", "system",
       C::kNotFound,
       "Chỉ xoá dữ liệu của người có trong kho dữ liệu cá nhân, hoặc đã bị xoá (khi gửi lại lệnh)"},
      {"PERSON-04", "A person's details are erased once", "system", C::kFailedPrecondition,
       "Dữ liệu cá nhân của một người chỉ bị xoá một lần"},
      {"PERSON-05",
       "An erasure is permanent: the erased person's details are never recorded or changed "
       "again under the same person_ref, and the erasure is not voided or amended",
       "Decree 13/2023/NĐ-CP Art. 16 (deletion of personal data)", C::kFailedPrecondition,
       "Việc xoá là vĩnh viễn: không ghi nhận hay sửa lại thông tin của người đã bị xoá dưới cùng "
       "mã tham chiếu, và không hủy bỏ hay sửa đổi việc xoá"},
      // --- links between records (domain/links/link_rules.h) ---
      {"LINK-01",
       "A record a fact names (a cooperative, group or hall) has been recorded; otherwise record "
       "it first (an import retries such a line after the others)",
       "system", C::kNotFound,
       "Hồ sơ mà sự kiện nêu (HTX, THT hay hội quán) đã được ghi nhận; nếu chưa, ghi nhận nó trước "
       "(khi nhập tệp, dòng đó được thử lại sau các dòng khác)"},
      {"LINK-02",
       "A grant's recipient, an OCOP product's cooperative and a placement's cooperative existed "
       "on the event's date and had not ended",
       "Law 17/2023/QH15 Arts. 20-28; Decision 148/2023/QĐ-TTg", C::kFailedPrecondition,
       "Đối tượng nhận hỗ trợ, HTX của sản phẩm OCOP và HTX nhận cán bộ trẻ tồn tại vào ngày của "
       "sự kiện và chưa chấm dứt"},
      {"LINK-03", "A class names only cooperatives registered by its last day", "system",
       C::kFailedPrecondition, "Lớp chỉ nêu các HTX đã đăng ký đến ngày cuối của lớp"},
      {"LINK-04",
       "A group's conversion in its pinned order: first the cooperative's registration names a "
       "living registered group whose certificate is at least 12 months old, that has not "
       "converted and that no other live cooperative names as its origin; then the group's "
       "conversion names that cooperative",
       "Law 17/2023/QH15 Art. 107", C::kFailedPrecondition,
       "Chuyển đổi THT theo thứ tự cố định: trước hết HTX đăng ký nêu một THT đang hoạt động, đã "
       "đăng ký, có giấy chứng nhận ít nhất 12 tháng, chưa chuyển đổi và chưa được HTX nào khác "
       "nêu làm nguồn gốc; sau đó THT chuyển đổi nêu HTX đó"},
      {"LINK-05",
       "A hall's formalisation in its pinned order: first the group or cooperative names a "
       "founded hall not yet formalised and named as origin by no other live record; then the "
       "hall's formalisation names that record",
       "system", C::kFailedPrecondition,
       "Hội quán chuyển đổi theo thứ tự cố định: trước hết THT hoặc HTX nêu một hội quán đã thành "
       "lập, chưa chuyển đổi và chưa được hồ sơ nào khác nêu làm nguồn gốc; sau đó hội quán nêu hồ "
       "sơ đó"},
      {"LINK-06",
       "A reorganisation's predecessors are alive on the successor's registration date; the "
       "successors a reorganisation names exist and are alive, and one registered by "
       "reorganisation names the predecessor",
       "Law 17/2023/QH15 (reorganisation)", C::kFailedPrecondition,
       "Các HTX trước tổ chức lại còn hoạt động vào ngày đăng ký HTX kế thừa; các HTX kế thừa mà "
       "việc tổ chức lại nêu tồn tại và đang hoạt động, và HTX đăng ký do tổ chức lại nêu HTX "
       "trước đó"},
      {"CORR-01", "A correction names an event of the same stream", "system", C::kNotFound,
       "Sửa chữa nêu một sự kiện của cùng dòng sự kiện"},
      {"CORR-02", "An event is voided at most once, and a voided event is not amended", "system",
       C::kFailedPrecondition,
       "Mỗi sự kiện bị hủy nhiều nhất một lần, và sự kiện đã hủy không được sửa"},
      {"CORR-03", "A correction is not itself corrected (correct the original again instead)",
       "system", C::kFailedPrecondition, "Không sửa một bản sửa chữa (hãy sửa lại sự kiện gốc)"},
      // CORR-04 ("the creating event is never voided") is retired: voiding it withdraws the
      // record (CORR-09, CORR-10). Its id is not reused.
      {"CORR-05",
       "A correction gives its reason; an amendment's replacement is not empty, names its type "
       "(replacement_type), which is the corrected event's, and parses as it",
       "system", C::kInvalidArgument,
       "Sửa chữa nêu lý do; nội dung thay thế không rỗng, nêu loại của nó (replacement_type) trùng "
       "với loại sự kiện được sửa, và đọc được theo loại đó"},
      {"CORR-06",
       "A correction is dated on or after the event it corrects (and, as every command, not "
       "after today)",
       "system", C::kInvalidArgument,
       "Sửa chữa mang ngày vào hoặc sau ngày của sự kiện được sửa (và như mọi lệnh, không sau hôm "
       "nay)"},
      {"CORR-07",
       "An amendment keeps the record's identity (a creating event keeps the stream's id) and "
       "records, as a command, one event of the corrected type with as many companions as the "
       "original command",
       "system", C::kInvalidArgument,
       "Sửa đổi giữ nguyên danh tính hồ sơ (sự kiện tạo hồ sơ giữ mã của dòng sự kiện) và, xét như "
       "một lệnh, ghi một sự kiện cùng loại với số sự kiện đi kèm như lệnh gốc"},
      {"CORR-09",
       "A record made in error is withdrawn by voiding the event that created it, only when no "
       "live record names it (OCOP products, grants, placements, a converted group, a formalised "
       "hall, reorganisation's other parties); the refusal lists them. A code reservation is "
       "not corrected by itself: it is released with its cooperative's withdrawal",
       "system", C::kFailedPrecondition,
       "Hồ sơ nhập nhầm được rút bỏ bằng cách hủy sự kiện tạo ra nó, chỉ khi không còn hồ sơ đang "
       "hiệu lực nào nêu nó (sản phẩm OCOP, khoản hỗ trợ, cán bộ trẻ, THT đã chuyển đổi, hội quán "
       "đã chuyển đổi, các bên của việc tổ chức lại)"},
      {"CORR-10",
       "Nothing is recorded or corrected for a withdrawn record, and its id is not created again "
       "(a withdrawn cooperative's code is released for a new registration)",
       "system", C::kFailedPrecondition,
       "Không ghi nhận hay sửa gì cho hồ sơ đã rút bỏ, và mã của nó không được tạo lại (mã số của "
       "HTX đã rút bỏ được trả lại cho đăng ký mới)"},
      {"CORR-08",
       "A correction leaves every later command of the stream allowed: none that the rules "
       "accepted before it is refused after it",
       "system", C::kFailedPrecondition,
       "Sửa chữa không làm cho lệnh nào sau đó của dòng sự kiện, vốn được chấp nhận, trở thành bị "
       "từ chối"},
  };
  return kRules;
}

const Rule& FindRule(std::string_view id) {
  for (const auto& rule : RuleTable()) {
    if (rule.id == id) return rule;
  }
  std::abort();  // a decider cited a rule that is not in the table: a programming error
}

absl::Status Violation(std::string_view id, const std::string& field, const std::string& detail) {
  const Rule& rule = FindRule(id);
  return absl::Status(rule.code, absl::StrCat("[", std::string(id), "] ", field, ": ", detail));
}

}  // namespace coop::domain
