// The NOT_FOUND a Get query answers for a record that has no view: never created, or withdrawn
// as created in error (then the message says when and why, from the stream row its registry
// projection keeps, in English and Vietnamese). Thread-safe (stateless).
#ifndef COOPLEDGER_SERVICES_MISSING_RECORD_H_
#define COOPLEDGER_SERVICES_MISSING_RECORD_H_

#include <string>

#include "absl/status/status.h"
#include "services/reporting_query.h"

namespace coop::services {

// How a kind of record is named to people.
struct RecordNames {
  const char* english;     // "cooperative"
  const char* vietnamese;  // "HTX"
};

// NOT_FOUND for record `id`, whose stream events a registry projection `projection` keeps
// under `stream_key` (coop.v1.CooperativeRegistryStream): "cooperative X was withdrawn on
// 2025-04-01 (reason) / HTX đã bị hủy do đăng ký nhầm", or "no cooperative X". A stream row
// that cannot be read gives the plain answer.
absl::Status MissingRecord(const ReportingDeps& deps, const std::string& projection,
                           const std::string& stream_key, const RecordNames& names,
                           const std::string& id);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_MISSING_RECORD_H_
