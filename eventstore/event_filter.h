// EventMatcher: decides whether a recorded event passes a coop.v1.EventFilter.
// Immutable after construction; thread-safe.
#ifndef COOPLEDGER_EVENTSTORE_EVENT_FILTER_H_
#define COOPLEDGER_EVENTSTORE_EVENT_FILTER_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "coop/v1/eventstore.pb.h"

namespace coop::eventstore {

class EventMatcher {
 public:
  EventMatcher() = default;  // matches everything
  explicit EventMatcher(const coop::v1::EventFilter& filter);

  bool MatchesAll() const { return types_.empty() && prefixes_.empty() && areas_.empty(); }
  bool Matches(const coop::v1::RecordedEvent& event) const;
  // The single area of the filter, if it has exactly one (the store then reads its index).
  const std::pair<std::string, std::string>* SingleArea() const;

 private:
  std::set<std::string> types_;
  std::vector<std::string> prefixes_;
  std::set<std::pair<std::string, std::string>> areas_;  // (unit_set, code)
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_EVENT_FILTER_H_
