#include "domain/common/wire_text.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>
#include <utf8proc.h>

#include <cstdint>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "domain/common/rules.h"

namespace coop::domain {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// protobuf's own default recursion limit.
constexpr int kMaxDepth = 100;

// The first byte (1-based) where `text` stops being valid UTF-8, or 0 if it is valid.
size_t FirstInvalidByte(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto length = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t at = 0; at < length;) {
    utf8proc_int32_t c = -1;
    const utf8proc_ssize_t used = utf8proc_iterate(bytes + at, length - at, &c);
    if (used <= 0 || c < 0) return static_cast<size_t>(at) + 1;
    at += used;
  }
  return 0;
}

class Walker {
 public:
  // Why the walk stopped: malformed bytes, or the path of a field that is not UTF-8.
  bool malformed = false;
  std::string bad_field;
  size_t bad_byte = 0;

  // Walks one message of `type` from `input` until its end; false once it finds a problem.
  bool Walk(const Descriptor& type, CodedInputStream* input, const std::string& prefix, int depth) {
    if (depth > kMaxDepth) return Malformed();
    std::map<int, int> seen;  // field number → occurrences so far, for repeated indexes
    while (true) {
      const uint32_t tag = input->ReadTag();
      if (tag == 0) return input->ConsumedEntireMessage() || Malformed();
      const int number = WireFormatLite::GetTagFieldNumber(tag);
      const auto wire_type = WireFormatLite::GetTagWireType(tag);
      const FieldDescriptor* field = type.FindFieldByNumber(number);
      const bool text = field != nullptr && field->type() == FieldDescriptor::TYPE_STRING;
      const bool nested = field != nullptr && field->type() == FieldDescriptor::TYPE_MESSAGE;
      if (wire_type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED || (!text && !nested)) {
        if (number == 0 || !WireFormatLite::SkipField(input, tag)) return Malformed();
        continue;
      }
      uint32_t length = 0;
      if (!input->ReadVarint32(&length) || length > INT32_MAX) return Malformed();
      std::string path = prefix + field->name();
      if (field->is_repeated() && !field->is_map()) {
        absl::StrAppend(&path, "[", seen[number]++, "]");
      }
      if (text) {
        std::string bytes;
        if (!input->ReadString(&bytes, static_cast<int>(length))) return Malformed();
        if (const size_t at = FirstInvalidByte(bytes); at != 0) return BadText(path, at);
        continue;
      }
      const auto limit = input->PushLimit(static_cast<int>(length));
      if (input->BytesUntilLimit() < static_cast<int>(length)) return Malformed();
      if (!Walk(*field->message_type(), input, path + ".", depth + 1)) return false;
      input->PopLimit(limit);
    }
  }

 private:
  bool Malformed() {
    malformed = true;
    return false;
  }

  bool BadText(const std::string& path, size_t at) {
    bad_field = path;
    bad_byte = at;
    return false;
  }
};

absl::Status Outcome(const google::protobuf::Descriptor& type, const Walker& walker) {
  if (!walker.bad_field.empty()) {
    return Violation("COMMON-05", walker.bad_field,
                     absl::StrCat("is not valid UTF-8 (byte ", walker.bad_byte, ")"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      type.name(), ": the bytes are not a valid protocol buffer message of this type"));
}

}  // namespace

absl::Status CheckWireText(const google::protobuf::Descriptor& type, absl::string_view wire) {
  Walker walker;
  if (wire.size() > static_cast<size_t>(INT32_MAX)) {
    walker.malformed = true;
    return Outcome(type, walker);
  }
  CodedInputStream input(reinterpret_cast<const uint8_t*>(wire.data()),
                         static_cast<int>(wire.size()));
  if (walker.Walk(type, &input, "", 0)) return absl::OkStatus();
  return Outcome(type, walker);
}

absl::Status CheckWireText(const google::protobuf::Descriptor& type,
                           google::protobuf::io::ZeroCopyInputStream* wire) {
  Walker walker;
  CodedInputStream input(wire);
  if (walker.Walk(type, &input, "", 0)) return absl::OkStatus();
  return Outcome(type, walker);
}

}  // namespace coop::domain
