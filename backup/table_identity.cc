#include "backup/table_identity.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_reader.h"
#include "rocksdb/table_properties.h"

namespace coop::backup {

absl::StatusOr<std::string> TableIdentity(const std::string& path, uint64_t size) {
  rocksdb::Options options;
  rocksdb::SstFileReader reader(options);
  if (auto s = reader.Open(path); !s.ok()) {
    return absl::DataLossError(absl::StrCat("table ", path, " cannot be read: ", s.ToString()));
  }
  auto properties = reader.GetTableProperties();
  if (!properties || properties->db_session_id.empty()) {
    return absl::DataLossError(absl::StrCat("table ", path, " has no session identity"));
  }
  return absl::StrCat(properties->orig_file_number, "_s", properties->db_session_id, "_", size,
                      ".sst");
}

bool IsTable(const std::string& name) { return absl::EndsWith(name, ".sst"); }

}  // namespace coop::backup
