// The erasure journal, <backup_dir>/erasures.jsonl: one line (coop.v1.ErasureJournalEntry)
// per person the server erased, written after the vault's erasure and kept outside every
// backup. A backup taken before an erasure holds the person's details and a log that does not
// know of the erasure; restoring it (restore.h) erases every person of the journal again, so
// an erasure is never undone by a restore. Lines are synced; a line cut off by a crash is
// skipped when read (the next erasure's line starts on a line of its own).
//
// Thread-safe.
#ifndef COOPLEDGER_BACKUP_ERASURE_JOURNAL_H_
#define COOPLEDGER_BACKUP_ERASURE_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "coop/v1/admin.pb.h"

namespace coop::backup {

class ErasureJournal {
 public:
  // Opens (creating it and its folder if missing) the journal at `path`.
  // UNAVAILABLE for I/O errors.
  static absl::StatusOr<std::unique_ptr<ErasureJournal>> Open(const std::string& path);
  ~ErasureJournal();

  // Appends the erasure unless the journal holds it already (the same person at the same
  // position: a retried erasure, or the start-up replay of one). UNAVAILABLE for I/O errors.
  absl::Status Record(const std::string& person_ref, const coop::v1::PersonErasure& erasure);

 private:
  ErasureJournal(std::string path, int fd, std::set<std::string> recorded);
  const std::string path_;
  absl::Mutex mu_;
  int fd_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> recorded_ ABSL_GUARDED_BY(mu_);  // person ref @ position
};

// Every entry of the journal at `path`, in order. NOT_FOUND if there is none; UNAVAILABLE if it
// cannot be read.
absl::StatusOr<std::vector<coop::v1::ErasureJournalEntry>> ReadErasureJournal(
    const std::string& path);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_ERASURE_JOURNAL_H_
