#include "tests/support/event_builders.h"

#include "base/uuid.h"

namespace coop::testing {
namespace {
coop::v1::ExpectedVersion Kind(coop::v1::ExpectedVersion::Kind kind) {
  coop::v1::ExpectedVersion e;
  e.set_kind(kind);
  return e;
}
}  // namespace

coop::v1::ExpectedVersion Any() { return Kind(coop::v1::ExpectedVersion::ANY); }
coop::v1::ExpectedVersion NoStream() { return Kind(coop::v1::ExpectedVersion::NO_STREAM); }
coop::v1::ExpectedVersion StreamExists() { return Kind(coop::v1::ExpectedVersion::STREAM_EXISTS); }
coop::v1::ExpectedVersion Exact(uint64_t version) {
  auto e = Kind(coop::v1::ExpectedVersion::EXACT);
  e.set_version(version);
  return e;
}

coop::v1::AppendRequest AppendMessage(const std::string& stream_id,
                                      const google::protobuf::Message& payload,
                                      const std::string& occurred_on, const coop::v1::Area& area) {
  coop::v1::AppendRequest request;
  auto* stream = request.add_streams();
  stream->set_stream_id(stream_id);
  *stream->mutable_expected() = Any();
  auto* e = stream->add_events();
  e->set_event_id(base::NewRandomUuid());
  e->set_type(payload.GetDescriptor()->full_name());
  e->set_schema_version(1);
  e->set_payload(payload.SerializeAsString());
  e->set_occurred_on(occurred_on);
  *e->mutable_area() = area;
  return request;
}

coop::v1::ProposedEvent NewEvent(const std::string& payload) {
  coop::v1::ProposedEvent e;
  e.set_event_id(base::NewRandomUuid());
  e.set_type("test.v1.Happened");
  e.set_schema_version(1);
  e.set_payload(payload);
  return e;
}

void AddStream(coop::v1::AppendRequest* request, const std::string& stream_id,
               const coop::v1::ExpectedVersion& expected, int count) {
  auto* stream = request->add_streams();
  stream->set_stream_id(stream_id);
  *stream->mutable_expected() = expected;
  for (int i = 0; i < count; ++i) *stream->add_events() = NewEvent();
}

coop::v1::AppendRequest AppendTo(const std::string& stream_id,
                                 const coop::v1::ExpectedVersion& expected, int count) {
  coop::v1::AppendRequest request;
  AddStream(&request, stream_id, expected, count);
  return request;
}

}  // namespace coop::testing
