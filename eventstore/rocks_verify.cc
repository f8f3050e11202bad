// RocksEventStore: verification of the hash chain. Reads every event in the range with
// checksums verified and without filling the block cache, recomputes its canonical encoding,
// leaf hash and chain hash, and reports the first position where anything disagrees.
#include "absl/strings/str_cat.h"
#include "eventstore/canonical.h"
#include "eventstore/rocks_event_store.h"
#include "eventstore/rocks_status.h"
#include "rocksdb/db.h"

namespace coop::eventstore {

absl::StatusOr<coop::v1::VerifyLogResponse> RocksEventStore::Verify(
    uint64_t from, uint64_t to, const std::function<bool()>& cancelled) {
  keys::LogHead head;
  {
    absl::MutexLock lock(&mu_);
    head = head_;
  }
  if (from == 0) from = 1;
  if (to == 0 || to > head.position) to = head.position;
  coop::v1::VerifyLogResponse response;
  response.set_verified_from(from);
  response.set_verified_to(to);
  auto fail = [&](uint64_t position, std::string problem) {
    response.set_ok(false);
    response.set_first_bad_position(position);
    response.set_problem(std::move(problem));
    return response;
  };
  if (from > to) {
    response.set_ok(true);
    return response;
  }

  std::string prev(kHashSize, '\0');
  if (from > 1) {
    auto before = ReadEventAt(from - 1);
    if (!before.ok()) return before.status();
    if (!before->has_value()) return fail(from - 1, "event is missing");
    prev = (*before)->hash();
  }

  rocksdb::ReadOptions ro;
  ro.verify_checksums = true;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, events_));
  uint64_t expected = from;
  int64_t last_recorded = 0;
  for (it->Seek(keys::EventKey(from)); it->Valid() && expected <= to; it->Next(), ++expected) {
    const uint64_t position = keys::GetU64(it->key().ToStringView());
    if (cancelled && position % 4096 == 0 && cancelled()) {
      return absl::CancelledError(absl::StrCat("verification cancelled at position ", position));
    }
    if (position != expected) {
      return fail(expected,
                  absl::StrCat("event is missing (next stored position is ", position, ")"));
    }
    coop::v1::RecordedEvent event;
    if (!event.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return fail(position, "stored bytes do not parse as an event");
    }
    if (event.position() != position) {
      return fail(position, absl::StrCat("stored under position ", position, " but says position ",
                                         event.position()));
    }
    if (event.prev_hash() != prev) {
      return fail(position, "prev_hash does not match the hash of the event before it");
    }
    const std::string canonical = CanonicalEncoding(event);
    if (ChainHash(prev, canonical) != event.hash()) {
      return fail(position, "hash does not match the event's content");
    }
    if (LeafHash(canonical) != event.leaf_hash()) {
      return fail(position, "leaf_hash does not match the event's content");
    }
    if (event.recorded_at_micros() < last_recorded) {
      return fail(position, "recorded_at goes backwards");
    }
    last_recorded = event.recorded_at_micros();
    prev = event.hash();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "verifying the log");
  if (expected <= to) return fail(expected, "event is missing");
  if (to == head.position && prev != head.chain_hash) {
    return fail(to, "chain head recorded in the log head differs from the last event's hash");
  }
  response.set_ok(true);
  response.set_chain_head(prev);
  return response;
}

}  // namespace coop::eventstore
