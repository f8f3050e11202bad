#include "eventstore/validation.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"

namespace coop::eventstore {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

absl::Status Invalid(const std::string& field, const std::string& rule) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", rule));
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

absl::Status ValidateMetadataField(const std::string& field, const std::string& value,
                                   const Limits& limits) {
  if (value.size() > limits.max_metadata_field_bytes) {
    return Invalid(field, absl::StrCat("must be at most ", limits.max_metadata_field_bytes,
                                       " bytes, got ", value.size()));
  }
  return absl::OkStatus();
}

absl::Status ValidateArea(const std::string& field, const coop::v1::Area& area) {
  if (area.code().empty() && area.unit_set().empty()) return absl::OkStatus();
  if (area.code().empty() || area.unit_set().empty()) {
    return Invalid(field, "an area needs both code and unit_set");
  }
  for (char c : area.code()) {
    if (!IsAlnum(c)) return Invalid(absl::StrCat(field, ".code"), "must be letters or digits");
  }
  if (area.code().size() > 32) return Invalid(absl::StrCat(field, ".code"), "too long");
  for (char c : area.unit_set()) {
    if (!IsAlnum(c) && c != '-') {
      return Invalid(absl::StrCat(field, ".unit_set"), "must be letters, digits or '-'");
    }
  }
  if (area.unit_set().size() > 32) return Invalid(absl::StrCat(field, ".unit_set"), "too long");
  return absl::OkStatus();
}

}  // namespace

std::string_view StreamCategory(std::string_view stream_id) {
  size_t dash = stream_id.find('-');
  return dash == std::string_view::npos ? stream_id : stream_id.substr(0, dash);
}

