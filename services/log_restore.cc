#include "services/log_restore.h"

#include <google/protobuf/util/json_util.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/sync_folder.h"
#include "coop/v1/audit.pb.h"
#include "eventstore/clock.h"
#include "eventstore/store_factory.h"
#include "verify/canonical.h"
#include "verify/chain_link.h"

namespace coop::services {
namespace {

namespace fs = std::filesystem;

absl::Status CheckEmptyFolder(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return absl::OkStatus();
  if (!fs::is_directory(dir, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(dir, " is not a folder"));
  }
  if (!fs::is_empty(dir, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat("restore fills an empty data folder, and ", dir,
                     " holds files: give a new folder (a restore never writes over a log)"));
  }
  return absl::OkStatus();
}

// The proposed form of a recorded event: what an append carries.
coop::v1::ProposedEvent Proposed(const coop::v1::RecordedEvent& event) {
  coop::v1::ProposedEvent proposed;
  proposed.set_event_id(event.event_id());
  proposed.set_type(event.type());
  proposed.set_schema_version(event.schema_version());
  proposed.set_payload(event.payload());
  *proposed.mutable_metadata() = event.metadata();
  if (event.has_area()) *proposed.mutable_area() = event.area();
  proposed.set_occurred_on(event.occurred_on());
  return proposed;
}

// Appends events recorded at one time, in order, as few appends as keep every position.
class GroupWriter {
 public:
  GroupWriter(eventstore::EventStore* store, eventstore::ManualClock* clock)
      : store_(store), clock_(clock) {}

  absl::Status Write(const std::vector<coop::v1::RecordedEvent>& group) {
    if (group.empty()) return absl::OkStatus();
    clock_->Set(group.front().recorded_at_micros());
    const auto& limits = store_->limits();
    coop::v1::AppendRequest request;
    uint64_t first_position = group.front().position();
    size_t events = 0;
    size_t bytes = 0;  // as the store counts them: the proposed events' sizes
    for (const auto& event : group) {
      coop::v1::ProposedEvent proposed = Proposed(event);
      const size_t size = proposed.ByteSizeLong();
      const int n = request.streams_size();
      const bool same_stream = n > 0 && request.streams(n - 1).stream_id() == event.stream_id();
      // A stream already in the request (not last) would break the order of positions.
      bool repeats = false;
      for (int i = 0; i + 1 < n; ++i) {
        repeats = repeats || request.streams(i).stream_id() == event.stream_id();
      }
      const bool full =
          events + 1 > limits.max_events_per_append ||
          (events > 0 && bytes + size > limits.max_append_bytes) ||
          (!same_stream && static_cast<size_t>(n) + 1 > limits.max_streams_per_append);
      if (repeats || full) {
        if (auto st = Append(std::move(request), first_position); !st.ok()) return st;
        request = coop::v1::AppendRequest();
        first_position = event.position();
        events = 0;
        bytes = 0;
      }
      const int last = request.streams_size() - 1;
      coop::v1::StreamAppend* stream = nullptr;
      if (last >= 0 && request.streams(last).stream_id() == event.stream_id()) {
        stream = request.mutable_streams(last);
      } else {
        stream = request.add_streams();
        stream->set_stream_id(event.stream_id());
        stream->mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
        stream->mutable_expected()->set_version(event.stream_version() - 1);
      }
      *stream->add_events() = std::move(proposed);
      ++events;
      bytes += size;
    }
    return Append(std::move(request), first_position);
  }

 private:
  absl::Status Append(coop::v1::AppendRequest request, uint64_t first_position) {
    auto appended = store_->Append(std::move(request));
    if (!appended.ok()) {
      return absl::Status(appended.status().code(), absl::StrCat("position ", first_position,
                                                                 ": the store refused the "
                                                                 "event: ",
                                                                 appended.status().message()));
    }
    if (appended->first_position() != first_position) {
      return absl::DataLossError(absl::StrCat("position ", first_position, ": the store put it at ",
                                              appended->first_position()));
    }
    return absl::OkStatus();
  }

  eventstore::EventStore* store_;
  eventstore::ManualClock* clock_;
};

class Restorer {
 public:
  Restorer(eventstore::EventStore* store, eventstore::ManualClock* clock,
           std::function<void(uint64_t)> progress)
      : store_(store), writer_(store, clock), progress_(std::move(progress)) {}

