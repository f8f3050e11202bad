// How corrections change what a stream says: an EventVoided removes the event it names, an
// EventAmended replaces that event's payload (the latest amendment wins). The corrections
// themselves are not events of the aggregate. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_STREAM_CORRECTIONS_H_
#define COOPLEDGER_DOMAIN_COMMON_STREAM_CORRECTIONS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "coop/v1/event.pb.h"

namespace coop::domain {

bool IsCorrection(const coop::v1::RecordedEvent& event);

// A record withdrawn as made in error: the event that created it (the stream's first event that
// is not a correction) was voided. Then nothing of the stream counts (EffectiveEvents is empty),
// as known from the void's position on.
struct Withdrawal {
  std::string creating_event_id;
  std::string reason;       // the void's
  std::string occurred_on;  // the void's business date
  uint64_t position = 0;    // the void's log position
};
std::optional<Withdrawal> WithdrawalOf(const std::vector<const coop::v1::RecordedEvent*>& stream);
std::optional<Withdrawal> WithdrawalOf(const std::vector<coop::v1::RecordedEvent>& stream);
// CORR-10: FAILED_PRECONDITION for anything recorded or corrected for a withdrawn record (the
// `what` named `id`), its creation again included, naming the withdrawal.
absl::Status WithdrawnError(absl::string_view what, const std::string& id,
                            const Withdrawal& withdrawal);

// The stream's events as they count after its corrections, in stream order, without the
// corrections themselves; none for a withdrawn record.
std::vector<coop::v1::RecordedEvent> EffectiveEvents(
    const std::vector<coop::v1::RecordedEvent>& stream);
// The same without copying: pointers into the stream's events, or, for an amended event, to
// a copy with the replacement payload that `amended` owns (it must outlive the result).
std::vector<const coop::v1::RecordedEvent*> EffectiveEventRefs(
    const std::vector<const coop::v1::RecordedEvent*>& stream,
    std::vector<std::unique_ptr<coop::v1::RecordedEvent>>* amended);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_STREAM_CORRECTIONS_H_
