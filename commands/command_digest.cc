#include "commands/command_digest.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <memory>

#include "access/access_token.h"
#include "base/big_endian.h"

namespace coop::commands {

std::string CommandDigest(const google::protobuf::Message& request) {
  // A client that lost the reply may retry with the stream's version read again: the expected
  // version is how the command is applied, not what it says.
  std::unique_ptr<google::protobuf::Message> hashed(request.New());
  hashed->CopyFrom(request);
  const auto* header_field = hashed->GetDescriptor()->FindFieldByName("header");
  if (header_field != nullptr &&
      header_field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE &&
      hashed->GetReflection()->HasField(*hashed, header_field)) {
    auto* header = hashed->GetReflection()->MutableMessage(hashed.get(), header_field);
    if (const auto* expected = header->GetDescriptor()->FindFieldByName("expected_version")) {
      header->GetReflection()->ClearField(header, expected);
    }
  }
  std::string input;
  const std::string& type = request.GetDescriptor()->full_name();
  base::PutU32(&input, static_cast<uint32_t>(type.size()));
  input.append(type);
  {
    google::protobuf::io::StringOutputStream stream(&input);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    // Computes the sizes first: nested messages' lengths come from them.
    hashed->SerializePartialToCodedStream(&coded);
  }
  return access::Sha256Hex(input);
}

}  // namespace coop::commands
