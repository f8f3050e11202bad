#include "projections/stream_row_cache.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"

namespace coop::projections {
namespace {

// CooperativeRegistryStream's `events` (field 1, length-delimited).
constexpr char kEventsTag = (1 << 3) | 2;

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Reads a varint at `*p`; false if it runs past `end` or is longer than 10 bytes.
bool ReadVarint(const char** p, const char* end, uint64_t* value) {
  *value = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    const auto byte = static_cast<unsigned char>(*(*p)++);
    *value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// Moves `*p` past the value of a field of wire type `wire_type`; false if malformed.
bool SkipValue(const char** p, const char* end, uint64_t wire_type) {
  uint64_t length = 0;
  switch (wire_type) {
    case 0:
      return ReadVarint(p, end, &length);
    case 1:
      length = 8;
      break;
    case 2:
      if (!ReadVarint(p, end, &length)) return false;
      break;
    case 5:
      length = 4;
      break;
    default:
      return false;  // groups are not used by these messages
  }
  if (length > static_cast<uint64_t>(end - *p)) return false;
  *p += length;
  return true;
}

// The last element of a stream row's bytes, parsed; false if the bytes are malformed.
// `*found` is false for a row without events.
bool ParseLastEvent(const std::string& bytes, coop::v1::RecordedEvent* last, bool* found) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  const char* last_begin = nullptr;
  const char* last_end = nullptr;
  while (p < end) {
    uint64_t tag = 0;
    if (!ReadVarint(&p, end, &tag)) return false;
    if (tag == static_cast<uint64_t>(kEventsTag)) {
      uint64_t length = 0;
      if (!ReadVarint(&p, end, &length) || length > static_cast<uint64_t>(end - p)) return false;
      last_begin = p;
      last_end = p + length;
      p = last_end;
    } else if (!SkipValue(&p, end, tag & 7)) {
      return false;
    }
  }
  *found = last_begin != nullptr;
  return !*found || last->ParseFromArray(last_begin, static_cast<int>(last_end - last_begin));
}

// The wire type of each RecordedEvent field by number (-1: no such field), computed once.
constexpr int kMaxFieldNumber = 64;
std::array<int, kMaxFieldNumber> WireTypesByNumber() {
  std::array<int, kMaxFieldNumber> types;
  types.fill(-1);
  const auto* descriptor = coop::v1::RecordedEvent::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    if (field->number() >= kMaxFieldNumber || field->is_repeated()) continue;  // none is
    switch (field->type()) {
      case google::protobuf::FieldDescriptor::TYPE_STRING:
      case google::protobuf::FieldDescriptor::TYPE_BYTES:
      case google::protobuf::FieldDescriptor::TYPE_MESSAGE:
        types[field->number()] = 2;
        break;
      case google::protobuf::FieldDescriptor::TYPE_FIXED64:
      case google::protobuf::FieldDescriptor::TYPE_SFIXED64:
      case google::protobuf::FieldDescriptor::TYPE_DOUBLE:
        types[field->number()] = 1;
        break;
      case google::protobuf::FieldDescriptor::TYPE_FIXED32:
      case google::protobuf::FieldDescriptor::TYPE_SFIXED32:
      case google::protobuf::FieldDescriptor::TYPE_FLOAT:
        types[field->number()] = 5;
        break;
      default:
        types[field->number()] = 0;
    }
  }
  return types;
}

// Whether a field of a serialized event is one of RecordedEvent's own, not an unknown field
// (a number it does not have, or the wrong wire type).
bool IsKnownField(uint64_t number, uint64_t wire_type) {
  static const std::array<int, kMaxFieldNumber> types = WireTypesByNumber();
  return number < kMaxFieldNumber && types[number] == static_cast<int>(wire_type);
}

}  // namespace

void AppendKeptEvent(const coop::v1::RecordedEvent& event, const std::vector<int>& dropped,
                     std::string* scratch, std::string* row) {
  scratch->clear();
  event.AppendToString(scratch);
  // Serialization writes the known fields in number order, then any unknown ones, and each
  // field's bytes do not depend on the others: keeping the known fields but the dropped ones
  // gives the bytes of a copy with those fields cleared and no unknown field (coopd writes
  // none). They are kept in place, moved to the front.
  char* kept_end = scratch->data();
  const char* p = scratch->data();
  const char* end = p + scratch->size();
  while (p < end) {
    const char* field_begin = p;
    uint64_t tag = 0;
    if (!ReadVarint(&p, end, &tag) || !SkipValue(&p, end, tag & 7)) {
      // Not possible for bytes protobuf just wrote; keep the rest rather than lose it.
      std::memmove(kept_end, field_begin, static_cast<size_t>(end - field_begin));
      kept_end += end - field_begin;
      break;
    }
    const uint64_t number = tag >> 3;
    if (!IsKnownField(number, tag & 7) ||
        std::find(dropped.begin(), dropped.end(), static_cast<int>(number)) != dropped.end()) {
      continue;
    }
    const size_t size = static_cast<size_t>(p - field_begin);
    if (kept_end != field_begin) std::memmove(kept_end, field_begin, size);
    kept_end += size;
  }
  const size_t kept_size = static_cast<size_t>(kept_end - scratch->data());
  row->push_back(kEventsTag);
  AppendVarint(kept_size, row);
  row->append(scratch->data(), kept_size);
}

