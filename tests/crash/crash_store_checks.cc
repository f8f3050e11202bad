// The offline checks (crash_checks.h): the projection store's rows and the person vault, read
// with their own code from a data folder no coopd has open.
#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/people.pb.h"
#include "projections/projection_store.h"
#include "tests/crash/crash_checks.h"
#include "vault/master_key.h"
#include "vault/person_vault.h"

namespace coop::testing {

ProjectionRows ReadProjectionRows(const std::string& data_dir,
                                  const std::vector<std::string>& names, uint64_t head,
                                  Failures* failures) {
  ProjectionRows out;
  auto store = projections::ProjectionStore::Open(data_dir + "/projections");
  if (!store.ok()) {
    failures->push_back(absl::StrCat("opening the projection store: ", store.status().message()));
    return out;
  }
  for (const auto& name : names) {
    auto meta = (*store)->ReadMeta(name);
    if (!meta.ok() || !meta->has_value() || (*meta)->checkpoint != head) {
      failures->push_back(
          absl::StrCat("projection ", name, ": checkpoint ",
                       meta.ok() && meta->has_value() ? absl::StrCat((*meta)->checkpoint) : "none",
                       " after a clean stop at head ", head));
    }
    auto rows = (*store)->ReadRows(name);
    if (!rows.ok()) {
      failures->push_back(absl::StrCat("projection ", name, ": ", rows.status().message()));
      continue;
    }
    out[name] = *std::move(rows);
  }
  return out;
}

void CompareProjections(const ProjectionRows& got, const ProjectionRows& clean,
                        Failures* failures) {
  for (const auto& [name, want] : clean) {
    auto it = got.find(name);
    if (it == got.end()) {
      failures->push_back(absl::StrCat("projection ", name, " missing"));
      continue;
    }
    const auto& rows = it->second;
    const auto [mine, theirs] = std::mismatch(rows.begin(), rows.end(), want.begin(), want.end());
    if (mine == rows.end() && theirs == want.end()) continue;
    const std::string key = mine != rows.end() ? mine->first : theirs->first;
    failures->push_back(absl::StrCat("projection ", name, " differs from a rebuild from scratch (",
                                     rows.size(), " rows against ", want.size(),
                                     "); first at row key \"", absl::CEscape(key), "\""));
  }
}

void CheckVault(const std::string& data_dir, const Log& log, CrashLedger* ledger,
                Failures* failures) {
  auto key = vault::LoadMasterKey(data_dir + "/master.key");
  if (!key.ok()) {
    failures->push_back(absl::StrCat("the master key: ", key.status().message()));
    return;
  }
  auto vault = vault::PersonVault::Open(data_dir + "/people", *key);
  if (!vault.ok()) {
    failures->push_back(absl::StrCat("opening the vault: ", vault.status().message()));
    return;
  }
  const std::set<std::string> erased = ErasedRefs(log);
  for (const auto& ref : erased) {
    auto held = (*vault)->Holds(ref);
    auto tombstone = (*vault)->ErasureOf(ref);
    if (!held.ok() || *held || !tombstone.ok() || !tombstone->has_value()) {
      failures->push_back(absl::StrCat("person ", ref,
                                       " erased in the log is not erased in the "
                                       "vault"));
    }
  }
  for (const auto& ref : PlacedRefs(log)) {
    if (erased.contains(ref)) continue;
    auto held = (*vault)->Holds(ref);
    if (!held.ok() || !*held) {
      failures->push_back(absl::StrCat("person ", ref, " placed in the log is not in the vault"));
    }
  }
  for (const auto& [ref, person] : ledger->persons()) {
    if (erased.contains(ref)) continue;
    if (person.forgotten) {
      failures->push_back(absl::StrCat("person ", ref,
                                       ": ForgetPerson was acknowledged but the "
                                       "log has no erasure"));
      continue;
    }
    auto details = (*vault)->Get(ref);
    if (!details.ok()) {
      failures->push_back(
          absl::StrCat("acknowledged person ", ref, ": ", details.status().message()));
      continue;
    }
    const std::string stored = details->SerializeAsString();
    const bool allowed = stored == person.details ||
                         std::find(person.unanswered.begin(), person.unanswered.end(), stored) !=
                             person.unanswered.end();
    if (!allowed) {
      failures->push_back(absl::StrCat("person ", ref,
                                       ": the vault holds details that were "
                                       "neither the acknowledged ones nor a later update"));
      continue;
    }
    if (!person.unanswered.empty()) ledger->Settle(ref, stored);
  }
  (*vault)->Close();
}

}  // namespace coop::testing
