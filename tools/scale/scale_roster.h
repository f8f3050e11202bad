// LinkRoster: the cooperatives, groups and halls of the entity being written, as the link
// checks of the command path (domain/links) need them. The command executor looks a named
// record up in the log; the generator decides one entity at a time before anything reaches
// the store, so it looks it up here instead, with the same fold (domain/links/
// named_record_fold.h) and the same rules. Every link the generator writes names a record of
// the same entity (a cooperative's OCOP products, grants and placements; a group and the
// cooperative it converts to; a hall and the group it becomes), so the roster is cleared
// between entities and memory stays bounded.
//
// Internal to tools/scale. Not thread-safe (the generator writes from one thread).
#ifndef COOPLEDGER_TOOLS_SCALE_SCALE_ROSTER_H_
#define COOPLEDGER_TOOLS_SCALE_SCALE_ROSTER_H_

#include <map>
#include <string>
#include <type_traits>

#include "absl/time/civil_time.h"
#include "domain/links/named_record_fold.h"
#include "domain/links/record_links.h"

namespace coop::scale {

class LinkRoster {
 public:
  // Keeps an event decided for record `id` of `Aggregate` (nothing for records no link names).
  template <typename Aggregate>
  void Learn(const std::string& id, absl::CivilDay day, const typename Aggregate::Event& event) {
    if constexpr (std::is_same_v<Aggregate, domain::CooperativeAggregate>) {
      cooperatives_[id].emplace_back(day, event);
    } else if constexpr (std::is_same_v<Aggregate, domain::GroupAggregate>) {
      groups_[id].emplace_back(day, event);
    } else if constexpr (std::is_same_v<Aggregate, domain::HallAggregate>) {
      halls_[id].emplace_back(day, event);
    }
  }
  // Drops the last event kept for record `id` (voided as entered in error).
  template <typename Aggregate>
  void ForgetLast(const std::string& id) {
    if constexpr (std::is_same_v<Aggregate, domain::CooperativeAggregate>) {
      if (auto it = cooperatives_.find(id); it != cooperatives_.end() && !it->second.empty()) {
        it->second.pop_back();
      }
    }
  }

  // The record `link` names, as of the link's day; not recorded if the roster has no event of
  // it.
  domain::NamedRecord LookUp(const domain::Link& link) const {
    switch (link.kind) {
      case domain::LinkedKind::kCooperative:
        return Fold<domain::CooperativeAggregate>(cooperatives_, link);
      case domain::LinkedKind::kGroup:
        return Fold<domain::GroupAggregate>(groups_, link);
      case domain::LinkedKind::kHall:
        return Fold<domain::HallAggregate>(halls_, link);
    }
    return domain::NamedRecord{};
  }

  // Forgets every record: the next entity begins.
  void Clear() {
    cooperatives_.clear();
    groups_.clear();
    halls_.clear();
  }

 private:
  template <typename Aggregate>
  using Records = std::map<std::string, domain::DatedEvents<typename Aggregate::Event>>;

  template <typename Aggregate>
  static domain::NamedRecord Fold(const Records<Aggregate>& records, const domain::Link& link) {
    auto it = records.find(link.id);
    if (it == records.end()) return domain::NamedRecord{};
    return domain::FoldNamedRecord<Aggregate>(it->second, link.on);
  }

  Records<domain::CooperativeAggregate> cooperatives_;
  Records<domain::GroupAggregate> groups_;
  Records<domain::HallAggregate> halls_;
};

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_ROSTER_H_
