// RocksEventStore: verification of the hash chain. Reads every event in the range with
// checksums verified and without filling the block cache, and feeds it to the shared
// ChainVerifier (eventstore/staging/chain_verifier.h), which names the first position where
// anything disagrees.
#include "absl/strings/str_cat.h"
#include "base/big_endian.h"
#include "base/rocks_status.h"
#include "eventstore/canonical.h"
#include "eventstore/rocks/keys.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "eventstore/staging/chain_verifier.h"
#include "rocksdb/db.h"

namespace coop::eventstore {

absl::StatusOr<coop::v1::VerifyLogResponse> RocksEventStore::Verify(
    uint64_t from, uint64_t to, const std::function<bool()>& cancelled) {
  LogHead head;
  {
    absl::MutexLock lock(&mu_);
    head = head_;
  }
  const VerifyRange range = ClampVerifyRange(from, to, head.position);
  if (range.empty()) return EmptyRangeVerified(range);
  from = range.from;
  to = range.to;

  std::string prev(kHashSize, '\0');
  if (from > 1) {
    auto before = ReadEventAt(from - 1);
    if (!before.ok()) return before.status();
    if (!before->has_value()) {
      coop::v1::VerifyLogResponse response;
      response.set_verified_from(from);
      response.set_verified_to(to);
      response.set_ok(false);
      response.set_first_bad_position(from - 1);
      response.set_problem("event is missing");
      return response;
    }
    prev = (*before)->hash();
  }
  ChainVerifier verifier(from, to, std::move(prev));

  rocksdb::ReadOptions ro;
  ro.verify_checksums = true;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, events_));
  for (it->Seek(keys::EventKey(from)); it->Valid() && !verifier.Done(); it->Next()) {
    const uint64_t position = base::GetU64(it->key().ToStringView());
    if (cancelled && position % 4096 == 0 && cancelled()) {
      return absl::CancelledError(absl::StrCat("verification cancelled at position ", position));
    }
    coop::v1::RecordedEvent event;
    const bool parsed =
        event.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()));
    if (!verifier.Next(position, parsed ? &event : nullptr)) break;
  }
  if (!it->status().ok()) return base::FromRocks(it->status(), "verifying the log");
  return verifier.Finish(head);
}

}  // namespace coop::eventstore
