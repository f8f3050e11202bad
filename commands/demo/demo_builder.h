// Building blocks of the demo history: deterministic dice, demo ids, communes of Cà Mau in
// the unit set in force on a date, and the growing command list. Not thread-safe: one
// builder per history.
#ifndef COOPLEDGER_COMMANDS_DEMO_DEMO_BUILDER_H_
#define COOPLEDGER_COMMANDS_DEMO_DEMO_BUILDER_H_

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "commands/demo/demo_history.h"
#include "coop/v1/event.pb.h"
#include "domain/common/dates.h"

namespace coop::demo {

inline constexpr char kProvince[] = "96";  // Cà Mau
inline const absl::CivilDay kFirstDay(2015, 1, 1);
inline const absl::CivilDay kLastDay(2026, 6, 30);
inline const absl::CivilDay kReform(2025, 7, 1);

// std::mt19937_64 is specified exactly, and the draws below are hand-rolled, so no library's
// distribution algorithm changes the history.
class Dice {
 public:
  explicit Dice(uint64_t seed) : engine_(seed) {}
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(engine_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(int percent) { return Between(1, 100) <= percent; }
  absl::CivilDay DayBetween(absl::CivilDay first, absl::CivilDay last) {
    return first + Between(0, last - first);
  }

 private:
  std::mt19937_64 engine_;
};

// A name-based UUID in the demo's namespace: the same name, the same id, every run.
std::string DemoUuid(const std::string& name);
// The unit set in force on `day`, as text.
const char* UnitSetOn(absl::CivilDay day);
// A commune of Cà Mau in the unit set in force on `day`.
coop::v1::Area CommuneOn(absl::CivilDay day, Dice& dice);
// Cà Mau itself in the unit set in force on `day`.
coop::v1::Area ProvinceOn(absl::CivilDay day);
// A district of Cà Mau (before the reform) or the province (after), for district-level events.
coop::v1::Area DistrictOrProvinceOn(absl::CivilDay day, Dice& dice);

class CommandList {
 public:
  // Appends a command of `service` (e.g. "Registry") for `aggregate`, with a fresh demo
  // command id and `day` as its business date.
  // Returns the command id it gave the command.
  // `after`: the aggregates the command names (they are applied first, as far as listed).
  template <typename Request>
  std::string Add(const std::string& service, const std::string& method,
                  const std::string& aggregate, absl::CivilDay day, Request request,
                  std::vector<std::string> after = {}) {
    const std::string command_id = DemoUuid(absl::StrCat("command/", commands_.size()));
    request.mutable_header()->set_command_id(command_id);
    request.mutable_header()->set_occurred_on(domain::FormatDate(day));
    commands_.push_back({absl::StrCat("/coop.v1.", service, "/", method), aggregate,
                         domain::FormatDate(day), request.SerializeAsString(), std::move(after)});
    return command_id;
  }
  std::vector<DemoCommand> Take() { return std::move(commands_); }
  size_t size() const { return commands_.size(); }

  // The roster of cooperatives, so that what names one names it while it exists (LINK-02):
  // cooperative `index` is registered on `registered` and ends on `ended` (max: never).
  void Lifespan(int index, absl::CivilDay registered, absl::CivilDay ended) {
    if (lifespans_.size() <= static_cast<size_t>(index)) lifespans_.resize(index + 1);
    lifespans_[index] = {registered, ended};
  }
  // The first cooperative from `preferred` on (wrapping) registered on or before `day` and not
  // ended by it; -1 if none.
  int CooperativeAliveOn(int preferred, absl::CivilDay day) const {
    const int n = static_cast<int>(lifespans_.size());
    for (int k = 0; k < n; ++k) {
      const int i = (preferred + k) % n;
      if (lifespans_[i].registered <= day && day < lifespans_[i].ended) return i;
    }
    return -1;
  }

 private:
  struct Span {
    absl::CivilDay registered = absl::CivilDay::max();
    absl::CivilDay ended = absl::CivilDay::max();
  };
  std::vector<DemoCommand> commands_;
  std::vector<Span> lifespans_;
};

// The parts of the history, each appending to `list`. Cooperative ids are
// DemoUuid("cooperative/<i>").
void AddCooperatives(CommandList& list);
void AddGroupsAndHalls(CommandList& list);
void AddProgrammes(CommandList& list);

inline constexpr int kCooperatives = 320;
inline std::string DemoCooperativeId(int i) { return DemoUuid(absl::StrCat("cooperative/", i)); }

}  // namespace coop::demo

#endif  // COOPLEDGER_COMMANDS_DEMO_DEMO_BUILDER_H_
