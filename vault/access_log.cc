#include "vault/access_log.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/big_endian.h"
#include "base/rocks_checkpoint.h"
#include "base/rocks_info_log.h"
#include "base/rocks_status.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"

namespace coop::vault {
namespace {

// How many entries a filtered page may examine before it returns what it found so far.
constexpr size_t kMaxScan = 100'000;

}  // namespace

absl::StatusOr<std::unique_ptr<PersonAccessLog>> PersonAccessLog::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("access log ", dir, ": ", ec.message()));
  rocksdb::Options options;
  options.create_if_missing = true;
  options.info_log = base::TolerantInfoLog(dir);  // a full disk must not crash the server
  options.paranoid_checks = true;
  options.keep_log_file_num = 5;
  rocksdb::DB* raw = nullptr;
  auto s = rocksdb::DB::Open(options, dir, &raw);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("opening the access log in ", dir));
  std::unique_ptr<PersonAccessLog> log(new PersonAccessLog());
  log->db_.reset(raw);
  std::unique_ptr<rocksdb::Iterator> it(log->db_->NewIterator(rocksdb::ReadOptions()));
  it->SeekToLast();
  if (it->Valid() && it->key().size() == 8) {
    log->last_key_ = base::GetU64(it->key().ToString());
  }
  return log;
}

PersonAccessLog::~PersonAccessLog() { Close(); }

absl::Status PersonAccessLog::Checkpoint(const std::string& dir) {
  return base::CheckpointRocks(db_.get(), dir);
}

void PersonAccessLog::Close() {
  if (!db_) return;
  if (auto s = db_->Close(); !s.ok()) {
    // Close only fails on unreleased snapshots; the DB is deleted regardless.
  }
  db_.reset();
}

absl::Status PersonAccessLog::Record(coop::v1::PersonAccess entry) {
  absl::MutexLock lock(&mu_);
  const uint64_t now = static_cast<uint64_t>(absl::ToUnixMicros(absl::Now()));
  const uint64_t key = std::max(now, last_key_ + 1);
  entry.set_at_micros(static_cast<int64_t>(now));
  std::string key_bytes;
  base::PutU64(&key_bytes, key);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  auto s = db_->Put(wo, key_bytes, entry.SerializeAsString());
  if (!s.ok()) return base::FromRocks(s, "writing the personal-data access log");
  last_key_ = key;
  return absl::OkStatus();
}

absl::StatusOr<PersonAccessLog::Page> PersonAccessLog::List(const std::string& person_ref,
                                                            const std::string& page_token,
                                                            size_t limit) const {
  std::string start;
  if (!page_token.empty()) {
    if (!absl::WebSafeBase64Unescape(page_token, &start) || start.size() != 8) {
      return absl::InvalidArgumentError("page_token: not a token this log gave");
    }
  }
  Page page;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  it->Seek(start);
  if (!start.empty() && it->Valid() && it->key().ToString() == start) it->Next();
  size_t scanned = 0;
  std::string last;
  for (; it->Valid() && page.entries.size() < limit && scanned < kMaxScan; it->Next()) {
    ++scanned;
    last = it->key().ToString();
    coop::v1::PersonAccess entry;
    if (!entry.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError("an entry of the personal-data access log is unreadable");
    }
    if (!person_ref.empty() && entry.person_ref() != person_ref) continue;
    page.entries.push_back(std::move(entry));
  }
  if (!it->status().ok()) return base::FromRocks(it->status(), "reading the access log");
  if (it->Valid() && !last.empty()) absl::WebSafeBase64Escape(last, &page.next_page_token);
  return page;
}

}  // namespace coop::vault
