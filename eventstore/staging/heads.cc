#include "eventstore/staging/heads.h"

#include "eventstore/validation.h"

namespace coop::eventstore {

coop::v1::StreamInfo ToStreamInfo(const std::string& stream_id, const StreamHead& head) {
  coop::v1::StreamInfo info;
  info.set_stream_id(stream_id);
  info.set_version(head.version);
  info.set_first_position(head.first_position);
  info.set_last_position(head.last_position);
  info.set_created_at_micros(head.created_at_micros);
  info.set_last_recorded_at_micros(head.last_recorded_at_micros);
  info.set_category(std::string(StreamCategory(stream_id)));
  return info;
}

coop::v1::LogInfo ToLogInfo(const LogHead& head, Durability durability) {
  coop::v1::LogInfo info;
  info.set_head_position(head.position);
  info.set_chain_head(head.chain_hash);
  info.set_last_recorded_at_micros(head.last_recorded_at_micros);
  info.set_format_version(kCanonicalFormatVersion);
  info.set_durability(DurabilityName(durability));
  return info;
}

}  // namespace coop::eventstore