absl::Status ValidateStreamId(const std::string& field, std::string_view id, const Limits& limits) {
  if (id.empty()) return Invalid(field, "must not be empty");
  if (id.size() > limits.max_stream_id_bytes) {
    return Invalid(field, absl::StrCat("must be at most ", limits.max_stream_id_bytes,
                                       " bytes, got ", id.size()));
  }
  if (!IsAlnum(id[0])) return Invalid(field, "must start with a letter or digit");
  for (char c : id) {
    if (!IsAlnum(c) && c != '.' && c != '_' && c != ':' && c != '@' && c != '-') {
      return Invalid(field, "may contain only letters, digits and . _ : @ -");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateEventType(const std::string& field, std::string_view type,
                               const Limits& limits) {
  if (type.empty()) return Invalid(field, "must not be empty");
  if (type.size() > limits.max_type_bytes) {
    return Invalid(field, absl::StrCat("must be at most ", limits.max_type_bytes, " bytes"));
  }
  bool segment_start = true;
  for (char c : type) {
    if (segment_start) {
      if (!IsAlpha(c)) {
        return Invalid(field,
                       "must be dotted segments each starting with a letter, e.g. "
                       "coop.v1.CooperativeRegistered");
      }
      segment_start = false;
    } else if (c == '.') {
      segment_start = true;
    } else if (!IsAlnum(c) && c != '_') {
      return Invalid(field, "may contain only letters, digits, '_' and '.'");
    }
  }
  if (segment_start) return Invalid(field, "must not end with '.'");
  return absl::OkStatus();
}

absl::Status ValidateDate(const std::string& field, std::string_view d) {
  auto digit = [&](size_t i) { return d[i] >= '0' && d[i] <= '9'; };
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return Invalid(field, "must be YYYY-MM-DD");
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!digit(i)) return Invalid(field, "must be YYYY-MM-DD");
  }
  int year = std::stoi(std::string(d.substr(0, 4)));
  int month = std::stoi(std::string(d.substr(5, 2)));
  int day = std::stoi(std::string(d.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || month < 1 || month > 12) return Invalid(field, "is not a calendar date");
  int max_day = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  if (day < 1 || day > max_day) return Invalid(field, "is not a calendar date");
  return absl::OkStatus();
}

absl::Status ValidateAppend(const coop::v1::AppendRequest& request, const Limits& limits) {
  if (request.streams().empty()) return Invalid("streams", "at least one stream is required");
  if (static_cast<size_t>(request.streams_size()) > limits.max_streams_per_append) {
    return absl::ResourceExhaustedError(
        absl::StrCat("streams: at most ", limits.max_streams_per_append, " streams per append"));
  }
  size_t total_events = 0;
  size_t total_bytes = 0;
  std::set<std::string> streams;
  std::set<std::string> ids;
  for (int s = 0; s < request.streams_size(); ++s) {
    const auto& stream = request.streams(s);
    const std::string sfield = absl::StrCat("streams[", s, "]");
    if (auto st = ValidateStreamId(absl::StrCat(sfield, ".stream_id"), stream.stream_id(), limits);
        !st.ok()) {
      return st;
    }
    if (!streams.insert(stream.stream_id()).second) {
      return Invalid(absl::StrCat(sfield, ".stream_id"),
                     absl::StrCat("stream '", stream.stream_id(), "' appears twice in one append"));
    }
    if (stream.events().empty())
      return Invalid(absl::StrCat(sfield, ".events"), "must not be empty");
    total_events += stream.events_size();
    if (total_events > limits.max_events_per_append) {
      return absl::ResourceExhaustedError(
          absl::StrCat("events: at most ", limits.max_events_per_append, " events per append"));
    }
    for (int e = 0; e < stream.events_size(); ++e) {
      const auto& event = stream.events(e);
      const std::string efield = absl::StrCat(sfield, ".events[", e, "]");
      const auto id = base::ParseUuid(event.event_id());
      if (!id) {
        return Invalid(absl::StrCat(efield, ".event_id"),
                       "must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
      }
      // Compared as bytes: the same id in upper and lower case is the same id.
      if (!ids.insert(base::UuidKey(*id)).second) {
        return Invalid(absl::StrCat(efield, ".event_id"),
                       absl::StrCat("id ", event.event_id(), " appears twice in one append"));
      }
      if (auto st = ValidateEventType(absl::StrCat(efield, ".type"), event.type(), limits);
          !st.ok()) {
        return st;
      }
      if (event.schema_version() == 0) {
        return Invalid(absl::StrCat(efield, ".schema_version"), "must be at least 1");
      }
      if (event.payload().size() > limits.max_payload_bytes) {
        return absl::ResourceExhaustedError(absl::StrCat(efield, ".payload: must be at most ",
                                                         limits.max_payload_bytes, " bytes, got ",
                                                         event.payload().size()));
      }
      if (!event.occurred_on().empty()) {
        if (auto st = ValidateDate(absl::StrCat(efield, ".occurred_on"), event.occurred_on());
            !st.ok()) {
          return st;
        }
      }
      if (auto st = ValidateArea(absl::StrCat(efield, ".area"), event.area()); !st.ok()) return st;
      const auto& m = event.metadata();
      for (const auto& [name, value] :
           {std::pair<const char*, const std::string*>{"actor", &m.actor()},
            {"agency", &m.agency()},
            {"correlation_id", &m.correlation_id()},
            {"causation_id", &m.causation_id()},
            {"client", &m.client()},
            {"principal", &m.principal()}}) {
        if (auto st =
                ValidateMetadataField(absl::StrCat(efield, ".metadata.", name), *value, limits);
            !st.ok()) {
          return st;
        }
      }
      total_bytes += event.ByteSizeLong();
    }
    if (!coop::v1::ExpectedVersion::Kind_IsValid(stream.expected().kind())) {
      // An unknown kind must not behave as ANY: it would append with no concurrency check.
      return Invalid(
          absl::StrCat(sfield, ".expected.kind"),
          absl::StrCat(stream.expected().kind(), " is not ANY, NO_STREAM, STREAM_EXISTS or EXACT"));
    }
    if (stream.expected().kind() == coop::v1::ExpectedVersion::EXACT) {
      // Any version is well-formed; 0 means "no stream".
    } else if (stream.expected().version() != 0) {
      return Invalid(absl::StrCat(sfield, ".expected.version"),
                     "may be set only when kind is EXACT");
    }
  }
  if (total_bytes > limits.max_append_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat("append: at most ", limits.max_append_bytes,
                                                     " bytes per append, got ", total_bytes));
  }
  return absl::OkStatus();
}

absl::Status ValidateFilter(const coop::v1::EventFilter& filter, const Limits& limits) {
  for (int i = 0; i < filter.event_types_size(); ++i) {
    if (auto st = ValidateEventType(absl::StrCat("filter.event_types[", i, "]"),
                                    filter.event_types(i), limits);
        !st.ok()) {
      return st;
    }
  }
  for (int i = 0; i < filter.areas_size(); ++i) {
    const std::string field = absl::StrCat("filter.areas[", i, "]");
    if (filter.areas(i).code().empty() || filter.areas(i).unit_set().empty()) {
      return Invalid(field, "an area filter needs both code and unit_set");
    }
    if (auto st = ValidateArea(field, filter.areas(i)); !st.ok()) return st;
  }
  return absl::OkStatus();
}

uint32_t ReadCount(uint32_t requested, const Limits& limits) {
  return requested == 0 || requested > limits.max_read_count ? limits.max_read_count : requested;
}

absl::Status ValidateDirection(const std::string& field, int direction) {
  if (coop::v1::Direction_IsValid(direction)) return absl::OkStatus();
  return Invalid(field, absl::StrCat(direction, " is not FORWARDS or BACKWARDS"));
}

}  // namespace coop::eventstore
