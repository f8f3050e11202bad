#include "commands/correction_check.h"

#include <vector>

namespace coop::commands {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The message an event union holds (its one member that is set), or the message itself.
const Message& MemberOf(const Message& message) {
  std::vector<const FieldDescriptor*> set;
  message.GetReflection()->ListFields(message, &set);
  if (set.size() == 1 && set[0]->containing_oneof() != nullptr &&
      set[0]->type() == FieldDescriptor::TYPE_MESSAGE) {
    return message.GetReflection()->GetMessage(message, set[0]);
  }
  return message;
}

}  // namespace

absl::Status CheckIdentityKept(const Message& original, const Message& replacement,
                               const std::string& aggregate_id) {
  const Message& before = MemberOf(original);
  const Message& after = MemberOf(replacement);
  if (before.GetDescriptor() != after.GetDescriptor()) {
    return domain::Violation("CORR-07", "replacement",
                             absl::StrCat("must be a ", before.GetDescriptor()->full_name()));
  }
  const auto* type = before.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->is_repeated() || field->type() != FieldDescriptor::TYPE_STRING) continue;
    if (before.GetReflection()->GetString(before, field) != aggregate_id) continue;
    const std::string kept = after.GetReflection()->GetString(after, field);
    if (kept != aggregate_id) {
      return domain::Violation(
          "CORR-07", "replacement." + field->name(),
          absl::StrCat("an amendment keeps the record's identity: ", aggregate_id, ", not '", kept,
                       "' (to record another one, void this and record it anew)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace coop::commands
