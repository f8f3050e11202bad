// Given a request's bytes as they arrive, when their text is checked before parsing, then a
// string field that is not valid UTF-8 is refused naming the field by its path (COMMON-05),
// and bytes that are no message of the type are refused as such.
#include "domain/common/wire_text.h"

#include <gtest/gtest.h>

#include <string>

#include "coop/v1/registry.pb.h"

namespace coop::domain {
namespace {

// A registration whose name is "HTX Quyết Thắng" and whose second business line is "lúa".
coop::v1::RegisterCooperativeRequest Registration() {
  coop::v1::RegisterCooperativeRequest request;
  request.mutable_header()->set_command_id("6f9619ff-8b86-d011-b42d-00c04fc964ff");
  auto* r = request.mutable_registration();
  r->set_name("HTX Quyết Thắng");
  r->add_business_lines("rau");
  r->add_business_lines("lúa");
  return request;
}

// The request's bytes with the first occurrence of `text` replaced by bytes of the same length.
std::string WireWith(const std::string& text, const std::string& replacement) {
  std::string wire = Registration().SerializeAsString();
  const size_t at = wire.find(text);
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(text.size(), replacement.size());
  return wire.replace(at, text.size(), replacement);
}

const google::protobuf::Descriptor& Type() {
  return *coop::v1::RegisterCooperativeRequest::descriptor();
}

TEST(WireTextTest, GivenValidTextWhenCheckedThenOk) {
  EXPECT_TRUE(CheckWireText(Type(), Registration().SerializeAsString()).ok());
  EXPECT_TRUE(CheckWireText(Type(), "").ok());  // every field at its default
}

TEST(WireTextTest, GivenANameThatIsNotUtf8WhenCheckedThenItsPathAndByteAreNamed) {
  // "Quyết" keeps its length: "\xE1\xBA\xBF" (ế) becomes a lead byte without continuations.
  const absl::Status st = CheckWireText(Type(), WireWith("\xE1\xBA\xBF", "\xE1(("));
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "[COMMON-05] registration.name: is not valid UTF-8 (byte 8)");
}

TEST(WireTextTest, GivenARepeatedFieldWhenOneItemIsNotUtf8ThenItsIndexIsNamed) {
  const absl::Status st = CheckWireText(Type(), WireWith("l\xC3\xBA", "l\xC3\xFF"));
  EXPECT_EQ(st.message(),
            "[COMMON-05] registration.business_lines[1]: is not valid UTF-8 (byte 2)");
}

TEST(WireTextTest, GivenSurrogatesOrOverlongFormsWhenCheckedThenTheyAreNotUtf8) {
  // U+D800 encoded as UTF-8, and "/" in an overlong two-byte form: protobuf refuses both.
  EXPECT_FALSE(CheckWireText(Type(), WireWith("\xE1\xBA\xBF", "\xED\xA0\x80")).ok());
  EXPECT_FALSE(CheckWireText(Type(), WireWith("rau", "r\xC0\xAF")).ok());
}

TEST(WireTextTest, GivenBytesThatAreNoMessageWhenCheckedThenTheTypeIsNamed) {
  const std::string wire = Registration().SerializeAsString();
  for (const std::string& broken :
       {wire.substr(0, wire.size() - 2), std::string("\x0a\x7f\x01", 3), std::string("\xff"),
        std::string("\x0c", 1) /* an end-group tag with no group */}) {
    const absl::Status st = CheckWireText(Type(), broken);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(st.message(),
              "RegisterCooperativeRequest: the bytes are not a valid protocol buffer message of "
              "this type");
  }
}

TEST(WireTextTest, GivenAFieldThisBuildDoesNotKnowWhenCheckedThenItIsSkipped) {
  // Field 99, length-delimited, bytes that are not UTF-8: protobuf keeps it as unknown.
  std::string wire = Registration().SerializeAsString();
  wire += std::string("\x9a\x06\x02\xff\xfe", 5);
  EXPECT_TRUE(CheckWireText(Type(), wire).ok());
  coop::v1::RegisterCooperativeRequest parsed;
  EXPECT_TRUE(parsed.ParseFromString(wire));
}

}  // namespace
}  // namespace coop::domain
