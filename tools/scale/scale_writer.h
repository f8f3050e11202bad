// HistoryWriter: what the parts of the scale history share — the record context, the sink,
// and the running statistics — and the functions that write each kind of entity.
// Internal to tools/scale. Not thread-safe.
#ifndef COOPLEDGER_TOOLS_SCALE_SCALE_WRITER_H_
#define COOPLEDGER_TOOLS_SCALE_SCALE_WRITER_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "tools/scale/scale_areas.h"
#include "tools/scale/scale_history.h"
#include "tools/scale/scale_recorder.h"
#include "tools/scale/scale_roster.h"

namespace coop::scale {

inline constexpr absl::CivilDay kFirstDay(2016, 1, 1);
inline constexpr absl::CivilDay kLastDay(2025, 12, 31);  // "today" for the deciders
inline constexpr absl::CivilDay kReform(2025, 7, 1);
inline constexpr absl::CivilDay kDecree77(2019, 11, 25);
inline constexpr absl::CivilDay kLaw2023(2024, 7, 1);

class HistoryWriter {
 public:
  HistoryWriter(const ScaleOptions& options, commands::StreamSink* sink);

  const RecordContext* context() const { return &context_; }
  // An entity begins: the roster forgets the records of the one before (scale_roster.h).
  void BeginEntity() { roster_.Clear(); }
  uint64_t seed() const { return context_.seed; }
  const ScaleAreas& areas() const { return areas_; }
  Dice DiceFor(const char* kind, uint64_t index) const { return Dice(seed(), kind, index); }
  std::string Id(const std::string& name) const { return ScaleUuid(seed(), name); }

  // Hands a finished stream to the sink (nothing if it is empty).
  absl::Status Emit(coop::v1::StreamAppend stream);
  template <typename Aggregate>
  absl::Status Emit(StreamRecorder<Aggregate>& recorder) {
    return Emit(recorder.Take());
  }

  // The second stream of a registration, as RegistryService adds it (COOP-16): the code's
  // reservation, with the event id after the registration command's `index` events.
  coop::v1::StreamAppend CodeReservation(const std::string& command_id,
                                         const std::string& cooperative_id, const std::string& code,
                                         absl::CivilDay day, int index) const;

  const GenerationStats& stats() const { return stats_; }

 private:
  LinkRoster roster_;
  RecordContext context_;
  commands::StreamSink* sink_;
  const ScaleAreas& areas_;
  GenerationStats stats_;
};

// One cooperative (or union) and its whole life, with the OCOP products, support grants
// and graduate placements that name it.
absl::Status WriteCooperative(HistoryWriter& writer, int64_t index, bool is_union);
// One cooperative group (THT), possibly converted to a cooperative at the end.
absl::Status WriteGroup(HistoryWriter& writer, int64_t index);
// One community hall (hội quán), possibly formalised as a THT.
absl::Status WriteHall(HistoryWriter& writer, int64_t index);
// A district's classes and annual plans over the ten years.
absl::Status WriteDistrictProgrammes(HistoryWriter& writer, const Place& district, int64_t index);
// A 2025-07 province's plan for 2026, set in December 2025.
absl::Status WriteProvincePlan(HistoryWriter& writer, const Place& province, int64_t index);

// What a group needs to start its life: WriteGroup draws it; a formalised hall gives it.
struct GroupStart {
  int64_t index = 0;  // for ids and dice
  std::string group_id;
  absl::CivilDay formed;
  coop::v1::Area address;
  std::string origin_hall_id;  // empty: a new group
  // Run once the formation is decided, before anything else of the group: the hall's
  // formalisation, which names the group (LINK-05's pinned order).
  std::function<absl::Status()> after_formed;
};
absl::Status WriteGroupLife(HistoryWriter& writer, const GroupStart& start);

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_WRITER_H_
