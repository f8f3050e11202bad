#include "verify/log_replay.h"

namespace coop::verify {

LinkProblem LogReplay::Add(const coop::v1::RecordedEvent& event) {
  const LinkProblem problem = link_.Next(event);
  if (problem == LinkProblem::kNone) tree_.Append(link_.leaf_hash(), {});
  return problem;
}

}  // namespace coop::verify
