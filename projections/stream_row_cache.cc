#include "projections/stream_row_cache.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace coop::projections {
namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;

// CooperativeRegistryStream's `events` (field 1, length-delimited).
constexpr uint32_t kEventsTag = (1 << 3) | 2;

// The last element of a stream row's bytes, parsed; false if the bytes are malformed.
// `*found` is false for a row without events.
bool ParseLastEvent(const std::string& bytes, coop::v1::RecordedEvent* last, bool* found) {
  CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                         static_cast<int>(bytes.size()));
  int last_begin = -1;
  uint32_t last_length = 0;
  while (const uint32_t tag = input.ReadTag()) {
    if (tag == kEventsTag) {
      if (!input.ReadVarint32(&last_length)) return false;
      last_begin = input.CurrentPosition();
      if (!input.Skip(static_cast<int>(last_length))) return false;
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      return false;
    }
  }
  if (input.CurrentPosition() != static_cast<int>(bytes.size())) return false;  // a bad tag
  *found = last_begin >= 0;
  return !*found || last->ParseFromArray(bytes.data() + last_begin, static_cast<int>(last_length));
}

// Whether a field of RecordedEvent with this tag is one this build knows: a known number, with
// the wire type its type is written with (else protobuf's parse holds it as an unknown field).
// The answers for the numbers RecordedEvent uses are worked out once.
bool IsKnownField(uint32_t tag) {
  using google::protobuf::FieldDescriptor;
  constexpr int kTabled = 64;
  struct Table {
    // Bit w of accepted[n]: wire type w is that of field n (0: no field n).
    uint8_t accepted[kTabled] = {};
    Table() {
      for (int number = 1; number < kTabled; ++number) accepted[number] = Accepted(number);
    }
    static uint8_t Accepted(int number) {
      const FieldDescriptor* field =
          coop::v1::RecordedEvent::descriptor()->FindFieldByNumber(number);
      if (field == nullptr) return 0;
      uint8_t bits = uint8_t{1} << WireFormatLite::WireTypeForFieldType(
                         static_cast<WireFormatLite::FieldType>(field->type()));
      if (field->is_packable()) bits |= uint8_t{1} << WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
      return bits;
    }
  };
  static const Table kTable;
  const uint32_t number = tag >> 3;
  const uint8_t accepted =
      number < kTabled ? kTable.accepted[number] : Table::Accepted(static_cast<int>(number));
  return (accepted >> (tag & 7)) & 1;
}

// Appends to `row` one element of `events` holding the fields of `encoded` (a serialized
// RecordedEvent) but those numbered in `dropped` and those this build does not know. Protobuf
// writes the fields in number order, and each field's bytes do not depend on the others:
// leaving out the dropped ones gives the bytes of a copy with those fields cleared. `scratch`
// is working space.
void AppendKeptFields(std::string_view encoded, const std::vector<int>& dropped,
                      std::string* scratch, std::string* row) {
  scratch->clear();
  CodedInputStream input(reinterpret_cast<const uint8_t*>(encoded.data()),
                         static_cast<int>(encoded.size()));
  // Consecutive kept fields are copied together: [run_begin, field_begin) is kept, not copied.
  int run_begin = 0;
  int field_begin = 0;
  while (const uint32_t tag = input.ReadTag()) {
    // (An unknown group, which a parse keeps, is skipped whole.)
    if (!WireFormatLite::SkipField(&input, tag)) {
      break;  // not possible for bytes that parsed
    }
    const int field_end = input.CurrentPosition();
    const int number = static_cast<int>(tag >> 3);
    if (std::find(dropped.begin(), dropped.end(), number) != dropped.end() || !IsKnownField(tag)) {
      scratch->append(encoded.data() + run_begin, static_cast<size_t>(field_begin - run_begin));
      run_begin = field_end;
    }
    field_begin = field_end;
  }
  // Whatever did not parse (nothing, for bytes that parsed) is kept, not lost.
  scratch->append(encoded.data() + run_begin, encoded.size() - static_cast<size_t>(run_begin));
  uint8_t header[1 + 5];  // the tag, and a length of at most five bytes
  header[0] = static_cast<uint8_t>(kEventsTag);
  const uint8_t* header_end =
      CodedOutputStream::WriteVarint32ToArray(static_cast<uint32_t>(scratch->size()), header + 1);
  row->append(reinterpret_cast<const char*>(header), static_cast<size_t>(header_end - header));
  row->append(*scratch);
}

}  // namespace

void AppendKeptEvent(const coop::v1::RecordedEvent& event, const std::vector<int>& dropped,
                     std::string* scratch, std::string* row) {
  // Fields this build does not know (coopd writes none) are not kept: AppendKeptFields leaves
  // them out.
  std::string encoded;
  event.AppendToString(&encoded);
  AppendKeptFields(encoded, dropped, scratch, row);
}

void AppendStoredEvent(std::string_view stored_bytes, const std::vector<int>& dropped,
                       std::string* scratch, std::string* row) {
  AppendKeptFields(stored_bytes, dropped, scratch, row);
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
                                    const coop::v1::RecordedEvent& event,
                                    std::string_view stored_bytes) {
  auto row = Load(writer, key);
  if (!row.ok()) return row.status();
  (*row)->appended.push_back(&event);
  (*row)->appended_stored.push_back(stored_bytes);
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
    coop::v1::RecordedEvent last;
    bool found = false;
    if (!ParseLastEvent(row.bytes, &last, &found)) {
      return absl::DataLossError(absl::StrCat("unreadable stream row ", key));
    }
    if (found) {
      row.last_version = last.stream_version();
      row.last_position = last.position();
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

absl::Status StreamRowCache::FinishPage(ProjectionWriter& writer, uint64_t last_position) {
  for (auto& [key, row] : rows_) {
    if (row.appended.empty()) continue;
    const size_t stored_size = row.bytes.size();
    for (size_t i = 0; i < row.appended.size(); ++i) {
      if (row.appended_stored[i].empty()) {
        AppendKeptEvent(*row.appended[i], dropped_, &scratch_, &row.bytes);
      } else {
        AppendStoredEvent(row.appended_stored[i], dropped_, &scratch_, &row.bytes);
      }
    }
    // Only the page's events are written: the row as stored is `bytes` up to `stored_size`.
    if (auto st = writer.Append(key, std::string_view(row.bytes).substr(stored_size)); !st.ok()) {
      rows_.clear();  // the rows held no longer match what the batch holds
      return st;
    }
    row.last_version = row.appended.back()->stream_version();
    row.last_position = row.appended.back()->position();
    row.tail_known = true;
    row.appended.clear();
    row.appended_stored.clear();
  }
  if (rows_.size() > max_rows_) rows_.clear();
  next_position_ = last_position + 1;
  return absl::OkStatus();
}

}  // namespace coop::projections
