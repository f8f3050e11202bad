#include "services/head_publisher.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "verify/canonical.h"

namespace coop::services {
namespace {

// Appends `line` to `path` and syncs it.
absl::Status AppendSynced(const std::string& path, const std::string& line) {
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot open ", path, " to publish heads: ", std::strerror(errno)));
  }
  // A line cut short by an earlier failed write (a full disk) is ended first, so the next
  // head starts a line of its own.
  std::string text = line;
  const off_t size = ::lseek(fd, 0, SEEK_END);
  char last = '\n';
  if (size > 0 && ::pread(fd, &last, 1, size - 1) == 1 && last != '\n') text = "\n" + text;
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    written += static_cast<size_t>(n);
  }
  const bool ok = written == text.size() && ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok) {
    return absl::UnavailableError(
        absl::StrCat("cannot write a head to ", path, ": ", std::strerror(error)));
  }
  return absl::OkStatus();
}

}  // namespace

HeadPublisher::HeadPublisher(eventstore::EventStore* log, const TreeHeadSigner* signer,
                             Options options)
    : log_(log), signer_(signer), options_(std::move(options)) {}

absl::StatusOr<std::unique_ptr<HeadPublisher>> HeadPublisher::Start(eventstore::EventStore* log,
                                                                    const TreeHeadSigner* signer,
                                                                    Options options) {
  if (options.interval < absl::Seconds(1)) {
    return absl::InvalidArgumentError("the interval between published heads: at least 1 second");
  }
  std::unique_ptr<HeadPublisher> publisher(new HeadPublisher(log, signer, std::move(options)));
  if (auto st = publisher->PublishIfGrown(); !st.ok()) return st;
  publisher->thread_ = std::thread([p = publisher.get()] { p->Loop(); });
  return publisher;
}

HeadPublisher::~HeadPublisher() { Stop(); }

void HeadPublisher::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  if (auto st = PublishIfGrown(); !st.ok() && options_.log) {
    options_.log->Error("heads", "không công bố được đầu cây / a tree head was not published",
                        {{"file", options_.file}, {"error", st.message()}});
  }
}

uint64_t HeadPublisher::published_size() const {
  absl::MutexLock lock(&mu_);
  return published_size_;
}

absl::Status HeadPublisher::PublishIfGrown() {
  {
    // The log's head position says whether it grew; a head is signed only if it did.
    absl::MutexLock lock(&mu_);
    if (published_any_ && log_->GetLogInfo().head_position() == published_size_) {
      return absl::OkStatus();
    }
  }
  auto head = signer_->HeadOf(*log_, 0);
  if (!head.ok()) return head.status();
  {
    absl::MutexLock lock(&mu_);
    if (published_any_ && head->size() == published_size_) return absl::OkStatus();
  }
  google::protobuf::util::JsonPrintOptions json;
  json.preserve_proto_field_names = true;
  std::string line;
  if (!google::protobuf::util::MessageToJsonString(*head, &line, json).ok()) {
    return absl::InternalError("cannot write a head as JSON");
  }
  if (auto st = AppendSynced(options_.file, line + "\n"); !st.ok()) return st;
  if (options_.log) {
    options_.log->Info("heads", "đã công bố đầu cây đã ký / signed tree head published",
                       {{"size", head->size()},
                        {"root", verify::HexEncode(head->root_hash())},
                        {"key", head->key_id()},
                        {"file", options_.file}});
  }
  absl::MutexLock lock(&mu_);
  published_any_ = true;
  published_size_ = head->size();
  return absl::OkStatus();
}

void HeadPublisher::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.interval)) return;
    }
    if (absl::Status st = PublishIfGrown(); !st.ok() && options_.log) {
      options_.log->Error("heads", "không công bố được đầu cây / a tree head was not published",
                          {{"file", options_.file}, {"error", st.message()}});
    }
  }
}

}  // namespace coop::services
