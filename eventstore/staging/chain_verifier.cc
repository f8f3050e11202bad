#include "eventstore/staging/chain_verifier.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "eventstore/canonical.h"

namespace coop::eventstore {
namespace {

bool IsStoredEventId(const std::string& id) {
  return base::ParseUuid(id).has_value() && base::IsCanonicalUuidText(id);
}

}  // namespace

VerifyRange ClampVerifyRange(uint64_t from, uint64_t to, uint64_t head_position) {
  return {from == 0 ? 1 : from, to == 0 || to > head_position ? head_position : to};
}

coop::v1::VerifyLogResponse EmptyRangeVerified(const VerifyRange& range) {
  coop::v1::VerifyLogResponse response;
  response.set_verified_from(range.from);
  response.set_verified_to(range.to);
  response.set_ok(true);
  return response;
}

ChainVerifier::ChainVerifier(uint64_t from, uint64_t to, std::string prev_hash)
    : to_(to), expected_(from), prev_(std::move(prev_hash)) {
  response_.set_verified_from(from);
  response_.set_verified_to(to);
}

bool ChainVerifier::Fail(uint64_t position, std::string problem) {
  failed_ = true;
  response_.set_ok(false);
  response_.set_first_bad_position(position);
  response_.set_problem(std::move(problem));
  return false;
}

bool ChainVerifier::Next(uint64_t position, const coop::v1::RecordedEvent* event) {
  if (failed_) return false;
  if (position != expected_) {
    return Fail(expected_,
                absl::StrCat("event is missing (next stored position is ", position, ")"));
  }
  if (event == nullptr) return Fail(position, "stored bytes do not parse as an event");
  if (event->position() != position) {
    return Fail(position, absl::StrCat("stored under position ", position, " but says position ",
                                       event->position()));
  }
  // The canonical encoding keeps an id as its 16 bytes, not its text (any case, or 16 zero
  // bytes if it does not parse), so the hash alone does not pin the text readers compare. The
  // store writes every id in lower-case canonical form; any other text is a rewrite.
  if (!IsStoredEventId(event->event_id())) {
    return Fail(position, "event id is not a UUID in lower-case canonical form");
  }
  if (event->prev_hash() != prev_) {
    return Fail(position, "prev_hash does not match the hash of the event before it");
  }
  const std::string canonical = CanonicalEncoding(*event);
  if (ChainHash(prev_, canonical) != event->hash()) {
    return Fail(position, "hash does not match the event's content");
  }
  if (LeafHash(canonical) != event->leaf_hash()) {
    return Fail(position, "leaf_hash does not match the event's content");
  }
  if (event->recorded_at_micros() < last_recorded_) {
    return Fail(position, "recorded_at goes backwards");
  }
  last_recorded_ = event->recorded_at_micros();
  prev_ = event->hash();
  ++expected_;
  return true;
}

coop::v1::VerifyLogResponse ChainVerifier::Finish(const LogHead& head) {
  if (failed_) return response_;
  if (expected_ <= to_) {
    Fail(expected_, "event is missing");
    return response_;
  }
  if (to_ == head.position && prev_ != head.chain_hash) {
    Fail(to_, "chain head recorded in the log head differs from the last event's hash");
    return response_;
  }
  response_.set_ok(true);
  response_.set_chain_head(prev_);
  return response_;
}

}  // namespace coop::eventstore
