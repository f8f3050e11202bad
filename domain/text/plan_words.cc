#include "domain/text/plan_words.h"

namespace coop::domain::text {
namespace {

struct Entry {
  coop::v1::PlanIndicator indicator;
  IndicatorWords words;
};

const Entry kEntries[] = {
    {coop::v1::NEW_COOPERATIVES,
     {{"HTX thành lập mới", "New HTX"},
      {"vận động thành lập mới", "HTX", ""},
      {"found", "new HTX", ""}}},
    {coop::v1::NEW_GROUPS,
     {{"THT thành lập mới", "New THT"}, {"thành lập mới", "THT", ""}, {"form", "new THT", ""}}},
    {coop::v1::COOPERATIVES_AT_TRADE_FAIRS,
     {{"HTX tham gia hội chợ xúc tiến thương mại", "HTX at trade fairs"},
      {"", "HTX", "tham gia hội chợ xúc tiến thương mại"},
      {"have", "HTX", "attend trade fairs"}}},
    {coop::v1::COOPERATIVES_IN_OCOP,
     {{"HTX tham gia chương trình OCOP", "HTX in the OCOP programme"},
      {"", "HTX", "tham gia chương trình OCOP"},
      {"have", "HTX", "join the OCOP programme"}}},
    {coop::v1::TRAINING_CLASSES,
     {{"Lớp tập huấn, tuyên truyền (mọi loại)", "Classes (every kind)"},
      {"mở", "lớp tập huấn, tuyên truyền", ""},
      {"hold", "classes", "", "class"}}},
    {coop::v1::TECHNOLOGY_GRANTS,
     {{"Hỗ trợ khoa học, công nghệ", "Science and technology grants"},
      {"hỗ trợ", "lượt ứng dụng khoa học, công nghệ", ""},
      {"give", "science and technology grants", "", "science and technology grant"}}},
    {coop::v1::MODEL_COOPERATIVES,
     {{"Mô hình HTX điểm", "Model HTX"},
      {"xây dựng", "mô hình HTX điểm", ""},
      {"build", "model HTX", ""}}},
    {coop::v1::GRADUATES_PLACED,
     {{"Cán bộ trẻ về làm việc tại HTX", "Young graduates placed at HTX"},
      {"giới thiệu", "cán bộ trẻ tốt nghiệp đại học, cao đẳng", "về làm việc tại HTX"},
      {"place", "young university or college graduates", "at HTX",
       "young university or college graduate"}}},
    {coop::v1::HALLS_KEPT,
     {{"Hội quán duy trì hoạt động", "Hội quán kept"},
      {"duy trì", "hội quán", ""},
      {"keep", "hội quán", ""}}},
    {coop::v1::NEW_UNIONS,
     {{"LHHTX thành lập mới", "New unions (LHHTX)"},
      {"thành lập mới", "LHHTX", ""},
      {"found", "new unions (LHHTX)", "", "new union (LHHTX)"}}},
    {coop::v1::PROPAGANDA_CLASSES,
     {{"Lớp tuyên truyền về KTTT", "Propaganda classes"},
      {"mở", "lớp tuyên truyền về kinh tế tập thể", ""},
      {"hold", "propaganda classes on the collective economy", "",
       "propaganda class on the collective economy"}}},
    {coop::v1::VOCATIONAL_CLASSES,
     {{"Lớp truyền nghề", "Vocational classes"},
      {"mở", "lớp truyền nghề", ""},
      {"hold", "vocational classes", "", "vocational class"}}},
    {coop::v1::STATE_MANAGEMENT_CLASSES,
     {{"Lớp tập huấn bồi dưỡng quản lý nhà nước về KTTT", "State-management training classes"},
      {"mở", "lớp tập huấn bồi dưỡng kiến thức quản lý nhà nước về kinh tế tập thể", ""},
      {"hold", "state-management training classes on the collective economy", "",
       "state-management training class on the collective economy"}}},
    {coop::v1::OCOP_PRODUCTS_RATED,
     {{"Sản phẩm OCOP được công nhận từ 3 sao", "OCOP products rated 3★ or more"},
      {"có", "sản phẩm", "được công nhận đạt chuẩn OCOP từ 3 sao"},
      {"have", "products", "rated 3★ or more under OCOP", "product"}}},
    {coop::v1::SUPPORT_GRANTS,
     {{"Lượt hỗ trợ HTX, THT", "Support grants"},
      {"hỗ trợ", "lượt HTX, THT", ""},
      {"give", "support grants", "", "support grant"}}},
    {coop::v1::COOPERATIVES_RATED_GOOD_OR_FAIR,
     {{"HTX xếp loại Khá, Tốt", "HTX rated Khá or Tốt"},
      {"có", "HTX", "được đánh giá xếp loại Khá, Tốt"},
      {"have", "HTX", "rated Khá or Tốt"}}},
    {coop::v1::NEW_HALLS,
     {{"Hội quán thành lập mới", "New hội quán"},
      {"thành lập", "mô hình hội quán", ""},
      {"found", "hội quán", ""}}},
};

}  // namespace

const IndicatorWords* WordsOf(coop::v1::PlanIndicator indicator) {
  for (const auto& entry : kEntries) {
    if (entry.indicator == indicator) return &entry.words;
  }
  return nullptr;
}

}  // namespace coop::domain::text
