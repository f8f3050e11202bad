// CooperativeFold: a cooperative's view built one event at a time. The registry's fold of a
// stream (CooperativeRegistryProjection::FoldEffectiveRefs) feeds it every event that counts;
// the registry also keeps folds between pages (KeptFolds, kept_folds.h) and feeds a kept one
// only the stream's new events, so a cooperative touched in many pages is not re-folded from
// its first event each time.
//
// Add takes events that count (corrections already applied: domain/common/stream_corrections.h)
// in stream order; events of other types are skipped. View is what folding those events gives,
// without version and position (the caller sets them from the stream).
//
// A plain value: copyable; not thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_COOPERATIVE_FOLD_H_
#define COOPLEDGER_PROJECTIONS_COOPERATIVE_FOLD_H_

#include <optional>
#include <string>
#include <vector>

#include "coop/v1/eventstore.pb.h"
#include "coop/v1/reporting.pb.h"
#include "domain/cooperative/cooperative_state.h"

namespace coop::projections {

class CooperativeFold {
 public:
  void Add(const coop::v1::RecordedEvent& recorded);
  coop::v1::CooperativeView View(const std::string& cooperative_id) const;

 private:
  domain::CooperativeState state_;
  int last_rating_year_ = 0;
  coop::v1::RatingGrade last_rating_grade_ = coop::v1::RATING_GRADE_UNSPECIFIED;
  std::string sector_;
  std::string origin_;
  std::string ended_on_;
  std::vector<coop::v1::StatusChange> history_;  // in stream order
  std::optional<coop::v1::InspectionSummary> inspection_;
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_COOPERATIVE_FOLD_H_
