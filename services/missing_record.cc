#include "services/missing_record.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/reporting.pb.h"
#include "domain/common/stream_corrections.h"

namespace coop::services {

absl::Status MissingRecord(const ReportingDeps& deps, const std::string& projection,
                           const std::string& stream_key, const RecordNames& names,
                           const std::string& id) {
  auto row = deps.store->ReadRow(projection, stream_key);
  coop::v1::CooperativeRegistryStream stream;
  if (row.ok() && row->has_value() && stream.ParseFromString(**row)) {
    std::vector<const coop::v1::RecordedEvent*> events;
    for (const auto& event : stream.events()) events.push_back(&event);
    if (auto withdrawal = domain::WithdrawalOf(events); withdrawal.has_value()) {
      return absl::NotFoundError(
          absl::StrCat(names.english, " ", id, " was withdrawn on ", withdrawal->occurred_on, " (",
                       withdrawal->reason, ") / ", names.vietnamese, " đã bị hủy do đăng ký nhầm"));
    }
  }
  return absl::NotFoundError(absl::StrCat("no ", names.english, " ", id));
}

}  // namespace coop::services
