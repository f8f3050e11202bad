// Paged listing of registry views (cooperatives, groups, halls) for coop.v1.Reporting's
// List* handlers: page size and area filter checks, and one scan that pages by entity id.
// Without an area the scan walks the views themselves; with one it walks the area's index
// rows (projections/area_index.h: the entity's unit and every unit above it), so it touches
// only that area's entities, still in id order. Either way the page token is the last id of
// the page, so tokens stay valid while rows change and filters are applied while scanning.
// Thread-safe (stateless).
#ifndef COOPLEDGER_SERVICES_REPORTING_LIST_H_
#define COOPLEDGER_SERVICES_REPORTING_LIST_H_

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "coop/v1/event.pb.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"
#include "projections/area_index.h"
#include "projections/projection_store.h"

namespace coop::services {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

// The page size asked for: 0 gives the default, larger ones are capped. INVALID_ARGUMENT
// naming page_size if negative.
inline absl::StatusOr<int> PageSize(int requested) {
  if (requested < 0) {
    return absl::InvalidArgumentError("page_size: không được âm / page_size must not be negative");
  }
  return requested == 0 ? kDefaultPageSize : std::min(requested, kMaxPageSize);
}

// An area filter resolved against the reference data.
struct AreaFilter {
  const domain::areas::AreaCatalog* catalog = nullptr;
  std::string unit_set;  // as on the wire, e.g. "2025-03"
  std::string code;

  // Whether `address` is the area or lies within it (and is in the same unit set).
  bool Contains(const coop::v1::Area& address) const {
    if (address.unit_set() != unit_set) return false;
    auto contains = catalog->ContainsOrEquals(code, address.code());
    return contains.ok() && *contains;
  }
};

// nullopt for no area (none given, or an empty code / "VN": the nation). An empty unit set
// means the set in force on `today`. INVALID_ARGUMENT naming `field`.unit_set or `field`.code
// for a set or a code the reference data does not know.
inline absl::StatusOr<std::optional<AreaFilter>> ResolveAreaFilter(const std::string& field,
                                                                   const coop::v1::Area* area,
                                                                   absl::CivilDay today) {
  if (area == nullptr || area->code().empty() || area->code() == "VN") return std::nullopt;
  domain::areas::UnitSet set = domain::areas::UnitSetInForceOn(today);
  if (!area->unit_set().empty()) {
    auto parsed = domain::areas::ParseUnitSetField(field + ".unit_set", area->unit_set());
    if (!parsed.ok()) return parsed.status();
    set = *parsed;
  }
  AreaFilter filter;
  filter.catalog = &domain::areas::AreaCatalog::Reference(set);
  filter.unit_set = domain::areas::UnitSetName(set);
  filter.code = area->code();
  if (filter.catalog->Find(filter.code) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".code: địa bàn ", filter.code, " không thuộc bộ đơn vị ", filter.unit_set, " / ",
        field, ".code: area ", filter.code, " is not a unit of set ", filter.unit_set));
  }
  return filter;
}

// A page token: "after:" and the last id of the page it follows. A token the server did not
// give is INVALID_ARGUMENT ("page_token: …"), never a silently shorter or empty page.
inline constexpr absl::string_view kPageTokenTag = "after:";
inline std::string PageTokenAfter(const std::string& last_id) {
  return absl::StrCat(kPageTokenTag, last_id);
}
// The id in `token` ("" for an empty token: the first page).
inline absl::StatusOr<std::string> IdInPageToken(const std::string& token) {
  if (token.empty()) return std::string();
  auto refused = [] {
    return absl::InvalidArgumentError(
        "page_token: không phải mã trang do máy chủ này cấp (chuyển nguyên next_page_token, "
        "hoặc để trống cho trang đầu) / "
        "page_token: is not a token this server gave (pass next_page_token unchanged, or leave "
        "it empty for the first page)");
  };
  if (!absl::StartsWith(token, kPageTokenTag) || token.size() > kPageTokenTag.size() + 200) {
    return refused();
  }
  const std::string id = token.substr(kPageTokenTag.size());
  if (id.empty()) return refused();
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != ':' && c != '@') {
      return refused();
    }
  }
  return id;
}

// Pages through the views of one projection in id order. `view_prefix` is the views' key
// prefix ("c/"), `view_end` the first key after them ("c0"). For each view (parsed as View)
// `keep(view)` says whether it matches the other filters and `add(view)` takes it; `id_of`
// gives its id. Stops after `page_size` views and sets *next_token when another match follows.
template <typename View, typename Keep, typename Add, typename IdOf>
absl::Status PageViews(projections::ProjectionStore* store, const std::string& projection,
                       const std::string& view_prefix, const std::string& view_end,
                       const std::optional<AreaFilter>& area, int page_size,
                       const std::string& page_token, Keep keep, Add add, IdOf id_of,
                       std::string* next_token) {
  constexpr size_t kScanChunk = 256;
  const std::string prefix =
      area ? projections::AreaIndexPrefix(area->unit_set, area->code) : view_prefix;
  const std::string end = area ? projections::AreaIndexEnd(area->unit_set, area->code) : view_end;
  // The page token names the last id of the previous page: start just after it.
  auto after = IdInPageToken(page_token);
  if (!after.ok()) return after.status();
  std::string start = after->empty() ? prefix : prefix + *after + std::string(1, '\0');
  int taken = 0;
  std::string last_id;
  while (true) {
    auto rows = store->ScanRows(projection, start, end, kScanChunk);
    if (!rows.ok()) return rows.status();
    for (const auto& [key, value] : *rows) {
      std::string bytes = value;
      if (area) {
        // An index row: the view is read by the id at the key's tail.
        auto row = store->ReadRow(projection, view_prefix + key.substr(prefix.size()));
        if (!row.ok()) return row.status();
        if (!row->has_value()) continue;
        bytes = std::move(**row);
      }
      View view;
      if (!view.ParseFromString(bytes)) {
        return absl::DataLossError(absl::StrCat("unreadable view row ", key));
      }
      if ((area && !area->Contains(view.address())) || !keep(view)) continue;
      if (taken == page_size) {
        // One more match exists: the page is full and another follows.
        *next_token = PageTokenAfter(last_id);
        return absl::OkStatus();
      }
      last_id = id_of(view);
      add(std::move(view));
      ++taken;
    }
    if (rows->size() < kScanChunk) return absl::OkStatus();
    start = rows->back().first + std::string(1, '\0');
  }
}

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REPORTING_LIST_H_
