#include "eventstore/staging/chain_verifier.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace coop::eventstore {

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
    : to_(to), expected_(from), link_(from, std::move(prev_hash)) {
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
  const verify::LinkProblem problem = link_.Next(*event);
  if (problem != verify::LinkProblem::kNone) {
    return Fail(position, verify::LinkProblemText(problem, /*vietnamese=*/false));
  }
  ++expected_;
  return true;
}

coop::v1::VerifyLogResponse ChainVerifier::Finish(const LogHead& head) {
  if (failed_) return response_;
  if (expected_ <= to_) {
    Fail(expected_, "event is missing");
    return response_;
  }
  if (to_ == head.position && link_.chain_head() != head.chain_hash) {
    Fail(to_, "chain head recorded in the log head differs from the last event's hash");
    return response_;
  }
  response_.set_ok(true);
  response_.set_chain_head(link_.chain_head());
  return response_;
}

}  // namespace coop::eventstore
