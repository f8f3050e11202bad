// The programmes that name one cooperative: its OCOP products, the support grants it
// received and the graduates placed with it. Each is its own stream; they are written right
// after the cooperative's, while what they need of it (dates alive, address, sector) is at
// hand. Internal to tools/scale. Not thread-safe.
#ifndef COOPLEDGER_TOOLS_SCALE_SCALE_COOP_PROGRAMMES_H_
#define COOPLEDGER_TOOLS_SCALE_SCALE_COOP_PROGRAMMES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "coop/v1/event.pb.h"
#include "tools/scale/scale_writer.h"

namespace coop::scale {

struct CooperativeSummary {
  std::string id;
  absl::CivilDay registered;
  // The day dissolution started (nothing but its completion follows), or far in the future.
  absl::CivilDay ends = absl::CivilDay(9999, 12, 31);
  coop::v1::Area address;
  absl::CivilDay readdressed_on = absl::CivilDay(9999, 12, 31);
  coop::v1::Area new_address;  // from readdressed_on
  std::string sector;
  int quality = 50;  // 0–100: drives ratings and how often it takes part in programmes

  bool AliveOn(absl::CivilDay day) const { return day > registered && day < ends; }
  const coop::v1::Area& AddressOn(absl::CivilDay day) const {
    return day >= readdressed_on ? new_address : address;
  }
};

absl::Status WriteCooperativeProgrammes(HistoryWriter& writer, const CooperativeSummary& coop,
                                        int64_t index);

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_COOP_PROGRAMMES_H_
