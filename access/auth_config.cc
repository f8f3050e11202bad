#include "access/auth_config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "access/access_token.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"
#include "google/protobuf/util/json_util.h"

namespace coop::access {
namespace {

absl::Status EntryError(int index, absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("principals[", index, "].", field, ": ", problem));
}

bool IsNameCharacter(char c) {
  return absl::ascii_islower(static_cast<unsigned char>(c)) ||
         absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

absl::Status CheckName(int index, const std::string& name) {
  if (name.empty() || name.size() > 64) {
    return EntryError(index, "name", "must have 1 to 64 characters");
  }
  for (char c : name) {
    if (!IsNameCharacter(c)) {
      return EntryError(index, "name",
                        absl::StrCat("'", name, "' may hold only a-z, 0-9, '.', '_' and '-'"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckArea(int index, int area_index, const coop::v1::Area& area) {
  const std::string field = absl::StrCat("areas[", area_index, "]");
  auto set = domain::areas::ParseUnitSet(area.unit_set());
  if (!set.ok()) return EntryError(index, field + ".unit_set", set.status().message());
  if (auto unit = domain::areas::AreaCatalog::Reference(*set).Lookup(area.code()); !unit.ok()) {
    return EntryError(index, field + ".code", unit.status().message());
  }
  return absl::OkStatus();
}

absl::Status CheckSha256(int index, const std::string& hex) {
  if (hex.size() != 64) return EntryError(index, "token_sha256", "must be 64 hex digits");
  for (char c : hex) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c)) ||
        absl::ascii_isupper(static_cast<unsigned char>(c))) {
      return EntryError(index, "token_sha256", "must be 64 lower-case hex digits");
    }
  }
  return absl::OkStatus();
}

// Adds `key` → principal, refusing a key another active principal has.
absl::Status Index(absl::flat_hash_map<std::string, const Principal*>* index,
                   const std::string& key, const Principal* principal, int entry,
                   absl::string_view field) {
  auto [it, inserted] = index->emplace(key, principal);
  if (!inserted) {
    return EntryError(entry, field,
                      absl::StrCat("already used by principal '", it->second->name, "'"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat(path, ": no such file"));
    return absl::FailedPreconditionError(absl::StrCat(path, ": ", std::strerror(errno)));
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": group or others may access the principals file; chmod 600 ", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::FailedPreconditionError(absl::StrCat(path, ": cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<AuthConfig> AuthConfig::FromProto(coop::v1::AuthConfig file) {
  AuthConfig config;
  absl::flat_hash_map<std::string, int> names;
  absl::flat_hash_set<std::string> retired;  // credentials of revoked principals
  std::vector<std::pair<int, const coop::v1::PrincipalEntry*>> active_credentials;
  for (int i = 0; i < file.principals_size(); ++i) {
    auto* entry = file.mutable_principals(i);
    if (auto st = CheckName(i, entry->name()); !st.ok()) return st;
    if (!names.emplace(entry->name(), i).second) {
      return EntryError(i, "name", absl::StrCat("'", entry->name(), "' appears twice"));
    }
    auto role = ParseRole(entry->role());
    if (!role.ok()) return EntryError(i, "role", role.status().message());
    if (*role == Role::kRecorder && entry->areas().empty()) {
      return EntryError(i, "areas", "a recorder needs at least one area it records for");
    }
    if (*role != Role::kRecorder && !entry->areas().empty()) {
      return EntryError(i, "areas", "only a recorder has areas (its scope)");
    }
    for (int a = 0; a < entry->areas_size(); ++a) {
      if (auto st = CheckArea(i, a, entry->areas(a)); !st.ok()) return st;
    }
    if (!entry->token_sha256().empty()) {
      if (auto st = CheckSha256(i, entry->token_sha256()); !st.ok()) return st;
    }
    for (auto& fingerprint : *entry->mutable_cert_sha256()) {
      auto canonical = CanonicalFingerprint(fingerprint);
      if (!canonical.ok()) return EntryError(i, "cert_sha256", canonical.status().message());
      fingerprint = *canonical;
    }
    if (entry->revoked()) {
      // A revoked certificate stays revoked: its fingerprint and alternative names may not
      // come back under another principal (a leaked certificate would authenticate again).
      for (const auto& fingerprint : entry->cert_sha256()) retired.insert(fingerprint);
      for (const auto& san : entry->cert_san()) retired.insert(san);
      continue;
    }
    auto principal = std::make_unique<Principal>();
    principal->name = entry->name();
    principal->role = *role;
    principal->agency = entry->agency();
    principal->areas.assign(entry->areas().begin(), entry->areas().end());
    const Principal* p = principal.get();
    config.principals_.push_back(std::move(principal));
    if (!entry->token_sha256().empty()) {
      if (auto st = Index(&config.by_token_, entry->token_sha256(), p, i, "token_sha256");
          !st.ok()) {
        return st;
      }
    }
    for (const auto& fingerprint : entry->cert_sha256()) {
      if (auto st = Index(&config.by_fingerprint_, fingerprint, p, i, "cert_sha256"); !st.ok()) {
        return st;
      }
    }
    active_credentials.emplace_back(i, entry);
    for (const auto& san : entry->cert_san()) {
      if (san.empty()) return EntryError(i, "cert_san", "must not be empty");
      if (auto st = Index(&config.by_san_, san, p, i, "cert_san"); !st.ok()) return st;
    }
  }
  for (const auto& [i, entry] : active_credentials) {
    for (const auto& fingerprint : entry->cert_sha256()) {
      if (retired.contains(fingerprint)) {
        return EntryError(i, "cert_sha256", "belongs to a revoked principal's certificate");
      }
    }
    for (const auto& san : entry->cert_san()) {
      if (retired.contains(san)) {
        return EntryError(i, "cert_san",
                          absl::StrCat("'", san, "' belongs to a revoked principal's certificate"));
      }
    }
  }
  config.file_ = std::move(file);
  return config;
}

absl::StatusOr<AuthConfig> AuthConfig::Parse(absl::string_view json) {
  coop::v1::AuthConfig file;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto st = google::protobuf::util::JsonStringToMessage(std::string(json), &file, options);
  if (!st.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the principals file is not valid JSON of coop.v1.AuthConfig: ",
                     std::string(st.message())));
  }
  return FromProto(std::move(file));
}

absl::StatusOr<AuthConfig> AuthConfig::Load(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  auto config = Parse(*text);
  if (!config.ok()) {
    return absl::Status(config.status().code(),
                        absl::StrCat(path, ": ", config.status().message()));
  }
  return config;
}

const Principal* AuthConfig::ByTokenSha256(absl::string_view sha256_hex) const {
  auto it = by_token_.find(sha256_hex);
  return it == by_token_.end() ? nullptr : it->second;
}

const Principal* AuthConfig::ByCertificateFingerprint(absl::string_view fingerprint) const {
  auto it = by_fingerprint_.find(fingerprint);
  return it == by_fingerprint_.end() ? nullptr : it->second;
}

const Principal* AuthConfig::ByCertificateSan(absl::string_view san) const {
  auto it = by_san_.find(san);
  return it == by_san_.end() ? nullptr : it->second;
}

std::string AuthConfigJson(const coop::v1::AuthConfig& file) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(file, &json, options);
  return json;
}

absl::Status SaveAuthConfig(const std::string& path, const coop::v1::AuthConfig& file) {
  if (auto checked = AuthConfig::FromProto(file); !checked.ok()) return checked.status();
  const std::string json = AuthConfigJson(file);
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(temporary, ": cannot be written: ", std::strerror(errno)));
  }
  const bool written = ::fchmod(fd, 0600) == 0 &&
                       ::write(fd, json.data(), json.size()) == static_cast<ssize_t>(json.size()) &&
                       ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": cannot be written: ", std::strerror(written ? errno : saved_errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<coop::v1::AuthConfig> LoadAuthConfigOrEmpty(const std::string& path) {
  auto config = AuthConfig::Load(path);
  if (config.ok()) return config->file();
  if (absl::IsNotFound(config.status())) return coop::v1::AuthConfig();
  return config.status();
}

}  // namespace coop::access
