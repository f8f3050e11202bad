// How corrections change what a stream says: an EventVoided removes the event it names, an
// EventAmended replaces that event's payload (the latest amendment wins). The corrections
// themselves are not events of the aggregate. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_STREAM_CORRECTIONS_H_
#define COOPLEDGER_DOMAIN_COMMON_STREAM_CORRECTIONS_H_

#include <memory>
#include <vector>

#include "coop/v1/event.pb.h"

namespace coop::domain {

bool IsCorrection(const coop::v1::RecordedEvent& event);
// The stream's events as they count after its corrections, in stream order, without the
// corrections themselves.
std::vector<coop::v1::RecordedEvent> EffectiveEvents(
    const std::vector<coop::v1::RecordedEvent>& stream);
// The same without copying: pointers into the stream's events, or, for an amended event, to
// a copy with the replacement payload that `amended` owns (it must outlive the result).
std::vector<const coop::v1::RecordedEvent*> EffectiveEventRefs(
    const std::vector<const coop::v1::RecordedEvent*>& stream,
    std::vector<std::unique_ptr<coop::v1::RecordedEvent>>* amended);

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_STREAM_CORRECTIONS_H_
