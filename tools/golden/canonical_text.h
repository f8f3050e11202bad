// The canonical one-line text of a protobuf message for a golden dump: protobuf text format in
// field-number order, on one line, UTF-8 kept as it is, with the fields that legitimately vary
// between runs (log positions) cleared first. Every other field, including fields added to
// the messages later, counts. Pure functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_GOLDEN_CANONICAL_TEXT_H_
#define COOPLEDGER_TOOLS_GOLDEN_CANONICAL_TEXT_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>
#include <vector>

namespace coop::golden {

// A field a dump leaves out, and why (in Vietnamese, then English).
struct ExcludedField {
  const char* full_name;  // e.g. "coop.v1.CooperativeView.position"
  const char* why_vi;
  const char* why_en;
};
const std::vector<ExcludedField>& ExcludedFields();

// Clears the excluded fields of `message` and of every message inside it.
void ClearExcluded(google::protobuf::Message* message);

// `message` in protobuf text format on one line, without a trailing space (empty for an
// empty message).
std::string SingleLine(const google::protobuf::Message& message);

// One singular field's value as protobuf text format prints it (a double with 15 significant
// digits, or 17 where 15 would not read back exactly).
std::string FieldValueText(const google::protobuf::Message& message,
                           const google::protobuf::FieldDescriptor* field);

}  // namespace coop::golden

#endif  // COOPLEDGER_TOOLS_GOLDEN_CANONICAL_TEXT_H_