  // One line of the export (numbered from 1).
  absl::Status Take(const std::string& line, uint64_t number) {
    if (line.empty()) return absl::OkStatus();
    if (head_.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": the signed head must be the export's last line"));
    }
    coop::v1::ExportLine parsed;
    if (!google::protobuf::util::JsonStringToMessage(line, &parsed).ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": not an export line (docs/audit.md, \"The export\")"));
    }
    if (parsed.has_tree_head()) {
      head_ = parsed.tree_head();
      return Flush();
    }
    if (!parsed.has_event()) {
      return absl::InvalidArgumentError(absl::StrCat("line ", number, ": holds no event"));
    }
    const verify::LinkProblem problem = link_.Next(parsed.event());
    if (problem != verify::LinkProblem::kNone) {
      return absl::DataLossError(absl::StrCat("position ", link_.next_position(), " (line ", number,
                                              "): ", verify::LinkProblemText(problem, true), " / ",
                                              verify::LinkProblemText(problem, false)));
    }
    if (!group_.empty() &&
        group_.front().recorded_at_micros() != parsed.event().recorded_at_micros()) {
      if (auto st = Flush(); !st.ok()) return st;
    }
    group_.push_back(std::move(*parsed.mutable_event()));
    // A log recorded at one instant (a generated history) is written as it comes, not held.
    if (group_.size() >= kEventsPerWrite) return Flush();
    return absl::OkStatus();
  }

  // After the last line.
  absl::StatusOr<RestoreReport> Finish() {
    if (auto st = Flush(); !st.ok()) return st;
    const uint64_t events = link_.next_position() - 1;
    if (events == 0) {
      return absl::InvalidArgumentError("the export holds no event: nothing to restore");
    }
    // The store built the tree from the leaves it hashed itself, which the chain check found
    // equal to the export's.
    auto root = store_->TreeRoot(events);
    if (!root.ok()) return root.status();
    RestoreReport report;
    report.events = events;
    report.chain_head = link_.chain_head();
    report.tree_root = *root;
    if (head_.has_value()) {
      if (head_->size() != events || head_->root_hash() != report.tree_root) {
        return absl::DataLossError(absl::StrCat("the export's signed head (size ", head_->size(),
                                                ") is not the head of its events (size ", events,
                                                ")"));
      }
      report.matched_signed_head = true;
    }
    return report;
  }

 private:
  absl::Status Flush() {
    if (group_.empty()) return absl::OkStatus();
    if (auto st = writer_.Write(group_); !st.ok()) return st;
    const uint64_t last = group_.back().position();
    const std::string expected = group_.back().hash();
    group_.clear();
    if (progress_ && last / kProgressEvery != written_ / kProgressEvery) progress_(last);
    written_ = last;
    const coop::v1::LogInfo info = store_->GetLogInfo();
    if (info.head_position() != last || info.chain_head() != expected) {
      return absl::DataLossError(absl::StrCat("position ", last,
                                              ": the restored chain head differs from the "
                                              "export's (",
                                              verify::HexEncode(info.chain_head()), ")"));
    }
    return absl::OkStatus();
  }

  static constexpr size_t kEventsPerWrite = 10'000;
  static constexpr uint64_t kProgressEvery = 100'000;

  eventstore::EventStore* store_;
  GroupWriter writer_;
  const std::function<void(uint64_t)> progress_;
  uint64_t written_ = 0;    // positions 1..written_ are in the store
  verify::ChainLink link_;  // the export's own hashes, recomputed from its fields
  std::vector<coop::v1::RecordedEvent> group_;  // consecutive events of one recorded_at
  std::optional<coop::v1::SignedTreeHead> head_;
};

absl::StatusOr<RestoreReport> RestoreInto(std::ifstream& in, const std::string& data_dir,
                                          const std::function<void(uint64_t)>& progress) {
  eventstore::ManualClock clock(0);
  eventstore::StoreOptions options;
  // Synced once, as a whole, at the end (base/sync_folder.h).
  options.durability = eventstore::Durability::kRelaxed;
  options.clock = &clock;
  auto store = eventstore::OpenEventStore(data_dir, options);
  if (!store.ok()) return store.status();
  Restorer restorer(store->get(), &clock, progress);
  std::string line;
  uint64_t number = 0;
  while (std::getline(in, line)) {
    if (auto st = restorer.Take(line, ++number); !st.ok()) return st;
  }
  if (in.bad()) return absl::UnavailableError("cannot read the export");
  auto report = restorer.Finish();
  (*store)->Close();
  if (!report.ok()) return report.status();
  if (auto st = base::SyncFolder(data_dir); !st.ok()) return st;
  return report;
}

}  // namespace

absl::StatusOr<RestoreReport> RestoreLog(const std::string& export_path,
                                         const std::string& data_dir,
                                         const std::function<void(uint64_t)>& progress) {
  if (auto st = CheckEmptyFolder(data_dir); !st.ok()) return st;
  std::ifstream in(export_path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open the export ", export_path));
  std::error_code ec;
  const bool existed = fs::exists(data_dir, ec);
  auto report = RestoreInto(in, data_dir, progress);
  if (report.ok()) return report;
  // Nothing half-restored is left behind: the folder was empty, or absent, before.
  if (existed) {
    for (const auto& entry : fs::directory_iterator(data_dir, ec)) {
      if (ec) break;
      fs::remove_all(entry, ec);
      if (ec) break;
    }
  } else {
    fs::remove_all(data_dir, ec);
  }
  if (ec) {
    return absl::Status(
        report.status().code(),
        absl::StrCat(report.status().message(), "; and ", data_dir, " could not be emptied again (",
                     ec.message(), "): remove it by hand"));
  }
  return report;
}

}  // namespace coop::services
