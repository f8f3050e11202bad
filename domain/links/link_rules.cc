#include "domain/links/link_rules.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "domain/cooperative/cooperative_calendar.h"

namespace coop::domain {
namespace {

std::string Named(const Link& link) {
  return absl::StrCat(LinkedKindName(link.kind), " ", link.id);
}

// The record existed on the link's day: recorded on or before it.
absl::Status RecordedBy(const Link& link, const NamedRecord& named, std::string_view rule) {
  if (named.created_on <= link.on) return absl::OkStatus();
  return Violation(rule, link.field,
                   absl::StrCat(Named(link), " was recorded on ", FormatDate(named.created_on),
                                ", after ", FormatDate(link.on)));
}

// The record existed on the link's day and had not ended by it.
absl::Status AliveOn(const Link& link, const NamedRecord& named, std::string_view rule) {
  if (auto st = RecordedBy(link, named, rule); !st.ok()) return st;
  if (named.cooperative.has_value() && IsTerminal(named.cooperative->status)) {
    const auto& c = *named.cooperative;
    return Violation(
        rule, link.field,
        absl::StrCat(Named(link), " was ", CooperativeStatusName(c.status), " on ",
                     FormatDate(link.on), " (since ", FormatDate(c.status_since),
                     *c.status_rule != '\0' ? absl::StrCat(", ", c.status_rule) : "", ")"));
  }
  if (named.group.has_value() && IsTerminal(named.group->status)) {
    return Violation(
        rule, link.field,
        absl::StrCat(Named(link), " was ", GroupStatusName(named.group->status), " on ",
                     FormatDate(link.on), " (since ", FormatDate(named.group->ended_on), ")"));
  }
  return absl::OkStatus();
}

absl::Status GroupToConvert(const Link& link, const NamedRecord& named,
                            const std::string& cooperative_id) {
  // Already converted to this very cooperative (an amendment of its registration).
  if (named.group.has_value() && named.group->cooperative_id == cooperative_id) {
    return absl::OkStatus();
  }
  if (auto st = AliveOn(link, named, "LINK-04"); !st.ok()) return st;
  const GroupState& g = *named.group;
  if (!g.registered || AddMonths(g.certificate_date, 12) > link.on) {
    return Violation("LINK-04", link.field,
                     absl::StrCat(Named(link),
                                  g.registered ? absl::StrCat("'s certificate of ",
                                                              FormatDate(g.certificate_date),
                                                              " is less than 12 months old")
                                               : " has no registration certificate",
                                  " (GROUP-12)"));
  }
  if (!g.cooperative_id.empty()) {
    return Violation(
        "LINK-04", link.field,
        absl::StrCat(Named(link), " already converted to cooperative ", g.cooperative_id));
  }
  return absl::OkStatus();
}

absl::Status ConvertedCooperative(const Link& link, const NamedRecord& named,
                                  const std::string& group_id) {
  if (auto st = RecordedBy(link, named, "LINK-04"); !st.ok()) return st;
  const CooperativeState& c = *named.cooperative;
  if (c.origin != coop::v1::ORIGIN_CONVERTED_FROM_GROUP || c.origin_group_id != group_id) {
    return Violation("LINK-04", link.field,
                     absl::StrCat(Named(link), " was not registered as converted from group ",
                                  group_id, ": register the cooperative first, naming the group"));
  }
  return absl::OkStatus();
}

absl::Status HallToFormalise(const Link& link, const NamedRecord& named,
                             const std::string& record_id) {
  if (auto st = RecordedBy(link, named, "LINK-05"); !st.ok()) return st;
  const HallState& h = *named.hall;
  if (!h.new_aggregate_id.empty() && h.new_aggregate_id != record_id) {
    return Violation("LINK-05", link.field,
                     absl::StrCat(Named(link), " was already formalised as ", h.new_aggregate_id));
  }
  return absl::OkStatus();
}

absl::Status FormalisedRecord(const Link& link, const NamedRecord& named,
                              const std::string& hall_id) {
  if (auto st = RecordedBy(link, named, "LINK-05"); !st.ok()) return st;
  const std::string& origin =
      named.group.has_value() ? named.group->origin_hall_id : named.cooperative->origin_hall_id;
  if (origin != hall_id) {
    return Violation("LINK-05", link.field,
                     absl::StrCat(Named(link), " does not name hall ", hall_id,
                                  " as its origin: record it first, naming the hall"));
  }
  return absl::OkStatus();
}

absl::Status Successor(const Link& link, const NamedRecord& named,
                       const std::string& predecessor_id) {
  if (auto st = AliveOn(link, named, "LINK-06"); !st.ok()) return st;
  const CooperativeState& c = *named.cooperative;
  if (c.origin == coop::v1::ORIGIN_REORGANISATION &&
      std::find(c.predecessor_ids.begin(), c.predecessor_ids.end(), predecessor_id) ==
          c.predecessor_ids.end()) {
    return Violation("LINK-06", link.field,
                     absl::StrCat(Named(link), " was registered by reorganisation without naming ",
                                  predecessor_id, " among its predecessors"));
  }
  return absl::OkStatus();
}

}  // namespace

const char* LinkedKindName(LinkedKind kind) {
  switch (kind) {
    case LinkedKind::kCooperative:
      return "cooperative";
    case LinkedKind::kGroup:
      return "cooperative group";
    case LinkedKind::kHall:
      return "community hall";
  }
  return "record";
}

absl::Status CheckLink(const Link& link, const NamedRecord& named, const std::string& self_id) {
  if (link.id.empty()) {
    return Violation("COMMON-03", link.field,
                     absl::StrCat("is required: name the ", LinkedKindName(link.kind)));
  }
  if (!named.recorded) {
    return Violation("LINK-01", link.field, absl::StrCat("no ", Named(link), " is recorded"));
  }
  switch (link.need) {
    case LinkNeed::kAlive:
      return AliveOn(link, named, "LINK-02");
    case LinkNeed::kRegisteredBy:
      return RecordedBy(link, named, "LINK-03");
    case LinkNeed::kGroupToConvert:
      return GroupToConvert(link, named, self_id);
    case LinkNeed::kConvertedCooperative:
      return ConvertedCooperative(link, named, self_id);
    case LinkNeed::kHallToFormalise:
      return HallToFormalise(link, named, self_id);
    case LinkNeed::kFormalisedRecord:
      return FormalisedRecord(link, named, self_id);
    case LinkNeed::kPredecessor: {
      // Ended by the reorganisation that names this successor (an amendment of its
      // registration), it was alive when the successor was registered.
      const auto& successors = named.cooperative.has_value() ? named.cooperative->successor_ids
                                                             : std::vector<std::string>{};
      if (std::find(successors.begin(), successors.end(), self_id) != successors.end()) {
        return RecordedBy(link, named, "LINK-06");
      }
      return AliveOn(link, named, "LINK-06");
    }
    case LinkNeed::kSuccessor:
      return Successor(link, named, self_id);
  }
  return absl::OkStatus();
}

}  // namespace coop::domain