StreamRowCache::StreamRowCache(std::initializer_list<int> dropped, size_t max_rows)
    : dropped_(dropped), max_rows_(max_rows) {}

absl::StatusOr<StreamRowCache::Row*> StreamRowCache::Load(ProjectionWriter& writer,
                                                          const std::string& key) {
  auto it = rows_.find(key);
  if (it != rows_.end()) return &it->second;
  auto stored = writer.Get(key);
  if (!stored.ok()) return stored.status();
  Row& row = rows_[key];
  if (stored->has_value()) row.bytes = std::move(**stored);
  return &row;
}

absl::Status StreamRowCache::Append(ProjectionWriter& writer, const std::string& key,
                                    const coop::v1::RecordedEvent& event) {
  auto row = Load(writer, key);
  if (!row.ok()) return row.status();
  (*row)->appended.push_back(&event);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<const coop::v1::RecordedEvent*>> StreamRowCache::Events(
    ProjectionWriter& writer, const std::string& key) {
  auto loaded = Load(writer, key);
  if (!loaded.ok()) return loaded.status();
  Row& row = **loaded;
  if (row.parsed == nullptr) row.parsed = std::make_unique<coop::v1::CooperativeRegistryStream>();
  if (row.parsed_size < row.bytes.size()) {
    // The events kept since the last parse (all of them the first time), parsed as a read of
    // the row would parse them: not before they are asked for, as most rows are not again.
    google::protobuf::io::CodedInputStream input(
        reinterpret_cast<const uint8_t*>(row.bytes.data() + row.parsed_size),
        static_cast<int>(row.bytes.size() - row.parsed_size));
    // A stray end-group tag would end the parse early and still succeed: the whole tail must
    // be consumed.
    if (!row.parsed->MergeFromCodedStream(&input) || !input.ConsumedEntireMessage() ||
        input.CurrentPosition() != static_cast<int>(row.bytes.size() - row.parsed_size)) {
      row.parsed.reset();
      row.parsed_size = 0;
      return absl::DataLossError(absl::StrCat("unreadable stream row ", key));
    }
    row.parsed_size = row.bytes.size();
  }
  std::vector<const coop::v1::RecordedEvent*> events;
  events.reserve(row.parsed->events_size() + row.appended.size());
  for (const auto& event : row.parsed->events()) events.push_back(&event);
  events.insert(events.end(), row.appended.begin(), row.appended.end());
  return events;
}

absl::StatusOr<StreamRowCache::Tail> StreamRowCache::TailOf(ProjectionWriter& writer,
                                                            const std::string& key) {
  auto loaded = Load(writer, key);
  if (!loaded.ok()) return loaded.status();
  Row& row = **loaded;
  if (!row.tail_known) {
    if (row.parsed != nullptr && row.parsed_size == row.bytes.size()) {
      if (!row.parsed->events().empty()) {
        const auto& last = *row.parsed->events().rbegin();
        row.last_version = last.stream_version();
        row.last_position = last.position();
      }
    } else {
      coop::v1::RecordedEvent last;
      bool found = false;
      if (!ParseLastEvent(row.bytes, &last, &found)) {
        return absl::DataLossError(absl::StrCat("unreadable stream row ", key));
      }
      if (found) {
        row.last_version = last.stream_version();
        row.last_position = last.position();
      }
    }
    row.tail_known = true;
  }
  Tail tail;
  tail.stored_version = row.last_version;
  tail.stored_position = row.last_position;
  tail.appended = row.appended;
  return tail;
}

void StreamRowCache::BeginPage(uint64_t first_position) {
  if (first_position != next_position_) rows_.clear();
  next_position_ = 0;  // until FinishPage: a page that fails part-way is not followed on
}

void StreamRowCache::FinishPage(ProjectionWriter& writer, uint64_t last_position) {
  for (auto& [key, row] : rows_) {
    if (row.appended.empty()) continue;
    for (const auto* event : row.appended) {
      AppendKeptEvent(*event, dropped_, &scratch_, &row.bytes);
    }
    writer.Put(key, row.bytes);
    row.last_version = row.appended.back()->stream_version();
    row.last_position = row.appended.back()->position();
    row.tail_known = true;
    row.appended.clear();
  }
  if (rows_.size() > max_rows_) rows_.clear();
  next_position_ = last_position + 1;
}

}  // namespace coop::projections
