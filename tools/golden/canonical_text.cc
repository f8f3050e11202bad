#include "tools/golden/canonical_text.h"

#include <google/protobuf/text_format.h>

#include "absl/strings/ascii.h"

namespace coop::golden {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsExcluded(const FieldDescriptor* field) {
  for (const auto& excluded : ExcludedFields()) {
    if (field->full_name() == excluded.full_name) return true;
  }
  return false;
}

google::protobuf::TextFormat::Printer OneLinePrinter() {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);  // Vietnamese names as they read, not octal escapes
  return printer;
}

}  // namespace

const std::vector<ExcludedField>& ExcludedFields() {
  static const auto* const fields = new std::vector<ExcludedField>{
      {"coop.v1.AnnualStatisticsReply.position",
       "vị trí nhật ký mà số liệu phản ánh: đầu nhật ký lúc kết xuất, không phải một chỉ số",
       "the log position the figures reflect: the log head when dumped, not a figure"},
      {"coop.v1.CooperativeView.position",
       "vị trí của sự kiện cuối cùng của HTX trong nhật ký: các luồng được ghi xen kẽ khác nhau "
       "mỗi lần (dữ liệu mẫu ghi song song)",
       "the log position of the cooperative's last event: streams interleave differently on "
       "every run (the demo records in parallel)"},
      {"coop.v1.StatusChange.position", "vị trí nhật ký của sự kiện đổi trạng thái: như trên",
       "the log position of the event that changed the status: likewise"},
  };
  return *fields;
}

void ClearExcluded(Message* message) {
  const Reflection* reflection = message->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (IsExcluded(field)) {
      reflection->ClearField(message, field);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(*message, field); ++i) {
          ClearExcluded(reflection->MutableRepeatedMessage(message, field, i));
        }
      } else {
        ClearExcluded(reflection->MutableMessage(message, field));
      }
    }
  }
}

std::string SingleLine(const Message& message) {
  std::string text;
  OneLinePrinter().PrintToString(message, &text);
  return std::string(absl::StripTrailingAsciiWhitespace(text));
}

std::string FieldValueText(const Message& message, const FieldDescriptor* field) {
  std::string text;
  OneLinePrinter().PrintFieldValueToString(message, field, -1, &text);
  return text;
}

}  // namespace coop::golden
