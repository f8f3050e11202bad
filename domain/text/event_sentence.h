// A recorded event in one sentence, in Vietnamese or English: its title (event_titles.h), then
// every field its payload sets, in the words of field_words.h, values written the way the
// language writes them (number_format.h) and areas by their names (place_names.h):
//
//   Đăng ký thành lập HTX: mã số 2000123456, tên HTX Khánh An, vốn điều lệ 1 tỷ đồng,
//   thành viên (chính thức 9, liên kết góp vốn 2), địa chỉ xã Khánh An (32059)
//   Cooperative registered: code 2000123456, name HTX Khánh An, charter capital VND
//   1,000,000,000, members (official 9, associate contributing 2), address Khánh An Commune
//   (32059)
//
// An id field naming the event's own stream is left out (it says nothing the reader does not
// know). A person reference is followed by what the node knows of the person when given
// `people` (person_notes.h): "cán bộ trẻ <ref> (đã xoá dữ liệu cá nhân ngày 05/12/2026)". Long
// texts are cut at 60 characters ("…"). Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_EVENT_SENTENCE_H_
#define COOPLEDGER_DOMAIN_TEXT_EVENT_SENTENCE_H_

#include <google/protobuf/message.h>

#include <memory>
#include <string>

#include "coop/v1/event.pb.h"
#include "domain/text/language.h"
#include "domain/text/person_notes.h"

namespace coop::domain::text {

// The payload parsed as its event type, for the types the services record (those with a
// title); nullptr for another type or a payload that does not parse.
std::unique_ptr<google::protobuf::Message> DecodeEventPayload(const std::string& type,
                                                              const std::string& payload);

// What `payload` says, without the title: "mã số 2000123456, tên HTX Khánh An, …" ("" when it
// sets nothing). `stream_id`: the stream it belongs to, whose own id is left out.
std::string PayloadDetails(const google::protobuf::Message& payload, const std::string& stream_id,
                           Language language, const PersonNotes* people = nullptr);

// The title, then ": " and the details when there are any. An event of a type the services do
// not record reads as its type and the payload's size: "demo.v1.Noted (12 byte)".
std::string EventSentence(const coop::v1::RecordedEvent& event, Language language,
                          const PersonNotes* people = nullptr);

// Who recorded the event, from its metadata: "alice, đơn vị dpi-hanoi" / "alice for
// dpi-hanoi"; a caller without a name: "người dùng không tên qua coopctl" / "an unnamed caller
// via coopctl".
std::string RecordedBy(const coop::v1::EventMetadata& metadata, Language language);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_EVENT_SENTENCE_H_
