// The largest numbers a command may carry (rule COMMON-04). They are chosen so that a bound
// times the largest number of records the country has (about 10^5 cooperatives and groups,
// and far fewer than 10^5 events of one kind per area and year) stays below 2^63: a sum over
// the whole country cannot overflow. Sums still use base/saturating_add.h. Pure constants.
#ifndef COOPLEDGER_DOMAIN_COMMON_VALUE_BOUNDS_H_
#define COOPLEDGER_DOMAIN_COMMON_VALUE_BOUNDS_H_

#include <cstddef>
#include <cstdint>

namespace coop::domain {

// Members, workers, participants, stars, terms: any count. The largest cooperative in the
// country has far fewer than a million members.
inline constexpr int64_t kMaxCount = 1'000'000;
// Any amount in VND (charter capital, grants, budgets, plan targets): 10^13 VND, about
// 400 million US dollars, above any cooperative's capital.
inline constexpr int64_t kMaxVnd = 10'000'000'000'000;

// The most items of one list in a request (business lines, cooperatives of a class, plan
// targets, …), and the most bytes of a whole command or query request: far above any real
// record, and far below one event's payload limit in the store (1 MiB), so that an event a
// command records always fits and an over-large request is refused naming its field.
inline constexpr int kMaxListItems = 1'000;
inline constexpr size_t kMaxRequestBytes = 256 * 1024;

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_VALUE_BOUNDS_H_
