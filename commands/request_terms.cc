#include "commands/request_terms.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace coop::commands {

using google::protobuf::FieldDescriptor;

RequestTerms::RequestTerms(const google::protobuf::Message& request,
                           const google::protobuf::Message& fact) {
  std::vector<const FieldDescriptor*> set;
  fact.GetReflection()->ListFields(fact, &set);
  if (set.size() != 1 || set[0]->type() != FieldDescriptor::TYPE_MESSAGE) return;
  member_ = set[0]->name();
  member_type_ = set[0]->message_type();
  const auto* type = request.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->message_type() == member_type_ && !field->is_repeated()) {
      request_field_ = field->name();
    }
    if (field->name() == "header") has_header_ = true;
  }
}

RequestTerms RequestTerms::ForField(const google::protobuf::Message& fact,
                                    std::string request_field) {
  RequestTerms terms;
  std::vector<const FieldDescriptor*> set;
  fact.GetReflection()->ListFields(fact, &set);
  if (set.size() != 1 || set[0]->type() != FieldDescriptor::TYPE_MESSAGE) return terms;
  terms.member_ = set[0]->name();
  terms.member_type_ = set[0]->message_type();
  terms.request_field_ = std::move(request_field);
  return terms;
}

absl::Status RequestTerms::Rewrite(const absl::Status& refusal) const {
  const absl::string_view message = refusal.message();
  // "[RULE-ID] path: detail"
  if (!absl::StartsWith(message, "[")) return refusal;
  const size_t rule_end = message.find("] ");
  if (rule_end == absl::string_view::npos) return refusal;
  const size_t path_start = rule_end + 2;
  const size_t path_end = message.find(": ", path_start);
  if (path_end == absl::string_view::npos) return refusal;
  const absl::string_view path = message.substr(path_start, path_end - path_start);
  const absl::string_view first = path.substr(0, path.find_first_of(".["));

  std::string rewritten;
  if (path == "occurred_on" && has_header_) {
    rewritten = "header.occurred_on";
  } else if (request_field_.empty() || member_type_ == nullptr) {
    return refusal;
  } else if (first == member_) {
    rewritten = absl::StrCat(request_field_, path.substr(first.size()));
  } else if (member_type_->FindFieldByName(std::string(first)) != nullptr) {
    rewritten = absl::StrCat(request_field_, ".", path);
  } else {
    return refusal;
  }
  return absl::Status(refusal.code(), absl::StrCat(message.substr(0, path_start), rewritten,
                                                   message.substr(path_end)));
}

}  // namespace coop::commands
