// Every field and every enum value of every event type the services record, and of the
// messages they nest, has words in Vietnamese and in English that differ. Pure; no I/O.
#include "domain/text/field_words.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/person_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "coop/v1/plan_events.pb.h"

namespace coop::domain::text {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

void ExpectWords(const Bilingual* words, const std::string& what) {
  ASSERT_NE(words, nullptr) << what << " has no words";
  EXPECT_NE(std::string(words->vi), "") << what;
  EXPECT_NE(std::string(words->en), "") << what;
  EXPECT_NE(std::string(words->vi), std::string(words->en)) << what;
}

// Walks messages and the enums their fields use, each once, checking every field and every
// enum value but the zero (UNSPECIFIED) one.
class Walker {
 public:
  void Message(const Descriptor* message) {
    if (!visited_.insert(message->full_name()).second) return;
    for (int i = 0; i < message->field_count(); ++i) {
      const FieldDescriptor* field = message->field(i);
      ExpectWords(FieldWords(field->name()),
                  std::string(message->full_name()) + "." + std::string(field->name()));
      ++fields_;
      if (field->type() == FieldDescriptor::TYPE_MESSAGE) Message(field->message_type());
      if (field->type() == FieldDescriptor::TYPE_ENUM) Enum(field->enum_type());
    }
  }

  int fields() const { return fields_; }
  int enum_values() const { return enum_values_; }

 private:
  void Enum(const EnumDescriptor* type) {
    if (!visited_.insert(type->full_name()).second) return;
    for (int i = 0; i < type->value_count(); ++i) {
      if (type->value(i)->number() == 0) continue;
      ExpectWords(EnumValueWords(type->value(i)->name()),
                  std::string(type->full_name()) + "." + std::string(type->value(i)->name()));
      ++enum_values_;
    }
  }

  std::set<std::string> visited_;
  int fields_ = 0;
  int enum_values_ = 0;
};

TEST(FieldWordsTest, EveryFieldAndEnumValueOfEveryEventHasBothWords) {
  Walker walker;
  for (const auto* event_union :
       {coop::v1::CooperativeEvent::descriptor(), coop::v1::GroupEvent::descriptor(),
        coop::v1::HallEvent::descriptor(), coop::v1::ClassEvent::descriptor(),
        coop::v1::GrantEvent::descriptor(), coop::v1::OcopEvent::descriptor(),
        coop::v1::PlacementEvent::descriptor(), coop::v1::PlanEvent::descriptor(),
        coop::v1::PersonEvent::descriptor()}) {
    for (int i = 0; i < event_union->field_count(); ++i) {
      walker.Message(event_union->field(i)->message_type());
    }
  }
  for (const auto* other :
       {coop::v1::CooperativeCodeReserved::descriptor(),
        coop::v1::CooperativeCodeReleased::descriptor(), coop::v1::EventVoided::descriptor(),
        coop::v1::EventAmended::descriptor()}) {
    walker.Message(other);
  }
  // Message fields (a name shared by several messages counts once per message) and enum values.
  EXPECT_GE(walker.fields(), 170);
  EXPECT_GE(walker.enum_values(), 70);
}

TEST(FieldWordsTest, SpotChecks) {
  ASSERT_NE(FieldWords("charter_capital_vnd"), nullptr);
  EXPECT_EQ(FieldWords("charter_capital_vnd")->vi, std::string("vốn điều lệ"));
  EXPECT_EQ(FieldWords("charter_capital_vnd")->en, std::string("charter capital"));
  EXPECT_EQ(FieldWords("no_such_field"), nullptr);
  ASSERT_NE(EnumValueWords("COOPERATIVE_UNION"), nullptr);
  EXPECT_EQ(EnumValueWords("COOPERATIVE_UNION")->vi, std::string("liên hiệp HTX"));
  EXPECT_EQ(EnumValueWords("COOPERATIVE_KIND_UNSPECIFIED"), nullptr);
  EXPECT_EQ(EnumValueWords("charter_capital_vnd"), nullptr);
}

}  // namespace
}  // namespace coop::domain::text
