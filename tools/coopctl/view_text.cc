#include "tools/coopctl/view_text.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/field_text.h"
#include "tools/coopctl/report_text.h"
#include "tools/coopctl/text_table.h"

namespace coop::coopctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string FieldLabel(const FieldDescriptor* field) {
  std::string label = field->name();
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

std::string FieldValue(const Message& view, const FieldDescriptor* field, int index,
                       Language language) {
  if (index < 0 && field->cpp_type() == FieldDescriptor::CPPTYPE_INT64 &&
      absl::EndsWith(field->name(), "_vnd")) {
    return CountText(view.GetReflection()->GetInt64(view, field), language);
  }
  return DescribeFieldValue(view, field, index);
}

std::string Members(int64_t members, Language language) {
  return absl::StrCat(CountText(members, language),
                      Say(language, " thành viên", members == 1 ? " member" : " members"));
}

}  // namespace

std::string FormatView(const Message& view, Language language) {
  std::vector<const FieldDescriptor*> fields;
  view.GetReflection()->ListFields(view, &fields);
  TextTable table;
  for (const FieldDescriptor* field : fields) {
    if (!field->is_repeated()) {
      std::string value = FieldValue(view, field, -1, language);
      if (!value.empty())
        table.AddRow({FieldLabel(field), std::move(value)});  // not empty messages
      continue;
    }
    const int size = view.GetReflection()->FieldSize(view, field);
    for (int i = 0; i < size; ++i) {
      table.AddRow({i == 0 ? FieldLabel(field) : "", FieldValue(view, field, i, language)});
    }
  }
  return table.Render();
}

std::string FormatCooperativeList(const std::vector<coop::v1::CooperativeView>& views,
                                  Language language) {
  TextTable table;
  for (const auto& view : views) {
    table.AddRow({view.cooperative_id(), view.code().empty() ? "-" : view.code(), view.status(),
                  AreaText(view.address(), language), view.name()});
  }
  return table.Render();
}

std::string FormatGroupList(const std::vector<coop::v1::GroupView>& views, Language language) {
  TextTable table({TextTable::kLeft, TextTable::kLeft, TextTable::kLeft, TextTable::kRight});
  for (const auto& view : views) {
    table.AddRow({view.group_id(), view.status(), AreaText(view.address(), language),
                  Members(view.members(), language), view.name()});
  }
  return table.Render();
}

std::string FormatHallList(const std::vector<coop::v1::HallView>& views, Language language) {
  TextTable table({TextTable::kLeft, TextTable::kLeft, TextTable::kLeft, TextTable::kRight});
  for (const auto& view : views) {
    table.AddRow({view.hall_id(), view.status(), AreaText(view.address(), language),
                  Members(view.members(), language), view.name()});
  }
  return table.Render();
}

}  // namespace coop::coopctl
