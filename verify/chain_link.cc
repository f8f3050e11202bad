#include "verify/chain_link.h"

#include <utility>

#include "base/uuid.h"
#include "verify/canonical.h"

namespace coop::verify {
namespace {

// The canonical encoding keeps an id as its 16 bytes, not its text (any case, or 16 zero
// bytes if it does not parse), so the hash alone does not pin the text readers compare. The
// store writes every id in lower-case canonical form; any other text is a rewrite.
bool IsStoredEventId(const std::string& id) {
  return base::ParseUuid(id).has_value() && base::IsCanonicalUuidText(id);
}

}  // namespace

const char* LinkProblemText(LinkProblem problem, bool vietnamese) {
  switch (problem) {
    case LinkProblem::kNone:
      return vietnamese ? "hợp lệ" : "valid";
    case LinkProblem::kWrongPosition:
      return vietnamese ? "sự kiện ghi một vị trí khác vị trí kế tiếp"
                        : "event says another position than the next one";
    case LinkProblem::kEventIdForm:
      return vietnamese ? "mã sự kiện không phải UUID dạng chuẩn chữ thường"
                        : "event id is not a UUID in lower-case canonical form";
    case LinkProblem::kPrevHash:
      return vietnamese ? "prev_hash không khớp với băm của sự kiện trước"
                        : "prev_hash does not match the hash of the event before it";
    case LinkProblem::kHash:
      return vietnamese ? "băm không khớp với nội dung sự kiện"
                        : "hash does not match the event's content";
    case LinkProblem::kLeafHash:
      return vietnamese ? "leaf_hash không khớp với nội dung sự kiện"
                        : "leaf_hash does not match the event's content";
    case LinkProblem::kRecordedAtBackwards:
      return vietnamese ? "thời điểm ghi lùi lại so với sự kiện trước"
                        : "recorded_at goes backwards";
  }
  return "?";
}

ChainLink::ChainLink(uint64_t next_position, std::string prev_hash, int64_t last_recorded_at_micros)
    : next_position_(next_position),
      prev_hash_(std::move(prev_hash)),
      last_recorded_at_(last_recorded_at_micros) {}

LinkProblem ChainLink::Next(const coop::v1::RecordedEvent& event) {
  if (event.position() != next_position_) return LinkProblem::kWrongPosition;
  if (!IsStoredEventId(event.event_id())) return LinkProblem::kEventIdForm;
  if (event.prev_hash() != prev_hash_) return LinkProblem::kPrevHash;
  const std::string canonical = CanonicalEncoding(event);
  if (ChainHash(prev_hash_, canonical) != event.hash()) return LinkProblem::kHash;
  std::string leaf = LeafHash(canonical);
  if (leaf != event.leaf_hash()) return LinkProblem::kLeafHash;
  if (event.recorded_at_micros() < last_recorded_at_) return LinkProblem::kRecordedAtBackwards;
  last_recorded_at_ = event.recorded_at_micros();
  prev_hash_ = event.hash();
  leaf_hash_ = std::move(leaf);
  ++next_position_;
  return LinkProblem::kNone;
}

}  // namespace coop::verify
