// A field of a view in plain words for `coopctl show`: one value decoded with the compiled-in
// descriptor of its message ("32059 (2025-03)", "official 9", enums as words). Pure
// functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_FIELD_TEXT_H_
#define COOPLEDGER_TOOLS_COOPCTL_FIELD_TEXT_H_

#include <google/protobuf/message.h>

#include <string>

namespace coop::coopctl {

// One value of a field of `message`; `index` < 0 for a singular field, else the repeated item.
// Nested messages read as their fields set ("(official 9, associate contributing 2)"); string
// fields ending in "_id" are given as they are.
std::string DescribeFieldValue(const google::protobuf::Message& message,
                               const google::protobuf::FieldDescriptor* field, int index);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_FIELD_TEXT_H_
