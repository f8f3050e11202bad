// The places the scale history uses, drawn from the reference data (domain/areas): every
// commune of the 2025-03 list with its district and province, every commune of the 2025-07
// list with its province, and the successor of a 2025-03 commune for re-addressing.
// Built once; immutable afterwards, so const methods are thread-safe.
#ifndef COOPLEDGER_TOOLS_SCALE_SCALE_AREAS_H_
#define COOPLEDGER_TOOLS_SCALE_SCALE_AREAS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "coop/v1/event.pb.h"
#include "tools/scale/scale_dice.h"

namespace coop::scale {

// A commune and the units above it, in one unit set. `district` is empty in 2025-07.
struct Place {
  coop::v1::Area commune;
  coop::v1::Area district;
  coop::v1::Area province;
};

class ScaleAreas {
 public:
  // Built from the embedded reference catalogues on first use.
  static const ScaleAreas& Get();

  // A commune in the unit set in force on `day`.
  const Place& CommuneOn(absl::CivilDay day, Dice& dice) const;
  const std::vector<Place>& communes_2025_03() const { return old_; }
  const std::vector<Place>& communes_2025_07() const { return new_; }
  // The 2025-03 districts that have communes (`commune` is the first of them), and the
  // 2025-07 provinces (only `province` set).
  const std::vector<Place>& districts_2025_03() const { return districts_; }
  const std::vector<Place>& provinces_2025_07() const { return provinces_new_; }
  // The place of `area` (a commune of either set), or nullptr.
  const Place* Find(const coop::v1::Area& area) const;
  // A 2025-07 commune that the 2025-03 commune `old_code` went into: the single (or single
  // full) successor, else one of several drawn by `dice`; nullopt if it has none.
  std::optional<Place> SuccessorOf(const coop::v1::Area& old_commune, Dice& dice) const;

 private:
  ScaleAreas();
  std::vector<Place> old_, new_, districts_, provinces_new_;
  absl::flat_hash_map<std::string, size_t> old_index_, new_index_;  // commune code → index
};

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_AREAS_H_
