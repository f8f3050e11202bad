#include "commands/derived_ids.h"

#include "absl/strings/str_cat.h"
#include "base/uuid.h"

namespace coop::commands {

std::string DerivedEventId(const std::string& command_id, int index) {
  // The namespace of coopledger's command-derived event ids (a fixed random UUID).
  static const base::UuidBytes kNamespace =
      *base::ParseUuid("5b1c3a0e-7c2d-4f38-9e61-0a9d2f4b8c17");
  const auto id = base::ParseUuid(command_id);
  // Lower-case canonical text, so that the same id in another case derives the same ids.
  return base::NameBasedUuid(kNamespace,
                             absl::StrCat(id ? base::FormatUuid(*id) : command_id, "/", index));
}

}  // namespace coop::commands
